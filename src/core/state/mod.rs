//! The current state of the record: a pure fold over the events, used to
//! validate new facts and as the base of every projection.
//!
//! `apply` cannot fail: events were validated before they were recorded. A
//! `corrected` event is resolved before folding (see `fold`), so the state
//! always reflects the corrected history, while the log keeps both.

mod deals;
mod entities;
mod members;
mod people;
mod plan;
mod rename;
mod work;

pub use deals::{Deal, DealStatus, DealVersion, Risk, RiskAction};
pub use entities::{Entities, EntityIndex};
pub use members::{KeyEntry, Member, Members};
pub use people::{Acknowledgement, Focus, IssueItem, LedgerInfo, Meeting, MeetingKind};
pub use plan::{Contingency, Indicator, OptionItem, Plan, PlanChange, PlanItem};
pub use rename::PeopleChange;
pub use work::{AgreedForecast, Commitment, CommitmentStatus, CommitmentStep, Forecast};

use crate::core::event::{Event, SizeBand};
use crate::core::period::Period;
use crate::core::time::{Date, Timestamp};
use crate::core::vocab::{DecisionArea, DecisionRight};
use crate::core::{Envelope, Money};
use std::collections::{BTreeMap, HashMap};

/// Where a fact came from: its record and when it was written.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub seq: u64,
    pub recorded_at: Timestamp,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default)]
pub struct State {
    pub last_seq: u64,
    pub last_recorded_at: Option<Timestamp>,
    pub ledger: Option<LedgerInfo>,
    pub goals: BTreeMap<Period, Fact<Money>>,
    pub actuals: BTreeMap<Period, Fact<Money>>,
    pub forecasts: Vec<Forecast>,
    pub agreed_forecasts: Vec<AgreedForecast>,
    pub deals: Entities<Deal>,
    pub commitments: Entities<Commitment>,
    pub plan: Plan,
    pub indicators: BTreeMap<String, Indicator>,
    pub contingencies: BTreeMap<String, Contingency>,
    pub meetings: Vec<Meeting>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub issues: BTreeMap<String, IssueItem>,
    pub decision_rights: BTreeMap<DecisionArea, Fact<DecisionRight>>,
    pub focus: Option<Fact<Focus>>,
    pub size_bands: Vec<SizeBand>,
    /// metric key → (green, amber) in basis points
    pub thresholds: BTreeMap<String, Fact<(i32, i32)>>,
    /// Corrections in force: target seq → (correction seq, reason).
    pub corrections: BTreeMap<u64, (u64, String)>,
    /// Every record's event, for hiring and audits that need the raw facts.
    pub hiring_events: Vec<(Origin, Event)>,
    /// Members, their roles and keys.
    pub members: Members,
    /// Renames and hand-overs, in record order.
    #[serde(default)]
    pub people_changes: Vec<PeopleChange>,
}

impl State {
    /// Folds a whole history (in sequence order), resolving corrections.
    pub fn fold(envelopes: &[Envelope]) -> State {
        let mut replacements = Replacements::new();
        for env in envelopes {
            note_correction(&mut replacements, env);
        }
        let mut state = State::default();
        for env in envelopes {
            state.apply_envelope(env, &replacements);
        }
        state
    }

    /// Applies one record, as corrected by `replacements` (every correction
    /// in the history being folded; see `note_correction`).
    pub fn apply_envelope(&mut self, env: &Envelope, replacements: &Replacements) {
        let origin = Origin { seq: env.seq, recorded_at: env.recorded_at };
        match replacements.get(&env.seq) {
            None => self.apply(origin, &env.actor, &env.event),
            Some(replaced) => {
                // Who the members are follows the records as written, as
                // `verify` folds them: no correction moves a role or a key.
                if Members::reads(&env.event) {
                    self.members.apply(env.seq, &env.event);
                }
                match replaced {
                    Some(replacement) => self.apply_event(origin, &env.actor, replacement),
                    None => self.skip(origin),
                }
            }
        }
    }

    /// The ledger's settings; every recorded history starts with them.
    pub fn info(&self) -> &LedgerInfo {
        self.ledger.as_ref().expect("record 1 opens the ledger")
    }

    fn skip(&mut self, origin: Origin) {
        self.last_seq = origin.seq;
        self.last_recorded_at = Some(origin.recorded_at);
    }

    /// Applies one event. Events were validated before they were written.
    pub fn apply(&mut self, origin: Origin, actor: &str, event: &Event) {
        if Members::reads(event) {
            self.members.apply(origin.seq, event);
        }
        self.apply_event(origin, actor, event);
    }

