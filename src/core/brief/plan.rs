//! The plan as reviewed at the meeting: items due, options, changes and the
//! minimum run; leading indicators against target; triggered contingencies;
//! and the forecast-against-actual record.

use super::TREND_WEEKS;
use crate::core::decide::contingency::{describe, firing};
use crate::core::decide::indicator::{hit_rate, last_weeks, mark, plan_worked, WeekMark};
use crate::core::decide::plan_review::{current_run, premature, ranked_options, ItemStatus, RunWindow};
use crate::core::metrics::actuals::{actual_for, actual_to_date};
use crate::core::metrics::forecast::{audit, Granularity, Options};
use crate::core::metrics::in_progress::{self, IndicatorsSoFar};
use crate::core::metrics::weeks::Week;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{OptionItem, PlanItem, State};
use crate::core::time::Date;
use crate::core::vocab::{Cadence, Direction, PlanItemKind};
use std::collections::BTreeSet;
use std::mem::discriminant;

/// How many periods the forecast-against-actual record goes back.
pub const FORECAST_PERIODS: usize = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    pub id: String,
    pub kind: PlanItemKind,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub status: ItemStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanChangeRow {
    pub what: String,
    pub why: String,
    pub effective: Date,
    pub requested_by: String,
    pub on: Date,
    pub seq: u64,
    /// Takes effect inside the minimum run agreed before it.
    pub premature: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanReview {
    /// Initiatives and activities due by the next meeting or overdue, and
    /// those completed since the last one.
    pub due: Vec<ItemRow>,
    /// Options not adopted yet, best impact for effort first.
    pub options: Vec<OptionItem>,
    /// Changes agreed since the last meeting.
    pub changes: Vec<PlanChangeRow>,
    pub run: Option<RunWindow>,
    pub run_passed: bool,
}

fn status(item: &PlanItem, until: Date) -> ItemStatus {
    match (item.completed_on.filter(|on| *on <= until), item.due) {
        (Some(on), _) => ItemStatus::Done(on),
        (None, Some(due)) if due < until => ItemStatus::Overdue,
        _ => ItemStatus::Open,
    }
}

pub(super) fn review(state: &State, since: Date, until: Date) -> PlanReview {
    let plan = &state.plan;
    let horizon = until.add_days(match state.info().cadence {
        Cadence::Weekly => 7,
        Cadence::Biweekly => 14,
    });
    let mut due: Vec<ItemRow> = plan
        .items
        .values()
        .filter(|i| i.kind != PlanItemKind::Goal && i.added_on <= until)
        .filter_map(|i| {
            let status = status(i, until);
            let show = match status {
                ItemStatus::Done(on) => since < on,
                _ => i.due.is_some_and(|d| d <= horizon),
            };
            show.then(|| ItemRow {
                id: i.id.clone(),
                kind: i.kind,
                title: i.title.clone(),
                owner: i.owner.clone(),
                due: i.due,
                status,
            })
        })
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    let options = ranked_options(plan)
        .into_iter()
        .filter(|o| o.adopted_on.is_none_or(|on| on > until) && o.proposed_on <= until)
        .cloned()
        .collect();
    let changes = plan
        .changes
        .iter()
        .filter(|c| since < c.on && c.on <= until)
        .map(|c| PlanChangeRow {
            what: c.what.clone(),
            why: c.why.clone(),
            effective: c.effective,
            requested_by: c.requested_by.clone(),
            on: c.on,
            seq: c.origin.seq,
            premature: premature(plan, c).is_some(),
        })
        .collect();
    let run = current_run(plan);
    PlanReview { due, options, changes, run, run_passed: run.is_some_and(|r| r.passed(until)) }
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRow {
    pub name: String,
    pub target_milli: i64,
    pub direction: Direction,
    /// One mark per week of the review, oldest first.
    pub marks: Vec<WeekMark>,
    pub hit_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorReview {
    /// The complete weeks before `until`, oldest first.
    pub weeks: Vec<Week>,
    pub rows: Vec<IndicatorRow>,
    /// Share of indicators hit, week by week.
    pub plan_worked: Vec<Option<f64>>,
    /// The week holding `until`, so far: shown, in no rate above.
    pub this_week: IndicatorsSoFar,
}

pub(super) fn indicators(state: &State, until: Date) -> IndicatorReview {
    let weeks = last_weeks(until, TREND_WEEKS);
    let rows = state
        .indicators
        .values()
        .map(|i| IndicatorRow {
            name: i.name.clone(),
            target_milli: i.target_milli,
            direction: i.direction,
            marks: weeks.iter().map(|w| mark(i, *w)).collect(),
            hit_rate: hit_rate(i, &weeks),
        })
        .collect();
    let plan_worked = weeks.iter().map(|w| plan_worked(state, *w)).collect();
    IndicatorReview { weeks, rows, plan_worked, this_week: in_progress::indicators(state, until) }
}

/// A contingency whose trigger holds, with its agreed action.
#[derive(Clone, Debug, PartialEq)]
pub struct Triggered {
    pub id: String,
    pub trigger: String,
    pub action: String,
    pub since: Date,
    pub why: String,
}

pub(super) fn triggered(state: &State, until: Date) -> Vec<Triggered> {
    state
        .contingencies
        .values()
        .filter(|c| c.added_on <= until)
        .filter_map(|c| {
            firing(state, c, until).map(|f| Triggered {
                id: c.id.clone(),
                trigger: describe(state, &c.trigger),
                action: c.action.clone(),
                since: f.since,
                why: f.why,
            })
        })
        .collect()
}

/// One period's forecast (standing at its last day) against its actual.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastPoint {
    pub period: Period,
    pub forecast: Option<Money>,
    pub actual: Option<Money>,
    /// The actual is the period's revenue so far (it is still running).
    pub to_date: bool,
    pub goal: Option<Money>,
}

/// The last `FORECAST_PERIODS` periods of the focus period's kind, up to it.
pub(super) fn forecasts(state: &State, focus: Period) -> Vec<ForecastPoint> {
    let fs = state.info().fiscal_year_start;
    let a = audit(state, Options { granularity: Granularity::of(focus), ..Options::default() });
    let mut periods: BTreeSet<(Date, Period)> = BTreeSet::new();
    let kinds = a.periods.iter().map(|p| p.period).chain(state.goals.keys().copied());
    let months = state.actuals.keys().map(|m| match focus {
        Period::Month { .. } => *m,
        Period::Quarter { .. } => Period::quarter_of(m.first_day(fs), fs),
        Period::Year { .. } => {
            let q = Period::quarter_of(m.first_day(fs), fs);
            match q {
                Period::Quarter { year, .. } => Period::Year { year },
                other => other,
            }
        }
    });
    for p in kinds.chain(months).chain(std::iter::once(focus)) {
        if discriminant(&p) == discriminant(&focus) && p.first_day(fs) <= focus.first_day(fs) {
            periods.insert((p.first_day(fs), p));
        }
    }
    let skip = periods.len().saturating_sub(FORECAST_PERIODS);
    periods
        .into_iter()
        .skip(skip)
        .map(|(_, p)| {
            let forecast =
                a.periods.iter().find(|x| x.period == p).and_then(|x| x.final_.as_ref()).map(|f| f.amount);
            let (actual, to_date) = match actual_for(state, p) {
                Some((m, _)) => (Some(m), false),
                None if p == focus => (Some(actual_to_date(state, p).0), true),
                None => (None, false),
            };
            ForecastPoint { period: p, forecast, actual, to_date, goal: state.goals.get(&p).map(|f| f.value) }
        })
        .collect()
}
