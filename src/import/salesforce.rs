//! Salesforce opportunity reports and Data Loader exports.

use super::row::{Field, Outcome};

pub fn headers(field: Field) -> &'static [&'static str] {
    match field {
        Field::Id => &["Opportunity ID", "Id", "Opportunity Id"],
        Field::Account => &["Account Name", "Account"],
        Field::Name => &["Opportunity Name", "Name"],
        Field::Amount => &["Amount"],
        Field::Currency => &["Opportunity Currency", "Amount Currency", "CurrencyIsoCode"],
        Field::Close => &["Close Date", "CloseDate"],
        Field::Stage => &["Stage", "StageName"],
        Field::Status => &[],
        Field::Probability => &["Probability (%)", "Probability"],
        Field::Owner => &["Opportunity Owner", "Owner"],
        Field::LostReason => &["Loss Reason", "Closed Lost Reason"],
        Field::Created => &["Created Date", "CreatedDate"],
    }
}

/// `Closed Won` and `Closed Lost` end a deal; every other stage is open.
pub fn outcome(stage: &str, _status: &str) -> Option<Outcome> {
    match stage.trim().to_ascii_lowercase().as_str() {
        "closed won" => Some(Outcome::Won),
        "closed lost" => Some(Outcome::Lost { reason: None }),
        _ => Some(Outcome::Open),
    }
}
