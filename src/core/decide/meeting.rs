//! Meetings: held (with the answers to the three questions) or skipped.
//! One meeting per date, so the cadence audit counts each week once.

use super::{fact_date, member};
use crate::core::event::Event;
use crate::core::state::{Meeting, State};
use crate::core::text;
use crate::core::time::Date;
use crate::core::vocab::Answer;
use crate::error::{Error, FieldContext, Result};

/// What `--adjust` stores when the two agreed not to change the plan. The
/// field is optional, so three cases stay distinct: `None` (the question
/// was not answered), `Some("none")` (answered: no adjustment) and any
/// other text (the adjustment agreed, how and when).
pub const NO_ADJUSTMENT: &str = "none";

/// Highest meeting rating (how useful the meeting was, 1–10).
pub const MAX_RATING: u8 = 10;

pub struct HeldMeeting {
    pub date: Option<Date>,
    pub worked_plan: Option<Answer>,
    pub results: Option<Answer>,
    pub adjust: Option<String>,
    pub note: Option<String>,
    /// Role words or names; empty means the CEO and the sales leader.
    pub attendees: Vec<String>,
    pub rating: Option<u8>,
}

pub fn hold(state: &State, m: HeldMeeting, today: Date) -> Result<Event> {
    let date = fact_date(m.date, today, "--date")?;
    date_is_free(state, date, None)?;
    let attendees = attendees(state, &m.attendees)?;
    let adjust = m.adjust.as_deref().map(adjustment).transpose()?;
    let note = m.note.as_deref().map(|n| text::text(n, text::MAX_TEXT).field("--note")).transpose()?;
    if let Some(r) = m.rating {
        rating(r).field("--rating")?;
    }
    Ok(Event::MeetingHeld {
        date,
        attendees,
        worked_plan: m.worked_plan,
        results: m.results,
        adjust,
        note,
        rating: m.rating,
    })
}

pub fn skip(state: &State, date: Date, reason: &str, today: Date) -> Result<Event> {
    let date = fact_date(Some(date), today, "--date")?;
    date_is_free(state, date, None)?;
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::MeetingSkipped { date, reason })
}

/// Refuses a second meeting on `date`; `except` is a record being corrected.
pub fn date_is_free(state: &State, date: Date, except: Option<u64>) -> Result<()> {
    let taken = state.meetings.iter().find(|m| m.date == date && Some(m.origin.seq) != except);
    match taken {
        Some(m) => Err(Error::input(
            "--date",
            format!(
                "a meeting on {date} is already recorded as {} (record {}); one meeting per date",
                if m.held() { "held" } else { "skipped" },
                m.origin.seq
            ),
        )),
        None => Ok(()),
    }
}

