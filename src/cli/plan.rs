//! `candor plan add|complete|option add|options|adopt|change|min-run|show`.

use super::context::Context;
use super::plan_option::{self, OptionCommand};
use super::plan_show;
use super::prompt::{check, date_rule, rule, shared, Ask, Check, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::member;
use candor::core::decide::plan::{self as decide, id_prefix, parent_kind};
use candor::core::decide::{next_free_id, plan_review::RunWindow};
use candor::core::state::State;
use candor::core::vocab::PlanItemKind;
use candor::core::{text, AsOf, Date};
use candor::ledger::replay;
use candor::{Error, Result};
use std::rc::Rc;

#[derive(clap::Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(clap::Subcommand)]
enum PlanCommand {
    /// Add a goal, an initiative (under a goal) or an activity (under an initiative)
    Add {
        /// goal, initiative or activity
        #[arg(long, value_parser = PlanItemKind::parse)]
        kind: Option<PlanItemKind>,
        /// Identifier [default in prompts: the next G-n, I-n or A-n]
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// ceo, leader, or a person's name
        #[arg(long)]
        owner: Option<String>,
        /// The goal an initiative serves, or the initiative an activity belongs to
        #[arg(long)]
        parent: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        start: Option<Date>,
        /// Due date; not before the start date
        #[arg(long, value_parser = Date::parse)]
        due: Option<Date>,
        /// The day it was added [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Mark a goal, initiative or activity done
    Complete {
        id: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Options considered for the plan, rated by impact and effort
    #[command(name = "option", subcommand)]
    PlanOption(OptionCommand),
    /// The options, best impact for effort first
    Options {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
    /// Adopt an option into the plan
    Adopt {
        id: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Record a change to the plan: what, why (required), from when, who asked
    Change {
        #[arg(long)]
        what: Option<String>,
        /// The reason; a change without one cannot be recorded
        #[arg(long)]
        why: Option<String>,
        /// When the change takes effect [default: --on]
        #[arg(long, value_parser = Date::parse)]
        effective: Option<Date>,
        /// ceo, leader or a name [default: who is recording]
        #[arg(long)]
        requested_by: Option<String>,
        /// The day it was agreed [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Agree the minimum time the plan runs before it is judged
    MinRun {
        /// 1 to 52 weeks
        #[arg(long)]
        weeks: Option<u16>,
        /// The first day of the run [default: today]
        #[arg(long, value_parser = Date::parse)]
        from: Option<Date>,
    },
    /// The plan as a tree, the options ranked, the changes and the minimum run
    #[command(visible_alias = "list")]
    Show {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: PlanArgs) -> Result<()> {
    let command = match args.command {
        PlanCommand::Show { as_of } => return plan_show::show(ctx, as_of),
        PlanCommand::Options { as_of } => return plan_show::options(ctx, as_of),
        PlanCommand::PlanOption(c) => return plan_option::run_option(ctx, c),
        PlanCommand::Adopt { id, note, on } => return plan_option::adopt(ctx, id, note, on),
        other => other,
    };
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let st = shared(&ask, state);
    let event = match command {
        PlanCommand::Add { kind, id, title, owner, parent, start, due, on } => ask.settle(|ask| {
            let kind = match kind {
                Some(k) => k,
                None => choose_kind(ask)?,
            };
            let default_id = next_free_id(id_prefix(kind), state.plan.items.keys());
            let id_rule = rule({
                let st = st.clone();
                move |s| decide::new_item_id(&st, s)
            });
            let id = ask.text_with_default(
                id.clone(),
                "--id",
                &format!("{kind} id:"),
                Some(&default_id),
                id_rule,
            )?;
            let title =
                ask.text(title.clone(), "--title", &format!("Title of the {kind}:"), check(text::name))?;
            let parent = match &parent {
                Some(p) => Some(p.clone()),
                None => choose_parent(ask, state, kind)?,
            };
            let owner = match &owner {
                Some(o) => Some(o.clone()),
                None => choose_owner(ask, &st, "Who owns it?", true)?,
            };
            let start = optional_date(ask, start, "Start date (YYYY-MM-DD)", date_rule(|_| Ok(())))?;
            let added_on = on.unwrap_or(today);
            let due_rule = date_rule(move |d| decide::item_due(d, start, added_on));
            let due = optional_date(ask, due, "Due date (YYYY-MM-DD)", due_rule)?;
            let under = parent.as_ref().map_or(String::new(), |p| format!(" under {p}"));
            let by =
                owner.as_ref().map_or(String::new(), |o| format!(", owned by {}", state.info().resolve(o)));
            let summary = format!("Add {kind} {id} \"{title}\"{under}{by}{}", timeline(start, due));
            let input = decide::NewItem { kind, id, title, owner, parent, start, due, on };
            Ok((decide::add(state, input, today)?, summary))
        })?,
        PlanCommand::Complete { id, on } => ask.settle(|ask| {
            let id = match &id {
                Some(id) => id.clone(),
                None => pick_open_item(ask, state)?,
            };
            Ok((decide::complete(state, &id, on, today)?, format!("Mark {id} done")))
        })?,
        PlanCommand::Change { what, why, effective, requested_by, on } => {
            let actor = match (&requested_by, ask.interactive()) {
                (None, false) => Some(session.actor(ctx)?),
                _ => None,
            };
            ask.settle(|ask| {
                let what = ask.text(
                    what.clone(),
                    "--what",
                    "What changes in the plan?",
                    check(|s| text::text(s, text::MAX_TEXT)),
                )?;
                let why = ask.text(
                    why.clone(),
                    "--why",
                    "Why? (required)",
                    check(|s| text::text(s, text::MAX_TEXT)),
                )?;
                let agreed_on = on.unwrap_or(today);
                let effective_rule = date_rule(move |d| decide::effective_from(d, agreed_on));
                let label = "Takes effect on (YYYY-MM-DD):";
                let effective = ask.date_with(effective, "--effective", label, agreed_on, effective_rule)?;
                let requested_by = match (&requested_by, &actor) {
                    (Some(r), _) => r.clone(),
                    (None, Some(a)) => a.clone(),
                    (None, None) => choose_owner(ask, &st, "Who asked for it?", false)?.unwrap_or_default(),
                };
                let summary = format!("Change the plan from {effective}: {what} (asked by {requested_by})");
                let input = decide::NewChange { what, why, effective: Some(effective), requested_by, on };
                Ok((decide::change(state, input, today)?, summary))
            })?
        }
        PlanCommand::MinRun { weeks, from } => ask.settle(|ask| {
            let weeks = match weeks {
                Some(w) => w,
                None => {
                    let answer = ask.text_with_default(
                        None,
                        "--weeks",
                        "Minimum run before the plan is judged (weeks, 1–52):",
                        Some("12"),
                        check(parse_weeks),
                    )?;
                    parse_weeks(&answer).unwrap_or(0)
                }
            };
            let from =
                ask.date_with(from, "--from", "Counting from (YYYY-MM-DD):", today, check(Date::parse))?;
            let run = RunWindow::new(weeks, from);
            let summary =
                format!("Let the plan run {weeks} weeks from {from} (it passes on {})", run.passes_on);
            Ok((decide::min_run(state, weeks, Some(from), today)?, summary))
        })?,
        PlanCommand::Show { .. }
        | PlanCommand::Options { .. }
        | PlanCommand::PlanOption(_)
        | PlanCommand::Adopt { .. } => unreachable!("handled above"),
    };
    session.record(ctx, vec![event])?;
    Ok(())
}

fn parse_weeks(s: &str) -> std::result::Result<u16, String> {
    s.trim()
        .parse::<u16>()
        .ok()
        .filter(|w| (1..=decide::MAX_RUN_WEEKS).contains(w))
        .ok_or_else(|| format!("'{s}' is not accepted; expected a number of weeks from 1 to 52"))
}

fn timeline(start: Option<Date>, due: Option<Date>) -> String {
    match (start, due) {
        (None, None) => String::new(),
        (Some(s), None) => format!(", from {s}"),
        (None, Some(d)) => format!(", due {d}"),
        (Some(s), Some(d)) => format!(", {s} → {d}"),
    }
}

/// The state as of a point in history, and the day it is judged on.
pub fn snapshot(ctx: &Context, as_of: Option<AsOf>) -> Result<(State, Date)> {
    let state = replay::state(&ctx.open()?, as_of)?; // released before printing
    let today = match as_of {
        Some(AsOf::Date(d)) => d,
        _ => ctx.today(),
    };
    Ok((state, today))
}

/// An optional date: the flag, or (when prompting) an answer that may be empty.
pub fn optional_date(ask: &mut Ask, value: Option<Date>, label: &str, rule: Check) -> Result<Option<Date>> {
    if value.is_some() {
        return Ok(value);
    }
    match ask.optional_text(None, label, rule)? {
        Some(answer) => Date::parse(&answer).map(Some).map_err(Error::Usage),
        None => Ok(None),
    }
}

fn choose_kind(ask: &mut Ask) -> Result<PlanItemKind> {
    let options = vec![
        "goal — an outcome the plan aims at".to_string(),
        "initiative — a way to reach a goal".to_string(),
        "activity — work that moves an initiative".to_string(),
    ];
    let i = ask.choose("--kind", "What are you adding?", &options, 0)?;
    Ok(PlanItemKind::ALL[i.unwrap_or(0)])
}

/// A filterable choice among the open items one level up from `kind`.
fn choose_parent(ask: &mut Ask, state: &State, kind: PlanItemKind) -> Result<Option<String>> {
    let Some(wanted) = parent_kind(kind) else { return Ok(None) };
    if !ask.interactive() {
        return Ok(None); // decide names --parent and what it accepts
    }
    let fits: Vec<_> =
        state.plan.items.values().filter(|i| i.kind == wanted && i.completed_on.is_none()).collect();
    if fits.is_empty() {
        return Err(Error::input(
            "--parent",
            format!("a {kind} belongs to an open {wanted}, and there is none; add one with `candor plan add --kind {wanted}`"),
        ));
    }
    let options: Vec<String> = fits.iter().map(|i| format!("{} — {}", i.id, i.title)).collect();
    let i = ask.choose("--parent", &format!("Under which {wanted}?"), &options, 0)?;
    Ok(i.map(|i| fits[i].id.clone()))
}

/// CEO, sales leader, someone else, or (when `optional`) nobody.
pub fn choose_owner(ask: &mut Ask, st: &Rc<State>, label: &str, optional: bool) -> Result<Option<String>> {
    if !ask.interactive() {
        return Ok(None);
    }
    let info = st.info();
    let mut options =
        vec![format!("{} (sales leader)", info.leader), format!("{} (CEO)", info.ceo), "someone else".into()];
    if optional {
        options.push("no owner".into());
    }
    match ask.choose_or(label, &options, 0)? {
        0 => Ok(Some(info.leader.clone())),
        1 => Ok(Some(info.ceo.clone())),
        2 => {
            // Only a member can be named: the same rule the decision applies.
            let st = st.clone();
            ask.text(None, "--owner", "Name:", rule(move |s| member::find(&st, s, "--owner").map(drop)))
                .map(Some)
        }
        _ => Ok(None),
    }
}

fn pick_open_item(ask: &mut Ask, state: &State) -> Result<String> {
    let open: Vec<_> = state.plan.items.values().filter(|i| i.completed_on.is_none()).collect();
    let options: Vec<String> = open.iter().map(|i| format!("{} — {} ({})", i.id, i.title, i.kind)).collect();
    Ok(ask.choose("ID", "Which item is done?", &options, 0)?.map_or(String::new(), |i| open[i].id.clone()))
}
