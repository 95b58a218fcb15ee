//! Contingencies: an agreed action and the trigger that calls for it — an
//! indicator below or above a threshold for K complete weeks in a row, or a
//! revenue gap in the current fiscal quarter above an amount.

use super::indicator::{find as find_indicator, format_milli, parse_milli};
use super::{fact_date, no_case_clash, not_before};
use crate::core::event::{Event, Trigger};
use crate::core::metrics::actuals::actual_to_date;
use crate::core::metrics::weeks::Week;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{Contingency, State};
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};

pub const MAX_WEEKS: u32 = 52;

pub struct NewContingency {
    pub id: String,
    pub indicator: Option<String>,
    pub below: Option<String>,
    pub above: Option<String>,
    pub weeks: Option<u32>,
    pub revenue_gap_above: Option<String>,
    pub action: String,
    pub on: Option<Date>,
}

/// A new contingency's id: well formed and not taken (case ignored).
pub fn new_id(state: &State, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if state.contingencies.contains_key(&id) {
        return Err(Error::input("--id", format!("contingency '{id}' already exists; choose another id")));
    }
    no_case_clash(&id, &state.contingencies, "contingency")?;
    Ok(id)
}

pub fn add(state: &State, n: NewContingency, today: Date) -> Result<Event> {
    let id = new_id(state, &n.id)?;
    let trigger = trigger(state, &n)?;
    let action = text::text(&n.action, text::MAX_TEXT).field("--action")?;
    let on = fact_date(n.on, today, "--on")?;
    Ok(Event::ContingencyAdded { id, trigger, action, on })
}

fn trigger(state: &State, n: &NewContingency) -> Result<Trigger> {
    const EITHER: &str =
        "give --indicator NAME with --below N or --above N and --weeks K, or --revenue-gap-above X";
    match (&n.indicator, &n.revenue_gap_above) {
        (Some(_), Some(_)) => {
            Err(Error::input("--revenue-gap-above", format!("a contingency has one trigger; {EITHER}")))
        }
        (None, None) => Err(Error::input("--indicator", format!("a contingency needs a trigger; {EITHER}"))),
        (None, Some(amount)) => {
            let stray = [
                ("--below", n.below.is_some()),
                ("--above", n.above.is_some()),
                ("--weeks", n.weeks.is_some()),
            ];
            if let Some((flag, _)) = stray.iter().find(|(_, given)| *given) {
                return Err(Error::input(
                    *flag,
                    "belongs to an indicator trigger, not to --revenue-gap-above",
                ));
            }
            let amount = Money::parse(amount, state.exponent()).field("--revenue-gap-above")?;
            Ok(Trigger::RevenueGapAbove { amount })
        }
        (Some(name), None) => {
            let name = find_indicator(state, name, "--indicator")?.name.clone();
            let weeks = match n.weeks {
                Some(k) if (1..=MAX_WEEKS).contains(&k) => k as u8,
                Some(k) => {
                    return Err(Error::input(
                        "--weeks",
                        format!("{k} is not accepted; expected 1 to {MAX_WEEKS} weeks"),
                    ))
                }
                None => {
                    return Err(Error::input(
                        "--weeks",
                        "how many complete weeks in a row trigger it? give --weeks K",
                    ))
                }
            };
            match (&n.below, &n.above) {
                (Some(_), Some(_)) => Err(Error::input("--above", "give --below N or --above N, not both")),
                (None, None) => {
                    Err(Error::input("--below", format!("give --below N or --above N for '{name}'")))
                }
                (Some(t), None) => Ok(Trigger::IndicatorBelow {
                    name,
                    threshold_milli: parse_milli(t).field("--below")?,
                    weeks,
                }),
                (None, Some(t)) => Ok(Trigger::IndicatorAbove {
                    name,
                    threshold_milli: parse_milli(t).field("--above")?,
                    weeks,
                }),
            }
        }
    }
}

/// The contingency `id`, or an error listing the known ones.
pub fn find<'a>(state: &'a State, id: &str) -> Result<&'a Contingency> {
    state.contingencies.get(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = state.contingencies.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input("ID", format!("there is no contingency '{}'; known: {known}", id.trim()))
    })
}

/// Records that the agreed action was taken. Only a contingency whose
/// trigger holds on that day can be acted on: the record answers "we saw
/// the signal and did what we agreed".
pub fn acted(state: &State, id: &str, note: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let c = find(state, id)?;
    let note = text::text(note, text::MAX_TEXT).field("--note")?;
    let on = fact_date(on, today, "--on")?;
    not_before(on, c.added_on, "--on", "the day the contingency was agreed")?;
    if firing(state, c, on).is_none() {
        return Err(Error::input(
            "ID",
            format!(
                "contingency '{}' ({}) is not triggered on {on}; nothing calls for its action",
                c.id,
                describe(state, &c.trigger)
            ),
        ));
    }
    Ok(Event::ContingencyActedOn { id: c.id.clone(), note, on })
}

