//! The brief's sections added after review (metrics.md § 10.8, § 10.9): the
//! forecast (the leader's and the agreed one), what is agreed about who
//! decides and where time goes, every open initiative, and this period
//! against the previous one. Rendered alike in every format.

use super::sections::Section;
use crate::core::brief::{Brief, PeriodFigures};
use crate::core::money::Money;
use crate::report::doc::pct;

fn change(b: &Brief, delta: Option<i64>) -> String {
    match delta {
        None => "— (none at the last meeting)".into(),
        Some(0) => "unchanged since the last meeting".into(),
        Some(d) if d > 0 => format!("+{} since the last meeting", b.money(Money(d))),
        Some(d) => format!("−{} since the last meeting", b.money(Money(-d))),
    }
}

pub fn forecast(b: &Brief) -> Section {
    let f = &b.forecast;
    let mut s = Section::new("forecast", format!("1b. Forecast — {}", f.period));
    let leader =
        f.leader.map_or(format!("— ({} has no forecast for {})", b.leader, f.period), |(seq, as_of, m)| {
            format!("{} as of {as_of} (record {seq}), {}", b.money(m), change(b, f.leader_change()))
        });
    let agreed = f.agreed.as_ref().map_or(
        "— (none agreed yet: candor forecast agree)".into(),
        |(seq, on, m, by)| {
            format!(
                "{} on {on} by {} (record {seq}), {}",
                b.money(*m),
                by.join(" and "),
                change(b, f.agreed_change())
            )
        },
    );
    s.pairs(vec![(&*format!("{}'s latest forecast", b.leader), leader), ("agreed forecast", agreed)]);
    s
}

pub fn expectations(b: &Brief) -> Section {
    let mut s = Section::new("expectations", "5b. Decision rights, focus and open initiatives");
    s.pairs(vec![
        (
            "decision rights",
            b.decision_rights.clone().unwrap_or_else(|| "— none agreed (candor expect set)".into()),
        ),
        ("focus", b.focus.clone().unwrap_or_else(|| "— none agreed".into())),
    ]);
    let rows = b
        .initiatives
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.title.clone(),
                i.owner.clone().unwrap_or_else(|| "—".into()),
                i.due.map_or("—".into(), |d| d.to_string()),
                i.status.to_string(),
            ]
        })
        .collect();
    s.table(&["initiative", "title", "owner", "due", "status"], rows);
    s
}

fn days(v: Option<f64>) -> String {
    v.map_or("—".into(), |d| format!("{d:.0} days"))
}

pub fn comparison(b: &Brief) -> Section {
    let c = &b.comparison;
    let mut s = Section::new("comparison", format!("8b. {} so far against {}", c.period, c.previous));
    let money = |v: Option<f64>| v.map_or("—".into(), |x| b.money(Money(x.round() as i64)));
    let row =
        |label: &str, f: &dyn Fn(&PeriodFigures) -> String| vec![label.to_string(), f(&c.this), f(&c.before)];
    s.table(
        &["deals closed in the period", &c.period.to_string(), &c.previous.to_string()],
        vec![
            row("won / lost", &|p| format!("{} / {}", p.won, p.lost)),
            row("win rate (by count)", &|p| pct(p.win_rate)),
            row("average won deal", &|p| money(p.average_won)),
            row("sales cycle (opened → won, mean)", &|p| days(p.cycle_days)),
        ],
    );
    s
}
