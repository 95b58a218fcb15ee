//! One error model for the whole product. Each kind maps to an exit code
//! from the product contract; messages name the field and what is accepted.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user is wrong. Nothing was written.
    #[error("{field}: {message}")]
    Input { field: String, message: String },
    /// The command cannot run as asked (wrong state, missing flags). Nothing was written.
    #[error("{0}")]
    Usage(String),
    /// Another process holds the ledger.
    #[error("the ledger at {0} is in use by another process; try again when it has finished")]
    Locked(PathBuf),
    /// There is no ledger where one was expected.
    #[error("no ledger at {0}; create one with `candor init` or point --ledger / CANDOR_LEDGER at one")]
    Missing(PathBuf),
    /// The store cannot be read (sled or the file system failed).
    #[error("the ledger at {path} cannot be read: {cause}")]
    Unreadable { path: PathBuf, cause: String },
    /// An append could not be made durable (disk full, I/O error). It was
    /// not acknowledged; the records before it are intact.
    #[error("the ledger at {path} cannot write: {cause}")]
    Unwritable { path: PathBuf, cause: String },
    /// The ledger can only be read (a read-only mount or copy); a command
    /// that records was refused before anything was written.
    #[error("the ledger at {path} is read-only: {cause}")]
    ReadOnly { path: PathBuf, cause: String },
    /// The server of a shared ledger cannot be reached, failed, or holds a
    /// history that no longer extends what this machine saw.
    #[error("{0}")]
    Remote(String),
    /// A check ran and found a problem (verify, or a required report was empty).
    #[error("{0}")]
    CheckFailed(String),
    /// The user cancelled at a prompt. Nothing was written.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// A script stopped part-way: the message says what was recorded.
    #[error("{message}")]
    PartlyWritten { message: String, exit: i32 },
    /// `--as-of` names a point before record 1: not a failure, the report
    /// is empty (exit 0). Reports render it instead of folding a state that
    /// has no ledger to speak of.
    #[error("No records as of {as_of}: the ledger was opened on {opened}.")]
    BeforeOpening { as_of: String, opened: crate::core::Date, currency: String },
}

impl Error {
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input { field: field.into(), message: message.into() }
    }

    /// The process exit code for this error (see the product contract).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::BeforeOpening { .. } => 0,
            Error::CheckFailed(_) => 1,
            Error::Input { .. } | Error::Usage(_) => 2,
            Error::Locked(_)
            | Error::Missing(_)
            | Error::Unreadable { .. }
            | Error::Unwritable { .. }
            | Error::ReadOnly { .. }
            | Error::Remote(_) => 3,
            Error::Cancelled => 130,
            Error::PartlyWritten { exit, .. } => *exit,
        }
    }
}

/// Attaches a field name to a validation message.
pub trait FieldContext<T> {
    fn field(self, name: &str) -> Result<T>;
}

impl<T> FieldContext<T> for std::result::Result<T, String> {
    fn field(self, name: &str) -> Result<T> {
        self.map_err(|m| Error::input(name, m))
    }
}
