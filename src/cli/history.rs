//! `candor log` and `candor show SEQ`: the raw history.

use super::context::Context;
use super::output::emit;
use super::spool::Spool;
use candor::core::state::LedgerInfo;
use candor::core::AsOf;
use candor::ledger::chain::Hash;
use candor::ledger::codec::{self, Decoded};
use candor::report::{json, Format};
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

/// Streams the history, one record at a time, so memory stays flat on
/// ledgers of any length.
pub fn log(ctx: &Context, args: LogArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let ledger = ctx.open()?;
    if let Some(as_of) = args.as_of {
        candor::ledger::replay::ensure_opened(&ledger, as_of)?;
    }
    let mut exponent = 2;
    let mut first = true;
    let mut out = Spool::default();
    let width = candor::report::look::current().columns();
    match ctx.format {
        Format::Json => out.push("{\"records\": [\n"),
        Format::Md => out
            .push("| seq | recorded | actor | signed with | event | details |\n|---|---|---|---|---|---|\n"),
        _ => out.push(&log_line(width, &["seq", "recorded", "actor", "signed with", "event", "details"])),
    }
    // Who holds each key, folded as the log streams: a key that is not
    // its record's actor's is a server's, signing via web.
    let mut holders = std::collections::HashMap::new();
    let path = ledger.path().to_path_buf();
    // In passes, sled reopened between them: memory stays flat (store.rs).
    let ledger = ledger.for_each_record(|rec| {
        let decoded = codec::decode_record(&rec.bytes).map_err(|e| Error::Unreadable {
            path: path.clone(),
            cause: format!("record {}: {e}; run `candor verify`", rec.seq),
        })?;
        let (env, signed_by) = (decoded.envelope, decoded.signature.map(|s| s.key));
        if !args.as_of.is_none_or(|a| a.includes(rec.seq, env.recorded_at)) {
            return Ok(false);
        }
        if let candor::core::Event::LedgerOpened { currency, .. } = &env.event {
            exponent = candor::core::money::currency_exponent(currency);
        }
        note_key(&mut holders, &env.event);
        let web = signed_by.and_then(|k| holders.get(&k)).filter(|h| **h != env.actor).cloned();
        // A rename moves the keys to the new name from this record on.
        if let candor::core::Event::MemberRenamed { from, to, .. } = &env.event {
            holders.values_mut().filter(|h| *h == from).for_each(|h| *h = to.clone());
        }
        let signed_with = match &web {
            Some(server) => format!("via web ({server})"),
            None => short_key(signed_by.as_ref()),
        };
        let (recorded, kind) = (env.recorded_at.to_string(), env.event.kind());
        let line = match ctx.format {
            Format::Json => {
                let event = serde_json::to_value(&env.event).unwrap_or(Value::Null);
                let entry = json!({
                    "seq": rec.seq, "hash": rec.hash.to_hex(), "recorded_at": recorded,
                    "actor": env.actor, "signed_by": signed_by.map(|k| k.to_string()),
                    "via_web": web, "kind": kind, "event": event,
                });
                format!("{}  {entry}", if first { "" } else { ",\n" })
            }
            Format::Md => format!(
                "| {} | {recorded} | {} | {} | {kind} | {} |\n",
                rec.seq,
                env.actor.replace('|', "\\|"),
                signed_with,
                summarize(&env.event, exponent).replace('|', "\\|")
            ),
            _ => log_line(
                width,
                &[
                    &rec.seq.to_string(),
                    &recorded,
                    &env.actor,
                    &signed_with,
                    kind,
                    &summarize(&env.event, exponent),
                ],
            ),
        };
        out.push(&line);
        first = false;
        Ok(true)
    })?;
    if ctx.format == Format::Json {
        out.push("\n]}\n");
    }
    drop(ledger);
    out.emit();
    Ok(())
}

/// A stored record's envelope and signature; a record that does not
/// decode is named, and `verify` says why.
fn decode(seq: &u64, bytes: &[u8]) -> Result<Decoded> {
    codec::decode_record(bytes)
        .map_err(|e| Error::CheckFailed(format!("record {seq}: {e}; run `candor verify`")))
}

/// Who made the correction at `seq`, when it voids (no replacement);
/// "Dana, the CEO" when the voider holds the CEO role at the time.
fn voider(ledger: &candor::ledger::Ledger, seq: u64) -> Result<Option<String>> {
    let Some(rec) = ledger.record(seq)? else { return Ok(None) };
    let env = decode(&seq, &rec.bytes)?.envelope;
    let candor::core::Event::Corrected { replacement: None, .. } = env.event else { return Ok(None) };
    let state = candor::ledger::replay::state(ledger, Some(candor::core::AsOf::Seq(seq)))?;
    let ceo = state.members.get(&env.actor).is_some_and(|m| m.has(candor::core::Role::Ceo));
    Ok(Some(if ceo { format!("{}, the CEO", env.actor) } else { env.actor }))
}

