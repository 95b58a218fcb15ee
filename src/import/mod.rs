//! CRM exports read into rows, and rows turned into the events that bring
//! the ledger up to date. One small module per CRM maps its headers and
//! value formats to one `Row`; one diff turns rows into events through the
//! same deal rules typed commands use. Pure: text in, values out.

pub mod amount;
mod changes;
pub mod convert;
pub mod date;
pub mod diff;
#[cfg(test)]
mod diff_tests;
pub mod generate;
mod hubspot;
pub mod mapping;
mod pipedrive;
pub mod probability;
#[cfg(test)]
mod props;
mod read;
pub mod row;
mod salesforce;

pub use diff::{diff, Change, DiffOptions, Missing, MissingPolicy, Plan};
pub use mapping::{Mapping, Source};
pub use read::{read, Table};
pub use row::{Field, Outcome, Row};

/// A refused value: where it is (spreadsheet row, header row = 1; column
/// by its header) and what is accepted instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub row: usize,
    pub column: String,
    pub message: String,
}

impl ImportError {
    pub fn new(row: usize, column: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError { row, column: column.into(), message: message.into() }
    }
}

impl From<ImportError> for crate::Error {
    fn from(e: ImportError) -> crate::Error {
        crate::Error::input(format!("row {}, column '{}'", e.row, e.column), e.message)
    }
}
