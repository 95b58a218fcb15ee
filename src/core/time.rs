//! Dates and instants. On disk they are compact integers; in JSON and on
//! screen they are ISO 8601 strings. The switch is serde's
//! `is_human_readable`, so one type serves both the record codec and exports.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeZone, Utc};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (when a fact was true).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// An instant in UTC with microsecond precision (when a record was written).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Date {
    pub fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(y, m, d).map(Date)
    }

    /// Parses `YYYY-MM-DD`; the error says what is accepted.
    pub fn parse(s: &str) -> Result<Date, String> {
        let t = s.trim();
        let ok = t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-';
        match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) if ok => Ok(Date(d)),
            _ => Err(format!("'{s}' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31")),
        }
    }

    /// The first Friday after this date (a commitment's natural due date).
    pub fn next_friday(self) -> Date {
        let ahead = (4 + 7 - self.0.weekday().num_days_from_monday() as i64) % 7;
        Date(self.0 + chrono::Duration::days(if ahead == 0 { 7 } else { ahead }))
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0 + chrono::Duration::days(days))
    }

    pub fn days_from_ce(self) -> i32 {
        self.0.num_days_from_ce()
    }

    pub fn from_days_from_ce(days: i32) -> Option<Date> {
        NaiveDate::from_num_days_from_ce_opt(days).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Timestamp {
    pub fn from_micros(micros: i64) -> Timestamp {
        Timestamp(micros)
    }

    pub fn micros(self) -> i64 {
        self.0
    }

    pub fn from_datetime(dt: DateTime<Utc>) -> Timestamp {
        Timestamp(dt.timestamp_micros())
    }

    pub fn to_datetime(self) -> DateTime<Utc> {
        Utc.timestamp_micros(self.0).single().unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    }

    /// Parses RFC 3339 (any offset; stored as UTC).
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        DateTime::parse_from_rfc3339(s.trim())
            .map(|d| Timestamp::from_datetime(d.with_timezone(&Utc)))
            .map_err(|_| format!("'{s}' is not an RFC 3339 time; expected e.g. 2026-03-31T09:00:00Z"))
    }

    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        Date(self.to_datetime().date_naive())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_datetime().to_rfc3339_opts(SecondsFormat::AutoSi, true);
        f.write_str(&s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_i32(self.days_from_ce())
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        if d.is_human_readable() {
            // Any date the compact form can hold (chrono writes years past
            // 9999 as +10000-01-01), so every stored record exports and
            // restores; people type dates through the stricter `parse`.
            let s = String::deserialize(d)?;
            s.parse::<NaiveDate>().map(Date).map_err(|_| {
                de::Error::custom(format!("'{s}' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31"))
            })
        } else {
            let days = i32::deserialize(d)?;
            Date::from_days_from_ce(days).ok_or_else(|| de::Error::custom("date out of range"))
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_i64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            Timestamp::parse(&s).map_err(de::Error::custom)
        } else {
            i64::deserialize(d).map(Timestamp)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_parse_accepts_iso_only() {
        assert_eq!(Date::parse("2026-02-28").unwrap().to_string(), "2026-02-28");
        for bad in ["2026-02-30", "26-02-28", "2026/02/28", "2026-2-8", "", "tomorrow"] {
            let err = Date::parse(bad).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn next_friday_is_strictly_after() {
        let f = |s| Date::parse(s).unwrap().next_friday().to_string();
        assert_eq!(f("2026-01-05"), "2026-01-09"); // Monday
        assert_eq!(f("2026-01-09"), "2026-01-16"); // Friday
        assert_eq!(f("2026-01-10"), "2026-01-16"); // Saturday
    }

    #[test]
    fn timestamp_round_trips_through_rfc3339() {
        let t = Timestamp::parse("2026-01-05T09:30:00+02:00").unwrap();
        assert_eq!(t.to_string(), "2026-01-05T07:30:00Z");
        assert_eq!(Timestamp::parse(&t.to_string()).unwrap(), t);
        assert!(Timestamp::parse("2026-01-05").is_err());
    }
}
