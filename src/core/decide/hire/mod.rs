//! Hiring: templates, candidates, the panel, the debrief and the decision.
//! Scores, seals and reveals are in `score`.

pub mod score;

use super::{fact_date, member};
use crate::core::event::Event;
use crate::core::hiring::{builtin, file, Candidate, Hiring, Template};
use crate::core::member::PublicKey;
use crate::core::state::Origin;
use crate::core::state::State;
use crate::core::text;
use crate::core::time::Date;
use crate::core::time::Timestamp;
use crate::core::vocab::HireDecision;
use crate::error::{Error, FieldContext, Result};

/// Records `template` as the next version. Versions already recorded stay
/// as they are: scores keep pointing at the wording they were given on.
pub fn load_template(state: &State, template: Template) -> Result<Event> {
    let template = file::validate(template)?;
    let h = Hiring::of(state);
    if let Some(current) = h.current() {
        if current.template == template {
            return Err(Error::input(
                "FILE",
                format!("is the same as version {} in force; nothing to record", current.version),
            ));
        }
    }
    Ok(Event::HireTemplateLoaded { version: next_version(&h), template })
}

fn next_version(h: &Hiring) -> u32 {
    h.current().map_or(1, |v| v.version + 1)
}

/// The built-in template as version 1 when no template was ever recorded,
/// so that scores always refer to recorded wording.
pub fn template_first(h: &Hiring) -> Option<Event> {
    h.current().is_none().then(|| Event::HireTemplateLoaded { version: 1, template: builtin::sales_leader() })
}

/// The template a new score for `candidate` is given on: the recorded one
/// (see `Hiring::version_for`), or the built-in one about to be recorded.
pub fn template_for(h: &Hiring, candidate: &str) -> (u32, Template) {
    match h.version_for(candidate) {
        Some(v) => (v.version, v.template.clone()),
        None => (1, builtin::sales_leader()),
    }
}

/// A new candidate's id: well formed and not taken (case ignored).
pub fn new_candidate_id(h: &Hiring, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if let Some(c) = h.candidates.iter().find(|c| c.id.eq_ignore_ascii_case(&id)) {
        return Err(Error::input(
            "--id",
            format!("candidate '{}' ({}) already exists; choose another id", c.id, c.name),
        ));
    }
    Ok(id)
}

/// A candidate may become the leader: their name obeys the members' rules.
pub fn candidate_name(state: &State, name: &str) -> Result<String> {
    member::new_name(state, name, "--name")
}

pub fn add_candidate(state: &State, id: &str, name: &str) -> Result<Vec<Event>> {
    let h = Hiring::of(state);
    let id = new_candidate_id(&h, id)?;
    let name = candidate_name(state, name)?;
    let mut events: Vec<Event> = template_first(&h).into_iter().collect();
    events.push(Event::CandidateAdded { id, name });
    Ok(events)
}

/// Adds a panelist: a member (or the CEO or leader by role word) or a new
/// name that cannot be mistaken for a member's.
pub fn add_panelist(state: &State, name: &str) -> Result<Event> {
    let name = text::name(name).field("--name")?;
    let name = state.info().resolve(&name);
    // A member's name in another case is that member, not a look-alike.
    let known = state.members.by_name.values().find(|m| m.name.eq_ignore_ascii_case(&name));
    let name = match known {
        Some(m) => m.name.clone(),
        None => member::new_name(state, &name, "--name")?,
    };
    if let Some(p) = Hiring::of(state).panelist(&name) {
        return Err(Error::input("--name", format!("{} is already on the panel", p.name)));
    }
    Ok(Event::PanelistAdded { name })
}

/// Adds a panelist and registers their key in the same records, so a
/// panelist is set up in one command.
pub fn add_panelist_with_key(state: &State, name: &str, key: Option<PublicKey>) -> Result<Vec<Event>> {
    let added = add_panelist(state, name)?;
    let Some(key) = key else { return Ok(vec![added]) };
    let mut after = state.clone();
    let origin = Origin {
        seq: state.last_seq + 1,
        recorded_at: state.last_recorded_at.unwrap_or(Timestamp::from_micros(0)),
    };
    after.apply(origin, &state.info().ceo, &added);
    let Event::PanelistAdded { name } = &added else { unreachable!("add_panelist adds a panelist") };
    let key_added = member::add_key(&after, name, key).map_err(|e| match e {
        Error::Input { message, .. } => Error::input("--key", message),
        other => other,
    })?;
    Ok(vec![added, key_added])
}

/// The candidate `id`, or an error listing the known ones.
pub fn find<'a>(h: &'a Hiring, id: &str, flag: &str) -> Result<&'a Candidate> {
    h.candidate(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = h.candidates.iter().map(|c| c.id.as_str()).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input(flag, format!("there is no candidate '{}'; known: {known}", id.trim()))
    })
}

