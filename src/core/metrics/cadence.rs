//! Meeting cadence (metrics.md §5).

use super::ratio;
use super::weeks::Week;
use crate::core::state::{MeetingKind, State};
use crate::core::time::Date;
use crate::core::vocab::Cadence;

#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    /// First and last ISO week of the window (one week, or two for biweekly).
    pub first: Week,
    pub last: Week,
    /// Records of meetings held in it.
    pub held: Vec<u64>,
    /// Records of skips noted in it, with the reason.
    pub skipped: Vec<(u64, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub cadence: Cadence,
    pub windows: Vec<Window>,
    pub adherence: Option<f64>,
    /// Consecutive held windows ending at the last complete one.
    pub streak: usize,
    pub held_meetings: usize,
    /// Share of held meetings where all three questions were answered.
    pub three_questions: Option<f64>,
}

pub fn audit(state: &State, at: Date) -> Audit {
    let cadence = state.ledger.as_ref().map_or(Cadence::Weekly, |l| l.cadence);
    let span = if cadence == Cadence::Biweekly { 2 } else { 1 };
    let first_meeting = state.meetings.iter().map(|m| m.date).min();
    let opened = state.ledger.as_ref().map(|l| l.opened.recorded_at.date());
    let start = first_meeting.or(opened).map(Week::of);
    let last_complete = Week::last_complete_before(at);
    let mut windows = Vec::new();
    if let Some(start) = start {
        let weeks = start.through(last_complete);
        for chunk in weeks.chunks(span) {
            if chunk.len() < span {
                break; // the window has not ended yet
            }
            let (first, last) = (chunk[0], chunk[chunk.len() - 1]);
            let inside = |d: Date| first.monday() <= d && d <= last.sunday();
            let mut w = Window { first, last, held: Vec::new(), skipped: Vec::new() };
            for m in state.meetings.iter().filter(|m| inside(m.date)) {
                match &m.kind {
                    MeetingKind::Held { .. } => w.held.push(m.origin.seq),
                    MeetingKind::Skipped { reason } => w.skipped.push((m.origin.seq, reason.clone())),
                }
            }
            windows.push(w);
        }
    }
    let held_windows = windows.iter().filter(|w| !w.held.is_empty()).count();
    let streak = windows.iter().rev().take_while(|w| !w.held.is_empty()).count();
    let held: Vec<&MeetingKind> =
        state.meetings.iter().filter(|m| m.held() && m.date < at.add_days(1)).map(|m| &m.kind).collect();
    let answered = held
        .iter()
        .filter(|k| {
            matches!(k, MeetingKind::Held { worked_plan: Some(_), results: Some(_), adjust: Some(_), .. })
        })
        .count();
    Audit {
        cadence,
        adherence: ratio(held_windows as f64, windows.len() as f64),
        streak,
        held_meetings: held.len(),
        three_questions: ratio(answered as f64, held.len() as f64),
        windows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::*;
    use crate::core::vocab::Answer;

    fn held(date: &str, answered: bool) -> Event {
        Event::MeetingHeld {
            date: d(date),
            attendees: vec![],
            worked_plan: Some(Answer::Yes),
            results: answered.then_some(Answer::Partly),
            adjust: answered.then(|| "none".to_string()),
            note: None,
            rating: None,
        }
    }

    #[test]
    fn weeks_from_the_first_meeting_to_the_last_complete_week() {
        let s = given(&[
            ("2026-01-06", held("2026-01-06", true)),  // W02
            ("2026-01-14", held("2026-01-14", false)), // W03
            ("2026-01-21", Event::MeetingSkipped { date: d("2026-01-21"), reason: "travel".into() }), // W04
            ("2026-01-28", held("2026-01-28", true)),  // W05
            ("2026-02-04", held("2026-02-04", true)),  // W06
        ]);
        // On Wed 2026-02-11 (W07), W02..W06 are complete: 4 of 5 held.
        let a = audit(&s, d("2026-02-11"));
        assert_eq!(a.windows.len(), 5);
        assert_eq!(a.adherence, Some(0.8));
        assert_eq!(a.streak, 2);
        assert_eq!(a.three_questions, Some(0.75));
        assert_eq!(a.windows[2].skipped.len(), 1);
    }
}
