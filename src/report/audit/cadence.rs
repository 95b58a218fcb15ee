//! `candor audit cadence`: did the weekly meeting happen?

use super::commitments::LATE;
use super::{opt, records};
use crate::core::metrics::cadence::Audit;
use crate::report::doc::{pct, sparkline, Doc};
use serde_json::{json, Value};

pub fn json(a: &Audit) -> Value {
    json!({
        "cadence": a.cadence.as_str(),
        "weeks_counted": a.windows.len(),
        "weeks_held": a.windows.iter().filter(|w| !w.held.is_empty()).count(),
        "adherence": opt(a.adherence),
        "streak": a.streak,
        "held_meetings": a.held_meetings,
        "three_questions": opt(a.three_questions),
        "windows": a.windows.iter().map(|w| json!({
            "first_week": w.first.to_string(), "last_week": w.last.to_string(),
            "held": !w.held.is_empty(), "held_seqs": w.held,
            "skipped": w.skipped.iter().map(|(s, r)| json!({"seq": s, "reason": r})).collect::<Vec<_>>(),
            "recorded_late": !w.recorded_late.is_empty(), "recorded_late_seqs": w.recorded_late,
        })).collect::<Vec<_>>(),
    })
}

pub fn doc(a: &Audit) -> Doc {
    let mut d = Doc::new(format!("Meeting cadence ({})", a.cadence));
    d.text(LATE);
    let held: Vec<Option<f64>> =
        a.windows.iter().map(|w| Some(if w.held.is_empty() { 0.0 } else { 1.0 })).collect();
    d.pairs(vec![
        (
            "adherence".into(),
            format!(
                "{} of {} ({})",
                a.windows.iter().filter(|w| !w.held.is_empty()).count(),
                a.windows.len(),
                pct(a.adherence)
            ),
        ),
        ("streak".into(), format!("{} in a row", a.streak)),
        ("three questions answered".into(), pct(a.three_questions)),
        ("weeks".into(), sparkline(&held)),
    ]);
    let rows = a
        .windows
        .iter()
        .map(|w| {
            let when =
                if w.first == w.last { w.first.to_string() } else { format!("{}–{}", w.first, w.last) };
            let status = if !w.held.is_empty() {
                format!("held {}", w.held.iter().map(|s| format!("#{s}")).collect::<Vec<_>>().join(" "))
            } else if let Some((s, r)) = w.skipped.first() {
                format!("skipped #{s}: {r}")
            } else {
                "no meeting".into()
            };
            let late = records(&w.recorded_late);
            vec![
                when,
                status,
                if w.recorded_late.is_empty() { String::new() } else { format!("recorded late: {late}") },
            ]
        })
        .collect();
    d.heading("Weeks").table(&["week", "meeting", "note"], rows);
    d
}
