//! Meeting cadence (metrics.md §5).

use super::ratio;
use super::timely::counting_date;
use super::weeks::Week;
use crate::core::state::{Meeting, MeetingKind, State};
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
    /// Records in it that were written more than two days after their date,
    /// so they count in the week they were written (§ 10 rule 5).
    pub recorded_late: Vec<u64>,
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

/// The week a meeting counts in: that of its date, or, recorded late, that
/// of the day it was written.
pub fn counts_on(m: &Meeting) -> Date {
    counting_date(m.date, m.origin.recorded_at.date())
}

pub fn audit(state: &State, at: Date) -> Audit {
    let cadence = state.ledger.as_ref().map_or(Cadence::Weekly, |l| l.cadence);
    let span = if cadence == Cadence::Biweekly { 2 } else { 1 };
    let first_meeting = state.meetings.iter().map(counts_on).min();
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
            let mut w =
                Window { first, last, held: Vec::new(), skipped: Vec::new(), recorded_late: Vec::new() };
            for m in state.meetings.iter().filter(|m| inside(counts_on(m))) {
                match &m.kind {
                    MeetingKind::Held { .. } => w.held.push(m.origin.seq),
                    MeetingKind::Skipped { reason } => w.skipped.push((m.origin.seq, reason.clone())),
                }
                if counts_on(m) != m.date {
                    w.recorded_late.push(m.origin.seq);
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

    /// § 10 rule 5: a meeting recorded more than two days after its date
    /// counts in the week it was recorded.
    #[test]
    fn a_meeting_recorded_late_counts_in_the_week_it_was_written() {
        let s = given(&[
            ("2026-01-06", held("2026-01-06", true)), // W02, on time
            // "Held Jan 13" (W03) written Jan 15: 2 days, not more → counts in W03.
            ("2026-01-15", held("2026-01-13", true)),
            // "Held Jan 20" (W04) written Feb 4 (W06): 15 > 2 → counts in W06.
            ("2026-02-04", held("2026-01-20", true)),
            // "Held Jan 27" (W05) written Jan 30: 3 > 2 → counts on Fri Jan 30, still W05.
            ("2026-01-30", held("2026-01-27", true)),
        ]);
        // On Wed 2026-02-11 (W07), W02..W06 are complete. Held: W02, W03, W05, W06; W04 is
        // empty (its meeting counts in W06) → 4 / 5 = 0.8; streak W05, W06 = 2.
        let a = audit(&s, d("2026-02-11"));
        let weeks_held: Vec<bool> = a.windows.iter().map(|w| !w.held.is_empty()).collect();
        assert_eq!(weeks_held, [true, true, false, true, true]);
        assert_eq!((a.adherence, a.streak), (Some(0.8), 2));
        assert_eq!(a.windows[4].recorded_late, [4]);
        assert_eq!(a.windows[3].recorded_late, [5]);
        assert!(a.windows[1].recorded_late.is_empty());
        // The Jan 20 meeting alone, written Feb 4: the weeks start at W06, not W04 → 1 / 1.
        let alone = given(&[("2026-02-04", held("2026-01-20", true))]);
        let a = audit(&alone, d("2026-02-11"));
        assert_eq!((a.windows.len(), a.adherence), (1, Some(1.0)));
    }
}
