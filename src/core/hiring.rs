//! Hiring scorecard values that are stored in the ledger: the template in
//! force and each panelist's ratings.

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
