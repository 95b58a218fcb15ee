//! User files read with a bound: a file larger than its limit (or one that
//! never ends, like /dev/zero) is refused, never read whole into memory.

use candor::{Error, Result};
use std::io::Read;
use std::path::Path;

/// A replay script: generous for years of weekly commands.
pub const SCRIPT_LIMIT: u64 = 64 << 20;
/// A CRM export: 100k deals take about 20 MiB.
pub const EXPORT_LIMIT: u64 = 512 << 20;
/// A hiring template (TOML or JSON).
pub const TEMPLATE_LIMIT: u64 = 1 << 20;

/// Reads at most `limit` bytes of UTF-8 text from `path`; more is refused
/// (exit 2), naming the file and the limit.
pub fn read_text(path: &Path, what: &str, limit: u64) -> Result<String> {
    let refuse = |why: String| Error::input("FILE", format!("{}: {why}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| refuse(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| refuse(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(refuse(format!("is larger than {} allowed for {what}", size(limit))));
    }
    String::from_utf8(bytes).map_err(|_| refuse("is not valid UTF-8 text".into()))
}

/// `read_text`, where `-` is standard input (read with the same bound).
pub fn read_text_or_stdin(path: &Path, what: &str, limit: u64) -> Result<String> {
    if path.as_os_str() != "-" {
        return read_text(path, what, limit);
    }
    let refuse = |why: String| Error::input("FILE", format!("standard input: {why}"));
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refuse(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(refuse(format!("is larger than {} allowed for {what}", size(limit))));
    }
    String::from_utf8(bytes).map_err(|_| refuse("is not valid UTF-8 text".into()))
}

/// A byte count as people write it (64 MiB, 1 MiB, 512 bytes).
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("the {} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("the {} KiB", b >> 10),
        b => format!("the {b} bytes"),
    }
}
