//! The scoring form for the signed-in panelist: each competency's
//! questions, what to listen for, the anchors, a rating (or n/a), an
//! evidence note, and the recommendation. Posted fields become the same
//! `ScoreInput` `candor hire score` builds from its flags, and are judged
//! by the same core functions.

use crate::core::decide::hire::score::{rating_value, ratings, ScoreInput};
use crate::core::hiring::{Rating, Template};
use crate::core::vocab::Recommendation;
use crate::Error;
use maud::{html, Markup};
use std::collections::BTreeMap;

/// What the panelist typed, kept to fill the form again after a refusal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entered {
    pub ratings: BTreeMap<String, String>,
    pub evidence: BTreeMap<String, String>,
    pub recommend: String,
}

/// Why the form was refused: a message for the whole form, and messages
/// beside the fields they are about (`rating-KEY`, `recommend`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problems {
    pub summary: Option<String>,
    pub at: BTreeMap<String, String>,
}

impl Entered {
    /// The form's fields (`rating-KEY`, `evidence-KEY`, `recommend`).
    pub fn from_fields(fields: &[(String, String)]) -> Entered {
        let mut e = Entered::default();
        for (k, v) in fields {
            if let Some(key) = k.strip_prefix("rating-") {
                e.ratings.insert(key.to_string(), v.clone());
            } else if let Some(key) = k.strip_prefix("evidence-") {
                e.evidence.insert(key.to_string(), v.clone());
            } else if k == "recommend" {
                e.recommend = v.clone();
            }
        }
        e
    }

    /// As `--rating KEY=N`, `--evidence KEY=TEXT` and `--recommend` would
    /// give it; an empty note is no note.
    pub fn input(&self, candidate: &str, panelist: &str) -> ScoreInput {
        ScoreInput {
            candidate: candidate.into(),
            panelist: panelist.into(),
            ratings: self.ratings.iter().map(|(k, v)| format!("{k}={v}")).collect(),
            evidence: self
                .evidence
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| format!("{k}={}", v.trim()))
                .collect(),
            recommend: self.recommend.clone(),
            amends: false,
            reason: None,
        }
    }
}

/// The form judged as the core judges a score (`ratings`, the
/// recommendation), so that each refusal can be shown beside its field
/// before anything is sent to be recorded.
pub fn check(template: &Template, entered: &Entered) -> Result<(), Problems> {
    let input = entered.input("", "");
    let placed = |e: Error| match e {
        Error::Input { field, message } => {
            let mut p = Problems { summary: Some(message.clone()), at: BTreeMap::new() };
            if field == "--recommend" {
                p.at.insert("recommend".into(), message);
            } else {
                p.at = beside(template, entered);
                // The core's words are for flags; beside each field the page says it plainly.
                match p.at.len() {
                    0 => {}
                    1 => p.summary = Some("one competency needs your attention (marked below)".into()),
                    n => p.summary = Some(format!("{n} competencies need your attention (marked below)")),
                }
                if p.at.is_empty() {
                    for key in mentioned(template, &message) {
                        p.at.insert(format!("rating-{key}"), message.clone());
                    }
                }
            }
            p
        }
        other => Problems { summary: Some(other.to_string()), at: BTreeMap::new() },
    };
    ratings(template, &input.ratings, &input.evidence).map_err(placed)?;
    Recommendation::parse(&input.recommend).map_err(|m| placed(Error::input("--recommend", m)))?;
    Ok(())
}

/// What is wrong with each competency on its own, in the core's terms: no
/// rating, a rating outside the scale, or a rating that needs a note.
fn beside(template: &Template, entered: &Entered) -> BTreeMap<String, String> {
    let mut at = BTreeMap::new();
    for c in &template.competencies {
        let problem = match entered.ratings.get(&c.key) {
            None => Some(format!("No rating yet: choose {} or n/a.", c.scale)),
            Some(raw) => match rating_value(raw, c.scale) {
                Err(m) => Some(m),
                Ok(value) => {
                    let note = entered.evidence.get(&c.key).filter(|n| !n.trim().is_empty()).cloned();
                    let r = Rating { key: c.key.clone(), value, evidence: note };
                    (r.needs_evidence(c.scale) && r.evidence.is_none()).then(|| {
                        format!("A rating of {} needs a note of what the candidate said or did.", r.shown())
                    })
                }
            },
        };
        if let Some(p) = problem {
            at.insert(format!("rating-{}", c.key), p);
        }
    }
    at
}

/// The competency keys a message names, as whole words.
fn mentioned<'a>(template: &'a Template, message: &str) -> Vec<&'a str> {
    let words: Vec<&str> =
        message.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).collect();
    template.keys().into_iter().filter(|k| words.contains(k)).collect()
}

/// The middle of the scale as a rating when it is one (3 on 1–5).
fn middle(scale: crate::core::hiring::Scale) -> String {
    let m = scale.middle();
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        "middle".into()
    }
}

