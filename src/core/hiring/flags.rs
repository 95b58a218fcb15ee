//! Flags for the debrief. Each one forces a discussion; none rejects a
//! candidate by itself. The rules are in docs/scorecard.md.

use super::score::{weighted_mean, Aggregate};
use super::{Score, Template};
use crate::core::vocab::{CompetencyKind, Recommendation};

/// Ratings on one competency differ by this share of the scale's range
/// (2 points on 1–5).
pub const DISAGREEMENT_SHARE: f64 = 0.4;
/// Results mean above the how mean by this many points on 1–5.
pub const NUMBERS_NOT_HOW_POINTS: f64 = 1.5;
/// A panelist's ratings this close together on this many competencies.
pub const HALO_SPREAD: f64 = 0.5;
pub const HALO_COMPETENCIES: usize = 4;
/// Coverage below this.
pub const LOW_COVERAGE: f64 = 0.8;

/// What the flags are computed from.
pub struct Inputs<'a> {
    pub template: &'a Template,
    pub aggregate: &'a Aggregate,
    /// Each panelist's current score.
    pub scores: &'a [&'a Score],
    /// Whether any score (amended ones too) was judged after the debrief opened.
    pub after_debrief: bool,
    /// Panelists on the panel who have not submitted.
    pub missing: usize,
    /// The decision departs from the ranking.
    pub departs: bool,
}

fn yes_side(r: Recommendation) -> bool {
    matches!(r, Recommendation::Yes | Recommendation::StrongYes)
}

fn no_side(r: Recommendation) -> bool {
    matches!(r, Recommendation::No | Recommendation::StrongNo)
}

/// A panelist gave the same rating (spread under 0.5) to 4 or more
/// competencies: every competency they rated, and at least four of them.
pub fn halo(score: &Score) -> bool {
    let values: Vec<i32> = score.ratings.iter().filter_map(|r| r.value).collect();
    let (Some(lo), Some(hi)) = (values.iter().min(), values.iter().max()) else { return false };
    values.len() >= HALO_COMPETENCIES && f64::from(hi - lo) < HALO_SPREAD
}

/// A rating that needs an evidence note (lowest, highest, n/a) has none.
pub fn thin_evidence(template: &Template, score: &Score) -> bool {
    score.ratings.iter().any(|r| {
        let needs = template.competency(&r.key).is_some_and(|c| r.needs_evidence(c.scale));
        needs && r.evidence.as_deref().is_none_or(|e| e.trim().is_empty())
    })
}

