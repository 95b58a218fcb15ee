//! Deals: the current terms of each deal and every version it went through,
//! so slips, changes and calibration can be computed as of any date.

use super::{Origin, State};
use crate::core::event::Event;
use crate::core::money::Money;
use crate::core::time::Date;
use std::sync::Arc;

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum DealStatus {
    Open,
    Won { on: Date },
    Lost { on: Date, reason: String },
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Risk {
    pub reason: String,
    /// The date the flag says it was raised.
    pub since: Date,
    /// The day the flag was written (§ 10 rule 5).
    pub recorded: Date,
    pub seq: u64,
    /// What is being done about it (§ 10.9), the latest one given.
    pub action: Option<RiskAction>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct RiskAction {
    pub action: String,
    pub owner: String,
    pub due: Date,
    pub seq: u64,
}

/// The deal as it stood after one record.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DealVersion {
    pub seq: u64,
    pub on: Date,
    /// The day this version's record was written.
    pub recorded: Date,
    pub amount: Money,
    pub close: Date,
    /// Shared with the versions before and after it that keep it: a deal
    /// revised a hundred times holds its stage and its flag once, not a
    /// hundred times (a million-event ledger holds most of a million versions).
    pub stage: Option<Arc<str>>,
    pub probability: Option<u8>,
    pub status: DealStatus,
    pub risk: Option<Arc<Risk>>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    pub id: String,
    pub account: String,
    pub opened_on: Date,
    pub opened: Origin,
    /// Every version in record order; the last is the current one.
    #[serde(deserialize_with = "shared_versions")]
    pub versions: Vec<DealVersion>,
}

/// Versions read back (from the snapshot) share what they repeat, as the
/// fold that made them did.
fn shared_versions<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<DealVersion>, D::Error> {
    let mut versions = <Vec<DealVersion> as serde::Deserialize>::deserialize(d)?;
    for i in 1..versions.len() {
        let (before, after) = versions.split_at_mut(i);
        let (previous, version) = (&before[i - 1], &mut after[0]);
        if version.stage == previous.stage {
            version.stage.clone_from(&previous.stage);
        }
        if version.risk == previous.risk {
            version.risk.clone_from(&previous.risk);
        }
    }
    Ok(versions)
}

impl Deal {
    pub fn current(&self) -> &DealVersion {
        self.versions.last().expect("a deal has at least its opening version")
    }

    pub fn is_open(&self) -> bool {
        self.current().status == DealStatus::Open
    }

    /// The version in force on `date` (by the date each fact was true), if
    /// the deal existed then.
    pub fn as_on(&self, date: Date) -> Option<&DealVersion> {
        self.versions.iter().filter(|v| v.on <= date).max_by_key(|v| (v.on, v.seq))
    }

    /// The date of the deal's latest fact.
    pub fn last_on(&self) -> Date {
        self.versions.iter().map(|v| v.on).max().unwrap_or(self.opened_on)
    }
}

pub(super) fn apply(state: &mut State, origin: Origin, event: &Event) {
    if let Event::DealRiskAction { id, action, owner, due, .. } = event {
        // Attached to the flag in force; not a new version of the deal's terms.
        let risk = state.deals.get_mut(id).and_then(|d| d.versions.last_mut()).and_then(|v| v.risk.as_mut());
        if let Some(risk) = risk.map(Arc::make_mut) {
            risk.action =
                Some(RiskAction { action: action.clone(), owner: owner.clone(), due: *due, seq: origin.seq });
        }
        return;
    }
    if let Event::DealOpened { id, account, amount, close, stage, probability, on } = event {
        let version = DealVersion {
            seq: origin.seq,
            on: *on,
            recorded: origin.recorded_at.date(),
            amount: *amount,
            close: *close,
            stage: stage.as_deref().map(Arc::from),
            probability: *probability,
            status: DealStatus::Open,
            risk: None,
        };
        let deal = Deal {
            id: id.clone(),
            account: account.clone(),
            opened_on: *on,
            opened: origin,
            versions: vec![version],
        };
        state.deals.insert(id.clone(), deal);
        return;
    }
    let id = match event {
        Event::DealChanged { id, .. }
        | Event::DealRiskFlagged { id, .. }
        | Event::DealRiskCleared { id, .. }
        | Event::DealWon { id, .. }
        | Event::DealLost { id, .. } => id,
        _ => return,
    };
    let Some(deal) = state.deals.get_mut(id) else { return };
    let mut next = deal.current().clone();
    next.seq = origin.seq;
    next.recorded = origin.recorded_at.date();
    match event {
        Event::DealChanged { amount, close, stage, probability, on, .. } => {
            next.on = *on;
            next.amount = amount.unwrap_or(next.amount);
            next.close = close.unwrap_or(next.close);
            if let Some(stage) = stage {
                next.stage = Some(Arc::from(stage.as_str()));
            }
            if probability.is_some() {
                next.probability = *probability;
            }
        }
        Event::DealRiskFlagged { reason, on, .. } => {
            next.on = *on;
            next.risk = Some(Arc::new(Risk {
                reason: reason.clone(),
                since: *on,
                recorded: next.recorded,
                seq: origin.seq,
                action: None,
            }));
        }
        Event::DealRiskCleared { on, .. } => {
            next.on = *on;
            next.risk = None;
        }
        Event::DealWon { amount, on, .. } => {
            next.on = *on;
            next.amount = amount.unwrap_or(next.amount);
            next.status = DealStatus::Won { on: *on };
        }
        Event::DealLost { reason, on, .. } => {
            next.on = *on;
            next.status = DealStatus::Lost { on: *on, reason: reason.clone() };
        }
        _ => {}
    }
    deal.versions.push(next);
}
