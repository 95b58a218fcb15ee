//! The hiring report: every candidate, blind until their debrief opens.
//!
//! Before a candidate's debrief, their entry says only who has submitted
//! and who has sealed — no rating, mean, score, rank, recommendation,
//! evidence or flag derived from them — so no panelist reads another's
//! judgement before forming their own.

use super::flags::{self, Inputs};
use super::icc::{icc2, Icc};
use super::record::{Candidate, Decision, Hiring};
use super::score::{self, Aggregate};
use super::{Rating, Score, Template};
use crate::core::vocab::Recommendation;

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The template version in force (None until one is recorded).
    pub template_version: Option<u32>,
    pub panel: Vec<String>,
    /// In the order the candidates were added.
    pub candidates: Vec<CandidateView>,
    pub agreement: Agreement,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CandidateView {
    pub id: String,
    pub name: String,
    /// The record that opened the debrief; None while the scores are blind.
    pub debrief: Option<u64>,
    pub decision: Option<Decision>,
    pub template_version: Option<u32>,
    pub panelists: Vec<PanelistView>,
    pub flags: Vec<String>,
    /// Among the candidates whose debrief is open.
    pub rank: Option<usize>,
    /// The scores, once the debrief is open.
    pub open: Option<Opened>,
}

impl CandidateView {
    pub fn blind(&self) -> bool {
        self.debrief.is_none()
    }

