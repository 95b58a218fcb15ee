//! HubSpot deal exports (view exports use labels, API exports internal names).

use super::row::{Field, Outcome};

pub fn headers(field: Field) -> &'static [&'static str] {
    match field {
        Field::Id => &["Record ID", "Deal ID", "hs_object_id"],
        Field::Account => &["Associated Company", "Company name", "Associated Company (Primary)"],
        Field::Name => &["Deal Name", "dealname"],
        Field::Amount => &["Amount", "amount"],
        Field::Currency => &["Currency", "deal_currency_code"],
        Field::Close => &["Close Date", "closedate"],
        Field::Stage => &["Deal Stage", "dealstage"],
        Field::Status => &[],
        Field::Probability => &["Deal probability", "hs_deal_stage_probability"],
        Field::Owner => &["Deal owner", "hubspot_owner_id"],
        Field::LostReason => &["Closed lost reason", "closed_lost_reason"],
        Field::Created => &["Create Date", "createdate"],
    }
}

/// `Closed Won` / `closedwon` and `Closed Lost` / `closedlost` end a deal.
pub fn outcome(stage: &str, _status: &str) -> Option<Outcome> {
    match stage.trim().to_ascii_lowercase().replace(' ', "").as_str() {
        "closedwon" => Some(Outcome::Won),
        "closedlost" => Some(Outcome::Lost { reason: None }),
        _ => Some(Outcome::Open),
    }
}
