//! Reporting periods: `YYYY-MM`, `YYYY-Qn`, `YYYY`. Quarters and years are
//! fiscal: fiscal year `YYYY` begins on the first day of the fiscal start
//! month of calendar year `YYYY` (with a January start, fiscal = calendar).

use crate::core::time::Date;
use chrono::{Datelike, Months, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A calendar month.
    Month { year: i32, month: u8 },
    /// A fiscal quarter (1–4) of fiscal year `year`.
    Quarter { year: i32, quarter: u8 },
    /// A fiscal year.
    Year { year: i32 },
}

const ACCEPTED: &str = "expected YYYY-MM, YYYY-Qn or YYYY, e.g. 2026-03, 2026-Q1, 2026";

impl Period {
    pub fn parse(s: &str) -> Result<Period, String> {
        let t = s.trim();
        let bad = || format!("'{s}' is not a period; {ACCEPTED}");
        let year = |y: &str| -> Result<i32, String> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse::<i32>().map_err(|_| bad()).and_then(|v| if v >= 1900 { Ok(v) } else { Err(bad()) })
            } else {
                Err(bad())
            }
        };
        match t.split_once('-') {
            None => Ok(Period::Year { year: year(t)? }),
            Some((y, rest)) => {
                let year = year(y)?;
                if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
                    match q {
                        "1" | "2" | "3" | "4" => {
                            Ok(Period::Quarter { year, quarter: q.parse().map_err(|_| bad())? })
                        }
                        _ => Err(bad()),
                    }
                } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    let month: u8 = rest.parse().map_err(|_| bad())?;
                    if (1..=12).contains(&month) {
                        Ok(Period::Month { year, month })
                    } else {
                        Err(bad())
                    }
                } else {
                    Err(bad())
                }
            }
        }
    }

    /// First day, given the fiscal-year start month (1–12).
    pub fn first_day(self, fiscal_start: u8) -> Date {
        let fy_start = |y: i32| NaiveDate::from_ymd_opt(y, u32::from(fiscal_start.clamp(1, 12)), 1);
        let d = match self {
            Period::Month { year, month } => NaiveDate::from_ymd_opt(year, u32::from(month), 1),
            Period::Quarter { year, quarter } => {
                fy_start(year).and_then(|d| d.checked_add_months(Months::new(3 * u32::from(quarter - 1))))
            }
            Period::Year { year } => fy_start(year),
        };
        Date(d.unwrap_or(NaiveDate::MIN))
    }

    /// Last day (inclusive).
    pub fn last_day(self, fiscal_start: u8) -> Date {
        let months = match self {
            Period::Month { .. } => 1,
            Period::Quarter { .. } => 3,
            Period::Year { .. } => 12,
        };
        let first = self.first_day(fiscal_start).0;
        let next = first.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
        Date(next.pred_opt().unwrap_or(first))
    }

    pub fn contains(self, date: Date, fiscal_start: u8) -> bool {
        self.first_day(fiscal_start) <= date && date <= self.last_day(fiscal_start)
    }

    /// The months that make up this period, in order.
    pub fn months(self, fiscal_start: u8) -> Vec<Period> {
        let first = self.first_day(fiscal_start).0;
        let last = self.last_day(fiscal_start).0;
        let mut out = Vec::new();
        let mut d = first;
        while d <= last {
            out.push(Period::Month { year: d.year(), month: d.month() as u8 });
            match d.checked_add_months(Months::new(1)) {
                Some(n) => d = n,
                None => break,
            }
        }
        out
    }

    /// The fiscal quarter containing `date`.
    pub fn quarter_of(date: Date, fiscal_start: u8) -> Period {
        let start = i32::from(fiscal_start.clamp(1, 12));
        let months_into = (date.0.month() as i32 - start).rem_euclid(12);
        let year = if (date.0.month() as i32) >= start { date.0.year() } else { date.0.year() - 1 };
        Period::Quarter { year, quarter: (months_into / 3 + 1) as u8 }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year { year } => write!(f, "{year:04}"),
        }
    }
}

/// Compact on disk: (kind, year, n).
#[derive(Serialize, Deserialize)]
struct CompactPeriod(u8, i32, u8);

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return s.collect_str(self);
        }
        let c = match *self {
            Period::Month { year, month } => CompactPeriod(0, year, month),
            Period::Quarter { year, quarter } => CompactPeriod(1, year, quarter),
            Period::Year { year } => CompactPeriod(2, year, 0),
        };
        c.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            return Period::parse(&s).map_err(de::Error::custom);
        }
        let CompactPeriod(kind, year, n) = CompactPeriod::deserialize(d)?;
        // The same years `parse` accepts, so every stored period also
        // round-trips through its text form (exports).
        if !(1900..=9999).contains(&year) {
            return Err(de::Error::custom("period year out of range"));
        }
        match (kind, n) {
            (0, 1..=12) => Ok(Period::Month { year, month: n }),
            (1, 1..=4) => Ok(Period::Quarter { year, quarter: n }),
            (2, 0) => Ok(Period::Year { year }),
            _ => Err(de::Error::custom("invalid period")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_and_prints() {
        for s in ["2026-03", "2026-Q4", "2026"] {
            assert_eq!(Period::parse(s).unwrap().to_string(), s);
        }
        for bad in ["2026-13", "2026-Q5", "26", "2026-3", "2026Q1", "", "Q1-2026"] {
            assert!(Period::parse(bad).unwrap_err().contains("YYYY-Qn"), "{bad}");
        }
    }

    #[test]
    fn fiscal_quarters_follow_the_start_month() {
        let q1 = Period::parse("2026-Q1").unwrap();
        assert_eq!((q1.first_day(1), q1.last_day(1)), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!((q1.first_day(4), q1.last_day(4)), (d("2026-04-01"), d("2026-06-30")));
        let q4 = Period::parse("2026-Q4").unwrap();
        assert_eq!((q4.first_day(4), q4.last_day(4)), (d("2027-01-01"), d("2027-03-31")));
        let y = Period::parse("2026").unwrap();
        assert_eq!(y.last_day(7), d("2027-06-30"));
        assert_eq!(y.months(7).len(), 12);
        assert_eq!(Period::quarter_of(d("2027-02-10"), 4), q4);
        assert_eq!(Period::quarter_of(d("2026-02-10"), 1), q1);
    }
}
