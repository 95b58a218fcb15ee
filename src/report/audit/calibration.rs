//! `candor audit calibration`: are win probabilities honest?

use super::opt;
use crate::core::metrics::calibration::Audit;
use crate::report::doc::{pct, Doc};
use serde_json::{json, Value};

pub fn json(a: &Audit) -> Value {
    json!({
        "brier": opt(a.brier),
        "deals": a.deals.iter().map(|(id, p, won, seq)| json!({"id": id, "probability": p, "won": won, "seq": seq})).collect::<Vec<_>>(),
        "bands": a.bands.iter().map(|b| json!({
            "from": b.from, "to": b.to, "deals": b.deals, "mean_probability": opt(b.mean_probability), "win_rate": opt(b.win_rate),
        })).collect::<Vec<_>>(),
    })
}

pub fn doc(a: &Audit) -> Doc {
    let mut d = Doc::new("Win-probability calibration");
    d.text("Brier score = mean((p − outcome)²) over closed deals, with p the last probability recorded before close (won = 1, lost = 0). 0 is perfect; always saying 50% scores 0.25.");
    d.pairs(vec![
        ("Brier score".into(), a.brier.map_or("—".into(), |b| format!("{b:.3}"))),
        ("closed deals with a probability".into(), a.deals.len().to_string()),
    ]);
    let rows = a
        .bands
        .iter()
        .map(|b| {
            vec![
                format!("{}–{}%", b.from, b.to),
                b.deals.to_string(),
                pct(b.mean_probability),
                pct(b.win_rate),
            ]
        })
        .collect();
    d.heading("By probability band").table(&["band", "deals", "mean probability", "won"], rows);
    d
}
