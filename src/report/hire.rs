//! `candor hire report`: the scorecard as JSON (the contract keys) and as a
//! document. Blind candidates show who has submitted and nothing else.

use crate::core::hiring::icc::Icc;
use crate::core::hiring::record::Decision;
use crate::core::hiring::report::{Agreement, CandidateView, Opened, Report, Status};
use crate::core::hiring::score::CompetencyStat;
use crate::core::time::Date;
use crate::core::vocab::Recommendation;
use crate::report::doc::{pct, Doc};
use serde_json::{json, Map, Value};

/// Rounded to 4 places: the inputs are small integers, more is noise.
fn num(v: Option<f64>) -> Value {
    v.map_or(Value::Null, |x| json!((x * 10_000.0).round() / 10_000.0))
}

fn two(v: Option<f64>) -> String {
    v.map_or("—".into(), |x| format!("{x:.2}"))
}

fn decision_json(d: &Decision) -> Value {
    json!({"decision": d.decision.as_str(), "reason": d.reason, "seq": d.seq, "departs_from_ranking": d.departs})
}

fn competency_json(c: &CompetencyStat) -> Value {
    json!({
        "key": c.key, "name": c.name, "kind": c.kind.as_str(), "weight": c.weight, "must_have": c.must_have,
        "mean": num(c.mean), "count": c.count(), "not_assessed": c.not_assessed,
        "min": c.min, "max": c.max, "spread": c.spread,
    })
}

fn recommendations(o: &Opened) -> Value {
    let counts: Map<String, Value> =
        Recommendation::ALL.iter().map(|r| (r.as_str().to_string(), json!(o.aggregate.count(*r)))).collect();
    Value::Object(counts)
}

fn candidate_json(c: &CandidateView) -> Value {
    let panelists: Vec<Value> = c
        .panelists
        .iter()
        .map(|p| {
            let mut v = json!({
                "name": p.name, "status": p.status.as_str(), "seq": p.seq,
                "amends": p.earlier, "reason": p.reason,
            });
            if let Some(d) = &p.detail {
                v["score"] = num(d.score);
                v["recommend"] = json!(d.recommend.as_str());
                v["template_version"] = json!(d.template_version);
                v["sealed_seq"] = json!(d.sealed);
                v["verified_against_seal"] = json!(d.sealed.map(|_| d.verified));
                v["after_debrief"] = json!(d.after_debrief);
                v["possible_halo"] = json!(d.halo);
                v["ratings"] = d
                    .ratings
                    .iter()
                    .map(|r| json!({"key": r.key, "rating": r.value, "evidence": r.evidence}))
                    .collect();
            }
            v
        })
        .collect();
    let open = c.open.as_ref();
    json!({
        "candidate": c.id,
        "name": c.name,
        "debrief_open": !c.blind(),
        "debrief_seq": c.debrief,
        "template_version": c.template_version,
        "score": num(open.and_then(|o| o.aggregate.score)),
        "rank": c.rank,
        "coverage": num(open.map(|o| o.aggregate.coverage)),
        "spread": num(open.and_then(|o| o.aggregate.spread)),
        "submitted": c.named(Status::Submitted),
        "sealed": c.named(Status::Sealed),
        "missing": c.named(Status::Missing),
        "panelists": panelists,
        "flags": c.flags,
        "competencies": open.map_or(Vec::new(), |o| o.aggregate.competencies.iter().map(competency_json).collect()),
        "recommendations": open.map_or(Value::Null, recommendations),
        "decision": c.decision.as_ref().map(decision_json),
    })
}

fn icc_json(icc: Option<Icc>) -> (Value, Value) {
    (num(icc.map(|i| i.single)), num(icc.map(|i| i.average)))
}

fn agreement_json(a: &Agreement) -> Value {
    let (single, average) = icc_json(a.overall);
    json!({
        "icc2_1": single,
        "icc2_k": average,
        "k": a.panelists.len(),
        "candidates": a.candidates,
        "panelists": a.panelists,
        "competencies": a.competencies.iter().map(|c| {
            let (single, average) = icc_json(c.icc);
            json!({"key": c.key, "icc2_1": single, "icc2_k": average, "k": c.panelists})
        }).collect::<Vec<_>>(),
    })
}

