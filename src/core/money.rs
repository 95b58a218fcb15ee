//! Money as integer minor units. Amounts are parsed exactly from text
//! (`1250000`, `1,250,000`, `1.25M`, `250k`, `1250.50`); no float is ever used.

use serde::{Deserialize, Serialize};

/// An amount in minor units of the ledger's currency (cents for USD).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

/// How many minor-unit digits a currency has (ISO 4217; 2 for a code the
/// table does not know, as ledgers opened before the check may hold one).
pub fn currency_exponent(code: &str) -> u32 {
    crate::core::currency::exponent(code).unwrap_or(2)
}

/// Checks a currency code: an active ISO 4217 code, in any case.
pub fn validate_currency(code: &str) -> Result<String, String> {
    let c = code.trim().to_ascii_uppercase();
    if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(format!("'{code}' is not a currency code; expected three letters, e.g. USD, EUR, JPY"));
    }
    if crate::core::currency::exponent(&c).is_none() {
        return Err(format!(
            "'{}' is not an ISO 4217 currency code; ISO 4217 codes are accepted, e.g. USD, EUR, JPY",
            code.trim()
        ));
    }
    Ok(c)
}

/// The largest amount accepted, in minor units: far above any revenue, and
/// low enough that sums of thousands of amounts cannot overflow.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

const ACCEPTED: &str = "expected an amount such as 1250000, 1,250,000, 1.25M or 250k";

impl Money {
    /// Parses a non-negative amount in major units into minor units.
    pub fn parse(text: &str, exponent: u32) -> Result<Money, String> {
        let bad = |why: &str| format!("'{text}' {why}; {ACCEPTED}");
        let t = text.trim();
        let (number, suffix_pow) = match t.chars().last() {
            Some('k' | 'K') => (&t[..t.len() - 1], 3),
            Some('m' | 'M') => (&t[..t.len() - 1], 6),
            Some('b' | 'B') => (&t[..t.len() - 1], 9),
            _ => (t, 0),
        };
        if number.starts_with('-') {
            return Err(bad("is negative"));
        }
        let (int_part, frac_part) = match number.split_once('.') {
            Some((i, f)) => (i, f),
            None => (number, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(bad("is not an amount"));
        }
        let int_digits = strip_grouping(int_part).ok_or_else(|| bad("is not an amount"))?;
        if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("is not an amount"));
        }
        let scale = exponent + suffix_pow;
        let frac_len = frac_part.len() as u32;
        if frac_len > scale {
            return Err(bad("has more decimals than the currency allows"));
        }
        let digits = format!("{int_digits}{frac_part}");
        let digits = if digits.is_empty() { "0".into() } else { digits };
        let base: i64 = digits.parse().map_err(|_| bad("is too large"))?;
        10i64
            .checked_pow(scale - frac_len)
            .and_then(|m| base.checked_mul(m))
            .filter(|m| *m <= MAX_MINOR)
            .map(Money)
            .ok_or_else(|| {
                bad(&format!("is too large; at most {} is accepted", Money(MAX_MINOR).format(exponent)))
            })
    }

    /// Formats in major units with thousands separators, decimals only when
    /// the amount has a fractional part.
    pub fn format(self, exponent: u32) -> String {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let unit = 10u64.pow(exponent);
        let (major, minor) = (abs / unit, abs % unit);
        let mut s = group_thousands(major);
        if minor != 0 {
            s.push_str(&format!(".{:0width$}", minor, width = exponent as usize));
        }
        if neg {
            format!("-{s}")
        } else {
            s
        }
    }
}

fn strip_grouping(int_part: &str) -> Option<String> {
    if int_part.is_empty() {
        return Some(String::new());
    }
    if !int_part.contains(',') {
        return int_part.bytes().all(|b| b.is_ascii_digit()).then(|| int_part.to_string());
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| groups.concat())
}

fn group_thousands(n: u64) -> String {
    let raw = n.to_string();
    let mut out = String::with_capacity(raw.len() + raw.len() / 3);
    for (i, c) in raw.chars().enumerate() {
        if i > 0 && (raw.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_accepted_form_exactly() {
        let p = |s| Money::parse(s, 2).unwrap().0;
        assert_eq!(p("1250000"), 125_000_000);
        assert_eq!(p("1,250,000"), 125_000_000);
        assert_eq!(p("1.25M"), 125_000_000);
        assert_eq!(p("250k"), 25_000_000);
        assert_eq!(p("1250.5"), 125_050);
        assert_eq!(p("0.01"), 1);
        assert_eq!(p(".5k"), 50_000);
        assert_eq!(Money::parse("1.5k", 0).unwrap().0, 1_500);
    }

    #[test]
    fn rejects_malformed_amounts_with_the_accepted_forms() {
        for bad in ["", "abc", "-5", "1,25,000", "1.2.3", "0.001", "1e6", "12,", "k", "99999999999999999999"]
        {
            let err = Money::parse(bad, 2).unwrap_err();
            assert!(err.contains("1.25M"), "{bad}: {err}");
        }
        assert!(Money::parse("0.5", 0).is_err());
    }

    #[test]
    fn formats_with_grouping() {
        assert_eq!(Money(125_000_000).format(2), "1,250,000");
        assert_eq!(Money(125_050).format(2), "1,250.50");
        assert_eq!(Money(-1_000).format(0), "-1,000");
        assert_eq!(Money(0).format(2), "0");
    }
}