/// Opens the debrief: from now on reports show the candidate's scores,
/// and any score recorded later is marked `after-debrief`.
pub fn debrief(state: &State, candidate: &str) -> Result<Event> {
    let h = Hiring::of(state);
    let c = find(&h, candidate, "--candidate")?;
    if let Some(seq) = c.debrief {
        return Err(Error::input("--candidate", format!("the debrief for {} was opened in #{seq}", c.id)));
    }
    if h.current_scores(&c.id).is_empty() && !h.seals.iter().any(|s| s.candidate == c.id) {
        return Err(Error::input(
            "--candidate",
            format!("no score for {} has been submitted yet; a debrief discusses submitted scores", c.id),
        ));
    }
    Ok(Event::DebriefOpened { candidate: c.id.clone() })
}

pub struct NewDecision {
    pub candidate: String,
    pub decision: String,
    pub reason: String,
    /// Also make the hired candidate the ledger's sales leader.
    pub make_leader: bool,
    /// The day the new leader takes over [default: today].
    pub on: Option<Date>,
}

/// The decision (and, with `make_leader`, the change of sales leader),
/// with a note when it departs from the ranking.
pub fn decide(state: &State, d: NewDecision, today: Date) -> Result<(Vec<Event>, Option<String>)> {
    let h = Hiring::of(state);
    let c = find(&h, &d.candidate, "--candidate")?;
    if let Some(done) = &c.decision {
        return Err(Error::input(
            "--candidate",
            format!(
                "{} was already decided ({}) in #{}; a decision is recorded once",
                c.id, done.decision, done.seq
            ),
        ));
    }
    if h.current_scores(&c.id).is_empty() {
        return Err(Error::input(
            "--candidate",
            format!("no score for {} has been submitted yet; decide after the panel has scored", c.id),
        ));
    }
    let decision = HireDecision::parse(&d.decision).field("--decision")?;
    let reason = text::text(&d.reason, text::MAX_TEXT).field("--reason")?;
    if d.make_leader && decision != HireDecision::Hire {
        return Err(Error::input("--make-leader", "only a hired candidate can become the sales leader"));
    }
    let on = fact_date(d.on, today, "--on")?;
    let departs = h.departure(&c.id, decision);
    let mut events = vec![Event::HireDecided { candidate: c.id.clone(), decision, reason }];
    if d.make_leader {
        events.push(Event::LeaderChanged { name: c.name.clone(), candidate: Some(c.id.clone()), on });
    }
    Ok((events, departs))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::testing::{d, state_with};

    #[test]
    fn the_first_candidate_records_the_built_in_template_first() {
        let events = add_candidate(&state_with(vec![]), "c-ana", "Ana Pérez").unwrap();
        assert!(matches!(&events[0], Event::HireTemplateLoaded { version: 1, .. }));
        assert!(matches!(&events[1], Event::CandidateAdded { id, .. } if id == "c-ana"));
        let s = state_with(events);
        let again = add_candidate(&s, "c-ben", "Ben Okafor").unwrap();
        assert_eq!(again.len(), 1, "the template is recorded once");
        assert!(add_candidate(&s, "C-ANA", "Ana again").unwrap_err().to_string().starts_with("--id"));
        assert!(add_candidate(&s, "c x", "X").unwrap_err().to_string().starts_with("--id"));
        assert!(add_candidate(&s, "c-x", " ").unwrap_err().to_string().starts_with("--name"));
    }

    #[test]
    fn templates_are_versioned_and_an_identical_one_is_refused() {
        let s = state_with(vec![]);
        let first = load_template(&s, builtin::sales_leader()).unwrap();
        assert!(matches!(first, Event::HireTemplateLoaded { version: 1, .. }));
        let s = state_with(vec![first]);
        assert!(load_template(&s, builtin::sales_leader())
            .unwrap_err()
            .to_string()
            .contains("same as version 1"));
        let mut changed = builtin::sales_leader();
        changed.competencies[0].weight = 3;
        assert!(matches!(load_template(&s, changed).unwrap(), Event::HireTemplateLoaded { version: 2, .. }));
        let mut bad = builtin::sales_leader();
        bad.competencies.clear();
        assert!(load_template(&s, bad).unwrap_err().to_string().starts_with("competencies"));
    }

    #[test]
    fn panelists_resolve_role_words_and_are_unique() {
        let s = state_with(vec![]);
        assert_eq!(add_panelist(&s, "ceo").unwrap(), Event::PanelistAdded { name: "Dana".into() });
        let s = state_with(vec![Event::PanelistAdded { name: "Dana".into() }]);
        assert!(add_panelist(&s, "dana").unwrap_err().to_string().contains("already on the panel"));
        assert!(add_panelist(&s, "").unwrap_err().to_string().starts_with("--name"));
        // A name that looks like a member's (Cyrillic а) is refused.
        let look_alike = add_panelist(&s, "D\u{0430}na").unwrap_err().to_string();
        assert!(look_alike.starts_with("--name") && look_alike.contains("looks like"), "{look_alike}");
    }

    #[test]
    fn a_panelist_is_added_with_their_key_in_one_go() {
        let keyless = crate::core::testing::state_with(vec![]);
        let key = crate::core::PublicKey([7; 32]);
        let first = add_panelist_with_key(&keyless, "Kim", Some(key)).unwrap_err().to_string();
        assert!(first.contains("first key must be the CEO's"), "{first}");
        let ceo_key = Event::MemberKeyAdded { name: "Dana".into(), key: crate::core::PublicKey([1; 32]) };
        let s = crate::core::testing::state_with(vec![ceo_key]);
        let events = add_panelist_with_key(&s, "Kim", Some(key)).unwrap();
        assert_eq!(events[0], Event::PanelistAdded { name: "Kim".into() });
        assert_eq!(events[1], Event::MemberKeyAdded { name: "Kim".into(), key });
        assert_eq!(add_panelist_with_key(&s, "Kim", None).unwrap().len(), 1);
    }

    #[test]
    fn debrief_and_decision_need_a_score_and_happen_once() {
        let mut events = add_candidate(&state_with(vec![]), "c-ana", "Ana Pérez").unwrap();
        events.push(Event::PanelistAdded { name: "Kim".into() });
        let s = state_with(events.clone());
        assert!(debrief(&s, "c-ana").unwrap_err().to_string().contains("no score"));
        assert!(debrief(&s, "c-zed").unwrap_err().to_string().contains("no candidate 'c-zed'"));
        let today = d("2026-03-01");
        let decision = |make_leader, decision: &str| NewDecision {
            candidate: "c-ana".into(),
            decision: decision.into(),
            reason: "strong on coaching".into(),
            make_leader,
            on: None,
        };
        assert!(decide(&s, decision(false, "hire"), today).unwrap_err().to_string().contains("no score"));
        events.push(score::tests::submitted("c-ana", "Kim", 4));
        let s = state_with(events.clone());
        let opened = debrief(&s, "c-ana").unwrap();
        events.push(opened);
        let s = state_with(events.clone());
        assert!(debrief(&s, "c-ana").unwrap_err().to_string().contains("was opened"));
        assert!(decide(&s, decision(false, "maybe"), today)
            .unwrap_err()
            .to_string()
            .starts_with("--decision"));
        assert!(decide(&s, decision(true, "no-hire"), today)
            .unwrap_err()
            .to_string()
            .starts_with("--make-leader"));
        let (made, departs) = decide(&s, decision(true, "hire"), today).unwrap();
        assert_eq!(departs, None);
        assert!(matches!(&made[1], Event::LeaderChanged { name, candidate: Some(c), .. }
            if name == "Ana Pérez" && c == "c-ana"));
        events.extend(made);
        let s = state_with(events);
        assert_eq!(s.info().leader, "Ana Pérez");
        assert!(decide(&s, decision(false, "hire"), today)
            .unwrap_err()
            .to_string()
            .contains("already decided"));
    }

    #[test]
    fn a_decision_against_the_ranking_is_noted() {
        let mut events = add_candidate(&state_with(vec![]), "c-ana", "Ana").unwrap();
        events.push(Event::CandidateAdded { id: "c-ben".into(), name: "Ben".into() });
        events.push(Event::PanelistAdded { name: "Kim".into() });
        events.push(score::tests::submitted("c-ana", "Kim", 4));
        events.push(score::tests::submitted("c-ben", "Kim", 3));
        let s = state_with(events.clone());
        let today = d("2026-03-01");
        let new = |id: &str, decision: &str| NewDecision {
            candidate: id.into(),
            decision: decision.into(),
            reason: "r".into(),
            make_leader: false,
            on: None,
        };
        let (_, note) = decide(&s, new("c-ben", "hire"), today).unwrap();
        assert!(note.unwrap().contains("ranked 2 of 2; first: c-ana"));
        let (turned_down, note) = decide(&s, new("c-ana", "no-hire"), today).unwrap();
        assert!(note.unwrap().contains("turns down c-ana, ranked first"));
        // Once Ana is turned down, Ben is the top of those who can be hired.
        events.extend(turned_down);
        let s = state_with(events);
        assert_eq!(decide(&s, new("c-ben", "hire"), today).unwrap().1, None);
    }
}
