//! `candor commitment add|done|reschedule|drop|missed|list`.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, date_rule, rule, shared, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::{commitment as decide, next_free_entity_id};
use candor::core::state::{Commitment, CommitmentStatus, State};
use candor::core::{text, AsOf, Date};
use candor::ledger::replay;
use candor::report::{json, lists, table, Format};
use candor::Result;
use serde_json::json;
use std::rc::Rc;

#[derive(clap::Args)]
pub struct CommitmentArgs {
    #[command(subcommand)]
    command: CommitmentCommand,
}

#[derive(clap::Subcommand)]
enum CommitmentCommand {
    /// Make a commitment: who will do what, by when
    Add {
        /// Identifier [default in prompts: the next C-n]
        #[arg(long)]
        id: Option<String>,
        /// ceo, leader, or a person's name
        #[arg(long)]
        owner: Option<String>,
        /// What will be done
        #[arg(long)]
        what: Option<String>,
        /// Due date, YYYY-MM-DD [prompt default: next Friday]
        #[arg(long, value_parser = Date::parse)]
        due: Option<Date>,
        /// Sequence number of the meeting it was made at
        #[arg(long)]
        meeting: Option<u64>,
        /// The day it was made [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Mark a commitment done
    Done {
        id: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Move a commitment's due date (before it passes, this is honest renegotiation)
    Reschedule {
        id: Option<String>,
        /// The new due date
        #[arg(long, value_parser = Date::parse)]
        due: Option<Date>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Drop a commitment by agreement
    Drop {
        id: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Mark a commitment missed (after its due date)
    Missed {
        id: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// List commitments with their status
    List {
        /// Only this owner (ceo, leader or a name)
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: CommitmentArgs) -> Result<()> {
    if let CommitmentCommand::List { owner, as_of } = args.command {
        return list(ctx, owner, as_of);
    }
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let text_rule = || check(|s| text::text(s, text::MAX_TEXT));
    let event = match args.command {
        CommitmentCommand::Add { id, owner, what, due, meeting, on } => {
            // Only `add` judges its answers against the whole state.
            let st = shared(&ask, state);
            // Offered only when it will be asked for (it reads every C- id).
            let default_id =
                (id.is_none() && ask.interactive()).then(|| next_free_entity_id("C", &state.commitments));
            let made_on = on.unwrap_or(today);
            let due_rule = date_rule(move |d| decide::due_from(d, made_on));
            ask.settle(|ask| {
                let id_rule = rule({
                    let st = st.clone();
                    move |s| decide::new_id(&st, s)
                });
                let id = ask.text_with_default(
                    id.clone(),
                    "--id",
                    "Commitment id:",
                    default_id.as_deref(),
                    id_rule,
                )?;
                let owner = match &owner {
                    Some(o) => o.clone(),
                    None => choose_owner(ask, &st)?,
                };
                let what = ask.text(what.clone(), "--what", "What will be done?", text_rule())?;
                let due = ask.required_date_with(
                    due,
                    "--due",
                    "Due (YYYY-MM-DD):",
                    today.next_friday(),
                    due_rule.clone(),
                )?;
                let due = due.unwrap_or(today);
                let summary = format!("{owner} commits to \"{what}\" by {due}");
                let input = decide::NewCommitment { id, owner, what, due, on, meeting };
                Ok((decide::add(state, input, today)?, summary))
            })?
        }
        CommitmentCommand::Done { id, on } => ask.settle(|ask| {
            let id =
                pick(ask, id.clone(), state, "Which commitment is done?", lists::commitment_can_be_done)?;
            Ok((decide::done(state, &id, on, today)?, format!("Mark {id} done")))
        })?,
        CommitmentCommand::Reschedule { id, due, reason, on } => ask.settle(|ask| {
            let id = pick(ask, id.clone(), state, "Which commitment moves?", is_open)?;
            let (suggestion, due_rule) = match state.commitments.get(&id) {
                Some(c) => {
                    let (c, from) = (c.clone(), on.unwrap_or(today));
                    (c.due.max(today).add_days(7), date_rule(move |d| decide::new_due(&c, d, from)))
                }
                None => (today, check(Date::parse)),
            };
            let due = ask.required_date_with(due, "--due", "New due date:", suggestion, due_rule)?;
            let reason = ask.text(reason.clone(), "--reason", "Why?", text_rule())?;
            let due = due.unwrap_or(today);
            Ok((decide::reschedule(state, &id, due, &reason, on, today)?, format!("Move {id} to {due}")))
        })?,
        CommitmentCommand::Drop { id, reason, on } => ask.settle(|ask| {
            let id = pick(ask, id.clone(), state, "Which commitment is dropped?", is_open)?;
            let reason = ask.text(reason.clone(), "--reason", "Why is it dropped?", text_rule())?;
            Ok((decide::drop(state, &id, &reason, on, today)?, format!("Drop {id}")))
        })?,
        CommitmentCommand::Missed { id, on } => ask.settle(|ask| {
            let id = pick(ask, id.clone(), state, "Which commitment was missed?", |c| {
                is_open(c) && c.due < today
            })?;
            Ok((decide::missed(state, &id, on, today)?, format!("Mark {id} missed")))
        })?,
        CommitmentCommand::List { .. } => unreachable!("handled above"),
    };
    session.record(ctx, vec![event])?;
    Ok(())
}

fn is_open(c: &Commitment) -> bool {
    c.status == CommitmentStatus::Open
}

fn choose_owner(ask: &mut Ask, st: &Rc<State>) -> Result<String> {
    let info = st.info();
    let options =
        vec![format!("{} (CEO)", info.ceo), format!("{} (sales leader)", info.leader), "someone else".into()];
    match ask.choose("--owner", "Whose commitment?", &options, 1)? {
        Some(0) => Ok(info.ceo.clone()),
        Some(1) => Ok(info.leader.clone()),
        Some(_) => {
            let st = st.clone();
            ask.text(None, "--owner", "Owner's name:", rule(move |s| decide::owner(&st, s)))
        }
        None => Ok(String::new()),
    }
}

/// The id given, or a filterable choice among the commitments that fit.
fn pick(
    ask: &mut Ask,
    id: Option<String>,
    state: &State,
    label: &str,
    fits: impl Fn(&Commitment) -> bool,
) -> Result<String> {
    if let Some(id) = id {
        return Ok(id);
    }
    let candidates: Vec<&Commitment> = state.commitments.values().filter(|c| fits(c)).collect();
    let options: Vec<String> =
        candidates.iter().map(|c| format!("{} — {} (due {}, {})", c.id, c.what, c.due, c.owner)).collect();
    Ok(ask.choose("ID", label, &options, 0)?.map_or(String::new(), |i| candidates[i].id.clone()))
}

fn list(ctx: &Context, owner: Option<String>, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, as_of)?; // released before printing
    let today = match as_of {
        Some(AsOf::Date(d)) => d,
        _ => ctx.today(),
    };
    let owner = owner.map(|o| state.info().resolve(&o));
    let shown: Vec<&Commitment> =
        state.commitments.values().filter(|c| owner.as_ref().is_none_or(|o| &c.owner == o)).collect();
    let text = match ctx.format {
        Format::Json => json(&json!({
            "commitments": shown.iter().map(|c| json!({
                "id": c.id, "owner": c.owner, "what": c.what, "made_on": c.made_on.to_string(),
                "due": c.due.to_string(), "original_due": c.original_due.to_string(),
                "status": lists::commitment_status(c, today), "reschedules": c.steps.iter().filter(|s| matches!(s, candor::core::state::CommitmentStep::Rescheduled { .. })).count(),
                "seq": c.origin.seq,
            })).collect::<Vec<_>>()
        })),
        format => {
            let rows: Vec<Vec<String>> = shown.iter().map(|c| lists::commitment_cells(c, today)).collect();
            table::render(format, &lists::COMMITMENT_HEADERS, &rows)
        }
    };
    emit(&text);
    Ok(())
}
