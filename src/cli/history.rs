//! `candor log` and `candor show SEQ`: the raw history.

use super::context::Context;
use super::output::emit;
use candor::core::AsOf;
use candor::ledger::chain::Hash;
use candor::report::{json, table, Format};
use candor::{Error, Result};
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct LogArgs {
    /// Only records up to this sequence number, or written on or before this date
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Sequence number of the record
    seq: u64,
}

pub fn log(ctx: &Context, args: LogArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let ledger = ctx.open()?;
    let mut entries = Vec::new();
    for item in ledger.envelopes(u64::MAX) {
        let (rec, env) = item?;
        let included = match args.as_of {
            None => true,
            Some(AsOf::Seq(s)) => rec.seq <= s,
            Some(AsOf::Date(d)) => env.recorded_at.date() <= d,
        };
        if !included {
            break;
        }
        let event = serde_json::to_value(&env.event).unwrap_or(Value::Null);
        entries.push(json!({
            "seq": rec.seq,
            "hash": rec.hash.to_hex(),
            "recorded_at": env.recorded_at.to_string(),
            "actor": env.actor,
            "kind": env.event.kind(),
            "event": event,
        }));
    }
    let headers = ["seq", "recorded", "actor", "event", "details"];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e["seq"].to_string(),
                e["recorded_at"].as_str().unwrap_or("").to_string(),
                e["actor"].as_str().unwrap_or("").to_string(),
                e["kind"].as_str().unwrap_or("").to_string(),
                summarize(&e["event"]),
            ]
        })
        .collect();
    emit(&match ctx.format {
        Format::Json => json(&json!({ "records": entries })),
        Format::Md => table::markdown(&headers, &rows),
        _ => table::terminal(&headers, &rows),
    });
    Ok(())
}

/// `key=value` pairs of an event's fields, skipping empty ones, on one line.
fn summarize(event: &Value) -> String {
    let Some(fields) = event.as_object().and_then(|o| o.values().next()).and_then(Value::as_object) else {
        return String::new();
    };
    let parts: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect();
    let line = parts.join(" ");
    if line.chars().count() > 100 {
        format!("{}…", line.chars().take(99).collect::<String>())
    } else {
        line
    }
}

pub fn show(ctx: &Context, args: ShowArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let ledger = ctx.open()?;
    let not_found = || {
        Error::input(
            "SEQ",
            format!("there is no record {}; this ledger holds records 1 to {}", args.seq, ledger.len()),
        )
    };
    let rec = ledger.record(args.seq)?.ok_or_else(not_found)?;
    let prev = match args.seq {
        1 => Hash::ZERO,
        s => ledger.record(s - 1)?.map(|r| r.hash).ok_or_else(not_found)?,
    };
    let env = candor::ledger::codec::decode(&rec.bytes)
        .map_err(|e| Error::CheckFailed(format!("record {}: {e}; run `candor verify`", rec.seq)))?;
    // The record never changes; a correction in force is shown beside it.
    let corrected_by = candor::ledger::replay::state(&ledger, None)?.corrections.get(&rec.seq).cloned();
    let value = json!({
        "seq": rec.seq,
        "prev": prev.to_hex(),
        "hash": rec.hash.to_hex(),
        "recorded_at": env.recorded_at.to_string(),
        "actor": env.actor,
        "bytes": rec.bytes.len(),
        "kind": env.event.kind(),
        "event": serde_json::to_value(&env.event).unwrap_or(Value::Null),
        "corrected_by": corrected_by.as_ref().map(|(seq, reason)| json!({ "seq": seq, "reason": reason })),
    });
    let text = match ctx.format {
        Format::Json => json(&value),
        _ => {
            let event = serde_json::to_string_pretty(&value["event"]).unwrap_or_default();
            let mut s = String::new();
            for key in ["seq", "recorded_at", "actor", "kind", "bytes", "prev", "hash"] {
                let v = &value[key];
                s.push_str(&format!(
                    "{key:<12} {}\n",
                    v.as_str().map_or_else(|| v.to_string(), str::to_string)
                ));
            }
            if let Some((by, reason)) = &corrected_by {
                s.push_str(&format!("corrected by record {by}: {reason}\n"));
            }
            if ctx.format == Format::Md {
                format!("{s}\n```json\n{event}\n```\n")
            } else {
                format!("{s}{event}\n")
            }
        }
    };
    emit(&text);
    Ok(())
}
