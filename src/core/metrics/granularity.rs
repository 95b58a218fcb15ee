//! Months, quarters and years are scored apart (metrics.md § 10.2): a
//! quarter's revenue is its months' revenue, so one WAPE over both would
//! count it twice.

use crate::core::period::Period;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Granularity {
    Month,
    #[default]
    Quarter,
    Year,
}

impl Granularity {
    pub fn of(period: Period) -> Granularity {
        match period {
            Period::Month { .. } => Granularity::Month,
            Period::Quarter { .. } => Granularity::Quarter,
            Period::Year { .. } => Granularity::Year,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Result<Granularity, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "month" => Ok(Granularity::Month),
            "quarter" => Ok(Granularity::Quarter),
            "year" => Ok(Granularity::Year),
            other => Err(format!("'{other}' is not a granularity: month, quarter or year")),
        }
    }
}
