//! The sales plan, leading indicators and contingencies.

use super::{Origin, State};
use crate::core::event::{Event, Trigger};
use crate::core::time::Date;
use crate::core::vocab::{Direction, PlanItemKind};
use std::collections::BTreeMap;

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    pub id: String,
    pub kind: PlanItemKind,
    pub title: String,
    pub owner: Option<String>,
    pub parent: Option<String>,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub added_on: Date,
    pub completed_on: Option<Date>,
    pub origin: Origin,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct OptionItem {
    pub id: String,
    pub title: String,
    pub impact: u8,
    pub effort: u8,
    pub note: Option<String>,
    pub proposed_on: Date,
    pub adopted_on: Option<Date>,
    pub origin: Origin,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PlanChange {
    pub what: String,
    pub why: String,
    pub effective: Date,
    pub requested_by: String,
    pub on: Date,
    pub origin: Origin,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub items: BTreeMap<String, PlanItem>,
    pub options: BTreeMap<String, OptionItem>,
    pub changes: Vec<PlanChange>,
    /// (weeks, from): the agreed minimum run time before judging the plan.
    pub minimum_run: Option<(u16, Date, Origin)>,
    /// Every minimum run agreed, in record order, so each change can be
    /// judged against the run in force when it was recorded.
    pub minimum_runs: Vec<(u16, Date, Origin)>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub name: String,
    pub target_milli: i64,
    pub direction: Direction,
    /// (ISO year, ISO week) → (value in thousandths, record)
    pub values: BTreeMap<(i32, u8), (i64, Origin)>,
    pub origin: Origin,
}

impl Indicator {
    pub fn hit(&self, value_milli: i64) -> bool {
        match self.direction {
            Direction::AtLeast => value_milli >= self.target_milli,
            Direction::AtMost => value_milli <= self.target_milli,
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Contingency {
    pub id: String,
    pub trigger: Trigger,
    pub action: String,
    pub added_on: Date,
    /// (date, note, record) each time it was acted on.
    pub acted_on: Vec<(Date, String, u64)>,
    pub origin: Origin,
}

pub(super) fn apply(state: &mut State, origin: Origin, event: &Event) {
    let plan = &mut state.plan;
    match event {
        Event::PlanItemAdded { id, kind, title, owner, parent, start, due, on } => {
            let item = PlanItem {
                id: id.clone(),
                kind: *kind,
                title: title.clone(),
                owner: owner.clone(),
                parent: parent.clone(),
                start: *start,
                due: *due,
                added_on: *on,
                completed_on: None,
                origin,
            };
            plan.items.insert(id.clone(), item);
        }
        Event::PlanItemCompleted { id, on } => {
            if let Some(item) = plan.items.get_mut(id) {
                item.completed_on = Some(*on);
            }
        }
        Event::PlanOptionProposed { id, title, impact, effort, note, on } => {
            let option = OptionItem {
                id: id.clone(),
                title: title.clone(),
                impact: *impact,
                effort: *effort,
                note: note.clone(),
                proposed_on: *on,
                adopted_on: None,
                origin,
            };
            plan.options.insert(id.clone(), option);
        }
        Event::PlanOptionAdopted { id, on, .. } => {
            if let Some(option) = plan.options.get_mut(id) {
                option.adopted_on = Some(*on);
            }
        }
        Event::PlanChanged { what, why, effective, requested_by, on } => plan.changes.push(PlanChange {
            what: what.clone(),
            why: why.clone(),
            effective: *effective,
            requested_by: requested_by.clone(),
            on: *on,
            origin,
        }),
        Event::PlanMinimumRunSet { weeks, from } => {
            plan.minimum_run = Some((*weeks, *from, origin));
            plan.minimum_runs.push((*weeks, *from, origin));
        }
        Event::IndicatorDefined { name, target_milli, direction } => {
            let values = state.indicators.remove(name).map(|i| i.values).unwrap_or_default();
            let indicator = Indicator {
                name: name.clone(),
                target_milli: *target_milli,
                direction: *direction,
                values,
                origin,
            };
            state.indicators.insert(name.clone(), indicator);
        }
        Event::IndicatorRecorded { name, year, week, value_milli } => {
            if let Some(i) = state.indicators.get_mut(name) {
                i.values.insert((*year, *week), (*value_milli, origin));
            }
        }
        Event::ContingencyAdded { id, trigger, action, on } => {
            let c = Contingency {
                id: id.clone(),
                trigger: trigger.clone(),
                action: action.clone(),
                added_on: *on,
                acted_on: Vec::new(),
                origin,
            };
            state.contingencies.insert(id.clone(), c);
        }
        Event::ContingencyActedOn { id, note, on } => {
            if let Some(c) = state.contingencies.get_mut(id) {
                c.acted_on.push((*on, note.clone(), origin.seq));
            }
        }
        _ => {}
    }
}
