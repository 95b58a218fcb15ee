//! `candor audit commitments`: say / do per owner, every commitment classified.

use super::opt;
use crate::core::metrics::commitments::{Audit, Tally};
use crate::report::doc::{pct, Doc};
use serde_json::{json, Value};

/// § 10 rule 5 in words, shown on every timeliness audit.
pub const LATE: &str = "A fact dated more than 2 days before the day it was recorded counts at the day it was recorded, and is marked \"recorded late\".";

fn tally_json(t: &Tally) -> Value {
    json!({
        "due": t.due(),
        "kept_on_time": t.kept_on_time,
        "kept_late": t.kept_late,
        "missed": t.missed,
        "open_overdue": t.open_overdue,
        "rescheduled_before_due": t.rescheduled_before_due,
        "dropped": t.dropped,
        "open": t.open,
        "say_do": opt(t.say_do()),
    })
}

pub fn json(a: &Audit) -> Value {
    let owners: Vec<Value> = a
        .owners
        .iter()
        .map(|o| {
            let mut v = tally_json(&o.all_time);
            v["owner"] = json!(o.owner);
            v["last_13_weeks"] = tally_json(&o.last_13_weeks);
            v
        })
        .collect();
    let commitments: Vec<Value> = a
        .commitments
        .iter()
        .map(|c| {
            json!({
                "id": c.commitment.id,
                "owner": c.commitment.owner,
                "what": c.commitment.what,
                "made_on": c.commitment.made_on.to_string(),
                "due": c.commitment.due.to_string(),
                "original_due": c.commitment.original_due.to_string(),
                "class": c.class.as_str(),
                "reason": c.reason,
                "rescheduled_before_due": c.rescheduled_before_due,
                "done_after_miss": c.done_after_miss.map(|d| d.to_string()),
                "recorded_late": c.recorded_late,
                "seq": c.commitment.origin.seq,
            })
        })
        .collect();
    json!({ "as_of": a.at.to_string(), "owners": owners, "commitments": commitments })
}

pub fn doc(a: &Audit) -> Doc {
    let mut d = Doc::new(format!("Commitments kept (say / do) as of {}", a.at));
    d.text("say/do = kept on time / due, where due = kept on time + kept late + missed + open overdue. Dropped before the date and open ones are not counted.");
    d.text(LATE);
    let row = |owner: &str, t: &Tally| {
        vec![
            owner.to_string(),
            t.due().to_string(),
            t.kept_on_time.to_string(),
            t.kept_late.to_string(),
            t.missed.to_string(),
            t.open_overdue.to_string(),
            t.rescheduled_before_due.to_string(),
            t.dropped.to_string(),
            pct(t.say_do()),
        ]
    };
    let headers =
        ["owner", "due", "on time", "late", "missed", "overdue", "moved early", "dropped", "say/do"];
    d.heading("All time").table(&headers, a.owners.iter().map(|o| row(&o.owner, &o.all_time)).collect());
    d.heading("Last 13 weeks (by due date)")
        .table(&headers, a.owners.iter().map(|o| row(&o.owner, &o.last_13_weeks)).collect());
    let rows = a
        .commitments
        .iter()
        .map(|c| {
            vec![
                format!("{} (#{})", c.commitment.id, c.commitment.origin.seq),
                c.commitment.owner.clone(),
                c.commitment.what.clone(),
                c.class.as_str().to_string(),
                if c.recorded_late { format!("{} (recorded late)", c.reason) } else { c.reason.to_string() },
            ]
        })
        .collect();
    d.heading("Every commitment").table(&["commitment", "owner", "what", "class", "why"], rows);
    d
}
