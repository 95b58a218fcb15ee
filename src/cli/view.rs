//! Reading the record for a report: the state as of a point in history and
//! the date the report is evaluated at.

use super::context::Context;
use candor::core::state::State;
use candor::core::{AsOf, Date};
use candor::ledger::{replay, Ledger};
use candor::report::audit::Currency;
use candor::report::{json, Format};
use candor::{Error, Result};
use serde_json::{json, Value};

pub struct View {
    pub state: State,
    /// The evaluation date: the date given, the day record SEQ was written, or today.
    pub at: Date,
}

impl View {
    /// Opens the ledger, folds the state and releases the ledger again, so
    /// that computing and printing the report never holds it.
    pub fn load(ctx: &Context, as_of: Option<AsOf>) -> Result<View> {
        View::from_ledger(&ctx.open()?, ctx, as_of)
    }

    /// The view from a ledger the caller already holds open.
    pub fn from_ledger(ledger: &Ledger, ctx: &Context, as_of: Option<AsOf>) -> Result<View> {
        let state = replay::state(ledger, as_of)?;
        let at = match as_of {
            // Nothing is known about days that have not come: a later date
            // is evaluated at the latest day anything could have been known.
            Some(AsOf::Date(d)) => {
                let recorded = state.last_recorded_at.map_or(ctx.today(), |t| t.date());
                d.min(ctx.today().max(ctx.machine_now.date()).max(recorded))
            }
            Some(AsOf::Seq(_)) => state.last_recorded_at.map_or(ctx.today(), |t| t.date()),
            None => ctx.today(),
        };
        Ok(View { state, at })
    }

    pub fn currency(&self) -> Currency<'_> {
        let info = self.state.info();
        Currency { code: &info.currency, exponent: self.state.exponent() }
    }
}

/// A report as of a point before record 1 is empty, and says so: one line
/// (a page in HTML), or in JSON `empty: true` with the note, merged over
/// `keys` (the report's contract keys, where it gives them). Any other
/// error passes through.
pub fn empty_report(ctx: &Context, e: Error, keys: Value) -> Result<()> {
    super::output::emit(&empty_report_text(ctx, e, keys)?);
    Ok(())
}

/// The text of `empty_report`, for a command that writes it to a file.
pub fn empty_report_text(ctx: &Context, e: Error, keys: Value) -> Result<String> {
    let Error::BeforeOpening { as_of, opened, currency } = &e else { return Err(e) };
    let note = e.to_string();
    let text = match ctx.format {
        Format::Json => {
            let mut v = if keys.is_object() { keys } else { json!({}) };
            v["empty"] = json!(true);
            v["note"] = json!(note);
            v["as_of"] = json!(as_of);
            v["ledger_opened"] = json!(opened.to_string());
            if !currency.is_empty() {
                v["currency"] = json!(currency);
            }
            json(&v)
        }
        Format::Md => format!("# No records\n\n{note}\n"),
        Format::Html => format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>No records</title></head>\n\
             <body><p>{note}</p></body></html>\n"
        ),
        Format::Table => format!("{note}\n"),
    };
    Ok(text)
}
