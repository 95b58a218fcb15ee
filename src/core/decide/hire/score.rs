//! A panelist's score for a candidate: submitted (or amended), sealed, or
//! revealed. All three take the same ratings and are validated alike.

use super::{find, template_first, template_for};
use crate::core::event::Event;
use crate::core::hash::Hash32;
use crate::core::hiring::{seal, Candidate, Hiring, Rating, Scale, Template};
use crate::core::state::State;
use crate::core::text;
use crate::core::vocab::Recommendation;
use crate::error::{Error, FieldContext, Result};

/// A score as typed: `--rating KEY=N|n/a`, `--evidence KEY=TEXT`.
#[derive(Clone, Debug, Default)]
pub struct ScoreInput {
    pub candidate: String,
    pub panelist: String,
    pub ratings: Vec<String>,
    pub evidence: Vec<String>,
    pub recommend: String,
    /// The panelist says this amends their earlier score.
    pub amends: bool,
    /// Why an earlier score is amended (required then).
    pub reason: Option<String>,
}

/// `KEY=VALUE` split at the first `=`.
pub fn pair(raw: &str, flag: &str, value: &str) -> Result<(String, String)> {
    match raw.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(Error::input(flag, format!("'{raw}' is not KEY={value}; e.g. drivers={}", example(flag)))),
    }
}

fn example(flag: &str) -> &'static str {
    if flag == "--evidence" {
        "\"cut the deal list to three levers\""
    } else {
        "4"
    }
}

/// A rating: a whole number within the scale, or `n/a` (not assessed).
pub fn rating_value(raw: &str, scale: Scale) -> Result<Option<i32>, String> {
    let t = raw.trim().to_ascii_lowercase();
    if t == "n/a" || t == "na" {
        return Ok(None);
    }
    match t.parse::<i32>() {
        Ok(v) if scale.contains(v) => Ok(Some(v)),
        Ok(v) => Err(format!("{v} is outside the scale {scale}")),
        Err(_) => {
            Err(format!("'{}' is not a rating; expected a whole number from {scale}, or n/a", raw.trim()))
        }
    }
}

fn unknown(template: &Template, key: &str) -> String {
    format!("unknown competency '{key}'; the template has: {}", template.keys().join(", "))
}

/// The ratings in template order, one for every competency, each within
/// the scale or n/a, with evidence where the method requires it.
pub fn ratings(template: &Template, given: &[String], evidence: &[String]) -> Result<Vec<Rating>> {
    let scale = template.scale();
    let mut values: Vec<(String, Option<i32>)> = Vec::new();
    for raw in given {
        let (key, value) = pair(raw, "--rating", "N")?;
        if template.competency(&key).is_none() {
            return Err(Error::input("--rating", unknown(template, &key)));
        }
        if values.iter().any(|(k, _)| *k == key) {
            return Err(Error::input(
                "--rating",
                format!("{key} is rated twice; give one rating per competency"),
            ));
        }
        let v = rating_value(&value, scale).map_err(|m| Error::input("--rating", format!("{key}: {m}")))?;
        values.push((key, v));
    }
    let mut notes: Vec<(String, String)> = Vec::new();
    for raw in evidence {
        let (key, note) = pair(raw, "--evidence", "TEXT")?;
        if template.competency(&key).is_none() {
            return Err(Error::input("--evidence", unknown(template, &key)));
        }
        if notes.iter().any(|(k, _)| *k == key) {
            return Err(Error::input("--evidence", format!("{key} has two notes; write one")));
        }
        let note = text::text(&note, text::MAX_TEXT)
            .map_err(|m| Error::input("--evidence", format!("{key}: {m}")))?;
        notes.push((key, note));
    }
    let unrated: Vec<&str> =
        template.keys().into_iter().filter(|k| !values.iter().any(|(v, _)| v == k)).collect();
    if !unrated.is_empty() {
        return Err(Error::input(
            "--rating",
            format!(
                "no rating for {}; give KEY=N ({scale}) or KEY=n/a for every competency",
                unrated.join(", ")
            ),
        ));
    }
    let out: Vec<Rating> = template
        .competencies
        .iter()
        .map(|c| Rating {
            key: c.key.clone(),
            value: values.iter().find(|(k, _)| *k == c.key).and_then(|(_, v)| *v),
            evidence: notes.iter().find(|(k, _)| *k == c.key).map(|(_, n)| n.clone()),
        })
        .collect();
    let bare: Vec<String> = out
        .iter()
        .filter(|r| r.needs_evidence(scale) && r.evidence.is_none())
        .map(|r| match r.value {
            None => format!("{} (n/a)", r.key),
            Some(v) if v == scale.min => format!("{} ({v}, the lowest rating)", r.key),
            Some(v) => format!("{} ({v}, the highest rating)", r.key),
        })
        .collect();
    if !bare.is_empty() {
        return Err(Error::input(
            "--evidence",
            format!(
                "a note is required for {}: the lowest and highest ratings and n/a need what the candidate said or did (KEY=TEXT)",
                bare.join(", ")
            ),
        ));
    }
    Ok(out)
}

