//! The record that closes an import: where the rows came from, as of
//! when, and the conversion rates used. The deal events before it were
//! decided by the deal rules, one by one.

use super::fact_date;
use crate::core::event::{Event, FxRate};
use crate::core::money::validate_currency;
use crate::core::state::State;
use crate::core::time::Date;
use crate::error::{Error, Result};

/// The CRMs `candor import deals` reads.
pub const SOURCES: [&str; 4] = ["salesforce", "hubspot", "pipedrive", "csv"];

pub fn imported(
    state: &State,
    source: &str,
    as_of: Date,
    rows: u64,
    fx: Vec<FxRate>,
    today: Date,
) -> Result<Event> {
    if !SOURCES.contains(&source) {
        return Err(Error::input("--source", format!("'{source}' is not one of {}", SOURCES.join(", "))));
    }
    let as_of = fact_date(Some(as_of), today, "--as-of")?;
    for r in &fx {
        let code = validate_currency(&r.currency).map_err(|m| Error::input("--fx", m))?;
        if code != r.currency || code == state.info().currency {
            return Err(Error::input(
                "--fx",
                format!("'{}' is not another currency than the ledger's", r.currency),
            ));
        }
        if !is_rate(&r.rate) {
            return Err(Error::input("--fx", format!("'{}' is not a rate; expected e.g. 1.08", r.rate)));
        }
    }
    Ok(Event::DealsImported { source: source.to_string(), as_of, rows, fx })
}

/// A positive decimal written plainly (`1.08`, `150`).
fn is_rate(rate: &str) -> bool {
    let (int, frac) = rate.split_once('.').unwrap_or((rate, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !int.is_empty() && digits(int) && digits(frac) && rate.bytes().any(|b| (b'1'..=b'9').contains(&b))
}
