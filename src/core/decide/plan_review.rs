//! The plan as judged on a given day: each item's status, the options
//! ranked, and each change set against the minimum run time agreed before
//! it (metrics.md § 7, "be patient enough to let the plan work").

use crate::core::period::Period;
use crate::core::state::{OptionItem, Plan, PlanChange, PlanItem};
use crate::core::time::Date;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemStatus {
    Done(Date),
    Overdue,
    Open,
}

impl ItemStatus {
    pub fn of(item: &PlanItem, today: Date) -> ItemStatus {
        match (item.completed_on, item.due) {
            (Some(on), _) => ItemStatus::Done(on),
            (None, Some(due)) if due < today => ItemStatus::Overdue,
            _ => ItemStatus::Open,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            ItemStatus::Done(_) => "done",
            ItemStatus::Overdue => "overdue",
            ItemStatus::Open => "open",
        }
    }
}

/// Options, best impact for effort first; ties by larger impact, then id.
/// Ratios are compared by cross-multiplying, so no rounding decides a rank.
pub fn ranked_options(plan: &Plan) -> Vec<&OptionItem> {
    let mut options: Vec<&OptionItem> = plan.options.values().collect();
    options.sort_by(|a, b| {
        let ratio =
            (u32::from(b.impact) * u32::from(a.effort)).cmp(&(u32::from(a.impact) * u32::from(b.effort)));
        ratio.then(b.impact.cmp(&a.impact)).then_with(|| a.id.cmp(&b.id))
    });
    options
}

/// An agreed minimum run: `weeks` from `from`; it has passed from `passes_on` on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunWindow {
    pub weeks: u16,
    pub from: Date,
    /// The first day after the run: the plan may be judged from then.
    pub passes_on: Date,
}

impl RunWindow {
    pub fn new(weeks: u16, from: Date) -> RunWindow {
        RunWindow { weeks, from, passes_on: from.add_days(7 * i64::from(weeks)) }
    }

    pub fn passed(&self, today: Date) -> bool {
        today >= self.passes_on
    }

    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date < self.passes_on
    }
}

/// The minimum run agreed now (the latest one recorded).
pub fn current_run(plan: &Plan) -> Option<RunWindow> {
    plan.minimum_run.map(|(weeks, from, _)| RunWindow::new(weeks, from))
}

/// The minimum run in force when `change` was recorded: the latest agreed
/// before it. A run agreed afterwards does not judge an earlier change.
pub fn run_in_force(plan: &Plan, change: &PlanChange) -> Option<RunWindow> {
    plan.minimum_runs
        .iter()
        .rev()
        .find(|(_, _, origin)| origin.seq < change.origin.seq)
        .map(|(weeks, from, _)| RunWindow::new(*weeks, *from))
}

/// The run a change cut short, if it was premature: it was made (agreed)
/// inside the minimum run in force when it was recorded — metrics.md §7,
/// "changes made before the plan's agreed minimum run time".
pub fn premature(plan: &Plan, change: &PlanChange) -> Option<RunWindow> {
    run_in_force(plan, change).filter(|run| run.contains(change.on))
}

/// metrics.md § 7 `premature_changes`: the changes made before the plan's
/// agreed minimum run time had passed.
pub fn premature_changes(plan: &Plan) -> Vec<&PlanChange> {
    plan.changes.iter().filter(|c| premature(plan, c).is_some()).collect()
}

/// metrics.md § 7 `changes_per_quarter`: (fiscal quarter of the day the change
/// was agreed, who asked) → count, in order.
pub fn changes_per_quarter(plan: &Plan, fiscal_start: u8) -> Vec<(Period, String, usize)> {
    let mut counts: BTreeMap<(Period, String), usize> = BTreeMap::new();
    for c in &plan.changes {
        *counts.entry((Period::quarter_of(c.on, fiscal_start), c.requested_by.clone())).or_default() += 1;
    }
    counts.into_iter().map(|((q, who), n)| (q, who, n)).collect()
}

/// Children of `parent` (or the roots when `None`), in id order. Items whose
/// parent is unknown (e.g. voided by a correction) are shown as roots.
pub fn children<'a>(plan: &'a Plan, parent: Option<&str>) -> Vec<&'a PlanItem> {
    plan.items
        .values()
        .filter(|i| match (parent, i.parent.as_deref()) {
            (None, None) => true,
            (None, Some(p)) => !plan.items.contains_key(p),
            (Some(want), Some(p)) => want == p,
            (Some(_), None) => false,
        })
        .collect()
}

#[cfg(test)]
#[path = "plan_review_tests.rs"]
mod tests;
