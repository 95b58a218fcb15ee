//! `candor audit forecast`: accuracy and bias of forecasts, period by period.

use super::{opt, records, Currency};
use crate::core::metrics::forecast::{Aggregate, Audit, Point};
use crate::report::doc::{pct, signed_pct, sparkline, Doc};
use serde_json::{json, Value};

fn point_json(p: &Option<Point>) -> Value {
    match p {
        None => Value::Null,
        Some(p) => json!({
            "amount": p.amount.0,
            "error": p.error,
            "abs_pct_error": opt(p.abs_pct_error),
            "accuracy": opt(p.accuracy),
            "bias": opt(p.bias),
            "seq": p.seq,
            "as_of": p.as_of.to_string(),
        }),
    }
}

fn aggregate_json(a: &Aggregate) -> Value {
    json!({
        "periods": a.periods,
        "wape": opt(a.wape),
        "bias": opt(a.bias),
        "within_5pct": opt(a.within_5pct),
        "within_10pct": opt(a.within_10pct),
        "normalized_bias": opt(a.normalized_bias),
    })
}

pub fn json(a: &Audit, currency: &str) -> Value {
    let periods: Vec<Value> = a
        .periods
        .iter()
        .map(|p| {
            let mut v = json!({
                "period": p.period.to_string(),
                "actual": p.actual.map(|m| m.0),
                "actual_seqs": p.actual_seqs,
                "scored": p.scored,
                "forecasts": p.forecasts.iter().map(|f| json!({
                    "seq": f.seq, "as_of": f.as_of.to_string(), "amount": f.amount.0, "by": f.by, "backdated": f.backdated,
                })).collect::<Vec<_>>(),
                "at_start": point_json(&p.at_start),
                "at_mid": point_json(&p.at_mid),
                "final": point_json(&p.final_),
                "weekly": p.weekly.iter().map(|(end, pt)| json!({
                    "week_end": end.to_string(),
                    "amount": pt.as_ref().map(|x| x.amount.0),
                    "accuracy": opt(pt.as_ref().and_then(|x| x.accuracy)),
                })).collect::<Vec<_>>(),
            });
            if a.weeks_before.is_some() {
                v["weeks_before"] = point_json(&p.weeks_before);
            }
            v
        })
        .collect();
    let mut summary = json!({
        "periods_scored": a.periods_scored,
        "wape_at_start": opt(a.at_start.wape),
        "wape_at_mid": opt(a.at_mid.wape),
        "wape_final": opt(a.final_.wape),
        "bias_at_start": opt(a.at_start.bias),
        "bias_at_mid": opt(a.at_mid.bias),
        "bias_final": opt(a.final_.bias),
        "within_5pct_final": opt(a.final_.within_5pct),
        "within_10pct_final": opt(a.final_.within_10pct),
        "normalized_bias_final": opt(a.final_.normalized_bias),
        "flag": a.flag,
        "trend": { "recent": aggregate_json(&a.trend_recent), "previous": aggregate_json(&a.trend_previous) },
    });
    if let Some(w) = &a.weeks_before {
        summary["weeks_before"] = aggregate_json(w);
    }
    json!({ "currency": currency, "periods": periods, "summary": summary })
}

pub fn doc(a: &Audit, cur: Currency) -> Doc {
    let mut d = Doc::new("Forecast accuracy and bias");
    d.text(
        "accuracy = max(0, 1 − |F − A| / A); bias = (F − A) / A (positive = optimistic). \
         Forecast standing at a date = the latest non-backdated forecast as of that date (ties: the later record).",
    );
    let show = |p: &Option<Point>| match p {
        None => "—".into(),
        Some(p) => format!("{} (#{}) {}", cur.show(p.amount), p.seq, pct(p.accuracy)),
    };
    let rows: Vec<Vec<String>> = a
        .periods
        .iter()
        .map(|p| {
            vec![
                p.period.to_string(),
                cur.show_opt(p.actual),
                records(&p.actual_seqs),
                show(&p.at_start),
                show(&p.at_mid),
                show(&p.final_),
                signed_pct(p.final_.as_ref().and_then(|x| x.bias)),
            ]
        })
        .collect();
    d.heading("By period")
        .table(&["period", "actual", "from", "at start", "at mid", "final", "final bias"], rows);
    let scored: Vec<_> = a.periods.iter().filter(|p| p.scored).collect();
    let acc: Vec<Option<f64>> = scored.iter().map(|p| p.final_.as_ref().and_then(|x| x.accuracy)).collect();
    let bias: Vec<Option<f64>> = scored
        .iter()
        .map(|p| p.final_.as_ref().and_then(|x| x.bias).map(|b| (b + 0.5).clamp(0.0, 1.0)))
        .collect();
    d.heading("Summary").pairs(vec![
        ("periods scored".into(), a.periods_scored.to_string()),
        (
            "WAPE at start / mid / final".into(),
            format!("{} / {} / {}", pct(a.at_start.wape), pct(a.at_mid.wape), pct(a.final_.wape)),
        ),
        (
            "bias at start / final".into(),
            format!("{} / {}", signed_pct(a.at_start.bias), signed_pct(a.final_.bias)),
        ),
        (
            "within 5% / 10% (final)".into(),
            format!("{} / {}", pct(a.final_.within_5pct), pct(a.final_.within_10pct)),
        ),
        (
            "normalized bias (final)".into(),
            a.final_.normalized_bias.map_or("—".into(), |v| format!("{v:+.2}")),
        ),
        ("flag".into(), a.flag.unwrap_or("none").to_string()),
        (
            "trend: last 4 vs 4 before (WAPE)".into(),
            format!("{} vs {}", pct(a.trend_recent.wape), pct(a.trend_previous.wape)),
        ),
        ("final accuracy by period".into(), sparkline(&acc)),
        ("final bias by period (mid = 0)".into(), sparkline(&bias)),
    ]);
    let rows: Vec<Vec<String>> = a
        .periods
        .iter()
        .flat_map(|p| {
            p.forecasts.iter().map(move |f| {
                vec![
                    p.period.to_string(),
                    format!("#{}", f.seq),
                    f.as_of.to_string(),
                    cur.show(f.amount),
                    f.by.clone(),
                    if f.backdated { "backdated (excluded)".into() } else { String::new() },
                ]
            })
        })
        .collect();
    d.heading("Forecasts").table(&["period", "record", "as of", "amount", "by", ""], rows);
    d
}
