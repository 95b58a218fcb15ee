//! `candor goal set|list` and `candor actual record|list`: the revenue goal
//! and the real revenue of a period. Shared helpers for `forecast` live here.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::revenue as decide;
use candor::core::state::State;
use candor::core::{AsOf, Event, Period};
use candor::ledger::replay;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct GoalArgs {
    #[command(subcommand)]
    command: GoalCommand,
}

#[derive(clap::Subcommand)]
enum GoalCommand {
    /// Set the revenue goal for a period; setting it again replaces it (the latest wins)
    Set {
        /// YYYY-MM, YYYY-Qn or YYYY [prompt default: the current fiscal quarter]
        #[arg(long)]
        period: Option<String>,
        /// Above zero: 1250000, 1,250,000, 1.25M or 250k
        #[arg(long)]
        amount: Option<String>,
    },
    /// List the goal in force for each period
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

#[derive(clap::Args)]
pub struct ActualArgs {
    #[command(subcommand)]
    command: ActualCommand,
}

#[derive(clap::Subcommand)]
enum ActualCommand {
    /// Record the actual revenue of a period that has started; recording it again replaces it
    Record {
        /// YYYY-MM, YYYY-Qn or YYYY [prompt default: the last complete month]
        #[arg(long)]
        period: Option<String>,
        /// Zero or more: 1250000, 1,250,000, 1.25M or 250k
        #[arg(long)]
        amount: Option<String>,
    },
    /// List actuals, with each quarter and year whose months are all recorded
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn goal(ctx: &Context, args: GoalArgs) -> Result<()> {
    let (period, amount) = match args.command {
        GoalCommand::List { as_of } => return list_goals(ctx, as_of),
        GoalCommand::Set { period, amount } => (period, amount),
    };
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let exponent = state.exponent();
    let quarter = decide::current_quarter(today, state.info().fiscal_year_start);
    let event = ask.settle(|ask| {
        let period = ask_period(ask, period.clone(), "Goal for which period?", quarter)?;
        let label = format!("Goal for {period} ({AMOUNT_FORMS}):");
        let amount_rule = check(move |s| decide::goal_amount(s, exponent));
        let amount = ask.text(amount.clone(), "--amount", &label, amount_rule)?;
        let event = decide::goal(state, &period, &amount)?;
        let summary = replaces(state, &event);
        Ok((event, summary))
    })?;
    let note = replaces(state, &event);
    session.record(ctx, vec![event])?;
    emit(&format!("{note}\n"));
    Ok(())
}

pub fn actual(ctx: &Context, args: ActualArgs) -> Result<()> {
    let (period, amount) = match args.command {
        ActualCommand::List { as_of } => return list_actuals(ctx, as_of),
        ActualCommand::Record { period, amount } => (period, amount),
    };
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let (exponent, fiscal_start) = (state.exponent(), state.info().fiscal_year_start);
    let default = decide::last_complete_month(today);
    let event = ask.settle(|ask| {
        let period = match &period {
            Some(p) => p.clone(),
            None => ask.text_with_default(
                None,
                "--period",
                "Actual revenue for which period?",
                Some(&default.to_string()),
                check(move |s| decide::actual_period(s, fiscal_start, today)),
            )?,
        };
        let label = format!("Actual revenue of {period} ({AMOUNT_FORMS}):");
        let amount = ask.text(amount.clone(), "--amount", &label, money_rule(exponent))?;
        let event = decide::actual(state, &period, &amount, today)?;
        let summary = replaces(state, &event);
        Ok((event, summary))
    })?;
    let note = replaces(state, &event);
    session.record(ctx, vec![event])?;
    emit(&format!("{note}\n"));
    Ok(())
}

/// How amount prompts describe what they accept.
pub const AMOUNT_FORMS: &str = "e.g. 1,250,000, 1.25M or 250k";

/// A prompt rule for any non-negative amount in the ledger's currency.
pub fn money_rule(exponent: u32) -> super::prompt::Check {
    check(move |s| candor::core::Money::parse(s, exponent))
}

/// The period flag, or a prompt for one with a default.
pub fn ask_period(ask: &mut Ask, value: Option<String>, label: &str, default: Period) -> Result<String> {
    ask.text_with_default(value, "--period", label, Some(&default.to_string()), check(Period::parse))
}

/// One line on a goal or actual: its value, and what it replaces.
fn replaces(state: &State, event: &Event) -> String {
    let (what, period, amount, earlier) = match event {
        Event::GoalSet { period, amount } => ("goal", period, amount, state.goals.get(period)),
        Event::ActualRecorded { period, amount } => ("actual", period, amount, state.actuals.get(period)),
        _ => return String::new(),
    };
    let currency = &state.info().currency;
    let now = format!("{period} {what}: {} {currency}", state.money(*amount));
    match earlier {
        Some(f) => format!("{now}, replacing {} (record {}, {})", state.money(f.value), f.origin.seq, f.on),
        None => format!("{now} (the first {what} for {period})"),
    }
}

/// The state as of a point in history, for a list.
pub fn list_state(ctx: &Context, as_of: Option<AsOf>) -> Result<State> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let ledger = ctx.open()?;
    replay::state(&ledger, as_of)
}

/// Prints a list: the JSON object, or the rows as a table or Markdown.
pub fn render(ctx: &Context, value: Value, headers: &[&str], rows: &[Vec<String>]) {
    emit(&match ctx.format {
        Format::Json => json(&value),
        Format::Md => table::markdown(headers, rows),
        _ => table::terminal(headers, rows),
    });
}

fn list_goals(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    let state = list_state(ctx, as_of)?;
    let fiscal_start = state.info().fiscal_year_start;
    let mut goals: Vec<_> = state.goals.iter().collect();
    goals.sort_by_key(|(p, _)| decide::order_key(**p, fiscal_start));
    let value = json!({
        "currency": state.info().currency,
        "goals": goals.iter().map(|(p, g)| json!({
            "period": p.to_string(), "amount": g.value.0, "set_on": g.on.to_string(), "seq": g.origin.seq,
        })).collect::<Vec<_>>(),
    });
    let rows: Vec<Vec<String>> = goals
        .iter()
        .map(|(p, g)| vec![p.to_string(), state.money(g.value), g.on.to_string(), g.origin.seq.to_string()])
        .collect();
    render(ctx, value, &["period", "goal", "set on", "seq"], &rows);
    Ok(())
}

fn list_actuals(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    let state = list_state(ctx, as_of)?;
    let shown = decide::actual_rows(&state);
    let value = json!({
        "currency": state.info().currency,
        "actuals": shown.iter().map(|r| json!({
            "period": r.period.to_string(), "amount": r.amount.0, "derived": r.derived, "seqs": r.seqs,
            "recorded_on": r.recorded_on.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
    });
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|r| {
            let source = match r.recorded_on {
                Some(on) => format!("recorded {on}"),
                None => format!("sum of {} months", r.seqs.len()),
            };
            let seqs: Vec<String> = r.seqs.iter().map(u64::to_string).collect();
            vec![r.period.to_string(), state.money(r.amount), source, seqs.join(", ")]
        })
        .collect();
    render(ctx, value, &["period", "actual", "source", "records"], &rows);
    Ok(())
}
