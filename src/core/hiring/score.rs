//! The scoring arithmetic: competency means over the ratings given (`n/a`
//! is left out, never counted as 0), each panelist's weighted score, the
//! candidate's weighted score and coverage, and the ranking.

use super::{Competency, Rating, Score, Template};
use crate::core::vocab::{CompetencyKind, Recommendation};
use std::cmp::Ordering;

/// Scores closer than this are equal (they are means of small integers).
const EPS: f64 = 1e-9;

/// One competency across the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct CompetencyStat {
    pub key: String,
    pub name: String,
    pub kind: CompetencyKind,
    pub weight: u32,
    pub must_have: bool,
    /// The ratings given, in panel order (n/a left out).
    pub ratings: Vec<i32>,
    /// Panelists who marked it n/a.
    pub not_assessed: usize,
    pub mean: Option<f64>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    pub spread: Option<i32>,
}

impl CompetencyStat {
    pub fn count(&self) -> usize {
        self.ratings.len()
    }
}

/// A candidate's scores taken together.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub competencies: Vec<CompetencyStat>,
    /// Each panelist's weighted score (None when they assessed nothing).
    pub panelists: Vec<(String, Option<f64>)>,
    /// Σ w·m / Σ w over the competencies anyone assessed.
    pub score: Option<f64>,
    /// Assessed weight / total weight.
    pub coverage: f64,
    /// Highest minus lowest panelist weighted score (0 with one panelist).
    pub spread: Option<f64>,
    pub recommendations: Vec<Recommendation>,
}

impl Aggregate {
    pub fn count(&self, r: Recommendation) -> usize {
        self.recommendations.iter().filter(|x| **x == r).count()
    }
}

/// Σ wᵢ·rᵢ / Σ wᵢ over the competencies the ratings assess.
pub fn weighted(template: &Template, ratings: &[Rating]) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for r in ratings {
        if let (Some(v), Some(c)) = (r.value, template.competency(&r.key)) {
            sum += f64::from(c.weight) * f64::from(v);
            weight += f64::from(c.weight);
        }
    }
    (weight > 0.0).then(|| sum / weight)
}

fn stat(c: &Competency, scores: &[&Score]) -> CompetencyStat {
    let given: Vec<Option<i32>> =
        scores.iter().filter_map(|s| s.ratings.iter().find(|r| r.key == c.key)).map(|r| r.value).collect();
    let ratings: Vec<i32> = given.iter().flatten().copied().collect();
    let (min, max) = (ratings.iter().min().copied(), ratings.iter().max().copied());
    CompetencyStat {
        key: c.key.clone(),
        name: c.name.clone(),
        kind: c.kind,
        weight: c.weight,
        must_have: c.must_have,
        not_assessed: given.len() - ratings.len(),
        mean: mean(ratings.iter().map(|v| f64::from(*v))),
        spread: min.zip(max).map(|(a, b)| b - a),
        min,
        max,
        ratings,
    }
}

pub fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Weighted mean of competency means, over those that have one.
pub fn weighted_mean<'a>(stats: impl Iterator<Item = &'a CompetencyStat>) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for s in stats {
        if let Some(m) = s.mean {
            sum += f64::from(s.weight) * m;
            weight += f64::from(s.weight);
        }
    }
    (weight > 0.0).then(|| sum / weight)
}

pub fn aggregate(template: &Template, scores: &[&Score]) -> Aggregate {
    let competencies: Vec<CompetencyStat> = template.competencies.iter().map(|c| stat(c, scores)).collect();
    let total: u32 = template.total_weight();
    let assessed: u32 = competencies.iter().filter(|s| s.mean.is_some()).map(|s| s.weight).sum();
    let panelists: Vec<(String, Option<f64>)> =
        scores.iter().map(|s| (s.panelist.clone(), weighted(template, &s.ratings))).collect();
    let weighted_scores: Vec<f64> = panelists.iter().filter_map(|(_, w)| *w).collect();
    let spread = weighted_scores
        .iter()
        .copied()
        .reduce(f64::max)
        .zip(weighted_scores.iter().copied().reduce(f64::min))
        .map(|(hi, lo)| hi - lo);
    Aggregate {
        score: weighted_mean(competencies.iter()),
        coverage: if total == 0 { 0.0 } else { f64::from(assessed) / f64::from(total) },
        competencies,
        panelists,
        spread,
        recommendations: scores.iter().map(|s| s.recommend).collect(),
    }
}

/// A candidate's place in a ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub id: String,
    pub score: Option<f64>,
    /// 1 is first; equal candidates share a rank; None without a score.
    pub rank: Option<usize>,
}

/// Higher score first; ties go to the smaller spread, then to more
/// `strong-yes`. Candidates equal on all three share a rank.
fn order(a: &Aggregate, b: &Aggregate) -> Ordering {
    let (sa, sb) = (a.score.unwrap_or(f64::MIN), b.score.unwrap_or(f64::MIN));
    if (sa - sb).abs() > EPS {
        return sb.partial_cmp(&sa).unwrap_or(Ordering::Equal);
    }
    let (pa, pb) = (a.spread.unwrap_or(0.0), b.spread.unwrap_or(0.0));
    if (pa - pb).abs() > EPS {
        return pa.partial_cmp(&pb).unwrap_or(Ordering::Equal);
    }
    b.count(Recommendation::StrongYes).cmp(&a.count(Recommendation::StrongYes))
}

