//! `candor audit slips`: deals whose close keeps moving to the next quarter.

use super::{opt, Currency};
use crate::core::metrics::slips::Audit;
use crate::report::doc::{pct, Doc};
use serde_json::{json, Value};

pub fn json(a: &Audit, currency: &str) -> Value {
    json!({
        "currency": currency,
        "slips": a.slips.iter().map(|s| json!({
            "deal": s.deal, "from": s.from.to_string(), "to": s.to.to_string(), "on": s.on.to_string(), "seq": s.seq, "amount": s.amount.0,
        })).collect::<Vec<_>>(),
        "periods": a.periods.iter().map(|p| json!({
            "period": p.period.to_string(),
            "expected_at_start": p.expected_at_start.iter().map(|(id, m)| json!({"id": id, "amount": m.0})).collect::<Vec<_>>(),
            "not_closed": p.not_closed,
            "slip_rate": opt(p.slip_rate),
            "pushed_value": p.pushed_value.0,
        })).collect::<Vec<_>>(),
        "chronic": a.chronic.iter().map(|(id, n)| json!({"deal": id, "slips": n})).collect::<Vec<_>>(),
        "current_period": a.current_period.to_string(),
        "recycled_share": opt(a.recycled_share),
    })
}

pub fn doc(a: &Audit, cur: Currency) -> Doc {
    let mut d = Doc::new("Slips");
    d.text("A slip: an open deal's expected close moves to a later quarter. slip rate = deals expected at the quarter's start that did not close (won or lost) inside it.");
    let rows = a
        .periods
        .iter()
        .map(|p| {
            vec![
                p.period.to_string(),
                p.expected_at_start.len().to_string(),
                p.not_closed.len().to_string(),
                pct(p.slip_rate),
                cur.show(p.pushed_value),
                p.not_closed.join(", "),
            ]
        })
        .collect();
    d.heading("Closed quarters")
        .table(&["quarter", "expected", "not closed", "slip rate", "pushed value", "deals"], rows);
    let rows = a
        .slips
        .iter()
        .map(|s| {
            vec![
                s.deal.clone(),
                format!("{} → {}", s.from, s.to),
                s.on.to_string(),
                format!("#{}", s.seq),
                cur.show(s.amount),
            ]
        })
        .collect();
    d.heading("Every slip").table(&["deal", "moved", "on", "record", "amount"], rows);
    d.heading("Chronic and recycled").pairs(vec![
        (
            "chronic (2+ slips)".into(),
            if a.chronic.is_empty() {
                "none".into()
            } else {
                a.chronic.iter().map(|(id, n)| format!("{id} ({n})")).collect::<Vec<_>>().join(", ")
            },
        ),
        (format!("recycled share of {} pipeline", a.current_period), pct(a.recycled_share)),
    ]);
    d
}