/// The attendees' names: role words resolved, duplicates dropped, and the
/// CEO and the sales leader when nobody is named.
pub fn attendees(state: &State, given: &[String]) -> Result<Vec<String>> {
    let info = state.info();
    if given.is_empty() {
        return Ok(vec![info.ceo.clone(), info.leader.clone()]);
    }
    let mut names: Vec<String> = Vec::new();
    for g in given {
        let name = member::find(state, g, "--attendee")?.name.clone();
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    Ok(names)
}

/// The agreed adjustment, or `NO_ADJUSTMENT` for the word "none".
pub fn adjustment(given: &str) -> Result<String> {
    let adjust = text::text(given, text::MAX_TEXT).field("--adjust")?;
    Ok(if adjust.eq_ignore_ascii_case(NO_ADJUSTMENT) { NO_ADJUSTMENT.to_string() } else { adjust })
}

pub fn rating(r: u8) -> std::result::Result<u8, String> {
    if (1..=MAX_RATING).contains(&r) {
        Ok(r)
    } else {
        Err(format!("{r} is not a rating; expected a whole number from 1 to {MAX_RATING}"))
    }
}

/// Meetings by date (the record keeps them in the order they were written).
pub fn by_date(state: &State) -> Vec<&Meeting> {
    let mut meetings: Vec<&Meeting> = state.meetings.iter().collect();
    meetings.sort_by_key(|m| (m.date, m.origin.seq));
    meetings
}

/// Given-state helpers shared by the tests of meetings, issues,
/// expectations and corrections.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::member::Role;
    use crate::core::testing::{d, state_with};

    fn meeting(date: Option<&str>) -> HeldMeeting {
        HeldMeeting {
            date: date.map(d),
            worked_plan: Some(Answer::Partly),
            results: Some(Answer::No),
            adjust: Some("None".into()),
            note: None,
            attendees: vec![],
            rating: Some(7),
        }
    }

    #[test]
    fn hold_defaults_to_today_with_both_people_and_normalizes_none() {
        let today = d("2026-01-09");
        let e = hold(&state_with(vec![]), meeting(None), today).unwrap();
        let Event::MeetingHeld { date, attendees, adjust, .. } = e else { panic!("{e:?}") };
        assert_eq!(date, today);
        assert_eq!(attendees, vec!["Dana".to_string(), "Lee".to_string()]);
        assert_eq!(adjust.as_deref(), Some(NO_ADJUSTMENT));
    }

    #[test]
    fn hold_resolves_attendees_and_drops_duplicates() {
        let pat = Event::MemberAdded { name: "Pat".into(), role: Role::Advisor, key: None };
        let s = state_with(vec![pat]);
        let m = HeldMeeting { attendees: vec!["ceo".into(), "Dana".into(), "pat".into()], ..meeting(None) };
        let Event::MeetingHeld { attendees, .. } = hold(&s, m, d("2026-01-09")).unwrap() else { panic!() };
        assert_eq!(attendees, vec!["Dana".to_string(), "Pat".to_string()]);
        // Someone the ledger does not know is not silently a new person.
        let m = HeldMeeting { attendees: vec!["ceo".into(), "Pta".into()], ..meeting(None) };
        let err = hold(&s, m, d("2026-01-09")).unwrap_err().to_string();
        assert!(
            err.starts_with("--attendee") && err.contains("not a member") && err.contains("Pat (advisor)"),
            "{err}"
        );
    }

    #[test]
    fn one_meeting_per_date_and_never_in_the_future() {
        let today = d("2026-01-09");
        let held = hold(&state_with(vec![]), meeting(Some("2026-01-08")), today).unwrap();
        let s = state_with(vec![held]);
        let err = skip(&s, d("2026-01-08"), "travel", today).unwrap_err().to_string();
        assert!(err.starts_with("--date") && err.contains("held (record 2)"), "{err}");
        assert!(hold(&s, meeting(Some("2026-01-08")), today).is_err());
        assert!(hold(&s, meeting(Some("2026-01-10")), today).unwrap_err().to_string().starts_with("--date"));
        assert!(skip(&s, d("2026-01-10"), "later", today).unwrap_err().to_string().starts_with("--date"));
        assert!(skip(&s, d("2026-01-02"), "travel", today).is_ok());
    }

    #[test]
    fn bad_values_name_their_flag() {
        let today = d("2026-01-09");
        let s = state_with(vec![]);
        let bad = |m: HeldMeeting| hold(&s, m, today).unwrap_err().to_string();
        assert!(bad(HeldMeeting { rating: Some(0), ..meeting(None) }).starts_with("--rating"));
        assert!(bad(HeldMeeting { rating: Some(11), ..meeting(None) }).starts_with("--rating"));
        assert!(bad(HeldMeeting { adjust: Some(" ".into()), ..meeting(None) }).starts_with("--adjust"));
        assert!(bad(HeldMeeting { note: Some("x".repeat(2001)), ..meeting(None) }).starts_with("--note"));
        assert!(bad(HeldMeeting { attendees: vec!["".into()], ..meeting(None) }).starts_with("--attendee"));
        assert!(skip(&s, today, "", today).unwrap_err().to_string().starts_with("--reason"));
    }
}
