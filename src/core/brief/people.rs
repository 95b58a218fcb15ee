//! Commitments on both sides (with say / do) and the issues either side raised.

use super::TREND_WEEKS;
use crate::core::decide::indicator::last_weeks;
use crate::core::metrics::commitments::{audit, classify, Class, OwnerFigures};
use crate::core::metrics::weeks::Week;
use crate::core::state::State;
use crate::core::time::Date;

#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentRow {
    pub id: String,
    pub owner: String,
    pub what: String,
    pub due: Date,
    pub class: Class,
    pub reason: String,
    /// The meeting (record) it was made at.
    pub meeting: Option<u64>,
}

/// One owner's commitments that came due, week by week: (week, due, kept on time).
#[derive(Clone, Debug, PartialEq)]
pub struct WeekSayDo {
    pub owner: String,
    pub weeks: Vec<(Week, usize, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentReview {
    /// Due since the last meeting, and any still overdue, both sides.
    pub due: Vec<CommitmentRow>,
    /// Say / do per owner (CEO first, then the sales leader).
    pub owners: Vec<OwnerFigures>,
    pub weekly: Vec<WeekSayDo>,
}

fn counts_as_due(class: Class) -> bool {
    matches!(class, Class::KeptOnTime | Class::KeptLate | Class::Missed | Class::OpenOverdue)
}

pub(super) fn commitments(state: &State, since: Date, until: Date) -> CommitmentReview {
    let mut due: Vec<CommitmentRow> = state
        .commitments
        .values()
        .filter(|c| c.made_on <= until)
        .map(|c| classify(c, until))
        .filter(|k| (since < k.commitment.due && k.commitment.due <= until) || k.class == Class::OpenOverdue)
        .map(|k| CommitmentRow {
            id: k.commitment.id.clone(),
            owner: k.commitment.owner.clone(),
            what: k.commitment.what.clone(),
            due: k.commitment.due,
            class: k.class,
            reason: k.reason.to_string(),
            meeting: k.commitment.meeting,
        })
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    let a = audit(state, until);
    let weeks = last_weeks(until, TREND_WEEKS);
    let weekly = a
        .owners
        .iter()
        .map(|o| WeekSayDo {
            owner: o.owner.clone(),
            weeks: weeks
                .iter()
                .map(|w| {
                    let in_week = a.commitments.iter().filter(|k| {
                        k.commitment.owner == o.owner
                            && Week::of(k.commitment.due) == *w
                            && counts_as_due(k.class)
                    });
                    let (n, kept) = in_week.fold((0, 0), |(n, kept), k| {
                        (n + 1, kept + usize::from(k.class == Class::KeptOnTime))
                    });
                    (*w, n, kept)
                })
                .collect(),
        })
        .collect();
    CommitmentReview { due, owners: a.owners, weekly }
}

#[derive(Clone, Debug, PartialEq)]
pub struct IssueRow {
    pub id: String,
    pub title: String,
    pub raised_by: String,
    pub raised_on: Date,
    /// (date, resolution) when it was resolved by `until`.
    pub resolved: Option<(Date, String)>,
    /// Raised since the last meeting.
    pub new: bool,
}

/// Issues open on `until`, and those resolved since the last meeting.
pub(super) fn issues(state: &State, since: Date, until: Date) -> Vec<IssueRow> {
    crate::core::decide::issue::in_order(state)
        .into_iter()
        .filter(|i| i.raised_on <= until)
        .filter_map(|i| {
            let resolved = i.resolved.clone().filter(|(on, _)| *on <= until);
            let show = match &resolved {
                None => true,
                Some((on, _)) => since < *on,
            };
            show.then(|| IssueRow {
                id: i.id.clone(),
                title: i.title.clone(),
                raised_by: i.raised_by.clone(),
                raised_on: i.raised_on,
                resolved,
                new: i.raised_on > since,
            })
        })
        .collect()
}