/// The trigger in words: "Calls below 40 for 3 weeks".
pub fn describe(state: &State, trigger: &Trigger) -> String {
    match trigger {
        Trigger::IndicatorBelow { name, threshold_milli, weeks } => {
            format!("{name} below {} for {weeks} weeks", format_milli(*threshold_milli))
        }
        Trigger::IndicatorAbove { name, threshold_milli, weeks } => {
            format!("{name} above {} for {weeks} weeks", format_milli(*threshold_milli))
        }
        Trigger::RevenueGapAbove { amount } => format!("revenue gap above {}", state.money(*amount)),
    }
}

/// A trigger that holds: since when, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Firing {
    pub since: Date,
    pub why: String,
}

/// Whether the contingency is triggered on `today`, and why.
pub fn triggered(state: &State, c: &Contingency, today: Date) -> Option<String> {
    firing(state, c, today).map(|f| f.why)
}

/// Indicator trigger: the last K complete ISO weeks before `today` all have
/// values past the threshold (a missing week breaks the run). Revenue
/// trigger: goal − actual to date of the current fiscal quarter exceeds X.
/// An action recorded after the trigger began clears it; weeks that began
/// before the latest action do not count again, so a run that goes on for
/// another K weeks after the action triggers it anew.
pub fn firing(state: &State, c: &Contingency, today: Date) -> Option<Firing> {
    let last_acted = c.acted_on.iter().map(|(on, _, _)| *on).filter(|on| *on <= today).max();
    match &c.trigger {
        Trigger::IndicatorBelow { name, threshold_milli, weeks } => {
            indicator_run(state, name, (true, *threshold_milli), *weeks, today, last_acted)
        }
        Trigger::IndicatorAbove { name, threshold_milli, weeks } => {
            indicator_run(state, name, (false, *threshold_milli), *weeks, today, last_acted)
        }
        Trigger::RevenueGapAbove { amount } => revenue_gap(state, *amount, today, last_acted),
    }
}

/// `(below, threshold)`: whether values must fall below or rise above it.
fn indicator_run(
    state: &State,
    name: &str,
    (below, threshold): (bool, i64),
    weeks: u8,
    today: Date,
    last_acted: Option<Date>,
) -> Option<Firing> {
    let past = |v: i64| if below { v < threshold } else { v > threshold };
    let side = if below { "below" } else { "above" };
    let indicator = state.indicators.get(name)?;
    let k = usize::from(weeks.max(1));
    // The run of qualifying weeks ending at the last complete week, newest first.
    let run: Vec<(Week, i64)> =
        std::iter::successors(Some(Week::last_complete_before(today)), |w| Some(w.prev()))
            .take_while(|w| !matches!(last_acted, Some(acted) if w.monday() < acted))
            .map_while(|w| {
                indicator.values.get(&(w.year, w.week)).map(|(v, _)| (w, *v)).filter(|(_, v)| past(*v))
            })
            .take(520)
            .collect();
    if run.len() < k {
        return None;
    }
    // The trigger began the day after the K-th week of the run ended.
    let since = run[run.len() - k].0.next().monday();
    let shown: Vec<String> =
        run.iter().take(6).rev().map(|(w, v)| format!("{w} {}", format_milli(*v))).collect();
    let more = if run.len() > 6 { "…, " } else { "" };
    let why = format!(
        "{name} {side} {} for {} complete weeks in a row ({more}{})",
        format_milli(threshold),
        run.len(),
        shown.join(", ")
    );
    Some(Firing { since, why })
}

fn revenue_gap(state: &State, limit: Money, today: Date, last_acted: Option<Date>) -> Option<Firing> {
    let fiscal_start = state.info().fiscal_year_start;
    let quarter = Period::quarter_of(today, fiscal_start);
    let goal = state.goals.get(&quarter)?.value.0;
    let (Money(actual), _) = actual_to_date(state, quarter);
    let gap = goal - actual;
    // The gap is judged quarter by quarter: an action taken this quarter answers it.
    let since = quarter.first_day(fiscal_start);
    if gap <= limit.0 || last_acted.is_some_and(|acted| acted >= since) {
        return None;
    }
    let why = format!(
        "revenue gap for {quarter} is {} (goal {}, actual to date {}), above {}",
        state.money(Money(gap)),
        state.money(Money(goal)),
        state.money(Money(actual)),
        state.money(limit)
    );
    Some(Firing { since, why })
}

#[cfg(test)]
#[path = "contingency_tests.rs"]
mod tests;
