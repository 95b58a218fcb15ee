//! ISO weeks: the unit of cadence and leading indicators.

use crate::core::time::Date;
use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;

/// An ISO 8601 week (`YYYY-Www`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    pub year: i32,
    pub week: u8,
}

impl Week {
    pub fn of(date: Date) -> Week {
        let iso = date.0.iso_week();
        Week { year: iso.year(), week: iso.week() as u8 }
    }

    /// Parses `YYYY-Www` (e.g. 2026-W07).
    pub fn parse(s: &str) -> Result<Week, String> {
        let bad = || format!("'{s}' is not an ISO week; expected YYYY-Www, e.g. 2026-W07");
        let (y, w) = s.trim().split_once("-W").ok_or_else(bad)?;
        if y.len() != 4 || w.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let week: u32 = w.parse().map_err(|_| bad())?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(Week { year, week: week as u8 })
    }

    pub fn monday(self) -> Date {
        Date(
            NaiveDate::from_isoywd_opt(self.year, u32::from(self.week), Weekday::Mon)
                .unwrap_or(NaiveDate::MIN),
        )
    }

    pub fn sunday(self) -> Date {
        self.monday().add_days(6)
    }

    pub fn next(self) -> Week {
        Week::of(self.monday().add_days(7))
    }

    pub fn prev(self) -> Week {
        Week::of(self.monday().add_days(-7))
    }

    /// The last week that has fully ended before `date`'s week began.
    pub fn last_complete_before(date: Date) -> Week {
        Week::of(date).prev()
    }

    /// The week still running on the as-of day: the one that holds it. An
    /// as-of date is a whole day (every record written on or before it), so
    /// on a Sunday that week has not ended yet, and on a Monday the week just
    /// begun is in progress while the one before is complete. Reports show
    /// this week beside the complete ones and never count it in a rate that
    /// metrics.md defines over complete weeks.
    pub fn in_progress(as_of: Date) -> Week {
        Week::of(as_of)
    }

    /// Weeks from `self` to `last`, inclusive (empty when `last` is earlier).
    pub fn through(self, last: Week) -> Vec<Week> {
        let mut out = Vec::new();
        let mut w = self;
        while w <= last {
            out.push(w);
            w = w.next();
        }
        out
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn iso_weeks_cross_years() {
        assert_eq!(Week::of(d("2026-01-01")).to_string(), "2026-W01");
        assert_eq!(Week::of(d("2027-01-01")).to_string(), "2026-W53");
        assert_eq!(Week::parse("2026-W53").unwrap().next().to_string(), "2027-W01");
        assert!(Week::parse("2025-W53").is_err());
        assert!(Week::parse("2026-7").is_err());
        assert_eq!(Week::parse("2026-W02").unwrap().monday(), d("2026-01-05"));
        assert_eq!(Week::last_complete_before(d("2026-01-07")).to_string(), "2026-W01");
        assert_eq!(Week::of(d("2026-01-05")).through(Week::of(d("2026-01-19"))).len(), 3);
    }

    #[test]
    fn the_week_in_progress_holds_the_as_of_day_from_monday_to_sunday() {
        // Mon 2026-01-05 opens W02: W02 is in progress, W01 complete.
        assert_eq!(Week::in_progress(d("2026-01-05")).to_string(), "2026-W02");
        assert_eq!(Week::last_complete_before(d("2026-01-05")).to_string(), "2026-W01");
        // Sun 2026-01-11, W02's last day: still in progress, W01 still the last complete.
        assert_eq!(Week::in_progress(d("2026-01-11")).to_string(), "2026-W02");
        assert_eq!(Week::last_complete_before(d("2026-01-11")).to_string(), "2026-W01");
        // The next Monday: W02 has become complete.
        assert_eq!(Week::last_complete_before(d("2026-01-12")), Week::in_progress(d("2026-01-11")));
        // Always the week right after the last complete one.
        for day in ["2026-12-28", "2027-01-03", "2027-01-04", "2024-12-30", "2026-02-28"] {
            assert_eq!(Week::in_progress(d(day)), Week::last_complete_before(d(day)).next(), "{day}");
        }
    }

    #[test]
    fn the_week_in_progress_follows_iso_weeks_not_the_calendar_or_fiscal_year() {
        // Fri 2027-01-01 is in 2026-W53; the ISO year, not the calendar year, names it.
        assert_eq!(Week::in_progress(d("2027-01-01")).to_string(), "2026-W53");
        assert_eq!(Week::in_progress(d("2027-01-01")).monday(), d("2026-12-28"));
        // Mon 2024-12-30 is already 2025-W01.
        assert_eq!(Week::in_progress(d("2024-12-30")).to_string(), "2025-W01");
        // A fiscal year starting in April changes nothing: weeks take only a date.
        assert_eq!(Week::in_progress(d("2026-04-01")).to_string(), "2026-W14");
        assert_eq!(Week::in_progress(d("2026-03-31")).to_string(), "2026-W14");
    }
}
