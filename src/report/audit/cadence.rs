//! `candor audit cadence`: did the weekly meeting happen?

use super::commitments::LATE;
use super::{opt, records};
use crate::core::metrics::answers::AnswerCheck;
use crate::core::metrics::cadence::{Audit, Window};
use crate::report::doc::{pct, sparkline, Doc};
use serde_json::{json, Value};

/// One meeting's answer beside the indicators, as JSON.
pub fn answer_json(c: &AnswerCheck) -> Value {
    json!({
        "seq": c.seq, "date": c.date.to_string(), "worked_plan": c.answer.map(|x| x.as_str()),
        "weeks": c.weeks.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "plan_worked": opt(c.plan_worked), "differs": c.differs,
    })
}

/// "answer differs from the indicators" for each flagged meeting.
pub fn differing(answers: &[AnswerCheck]) -> Vec<String> {
    answers
        .iter()
        .filter(|c| c.differs)
        .map(|c| {
            format!(
                "Meeting of {} (#{}) answered \"{}\" to \"did we work the plan?\" while plan_worked was {} \
                 ({}–{}): answer differs from the indicators.",
                c.date,
                c.seq,
                c.answer.map_or("—", |x| x.as_str()),
                pct(c.plan_worked),
                c.weeks.first().map_or(String::new(), ToString::to_string),
                c.weeks.last().map_or(String::new(), ToString::to_string),
            )
        })
        .collect()
}

/// A window as JSON (the same keys for a complete one and the one in progress).
fn window_json(w: &Window) -> Value {
    json!({
        "first_week": w.first.to_string(), "last_week": w.last.to_string(),
        "held": !w.held.is_empty(), "held_seqs": w.held,
        "skipped": w.skipped.iter().map(|(s, r)| json!({"seq": s, "reason": r})).collect::<Vec<_>>(),
        "recorded_late": !w.recorded_late.is_empty(), "recorded_late_seqs": w.recorded_late,
    })
}

pub fn json(a: &Audit, answers: &[AnswerCheck]) -> Value {
    json!({
        "answers": answers.iter().map(answer_json).collect::<Vec<_>>(),
        "answers_differing": answers.iter().filter(|c| c.differs).count(),
        "cadence": a.cadence.as_str(),
        "weeks_counted": a.windows.len(),
        "weeks_held": a.windows.iter().filter(|w| !w.held.is_empty()).count(),
        "adherence": opt(a.adherence),
        "streak": a.streak,
        "held_meetings": a.held_meetings,
        "three_questions": opt(a.three_questions),
        "windows": a.windows.iter().map(window_json).collect::<Vec<_>>(),
        // The window still running: in no figure above (metrics.md § 5).
        "in_progress": a.in_progress.as_ref().map(|w| {
            let mut v = window_json(w);
            v["in_progress"] = json!(true);
            v["held_dates"] = json!(w.held_dates.iter().map(ToString::to_string).collect::<Vec<_>>());
            v
        }),
    })
}

pub fn doc(a: &Audit, answers: &[AnswerCheck]) -> Doc {
    let mut d = Doc::new(format!("Meeting cadence ({})", a.cadence));
    d.text(LATE);
    let held: Vec<Option<f64>> =
        a.windows.iter().map(|w| Some(if w.held.is_empty() { 0.0 } else { 1.0 })).collect();
    let adherence = if a.windows.is_empty() {
        "no complete week yet".to_string()
    } else {
        format!(
            "{} of {} ({})",
            a.windows.iter().filter(|w| !w.held.is_empty()).count(),
            a.windows.len(),
            pct(a.adherence)
        )
    };
    let mut pairs = vec![
        ("adherence".into(), adherence),
        ("streak".into(), format!("{} in a row", a.streak)),
        ("three questions answered".into(), pct(a.three_questions)),
        ("weeks".into(), sparkline(&held)),
    ];
    if let Some(w) = &a.in_progress {
        pairs.push(("this week".into(), format!("{} (in progress): {}", w.label(), w.so_far())));
    }
    d.pairs(pairs);
    let mut rows: Vec<Vec<String>> = a
        .windows
        .iter()
        .map(|w| {
            let when = w.label();
            let status = if !w.held.is_empty() {
                format!("held {}", w.held.iter().map(|s| format!("#{s}")).collect::<Vec<_>>().join(" "))
            } else if let Some((s, r)) = w.skipped.first() {
                format!("skipped #{s}: {r}")
            } else {
                "no meeting".into()
            };
            let late = records(&w.recorded_late);
            vec![
                when,
                status,
                if w.recorded_late.is_empty() { String::new() } else { format!("recorded late: {late}") },
            ]
        })
        .collect();
    if let Some(w) = &a.in_progress {
        let mut note = "not counted until it ends".to_string();
        if !w.recorded_late.is_empty() {
            note.push_str(&format!("; recorded late: {}", records(&w.recorded_late)));
        }
        rows.push(vec![format!("{} (in progress)", w.label()), w.so_far(), note]);
    }
    d.heading("Weeks").table(&["week", "meeting", "note"], rows);
    d.heading("\"Did we work the plan?\" against the indicators");
    d.text("plan_worked = share of leading indicators on target, averaged over the weeks since the previous meeting; \
            \"yes\" below 50 % or \"no\" at 100 % differs from the indicators.");
    let rows = answers
        .iter()
        .map(|c| {
            vec![
                c.date.to_string(),
                format!("#{}", c.seq),
                c.answer.map_or("—".into(), |x| x.as_str().to_string()),
                c.weeks.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
                pct(c.plan_worked),
                if c.differs { "answer differs from the indicators".into() } else { String::new() },
            ]
        })
        .collect();
    d.table(&["meeting", "record", "answer", "weeks", "plan worked", ""], rows);
    d
}
