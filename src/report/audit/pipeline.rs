//! `candor audit pipeline`: pipeline health week by week.

use super::{opt, Currency};
use crate::core::metrics::pipeline::{Health, WeekFlow};
use crate::core::money::Money;
use crate::report::doc::{pct, Doc};
use serde_json::{json, Value};

fn flow_json(w: &WeekFlow) -> Value {
    json!({
        "week": w.week.map(|x| x.to_string()),
        "new_count": w.new_count, "new_value": w.new_value,
        "won_count": w.won_count, "won_value": w.won_value,
        "lost_count": w.lost_count, "lost_value": w.lost_value,
    })
}

pub fn json(h: &Health, currency: &str) -> Value {
    let mut in_progress = flow_json(&h.in_progress);
    in_progress["in_progress"] = json!(true);
    json!({
        "currency": currency,
        "period": h.period.to_string(),
        "goal": h.goal.map(|m| m.0),
        "actual_to_date": h.actual_to_date.0,
        "remaining_gap": h.remaining_gap.map(|m| m.0),
        "open_in_period": h.open_in_period.0,
        "coverage": opt(h.coverage),
        "win_rate_by_count": opt(h.totals.win_rate_by_count()),
        "win_rate_by_value": opt(h.totals.win_rate_by_value()),
        "average_won_size": opt(h.average_won_size),
        "cycle_days_mean": opt(h.cycle_days_mean),
        "cycle_days_median": opt(h.cycle_days_median),
        "weeks": h.weeks.iter().map(flow_json).collect::<Vec<_>>(),
        // The week holding the as-of day: in no total or rate above.
        "in_progress": in_progress,
        "mix": h.mix.iter().map(|m| json!({
            "band": m.band, "value": m.value.0, "share": opt(m.share), "target_share": opt(m.target_share),
        })).collect::<Vec<_>>(),
    })
}

pub fn doc(h: &Health, cur: Currency) -> Doc {
    let mut d = Doc::new(format!("Pipeline health — {}", h.period));
    d.pairs(vec![
        (
            "goal / actual to date".into(),
            format!("{} / {}", cur.show_opt(h.goal), cur.show(h.actual_to_date)),
        ),
        ("remaining gap".into(), cur.show_opt(h.remaining_gap)),
        ("open pipeline closing in the quarter".into(), cur.show(h.open_in_period)),
        ("coverage".into(), h.coverage.map_or("—".into(), |c| format!("{c:.2}×"))),
        (
            "win rate (count / value), 13 weeks".into(),
            format!("{} / {}", pct(h.totals.win_rate_by_count()), pct(h.totals.win_rate_by_value())),
        ),
        (
            "average won deal".into(),
            h.average_won_size.map_or("—".into(), |v| cur.show(Money(v.round() as i64))),
        ),
        (
            "sales cycle (mean / median)".into(),
            format!(
                "{} / {}",
                h.cycle_days_mean.map_or("—".into(), |v| format!("{v:.0} days")),
                h.cycle_days_median.map_or("—".into(), |v| format!("{v:.0} days"))
            ),
        ),
    ]);
    let rows = h
        .weeks
        .iter()
        .chain(std::iter::once(&h.in_progress))
        .enumerate()
        .map(|(i, w)| {
            let label = w.week.map_or(String::new(), |x| x.to_string());
            vec![
                if i == h.weeks.len() { format!("{label} (in progress)") } else { label },
                format!("{} ({})", w.new_count, cur.show(Money(w.new_value))),
                format!("{} ({})", w.won_count, cur.show(Money(w.won_value))),
                format!("{} ({})", w.lost_count, cur.show(Money(w.lost_value))),
            ]
        })
        .collect();
    d.heading("Week by week").table(&["week", "new", "won", "lost"], rows);
    let rows = h
        .mix
        .iter()
        .map(|m| vec![m.band.clone(), cur.show(m.value), pct(m.share), pct(m.target_share)])
        .collect();
    d.heading("Open pipeline by size band").table(&["band", "value", "share", "agreed share"], rows);
    d
}
