//! Commitments kept — say / do (metrics.md §2).

use super::ratio;
use super::timely::counting_date;
use crate::core::state::{Commitment, CommitmentStep, State};
use crate::core::time::Date;
use std::collections::BTreeMap;

/// Exactly one class per commitment, evaluated at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    KeptOnTime,
    KeptLate,
    Missed,
    OpenOverdue,
    Dropped,
    Open,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::KeptOnTime => "kept_on_time",
            Class::KeptLate => "kept_late",
            Class::Missed => "missed",
            Class::OpenOverdue => "open_overdue",
            Class::Dropped => "dropped",
            Class::Open => "open",
        }
    }
}

/// A commitment with its class and the reason, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Classified<'a> {
    pub commitment: &'a Commitment,
    pub class: Class,
    /// Why it is in its class; words only when shown (a report over a
    /// million commitments formats none of them).
    pub reason: Why,
    pub rescheduled_before_due: bool,
    /// Completed after it was missed (shown, does not undo the miss).
    pub done_after_miss: Option<Date>,
    /// A step was dated more than two days before it was written, so it
    /// counted at the day it was written (§ 10 rule 5).
    pub recorded_late: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub kept_on_time: usize,
    pub kept_late: usize,
    pub missed: usize,
    pub open_overdue: usize,
    pub rescheduled_before_due: usize,
    pub dropped: usize,
    pub open: usize,
}

impl Tally {
    /// Commitments that have come due: the denominator of say/do.
    pub fn due(&self) -> usize {
        self.kept_on_time + self.kept_late + self.missed + self.open_overdue
    }

    pub fn say_do(&self) -> Option<f64> {
        ratio(self.kept_on_time as f64, self.due() as f64)
    }

    fn add(&mut self, c: &Classified) {
        match c.class {
            Class::KeptOnTime => self.kept_on_time += 1,
            Class::KeptLate => self.kept_late += 1,
            Class::Missed => self.missed += 1,
            Class::OpenOverdue => self.open_overdue += 1,
            Class::Dropped => self.dropped += 1,
            Class::Open => self.open += 1,
        }
        if c.rescheduled_before_due {
            self.rescheduled_before_due += 1;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OwnerFigures {
    pub owner: String,
    pub all_time: Tally,
    /// Commitments due in the 13 weeks up to the evaluation date.
    pub last_13_weeks: Tally,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit<'a> {
    pub at: Date,
    pub owners: Vec<OwnerFigures>,
    pub commitments: Vec<Classified<'a>>,
}

/// A step's date: the date it claims and the day it counts at (§ 10 rule 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    claimed: Date,
    counted: Date,
}

/// How it reads in a reason: "on D", or, recorded late, both dates.
impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.claimed == self.counted {
            write!(f, "on {}", self.claimed)
        } else {
            write!(f, "on {}, recorded late on {}", self.claimed, self.counted)
        }
    }
}

fn when(claimed: Date, counted: Date) -> When {
    When { claimed, counted }
}

/// Why a commitment is in its class, with the record that decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    RescheduledLate { when: When, due: Date, seq: u64 },
    DroppedLate { when: When, due: Date, seq: u64 },
    DroppedBeforeDue { when: When, due: Date, seq: u64 },
    MarkedMissed { when: When, due: Date, seq: u64 },
    DoneOnTime { when: When, due: Date, seq: u64 },
    DoneLate { when: When, days: i64, due: Date, seq: u64 },
    Overdue { due: Date, days: i64 },
    Due { due: Date },
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::RescheduledLate { when, due, seq } => {
                write!(f, "rescheduled {when} after its due date {due} had passed (record {seq})")
            }
            Why::DroppedLate { when, due, seq } => {
                write!(f, "dropped {when} after its due date {due} had passed (record {seq})")
            }
            Why::DroppedBeforeDue { when, due, seq } => {
                write!(f, "dropped {when}, before its due date {due} (record {seq})")
            }
            Why::MarkedMissed { when, due, seq } => {
                write!(f, "marked missed {when}; due {due} (record {seq})")
            }
            Why::DoneOnTime { when, due, seq } => write!(f, "done {when}, due {due} (record {seq})"),
            Why::DoneLate { when, days, due, seq } => {
                write!(f, "done {when}, {days} days after its due date {due} (record {seq})")
            }
            Why::Overdue { due, days } => write!(f, "not done; due {due}, {days} days ago"),
            Why::Due { due } => write!(f, "due {due}"),
        }
    }
}

