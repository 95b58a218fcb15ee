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
    /// The date of each of those meetings, in the same order.
    pub held_dates: Vec<Date>,
    /// Records of skips noted in it, with the reason.
    pub skipped: Vec<(u64, String)>,
    /// Records in it that were written more than two days after their date,
    /// so they count in the week they were written (§ 10 rule 5).
    pub recorded_late: Vec<u64>,
}

impl Window {
    /// `2026-W02`, or `2026-W02–2026-W03` for a two-week window.
    pub fn label(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}–{}", self.first, self.last)
        }
    }

    /// What the window holds so far, in words: "meeting held 2026-01-09
    /// (#22)", "skipped (#9): travel", or "no meeting yet".
    pub fn so_far(&self) -> String {
        if !self.held.is_empty() {
            let each: Vec<String> =
                self.held.iter().zip(&self.held_dates).map(|(s, d)| format!("{d} (#{s})")).collect();
            format!("meeting held {}", each.join(", "))
        } else if let Some((seq, reason)) = self.skipped.first() {
            format!("skipped (#{seq}): {reason}")
        } else {
            "no meeting yet".to_string()
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub cadence: Cadence,
    /// The complete windows, oldest first: the only ones the figures count.
    pub windows: Vec<Window>,
    /// The window still running on the as-of day (its meetings so far),
    /// shown beside the complete ones and counted in no figure (§ 5 counts
    /// complete weeks). `None` before the ledger's first week.
    pub in_progress: Option<Window>,
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
    let mut in_progress = None;
    if let Some(start) = start {
        // Windows of `span` weeks from the first one; the one holding the
        // as-of day has not ended yet (for biweekly, it may have one week
        // behind it).
        for chunk in start.through(Week::in_progress(at)).chunks(span) {
            let first = chunk[0];
            let last = Week::of(first.monday().add_days(7 * (span as i64 - 1)));
            let w = window(state, first, last);
            if last <= last_complete {
                windows.push(w);
            } else {
                in_progress = Some(w);
            }
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
        in_progress,
    }
}

/// The meetings held and skips noted in the weeks `first..=last`.
fn window(state: &State, first: Week, last: Week) -> Window {
    let inside = |d: Date| first.monday() <= d && d <= last.sunday();
    let mut w = Window {
        first,
        last,
        held: Vec::new(),
        held_dates: Vec::new(),
        skipped: Vec::new(),
        recorded_late: Vec::new(),
    };
    for m in state.meetings.iter().filter(|m| inside(counts_on(m))) {
        match &m.kind {
            MeetingKind::Held { .. } => {
                w.held.push(m.origin.seq);
                w.held_dates.push(m.date);
            }
            MeetingKind::Skipped { reason } => w.skipped.push((m.origin.seq, reason.clone())),
        }
        if counts_on(m) != m.date {
            w.recorded_late.push(m.origin.seq);
        }
    }
    w
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

    fn held_weeks(a: &Audit) -> Vec<String> {
        a.windows.iter().map(|w| format!("{} {}", w.first, w.held.len())).collect()
    }

    /// Just after the first meeting nothing is complete: no figure, and the
    /// week in progress holds the meeting.
    #[test]
    fn just_after_the_first_meeting_only_the_week_in_progress_has_it() {
        let s = given(&[("2026-01-09", held("2026-01-09", true))]); // Fri, W02
        let a = audit(&s, d("2026-01-09"));
        assert!(a.windows.is_empty());
        assert_eq!((a.adherence, a.streak), (None, 0));
        let w = a.in_progress.expect("W02 is in progress");
        assert_eq!(
            (w.first.to_string(), w.last.to_string(), w.held),
            ("2026-W02".into(), "2026-W02".into(), vec![2])
        );
        // The next Monday W02 is complete and counted; W03 is in progress, empty.
        let a = audit(&s, d("2026-01-12"));
        assert_eq!((held_weeks(&a), a.adherence, a.streak), (vec!["2026-W02 1".to_string()], Some(1.0), 1));
        let w = a.in_progress.unwrap();
        assert_eq!((w.first.to_string(), w.held.len(), w.skipped.len()), ("2026-W03".into(), 0, 0));
    }

    /// A meeting on the week's last day is in progress that Sunday and
    /// counts from the Monday after; the figures never see it before.
    #[test]
    fn a_meeting_on_sunday_stays_in_progress_until_monday() {
        let s = given(&[
            ("2026-01-06", held("2026-01-06", true)), // W02
            ("2026-01-18", held("2026-01-18", true)), // Sun, W03's last day
        ]);
        let sunday = audit(&s, d("2026-01-18"));
        assert_eq!((held_weeks(&sunday), sunday.adherence), (vec!["2026-W02 1".to_string()], Some(1.0)));
        assert_eq!(
            sunday.in_progress.as_ref().map(|w| (w.first.to_string(), w.held.clone())),
            Some(("2026-W03".into(), vec![3]))
        );
        let monday = audit(&s, d("2026-01-19"));
        assert_eq!(monday.windows.len(), 2);
        assert_eq!((monday.adherence, monday.streak), (Some(1.0), 2));
        assert_eq!(
            monday.in_progress.map(|w| (w.first.to_string(), w.held.len())),
            Some(("2026-W04".into(), 0))
        );
    }

    /// The week in progress changes no figure: every day of a week gives
    /// the figures of its Monday, whatever is recorded during it.
    #[test]
    fn the_figures_ignore_the_week_in_progress() {
        let s = given(&[
            ("2026-01-06", held("2026-01-06", true)), // W02
            ("2026-01-21", Event::MeetingSkipped { date: d("2026-01-21"), reason: "travel".into() }), // W04
            ("2026-01-28", held("2026-01-28", false)), // W05
        ]);
        let monday = audit(&s, d("2026-01-26")); // W05 begins; W02..W04 complete
        for day in ["2026-01-27", "2026-01-28", "2026-02-01"] {
            let a = audit(&s, d(day));
            assert_eq!(a.windows, monday.windows, "{day}");
            assert_eq!((a.adherence, a.streak), (monday.adherence, monday.streak), "{day}");
        }
        assert_eq!((monday.adherence, monday.streak), (Some(1.0 / 3.0), 0));
        assert_eq!(audit(&s, d("2026-01-28")).in_progress.unwrap().held, [4]);
    }

    /// A late-recorded meeting counts in the week it was written, so it can
    /// land in the week in progress (§ 10 rule 5).
    #[test]
    fn a_meeting_recorded_late_this_week_is_in_this_weeks_entry() {
        let s = given(&[("2026-01-06", held("2026-01-06", true)), ("2026-01-23", held("2026-01-13", true))]);
        let a = audit(&s, d("2026-01-23")); // Fri W04
        let w = a.in_progress.clone().unwrap();
        assert_eq!(
            (w.first.to_string(), w.held.clone(), w.recorded_late.clone()),
            ("2026-W04".into(), vec![3], vec![3])
        );
        assert_eq!(held_weeks(&a), ["2026-W02 1", "2026-W03 0"]);
    }

    /// Biweekly: the window holding the as-of day is in progress whether it
    /// has one week behind it or none.
    #[test]
    fn a_biweekly_window_is_in_progress_until_its_second_week_ends() {
        let mut s = crate::core::state::State::default();
        let open = Event::LedgerOpened {
            company: "Acme".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: 4,
            cadence: Cadence::Biweekly,
        };
        let at = |day: &str| crate::core::Timestamp::parse(&format!("{day}T12:00:00Z")).unwrap();
        s.apply(crate::core::state::Origin { seq: 1, recorded_at: at("2026-01-05") }, "Dana", &open);
        s.apply(
            crate::core::state::Origin { seq: 2, recorded_at: at("2026-01-07") },
            "Lee",
            &held("2026-01-07", true),
        );
        // W02–W03 is the first window: in progress through Sun 2026-01-18.
        for day in ["2026-01-07", "2026-01-12", "2026-01-18"] {
            let a = audit(&s, d(day));
            assert!(a.windows.is_empty(), "{day}");
            let w = a.in_progress.unwrap();
            assert_eq!(
                (w.first.to_string(), w.last.to_string(), w.held),
                ("2026-W02".into(), "2026-W03".into(), vec![2])
            );
        }
        let a = audit(&s, d("2026-01-19"));
        assert_eq!((a.windows.len(), a.adherence), (1, Some(1.0)));
        let w = a.in_progress.unwrap();
        assert_eq!((w.first.to_string(), w.last.to_string()), ("2026-W04".into(), "2026-W05".into()));
    }
}
