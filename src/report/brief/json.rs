//! The brief as one JSON object: the contract keys of product.md, plus
//! `big_deals`, `coverage`, `plan`, `say_do`, `plan_worked`, `trends`,
//! `forecasts`, and after review `forecast`, `ceiling`, `overdue`, `stale`,
//! `pipeline_hygiene`, `decision_rights`, `focus`, `initiatives`,
//! `comparison` and `answers`; `meetings` with each side's acknowledgement. Money is in minor units; ratios are numbers
//! or null.

use crate::core::brief::{Brief, PeriodFigures};
use crate::core::decide::acknowledge::MeetingAcks;
use crate::core::decide::indicator::WeekMark;
use crate::core::decide::plan_review::ItemStatus;
use crate::core::metrics::commitments::Tally;
use crate::core::metrics::hygiene::Aged;
use crate::report::audit::opt;
use serde_json::{json, Value};

fn milli(v: i64) -> Value {
    json!(v as f64 / 1000.0)
}

fn tally(t: &Tally) -> Value {
    json!({
        "due": t.due(), "kept_on_time": t.kept_on_time, "kept_late": t.kept_late, "missed": t.missed,
        "open_overdue": t.open_overdue, "dropped": t.dropped, "say_do": opt(t.say_do()),
    })
}

pub fn json(b: &Brief) -> Value {
    let mut v = contract(b);
    if let (Some(out), Value::Object(more)) = (v.as_object_mut(), after_review(b)) {
        out.extend(more);
    }
    v
}

/// The keys added after review (metrics.md § 10): forecast, decision rights,
/// focus, initiatives, comparison, answers, overdue, stale, hygiene, ceiling.
fn after_review(b: &Brief) -> Value {
    json!({
        "forecast": {
            "period": b.forecast.period.to_string(),
            "leader": b.forecast.leader.map(|(seq, as_of, m)| json!({ "seq": seq, "as_of": as_of.to_string(), "amount": m.0 })),
            "leader_at_last_meeting": b.forecast.leader_at_last_meeting.map(|m| m.0),
            "leader_change": b.forecast.leader_change(),
            "agreed": b.forecast.agreed.as_ref().map(|(seq, on, m, by)| json!({ "seq": seq, "on": on.to_string(), "amount": m.0, "agreed_by": by })),
            "agreed_at_last_meeting": b.forecast.agreed_at_last_meeting.map(|m| m.0),
            "agreed_change": b.forecast.agreed_change(),
        },
        "decision_rights": b.decision_rights,
        "focus": b.focus,
        "initiatives": b.initiatives.iter().map(|i| json!({
            "id": i.id, "title": i.title, "owner": i.owner, "due": i.due.map(|d| d.to_string()), "status": i.status,
        })).collect::<Vec<_>>(),
        "comparison": {
            "period": b.comparison.period.to_string(), "previous": b.comparison.previous.to_string(),
            "this": figures(&b.comparison.this), "before": figures(&b.comparison.before),
        },
        "answers": b.answers.iter().map(crate::report::audit::cadence::answer_json).collect::<Vec<_>>(),
        "overdue": b.hygiene.overdue.iter().map(aged).collect::<Vec<_>>(),
        "stale": b.hygiene.stale.iter().map(aged).collect::<Vec<_>>(),
        "pipeline_hygiene": {
            "period": b.hygiene.period.to_string(), "share": opt(b.hygiene.share),
            "flagged_value": b.hygiene.flagged_value.0, "open_value": b.hygiene.open_value.0,
            "stale_days": b.hygiene.stale_days,
            "status": b.hygiene_threshold.map(|t| t.status(b.hygiene.share)),
        },
        "ceiling": b.ceiling.as_ref().map(|c| json!({
            "period": c.period.to_string(), "forecast": c.forecast.0, "forecast_seq": c.forecast_seq,
            "actual_to_date": c.actual_to_date.0, "open_in_period": c.open_in_period.0,
            "could_close": c.could_close.0, "deals": c.deals, "exceeds": c.exceeds,
        })),
    })
}

