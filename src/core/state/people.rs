//! The ledger's people and settings, meetings, issues and expectations.

use super::{Fact, Origin, State};
use crate::core::event::Event;
use crate::core::hash::Hash32;
use crate::core::time::Date;
use crate::core::vocab::{Answer, Cadence};

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct LedgerInfo {
    pub company: String,
    pub ceo: String,
    /// The sales leader now (changes when a new leader takes over).
    pub leader: String,
    pub currency: String,
    pub fiscal_year_start: u8,
    pub cadence: Cadence,
    pub opened: Origin,
}

impl LedgerInfo {
    /// Resolves the role words `ceo` and `leader` to names; other names pass.
    pub fn resolve(&self, who: &str) -> String {
        match who.trim().to_ascii_lowercase().as_str() {
            "ceo" => self.ceo.clone(),
            "leader" | "sales-leader" => self.leader.clone(),
            _ => who.trim().to_string(),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum MeetingKind {
    Held {
        attendees: Vec<String>,
        worked_plan: Option<Answer>,
        results: Option<Answer>,
        adjust: Option<String>,
        note: Option<String>,
        rating: Option<u8>,
    },
    Skipped {
        reason: String,
    },
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub date: Date,
    pub kind: MeetingKind,
    pub origin: Origin,
}

impl Meeting {
    pub fn held(&self) -> bool {
        matches!(self.kind, MeetingKind::Held { .. })
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Acknowledgement {
    pub seq: u64,
    pub hash: Hash32,
    pub by: Vec<String>,
    pub origin: Origin,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct IssueItem {
    pub id: String,
    pub title: String,
    pub detail: Option<String>,
    pub raised_by: String,
    pub raised_on: Date,
    /// (date, resolution) once resolved.
    pub resolved: Option<(Date, String)>,
    pub origin: Origin,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    pub coaching: u8,
    pub selling: u8,
    pub new_markets: u8,
    pub office: u8,
    pub field: u8,
}

pub(super) fn apply(state: &mut State, origin: Origin, actor: &str, event: &Event) {
    match event {
        Event::LedgerOpened { company, ceo, leader, currency, fiscal_year_start, cadence } => {
            state.ledger = Some(LedgerInfo {
                company: company.clone(),
                ceo: ceo.clone(),
                leader: leader.clone(),
                currency: currency.clone(),
                fiscal_year_start: *fiscal_year_start,
                cadence: *cadence,
                opened: origin,
            });
        }
        Event::LeaderChanged { name, .. } => {
            if let Some(info) = state.ledger.as_mut() {
                info.leader = name.clone();
            }
        }
        Event::MeetingHeld { date, attendees, worked_plan, results, adjust, note, rating } => {
            let kind = MeetingKind::Held {
                attendees: attendees.clone(),
                worked_plan: *worked_plan,
                results: *results,
                adjust: adjust.clone(),
                note: note.clone(),
                rating: *rating,
            };
            state.meetings.push(Meeting { date: *date, kind, origin });
        }
        Event::MeetingSkipped { date, reason } => {
            let kind = MeetingKind::Skipped { reason: reason.clone() };
            state.meetings.push(Meeting { date: *date, kind, origin });
        }
        Event::HeadAcknowledged { seq, hash, by } => {
            state.acknowledgements.push(Acknowledgement { seq: *seq, hash: *hash, by: by.clone(), origin });
        }
        Event::IssueRaised { id, title, detail, on } => {
            let issue = IssueItem {
                id: id.clone(),
                title: title.clone(),
                detail: detail.clone(),
                raised_by: actor.to_string(),
                raised_on: *on,
                resolved: None,
                origin,
            };
            state.issues.insert(id.clone(), issue);
        }
        Event::IssueResolved { id, resolution, on } => {
            if let Some(issue) = state.issues.get_mut(id) {
                issue.resolved = Some((*on, resolution.clone()));
            }
        }
        Event::DecisionRightSet { area, right, on } => {
            state.decision_rights.insert(*area, Fact { value: *right, on: *on, origin });
        }
        Event::FocusSet { coaching, selling, new_markets, office, field, on } => {
            let focus = Focus {
                coaching: *coaching,
                selling: *selling,
                new_markets: *new_markets,
                office: *office,
                field: *field,
            };
            state.focus = Some(Fact { value: focus, on: *on, origin });
        }
        _ => {}
    }
}
