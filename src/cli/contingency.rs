//! `candor contingency add|acted|list`: agreed actions and their triggers.

use super::context::Context;
use super::indicator::choose_indicator;
use super::output::emit;
use super::plan::snapshot;
use super::prompt::{check, rule, shared, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::contingency::{self as decide, describe, firing, MAX_WEEKS};
use candor::core::decide::indicator::parse_milli;
use candor::core::decide::next_free_id;
use candor::core::event::Trigger;
use candor::core::state::{Contingency, State};
use candor::core::{text, AsOf, Date, Money};
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct ContingencyArgs {
    #[command(subcommand)]
    command: ContingencyCommand,
}

#[derive(clap::Subcommand)]
enum ContingencyCommand {
    /// Agree an action and its trigger: an indicator past a threshold for K weeks, or a revenue gap
    Add {
        /// Identifier [default in prompts: the next CT-n]
        #[arg(long)]
        id: Option<String>,
        /// The indicator that triggers it (with --below or --above, and --weeks)
        #[arg(long)]
        indicator: Option<String>,
        /// Triggers when the indicator is below N every week of the run
        #[arg(long, allow_hyphen_values = true)]
        below: Option<String>,
        /// Triggers when the indicator is above N every week of the run
        #[arg(long, allow_hyphen_values = true)]
        above: Option<String>,
        /// How many complete weeks in a row, 1–52
        #[arg(long)]
        weeks: Option<u32>,
        /// Triggers when the current quarter's goal minus actual to date exceeds X
        #[arg(long, allow_hyphen_values = true)]
        revenue_gap_above: Option<String>,
        /// What will be done when it triggers
        #[arg(long)]
        action: Option<String>,
        /// The day it was agreed [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Record that a triggered contingency's action was taken
    Acted {
        id: Option<String>,
        /// What was done
        #[arg(long)]
        note: Option<String>,
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Contingencies: trigger, action, and whether each is triggered now
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: ContingencyArgs) -> Result<()> {
    if let ContingencyCommand::List { as_of } = args.command {
        return list(ctx, as_of);
    }
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let event = match args.command {
        ContingencyCommand::Add { id, indicator, below, above, weeks, revenue_gap_above, action, on } => {
            let default_id = next_free_id("CT", state.contingencies.keys());
            let st = shared(&ask, state);
            ask.settle(|ask| {
                let st = st.clone();
                let id_rule = rule(move |s| decide::new_id(&st, s));
                let id =
                    ask.text_with_default(id.clone(), "--id", "Contingency id:", Some(&default_id), id_rule)?;
                let mut input = decide::NewContingency {
                    id,
                    indicator: indicator.clone(),
                    below: below.clone(),
                    above: above.clone(),
                    weeks,
                    revenue_gap_above: revenue_gap_above.clone(),
                    action: String::new(),
                    on,
                };
                ask_trigger(ask, state, &mut input)?;
                let action_rule = check(|s| text::text(s, text::MAX_TEXT));
                input.action = ask.text(action.clone(), "--action", "What will be done?", action_rule)?;
                let summary = format!("Contingency {}: when triggered, \"{}\"", input.id, input.action);
                Ok((decide::add(state, input, today)?, summary))
            })?
        }
        ContingencyCommand::Acted { id, note, on } => ask.settle(|ask| {
            let id = match &id {
                Some(id) => id.clone(),
                None => {
                    let due: Vec<(&Contingency, String)> = state
                        .contingencies
                        .values()
                        .filter_map(|c| firing(state, c, on.unwrap_or(today)).map(|f| (c, f.why)))
                        .collect();
                    let options: Vec<String> =
                        due.iter().map(|(c, why)| format!("{} — {} ({why})", c.id, c.action)).collect();
                    ask.choose("ID", "Which contingency was acted on?", &options, 0)?
                        .map_or(String::new(), |i| due[i].0.id.clone())
                }
            };
            let note =
                ask.text(note.clone(), "--note", "What was done?", check(|s| text::text(s, text::MAX_TEXT)))?;
            let summary = format!("{id} acted on: {note}");
            Ok((decide::acted(state, &id, &note, on, today)?, summary))
        })?,
        ContingencyCommand::List { .. } => unreachable!("handled above"),
    };
    session.record(ctx, vec![event])?;
    Ok(())
}

/// Fills in the trigger: which kind (asked only when no trigger flag says),
/// then its values. Without a terminal, decide names what is missing.
fn ask_trigger(ask: &mut Ask, state: &State, n: &mut decide::NewContingency) -> Result<()> {
    if !ask.interactive() || n.revenue_gap_above.is_some() {
        return Ok(());
    }
    let kinds = vec![
        "an indicator below a threshold for K weeks in a row".to_string(),
        "an indicator above a threshold for K weeks in a row".to_string(),
        "the quarter's revenue gap above an amount".to_string(),
    ];
    let kind = match (n.below.is_some(), n.above.is_some(), n.indicator.is_some() || n.weeks.is_some()) {
        (true, _, _) => 0,
        (_, true, _) => 1,
        (_, _, true) => ask.choose_or("What triggers it?", &kinds[..2], 0)?,
        _ => ask.choose_or("What triggers it?", &kinds, 0)?,
    };
    if kind == 2 {
        let exponent = state.exponent();
        let label = "Revenue gap above (e.g. 250k):";
        let amount =
            ask.text(None, "--revenue-gap-above", label, check(move |s| Money::parse(s, exponent)))?;
        n.revenue_gap_above = Some(amount);
        return Ok(());
    }
    if n.indicator.is_none() {
        n.indicator = Some(choose_indicator(ask, state, "--indicator", "Which indicator?")?);
    }
    let (flag, side) = if kind == 0 { ("--below", "below") } else { ("--above", "above") };
    let label = format!("Triggers when {} is {side}:", n.indicator.as_deref().unwrap_or("it"));
    let threshold =
        ask.text(if kind == 0 { n.below.take() } else { n.above.take() }, flag, &label, check(parse_milli))?;
    if kind == 0 {
        n.below = Some(threshold);
    } else {
        n.above = Some(threshold);
    }
    if n.weeks.is_none() {
        let rule = |s: &str| {
            s.trim()
                .parse::<u32>()
                .ok()
                .filter(|k| (1..=MAX_WEEKS).contains(k))
                .ok_or_else(|| format!("'{s}' is not accepted; expected 1 to {MAX_WEEKS} weeks"))
        };
        let answer = ask.text_with_default(
            None,
            "--weeks",
            "For how many complete weeks in a row?",
            Some("2"),
            check(rule),
        )?;
        n.weeks = rule(&answer).ok();
    }
    Ok(())
}

fn list(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let (state, today) = snapshot(ctx, as_of)?;
    let all: Vec<&Contingency> = state.contingencies.values().collect();
    let text = match ctx.format {
        Format::Json => json(&json!({
            "as_of": today.to_string(),
            "currency": state.info().currency,
            "contingencies": all.iter().map(|c| contingency_json(&state, c, today)).collect::<Vec<_>>(),
        })),
        format => {
            let headers = ["id", "trigger", "action", "triggered now", "acted"];
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|c| {
                    let now = firing(&state, c, today)
                        .map_or("no".into(), |f| format!("yes, since {}: {}", f.since, f.why));
                    let acted =
                        c.acted_on.iter().map(|(on, note, _)| format!("{on}: {note}")).collect::<Vec<_>>();
                    vec![c.id.clone(), describe(&state, &c.trigger), c.action.clone(), now, acted.join("; ")]
                })
                .collect();
            match format {
                Format::Md => table::markdown(&headers, &rows),
                _ => table::terminal(&headers, &rows),
            }
        }
    };
    emit(&text);
    Ok(())
}

fn contingency_json(state: &State, c: &Contingency, today: Date) -> Value {
    let trigger = match &c.trigger {
        Trigger::IndicatorBelow { name, threshold_milli, weeks } => json!({
            "kind": "indicator_below", "indicator": name, "threshold": *threshold_milli as f64 / 1000.0, "weeks": weeks,
        }),
        Trigger::IndicatorAbove { name, threshold_milli, weeks } => json!({
            "kind": "indicator_above", "indicator": name, "threshold": *threshold_milli as f64 / 1000.0, "weeks": weeks,
        }),
        Trigger::RevenueGapAbove { amount } => json!({ "kind": "revenue_gap_above", "amount": amount.0 }),
    };
    let now = firing(state, c, today);
    json!({
        "id": c.id, "trigger": trigger, "trigger_text": describe(state, &c.trigger), "action": c.action,
        "added_on": c.added_on.to_string(), "seq": c.origin.seq,
        "triggered": now.is_some(),
        "since": now.as_ref().map(|f| f.since.to_string()),
        "why": now.map(|f| f.why),
        "acted": c.acted_on.iter().map(|(on, note, seq)| json!({ "on": on.to_string(), "note": note, "seq": seq })).collect::<Vec<_>>(),
    })
}
