//! The hiring scorecard: the values stored in the ledger (the template in
//! force and each panelist's ratings), and the pure functions that read
//! them — the record of candidates and scores, the scoring arithmetic, the
//! debrief flags, rater agreement and the report.

pub mod builtin;
pub mod file;
pub mod flags;
pub mod icc;
pub mod record;
pub mod report;
pub mod score;
pub mod seal;

pub use record::{Candidate, Hiring, Score, Seal};

use crate::core::vocab::CompetencyKind;
use serde::{Deserialize, Serialize};

/// A structured-interview template. Recorded whole, so every score refers
/// to the exact wording that was asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub name: String,
    pub competencies: Vec<Competency>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    pub key: String,
    pub name: String,
    pub kind: CompetencyKind,
    pub questions: Vec<String>,
    pub listen_for: Vec<String>,
    pub anchors: Anchors,
    pub weight: u32,
    pub scale: Scale,
    pub must_have: bool,
}

/// Behavioural anchors at the bottom, middle and top of the scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchors {
    pub low: String,
    pub mid: String,
    pub high: String,
}

/// An inclusive integer rating range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
}

/// One competency's rating; `value: None` is `n/a` (not assessed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub key: String,
    pub value: Option<i32>,
    pub evidence: Option<String>,
}

impl Template {
    pub fn competency(&self, key: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.key == key)
    }

    /// The keys, in template order, for messages that list what is known.
    pub fn keys(&self) -> Vec<&str> {
        self.competencies.iter().map(|c| c.key.as_str()).collect()
    }

    /// The template's scale (validation keeps one scale per template).
    pub fn scale(&self) -> Scale {
        self.competencies.first().map_or(Scale::DEFAULT, |c| c.scale)
    }

    pub fn total_weight(&self) -> u32 {
        self.competencies.iter().map(|c| c.weight).sum()
    }
}

impl Scale {
    /// The 1–5 scale most structured interviews use.
    pub const DEFAULT: Scale = Scale { min: 1, max: 5 };

    pub fn contains(self, v: i32) -> bool {
        (self.min..=self.max).contains(&v)
    }

    pub fn range(self) -> i32 {
        self.max - self.min
    }

    /// The middle of the scale: 3 on 1–5; the bar a must-have must reach.
    pub fn middle(self) -> f64 {
        f64::from(self.min + self.max) / 2.0
    }

    /// The same share of the range as `points` on a 1–5 scale, so rules
    /// written for 1–5 mean the same on any scale.
    pub fn points(self, points: f64) -> f64 {
        points * f64::from(self.range()) / 4.0
    }
}

impl std::fmt::Display for Scale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", self.min, self.max)
    }
}

impl Rating {
    /// Whether this rating needs an evidence note: the lowest and highest
    /// ratings and `n/a` are the ones most easily given on impression.
    pub fn needs_evidence(&self, scale: Scale) -> bool {
        match self.value {
            None => true,
            Some(v) => v == scale.min || v == scale.max,
        }
    }

    /// The rating as typed: a number or `n/a`.
    pub fn shown(&self) -> String {
        self.value.map_or("n/a".into(), |v| v.to_string())
    }
}