/// The flags, in the order docs/scorecard.md lists them.
pub fn flags(i: &Inputs) -> Vec<String> {
    let scale = i.template.scale();
    let agg = i.aggregate;
    let mut out = Vec::new();
    for c in &agg.competencies {
        if c.spread.is_some_and(|s| f64::from(s) >= DISAGREEMENT_SHARE * f64::from(scale.range()) - 1e-9) {
            out.push(format!("disagreement:{}", c.key));
        }
    }
    let recs = &agg.recommendations;
    if recs.iter().any(|r| yes_side(*r)) && recs.iter().any(|r| no_side(*r)) {
        out.push("split-recommendation".into());
    }
    let strong_no = recs.contains(&Recommendation::StrongNo);
    if strong_no && recs.contains(&Recommendation::StrongYes) {
        out.push("polarised".into());
    }
    if strong_no {
        out.push("veto".into());
    }
    for c in &agg.competencies {
        if c.must_have && c.mean.is_some_and(|m| m < scale.middle()) {
            out.push(format!("below-bar:{}", c.key));
        }
    }
    let results = weighted_mean(agg.competencies.iter().filter(|c| c.kind == CompetencyKind::Results));
    let how = weighted_mean(agg.competencies.iter().filter(|c| c.kind == CompetencyKind::How));
    if let (Some(r), Some(h)) = (results, how) {
        if r - h >= scale.points(NUMBERS_NOT_HOW_POINTS) - 1e-9 {
            out.push("numbers-not-how".into());
        }
    }
    if i.scores.iter().any(|s| halo(s)) {
        out.push("possible-halo".into());
    }
    if i.scores.iter().any(|s| thin_evidence(i.template, s)) {
        out.push("thin-evidence".into());
    }
    if !i.scores.is_empty() && agg.coverage < LOW_COVERAGE - 1e-9 {
        out.push("low-coverage".into());
    }
    if i.after_debrief {
        out.push("after-debrief".into());
    }
    if i.missing > 0 {
        out.push("incomplete".into());
    }
    if i.departs {
        out.push("departs-from-ranking".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hiring::score::aggregate;
    use crate::core::hiring::score::tests::{score, template};
    use crate::core::hiring::Rating;
    use Recommendation::*;

    fn run(scores: &[Score], extra: impl FnOnce(&mut Inputs)) -> Vec<String> {
        let t = template();
        let refs: Vec<&Score> = scores.iter().collect();
        let agg = aggregate(&t, &refs);
        let mut i = Inputs {
            template: &t,
            aggregate: &agg,
            scores: &refs,
            after_debrief: false,
            missing: 0,
            departs: false,
        };
        extra(&mut i);
        flags(&i)
    }

    fn calm() -> Vec<Score> {
        vec![score("A", &[Some(3), Some(4), Some(3)], Yes), score("B", &[Some(4), Some(3), Some(4)], Yes)]
    }

    #[test]
    fn a_calm_panel_raises_no_flag() {
        assert!(run(&calm(), |_| {}).is_empty());
    }

    #[test]
    fn disagreement_at_forty_percent_of_the_range() {
        let two =
            [score("A", &[Some(2), Some(4), Some(3)], Yes), score("B", &[Some(4), Some(4), Some(3)], Yes)];
        assert_eq!(run(&two, |_| {}), ["disagreement:results"]);
        // One point apart is not a disagreement.
        assert!(!run(&calm(), |_| {}).iter().any(|f| f.starts_with("disagreement")));
    }

    #[test]
    fn recommendations_split_polarise_and_veto() {
        let mut s = calm();
        s[1].recommend = No;
        assert_eq!(run(&s, |_| {}), ["split-recommendation"]);
        s[1].recommend = StrongNo;
        assert_eq!(run(&s, |_| {}), ["split-recommendation", "veto"]);
        s[0].recommend = StrongYes;
        assert_eq!(run(&s, |_| {}), ["split-recommendation", "polarised", "veto"]);
        s[0].recommend = NoDecision;
        assert_eq!(run(&s, |_| {}), ["veto"]);
    }

    #[test]
    fn below_bar_on_a_must_have_only() {
        let s =
            [score("A", &[Some(3), Some(2), Some(3)], Yes), score("B", &[Some(3), Some(3), Some(2)], Yes)];
        // coach (must-have) mean 2.5 < 3; forecast mean 2.5 is not a must-have.
        assert_eq!(run(&s, |_| {}), ["below-bar:coach"]);
    }

    #[test]
    fn numbers_not_how_at_one_and_a_half_points() {
        let s =
            [score("A", &[Some(5), Some(3), Some(4)], Yes), score("B", &[Some(5), Some(4), Some(3)], Yes)];
        // results 5; how (2·3.5 + 1·3.5)/3 = 3.5: exactly 1.5 apart.
        let f = run(&s, |_| {});
        assert!(f.contains(&"numbers-not-how".to_string()), "{f:?}");
        let s =
            [score("A", &[Some(5), Some(4), Some(4)], Yes), score("B", &[Some(5), Some(4), Some(3)], Yes)];
        assert!(!run(&s, |_| {}).contains(&"numbers-not-how".to_string()));
    }

    #[test]
    fn halo_needs_four_equal_ratings() {
        let t = [score("A", &[Some(4), Some(4), Some(4), Some(4)], Yes)];
        assert!(halo(&t[0]));
        assert!(!halo(&score("A", &[Some(4), Some(4), Some(4)], Yes)));
        assert!(!halo(&score("A", &[Some(4), Some(4), Some(4), Some(3), Some(4)], Yes)));
        assert!(!halo(&score("A", &[Some(4), Some(4), Some(4), None], Yes)));
        assert!(run(&t, |_| {}).contains(&"possible-halo".to_string()));
    }

    #[test]
    fn thin_evidence_for_extremes_and_n_a_without_a_note() {
        let mut s = calm();
        s[1].ratings[1].value = Some(4);
        s[0].ratings[1] = Rating { key: "coach".into(), value: Some(4), evidence: None };
        assert!(run(&s, |_| {}).is_empty(), "a middle rating needs no note");
        s[0].ratings[1] = Rating { key: "coach".into(), value: Some(5), evidence: None };
        assert_eq!(run(&s, |_| {}), ["thin-evidence"]);
        s[0].ratings[1] = Rating { key: "coach".into(), value: None, evidence: Some(" ".into()) };
        assert!(run(&s, |_| {}).contains(&"thin-evidence".to_string()));
    }

    #[test]
    fn low_coverage_below_eighty_percent() {
        // coach (weight 2 of 4) assessed by nobody: coverage 0.5.
        let s = [score("A", &[Some(3), None, Some(3)], Yes)];
        assert_eq!(run(&s, |_| {}), ["low-coverage"]);
        // forecast (1 of 4) missing: 0.75 < 0.8.
        let s = [score("A", &[Some(3), Some(4), None], Yes)];
        assert_eq!(run(&s, |_| {}), ["low-coverage"]);
    }

    #[test]
    fn after_debrief_incomplete_and_departure() {
        let f = run(&calm(), |i| {
            i.after_debrief = true;
            i.missing = 1;
            i.departs = true;
        });
        assert_eq!(f, ["after-debrief", "incomplete", "departs-from-ranking"]);
    }
}
