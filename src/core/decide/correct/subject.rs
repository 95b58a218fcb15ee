//! What a record introduces that later records refer to, so that voiding
//! it cannot leave them pointing at nothing.

use crate::core::event::{Event, Trigger};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Deal(String),
    Commitment(String),
    PlanItem(String),
    PlanOption(String),
    Indicator(String),
    Contingency(String),
    Issue(String),
    Candidate(String),
    Panelist(String),
    Template(u32),
    /// A meeting held, by its record (commitments name the meeting they were made at).
    Meeting(u64),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Deal(id) => write!(f, "deal '{id}'"),
            Subject::Commitment(id) => write!(f, "commitment '{id}'"),
            Subject::PlanItem(id) => write!(f, "plan item '{id}'"),
            Subject::PlanOption(id) => write!(f, "plan option '{id}'"),
            Subject::Indicator(name) => write!(f, "indicator '{name}'"),
            Subject::Contingency(id) => write!(f, "contingency '{id}'"),
            Subject::Issue(id) => write!(f, "issue '{id}'"),
            Subject::Candidate(id) => write!(f, "candidate '{id}'"),
            Subject::Panelist(name) => write!(f, "panelist '{name}'"),
            Subject::Template(v) => write!(f, "scorecard template version {v}"),
            Subject::Meeting(seq) => write!(f, "the meeting of record {seq}"),
        }
    }
}

/// The subject record `seq` brings into being, if any.
pub fn introduces(seq: u64, event: &Event) -> Option<Subject> {
    Some(match event {
        Event::DealOpened { id, .. } => Subject::Deal(id.clone()),
        Event::CommitmentMade { id, .. } => Subject::Commitment(id.clone()),
        Event::PlanItemAdded { id, .. } => Subject::PlanItem(id.clone()),
        Event::PlanOptionProposed { id, .. } => Subject::PlanOption(id.clone()),
        Event::IndicatorDefined { name, .. } => Subject::Indicator(name.clone()),
        Event::ContingencyAdded { id, .. } => Subject::Contingency(id.clone()),
        Event::IssueRaised { id, .. } => Subject::Issue(id.clone()),
        Event::CandidateAdded { id, .. } => Subject::Candidate(id.clone()),
        Event::PanelistAdded { name } => Subject::Panelist(name.clone()),
        Event::HireTemplateLoaded { version, .. } => Subject::Template(*version),
        Event::MeetingHeld { .. } => Subject::Meeting(seq),
        _ => return None,
    })
}

/// The subjects an event refers to (besides one it introduces).
pub fn refers_to(event: &Event) -> Vec<Subject> {
    match event {
        Event::DealChanged { id, .. }
        | Event::DealRiskFlagged { id, .. }
        | Event::DealRiskCleared { id, .. }
        | Event::DealWon { id, .. }
        | Event::DealLost { id, .. } => vec![Subject::Deal(id.clone())],
        Event::CommitmentDone { id, .. }
        | Event::CommitmentRescheduled { id, .. }
        | Event::CommitmentDropped { id, .. }
        | Event::CommitmentMissed { id, .. } => vec![Subject::Commitment(id.clone())],
        Event::CommitmentMade { meeting: Some(m), .. } => vec![Subject::Meeting(*m)],
        Event::PlanItemCompleted { id, .. } => vec![Subject::PlanItem(id.clone())],
        Event::PlanItemAdded { parent: Some(p), .. } => vec![Subject::PlanItem(p.clone())],
        Event::PlanOptionAdopted { id, .. } => vec![Subject::PlanOption(id.clone())],
        Event::IndicatorRecorded { name, .. } => vec![Subject::Indicator(name.clone())],
        Event::ContingencyAdded { trigger, .. } => match trigger {
            Trigger::IndicatorBelow { name, .. } | Trigger::IndicatorAbove { name, .. } => {
                vec![Subject::Indicator(name.clone())]
            }
            Trigger::RevenueGapAbove { .. } => vec![],
        },
        Event::ContingencyActedOn { id, .. } => vec![Subject::Contingency(id.clone())],
        Event::IssueResolved { id, .. } => vec![Subject::Issue(id.clone())],
        Event::ScoreSubmitted { candidate, panelist, template_version, .. }
        | Event::ScoreSealed { candidate, panelist, template_version, .. }
        | Event::ScoreRevealed { candidate, panelist, template_version, .. } => vec![
            Subject::Candidate(candidate.clone()),
            Subject::Panelist(panelist.clone()),
            Subject::Template(*template_version),
        ],
        Event::DebriefOpened { candidate } | Event::HireDecided { candidate, .. } => {
            vec![Subject::Candidate(candidate.clone())]
        }
        Event::LeaderChanged { candidate: Some(c), .. } => vec![Subject::Candidate(c.clone())],
        _ => vec![],
    }
}