/// Who scores whom, on which template.
struct Target {
    hiring: Hiring,
    candidate: Candidate,
    panelist: String,
    version: u32,
    template: Template,
}

fn target(state: &State, candidate: &str, panelist: &str) -> Result<Target> {
    let hiring = Hiring::of(state);
    let c = find(&hiring, candidate, "--candidate")?.clone();
    if let Some(d) = &c.decision {
        return Err(Error::input(
            "--candidate",
            format!(
                "{} was decided ({}) in #{}; scores for a decided candidate are closed",
                c.id, d.decision, d.seq
            ),
        ));
    }
    let name = text::name(panelist).field("--panelist")?;
    let name = state.info().resolve(&name);
    let panelist = match hiring.panelist(&name) {
        Some(p) => p.name.clone(),
        None => {
            let panel: Vec<&str> = hiring.panel.iter().map(|p| p.name.as_str()).collect();
            let panel = if panel.is_empty() { "nobody yet".to_string() } else { panel.join(", ") };
            return Err(Error::input(
                "--panelist",
                format!("{name} is not on the panel ({panel}); add them with `candor hire panel add --name`"),
            ));
        }
    };
    let (version, template) = template_for(&hiring, &c.id);
    Ok(Target { hiring, candidate: c, panelist, version, template })
}

fn recommendation(raw: &str) -> Result<Recommendation> {
    Recommendation::parse(raw).field("--recommend")
}

/// Submits a score, or amends the panelist's earlier one (`--reason`).
pub fn score(state: &State, input: ScoreInput) -> Result<Vec<Event>> {
    let t = target(state, &input.candidate, &input.panelist)?;
    let (c, p) = (&t.candidate.id, &t.panelist);
    if t.candidate.debrief.is_none() {
        return Err(Error::input(
            "debrief",
            format!(
                "the debrief for {c} is not open: until it is, a score is recorded sealed (blind), \
                 never in clear — `candor hire score` seals it"
            ),
        ));
    }
    if let Some(seal) = t.hiring.open_seal(c, p) {
        return Err(Error::input(
            "--panelist",
            format!("{p} sealed a score for {c} in #{}; reveal it with `candor hire reveal` first", seal.seq),
        ));
    }
    let previous = t.hiring.current_scores(c).into_iter().find(|s| &s.panelist == p).map(|s| s.seq);
    let reason = match (previous, input.reason.as_deref()) {
        (Some(seq), None) => {
            return Err(Error::input(
                "--reason",
                format!(
                    "{p} already scored {c} in #{seq}; a changed score is an amendment and needs --reason"
                ),
            ))
        }
        (Some(_), Some(r)) => Some(text::text(r, text::MAX_TEXT).field("--reason")?),
        (None, _) if input.amends => {
            return Err(Error::input("--amends", format!("{p} has no score for {c} to amend")))
        }
        (None, Some(_)) => {
            return Err(Error::input(
                "--reason",
                format!("only an amendment takes a reason; {p} has not scored {c} yet"),
            ))
        }
        (None, None) => None,
    };
    let ratings = ratings(&t.template, &input.ratings, &input.evidence)?;
    let recommend = recommendation(&input.recommend)?;
    let mut events: Vec<Event> = template_first(&t.hiring).into_iter().collect();
    events.push(Event::ScoreSubmitted {
        candidate: c.clone(),
        panelist: p.clone(),
        template_version: t.version,
        ratings,
        recommend,
        amends: previous,
        reason,
    });
    Ok(events)
}

/// Seals a first score: records only the commitment to it. The salt is
/// given (random, from the caller) and must be kept to reveal it.
pub fn seal(state: &State, input: ScoreInput, salt: &Hash32) -> Result<Vec<Event>> {
    let t = target(state, &input.candidate, &input.panelist)?;
    sealable(&t)?;
    let (c, p) = (&t.candidate.id, &t.panelist);
    let ratings = ratings(&t.template, &input.ratings, &input.evidence)?;
    let recommend = recommendation(&input.recommend)?;
    let mut events: Vec<Event> = template_first(&t.hiring).into_iter().collect();
    events.push(Event::ScoreSealed {
        candidate: c.clone(),
        panelist: p.clone(),
        template_version: t.version,
        commitment: seal::commitment(salt, &ratings, recommend),
    });
    Ok(events)
}