    pub fn named(&self, status: Status) -> Vec<&str> {
        self.panelists.iter().filter(|p| p.status == status).map(|p| p.name.as_str()).collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub template: Template,
    pub aggregate: Aggregate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A score is recorded (submitted, or revealed from a seal).
    Submitted,
    /// Only a seal is recorded: the judgement is fixed but not yet shown.
    Sealed,
    /// On the panel, nothing recorded for this candidate.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Sealed => "sealed",
            Status::Missing => "missing",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PanelistView {
    pub name: String,
    pub status: Status,
    /// The current score's record, or the seal's.
    pub seq: Option<u64>,
    /// Earlier scores this one amends, oldest first.
    pub earlier: Vec<u64>,
    pub reason: Option<String>,
    /// The score itself, once the debrief is open.
    pub detail: Option<Detail>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub score: Option<f64>,
    pub recommend: Recommendation,
    pub template_version: u32,
    pub ratings: Vec<Rating>,
    pub sealed: Option<u64>,
    /// A revealed score opens its seal's commitment.
    pub verified: bool,
    pub after_debrief: bool,
    pub halo: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agreement {
    /// On the panelists' weighted scores.
    pub overall: Option<Icc>,
    /// The candidates (debrief open) and panelists (who rated all of them).
    pub candidates: Vec<String>,
    pub panelists: Vec<String>,
    pub competencies: Vec<CompetencyAgreement>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompetencyAgreement {
    pub key: String,
    pub icc: Option<Icc>,
    pub panelists: usize,
}

/// The report as of the hiring record given.
pub fn report(h: &Hiring) -> Report {
    let mut candidates: Vec<CandidateView> = h.candidates.iter().map(|c| view(h, c)).collect();
    let opened: Vec<(String, Aggregate)> = candidates
        .iter()
        .filter_map(|c| c.open.as_ref().map(|o| (c.id.clone(), o.aggregate.clone())))
        .filter(|(_, a)| !a.panelists.is_empty())
        .collect();
    for ranked in score::rank(&opened) {
        if let Some(c) = candidates.iter_mut().find(|c| c.id == ranked.id) {
            c.rank = ranked.rank;
        }
    }
    let agreement = agreement(h, &candidates);
    Report {
        template_version: h.current().map(|v| v.version),
        panel: h.panel.iter().map(|p| p.name.clone()).collect(),
        candidates,
        agreement,
    }
}

fn view(h: &Hiring, c: &Candidate) -> CandidateView {
    let id = c.id.as_str();
    let version = h.version_for(id);
    let scores = h.current_scores(id);
    let blind = c.debrief.is_none();
    let mut names: Vec<String> = h.panel.iter().map(|p| p.name.clone()).collect();
    for s in &scores {
        if !names.contains(&s.panelist) {
            names.push(s.panelist.clone());
        }
    }
    let template = version.map(|v| &v.template);
    let panelists: Vec<PanelistView> =
        names.iter().map(|n| panelist(h, id, n, &scores, template.filter(|_| !blind))).collect();
    let missing = panelists.iter().filter(|p| p.status != Status::Submitted).count();
    let departs = c.decision.as_ref().is_some_and(|d| d.departs.is_some());
    let open = match (blind, version) {
        (false, Some(v)) => {
            Some(Opened { template: v.template.clone(), aggregate: score::aggregate(&v.template, &scores) })
        }
        _ => None,
    };
    let flags = match &open {
        Some(o) => flags::flags(&Inputs {
            template: &o.template,
            aggregate: &o.aggregate,
            scores: &scores,
            after_debrief: h.scores.iter().any(|s| s.candidate == id && s.after_debrief),
            missing,
            departs,
        }),
        // Blind: only flags that say nothing about any rating.
        None => {
            let mut f = Vec::new();
            if missing > 0 {
                f.push("incomplete".to_string());
            }
            if departs {
                f.push("departs-from-ranking".to_string());
            }
            f
        }
    };
    CandidateView {
        id: c.id.clone(),
        name: c.name.clone(),
        debrief: c.debrief,
        decision: c.decision.clone(),
        template_version: version.map(|v| v.version),
        panelists,
        flags,
        rank: None,
        open,
    }
}

fn panelist(h: &Hiring, id: &str, name: &str, scores: &[&Score], open: Option<&Template>) -> PanelistView {
    let current = scores.iter().find(|s| s.panelist == name);
    let seal = h.open_seal(id, name);
    let status = match (current, seal) {
        (Some(_), _) => Status::Submitted,
        (None, Some(_)) => Status::Sealed,
        (None, None) => Status::Missing,
    };
    let earlier: Vec<u64> = match current {
        Some(s) => h.history(id, name).iter().map(|x| x.seq).filter(|q| *q < s.seq).collect(),
        None => Vec::new(),
    };
    let detail = match (current, open) {
        (Some(s), Some(t)) => Some(Detail {
            score: score::weighted(t, &s.ratings),
            recommend: s.recommend,
            template_version: s.template_version,
            ratings: s.ratings.clone(),
            sealed: s.sealed,
            verified: s.verified,
            after_debrief: s.after_debrief,
            halo: flags::halo(s),
        }),
        _ => None,
    };
    PanelistView {
        name: name.to_string(),
        status,
        seq: current.map(|s| s.seq).or(seal.map(|s| s.seq)),
        earlier,
        // An amendment's reason may say what changed: blind until the debrief too.
        reason: current.filter(|_| open.is_some()).and_then(|s| s.reason.clone()),
        detail,
    }
}

/// ICC over the candidates whose debrief is open, with the panelists who
/// rated every one of them.
fn agreement(h: &Hiring, candidates: &[CandidateView]) -> Agreement {
    let open: Vec<&CandidateView> = candidates.iter().filter(|c| c.open.is_some()).collect();
    let rated_all = |has: &dyn Fn(&CandidateView, &str) -> Option<f64>| -> (Vec<String>, Vec<Vec<f64>>) {
        let names: Vec<String> = h
            .panel
            .iter()
            .map(|p| p.name.clone())
            .filter(|n| !open.is_empty() && open.iter().all(|c| has(c, n).is_some()))
            .collect();
        let rows = open.iter().map(|c| names.iter().filter_map(|n| has(c, n)).collect()).collect();
        (names, rows)
    };
    let weighted = |c: &CandidateView, n: &str| -> Option<f64> {
        c.panelists.iter().find(|p| p.name == n).and_then(|p| p.detail.as_ref()).and_then(|d| d.score)
    };
    let (panelists, rows) = rated_all(&weighted);
    let mut keys: Vec<String> = Vec::new();
    for c in &open {
        for comp in c.open.iter().flat_map(|o| &o.template.competencies) {
            if !keys.contains(&comp.key) {
                keys.push(comp.key.clone());
            }
        }
    }
    let competencies = keys
        .into_iter()
        .map(|key| {
            let rating = |c: &CandidateView, n: &str| -> Option<f64> {
                let d = c.panelists.iter().find(|p| p.name == n)?.detail.as_ref()?;
                d.ratings.iter().find(|r| r.key == key)?.value.map(f64::from)
            };
            let (names, rows) = rated_all(&rating);
            CompetencyAgreement { icc: icc2(&rows), panelists: names.len(), key }
        })
        .collect();
    Agreement {
        overall: icc2(&rows),
        candidates: open.iter().map(|c| c.id.clone()).collect(),
        panelists,
        competencies,
    }
}
