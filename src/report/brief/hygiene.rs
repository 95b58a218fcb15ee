//! The brief's "pipeline hygiene" section (metrics.md § 10.4, § 10.7):
//! overdue and stale deals with their age, the share of the pipeline they
//! hold against its threshold, and a forecast above everything that could
//! close.

use super::sections::Section;
use crate::core::brief::Brief;
use crate::core::metrics::hygiene::Aged;
use crate::report::doc::pct;

fn rows(b: &Brief, deals: &[Aged]) -> Vec<Vec<String>> {
    deals
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.account.clone(),
                b.money(a.amount),
                a.close.to_string(),
                a.stage.clone().unwrap_or_else(|| "—".into()),
                a.probability.map_or("—".into(), |p| format!("{p}%")),
                a.days_overdue.map_or("—".into(), |n| format!("{n} days")),
                format!("{} days", a.days_since_record),
            ]
        })
        .collect()
}

const HEADERS: [&str; 8] =
    ["deal", "account", "amount", "close", "stage", "probability", "overdue", "since last record"];

pub fn section(b: &Brief) -> Section {
    let h = &b.hygiene;
    let mut s = Section::new("hygiene", "4b. Pipeline hygiene — overdue and stale deals");
    if let Some(c) = b.ceiling.as_ref().filter(|c| c.exceeds) {
        s.text(format!(
            "⚠ Forecast exceeds everything that could close: {} forecast {} (record {}) > actual to date {} + \
             open deals expected in {} {} = {}.",
            c.period,
            b.money(c.forecast),
            c.forecast_seq,
            b.money(c.actual_to_date),
            c.period,
            b.money(c.open_in_period),
            b.money(c.could_close),
        ));
    }
    let limits = b.hygiene_threshold.map_or(String::new(), |t| {
        format!(" — {} (green ≤ {}, amber ≤ {})", t.status(h.share), pct(Some(t.green)), pct(Some(t.amber)))
    });
    s.pairs(vec![
        (
            "pipeline hygiene",
            format!(
                "{}{limits}: {} of {} open in {} (or earlier) is overdue or stale",
                pct(h.share),
                b.money(h.flagged_value),
                b.money(h.open_value),
                h.period
            ),
        ),
        ("stale after", format!("{} days without a record", h.stale_days)),
    ]);
    s.text(format!("Overdue (close date passed, still open): {}.", h.overdue.len()));
    s.table(&HEADERS, rows(b, &h.overdue));
    s.text(format!("Stale (no record for {} days or more): {}.", h.stale_days, h.stale.len()));
    s.table(&HEADERS, rows(b, &h.stale));
    s
}
