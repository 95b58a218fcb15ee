//! Private keys on this machine: one file per key in the keys directory
//! (`CANDOR_KEYS`, default the platform config directory's `candor/keys/`),
//! created mode 0600 in a 0700 directory, and refused — as ssh refuses —
//! when group or others could read it.
//!
//! A key file is text: a header line, the name it was made for, the public
//! key, and the 32-byte secret seed in hex.

use crate::core::PublicKey;
use crate::ledger::Signer;
use crate::{Error, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const HEADER: &str = "candor ed25519 key 1";
pub const EXTENSION: &str = "ed25519";

/// A key file found on this machine (not yet loaded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalKey {
    pub name: String,
    pub public: PublicKey,
    pub path: PathBuf,
}

/// The directory that holds this person's keys.
pub fn dir() -> Result<PathBuf> {
    crate::ledger::local_key::keys_dir()
        .ok_or_else(|| Error::Usage("cannot find a config directory for keys; set CANDOR_KEYS=DIR".into()))
}

/// Makes a new key for `name`, writes it (0600) and returns it.
pub fn create(name: &str) -> Result<LocalKey> {
    let dir = dir()?;
    create_private_dir(&dir)?;
    let (signer, seed) = Signer::generate()?;
    let public = signer.public();
    let path = dir.join(format!("{}-{}.{EXTENSION}", slug(name), public.short()));
    let text = format!("{HEADER}\nname: {name}\npublic: {public}\nsecret: {}\n", crate::core::Hash32(seed));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&path).map_err(|e| unwritable(&path, e))?;
    f.write_all(text.as_bytes()).and_then(|()| f.sync_all()).map_err(|e| unwritable(&path, e))?;
    Ok(LocalKey { name: name.to_string(), public, path })
}

/// Every key file in the keys directory, sorted by name. A file that is
/// not a key is skipped; one that is unreadable is an error naming it.
pub fn list() -> Result<Vec<LocalKey>> {
    let dir = dir()?;
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Unreadable { path: dir, cause: e.to_string() }),
    };
    let mut keys = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
            continue;
        }
        if let Ok((key, _)) = read(&path) {
            keys.push(key);
        }
    }
    keys.sort_by(|a, b| (&a.name, &a.path).cmp(&(&b.name, &b.path)));
    Ok(keys)
}

/// The key file on this machine for `public`, if there is one.
pub fn find(public: &PublicKey) -> Result<Option<LocalKey>> {
    Ok(list()?.into_iter().find(|k| &k.public == public))
}

/// Loads a key for signing. Refused when others could read the file.
pub fn load(key: &LocalKey) -> Result<Signer> {
    if let Some(dir) = key.path.parent() {
        check_private_dir(dir)?;
    }
    check_private(&key.path)?;
    let (_, seed) = read(&key.path)?;
    let signer = Signer::from_seed(seed);
    if signer.public() != key.public {
        return Err(Error::Unreadable {
            path: key.path.clone(),
            cause: "the secret does not match the public key written in the file".into(),
        });
    }
    Ok(signer)
}

/// Refuses a key file group or others may read, saying how to fix it.
pub fn check_private(path: &Path) -> Result<()> {
    check_private_file(path, "key", "key file", "a private key must be yours alone")
}

/// Refuses a private file (a key, a sealed score's clear copy) that group
/// or others may read: `field` names it in the error, `why` says why.
pub fn check_private_file(path: &Path, field: &str, what: &str, why: &str) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta =
            fs::metadata(path).map_err(|e| Error::Unreadable { path: path.into(), cause: e.to_string() })?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::input(
                field,
                format!(
                    "the {what} {} is readable by others (mode {mode:04o}); {why}: run `chmod 600 {}`",
                    path.display(),
                    path.display()
                ),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, field, what, why);
    Ok(())
}

/// Refuses a keys directory others may write: they could swap a key file,
/// or plant a default signer or a private score.
pub fn check_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta =
            fs::metadata(dir).map_err(|e| Error::Unreadable { path: dir.into(), cause: e.to_string() })?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(Error::input(
                "key",
                format!(
                    "the keys directory {} may be written by others (mode {mode:04o}); it must be yours alone: \
                     run `chmod 700 {}`",
                    dir.display(),
                    dir.display()
                ),
            ));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<(LocalKey, [u8; 32])> {
    let bad =
        |why: &str| Error::Unreadable { path: path.into(), cause: format!("not a candor key file: {why}") };
    let meta =
        fs::metadata(path).map_err(|e| Error::Unreadable { path: path.into(), cause: e.to_string() })?;
    if meta.len() > 4096 {
        return Err(bad("too large"));
    }
    let text = fs::read_to_string(path)
        .map_err(|e| Error::Unreadable { path: path.into(), cause: e.to_string() })?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(bad("no header"));
    }
    let mut field = |name: &str| {
        lines.next().and_then(|l| l.strip_prefix(name)).map(str::to_string).ok_or_else(|| bad(name))
    };
    let name = field("name: ")?;
    let public = PublicKey::parse(&field("public: ")?).map_err(|e| bad(&e))?;
    let seed = crate::core::Hash32::from_hex(&field("secret: ")?).map_err(|e| bad(&e))?.0;
    Ok((LocalKey { name, public, path: path.to_path_buf() }, seed))
}

/// A file-name-safe form of a name: lowercase ASCII letters and digits,
/// other runs as '-'. The public key's prefix keeps names unique.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-');
    if s.is_empty() {
        "key".into()
    } else {
        s.chars().take(40).collect()
    }
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| unwritable(dir, e))
}

fn unwritable(path: &Path, e: std::io::Error) -> Error {
    Error::Unwritable { path: path.into(), cause: e.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Dana Reyes"), "dana-reyes");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("李"), "key");
    }
}