/// A seal fixes a first judgement: one per panelist and candidate, before any score.
fn sealable(t: &Target) -> Result<()> {
    let (c, p) = (&t.candidate.id, &t.panelist);
    if let Some(seq) = t.candidate.debrief {
        return Err(Error::input(
            "debrief",
            format!("the debrief for {c} opened in #{seq}; a score now is recorded in clear with `candor hire score`"),
        ));
    }
    if let Some(s) = t.hiring.seals.iter().find(|s| &s.candidate == c && &s.panelist == p) {
        return Err(Error::input("--panelist", format!("{p} already sealed a score for {c} in #{}", s.seq)));
    }
    if let Some(s) = t.hiring.current_scores(c).into_iter().find(|s| &s.panelist == p) {
        return Err(Error::input(
            "--panelist",
            format!(
                "{p} already submitted a score for {c} in #{}; a seal fixes a first judgement — amend with `candor hire score --reason`",
                s.seq
            ),
        ));
    }
    Ok(())
}

/// What `seal` checks before the ratings (which a seal hides): the
/// candidate, panelist and template version a new seal would name.
pub fn seal_target(state: &State, candidate: &str, panelist: &str) -> Result<(String, String, u32)> {
    let t = target(state, candidate, panelist)?;
    sealable(&t)?;
    Ok((t.candidate.id, t.panelist, t.version))
}

