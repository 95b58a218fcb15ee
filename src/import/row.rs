//! One deal as an export states it, whatever CRM wrote it.

use super::amount::Amount;
use crate::core::time::Date;

/// What a row can say about a deal; each CRM names its columns differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Account,
    Name,
    Amount,
    Currency,
    Close,
    Stage,
    Status,
    Probability,
    Owner,
    LostReason,
    Created,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Id,
        Field::Account,
        Field::Name,
        Field::Amount,
        Field::Currency,
        Field::Close,
        Field::Stage,
        Field::Status,
        Field::Probability,
        Field::Owner,
        Field::LostReason,
        Field::Created,
    ];

    /// The name `--map COLUMN=FIELD` uses.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Account => "account",
            Field::Name => "name",
            Field::Amount => "amount",
            Field::Currency => "currency",
            Field::Close => "close",
            Field::Stage => "stage",
            Field::Status => "status",
            Field::Probability => "probability",
            Field::Owner => "owner",
            Field::LostReason => "lost_reason",
            Field::Created => "created",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Field::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Fields every row must have.
    pub fn required(self) -> bool {
        matches!(self, Field::Id | Field::Account | Field::Amount | Field::Close)
    }
}

/// Whether the deal is still being worked, or how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Won,
    Lost { reason: Option<String> },
}

/// A deal as of the export, its values parsed; `row` is the spreadsheet
/// row number (the header is row 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub row: usize,
    pub id: String,
    pub account: String,
    pub name: Option<String>,
    pub amount: Amount,
    pub close: Date,
    pub stage: Option<String>,
    pub probability: Option<u8>,
    pub outcome: Outcome,
    pub created: Option<Date>,
}
