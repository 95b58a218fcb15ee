//! `--as-of DATE|SEQ`: a point in history, by calendar date or by sequence number.

use crate::core::time::{Date, Timestamp};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOf {
    /// Records up to and including this sequence number.
    Seq(u64),
    /// Records written on or before this date (UTC).
    Date(Date),
}

impl AsOf {
    /// Whether record `seq`, written at `recorded_at`, is part of history
    /// as of this point.
    pub fn includes(self, seq: u64, recorded_at: Timestamp) -> bool {
        match self {
            AsOf::Seq(s) => seq <= s,
            AsOf::Date(d) => recorded_at.date() <= d,
        }
    }

    pub fn parse(s: &str) -> Result<AsOf, String> {
        let t = s.trim();
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            return t
                .parse::<u64>()
                .ok()
                .filter(|n| *n >= 1)
                .map(AsOf::Seq)
                .ok_or_else(|| format!("'{s}' is not a sequence number; expected a whole number from 1"));
        }
        Date::parse(t)
            .map(AsOf::Date)
            .map_err(|_| format!("'{s}' is neither a date nor a sequence number; expected YYYY-MM-DD or SEQ"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        assert_eq!(AsOf::parse("12").unwrap(), AsOf::Seq(12));
        assert!(matches!(AsOf::parse("2026-01-31").unwrap(), AsOf::Date(_)));
        assert!(AsOf::parse("0").is_err());
        assert!(AsOf::parse("last week").unwrap_err().contains("YYYY-MM-DD or SEQ"));
    }
}
