//! What `verify` says about the files kept beside the log.
//!
//! Reports read only the log and an authenticated snapshot, but a file
//! that disagrees with the log is still a sign that someone edited the
//! directory, so `verify` compares each one with a fresh fold and names it.

use crate::error::Result;
use crate::ledger::snapshot;
use crate::ledger::store::Ledger;
use crate::ledger::{codec, replay};
use std::fs;

/// Left by an earlier release, which served rendered reports from it.
pub const OLD_REPORT_CACHE: &str = "report-cache";

/// A file beside the log that does not agree with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub problem: String,
}

/// Every file beside the log that disagrees with the chain.
pub fn check(ledger: &Ledger) -> Result<Vec<Finding>> {
    let mut found = Vec::new();
    if let Some(problem) = check_snapshot(ledger)? {
        found.push(Finding { file: snapshot::FILE.into(), problem });
    }
    let cache = ledger.path().join(OLD_REPORT_CACHE);
    if fs::read_dir(&cache).is_ok_and(|mut d| d.next().is_some()) {
        found.push(Finding {
            file: format!("{OLD_REPORT_CACHE}/"),
            problem: "reports are never served from files beside the log; this directory was left by an \
                      earlier release or planted, and is ignored — the next write command removes it"
                .into(),
        });
    }
    Ok(found)
}

/// Removes what this release never reads (a write command calls this).
pub fn tidy(ledger: &Ledger) {
    let _ = fs::remove_dir_all(ledger.path().join(OLD_REPORT_CACHE));
}

/// The snapshot against a fresh fold of the records it claims to hold,
/// unless this machine sealed it: any other content is the log's or a lie.
fn check_snapshot(ledger: &Ledger) -> Result<Option<String>> {
    let path = snapshot::path(ledger);
    if !path.exists() {
        return Ok(None);
    }
    if snapshot::sealed_here(&path) {
        // Written here by candor from the log. Confirming it would cost the
        // full fold it saves (seconds and a gigabyte at a million records).
        return Ok(None);
    }
    let Some(parsed) = snapshot::read_unsealed(&path) else {
        let mut start = Vec::new();
        let _ = fs::File::open(&path)
            .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 16), &mut start));
        if snapshot::is_earlier_layout(&start) {
            return Ok(None); // left by an earlier release: never read, rebuilt on the next report
        }
        return Ok(Some("not a snapshot this release can read; it is ignored and rebuilt".into()));
    };
    match ledger.record(parsed.seq)? {
        Some(r) if r.hash == parsed.hash => {}
        _ => {
            return Ok(Some(format!(
                "claims record {} with a hash this chain does not have; it is ignored",
                parsed.seq
            )))
        }
    }
    // Whatever release it names: its content is the log's or a lie.
    let fresh = replay::fresh_state(ledger, parsed.seq)?;
    let encode = |s: &crate::core::state::State| {
        codec::encode_value(s).map_err(|e| crate::Error::CheckFailed(e.to_string()))
    };
    Ok((encode(&fresh)? != encode(&parsed.state)?).then(|| {
        format!(
            "differs from a fresh fold of records 1..={}: it was edited; reports ignore it unless it \
             carries this machine's key — delete it, and keep the key directory private",
            parsed.seq
        )
    }))
}
