//! `candor plan show` and `candor plan options`: the plan as a tree, the
//! options ranked, the changes judged against the agreed minimum run.

use super::context::Context;
use super::output::emit;
use super::plan::snapshot;
use super::plan_option::{effort_word, impact_word};
use candor::core::decide::plan_review::{
    changes_per_quarter, children, current_run, premature, premature_changes, ranked_options, ItemStatus,
};
use candor::core::state::{Plan, PlanItem, State};
use candor::core::{AsOf, Date};
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

pub fn show(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let (state, today) = snapshot(ctx, as_of)?;
    let plan = &state.plan;
    let text = match ctx.format {
        Format::Json => json(&show_json(&state, today)),
        format => {
            let render = |headers: &[&str], rows: &[Vec<String>]| match format {
                Format::Md => table::markdown(headers, rows),
                _ => table::terminal(headers, rows),
            };
            let heading = |title: String| match format {
                Format::Md => format!("## {title}\n\n"),
                _ => format!("{title}\n"),
            };
            let mut out = heading(format!("Plan as of {today}"));
            let items = tree_rows(plan, today);
            out.push_str(&if items.is_empty() {
                "No goals yet: `candor plan add --kind goal`.\n".to_string()
            } else {
                render(&["item", "kind", "owner", "start", "due", "status"], &items)
            });
            out.push('\n');
            out.push_str(&heading("Options, best impact for effort first".into()));
            out.push_str(&render(&OPTION_HEADERS, &option_rows(plan)));
            out.push('\n');
            let premature_count = premature_changes(plan).len();
            out.push_str(&heading(format!("Changes: {}, {premature_count} premature", plan.changes.len())));
            out.push_str(&render(
                &["seq", "agreed", "effective", "asked by", "what", "why", "premature"],
                &change_rows(plan),
            ));
            out.push('\n');
            out.push_str(&candor::report::page::paragraph(&run_line(plan, today)));
            out
        }
    };
    emit(&text);
    Ok(())
}

pub fn options(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let (state, _) = snapshot(ctx, as_of)?;
    let text = match ctx.format {
        Format::Json => json(&json!({ "options": options_json(&state.plan) })),
        Format::Md => table::markdown(&OPTION_HEADERS, &option_rows(&state.plan)),
        _ => table::terminal(&OPTION_HEADERS, &option_rows(&state.plan)),
    };
    emit(&text);
    Ok(())
}

fn show_json(state: &State, today: Date) -> Value {
    let plan = &state.plan;
    let fiscal_start = state.info().fiscal_year_start;
    json!({
        "as_of": today.to_string(),
        "items": children(plan, None).into_iter().map(|i| item_json(plan, i, today)).collect::<Vec<_>>(),
        "options": options_json(plan),
        "changes": plan.changes.iter().map(|c| {
            let cut_short = premature(plan, c);
            json!({
                "seq": c.origin.seq, "on": c.on.to_string(), "effective": c.effective.to_string(),
                "requested_by": c.requested_by, "what": c.what, "why": c.why,
                "premature": cut_short.is_some(),
                "minimum_run_passes_on": cut_short.map(|r| r.passes_on.to_string()),
            })
        }).collect::<Vec<_>>(),
        "premature_changes": premature_changes(plan).len(),
        "changes_per_quarter": changes_per_quarter(plan, fiscal_start).into_iter().map(|(q, who, n)| {
            json!({ "quarter": q.to_string(), "requested_by": who, "changes": n })
        }).collect::<Vec<_>>(),
        "minimum_run": current_run(plan).map(|r| json!({
            "weeks": r.weeks, "from": r.from.to_string(), "passes_on": r.passes_on.to_string(),
            "passed": r.passed(today),
        })),
    })
}

fn item_json(plan: &Plan, item: &PlanItem, today: Date) -> Value {
    let status = ItemStatus::of(item, today);
    json!({
        "id": item.id, "kind": item.kind.as_str(), "title": item.title, "owner": item.owner,
        "start": item.start.map(|d| d.to_string()), "due": item.due.map(|d| d.to_string()),
        "status": status.word(), "completed_on": item.completed_on.map(|d| d.to_string()),
        "seq": item.origin.seq,
        "children": children(plan, Some(&item.id)).into_iter().map(|c| item_json(plan, c, today)).collect::<Vec<_>>(),
    })
}

/// Depth-first rows, each title indented under its parent.
fn tree_rows(plan: &Plan, today: Date) -> Vec<Vec<String>> {
    fn walk(plan: &Plan, item: &PlanItem, depth: usize, today: Date, rows: &mut Vec<Vec<String>>) {
        let indent =
            if depth == 0 { String::new() } else { format!("{}└ ", "\u{a0}\u{a0}".repeat(depth - 1)) };
        let status = match ItemStatus::of(item, today) {
            ItemStatus::Done(on) => format!("done {on}"),
            ItemStatus::Overdue => "overdue".into(),
            ItemStatus::Open => "open".into(),
        };
        let date = |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
        rows.push(vec![
            format!("{indent}{} {}", item.id, item.title),
            item.kind.to_string(),
            item.owner.clone().unwrap_or_default(),
            date(item.start),
            date(item.due),
            status,
        ]);
        for child in children(plan, Some(&item.id)) {
            walk(plan, child, depth + 1, today, rows);
        }
    }
    let mut rows = Vec::new();
    for root in children(plan, None) {
        walk(plan, root, 0, today, &mut rows);
    }
    rows
}

const OPTION_HEADERS: [&str; 7] = ["rank", "id", "option", "impact", "effort", "impact/effort", "adopted"];

fn options_json(plan: &Plan) -> Vec<Value> {
    ranked_options(plan)
        .iter()
        .enumerate()
        .map(|(rank, o)| {
            json!({
                "rank": rank + 1, "id": o.id, "title": o.title, "impact": o.impact, "effort": o.effort,
                "value": f64::from(o.impact) / f64::from(o.effort), "note": o.note,
                "proposed_on": o.proposed_on.to_string(), "adopted_on": o.adopted_on.map(|d| d.to_string()),
            })
        })
        .collect()
}

fn option_rows(plan: &Plan) -> Vec<Vec<String>> {
    ranked_options(plan)
        .iter()
        .enumerate()
        .map(|(rank, o)| {
            vec![
                (rank + 1).to_string(),
                o.id.clone(),
                o.title.clone(),
                format!("{} {}", o.impact, impact_word(o.impact)),
                format!("{} {}", o.effort, effort_word(o.effort)),
                format!("{:.2}", f64::from(o.impact) / f64::from(o.effort)),
                o.adopted_on.map_or(String::new(), |d| d.to_string()),
            ]
        })
        .collect()
}

fn change_rows(plan: &Plan) -> Vec<Vec<String>> {
    plan.changes
        .iter()
        .map(|c| {
            let judged =
                premature(plan, c).map_or("no".into(), |r| format!("yes (run passes {})", r.passes_on));
            vec![
                c.origin.seq.to_string(),
                c.on.to_string(),
                c.effective.to_string(),
                c.requested_by.clone(),
                c.what.clone(),
                c.why.clone(),
                judged,
            ]
        })
        .collect()
}

fn run_line(plan: &Plan, today: Date) -> String {
    match current_run(plan) {
        None => "Minimum run: none agreed (`candor plan min-run --weeks N`).\n".into(),
        Some(r) => {
            let state = if r.passed(today) { "passed" } else { "not passed yet" };
            format!(
                "Minimum run: {} weeks from {}, passes on {} — {state} as of {today}.\n",
                r.weeks, r.from, r.passes_on
            )
        }
    }
}