fn contract(b: &Brief) -> Value {
    let r = &b.revenue;
    let t = &b.changes.terms;
    json!({
        "company": b.company,
        "period": b.period.to_string(),
        "period_first_day": b.period_first.to_string(),
        "period_last_day": b.period_last.to_string(),
        "since": b.since.to_string(),
        "until": b.until.to_string(),
        "currency": b.currency,
        "last_meeting": b.last_meeting.map(|(date, seq)| {
            let acks = b.meetings.iter().find(|m| m.seq == seq).map(|m| &m.acks);
            json!({
                "date": date.to_string(), "seq": seq,
                "acknowledgements": acks.map_or(json!([]), acks_json),
                "pending": acks.map_or(json!([]), |a| json!(a.pending)),
            })
        }),
        "meetings": b.meetings.iter().map(|m| json!({
            "date": m.date.to_string(), "seq": m.seq,
            "acknowledgements": acks_json(&m.acks), "pending": m.acks.pending,
        })).collect::<Vec<_>>(),
        "revenue": {
            "goal": r.goal.map(|m| m.0), "actual_to_date": r.actual_to_date.0, "gap": r.gap.map(|m| m.0),
            "actual_records": r.actual_seqs,
        },
        "coverage": { "open_in_period": r.open_in_period.0, "ratio": opt(r.coverage) },
        "big_deals": {
            "band": b.big_deals.band,
            "deals": b.big_deals.deals.iter().map(|d| json!({
                "id": d.id, "account": d.account, "amount": d.amount.0, "close": d.close.to_string(),
                "stage": d.stage, "probability": d.probability,
                "won_on": d.won_on.map(|x| x.to_string()), "at_risk": d.at_risk,
            })).collect::<Vec<_>>(),
        },
        "changes": {
            "open_start": t.open_start, "new": t.new, "pulled_in": t.pulled_in, "pushed_out": t.pushed_out,
            "increased": t.increased, "decreased": t.decreased, "won": t.won, "lost": t.lost,
            "open_end": t.open_end, "reconciles": t.reconciled_end() == t.open_end,
            "deals": b.changed.iter().map(|c| json!({
                "id": c.id, "account": c.account, "reason": c.reason,
                "amount_start": c.amount_start.0, "amount_end": c.amount_end.0,
            })).collect::<Vec<_>>(),
        },
        "risks": b.risks.iter().map(|x| json!({
            "id": x.id, "account": x.account, "amount": x.amount.0, "close": x.close.to_string(),
            "reason": x.reason, "since": x.since.to_string(), "days_at_risk": x.days, "seq": x.seq,
            "new": x.new,
            "action": x.action.as_ref().map(|a| a.action.clone()),
            "action_owner": x.action.as_ref().map(|a| a.owner.clone()),
            "action_by": x.action.as_ref().map(|a| a.due.to_string()),
            "action_seq": x.action.as_ref().map(|a| a.seq),
        })).collect::<Vec<_>>(),
        "plan": plan(b),
        "commitments_due": b.commitments.due.iter().map(|c| json!({
            "id": c.id, "owner": c.owner, "what": c.what, "due": c.due.to_string(),
            "status": c.class.as_str(), "why": c.reason, "meeting": c.meeting,
        })).collect::<Vec<_>>(),
        "say_do": b.commitments.owners.iter().map(|o| json!({
            "owner": o.owner, "all_time": tally(&o.all_time), "last_13_weeks": tally(&o.last_13_weeks),
            "weeks": b.commitments.weekly.iter().find(|w| w.owner == o.owner).map_or_else(Vec::new, |w| {
                w.weeks.iter().map(|(week, due, kept)| json!({ "week": week.to_string(), "due": due, "kept_on_time": kept })).collect()
            }),
        })).collect::<Vec<_>>(),
        "indicators": b.indicators.rows.iter().map(|i| json!({
            "name": i.name, "target": milli(i.target_milli), "direction": i.direction.as_str(),
            "hit_rate": opt(i.hit_rate),
            "weeks": b.indicators.weeks.iter().zip(&i.marks).map(|(w, m)| json!({
                "week": w.to_string(),
                "value": match m { WeekMark::Hit(v) | WeekMark::Miss(v) => milli(*v), _ => Value::Null },
                "status": m.word(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "plan_worked": b.indicators.weeks.iter().zip(&b.indicators.plan_worked).map(|(w, v)| json!({
            "week": w.to_string(), "share": opt(*v),
        })).collect::<Vec<_>>(),
        "indicators_in_progress": crate::report::audit::indicators::this_week_json(&b.indicators.this_week),
        "contingencies_triggered": b.contingencies.iter().map(|c| json!({
            "id": c.id, "trigger": c.trigger, "action": c.action, "since": c.since.to_string(), "why": c.why,
        })).collect::<Vec<_>>(),
        "trends": trends(b),
        "issues": b.issues.iter().map(|i| json!({
            "id": i.id, "title": i.title, "raised_by": i.raised_by, "raised_on": i.raised_on.to_string(),
            "status": if i.resolved.is_some() { "resolved" } else { "open" },
            "resolved_on": i.resolved.as_ref().map(|(on, _)| on.to_string()),
            "resolution": i.resolved.as_ref().map(|(_, how)| how.clone()),
            "new": i.new,
        })).collect::<Vec<_>>(),
        "questions": b.questions.iter().map(|q| json!({ "key": q.key, "question": q.text, "facts": q.facts })).collect::<Vec<_>>(),
        "forecasts": b.forecasts.iter().map(|f| json!({
            "period": f.period.to_string(), "forecast": f.forecast.map(|m| m.0), "actual": f.actual.map(|m| m.0),
            "actual_to_date": f.to_date, "goal": f.goal.map(|m| m.0),
        })).collect::<Vec<_>>(),
    })
}

fn figures(p: &PeriodFigures) -> Value {
    json!({
        "won": p.won, "lost": p.lost, "win_rate": opt(p.win_rate),
        "average_won": opt(p.average_won), "cycle_days": opt(p.cycle_days),
    })
}

fn aged(a: &Aged) -> Value {
    json!({
        "id": a.id, "account": a.account, "amount": a.amount.0, "close": a.close.to_string(),
        "stage": a.stage, "probability": a.probability, "days_overdue": a.days_overdue,
        "days_since_record": a.days_since_record, "stale": a.stale, "seq": a.seq,
    })
}

fn plan(b: &Brief) -> Value {
    let p = &b.plan;
    json!({
        "minimum_run": p.run.map(|r| json!({
            "weeks": r.weeks, "from": r.from.to_string(), "passes_on": r.passes_on.to_string(), "passed": p.run_passed,
        })),
        "due": p.due.iter().map(|i| json!({
            "id": i.id, "kind": i.kind.as_str(), "title": i.title, "owner": i.owner,
            "due": i.due.map(|d| d.to_string()), "status": i.status.word(),
            "done_on": match i.status { ItemStatus::Done(on) => Some(on.to_string()), _ => None },
        })).collect::<Vec<_>>(),
        "options": p.options.iter().enumerate().map(|(rank, o)| json!({
            "rank": rank + 1, "id": o.id, "title": o.title, "impact": o.impact, "effort": o.effort,
        })).collect::<Vec<_>>(),
        "changes": p.changes.iter().map(|c| json!({
            "seq": c.seq, "what": c.what, "why": c.why, "effective": c.effective.to_string(),
            "requested_by": c.requested_by, "on": c.on.to_string(), "premature": c.premature,
        })).collect::<Vec<_>>(),
    })
}

fn trends(b: &Brief) -> Value {
    let t = &b.trends;
    json!({
        "weeks": t.weeks.iter().map(|w| json!({
            "week": w.week.map(|x| x.to_string()), "new_count": w.new_count, "new_value": w.new_value,
            "won_count": w.won_count, "won_value": w.won_value, "lost_count": w.lost_count, "lost_value": w.lost_value,
        })).collect::<Vec<_>>(),
        "new_count": t.totals.new_count, "new_value": t.totals.new_value,
        "win_rate_by_count": opt(t.totals.win_rate_by_count()), "win_rate_by_value": opt(t.totals.win_rate_by_value()),
        "average_won_size": opt(t.average_won_size),
        "cycle_days_mean": opt(t.cycle_days_mean), "cycle_days_median": opt(t.cycle_days_median),
        // The week holding `until`: in none of the figures above.
        "in_progress": t.in_progress.week.map(|w| json!({
            "week": w.to_string(), "in_progress": true,
            "new_count": t.in_progress.new_count, "new_value": t.in_progress.new_value,
            "won_count": t.in_progress.won_count, "won_value": t.in_progress.won_value,
            "lost_count": t.in_progress.lost_count, "lost_value": t.in_progress.lost_value,
        })),
        "mix": t.mix.iter().map(|m| json!({
            "band": m.band, "value": m.value.0, "share": opt(m.share), "target_share": opt(m.target_share),
        })).collect::<Vec<_>>(),
    })
}

/// Each side's acknowledgement of a meeting's head: who, in which record,
/// when, which digest; `for_both` marks a first-release one typed by one
/// person for both sides (unsigned).
pub fn acks_json(acks: &MeetingAcks) -> Value {
    acks.acks
        .iter()
        .map(|a| {
            json!({
                "by": a.by, "seq": a.seq, "at": a.at.to_string(),
                "acknowledged": format!("{}:{}", a.digest.0, a.digest.1), "for_both": a.shared,
            })
        })
        .collect()
}
