//! The CEO's audits: each metric in depth, with the records behind every
//! figure. Each module turns a metric's value into JSON (the contract
//! keys) and a document.

pub mod cadence;
pub mod calibration;
pub mod commitments;
pub mod forecast;
pub mod indicators;
pub mod pipeline;
pub mod plan;
pub mod risks;
pub mod slips;

use crate::core::money::Money;
use serde_json::{json, Value};

/// Formats money for people in the ledger's currency.
#[derive(Clone, Copy, Debug)]
pub struct Currency<'a> {
    pub code: &'a str,
    pub exponent: u32,
}

impl Currency<'_> {
    pub fn show(&self, m: Money) -> String {
        format!("{} {}", self.code, m.format(self.exponent))
    }

    pub fn show_opt(&self, m: Option<Money>) -> String {
        m.map_or("—".into(), |m| self.show(m))
    }
}

/// A list of record numbers, as people read them.
pub fn records(seqs: &[u64]) -> String {
    if seqs.is_empty() {
        return "—".into();
    }
    seqs.iter().map(|s| format!("#{s}")).collect::<Vec<_>>().join(" ")
}

/// `null` or the number.
pub fn opt(v: Option<f64>) -> Value {
    v.map_or(Value::Null, |x| json!(x))
}
