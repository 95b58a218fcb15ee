//! `candor digest` and `candor verify`.

use super::context::Context;
use super::output::emit;
use candor::ledger::beside;
use candor::ledger::verify::verify_in_passes;
use candor::ledger::Digest;
use candor::report::{json, Format};
use candor::{Error, Result};
use serde_json::json;

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// A digest printed earlier by `candor digest`; verify fails unless this exact history is still the prefix
    #[arg(long, value_parser = Digest::parse, value_name = "SEQ:HASH")]
    digest: Option<Digest>,
}

pub fn digest(ctx: &Context) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let ledger = ctx.open()?;
    let head = ledger.head().ok_or_else(|| Error::Missing(ctx.ledger_dir.clone()))?;
    emit(&match ctx.format {
        Format::Json => json(&json!({ "seq": head.seq, "hash": head.hash.to_hex() })),
        _ => format!("{head}\n"),
    });
    Ok(())
}

pub fn verify(ctx: &Context, args: VerifyArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let (v, ledger) = verify_in_passes(ctx.open()?, args.digest)?;
    // Only a sound chain can judge the files beside it.
    let beside = if v.ok() { beside::check(&ledger)? } else { Vec::new() };
    drop(ledger);
    let beside_reason = beside.first().map(|f| format!("{}: {}", f.file, f.problem));
    let ok = v.ok() && beside.is_empty();
    let head = v.head.map(|h| json!({ "seq": h.seq, "hash": h.hash.to_hex() }));
    // A sound chain with a bad signature fails at that signature.
    let first_bad = v.failure.clone().or_else(|| v.signatures.bad.first().cloned());
    let sigs = &v.signatures;
    let mut signatures = json!({
        "signed": sigs.signed,
        "unsigned": sigs.unsigned,
        "bad": sigs.bad.iter().map(|b| json!({ "seq": b.seq, "reason": b.reason })).collect::<Vec<_>>(),
    });
    // Additive: present once any record came through the web pages.
    if sigs.via_web > 0 {
        signatures["via_web"] = json!(sigs.via_web);
    }
    let text = match ctx.format {
        Format::Json => json(&json!({
            "ok": ok,
            "records": v.records,
            "head": head,
            "first_bad_seq": first_bad.as_ref().map(|f| f.seq),
            "reason": first_bad.as_ref().map(|f| f.reason.clone()).or(beside_reason),
            "signatures": signatures,
            "beside_log": beside.iter().map(|f| json!({ "file": f.file, "problem": f.problem })).collect::<Vec<_>>(),
        })),
        _ => {
            let chain = match (&v.failure, v.head) {
                (None, Some(_)) if !ok => String::new(),
                (None, Some(h)) => {
                    let proved = args
                        .digest
                        .map_or(String::new(), |d| format!("; digest {} is in this history", d.seq));
                    format!("ok: {} records verified, head {h}{proved}\n", v.records)
                }
                (None, None) => "ok: the ledger is empty\n".into(),
                (Some(f), _) => format!("FAILED at record {}: {}\n", f.seq, f.reason),
            };
            chain + &signature_lines(sigs)
        }
    };
    let text = if ctx.format == Format::Json {
        text
    } else {
        text + &beside
            .iter()
            .map(|f| format!("FAILED beside the log: {}: {}\n", f.file, f.problem))
            .collect::<String>()
    };
    emit(&text);
    match (first_bad, beside.first()) {
        (None, None) => Ok(()),
        // The report is already printed; the exit code says it failed.
        (Some(f), _) => Err(Error::CheckFailed(format!("verify failed at record {}", f.seq))),
        (None, Some(f)) => {
            Err(Error::CheckFailed(format!("verify failed: {} disagrees with the log", f.file)))
        }
    }
}

/// "signatures: 120 signed, 1 unsigned (before the first key), 0 bad", then
/// one line per bad signature.
fn signature_lines(s: &candor::ledger::signatures::Signatures) -> String {
    let unsigned = match s.unsigned {
        0 => "0 unsigned".to_string(),
        n => format!("{n} unsigned (before the first key)"),
    };
    let web = match s.via_web {
        0 => String::new(),
        n => format!(" ({n} via web)"),
    };
    let mut out = format!("signatures: {} signed{web}, {unsigned}, {} bad\n", s.signed, s.bad.len());
    for b in &s.bad {
        out.push_str(&format!("FAILED signature at record {}: {}\n", b.seq, b.reason));
    }
    out
}
