//! Late-recorded facts count when they were recorded (metrics.md § 10 rule 5).
//!
//! A fact carries the date it says it was true (`--on`, `--date`) and the
//! date it was written. Timeliness metrics (kept on time, bad news early,
//! lead days, cadence) read every date that claims timeliness through
//! `counting_date`, so dating a fact back cannot make it count as on time.

use crate::core::time::Date;

/// How many days a fact may be dated before the day it was written and
/// still count at its own date: entering Friday's fact on Sunday is fine.
pub const GRACE_DAYS: i64 = 2;

/// A fact dated more than `GRACE_DAYS` before the day it was written.
pub fn recorded_late(effective: Date, recorded: Date) -> bool {
    effective < recorded.add_days(-GRACE_DAYS)
}

/// The date a fact counts at: its own date, or the day it was written when
/// it was recorded late.
pub fn counting_date(effective: Date, recorded: Date) -> Date {
    if recorded_late(effective, recorded) {
        recorded
    } else {
        effective
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::d;

    #[test]
    fn more_than_two_days_back_counts_at_the_recorded_date() {
        // Recorded Jan 30: Jan 28 is exactly 2 days back (30 − 28 = 2, not more) → its own date.
        assert!(!recorded_late(d("2026-01-28"), d("2026-01-30")));
        assert_eq!(counting_date(d("2026-01-28"), d("2026-01-30")), d("2026-01-28"));
        // Jan 27 is 3 days back (30 − 27 = 3 > 2) → counts on Jan 30.
        assert!(recorded_late(d("2026-01-27"), d("2026-01-30")));
        assert_eq!(counting_date(d("2026-01-27"), d("2026-01-30")), d("2026-01-30"));
        // Same day, and across a month end: Feb 1 − 2 days = Jan 30.
        assert_eq!(counting_date(d("2026-02-01"), d("2026-02-01")), d("2026-02-01"));
        assert!(!recorded_late(d("2026-01-30"), d("2026-02-01")));
        assert!(recorded_late(d("2026-01-29"), d("2026-02-01")));
    }
}
