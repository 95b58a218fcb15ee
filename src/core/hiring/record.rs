//! The hiring record: templates, candidates, the panel, every score and
//! seal, debriefs and decisions — folded from the hiring events in order.

use super::score::{self, Ranked};
use super::{Rating, Template};
use crate::core::event::Event;
use crate::core::hash::Hash32;
use crate::core::state::{Origin, State};
use crate::core::vocab::{HireDecision, Recommendation};

/// A recorded template version.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub version: u32,
    pub template: Template,
    pub seq: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub seq: u64,
    /// The record that opened the debrief.
    pub debrief: Option<u64>,
    pub decision: Option<Decision>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub decision: HireDecision,
    pub reason: String,
    pub seq: u64,
    /// Why the decision departs from the ranking at the time, if it does.
    pub departs: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Panelist {
    pub name: String,
    pub seq: u64,
}

/// A score as submitted, amended, or revealed from a seal.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub candidate: String,
    pub panelist: String,
    pub template_version: u32,
    pub ratings: Vec<Rating>,
    pub recommend: Recommendation,
    pub seq: u64,
    pub amends: Option<u64>,
    pub reason: Option<String>,
    /// For a revealed score: the record of its seal, when the judgement was fixed.
    pub sealed: Option<u64>,
    /// For a revealed score: its salt, ratings and recommendation open the
    /// seal's commitment (checked again on every fold, not taken on trust).
    pub verified: bool,
    /// Judged after the candidate's debrief opened (for a revealed score,
    /// the seal is what counts: its hash fixed the judgement earlier).
    pub after_debrief: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Seal {
    pub candidate: String,
    pub panelist: String,
    pub template_version: u32,
    pub commitment: Hash32,
    pub seq: u64,
    pub revealed: Option<u64>,
    pub after_debrief: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hiring {
    pub templates: Vec<Version>,
    /// In the order they were added.
    pub candidates: Vec<Candidate>,
    pub panel: Vec<Panelist>,
    /// Every score in record order, amended ones included.
    pub scores: Vec<Score>,
    pub seals: Vec<Seal>,
}

impl Hiring {
    pub fn of(state: &State) -> Hiring {
        Hiring::fold(&state.hiring_events)
    }

    pub fn fold(events: &[(Origin, Event)]) -> Hiring {
        let mut h = Hiring::default();
        for (origin, event) in events {
            h.apply(origin.seq, event);
        }
        h
    }

    fn apply(&mut self, seq: u64, event: &Event) {
        match event {
            Event::HireTemplateLoaded { version, template } => {
                self.templates.push(Version { version: *version, template: template.clone(), seq })
            }
            Event::CandidateAdded { id, name } => self.candidates.push(Candidate {
                id: id.clone(),
                name: name.clone(),
                seq,
                debrief: None,
                decision: None,
            }),
            Event::PanelistAdded { name } => self.panel.push(Panelist { name: name.clone(), seq }),
            Event::ScoreSubmitted {
                candidate,
                panelist,
                template_version,
                ratings,
                recommend,
                amends,
                reason,
            } => {
                let after_debrief = self.debrief_of(candidate).is_some();
                self.scores.push(Score {
                    candidate: candidate.clone(),
                    panelist: panelist.clone(),
                    template_version: *template_version,
                    ratings: ratings.clone(),
                    recommend: *recommend,
                    seq,
                    amends: *amends,
                    reason: reason.clone(),
                    sealed: None,
                    verified: false,
                    after_debrief,
                });
            }
            Event::ScoreSealed { candidate, panelist, template_version, commitment } => {
                let after_debrief = self.debrief_of(candidate).is_some();
                self.seals.push(Seal {
                    candidate: candidate.clone(),
                    panelist: panelist.clone(),
                    template_version: *template_version,
                    commitment: *commitment,
                    seq,
                    revealed: None,
                    after_debrief,
                });
            }
            Event::ScoreRevealed { candidate, panelist, template_version, ratings, recommend, salt } => {
                let seal =
                    self.seals.iter_mut().rev().find(|s| {
                        &s.candidate == candidate && &s.panelist == panelist && s.revealed.is_none()
                    });
                let (sealed, verified, after_debrief) = match seal {
                    Some(s) => {
                        s.revealed = Some(seq);
                        let opens = super::seal::opens(&s.commitment, salt, ratings, *recommend);
                        (Some(s.seq), opens, s.after_debrief)
                    }
                    None => (None, false, self.debrief_of(candidate).is_some()),
                };
                self.scores.push(Score {
                    candidate: candidate.clone(),
                    panelist: panelist.clone(),
                    template_version: *template_version,
                    ratings: ratings.clone(),
                    recommend: *recommend,
                    seq,
                    amends: None,
                    reason: None,
                    sealed,
                    verified,
                    after_debrief,
                });
            }
            Event::DebriefOpened { candidate } => {
                if let Some(c) = self.candidates.iter_mut().find(|c| &c.id == candidate) {
                    c.debrief = Some(seq);
                }
            }
            Event::HireDecided { candidate, decision, reason } => {
                let departs = self.departure(candidate, *decision);
                if let Some(c) = self.candidates.iter_mut().find(|c| &c.id == candidate) {
                    c.decision = Some(Decision { decision: *decision, reason: reason.clone(), seq, departs });
                }
            }
            _ => {}
        }
    }

    fn debrief_of(&self, candidate: &str) -> Option<u64> {
        self.candidate(candidate).and_then(|c| c.debrief)
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    /// The panelist of that name (case does not matter), as recorded.
    pub fn panelist(&self, name: &str) -> Option<&Panelist> {
        let name = name.trim();
        self.panel.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The template in force: the last version recorded.
    pub fn current(&self) -> Option<&Version> {
        self.templates.last()
    }

    pub fn version(&self, version: u32) -> Option<&Version> {
        self.templates.iter().find(|v| v.version == version)
    }

    /// The version a candidate is scored on: the one their first score or
    /// seal used (so all their scores compare), else the one in force.
    pub fn version_for(&self, candidate: &str) -> Option<&Version> {
        let first_score =
            self.scores.iter().find(|s| s.candidate == candidate).map(|s| (s.seq, s.template_version));
        let first_seal =
            self.seals.iter().find(|s| s.candidate == candidate).map(|s| (s.seq, s.template_version));
        match [first_score, first_seal].into_iter().flatten().min() {
            Some((_, v)) => self.version(v),
            None => self.current(),
        }
    }

    /// Each panelist's latest score for the candidate, in panel order.
    pub fn current_scores(&self, candidate: &str) -> Vec<&Score> {
        let mut latest: Vec<&Score> = Vec::new();
        for s in self.scores.iter().filter(|s| s.candidate == candidate) {
            match latest.iter_mut().find(|l| l.panelist == s.panelist) {
                Some(l) => *l = s,
                None => latest.push(s),
            }
        }
        let order = |name: &str| self.panel.iter().position(|p| p.name == name).unwrap_or(usize::MAX);
        latest.sort_by_key(|s| (order(&s.panelist), s.seq));
        latest
    }

    /// Every score (the amended ones too) by one panelist for a candidate.
    pub fn history(&self, candidate: &str, panelist: &str) -> Vec<&Score> {
        self.scores.iter().filter(|s| s.candidate == candidate && s.panelist == panelist).collect()
    }

    /// The panelist's seal for the candidate that is not revealed yet.
    pub fn open_seal(&self, candidate: &str, panelist: &str) -> Option<&Seal> {
        self.seals.iter().find(|s| s.candidate == candidate && s.panelist == panelist && s.revealed.is_none())
    }

    /// The ranking used to judge a decision: every candidate with a score,
    /// except those already turned down (they can no longer be hired).
    pub fn ranking(&self) -> Vec<Ranked> {
        let entries: Vec<(String, score::Aggregate)> = self
            .candidates
            .iter()
            .filter(|c| !matches!(&c.decision, Some(d) if d.decision == HireDecision::NoHire))
            .filter_map(|c| {
                let version = self.version_for(&c.id)?;
                let scores = self.current_scores(&c.id);
                (!scores.is_empty()).then(|| (c.id.clone(), score::aggregate(&version.template, &scores)))
            })
            .collect();
        score::rank(&entries)
    }

    /// Why deciding `decision` on `candidate` departs from the ranking.
    pub fn departure(&self, candidate: &str, decision: HireDecision) -> Option<String> {
        let ranking = self.ranking();
        let rank = ranking.iter().find(|r| r.id == candidate).and_then(|r| r.rank)?;
        let first: Vec<&str> = ranking.iter().filter(|r| r.rank == Some(1)).map(|r| r.id.as_str()).collect();
        match decision {
            HireDecision::Hire if rank > 1 => Some(format!(
                "hires {candidate}, ranked {rank} of {}; first: {}",
                ranking.len(),
                first.join(", ")
            )),
            HireDecision::NoHire if rank == 1 => {
                Some(format!("turns down {candidate}, ranked first of {}", ranking.len()))
            }
            _ => None,
        }
    }
}