/// The form, filled with what was entered and the problems beside their fields.
pub fn form(
    candidate: &str,
    template: &Template,
    csrf: &str,
    entered: &Entered,
    problems: &Problems,
) -> Markup {
    html! {
        form.score method="post" action={ "/hire/" (candidate) "/score" } novalidate {
            input type="hidden" name="csrf" value=(csrf);
            @if let Some(s) = &problems.summary {
                p.form-error role="alert" #form-error { "Not recorded: " (s) }
            }
            p.lead {
                "Rate each competency on what the candidate said or did, not on impression. The lowest and highest \
                 ratings and n/a need an evidence note. Your score is sealed: nobody sees it until the debrief opens."
            }
            @for c in &template.competencies {
                @let field = format!("rating-{}", c.key);
                @let problem = problems.at.get(&field);
                fieldset #{ "c-" (c.key) } {
                    legend { (c.name) @if c.must_have { " (must have)" } " — weight " (c.weight) }
                    @if !c.questions.is_empty() {
                        h3 { "Ask" }
                        ul { @for q in &c.questions { li { (q) } } }
                    }
                    @if !c.listen_for.is_empty() {
                        h3 { "Listen for" }
                        ul { @for l in &c.listen_for { li { (l) } } }
                    }
                    div.anchors {
                        div { strong { (c.scale.min) " — " } (c.anchors.low) }
                        div { strong { (middle(c.scale)) " — " } (c.anchors.mid) }
                        div { strong { (c.scale.max) " — " } (c.anchors.high) }
                    }
                    fieldset.ratings role="radiogroup" aria-describedby=[problem.map(|_| format!("{field}-error"))] {
                        legend { "Rating for " (c.name) " (" (c.scale) ")" }
                        @for v in c.scale.min..=c.scale.max {
                            @let value = v.to_string();
                            label {
                                input type="radio" name=(field) value=(value)
                                    checked[entered.ratings.get(&c.key) == Some(&value)];
                                (v)
                            }
                        }
                        label {
                            input type="radio" name=(field) value="n/a"
                                checked[entered.ratings.get(&c.key).map(String::as_str) == Some("n/a")];
                            "n/a"
                        }
                    }
                    @if let Some(m) = problem {
                        p.field-error #{ (field) "-error" } { (m) }
                    }
                    label for={ "evidence-" (c.key) } { "Evidence for " (c.name) " (what they said or did)" }
                    textarea #{ "evidence-" (c.key) } name={ "evidence-" (c.key) } {
                        (entered.evidence.get(&c.key).map_or("", String::as_str))
                    }
                }
            }
            @let problem = problems.at.get("recommend");
            fieldset.ratings role="radiogroup" aria-describedby=[problem.map(|_| "recommend-error")] {
                legend { "Your recommendation" }
                @for r in Recommendation::ALL {
                    label {
                        input type="radio" name="recommend" value=(r.as_str()) checked[entered.recommend == r.as_str()];
                        (r.as_str())
                    }
                }
            }
            @if let Some(m) = problem {
                p.field-error #recommend-error { (m) }
            }
            p { button type="submit" { "Seal my score" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hiring::builtin::sales_leader;

    fn filled(t: &Template) -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> =
            t.competencies.iter().map(|c| (format!("rating-{}", c.key), "3".to_string())).collect();
        f.push(("recommend".into(), "yes".into()));
        f
    }

    #[test]
    fn a_filled_form_is_the_score_the_flags_would_give() {
        let t = sales_leader();
        let e = Entered::from_fields(&filled(&t));
        let input = e.input("C-1", "Kim");
        assert_eq!(input.ratings.len(), t.competencies.len());
        assert!(input.evidence.is_empty(), "an empty note is no note");
        assert_eq!(check(&t, &e), Ok(()));
    }

    #[test]
    fn a_missing_rating_is_shown_beside_its_competency_and_the_form_keeps_what_was_typed() {
        let t = sales_leader();
        let first = &t.competencies[0].key;
        let mut fields = filled(&t);
        fields.retain(|(k, _)| k != &format!("rating-{first}"));
        fields.push((format!("evidence-{}", t.competencies[1].key), "cut the list to three levers".into()));
        let e = Entered::from_fields(&fields);
        let p = check(&t, &e).unwrap_err();
        assert_eq!(p.at.len(), 1, "only the unrated competency: {p:?}");
        assert!(p.at[&format!("rating-{first}")].starts_with("No rating yet"), "{p:?}");
        let html = form("C-1", &t, "tok", &e, &p).into_string();
        assert!(html.contains(&format!("id=\"rating-{first}-error\"")), "{html}");
        assert!(html.contains("cut the list to three levers"));
        assert!(html.contains("value=\"tok\""));
    }

    #[test]
    fn an_extreme_rating_without_evidence_and_a_bad_recommendation_are_refused_at_their_fields() {
        let t = sales_leader();
        let key = &t.competencies[2].key;
        let mut fields = filled(&t);
        fields.retain(|(k, _)| k != &format!("rating-{key}"));
        fields.push((format!("rating-{key}"), t.scale().max.to_string()));
        let p = check(&t, &Entered::from_fields(&fields)).unwrap_err();
        assert!(p.at[&format!("rating-{key}")].contains("needs a note"), "{p:?}");
        let mut fields = filled(&t);
        fields.retain(|(k, _)| k != "recommend");
        fields.push(("recommend".into(), "maybe".into()));
        let p = check(&t, &Entered::from_fields(&fields)).unwrap_err();
        assert!(p.at.contains_key("recommend"), "{p:?}");
    }

    #[test]
    fn the_form_escapes_what_was_typed() {
        let t = sales_leader();
        let mut e = Entered::default();
        e.evidence.insert(t.competencies[0].key.clone(), "</textarea><script>x</script>".into());
        let html = form("C-1", &t, "tok", &e, &Problems::default()).into_string();
        assert!(!html.contains("<script>x"), "{html}");
    }
}