    /// Applies one event's facts, members aside.
    fn apply_event(&mut self, origin: Origin, actor: &str, event: &Event) {
        self.skip(origin);
        match event {
            Event::Corrected { target, reason, .. } => {
                self.corrections.insert(*target, (origin.seq, reason.clone()));
            }
            Event::GoalSet { period, amount } => {
                self.goals.insert(*period, Fact { value: *amount, on: origin.recorded_at.date(), origin });
            }
            Event::ActualRecorded { period, amount } => {
                self.actuals.insert(*period, Fact { value: *amount, on: origin.recorded_at.date(), origin });
            }
            Event::SizeBandsSet { bands } => self.size_bands = bands.clone(),
            Event::ThresholdSet { metric, green_bp, amber_bp } => {
                let fact = Fact { value: (*green_bp, *amber_bp), on: origin.recorded_at.date(), origin };
                self.thresholds.insert(metric.clone(), fact);
            }
            Event::ForecastSubmitted { .. } => work::apply_forecast(self, origin, actor, event),
            Event::ForecastAgreed { .. } => work::apply_agreed(self, origin, event),
            Event::CommitmentMade { .. }
            | Event::CommitmentDone { .. }
            | Event::CommitmentRescheduled { .. }
            | Event::CommitmentDropped { .. }
            | Event::CommitmentMissed { .. } => work::apply_commitment(self, origin, event),
            Event::DealOpened { .. }
            | Event::DealChanged { .. }
            | Event::DealRiskFlagged { .. }
            | Event::DealRiskCleared { .. }
            | Event::DealWon { .. }
            | Event::DealLost { .. }
            | Event::DealRiskAction { .. } => deals::apply(self, origin, event),
            Event::PlanItemAdded { .. }
            | Event::PlanItemCompleted { .. }
            | Event::PlanOptionProposed { .. }
            | Event::PlanOptionAdopted { .. }
            | Event::PlanChanged { .. }
            | Event::PlanMinimumRunSet { .. }
            | Event::IndicatorDefined { .. }
            | Event::IndicatorRecorded { .. }
            | Event::ContingencyAdded { .. }
            | Event::ContingencyActedOn { .. } => plan::apply(self, origin, event),
            Event::LedgerOpened { .. }
            | Event::LeaderChanged { .. }
            | Event::MeetingHeld { .. }
            | Event::MeetingSkipped { .. }
            | Event::HeadAcknowledged { .. }
            | Event::IssueRaised { .. }
            | Event::IssueResolved { .. }
            | Event::DecisionRightSet { .. }
            | Event::FocusSet { .. } => people::apply(self, origin, actor, event),
            Event::HireTemplateLoaded { .. }
            | Event::CandidateAdded { .. }
            | Event::PanelistAdded { .. }
            | Event::ScoreSubmitted { .. }
            | Event::ScoreSealed { .. }
            | Event::ScoreRevealed { .. }
            | Event::DebriefOpened { .. }
            | Event::HireDecided { .. } => self.hiring_events.push((origin, event.clone())),
            // Only the chain's clock rule reads it; no report folds it.
            Event::ClockReset { .. } | Event::DealsImported { .. } => {}
            Event::MemberAdded { .. } | Event::MemberKeyAdded { .. } | Event::MemberRemoved { .. } => {}
            Event::MemberRenamed { .. } | Event::RoleHandedOver { .. } => rename::apply(self, origin, event),
        }
    }

    /// The money exponent of the ledger's currency.
    pub fn exponent(&self) -> u32 {
        self.ledger.as_ref().map_or(2, |l| crate::core::money::currency_exponent(&l.currency))
    }

    /// Formats an amount in the ledger's currency.
    pub fn money(&self, m: Money) -> String {
        m.format(self.exponent())
    }
}

/// Corrections in force while folding: target seq → replacement (None = voided).
pub type Replacements = HashMap<u64, Option<Event>>;

/// Notes the correction `env` carries, if any. A later correction of the
/// same target wins; corrections of corrections are refused when
/// recording, so one level is enough.
pub fn note_correction(replacements: &mut Replacements, env: &Envelope) {
    if let Event::Corrected { target, replacement, .. } = &env.event {
        replacements.insert(*target, replacement.as_deref().cloned());
    }
}

/// A value with the record it came from and the date it is true.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Fact<T> {
    pub value: T,
    pub on: Date,
    pub origin: Origin,
}
