//! The brief's window: the focus period and the interval it reviews.

use crate::core::period::Period;
use crate::core::state::{Meeting, State};
use crate::core::time::Date;
use crate::error::{Error, Result};

/// What a brief covers: `(since, until]` for what changed, `period` for the
/// revenue, the pipeline in focus and the big deals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub period: Period,
    pub since: Date,
    pub until: Date,
}

/// The last meeting held before `until`. A meeting held on `until` itself
/// is the one this brief prepares, so the brief of a meeting reads the same
/// before and after it is recorded.
pub fn last_meeting_before(state: &State, until: Date) -> Option<&Meeting> {
    state.meetings.iter().filter(|m| m.held() && m.date < until).max_by_key(|m| (m.date, m.origin.seq))
}

/// Fills in the defaults: until today, the fiscal quarter of `until`, and
/// since the last meeting held (else the day the ledger was opened).
pub fn window(
    state: &State,
    period: Option<Period>,
    since: Option<Date>,
    until: Option<Date>,
    today: Date,
) -> Result<Window> {
    let info = state.info();
    let until = until.unwrap_or(today);
    if until > today {
        return Err(Error::input(
            "--until",
            format!("{until} is after today ({today}); a brief reviews what has happened"),
        ));
    }
    let since = match since {
        Some(s) => s,
        None => {
            last_meeting_before(state, until).map_or(info.opened.recorded_at.date().min(until), |m| m.date)
        }
    };
    if since > until {
        return Err(Error::input(
            "--since",
            format!("{since} is after the end of the interval ({until}); give a date on or before it"),
        ));
    }
    let period = period.unwrap_or_else(|| Period::quarter_of(until, info.fiscal_year_start));
    Ok(Window { period, since, until })
}
