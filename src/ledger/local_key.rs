//! This machine's key for the files kept beside the log.
//!
//! A check sum of a file's own bytes proves nothing to someone who can
//! rewrite the file, and neither does a key kept in the same directory. The
//! key lives with the person's other keys (`CANDOR_KEYS`, default the
//! platform config directory's `candor/keys/`), outside every ledger, mode
//! 0600. Someone who can write the ledger directory but not that one cannot
//! forge a snapshot; a copy of the ledger on another machine simply has no
//! matching key and folds from the log.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

const FILE: &str = "beside-log.key";

/// The directory that holds this person's keys.
pub fn keys_dir() -> Option<PathBuf> {
    match std::env::var_os("CANDOR_KEYS") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "candor").map(|d| d.config_dir().join("keys")),
    }
}

/// The key, created on first use. None when it cannot be read or made, or
/// when others could read it (then nothing beside the log is trusted).
pub fn mac_key() -> Option<[u8; 32]> {
    let dir = keys_dir()?;
    let path = dir.join(FILE);
    if !private_or_absent(&dir) {
        return None; // others could swap the key file for their own
    }
    if let Some(key) = read_private(&path) {
        return Some(key);
    }
    create_private_dir(&dir)?;
    let mut key = [0u8; 32];
    getrandom::getrandom(&mut key).ok()?;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(&path) {
        Ok(mut f) => {
            f.write_all(&key).ok()?;
            f.sync_all().ok()?;
            Some(key)
        }
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_private(&path),
        Err(_) => None,
    }
}

fn read_private(path: &std::path::Path) -> Option<[u8; 32]> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    let _ = meta;
    fs::read(path).ok()?.try_into().ok()
}

/// A directory nobody else can write into (or none yet: it is made 0700).
fn private_or_absent(dir: &std::path::Path) -> bool {
    match fs::metadata(dir) {
        Err(_) => true,
        #[cfg(unix)]
        Ok(meta) => {
            use std::os::unix::fs::PermissionsExt;
            meta.permissions().mode() & 0o022 == 0
        }
        #[cfg(not(unix))]
        Ok(_) => true,
    }
}

fn create_private_dir(dir: &std::path::Path) -> Option<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).ok()
}
