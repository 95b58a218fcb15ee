//! People change in the fold: a rename carries the person's new name into
//! every fact that names them, so reports show one person under one name;
//! a hand-over moves the CEO's or the leader's seat in the ledger's
//! settings. The log keeps every record as written.

use super::{Origin, State};
use crate::core::event::Event;
use crate::core::member::Role;
use crate::core::state::MeetingKind;
use crate::core::time::Date;

/// One people change, for `member list` and the brief's readers: what
/// changed, why, and from when.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PeopleChange {
    /// "renamed" or "handed over".
    pub kind: String,
    /// Who it was about before (the former name, or the former holder).
    pub from: String,
    /// The new name, or the member who now holds the role.
    pub to: String,
    /// The role handed over (none for a rename).
    pub role: Option<Role>,
    pub reason: String,
    pub on: Date,
    pub origin: Origin,
}

pub(super) fn apply(state: &mut State, origin: Origin, event: &Event) {
    match event {
        Event::MemberRenamed { from, to, reason } => {
            rename(state, from, to);
            state.people_changes.push(PeopleChange {
                kind: "renamed".into(),
                from: from.clone(),
                to: to.clone(),
                role: None,
                reason: reason.clone(),
                on: origin.recorded_at.date(),
                origin,
            });
        }
        Event::RoleHandedOver { role, to, reason, on } => {
            let Some(info) = state.ledger.as_mut() else { return };
            let seat = match role {
                Role::Ceo => &mut info.ceo,
                Role::Leader => &mut info.leader,
                _ => return,
            };
            let from = std::mem::replace(seat, to.clone());
            state.people_changes.push(PeopleChange {
                kind: "handed over".into(),
                from,
                to: to.clone(),
                role: Some(*role),
                reason: reason.clone(),
                on: *on,
                origin,
            });
        }
        _ => {}
    }
}

/// Replaces `from` by `to` wherever the state names a person.
fn rename(state: &mut State, from: &str, to: &str) {
    let fix = |name: &mut String| {
        if name == from {
            *name = to.to_string();
        }
    };
    let fix_all = |names: &mut Vec<String>| names.iter_mut().for_each(fix);
    if let Some(info) = state.ledger.as_mut() {
        fix(&mut info.ceo);
        fix(&mut info.leader);
    }
    state.forecasts.iter_mut().for_each(|f| fix(&mut f.by));
    state.agreed_forecasts.iter_mut().for_each(|f| fix_all(&mut f.agreed_by));
    state.commitments.values_mut().for_each(|c| fix(&mut c.owner));
    for item in state.plan.items.values_mut() {
        item.owner.iter_mut().for_each(fix);
    }
    state.plan.changes.iter_mut().for_each(|c| fix(&mut c.requested_by));
    for version in state.deals.values_mut().flat_map(|d| d.versions.iter_mut()) {
        if let Some(risk) = version.risk.as_mut().filter(|r| r.action.is_some()) {
            if let Some(action) = std::sync::Arc::make_mut(risk).action.as_mut() {
                fix(&mut action.owner);
            }
        }
    }
    for meeting in &mut state.meetings {
        if let MeetingKind::Held { attendees, .. } = &mut meeting.kind {
            fix_all(attendees);
        }
    }
    state.acknowledgements.iter_mut().for_each(|a| fix_all(&mut a.by));
    state.issues.values_mut().for_each(|i| fix(&mut i.raised_by));
    for (_, event) in &mut state.hiring_events {
        match event {
            Event::PanelistAdded { name } => fix(name),
            Event::ScoreSubmitted { panelist, .. }
            | Event::ScoreSealed { panelist, .. }
            | Event::ScoreRevealed { panelist, .. } => fix(panelist),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::event::Event;
    use crate::core::member::Role;
    use crate::core::testing::*;

    #[test]
    fn a_rename_reaches_every_fact_that_names_the_person() {
        let made = Event::CommitmentMade {
            id: "C-1".into(),
            owner: "Dana".into(),
            what: "Plan".into(),
            due: d("2026-01-09"),
            meeting: None,
            on: d("2026-01-05"),
        };
        let held = Event::MeetingHeld {
            date: d("2026-01-05"),
            attendees: vec!["Dana".into(), "Lee".into()],
            worked_plan: None,
            results: None,
            adjust: None,
            note: None,
            rating: None,
        };
        let renamed = Event::MemberRenamed { from: "Dana".into(), to: "Dania".into(), reason: "typo".into() };
        let s = state_with(vec![made, held, Event::PanelistAdded { name: "Dana".into() }, renamed]);
        assert_eq!(s.info().ceo, "Dania");
        assert_eq!(s.commitments["C-1"].owner, "Dania");
        assert!(matches!(&s.meetings[0].kind, crate::core::state::MeetingKind::Held { attendees, .. }
            if attendees == &["Dania".to_string(), "Lee".to_string()]));
        assert!(matches!(&s.hiring_events[0].1, Event::PanelistAdded { name } if name == "Dania"));
        assert_eq!(s.people_changes[0].from, "Dana");
        assert!(s.members.get("Dania").unwrap().has(Role::Ceo));
    }

    #[test]
    fn a_hand_over_moves_the_seat_and_forecasts_follow_the_new_leader() {
        let kim = Event::MemberAdded { name: "Kim".into(), role: Role::Advisor, key: None };
        let over = Event::RoleHandedOver {
            role: Role::Leader,
            to: "Kim".into(),
            reason: "Lee moved to EMEA".into(),
            on: d("2026-01-05"),
        };
        let s = state_with(vec![kim, over]);
        assert_eq!(s.info().leader, "Kim");
        assert_eq!(s.people_changes[0].from, "Lee");
        assert_eq!(s.people_changes[0].role, Some(Role::Leader));
        assert!(s.members.get("Lee").unwrap().has(Role::Advisor));
    }
}
