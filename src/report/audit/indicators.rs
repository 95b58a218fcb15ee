//! `candor audit indicators`: did we work the plan? Leading indicators week
//! by week against target, and the contingencies they trigger.

use super::opt;
use crate::core::decide::{contingency, indicator};
use crate::core::metrics::in_progress::{self, IndicatorsSoFar};
use crate::core::metrics::weeks::Week;
use crate::core::state::State;
use crate::core::time::Date;
use crate::report::doc::{pct, Doc};
use serde_json::{json, Value};

/// The week in progress in one line: each indicator's value so far.
pub fn this_week_line(now: &IndicatorsSoFar) -> String {
    let each: Vec<String> = now
        .rows
        .iter()
        .map(|r| match r.mark {
            indicator::WeekMark::Hit(v) => format!("{} ✓ {}", r.name, indicator::format_milli(v)),
            indicator::WeekMark::Miss(v) => format!("{} ✗ {}", r.name, indicator::format_milli(v)),
            _ => format!("{} not recorded yet", r.name),
        })
        .collect();
    format!("{} (in progress, not counted until it ends): {}.", now.week, each.join("; "))
}

fn mark_value(m: indicator::WeekMark) -> Option<String> {
    match m {
        indicator::WeekMark::Hit(v) | indicator::WeekMark::Miss(v) => Some(indicator::format_milli(v)),
        _ => None,
    }
}

pub fn json(state: &State, at: Date, weeks: &[Week]) -> Value {
    json!({
        "weeks": weeks.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        "indicators": state.indicators.values().map(|i| json!({
            "name": i.name,
            "target": indicator::target_text(i),
            "hit_rate": opt(indicator::hit_rate(i, weeks)),
            "seq": i.origin.seq,
            "weeks": weeks.iter().map(|w| {
                let m = indicator::mark(i, *w);
                json!({"week": w.to_string(), "mark": m.word(), "value": mark_value(m),
                       "seq": i.values.get(&(w.year, w.week)).map(|(_, o)| o.seq)})
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "plan_worked": weeks.iter().map(|w| json!({"week": w.to_string(), "share": opt(indicator::plan_worked(state, *w))})).collect::<Vec<_>>(),
        "in_progress": this_week_json(&in_progress::indicators(state, at)),
        "contingencies": state.contingencies.values().map(|c| {
            let f = contingency::firing(state, c, at);
            json!({
                "id": c.id, "trigger": contingency::describe(state, &c.trigger), "action": c.action, "seq": c.origin.seq,
                "triggered": f.is_some(), "since": f.as_ref().map(|f| f.since.to_string()), "why": f.map(|f| f.why),
            })
        }).collect::<Vec<_>>(),
    })
}

/// The week in progress as JSON: in no `hit_rate` or `plan_worked` above.
pub fn this_week_json(now: &IndicatorsSoFar) -> Value {
    json!({
        "week": now.week.to_string(), "in_progress": true, "as_of": now.as_of.to_string(),
        "indicators": now.rows.iter().map(|r| json!({
            "name": r.name, "seq": r.seq, "value": mark_value(r.mark), "value_seq": r.value_seq,
            "mark": if r.value_seq.is_some() { r.mark.word() } else { "not_recorded_yet" },
        })).collect::<Vec<_>>(),
    })
}

pub fn doc(state: &State, at: Date, weeks: &[Week]) -> Doc {
    let mut d = Doc::new(format!(
        "Leading indicators, {} weeks to {}",
        weeks.len(),
        weeks.last().map_or(String::new(), |w| w.to_string())
    ));
    d.text("A week is hit when its value meets the target; a week with no value is missing and counts as not hit. plan worked = share of indicators hit that week.");
    let mut headers: Vec<String> = vec!["indicator".into(), "target".into()];
    headers.extend(weeks.iter().map(|w| format!("W{:02}", w.week)));
    headers.push("hit rate".into());
    let mut rows: Vec<Vec<String>> = state
        .indicators
        .values()
        .map(|i| {
            let mut row = vec![format!("{} (#{})", i.name, i.origin.seq), indicator::target_text(i)];
            row.extend(weeks.iter().map(|w| {
                let m = indicator::mark(i, *w);
                match m {
                    indicator::WeekMark::Hit(v) => format!("✓ {}", indicator::format_milli(v)),
                    indicator::WeekMark::Miss(v) => format!("✗ {}", indicator::format_milli(v)),
                    indicator::WeekMark::Missing => "missing".into(),
                    indicator::WeekMark::Untracked => "".into(),
                }
            }));
            row.push(pct(indicator::hit_rate(i, weeks)));
            row
        })
        .collect();
    let mut worked = vec!["plan worked".to_string(), String::new()];
    worked.extend(weeks.iter().map(|w| pct(indicator::plan_worked(state, *w))));
    worked.push(String::new());
    rows.push(worked);
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    d.heading("Weeks").table(&h, rows);
    let now = in_progress::indicators(state, at);
    if !now.rows.is_empty() {
        d.text(this_week_line(&now));
    }
    let rows = state
        .contingencies
        .values()
        .map(|c| {
            let f = contingency::firing(state, c, at);
            vec![
                format!("{} (#{})", c.id, c.origin.seq),
                contingency::describe(state, &c.trigger),
                c.action.clone(),
                f.map_or("no".into(), |f| format!("since {}: {}", f.since, f.why)),
            ]
        })
        .collect();
    d.heading("Contingencies").table(&["contingency", "trigger", "agreed action", "triggered"], rows);
    d
}
