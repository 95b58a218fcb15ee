//! The login links a server has already taken: one nonce per line in
//! `<keys dir>/used-links/<ledger id>`, mode 0600, flushed before the
//! session starts, so neither a second click nor a restart can use a link
//! again. Kept outside the ledger: a link is not a fact.

use super::keys;
use crate::core::Hash32;
use crate::{Error, Result};
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

pub struct UsedLinks {
    path: PathBuf,
    seen: Mutex<HashSet<String>>,
}

impl UsedLinks {
    /// The store of the ledger `ledger` in this process's keys directory.
    pub fn open(ledger: &Hash32) -> Result<UsedLinks> {
        let dir = keys::dir()?.join("used-links");
        keys::create_private_dir(&dir)?;
        UsedLinks::open_at(dir.join(ledger.to_hex()))
    }

    /// The store in a given file (tests).
    pub fn open_at(path: PathBuf) -> Result<UsedLinks> {
        let seen = match fs::read_to_string(&path) {
            Ok(text) => text.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => HashSet::new(),
            Err(e) => return Err(Error::Unreadable { path, cause: e.to_string() }),
        };
        Ok(UsedLinks { path, seen: Mutex::new(seen) })
    }

    /// True when the link with this nonce was already used.
    pub fn was_taken(&self, nonce: &str) -> bool {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).contains(nonce)
    }

    /// Takes a link's nonce: true the first time (written durably before
    /// it returns), false ever after.
    pub fn take(&self, nonce: &str) -> Result<bool> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.contains(nonce) {
            return Ok(false);
        }
        let mut options = fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let unwritable =
            |e: std::io::Error| Error::Unwritable { path: self.path.clone(), cause: e.to_string() };
        let mut f = options.open(&self.path).map_err(unwritable)?;
        f.write_all(format!("{nonce}\n").as_bytes()).and_then(|()| f.sync_all()).map_err(unwritable)?;
        seen.insert(nonce.to_string());
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_taken_once_even_after_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("used");
        let used = UsedLinks::open_at(path.clone()).unwrap();
        assert!(!used.was_taken("ab12"));
        assert!(used.take("ab12").unwrap());
        assert!(used.was_taken("ab12") && !used.take("ab12").unwrap());
        assert!(used.take("cd34").unwrap());
        let again = UsedLinks::open_at(path).unwrap();
        assert!(!again.take("ab12").unwrap(), "a restart remembers");
    }
}