impl serde::Serialize for Why {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Classifies one commitment at `at` by walking its steps in record order
/// with the due date in force at each step. Each step counts at its
/// counting date (`timely::counting_date`), so a completion dated back to
/// the due date but written weeks later is late.
pub fn classify(c: &Commitment, at: Date) -> Classified<'_> {
    let mut due = c.original_due;
    let mut missed: Option<Why> = None;
    let mut dropped: Option<Why> = None;
    let mut done: Option<(Class, Why)> = None;
    let mut moved_before_due = false;
    let mut done_after_miss = None;
    let mut recorded_late = false;
    for step in &c.steps {
        let (claimed, recorded, seq) = step.dates();
        let on = counting_date(claimed, recorded);
        recorded_late |= on != claimed;
        let when = when(claimed, on);
        match step {
            CommitmentStep::Rescheduled { to, .. } => {
                if on > due {
                    missed.get_or_insert(Why::RescheduledLate { when, due, seq });
                } else {
                    moved_before_due = true;
                }
                due = *to;
            }
            CommitmentStep::Dropped { .. } => {
                if on > due {
                    missed.get_or_insert(Why::DroppedLate { when, due, seq });
                } else {
                    dropped = Some(Why::DroppedBeforeDue { when, due, seq });
                }
            }
            CommitmentStep::Missed { .. } => {
                missed.get_or_insert(Why::MarkedMissed { when, due, seq });
            }
            CommitmentStep::Done { .. } => {
                if missed.is_some() {
                    done_after_miss = Some(claimed);
                } else if on <= due {
                    done = Some((Class::KeptOnTime, Why::DoneOnTime { when, due, seq }));
                } else {
                    let days = (on.0 - due.0).num_days();
                    done = Some((Class::KeptLate, Why::DoneLate { when, days, due, seq }));
                }
            }
        }
    }
    let (class, reason) = if let Some(why) = missed {
        (Class::Missed, why)
    } else if let Some(why) = dropped {
        (Class::Dropped, why)
    } else if let Some(d) = done {
        d
    } else if due < at {
        (Class::OpenOverdue, Why::Overdue { due, days: (at.0 - due.0).num_days() })
    } else {
        (Class::Open, Why::Due { due })
    };
    Classified {
        commitment: c,
        class,
        reason,
        rescheduled_before_due: moved_before_due,
        done_after_miss,
        recorded_late,
    }
}

