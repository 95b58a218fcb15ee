//! `candor audit risks`: was bad news early? Losses and slips against the
//! risk flags raised before them.

use super::commitments::LATE;
use super::opt;
use crate::core::metrics::bad_news::{Audit, Outcome, OutcomeKind};
use crate::report::doc::{pct, Doc};
use serde_json::{json, Value};

fn kind(k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::Lost => "lost",
        OutcomeKind::Slip => "slip",
        OutcomeKind::Overdue => "overdue",
    }
}

pub fn json(a: &Audit) -> Value {
    json!({
        "outcomes": a.outcomes.iter().map(|o| json!({
            "deal": o.deal, "kind": kind(o.kind), "date": o.date.to_string(), "seq": o.seq,
            "flagged_early": o.flagged.is_some(),
            "flagged_on": o.flagged.map(|f| f.0.to_string()),
            "lead_days": o.flagged.map(|f| f.1),
            "flag_seq": o.flagged.map(|f| f.2),
            "recorded_late": o.any_recorded_late(),
            "overdue_from": o.overdue_from.map(|d| d.to_string()),
            "flag": o.flag.as_ref().map(|f| json!({
                "seq": f.seq, "dated": f.dated.to_string(), "counts_on": f.counts_on.to_string(),
                "recorded_late": f.recorded_late(),
            })),
        })).collect::<Vec<_>>(),
        "early_warning_rate": opt(a.early_warning_rate),
        "median_lead_days": opt(a.median_lead_days),
    })
}

/// What was recorded late behind an outcome (§ 10 rule 5), in words.
fn note(o: &Outcome) -> String {
    let mut notes = Vec::new();
    if let Some(f) = o.flag.as_ref().filter(|f| f.recorded_late()) {
        notes.push(format!("flag #{} dated {} recorded late, counts on {}", f.seq, f.dated, f.counts_on));
    }
    if o.recorded_late {
        notes.push("outcome recorded late".to_string());
    }
    if let Some(from) = o.overdue_from {
        notes.push(format!("close date passed: counts from {from}, the first overdue day"));
    }
    notes.join("; ")
}

pub fn doc(a: &Audit) -> Doc {
    let mut d = Doc::new("Bad news early");
    d.text(
        "A loss or slip was flagged early when the deal carried a risk flag raised at least one day before it. \
         A deal still open after its close date is an overdue outcome, and any slip or loss after the date \
         passed counts from the first overdue day: silence is not good news.",
    );
    d.text(LATE);
    d.pairs(vec![
        ("early warning rate".into(), pct(a.early_warning_rate)),
        ("median lead time".into(), a.median_lead_days.map_or("—".into(), |v| format!("{v:.1} days"))),
        ("negative outcomes".into(), a.outcomes.len().to_string()),
    ]);
    let rows = a
        .outcomes
        .iter()
        .map(|o| {
            vec![
                o.deal.clone(),
                kind(o.kind).to_string(),
                o.date.to_string(),
                format!("#{}", o.seq),
                o.flagged.map_or("no".into(), |f| format!("yes, {} days earlier (#{})", f.1, f.2)),
                note(o),
            ]
        })
        .collect();
    d.heading("Outcomes").table(&["deal", "outcome", "date", "record", "flagged early", "note"], rows);
    d
}
