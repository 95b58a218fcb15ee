//! Week-over-week change of the brief's figures: the brief compared with
//! the same brief as of a week earlier ("last week": the same period, as
//! the record stood 7 days before `until`, judged on that day). Pure: two
//! report values in, the changes out; the page only words them.

use crate::core::brief::Brief;

/// Days between a brief and the one it is compared with.
pub const WEEK: i64 = 7;

/// The day "last week" is judged on: 7 days before the brief's end.
pub fn week_before(b: &Brief) -> crate::core::Date {
    b.until.add_days(-WEEK)
}

/// The same brief from the state as the record stood on `week_before(b)`
/// (read by the caller), or None before the ledger's opening.
pub fn last_week(then: &crate::core::state::State, b: &Brief) -> Option<Brief> {
    let until = week_before(b);
    then.ledger.is_some().then(|| crate::core::brief::brief(then, b.period, b.since.add_days(-WEEK), until))
}

/// How a figure moved since last week.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// Up or down by this share of last week's figure (0.12 = 12 %).
    By(f64),
    Same,
    /// Last week's figure was zero, so a share means nothing.
    FromZero {
        up: bool,
    },
    /// There is no figure to compare with (none last week, or none now).
    Unknown,
}

/// Which way is better for a figure, so a change can be called good or bad.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

/// `now` against `before`.
pub fn change(now: Option<f64>, before: Option<f64>) -> Change {
    match (now, before) {
        (Some(n), Some(b)) if n == b => Change::Same,
        (Some(n), Some(0.0)) => Change::FromZero { up: n > 0.0 },
        (Some(n), Some(b)) => Change::By((n - b) / b.abs()),
        _ => Change::Unknown,
    }
}

impl Change {
    /// "▲ 12% vs last week", "▼ 3% vs last week", "no change vs last week".
    pub fn text(self) -> String {
        match self {
            Change::Same => "no change vs last week".into(),
            Change::By(r) => {
                let arrow = if r > 0.0 { '▲' } else { '▼' };
                let pct = (r.abs() * 100.0).round();
                if pct < 1.0 {
                    format!("{arrow} <1% vs last week")
                } else {
                    format!("{arrow} {pct:.0}% vs last week")
                }
            }
            Change::FromZero { up } => format!("{} from 0 last week", if up { '▲' } else { '▼' }),
            Change::Unknown => "no figure a week earlier".into(),
        }
    }

    /// "good", "bad" or "" (neutral), for the colour beside the words.
    pub fn tone(self, better: Better) -> &'static str {
        let up = match self {
            Change::By(r) => r > 0.0,
            Change::FromZero { up } => up,
            Change::Same | Change::Unknown => return "",
        };
        match (better, up) {
            (Better::Higher, true) | (Better::Lower, false) => "good",
            (Better::Higher, false) | (Better::Lower, true) => "bad",
            (Better::Neither, _) => "",
        }
    }
}

/// The change of each figure card at the top of the brief.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardChanges {
    pub goal: Change,
    pub actual: Change,
    pub gap: Change,
    pub pipeline: Change,
    pub coverage: Change,
}

/// Each card's figure now against last week's (`None`: no brief a week
/// earlier, e.g. the ledger was not open yet).
pub fn week_over_week(now: &Brief, last_week: Option<&Brief>) -> CardChanges {
    let money = |f: fn(&Brief) -> Option<i64>| {
        change(f(now).map(|v| v as f64), last_week.and_then(f).map(|v| v as f64))
    };
    CardChanges {
        goal: money(|b| b.revenue.goal.map(|m| m.0)),
        actual: money(|b| Some(b.revenue.actual_to_date.0)),
        gap: money(|b| b.revenue.gap.map(|m| m.0)),
        pipeline: money(|b| Some(b.revenue.open_in_period.0)),
        coverage: change(now.revenue.coverage, last_week.and_then(|b| b.revenue.coverage)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::brief::brief;
    use crate::core::testing::{d, state_with};

    #[test]
    fn changes_are_shares_of_last_weeks_figure() {
        assert_eq!(change(Some(112.0), Some(100.0)).text(), "▲ 12% vs last week");
        assert_eq!(change(Some(97.0), Some(100.0)).text(), "▼ 3% vs last week");
        assert_eq!(change(Some(100.0), Some(100.0)).text(), "no change vs last week");
        assert_eq!(change(Some(100.2), Some(100.0)).text(), "▲ <1% vs last week");
        assert_eq!(change(Some(5.0), Some(0.0)).text(), "▲ from 0 last week");
        assert_eq!(change(Some(5.0), None).text(), "no figure a week earlier");
        assert_eq!(change(None, Some(5.0)), Change::Unknown);
        // A negative figure (a gap passed) is compared by its size.
        assert_eq!(change(Some(-50.0), Some(-100.0)), Change::By(0.5));
    }

    #[test]
    fn a_change_is_good_or_bad_by_what_the_figure_means() {
        let up = change(Some(2.0), Some(1.0));
        let down = change(Some(1.0), Some(2.0));
        assert_eq!(
            (up.tone(Better::Higher), up.tone(Better::Lower), up.tone(Better::Neither)),
            ("good", "bad", "")
        );
        assert_eq!((down.tone(Better::Higher), down.tone(Better::Lower)), ("bad", "good"));
        assert_eq!(Change::Same.tone(Better::Higher), "");
        assert_eq!(Change::Unknown.tone(Better::Lower), "");
    }

    #[test]
    fn the_cards_compare_two_briefs_of_the_same_ledger() {
        let s = state_with(vec![]);
        let now = brief(&s, crate::core::Period::parse("2026-Q1").unwrap(), d("2026-01-05"), d("2026-01-12"));
        let same = week_over_week(&now, Some(&now));
        assert_eq!((same.actual, same.pipeline), (Change::Same, Change::Same));
        let mut earlier = now.clone();
        earlier.revenue.actual_to_date.0 = now.revenue.actual_to_date.0 + 400;
        earlier.revenue.open_in_period.0 = 0;
        let c = week_over_week(&now, Some(&earlier));
        assert!(matches!(c.actual, Change::By(r) if r < 0.0), "{c:?}");
        assert_eq!(week_over_week(&now, None).actual, Change::Unknown);
    }
}
