//! Which member signs by default for a ledger on this machine
//! (`candor key default NAME`; `init --leader-key-here` sets the leader).
//! Kept with the keys, one small file per ledger, named by a hash of the
//! ledger's absolute path.

use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

fn file_for(ledger_dir: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(ledger_dir).unwrap_or_else(|_| ledger_dir.to_path_buf());
    let id = blake3::hash(absolute.as_os_str().as_encoded_bytes()).to_hex();
    Ok(super::keys::dir()?.join("defaults").join(&id[..32]))
}

/// The default signer's name for this ledger, if one was set.
pub fn get(ledger_dir: &Path) -> Option<String> {
    let file = file_for(ledger_dir).ok()?;
    // A default planted where others may write is no default.
    super::keys::check_private_dir(file.parent()?.parent()?).ok()?;
    super::keys::check_private_dir(file.parent()?).ok()?;
    let text = fs::read_to_string(file).ok()?;
    let name = text.trim();
    (!name.is_empty() && name.len() <= 400).then(|| name.to_string())
}

/// Sets the default signer for this ledger.
pub fn set(ledger_dir: &Path, name: &str) -> Result<()> {
    let path = file_for(ledger_dir)?;
    let dir = path.parent().expect("a defaults file has a directory");
    super::keys::create_private_dir(dir)?;
    fs::write(&path, format!("{name}\n"))
        .map_err(|e| Error::Unwritable { path: path.clone(), cause: e.to_string() })
}
