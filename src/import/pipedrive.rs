//! Pipedrive deal exports ("Deal - " prefixed columns, or plain ones).

use super::row::{Field, Outcome};

pub fn headers(field: Field) -> &'static [&'static str] {
    match field {
        Field::Id => &["Deal - ID", "ID"],
        Field::Account => &["Deal - Organization", "Organization", "Deal - Organization name"],
        Field::Name => &["Deal - Title", "Title"],
        Field::Amount => &["Deal - Value", "Value"],
        Field::Currency => &["Deal - Currency", "Currency", "Deal - Currency of Value"],
        Field::Close => &["Deal - Expected close date", "Expected close date"],
        Field::Stage => &["Deal - Stage", "Stage"],
        Field::Status => &["Deal - Status", "Status"],
        Field::Probability => &["Deal - Probability", "Probability"],
        Field::Owner => &["Deal - Owner", "Owner"],
        Field::LostReason => &["Deal - Lost reason", "Lost reason"],
        Field::Created => &["Deal - Deal created", "Deal created"],
    }
}

/// Pipedrive says how a deal ended in its status, not its stage; `None`
/// when the status is not one of open, won or lost (e.g. deleted).
pub fn outcome(_stage: &str, status: &str) -> Option<Outcome> {
    match status.trim().to_ascii_lowercase().as_str() {
        "" | "open" => Some(Outcome::Open),
        "won" => Some(Outcome::Won),
        "lost" => Some(Outcome::Lost { reason: None }),
        _ => None,
    }
}
