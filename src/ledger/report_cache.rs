//! Rendered reports kept beside the log, so a report asked again for the
//! same history answers without folding it again.
//!
//! An entry lives under `report-cache/<head hash>/<key>` where the key is
//! blake3 of the release, the head and the caller's description of the
//! report (its arguments, format and evaluation date). It is served only
//! for that exact head and only when its checksum holds; writing an entry
//! removes the entries of every other head, so the cache never outgrows one
//! history's worth of reports.

use crate::ledger::store::Ledger;
use std::fs;
use std::path::PathBuf;

pub const DIR: &str = "report-cache";

fn head_dir(ledger: &Ledger) -> Option<(PathBuf, String)> {
    let head = ledger.head()?;
    let name = format!("{}-{}", head.seq, head.hash.to_hex());
    Some((ledger.path().join(DIR).join(&name), name))
}

fn key(ledger: &Ledger, description: &str) -> Option<String> {
    let head = ledger.head()?;
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&head.seq.to_be_bytes());
    h.update(&head.hash.0);
    h.update(description.as_bytes());
    Some(h.finalize().to_hex().to_string())
}

/// The report text for `description` at this head, if cached and intact.
pub fn get(ledger: &Ledger, description: &str) -> Option<String> {
    let (dir, _) = head_dir(ledger)?;
    let bytes = fs::read(dir.join(key(ledger, description)?)).ok()?;
    let (sum, text) = bytes.split_at_checked(32)?;
    (blake3::hash(text).as_bytes() == sum).then(|| String::from_utf8(text.to_vec()).ok())?
}

/// Keeps `text` for `description` at this head. Best effort.
pub fn put(ledger: &Ledger, description: &str, text: &str) {
    let (Some((dir, current)), Some(key)) = (head_dir(ledger), key(ledger, description)) else { return };
    if let Ok(entries) = fs::read_dir(ledger.path().join(DIR)) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy() != current {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    let mut bytes = blake3::hash(text.as_bytes()).as_bytes().to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let tmp = dir.join(format!("{key}.tmp"));
    let _ = fs::create_dir_all(&dir)
        .and_then(|_| fs::write(&tmp, &bytes))
        .and_then(|_| fs::rename(&tmp, dir.join(&key)));
}

/// The cached text, or `render()`'s, which is then kept.
pub fn cached<E>(
    ledger: &Ledger,
    description: &str,
    render: impl FnOnce() -> Result<String, E>,
) -> Result<String, E> {
    if let Some(text) = get(ledger, description) {
        return Ok(text);
    }
    let text = render()?;
    put(ledger, description, &text);
    Ok(text)
}
