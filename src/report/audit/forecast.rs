//! `candor audit forecast`: accuracy and bias of forecasts, period by period.

use super::{opt, records, Currency};
use crate::core::metrics::ceiling::Ceiling;
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

fn ceiling_json(c: &Option<Ceiling>) -> Value {
    match c {
        None => Value::Null,
        Some(c) => json!({
            "period": c.period.to_string(),
            "forecast": c.forecast.0,
            "forecast_seq": c.forecast_seq,
            "actual_to_date": c.actual_to_date.0,
            "open_in_period": c.open_in_period.0,
            "could_close": c.could_close.0,
            "deals": c.deals,
            "exceeds": c.exceeds,
        }),
    }
}

fn summary_json(a: &Audit) -> Value {
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
        "commit_hit_rate": opt(a.commit_hit_rate),
        "commit_periods": a.commit_periods,
        "trend": { "recent": aggregate_json(&a.trend_recent), "previous": aggregate_json(&a.trend_previous) },
    });
    if let Some(w) = &a.weeks_before {
        summary["weeks_before"] = aggregate_json(w);
    }
    summary
}

/// `ceiling`: the focus quarter's leader forecast against what could still close.
pub fn json(a: &Audit, ceiling: &Option<Ceiling>, currency: &str) -> Value {
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
                "commit": p.commit.as_ref().map(|c| json!({ "seq": c.seq, "amount": c.amount.0, "hit": c.hit })),
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
    let forecasters: Vec<Value> =
        a.forecasters.iter().map(|f| json!({ "by": f.by, "summary": summary_json(&f.audit) })).collect();
    json!({
        "currency": currency,
        "granularity": a.granularity.name(),
        "scored_by": a.scored_by,
        "periods": periods,
        "summary": summary_json(a),
        "forecasters": forecasters,
        "ceiling": ceiling_json(ceiling),
    })
}

pub fn doc(a: &Audit, ceiling: &Option<Ceiling>, cur: Currency) -> Doc {
    let mut d = Doc::new("Forecast accuracy and bias");
    d.text(
        "accuracy = max(0, 1 − |F − A| / A); bias = (F − A) / A (positive = optimistic). \
         Forecast standing at a date = the latest non-backdated forecast as of that date (ties: the later record).",
    );
    d.text(format!(
        "Granularity: {} (months, quarters and years are never summed together). Scored: the forecasts of {} only; \
         every forecaster on their own is under \"By forecaster\".",
        a.granularity.name(),
        a.scored_by.as_deref().unwrap_or("the sales leader"),
    ));
    if let Some(c) = ceiling.as_ref().filter(|c| c.exceeds) {
        d.text(format!(
            "⚠ forecast exceeds everything that could close: {} forecast {} (#{}) > actual to date {} + open deals \
             expected in {} {} = {}.",
            c.period,
            cur.show(c.forecast),
            c.forecast_seq,
            cur.show(c.actual_to_date),
            c.period,
            cur.show(c.open_in_period),
            cur.show(c.could_close),
        ));
    }
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
            "commit hit rate (actual ≥ commit)".into(),
            format!("{} of {} periods with a commit", pct(a.commit_hit_rate), a.commit_periods),
        ),
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
    let rows: Vec<Vec<String>> = a
        .forecasters
        .iter()
        .map(|f| {
            let x = &f.audit;
            vec![
                f.by.clone(),
                x.final_.periods.to_string(),
                pct(x.final_.wape),
                signed_pct(x.final_.bias),
                x.flag.unwrap_or("none").to_string(),
                pct(x.commit_hit_rate),
            ]
        })
        .collect();
    d.heading("By forecaster")
        .table(&["by", "periods", "WAPE (final)", "bias (final)", "flag", "commit hit rate"], rows);
    d
}
