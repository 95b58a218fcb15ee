//! The sales plan: goals, initiatives and activities; options weighed by
//! impact and effort; adoptions; changes and the agreed minimum run time.

use super::{fact_date, member, no_case_clash, not_before};
use crate::core::event::Event;
use crate::core::state::{OptionItem, PlanItem, State};
use crate::core::text;
use crate::core::time::Date;
use crate::core::vocab::PlanItemKind;
use crate::error::{Error, FieldContext, Result};

/// The level a plan item of `kind` hangs under: activity → initiative → goal.
pub fn parent_kind(kind: PlanItemKind) -> Option<PlanItemKind> {
    match kind {
        PlanItemKind::Goal => None,
        PlanItemKind::Initiative => Some(PlanItemKind::Goal),
        PlanItemKind::Activity => Some(PlanItemKind::Initiative),
    }
}

/// The id prefix offered for a new item: G-n, I-n, A-n.
pub fn id_prefix(kind: PlanItemKind) -> &'static str {
    match kind {
        PlanItemKind::Goal => "G",
        PlanItemKind::Initiative => "I",
        PlanItemKind::Activity => "A",
    }
}

pub struct NewItem {
    pub kind: PlanItemKind,
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub parent: Option<String>,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub on: Option<Date>,
}

/// A new plan item's id: well formed and not taken (case ignored).
pub fn new_item_id(state: &State, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if let Some(existing) = state.plan.items.get(&id) {
        return Err(Error::input(
            "--id",
            format!("'{id}' is already the {} '{}'", existing.kind, existing.title),
        ));
    }
    no_case_clash(&id, &state.plan.items, "plan item")?;
    Ok(id)
}

/// An item's due date: not before its start, nor before the day it is added.
pub fn item_due(due: Date, start: Option<Date>, on: Date) -> Result<()> {
    if let Some(start) = start {
        not_before(due, start, "--due", "the start date")?;
    }
    not_before(due, on, "--due", "the day the item is added")
}

/// A change takes effect on or after the day it was agreed.
pub fn effective_from(effective: Date, on: Date) -> Result<()> {
    not_before(effective, on, "--effective", "the day the change was agreed (--on)")
}

pub fn add(state: &State, n: NewItem, today: Date) -> Result<Event> {
    let id = new_item_id(state, &n.id)?;
    let title = text::name(&n.title).field("--title")?;
    let owner = match n.owner {
        Some(o) => Some(member::find(state, &o, "--owner")?.name.clone()),
        None => None,
    };
    let parent = check_parent(state, n.kind, n.parent.as_deref())?;
    let on = fact_date(n.on, today, "--on")?;
    if let Some(due) = n.due {
        item_due(due, n.start, on)?;
    }
    Ok(Event::PlanItemAdded { id, kind: n.kind, title, owner, parent, start: n.start, due: n.due, on })
}

fn check_parent(state: &State, kind: PlanItemKind, parent: Option<&str>) -> Result<Option<String>> {
    let Some(wanted) = parent_kind(kind) else {
        return match parent {
            Some(_) => Err(Error::input("--parent", "a goal is the top of the plan; it has no parent")),
            None => Ok(None),
        };
    };
    let Some(parent) = parent.map(str::trim) else {
        return Err(Error::input(
            "--parent",
            format!("{} belongs to {}; give the {wanted}'s id", with_article(kind), with_article(wanted)),
        ));
    };
    let fits: Vec<&str> =
        state.plan.items.values().filter(|i| i.kind == wanted).map(|i| i.id.as_str()).take(20).collect();
    let known = if fits.is_empty() {
        format!("there is no {wanted} yet")
    } else {
        format!("{wanted}s: {}", fits.join(", "))
    };
    match state.plan.items.get(parent) {
        None => Err(Error::input("--parent", format!("there is no plan item '{parent}'; {known}"))),
        Some(p) if p.kind != wanted => Err(Error::input(
            "--parent",
            format!(
                "'{parent}' is {}; {} hangs under {} ({known})",
                with_article(p.kind),
                with_article(kind),
                with_article(wanted)
            ),
        )),
        Some(p) => match p.completed_on {
            Some(done) => Err(Error::input(
                "--parent",
                format!("{} '{parent}' was completed on {done}; a completed item takes no new work", p.kind),
            )),
            None => Ok(Some(p.id.clone())),
        },
    }
}

fn with_article(kind: PlanItemKind) -> String {
    match kind {
        PlanItemKind::Goal => "a goal".into(),
        other => format!("an {other}"),
    }
}

