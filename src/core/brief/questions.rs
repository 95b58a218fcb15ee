//! The three questions the meeting answers, each with the facts from the
//! brief that bear on it, so the answer starts from the record.

use super::Brief;
use crate::core::decide::indicator::WeekMark;
use crate::core::decide::plan_review::ItemStatus;
use crate::core::metrics::commitments::Class;
use crate::core::money::Money;

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// `worked_plan`, `results` or `adjust`: the meeting record's field.
    pub key: &'static str,
    pub text: &'static str,
    pub facts: Vec<String>,
}

fn pct(r: f64) -> String {
    format!("{:.0}%", r * 100.0)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn three(b: &Brief) -> Vec<Question> {
    vec![
        Question { key: "worked_plan", text: "Did we work the plan?", facts: worked_plan(b) },
        Question { key: "results", text: "Did it get results?", facts: results(b) },
        Question { key: "adjust", text: "Do we adjust it — how and when?", facts: adjust(b) },
    ]
}

fn worked_plan(b: &Brief) -> Vec<String> {
    let mut facts = Vec::new();
    let ind = &b.indicators;
    match (ind.weeks.last(), ind.rows.is_empty()) {
        (_, true) => facts.push("No leading indicator is defined yet.".to_string()),
        (Some(week), false) => {
            let marks: Vec<WeekMark> = ind
                .rows
                .iter()
                .filter_map(|r| r.marks.last().copied())
                .filter(|m| *m != WeekMark::Untracked)
                .collect();
            let hits = marks.iter().filter(|m| matches!(m, WeekMark::Hit(_))).count();
            facts.push(if marks.is_empty() {
                format!("{week}: no leading indicator was tracked yet.")
            } else {
                format!("{week}: {hits} of {} leading indicators on target.", marks.len())
            });
            let now = &ind.this_week;
            facts.push(format!(
                "This week, {} (in progress): {} of {} recorded so far, {} on target.",
                now.week,
                now.recorded(),
                now.rows.len(),
                now.hit()
            ));
            let rates: Vec<String> = ind
                .rows
                .iter()
                .map(|r| format!("{} {}", r.name, r.hit_rate.map_or("—".into(), pct)))
                .collect();
            facts.push(format!("Hit rate over {} weeks: {}.", ind.weeks.len(), rates.join(", ")));
        }
        (None, false) => {}
    }
    if let Some(last) = b.answers.last() {
        facts.push(format!(
            "Last answer ({}): {}; plan worked {} of the weeks it covers.",
            last.date,
            last.answer.map_or("not answered", |x| x.as_str()),
            last.plan_worked.map_or("— (no indicator)".into(), pct),
        ));
    }
    let differs: Vec<String> = b.answers.iter().filter(|c| c.differs).map(|c| c.date.to_string()).collect();
    if !differs.is_empty() {
        facts.push(format!(
            "Answer differs from the indicators at {} of {} meetings: {}.",
            differs.len(),
            b.answers.len(),
            differs.join(", ")
        ));
    }
    let overdue: Vec<&str> =
        b.plan.due.iter().filter(|i| i.status == ItemStatus::Overdue).map(|i| i.id.as_str()).collect();
    let done = b.plan.due.iter().filter(|i| matches!(i.status, ItemStatus::Done(_))).count();
    facts.push(match overdue.len() {
        0 => format!(
            "No plan item is overdue; {} since the last meeting.",
            plural(done, "completed", "completed")
        ),
        n => format!("{} overdue: {}.", plural(n, "plan item", "plan items"), overdue.join(", ")),
    });
    let due: Vec<_> =
        b.commitments.due.iter().filter(|c| c.class != Class::Dropped && c.class != Class::Open).collect();
    let kept = due.iter().filter(|c| c.class == Class::KeptOnTime).count();
    facts.push(format!(
        "Commitments due since the last meeting or overdue: {kept} of {} kept on time.",
        due.len()
    ));
    facts
}

fn results(b: &Brief) -> Vec<String> {
    let mut facts = Vec::new();
    let r = &b.revenue;
    facts.push(match (r.goal, r.gap) {
        (Some(goal), Some(gap)) => {
            let share = if goal.0 > 0 {
                format!(" ({})", pct(r.actual_to_date.0 as f64 / goal.0 as f64))
            } else {
                String::new()
            };
            let rest = if gap.0 > 0 {
                format!("{} to go", b.money(gap))
            } else {
                format!("goal passed by {}", b.money(Money(-gap.0)))
            };
            format!(
                "Revenue to date {} of the {} goal {}{share}; {rest}.",
                b.money(r.actual_to_date),
                b.period,
                b.money(goal)
            )
        }
        _ => format!("Revenue to date {}; no goal is set for {}.", b.money(r.actual_to_date), b.period),
    });
    let t = &b.changes.terms;
    facts.push(format!(
        "Pipeline in {} went from {} to {} since {}: won {}, lost {}, new {}.",
        b.period,
        b.money(Money(t.open_start)),
        b.money(Money(t.open_end)),
        b.since,
        b.money(Money(t.won)),
        b.money(Money(t.lost)),
        b.money(Money(t.new)),
    ));
    if let Some(c) = r.coverage {
        facts.push(format!("Open pipeline covers {c:.2}× the remaining gap."));
    }
    facts
}

fn adjust(b: &Brief) -> Vec<String> {
    let mut facts = Vec::new();
    let p = &b.plan;
    facts.push(match p.run {
        None => "No minimum run is agreed for the plan.".to_string(),
        Some(run) if p.run_passed => {
            format!(
                "The agreed minimum run ({} weeks from {}) passed on {}: the plan may be judged.",
                run.weeks, run.from, run.passes_on
            )
        }
        Some(run) => format!(
            "The agreed minimum run ({} weeks from {}) passes on {}: a change before then is premature.",
            run.weeks, run.from, run.passes_on
        ),
    });
    facts.push(match b.contingencies.len() {
        0 => "No contingency is triggered.".to_string(),
        _ => {
            let list: Vec<String> =
                b.contingencies.iter().map(|c| format!("{} → {}", c.id, c.action)).collect();
            format!("Triggered, with the agreed action: {}.", list.join("; "))
        }
    });
    let premature = p.changes.iter().filter(|c| c.premature).count();
    facts.push(format!(
        "{} since the last meeting{}.",
        plural(p.changes.len(), "plan change", "plan changes"),
        if premature > 0 { format!(", {premature} of them premature") } else { String::new() }
    ));
    facts
}
