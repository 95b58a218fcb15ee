//! `candor correct SEQ`: supersede a record — field by field, or void it —
//! with a new record that says why. The original stays in the log.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::correct::{self as decide, Change, Target};
use candor::core::state::State;
use candor::core::{text, Date, Money};
use candor::{Error, Result};
use serde_json::Value;

#[derive(clap::Args)]
pub struct CorrectArgs {
    /// Sequence number of the record to correct
    seq: u64,
    /// Why the record is wrong
    #[arg(long)]
    reason: Option<String>,
    /// Supersede the record as if it had never been written
    #[arg(long, conflicts_with = "set")]
    void: bool,
    /// A field's right value, FIELD=VALUE (the field names of `candor show SEQ`); repeat for several
    #[arg(long, value_name = "FIELD=VALUE")]
    set: Vec<String>,
}

pub fn run(ctx: &Context, args: CorrectArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let history = session.envelopes(ctx)?;
    // Refuse a record that cannot be corrected before asking anything.
    let target = decide::target(&history, args.seq)?;
    let (state, today) = (&session.state, session.today);
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let sets = args.set.iter().map(|s| pair(s)).collect::<Result<Vec<_>>>()?;
    let choose = !args.void && sets.is_empty();
    if choose && ask.interactive() {
        emit(&describe(state, &target));
    }
    let event = ask.settle(|ask| {
        let change = match (args.void, choose) {
            (true, _) => Change::Void,
            (_, false) => Change::Set(sets.clone()),
            _ => choose_change(ask, state, &target, today)?,
        };
        let reason = ask.text(
            args.reason.clone(),
            "--reason",
            "Why is the record wrong?",
            check(|s| text::text(s, text::MAX_TEXT)),
        )?;
        let summary = summary(state, &target, &change);
        Ok((decide::correct(state, &history, args.seq, change, &reason, today)?, summary))
    })?;
    session.record(ctx, vec![event])?;
    Ok(())
}

/// `FIELD=VALUE` split at the first `=`.
fn pair(given: &str) -> Result<(String, String)> {
    given.split_once('=').map(|(f, v)| (f.trim().to_string(), v.to_string())).ok_or_else(|| {
        Error::input("--set", format!("'{given}' is not FIELD=VALUE; e.g. --set due=2026-01-16"))
    })
}

/// Shows the record, then asks: void it, or which field to set and to what.
fn choose_change(ask: &mut Ask, state: &State, target: &Target, today: Date) -> Result<Change> {
    let options = vec![
        "set a field to its right value".to_string(),
        "void the record (as if it had never been written)".to_string(),
    ];
    match ask.choose("--void or --set FIELD=VALUE", "Correct how?", &options, 0)? {
        Some(1) => return Ok(Change::Void),
        Some(_) => {}
        None => return Ok(Change::Set(Vec::new())),
    }
    let kind = target.base().kind();
    let fields: Vec<(String, Value)> =
        decide::fields(target.base())?.into_iter().filter(|(f, v)| decide::settable(kind, f, v)).collect();
    let labels: Vec<String> = fields.iter().map(|(f, v)| format!("{f} = {}", shown(state, f, v))).collect();
    let Some(i) = ask.choose("--set FIELD=VALUE", "Which field is wrong?", &labels, 0)? else {
        return Ok(Change::Set(Vec::new()));
    };
    let (field, current) = &fields[i];
    // The answer is checked as the whole correction would be, so a wrong
    // value is explained at the prompt instead of after the confirmation.
    let (st, tg, f) = (state.clone(), target.clone(), field.clone());
    let rule = move |s: &str| {
        decide::replace(&st, &tg, &[(f.clone(), s.to_string())], today).map_err(|e| e.to_string())
    };
    let default = match current {
        Value::Null => None,
        v => Some(shown(state, field, v)),
    };
    let label = format!("Right value of {field}:");
    let value = ask.text_with_default(None, "--set FIELD=VALUE", &label, default.as_deref(), check(rule))?;
    Ok(Change::Set(vec![(field.clone(), value)]))
}

/// A field's value as a person would type it (amounts in major units).
fn shown(state: &State, field: &str, value: &Value) -> String {
    match value {
        Value::Null => "(none)".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) if decide::MONEY_FIELDS.contains(&field) => {
            n.as_i64().map_or_else(|| n.to_string(), |m| state.money(Money(m)))
        }
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn describe(state: &State, target: &Target) -> String {
    let mut out = format!("record {} — {}\n", target.seq, words(state, &target.original));
    if let Some(by) = target.corrected_by {
        let now = if target.in_force.is_some() { "corrected" } else { "voided" };
        out.push_str(&format!("  ({now} by record {by}; showing the version in force)\n"));
    }
    if let Ok(fields) = decide::fields(target.base()) {
        for (f, v) in &fields {
            out.push_str(&format!("  {f}: {}\n", shown(state, f, v)));
        }
    }
    out
}

/// The record in words, amounts in the ledger's currency.
fn words(state: &State, event: &candor::core::Event) -> String {
    candor::core::words::headline(event, state.exponent())
}

fn summary(state: &State, target: &Target, change: &Change) -> String {
    let kind = words(state, &target.original);
    match change {
        Change::Void => format!("Void record {} ({kind})", target.seq),
        Change::Set(sets) => {
            let sets: Vec<String> = sets.iter().map(|(f, v)| format!("{f} = {}", v.trim())).collect();
            format!("Correct record {} ({kind}): {}", target.seq, sets.join(", "))
        }
    }
}
