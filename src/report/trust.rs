//! `candor trust`: every trust metric on one screen.

use crate::core::metrics::dashboard::{Signal, Unit};
use crate::core::money::Money;
use crate::core::time::Date;
use crate::report::audit::{opt, Currency};
use crate::report::doc::{pct, signed_pct, sparkline, Doc};
use serde_json::{json, Map, Value};

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Ratio => "ratio",
        Unit::SignedRatio => "signed_ratio",
        Unit::Days => "days",
        Unit::Score => "score",
        Unit::Multiple => "multiple",
        Unit::Count => "count",
        Unit::Money => "minor_units",
    }
}

/// A figure as people read it.
pub fn show(value: Option<f64>, unit: Unit, cur: Currency) -> String {
    let Some(v) = value else { return "—".into() };
    match unit {
        Unit::Ratio => pct(Some(v)),
        Unit::SignedRatio => signed_pct(Some(v)),
        Unit::Days => format!("{v:.1} days"),
        Unit::Score => format!("{v:.3}"),
        Unit::Multiple => format!("{v:.2}×"),
        Unit::Count => format!("{v:.0}"),
        Unit::Money => cur.show(Money(v.round() as i64)),
    }
}

pub fn json(signals: &[Signal], at: Date, currency: &str) -> Value {
    let mut out = Map::new();
    out.insert("as_of".into(), json!(at.to_string()));
    out.insert("currency".into(), json!(currency));
    for s in signals {
        let figures: Map<String, Value> = s.figures.iter().map(|f| (f.key.clone(), opt(f.value))).collect();
        out.insert(
            s.key.into(),
            json!({
                "title": s.title,
                "measure": s.measure,
                "value": opt(s.value),
                "unit": unit_name(s.unit),
                "threshold": s.threshold.map(|t| json!({
                    "green": t.green, "amber": t.amber, "higher_is_better": t.higher_is_better, "overridden": t.overridden,
                })),
                "status": s.status,
                "trend": s.trend.iter().map(|v| opt(*v)).collect::<Vec<_>>(),
                "trend_of": s.trend_of,
                "figures": figures,
                "explained_by": s.explained_by.as_ref().map(|(seq, why)| json!({"seq": seq, "why": why})),
                "in_progress": s.in_progress,
            }),
        );
    }
    Value::Object(out)
}

pub fn threshold_text(s: &Signal, cur: Currency) -> String {
    match s.threshold {
        None => "—".into(),
        Some(t) => {
            let cmp = if t.higher_is_better { "≥" } else { "≤" };
            format!(
                "green {cmp} {}, amber {cmp} {}",
                show(Some(t.green), s.unit, cur),
                show(Some(t.amber), s.unit, cur)
            )
        }
    }
}

/// The threshold in a table cell: "≥ 90.0% / ≥ 75.0%" (green / amber).
pub fn threshold_cell(s: &Signal, cur: Currency) -> String {
    match s.threshold {
        None => "—".into(),
        Some(t) => {
            let cmp = if t.higher_is_better { "≥" } else { "≤" };
            format!("{cmp} {} / {cmp} {}", show(Some(t.green), s.unit, cur), show(Some(t.amber), s.unit, cur))
        }
    }
}

pub fn trend_line(values: &[Option<f64>]) -> String {
    let max = values.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let scale = if max > 1.0 { max } else { 1.0 };
    sparkline(&values.iter().map(|v| v.map(|x| x / scale)).collect::<Vec<_>>())
}

pub fn explanation(s: &Signal) -> Option<String> {
    s.explained_by.as_ref().map(|(seq, why)| if *seq > 0 { format!("#{seq} {why}") } else { why.clone() })
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

pub fn doc(signals: &[Signal], at: Date, company: &str, cur: Currency) -> Doc {
    let mut d = Doc::new(format!("Trust dashboard — {company}, as of {at}"));
    d.text(
        "Each signal stands on its own: value, status, threshold (green / amber), trend, and why — the record \
         that most explains it. `candor audit …` shows the arithmetic.",
    );
    let rows = signals
        .iter()
        .map(|s| {
            vec![
                s.title.to_string(),
                show(s.value, s.unit, cur),
                s.status.to_string(),
                threshold_cell(s, cur),
                trend_line(&s.trend),
                explanation(s).map_or("—".into(), |e| shorten(&e, 70)),
            ]
        })
        .collect();
    // Short headers: at 80 columns the grid keeps everything but "why",
    // which goes under its row.
    d.table(&["signal", "value", "status", "green / amber", "trend", "why"], rows);
    for s in signals {
        let mut pairs = vec![
            ("measure".to_string(), s.measure.to_string()),
            ("threshold".to_string(), threshold_text(s, cur)),
            ("trend".to_string(), format!("{} ({})", trend_line(&s.trend), s.trend_of)),
        ];
        if let Some(e) = explanation(s) {
            pairs.push(("most explained by".to_string(), e));
        }
        for f in &s.figures {
            pairs.push((f.key.replace('_', " "), show(f.value, f.unit, cur)));
        }
        if let Some(now) = &s.in_progress {
            pairs.push(("this week".to_string(), now.clone()));
        }
        d.heading(s.title).pairs(pairs);
    }
    d
}
