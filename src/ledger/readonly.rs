//! Read-only ledgers (an auditor's copy, a read-only mount). sled must
//! write even to read — its lock, its recovery, its config — so when the
//! directory refuses writes, the store's files are copied to a private
//! temporary directory and sled opens the copy. Nothing is ever written
//! back, and the `Ledger` refuses to append (`Error::ReadOnly`, exit 3).

use crate::error::{Error, Result};
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// Whether an open failed because the directory or its files refuse
/// writes: EROFS (read-only file system), EACCES or EPERM.
pub fn refuses_writes(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied)
}

/// The same, for an error sled returned.
pub fn sled_refuses_writes(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if refuses_writes(io))
}

/// The error every recording command gets on a read-only ledger.
pub fn refused(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::ReadOnly {
        path: path.to_path_buf(),
        cause: format!("{why}; commands that record need a writable ledger directory, nothing was written"),
    }
}

/// A private (owner-only) copy of every regular file under `from`; it is
/// removed when dropped. Symlinks are not followed.
pub fn private_copy(from: &Path) -> Result<tempfile::TempDir> {
    let cannot = |e: std::io::Error| Error::Unreadable {
        path: from.to_path_buf(),
        cause: format!("the ledger is read-only and a private copy to read it could not be made: {e}"),
    };
    let dir = tempfile::Builder::new().prefix("candor-readonly-").tempdir().map_err(cannot)?;
    copy_tree(from, dir.path()).map_err(cannot)?;
    Ok(dir)
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            fs::create_dir(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_and_permission_errors_refuse_writes_others_do_not() {
        assert!(refuses_writes(&std::io::Error::from(ErrorKind::ReadOnlyFilesystem)));
        assert!(refuses_writes(&std::io::Error::from_raw_os_error(13))); // EACCES
        assert!(refuses_writes(&std::io::Error::from_raw_os_error(1))); // EPERM
        assert!(!refuses_writes(&std::io::Error::from(ErrorKind::NotFound)));
        assert_eq!(refused(Path::new("/x"), "why").exit_code(), 3);
    }

    #[test]
    fn a_private_copy_holds_every_file() {
        let from = tempfile::tempdir().unwrap();
        fs::create_dir(from.path().join("blobs")).unwrap();
        fs::write(from.path().join("db"), b"log").unwrap();
        fs::write(from.path().join("blobs/1"), b"blob").unwrap();
        let copy = private_copy(from.path()).unwrap();
        assert_eq!(fs::read(copy.path().join("db")).unwrap(), b"log");
        assert_eq!(fs::read(copy.path().join("blobs/1")).unwrap(), b"blob");
    }
}