/// Remembers who a registering event gives a key to.
fn note_key(
    holders: &mut std::collections::HashMap<candor::core::PublicKey, String>,
    event: &candor::core::Event,
) {
    use candor::core::Event;
    match event {
        Event::MemberAdded { name, key: Some(key), .. } | Event::MemberKeyAdded { name, key } => {
            holders.entry(*key).or_insert_with(|| name.clone());
        }
        _ => {}
    }
}

/// `ed25519:1a2b3c4d` (enough to tell keys apart in a list), or `unsigned`.
fn short_key(key: Option<&candor::core::PublicKey>) -> String {
    key.map_or_else(|| "unsigned".to_string(), |k| k.to_string().chars().take(16).collect())
}

/// One line of the log table: seq, recorded, actor, signed with, event,
/// details. Whole in a pipe (details cut at 100 characters); in a terminal
/// narrower than the full row, the first four columns stay on the line and
/// the rest moves under it, indented, each line cut to the width.
fn log_line(width: Option<usize>, cells: &[&str; 6]) -> String {
    use candor::report::fit::{cut, pad};
    let [seq, recorded, actor, signed, kind, details] = cells;
    let full = format!(
        "{seq:>6}  {}  {}  {}  {}  {details}",
        pad(recorded, 20),
        pad(actor, 16),
        pad(signed, 16),
        pad(kind, 24)
    );
    let Some(width) = width else { return format!("{}\n", full.trim_end()) };
    if width >= 110 {
        return format!("{}\n", cut(full.trim_end(), width));
    }
    let head = format!("{seq:>6}  {}  {}  {kind}", pad(recorded, 20), pad(&cut(actor, 14), 14));
    let under = format!("        {signed}  {details}");
    format!("{}\n{}\n", cut(&head, width), cut(under.trim_end(), width))
}

/// An event's fields in human units on one line, cut at 100 characters.
fn summarize(event: &candor::core::Event, exponent: u32) -> String {
    let line = candor::core::words::fields(event, exponent);
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
    let decoded = decode(&rec.seq, &rec.bytes)?;
    let (env, version) = (decoded.envelope, decoded.version);
    let signed_by = decoded.signature.map(|s| s.key);
    // Who signed: the record's actor, whose key this is (`verify` checks
    // that the key was registered to them at this point of the chain).
    // A key held by someone else is a server's, signing for the actor on
    // its web pages (`verify` checks that it may).
    // Keys and names as they stand now: a member renamed since holds their
    // keys under the new name, and this record's actor is read as it too.
    let state = candor::ledger::replay::state(&ledger, None)?;
    let holder = signed_by.and_then(|key| state.members.keys.get(&key).map(|e| e.member.clone()));
    let actor_now = state.members.current_name(&env.actor).to_string();
    // Amounts read in the ledger's currency (record 1 brings its own).
    let currency = match (&env.event, &state.ledger) {
        (candor::core::Event::LedgerOpened { currency, .. }, _) | (_, Some(LedgerInfo { currency, .. })) => {
            currency.clone()
        }
        _ => "USD".to_string(),
    };
    let exponent = candor::core::money::currency_exponent(&currency);
    let (what, fields) = (
        candor::core::words::headline(&env.event, exponent),
        candor::core::words::fields(&env.event, exponent),
    );
    let web = holder.filter(|h| *h != actor_now);
    let signature = match (&signed_by, &web) {
        (Some(key), Some(server)) => format!("signed via web by {server}'s key {key} for {}", env.actor),
        (Some(key), None) => format!("signed by: {} ({key})", env.actor),
        (None, _) => format!("unsigned (format {version})"),
    };
    // The record never changes; a correction in force is shown beside it.
    let corrected_by = candor::ledger::replay::correction_of(&ledger, rec.seq)?;
    // A void (a correction without a replacement) names who voided it: the
    // author, or the CEO, who may void any record.
    let voided_by = match &corrected_by {
        Some((by, _)) => voider(&ledger, *by)?,
        None => None,
    };
    let value = json!({
        "seq": rec.seq,
        "prev": prev.to_hex(),
        "hash": rec.hash.to_hex(),
        "recorded_at": env.recorded_at.to_string(),
        "actor": env.actor,
        "signed_by": signed_by.map(|k| k.to_string()),
        "via_web": web,
        "format": version,
        "bytes": rec.bytes.len(),
        "kind": env.event.kind(),
        "event": serde_json::to_value(&env.event).unwrap_or(Value::Null),
        "corrected_by": corrected_by.as_ref().map(|(seq, reason)| json!({
            "seq": seq, "reason": reason, "voided_by": voided_by,
        })),
    });
    drop(ledger);
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
            s.push_str(&format!("{:<12} {what}\n{:<12} {fields}\n", "what", "fields"));
            s.push_str(&signature);
            s.push('\n');
            match (&corrected_by, &voided_by) {
                (Some((by, reason)), Some(who)) => {
                    s.push_str(&format!("voided by record {by} ({who}): {reason}\n"))
                }
                (Some((by, reason)), None) => s.push_str(&format!("corrected by record {by}: {reason}\n")),
                _ => {}
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