/// Ranks the candidates that have a score; the result keeps the input
/// order of `entries` sorted by rank (then by input order).
pub fn rank(entries: &[(String, Aggregate)]) -> Vec<Ranked> {
    let mut idx: Vec<usize> = (0..entries.len()).collect();
    idx.sort_by(|&i, &j| order(&entries[i].1, &entries[j].1).then(i.cmp(&j)));
    let mut out: Vec<Ranked> = Vec::with_capacity(entries.len());
    let mut prev: Option<usize> = None;
    for (place, &i) in idx.iter().enumerate() {
        let (id, agg) = &entries[i];
        let rank = agg.score.map(|_| match prev {
            Some(p) if order(&entries[p].1, agg) == Ordering::Equal => {
                out.last().and_then(|r: &Ranked| r.rank).unwrap_or(place + 1)
            }
            _ => place + 1,
        });
        out.push(Ranked { id: id.clone(), score: agg.score, rank });
        prev = Some(i);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::hiring::{Anchors, Competency, Scale};

    pub fn comp(key: &str, kind: CompetencyKind, weight: u32, must_have: bool) -> Competency {
        Competency {
            key: key.into(),
            name: key.into(),
            kind,
            questions: vec!["q".into()],
            listen_for: vec!["l".into()],
            anchors: Anchors { low: "l".into(), mid: "m".into(), high: "h".into() },
            weight,
            scale: Scale::DEFAULT,
            must_have,
        }
    }

    pub fn template() -> Template {
        Template {
            name: "t".into(),
            competencies: vec![
                comp("results", CompetencyKind::Results, 1, false),
                comp("coach", CompetencyKind::How, 2, true),
                comp("forecast", CompetencyKind::How, 1, false),
            ],
        }
    }

    pub fn score(panelist: &str, values: &[Option<i32>], recommend: Recommendation) -> Score {
        let keys = ["results", "coach", "forecast", "d", "e", "f"];
        Score {
            candidate: "c-1".into(),
            panelist: panelist.into(),
            template_version: 1,
            ratings: values
                .iter()
                .zip(keys)
                .map(|(v, k)| Rating { key: k.into(), value: *v, evidence: Some("said so".into()) })
                .collect(),
            recommend,
            seq: 10,
            amends: None,
            reason: None,
            sealed: None,
            verified: false,
            after_debrief: false,
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn n_a_is_left_out_never_counted_as_zero() {
        let t = template();
        let a = score("A", &[Some(4), None, Some(2)], Recommendation::Yes);
        let b = score("B", &[Some(2), Some(4), None], Recommendation::No);
        let agg = aggregate(&t, &[&a, &b]);
        let results = &agg.competencies[0];
        assert_eq!((results.count(), results.not_assessed, results.spread), (2, 0, Some(2)));
        assert!(close(results.mean, 3.0));
        // coach: one rating (4), one n/a — mean 4, not 2.
        assert!(close(agg.competencies[1].mean, 4.0));
        assert_eq!(agg.competencies[1].not_assessed, 1);
        assert!(close(agg.competencies[2].mean, 2.0));
        // A: (1·4 + 1·2) / 2 = 3; B: (1·2 + 2·4) / 3 = 10/3.
        assert!(close(agg.panelists[0].1, 3.0));
        assert!(close(agg.panelists[1].1, 10.0 / 3.0));
        // Candidate: (1·3 + 2·4 + 1·2) / 4 = 13/4.
        assert!(close(agg.score, 3.25));
        assert!((agg.coverage - 1.0).abs() < 1e-9);
        assert!(close(agg.spread, 1.0 / 3.0));
    }

    #[test]
    fn coverage_counts_weight_nobody_assessed() {
        let t = template();
        let a = score("A", &[Some(4), None, Some(2)], Recommendation::Yes);
        let agg = aggregate(&t, &[&a]);
        assert!((agg.coverage - 0.5).abs() < 1e-9);
        assert!(close(agg.score, 3.0));
        let none = score("A", &[None, None, None], Recommendation::NoDecision);
        let agg = aggregate(&t, &[&none]);
        assert_eq!((agg.score, agg.coverage), (None, 0.0));
        assert_eq!(agg.panelists[0].1, None);
    }

    #[test]
    fn ranks_by_score_then_smaller_spread_then_more_strong_yes() {
        let t = template();
        let agg = |scores: &[Score]| aggregate(&t, &scores.iter().collect::<Vec<_>>());
        let four = |p: &str, r| score(p, &[Some(4), Some(4), Some(4)], r);
        let high = agg(&[
            four("A", Recommendation::Yes),
            score("B", &[Some(5), Some(5), Some(5)], Recommendation::Yes),
        ]);
        // 4.0 with spread 0, two ways: one has a strong-yes.
        let steady = agg(&[four("A", Recommendation::Yes), four("B", Recommendation::Yes)]);
        let steady_strong = agg(&[four("A", Recommendation::StrongYes), four("B", Recommendation::Yes)]);
        // 4.0 with spread 2: (3,3,3) and (5,5,5).
        let split = agg(&[
            score("A", &[Some(3), Some(3), Some(3)], Recommendation::StrongYes),
            score("B", &[Some(5), Some(5), Some(5)], Recommendation::StrongYes),
        ]);
        let empty = agg(&[score("A", &[None, None, None], Recommendation::No)]);
        let entries = vec![
            ("split".to_string(), split),
            ("steady".to_string(), steady.clone()),
            ("empty".to_string(), empty),
            ("high".to_string(), high),
            ("strong".to_string(), steady_strong),
            ("twin".to_string(), steady),
        ];
        let r = rank(&entries);
        let got: Vec<(&str, Option<usize>)> = r.iter().map(|r| (r.id.as_str(), r.rank)).collect();
        assert_eq!(
            got,
            vec![
                ("high", Some(1)),
                ("strong", Some(2)),
                ("steady", Some(3)),
                ("twin", Some(3)),
                ("split", Some(5)),
                ("empty", None)
            ]
        );
    }
}