/// The plan item `id`, or an error listing the known ones.
pub fn find<'a>(state: &'a State, id: &str) -> Result<&'a PlanItem> {
    state.plan.items.get(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = state.plan.items.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input("ID", format!("there is no plan item '{}'; known: {known}", id.trim()))
    })
}

pub fn complete(state: &State, id: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let item = find(state, id)?;
    if let Some(done) = item.completed_on {
        return Err(Error::input(
            "ID",
            format!("{} '{}' was already completed on {done}", item.kind, item.id),
        ));
    }
    let on = fact_date(on, today, "--on")?;
    not_before(on, item.added_on, "--on", "the day it was added")?;
    Ok(Event::PlanItemCompleted { id: item.id.clone(), on })
}

/// Parses an impact or effort rating: a whole number from 1 to 5.
pub fn rating(s: &str) -> std::result::Result<u8, String> {
    s.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| format!("'{s}' is not a rating; expected a whole number from 1 (least) to 5 (most)"))
}

pub struct NewOption {
    pub id: String,
    pub title: String,
    pub impact: String,
    pub effort: String,
    pub note: Option<String>,
    pub on: Option<Date>,
}

/// A new option's id: well formed and not taken (case ignored).
pub fn new_option_id(state: &State, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if let Some(existing) = state.plan.options.get(&id) {
        return Err(Error::input("--id", format!("option '{id}' already exists ('{}')", existing.title)));
    }
    no_case_clash(&id, &state.plan.options, "option")?;
    Ok(id)
}

pub fn option_add(state: &State, n: NewOption, today: Date) -> Result<Event> {
    let id = new_option_id(state, &n.id)?;
    let title = text::name(&n.title).field("--title")?;
    let impact = rating(&n.impact).field("--impact")?;
    let effort = rating(&n.effort).field("--effort")?;
    let note = n.note.map(|t| text::text(&t, text::MAX_TEXT)).transpose().field("--note")?;
    let on = fact_date(n.on, today, "--on")?;
    Ok(Event::PlanOptionProposed { id, title, impact, effort, note, on })
}

/// The option `id`, or an error listing the known ones.
pub fn find_option<'a>(state: &'a State, id: &str) -> Result<&'a OptionItem> {
    state.plan.options.get(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = state.plan.options.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input("ID", format!("there is no option '{}'; known: {known}", id.trim()))
    })
}

pub fn adopt(state: &State, id: &str, note: Option<String>, on: Option<Date>, today: Date) -> Result<Event> {
    let option = find_option(state, id)?;
    if let Some(adopted) = option.adopted_on {
        return Err(Error::input("ID", format!("option '{}' was already adopted on {adopted}", option.id)));
    }
    let note = note.map(|t| text::text(&t, text::MAX_TEXT)).transpose().field("--note")?;
    let on = fact_date(on, today, "--on")?;
    not_before(on, option.proposed_on, "--on", "the day the option was proposed")?;
    Ok(Event::PlanOptionAdopted { id: option.id.clone(), note, on })
}

pub struct NewChange {
    pub what: String,
    pub why: String,
    pub effective: Option<Date>,
    /// Who asked for the change (role word or name); the recorder when absent.
    pub requested_by: String,
    pub on: Option<Date>,
}

pub fn change(state: &State, c: NewChange, today: Date) -> Result<Event> {
    let what = text::text(&c.what, text::MAX_TEXT).field("--what")?;
    // The reason is what makes a change discussable later; without one it is refused.
    let why = text::text(&c.why, text::MAX_TEXT)
        .map_err(|m| format!("{m}; every plan change must carry its reason"))
        .field("--why")?;
    let requested_by = member::find(state, &c.requested_by, "--requested-by")?.name.clone();
    let on = fact_date(c.on, today, "--on")?;
    let effective = c.effective.unwrap_or(on);
    effective_from(effective, on)?;
    Ok(Event::PlanChanged { what, why, effective, requested_by, on })
}

pub const MAX_RUN_WEEKS: u16 = 52;

pub fn min_run(state: &State, weeks: u16, from: Option<Date>, today: Date) -> Result<Event> {
    if !(1..=MAX_RUN_WEEKS).contains(&weeks) {
        return Err(Error::input(
            "--weeks",
            format!("{weeks} is not accepted; expected a number of weeks from 1 to {MAX_RUN_WEEKS}"),
        ));
    }
    let from = from.unwrap_or(today);
    if let Some((w, f, _)) = state.plan.minimum_run {
        if (w, f) == (weeks, from) {
            return Err(Error::input(
                "--weeks",
                format!("a minimum run of {weeks} weeks from {from} is already agreed"),
            ));
        }
    }
    Ok(Event::PlanMinimumRunSet { weeks, from })
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