/// Reveals a sealed score: refused unless salt, ratings, evidence and
/// recommendation are exactly those that were sealed.
pub fn reveal(state: &State, input: ScoreInput, salt: &str) -> Result<Event> {
    let t = target(state, &input.candidate, &input.panelist)?;
    let (c, p) = (&t.candidate.id, &t.panelist);
    let Some(sealed) = t.hiring.open_seal(c, p).cloned() else {
        return Err(Error::input("--panelist", format!("{p} has no sealed score for {c} to reveal")));
    };
    if t.candidate.debrief.is_none() {
        return Err(Error::input(
            "debrief",
            format!("the debrief for {c} is not open; sealed scores are revealed when the CEO opens it"),
        ));
    }
    let salt = Hash32::from_hex(salt).map_err(|m| Error::input("--salt", m))?;
    let template = match t.hiring.version(sealed.template_version) {
        Some(v) => v.template.clone(),
        None => t.template.clone(),
    };
    let ratings = ratings(&template, &input.ratings, &input.evidence)?;
    let recommend = recommendation(&input.recommend)?;
    if !seal::opens(&sealed.commitment, &salt, &ratings, recommend) {
        return Err(Error::input(
            "seal",
            format!(
                "these ratings, evidence, recommendation and salt do not open the seal recorded in #{}; \
                 only exactly what was sealed can be revealed",
                sealed.seq
            ),
        ));
    }
    Ok(Event::ScoreRevealed {
        candidate: c.clone(),
        panelist: p.clone(),
        template_version: sealed.template_version,
        ratings,
        recommend,
        salt,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::{add_candidate, debrief};
    use super::*;
    use crate::core::hiring::builtin;
    use crate::core::state::State;
    use crate::core::testing::state_with;

    /// A score on the built-in template with every competency rated `v`.
    pub fn submitted(candidate: &str, panelist: &str, v: i32) -> Event {
        let template = builtin::sales_leader();
        Event::ScoreSubmitted {
            candidate: candidate.into(),
            panelist: panelist.into(),
            template_version: 1,
            ratings: template
                .competencies
                .iter()
                .map(|c| Rating { key: c.key.clone(), value: Some(v), evidence: Some("example".into()) })
                .collect(),
            recommend: Recommendation::Yes,
            amends: None,
            reason: None,
        }
    }

    fn ledger() -> Vec<Event> {
        let mut e = add_candidate(&state_with(vec![]), "c-ana", "Ana Pérez").unwrap();
        e.push(Event::PanelistAdded { name: "Kim".into() });
        e.push(Event::PanelistAdded { name: "Dana".into() });
        e
    }

    /// The ledger with Lee's seal and c-ana's debrief open: scores go in clear.
    fn debriefed() -> Vec<Event> {
        let mut e = ledger();
        e.push(Event::PanelistAdded { name: "Lee".into() });
        let mut lee = input(&[], &[]);
        lee.panelist = "Lee".into();
        e.extend(seal(&state_with(e.clone()), lee, &Hash32([5; 32])).unwrap());
        e.push(debrief(&state_with(e.clone()), "c-ana").unwrap());
        e
    }

    /// Every built-in competency rated 3, except the ones overridden.
    fn input(overrides: &[&str], evidence: &[&str]) -> ScoreInput {
        let mut ratings: Vec<String> = builtin::sales_leader()
            .keys()
            .into_iter()
            .filter(|k| !overrides.iter().any(|o| o.starts_with(&format!("{k}="))))
            .map(|k| format!("{k}=3"))
            .collect();
        ratings.extend(overrides.iter().map(|s| s.to_string()));
        ScoreInput {
            candidate: "c-ana".into(),
            panelist: "kim".into(),
            ratings,
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
            recommend: "yes".into(),
            ..ScoreInput::default()
        }
    }

    fn err(s: &State, i: ScoreInput) -> String {
        score(s, i).unwrap_err().to_string()
    }

    #[test]
    fn before_the_debrief_a_score_in_clear_is_refused() {
        let s = state_with(ledger());
        let clear = err(&s, input(&[], &[]));
        assert!(clear.starts_with("debrief: the debrief for c-ana is not open"), "{clear}");
        assert!(seal(&s, input(&[], &[]), &Hash32([1; 32])).is_ok());
        let s = state_with(debriefed());
        let late = seal(&s, input(&[], &[]), &Hash32([1; 32])).unwrap_err().to_string();
        assert!(late.starts_with("debrief: the debrief for c-ana opened in #"), "{late}");
    }

    #[test]
    fn ratings_are_validated_against_the_template() {
        let s = state_with(debriefed());
        let e = score(
            &s,
            input(&["drivers=5", "forecasting=n/a"], &["drivers=three levers", "forecasting=no time"]),
        )
        .unwrap();
        let Event::ScoreSubmitted { ratings, panelist, amends, template_version, .. } = &e[0] else {
            panic!("{e:?}")
        };
        assert_eq!((panelist.as_str(), *amends, *template_version), ("Kim", None, 1));
        assert_eq!(ratings.len(), builtin::sales_leader().competencies.len());
        assert_eq!(ratings[0].key, "team-before", "template order");
        let fc = ratings.iter().find(|r| r.key == "forecasting").unwrap();
        assert_eq!((fc.value, fc.evidence.as_deref()), (None, Some("no time")));
        assert!(err(&s, input(&["charisma=4"], &[])).starts_with("--rating: unknown competency 'charisma'"));
        assert!(err(&s, input(&["drivers=6"], &[])).contains("6 is outside the scale 1–5"));
        assert!(err(&s, input(&["drivers=0"], &[])).starts_with("--rating"));
        assert!(err(&s, input(&["drivers=high"], &[])).contains("not a rating"));
        assert!(err(&s, input(&["drivers"], &[])).contains("is not KEY=N"));
        assert!(err(&s, input(&["drivers=4", "drivers=4"], &[])).contains("rated twice"));
        assert!(
            err(&s, input(&["drivers=1"], &[])).starts_with("--evidence: a note is required for drivers (1")
        );
        assert!(err(&s, input(&["drivers=n/a"], &[])).contains("drivers (n/a)"));
        assert!(err(&s, input(&[], &["charisma=x"])).starts_with("--evidence: unknown"));
        assert!(err(&s, input(&[], &["drivers= "])).starts_with("--evidence"));
        let mut missing = input(&[], &[]);
        missing.ratings.retain(|r| !r.starts_with("drivers="));
        assert!(err(&s, missing).contains("no rating for drivers"));
        let mut rec = input(&[], &[]);
        rec.recommend = "maybe".into();
        assert!(err(&s, rec).starts_with("--recommend"));
        let mut who = input(&[], &[]);
        who.panelist = "Zoe".into();
        assert!(err(&s, who).starts_with("--panelist: Zoe is not on the panel (Kim, Dana, Lee)"));
        let mut whom = input(&[], &[]);
        whom.candidate = "c-zed".into();
        assert!(err(&s, whom).starts_with("--candidate"));
    }

    #[test]
    fn a_second_score_is_an_amendment_with_a_reason() {
        let mut events = debriefed();
        let s = state_with(events.clone());
        let mut first = input(&[], &[]);
        first.reason = Some("why".into());
        assert!(err(&s, first).starts_with("--reason: only an amendment"));
        let mut first = input(&[], &[]);
        first.amends = true;
        assert!(err(&s, first).starts_with("--amends"));
        events.extend(score(&s, input(&[], &[])).unwrap());
        let s = state_with(events.clone());
        assert!(err(&s, input(&[], &[])).starts_with("--reason: Kim already scored c-ana in #"));
        let mut amended = input(&["drivers=4"], &[]);
        amended.reason = Some("misread my notes".into());
        let e = score(&s, amended).unwrap();
        assert!(
            matches!(&e[0], Event::ScoreSubmitted { amends: Some(_), reason: Some(r), .. } if r == "misread my notes")
        );
    }

    #[test]
    fn a_decided_candidate_takes_no_more_scores() {
        let mut events = debriefed();
        events.push(submitted("c-ana", "Dana", 4));
        events.push(Event::HireDecided {
            candidate: "c-ana".into(),
            decision: crate::core::vocab::HireDecision::NoHire,
            reason: "r".into(),
        });
        let s = state_with(events);
        assert!(err(&s, input(&[], &[])).contains("decided (no-hire)"));
    }

    #[test]
    fn seal_then_reveal_with_the_same_values_only() {
        let mut events = ledger();
        let salt = Hash32([42; 32]);
        let s = state_with(events.clone());
        let sealed = seal(&s, input(&["drivers=5"], &["drivers=three levers"]), &salt).unwrap();
        assert!(matches!(&sealed[0], Event::ScoreSealed { .. }));
        events.extend(sealed);
        let s = state_with(events.clone());
        // A sealed panelist cannot also submit, or seal again; nothing is
        // revealed before the debrief.
        assert!(err(&s, input(&[], &[])).contains("not open"));
        assert!(seal(&s, input(&[], &[]), &salt).unwrap_err().to_string().contains("already sealed"));
        let hex = salt.to_hex();
        let early =
            reveal(&s, input(&["drivers=5"], &["drivers=three levers"]), &hex).unwrap_err().to_string();
        assert!(early.starts_with("debrief: the debrief for c-ana is not open"), "{early}");
        events.push(debrief(&s, "c-ana").unwrap());
        let s = state_with(events.clone());
        assert!(err(&s, input(&[], &[])).contains("reveal it"));
        let other = Hash32([1; 32]).to_hex();
        let rev = |i: ScoreInput, salt: &str| reveal(&s, i, salt).map_err(|e| e.to_string());
        assert!(rev(input(&["drivers=5"], &["drivers=three levers"]), &other)
            .unwrap_err()
            .starts_with("seal: "));
        assert!(rev(input(&["drivers=4"], &[]), &hex).unwrap_err().starts_with("seal: these ratings"));
        assert!(rev(input(&["drivers=5"], &["drivers=3 levers"]), &hex).unwrap_err().contains("do not open"));
        assert!(rev(input(&["drivers=5"], &["drivers=three levers"]), "xyz")
            .unwrap_err()
            .starts_with("--salt"));
        let revealed = rev(input(&["drivers=5"], &["drivers=three levers"]), &hex).unwrap();
        events.push(revealed);
        let s = state_with(events.clone());
        let h = Hiring::of(&s);
        let kim = &h.current_scores("c-ana")[0];
        assert_eq!((kim.panelist.as_str(), kim.sealed.is_some(), kim.after_debrief), ("Kim", true, false));
        assert!(kim.verified, "the reveal opens its seal");
        assert!(reveal(&s, input(&[], &[]), &hex).unwrap_err().to_string().contains("no sealed score"));
        // Sealing after the debrief (here, after a submitted score) is refused.
        let mut dana = input(&[], &[]);
        dana.panelist = "Dana".into();
        events.extend(score(&s, dana.clone()).unwrap());
        let s = state_with(events);
        assert!(seal(&s, dana, &salt).unwrap_err().to_string().starts_with("debrief: "));
    }

    #[test]
    fn a_reveal_after_the_debrief_counts_from_its_seal() {
        let mut events = ledger();
        let salt = Hash32([9; 32]);
        events.extend(seal(&state_with(events.clone()), input(&[], &[]), &salt).unwrap());
        let mut dana = input(&[], &[]);
        dana.panelist = "Dana".into();
        events.push(debrief(&state_with(events.clone()), "c-ana").unwrap());
        events.extend(score(&state_with(events.clone()), dana.clone()).unwrap());
        events.push(reveal(&state_with(events.clone()), input(&[], &[]), &salt.to_hex()).unwrap());
        dana.reason = Some("heard Kim".into());
        dana.ratings[0] = "team-before=4".into();
        events.extend(score(&state_with(events.clone()), dana).unwrap());
        let h = Hiring::of(&state_with(events));
        let marks: Vec<(&str, bool)> =
            h.scores.iter().map(|s| (s.panelist.as_str(), s.after_debrief)).collect();
        // Kim's judgement was fixed by the seal, before the debrief; Dana's
        // came after it.
        assert_eq!(marks, vec![("Dana", true), ("Kim", false), ("Dana", true)]);
    }
}