/// Say / do per owner at `at`, all time and over the last 13 weeks.
pub fn audit(state: &State, at: Date) -> Audit<'_> {
    let commitments: Vec<Classified> = state.commitments.values().map(|c| classify(c, at)).collect();
    let window_start = at.add_days(-7 * 13);
    let mut owners: BTreeMap<(u8, String), OwnerFigures> = BTreeMap::new();
    let info = state.ledger.as_ref();
    for c in &commitments {
        let owner = c.commitment.owner.clone();
        let rank = match info {
            Some(i) if i.ceo == owner => 0,
            Some(i) if i.leader == owner => 1,
            _ => 2,
        };
        let figures = owners.entry((rank, owner.clone())).or_insert_with(|| OwnerFigures {
            owner,
            all_time: Tally::default(),
            last_13_weeks: Tally::default(),
        });
        figures.all_time.add(c);
        let due = c.commitment.due;
        if window_start <= due && due <= at {
            figures.last_13_weeks.add(c);
        }
    }
    Audit { at, owners: owners.into_values().collect(), commitments }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::state::{CommitmentStatus, Origin};
    use crate::core::Timestamp;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn commitment(due: &str, steps: Vec<CommitmentStep>) -> Commitment {
        Commitment {
            id: "C-1".into(),
            owner: "Lee".into(),
            what: "x".into(),
            made_on: d("2026-01-01"),
            original_due: d(due),
            due: d(due),
            meeting: None,
            status: CommitmentStatus::Open,
            done_after_miss: None,
            steps,
            origin: Origin { seq: 2, recorded_at: Timestamp::from_micros(0) },
        }
    }

    fn class(due: &str, steps: Vec<CommitmentStep>, at: &str) -> (Class, bool) {
        let c = commitment(due, steps);
        let r = classify(&c, d(at));
        (r.class, r.rescheduled_before_due)
    }

    fn done(on: &str) -> CommitmentStep {
        done_written(on, on)
    }

    /// Done `on`, written on `recorded`.
    fn done_written(on: &str, recorded: &str) -> CommitmentStep {
        CommitmentStep::Done { on: d(on), recorded: d(recorded), seq: 9 }
    }

    fn moved(on: &str, from: &str, to: &str) -> CommitmentStep {
        moved_written(on, on, from, to)
    }

    fn moved_written(on: &str, recorded: &str, from: &str, to: &str) -> CommitmentStep {
        CommitmentStep::Rescheduled {
            on: d(on),
            recorded: d(recorded),
            from: d(from),
            to: d(to),
            reason: "r".into(),
            seq: 8,
        }
    }

    fn dropped(on: &str, recorded: &str) -> CommitmentStep {
        CommitmentStep::Dropped { on: d(on), recorded: d(recorded), reason: "r".into(), seq: 5 }
    }

    #[test]
    fn each_class_follows_the_definition() {
        assert_eq!(class("2026-01-09", vec![done("2026-01-09")], "2026-02-01"), (Class::KeptOnTime, false));
        assert_eq!(class("2026-01-09", vec![done("2026-01-10")], "2026-02-01"), (Class::KeptLate, false));
        assert_eq!(class("2026-01-09", vec![], "2026-01-10"), (Class::OpenOverdue, false));
        assert_eq!(class("2026-01-09", vec![], "2026-01-09"), (Class::Open, false));
        // Rescheduled on the due date: the date had not passed yet.
        let honest = vec![moved("2026-01-09", "2026-01-09", "2026-01-16"), done("2026-01-15")];
        assert_eq!(class("2026-01-09", honest, "2026-02-01"), (Class::KeptOnTime, true));
        // Rescheduled after the date passed: missed, even when later done on the new date.
        let late = vec![moved("2026-01-12", "2026-01-09", "2026-01-16"), done("2026-01-15")];
        assert_eq!(class("2026-01-09", late, "2026-02-01").0, Class::Missed);
        let drop_before = vec![dropped("2026-01-08", "2026-01-08")];
        assert_eq!(class("2026-01-09", drop_before, "2026-02-01").0, Class::Dropped);
        let drop_after = vec![dropped("2026-01-10", "2026-01-10")];
        assert_eq!(class("2026-01-09", drop_after, "2026-02-01").0, Class::Missed);
        let marked = vec![
            CommitmentStep::Missed { on: d("2026-01-10"), recorded: d("2026-01-10"), seq: 5 },
            done("2026-01-11"),
        ];
        let c = commitment("2026-01-09", marked);
        let r = classify(&c, d("2026-02-01"));
        assert_eq!((r.class, r.done_after_miss), (Class::Missed, Some(d("2026-01-11"))));
    }

    #[test]
    fn say_do_counts_only_what_came_due() {
        let mut t = Tally::default();
        assert_eq!(t.say_do(), None);
        t.kept_on_time = 3;
        t.kept_late = 1;
        t.dropped = 5;
        t.open = 2;
        assert_eq!(t.due(), 4);
        assert_eq!(t.say_do(), Some(0.75));
    }

    /// § 10 rule 5: a step dated more than two days before it was written
    /// counts at the day it was written.
    #[test]
    fn a_completion_dated_back_to_the_due_date_is_kept_late() {
        // Due Jan 9; "done --on 2026-01-09" written Jan 30: 30 − 9 = 21 days back > 2, so it
        // counts on Jan 30, 21 days after the due date → kept late; say/do = 0 / 1.
        let c = commitment("2026-01-09", vec![done_written("2026-01-09", "2026-01-30")]);
        let r = classify(&c, d("2026-02-01"));
        assert_eq!((r.class, r.recorded_late), (Class::KeptLate, true));
        assert!(r.reason.to_string().contains("recorded late on 2026-01-30, 21 days after"), "{}", r.reason);
        let mut t = Tally::default();
        t.add(&r);
        assert_eq!((t.due(), t.kept_late, t.say_do()), (1, 1, Some(0.0)));
    }

    /// (class, recorded late, rescheduled before due) of a commitment due `due`.
    fn late(due: &str, steps: Vec<CommitmentStep>) -> (Class, bool, bool) {
        let c = commitment(due, steps);
        let r = classify(&c, d("2026-02-01"));
        (r.class, r.recorded_late, r.rescheduled_before_due)
    }

    #[test]
    fn the_grace_is_exactly_two_days() {
        // Due Fri Jan 9, done --on Jan 9. Written Sun Jan 11: 11 − 9 = 2, not more → counts on
        // Jan 9 ≤ due → on time. Written Mon Jan 12: 12 − 9 = 3 > 2 → counts on Jan 12 > Jan 9.
        let due = "2026-01-09";
        assert_eq!(late(due, vec![done_written(due, "2026-01-11")]), (Class::KeptOnTime, false, false));
        assert_eq!(late(due, vec![done_written(due, "2026-01-12")]), (Class::KeptLate, true, false));
        // Done Jan 5 (4 days early), written Jan 8: 8 − 5 = 3 > 2 → counts on Jan 8 ≤ Jan 9:
        // recorded late, still on time.
        assert_eq!(
            late(due, vec![done_written("2026-01-05", "2026-01-08")]),
            (Class::KeptOnTime, true, false)
        );
    }

    #[test]
    fn a_reschedule_or_drop_dated_back_before_the_due_date_is_a_miss() {
        let due = "2026-01-09";
        // Moved "on Jan 8" to Jan 16 but written Jan 14: 14 − 8 = 6 > 2 → counts on Jan 14 >
        // Jan 9: rescheduled after the date passed → missed, even though done by Jan 16.
        let moved = vec![moved_written("2026-01-08", "2026-01-14", due, "2026-01-16"), done("2026-01-15")];
        assert_eq!(late(due, moved), (Class::Missed, true, false));
        // Moved "on Jan 8" written Jan 10 (2 days, within the grace): honest renegotiation.
        let moved = vec![moved_written("2026-01-08", "2026-01-10", due, "2026-01-16"), done("2026-01-15")];
        assert_eq!(late(due, moved), (Class::KeptOnTime, false, true));
        // Dropped "on Jan 8", written Jan 20 (12 > 2) → counts on Jan 20 > Jan 9 → missed.
        assert_eq!(late(due, vec![dropped("2026-01-08", "2026-01-20")]), (Class::Missed, true, false));
        // Dropped on Jan 8, written Jan 10 (2 days) → dropped, not counted.
        assert_eq!(late(due, vec![dropped("2026-01-08", "2026-01-10")]), (Class::Dropped, false, false));
    }
}
