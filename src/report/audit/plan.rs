//! `candor audit plan`: plan stability — be patient enough to let it work.

use crate::core::decide::plan_review;
use crate::core::state::State;
use crate::core::time::Date;
use crate::report::doc::Doc;
use serde_json::{json, Value};

pub fn json(state: &State, at: Date) -> Value {
    let plan = &state.plan;
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    json!({
        "changes": plan.changes.iter().map(|c| json!({
            "seq": c.origin.seq, "on": c.on.to_string(), "effective": c.effective.to_string(),
            "requested_by": c.requested_by, "what": c.what, "why": c.why,
            "premature": plan_review::premature(plan, c).is_some(),
        })).collect::<Vec<_>>(),
        "premature_changes": plan_review::premature_changes(plan).len(),
        "changes_per_quarter": plan_review::changes_per_quarter(plan, fs).iter().map(|(q, who, n)| json!({
            "quarter": q.to_string(), "requested_by": who, "changes": n,
        })).collect::<Vec<_>>(),
        "minimum_run": plan_review::current_run(plan).map(|r| json!({
            "weeks": r.weeks, "from": r.from.to_string(), "passes_on": r.passes_on.to_string(), "passed": r.passed(at),
        })),
    })
}

pub fn doc(state: &State, at: Date) -> Doc {
    let plan = &state.plan;
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let mut d = Doc::new("Plan stability");
    d.text("A change is premature when it is made before the agreed minimum run time has passed. Every change carries its reason.");
    let run = plan_review::current_run(plan);
    d.pairs(vec![
        ("changes".into(), plan.changes.len().to_string()),
        ("premature".into(), plan_review::premature_changes(plan).len().to_string()),
        (
            "minimum run".into(),
            run.map_or("not agreed".into(), |r| {
                format!(
                    "{} weeks from {} — {}",
                    r.weeks,
                    r.from,
                    if r.passed(at) { "passed" } else { "still running" }
                )
            }),
        ),
    ]);
    let rows = plan_review::changes_per_quarter(plan, fs)
        .into_iter()
        .map(|(q, who, n)| vec![q.to_string(), who, n.to_string()])
        .collect();
    d.heading("Changes per quarter").table(&["quarter", "asked by", "changes"], rows);
    let rows = plan
        .changes
        .iter()
        .map(|c| {
            vec![
                format!("#{}", c.origin.seq),
                c.on.to_string(),
                c.requested_by.clone(),
                c.what.clone(),
                c.why.clone(),
                if plan_review::premature(plan, c).is_some() { "premature".into() } else { String::new() },
            ]
        })
        .collect();
    d.heading("Every change").table(&["record", "made", "asked by", "what", "why", ""], rows);
    d
}