/// `only`: the one candidate asked for (the agreement still covers all).
pub fn json(r: &Report, at: Date, only: Option<&str>) -> Value {
    json!({
        "as_of": at.to_string(),
        "template_version": r.template_version,
        "panel": r.panel,
        "candidates": shown(r, only).map(candidate_json).collect::<Vec<_>>(),
        "agreement": agreement_json(&r.agreement),
    })
}

fn shown<'a>(r: &'a Report, only: Option<&'a str>) -> impl Iterator<Item = &'a CandidateView> {
    r.candidates.iter().filter(move |c| only.is_none_or(|id| c.id == id))
}

fn panel_line(c: &CandidateView) -> String {
    let total = c.panelists.len();
    let submitted = c.named(Status::Submitted).len();
    let sealed = c.named(Status::Sealed).len();
    let mut s = format!("{submitted} of {total} submitted");
    if sealed > 0 {
        s.push_str(&format!(", {sealed} sealed"));
    }
    s
}

fn decision_text(d: &Option<Decision>) -> String {
    d.as_ref().map_or("—".into(), |d| format!("{} (#{})", d.decision, d.seq))
}

fn flags_text(flags: &[String]) -> String {
    if flags.is_empty() {
        "—".into()
    } else {
        flags.join(", ")
    }
}

pub fn doc(r: &Report, at: Date, company: &str, only: Option<&str>) -> Doc {
    let mut d = Doc::new(format!("Hiring scorecard — {company}, as of {at}"));
    d.text(format!(
        "Template in force: {}. A candidate's scores stay blind until their debrief opens (`candor hire debrief`); until then only who has submitted is shown.",
        r.template_version.map_or("none recorded yet (the built-in one is recorded with the first candidate)".into(), |v| format!("v{v}"))
    ));
    let rows = shown(r, only)
        .map(|c| {
            let score = match &c.open {
                Some(o) => two(o.aggregate.score),
                None => "blind until the debrief".into(),
            };
            vec![
                c.rank.map_or("—".into(), |n| n.to_string()),
                c.id.clone(),
                c.name.clone(),
                score,
                c.open.as_ref().map_or("—".into(), |o| pct(Some(o.aggregate.coverage))),
                panel_line(c),
                flags_text(&c.flags),
                decision_text(&c.decision),
            ]
        })
        .collect();
    d.heading("Candidates")
        .table(&["rank", "candidate", "name", "score", "coverage", "panel", "flags", "decision"], rows);
    for c in shown(r, only) {
        match &c.open {
            Some(o) => opened(&mut d, c, o),
            None => blind(&mut d, c),
        }
    }
    agreement_doc(&mut d, &r.agreement);
    d
}

fn status_rows(c: &CandidateView) -> Vec<Vec<String>> {
    c.panelists
        .iter()
        .map(|p| {
            vec![p.name.clone(), p.status.as_str().into(), p.seq.map_or("—".into(), |s| format!("#{s}"))]
        })
        .collect()
}

fn blind(d: &mut Doc, c: &CandidateView) {
    d.heading(format!("{} — {} (blind until the debrief)", c.id, c.name));
    if let Some(dec) = &c.decision {
        d.text(decision_line(dec));
    }
    d.table(&["panelist", "status", "record"], status_rows(c));
}

fn decision_line(dec: &Decision) -> String {
    let mut s = format!("Decision #{}: {} — {}", dec.seq, dec.decision, dec.reason);
    if let Some(why) = &dec.departs {
        s.push_str(&format!(" (departs from the ranking: {why})"));
    }
    s
}

fn opened(d: &mut Doc, c: &CandidateView, o: &Opened) {
    let a = &o.aggregate;
    d.heading(format!("{} — {}", c.id, c.name));
    let recs: Vec<String> = Recommendation::ALL
        .iter()
        .filter(|r| a.count(**r) > 0)
        .map(|r| format!("{} {}", a.count(*r), r.as_str()))
        .collect();
    d.pairs(vec![
        ("score".into(), two(a.score)),
        ("rank".into(), c.rank.map_or("—".into(), |n| n.to_string())),
        ("coverage".into(), pct(Some(a.coverage))),
        ("spread between panelists".into(), two(a.spread)),
        ("recommendations".into(), if recs.is_empty() { "—".into() } else { recs.join(", ") }),
        ("template".into(), c.template_version.map_or("—".into(), |v| format!("v{v}"))),
        ("debrief opened".into(), c.debrief.map_or("—".into(), |s| format!("#{s}"))),
        ("flags".into(), flags_text(&c.flags)),
    ]);
    if let Some(dec) = &c.decision {
        d.text(decision_line(dec));
    }
    let scored: Vec<_> = c.panelists.iter().filter(|p| p.detail.is_some()).collect();
    let mut headers: Vec<String> = ["competency", "kind", "weight", "mean (n)", "min–max", "spread"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.extend(scored.iter().map(|p| p.name.clone()));
    let rows = a
        .competencies
        .iter()
        .map(|s| {
            let mut row = vec![
                if s.must_have { format!("{} (must-have)", s.key) } else { s.key.clone() },
                s.kind.as_str().into(),
                s.weight.to_string(),
                s.mean.map_or(format!("— ({})", s.count()), |m| format!("{m:.2} ({})", s.count())),
                s.min.zip(s.max).map_or("—".into(), |(lo, hi)| format!("{lo}–{hi}")),
                s.spread.map_or("—".into(), |x| x.to_string()),
            ];
            for p in &scored {
                let rating = p.detail.as_ref().and_then(|dt| dt.ratings.iter().find(|r| r.key == s.key));
                row.push(rating.map_or("—".into(), |r| r.shown()));
            }
            row
        })
        .collect();
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    d.text("Ratings (n/a is left out of every mean):").table(&h, rows);
    let rows = c
        .panelists
        .iter()
        .map(|p| {
            let Some(dt) = &p.detail else {
                let mark = match p.status {
                    Status::Sealed => "sealed, not revealed yet",
                    _ => "not submitted",
                };
                let record = p.seq.map_or("—".into(), |s| format!("#{s}"));
                return vec![p.name.clone(), "—".into(), "—".into(), record, mark.into()];
            };
            let mut marks = Vec::new();
            if !p.earlier.is_empty() {
                let seqs: Vec<String> = p.earlier.iter().map(|s| format!("#{s}")).collect();
                marks.push(format!("amends {}: {}", seqs.join(" "), p.reason.clone().unwrap_or_default()));
            }
            if let Some(s) = dt.sealed {
                marks.push(match dt.verified {
                    true => format!("verified against seal #{s}"),
                    false => format!("DOES NOT OPEN seal #{s}"),
                });
            }
            if dt.after_debrief {
                marks.push("after-debrief".into());
            }
            if dt.halo {
                marks.push("possible halo".into());
            }
            vec![
                p.name.clone(),
                two(dt.score),
                dt.recommend.as_str().into(),
                p.seq.map_or("—".into(), |s| format!("#{s} (v{})", dt.template_version)),
                if marks.is_empty() { "—".into() } else { marks.join("; ") },
            ]
        })
        .collect();
    d.text("Panelists:").table(&["panelist", "weighted score", "recommends", "record", "marks"], rows);
    let rows = scored
        .iter()
        .flat_map(|p| {
            p.detail.iter().flat_map(|dt| &dt.ratings).filter_map(|r| {
                r.evidence.as_ref().map(|e| vec![r.key.clone(), p.name.clone(), r.shown(), e.clone()])
            })
        })
        .collect();
    d.text("Evidence:").table(&["competency", "panelist", "rating", "evidence"], rows);
}

fn agreement_doc(d: &mut Doc, a: &Agreement) {
    d.heading("Agreement between raters (ICC, Shrout & Fleiss 1979, case 2)");
    let show = |icc: Option<Icc>| {
        icc.map_or(("—".to_string(), "—".to_string()), |i| {
            (format!("{:.2}", i.single), format!("{:.2}", i.average))
        })
    };
    let (single, average) = show(a.overall);
    d.pairs(vec![
        ("ICC(2,1) one rater".into(), single),
        (format!("ICC(2,k) the panel's mean, k = {}", a.panelists.len()), average),
        (
            "candidates (debrief open)".into(),
            if a.candidates.is_empty() { "—".into() } else { a.candidates.join(", ") },
        ),
        (
            "panelists who rated them all".into(),
            if a.panelists.is_empty() { "—".into() } else { a.panelists.join(", ") },
        ),
    ]);
    if a.overall.is_none() {
        d.text("Undefined until at least 2 candidates with an open debrief were each scored by the same 2 or more panelists, with some variation.");
    }
    let rows = a
        .competencies
        .iter()
        .map(|c| {
            let (s, k) = show(c.icc);
            vec![c.key.clone(), s, k, c.panelists.to_string()]
        })
        .collect();
    d.table(&["competency", "ICC(2,1)", "ICC(2,k)", "k"], rows);
}
