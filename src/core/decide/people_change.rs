//! People change: a member's name corrected (`member rename`), and the
//! CEO's or the sales leader's role handed to another member (`member
//! hand-over`). Who may do it is `core::rights` (the CEO; a member may
//! rename themselves); this judges the values.

use super::member::{find, renamed};
use super::{fact_date, not_before};
use crate::core::event::Event;
use crate::core::hiring::Hiring;
use crate::core::member::Role;
use crate::core::state::State;
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};

/// `member rename`: the member `name` is called `to` from now on.
pub fn rename(state: &State, name: &str, to: &str, reason: &str) -> Result<Event> {
    let member = find(state, name, "--name")?;
    let from = member.name.clone();
    let to = text::person_name(to).field("--to")?;
    if to == from {
        return Err(Error::input("--to", format!("{from} is already the name; give the new one")));
    }
    if matches!(to.to_lowercase().as_str(), "ceo" | "leader" | "sales-leader") {
        return Err(Error::input("--to", format!("'{to}' is a role word; give the person's name")));
    }
    let skeleton = text::skeleton(&to);
    // Anyone else's name, or one that could be mistaken for it, is taken;
    // the member's own name in another case or spelling is not.
    if let Some(other) =
        state.members.by_name.values().find(|m| m.name != from && text::skeleton(&m.name) == skeleton)
    {
        return Err(Error::input(
            "--to",
            format!(
                "'{to}' is taken by, or looks like, the member '{}'; choose a name nobody has",
                other.name
            ),
        ));
    }
    // A former name belongs to its person; their own former one may come back.
    if let Some((former, now)) = renamed(state, &to).filter(|(_, now)| *now != from) {
        return Err(Error::input(
            "--to",
            format!("'{former}' is the former name of {now}; a former name is not given to anyone else"),
        ));
    }
    // A sealed score's clear copy waits on the panelist's machine under
    // their name until it is revealed; renaming first would strand it.
    let hiring = Hiring::of(state);
    if let Some(seal) = hiring.seals.iter().find(|s| s.panelist == from && s.revealed.is_none()) {
        return Err(Error::input(
            "--name",
            format!(
                "{from} has a sealed score for {} not yet revealed (record {}); rename after the debrief reveals it",
                seal.candidate, seal.seq
            ),
        ));
    }
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::MemberRenamed { from, to, reason })
}

/// `member hand-over`: `role` (ceo or leader) passes to the member `to`
/// from `on` (today when not given); the holder stays an advisor.
pub fn hand_over(
    state: &State,
    role: Role,
    to: &str,
    reason: &str,
    on: Option<Date>,
    today: Date,
) -> Result<Event> {
    let (word, other) = match role {
        Role::Ceo => ("CEO", Role::Leader),
        Role::Leader => ("sales leader", Role::Ceo),
        r => {
            return Err(Error::input(
                "--role",
                format!("'{r}' is not handed over; hand over ceo or leader (add others with `member add`)"),
            ))
        }
    };
    let member = find(state, to, "--to")?;
    if member.has(role) {
        return Err(Error::input("--to", format!("{} is already the {word}", member.name)));
    }
    if member.has(other) {
        return Err(Error::input(
            "--to",
            format!(
                "{} is the {}; the CEO and the sales leader are two people — hand that role over first",
                member.name,
                if other == Role::Ceo { "CEO" } else { "sales leader" }
            ),
        ));
    }
    if member.has(Role::Server) {
        return Err(Error::input("--to", format!("{} is a server's key, not a person", member.name)));
    }
    // Once the ledger signs, the new holder must be able to sign as the role.
    if state.members.any_key() && member.live_keys(&state.members).next().is_none() {
        return Err(Error::input(
            "--to",
            format!(
                "{0} has no key: they make one with `candor key new --name \"{0}\"` and the CEO registers it \
                 with `candor member key` before the hand-over",
                member.name
            ),
        ));
    }
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    let on = fact_date(on, today, "--on")?;
    if let Some(info) = state.ledger.as_ref() {
        not_before(on, info.opened.recorded_at.date(), "--on", "the day the ledger opened")?;
    }
    Ok(Event::RoleHandedOver { role, to: member.name.clone(), reason, on })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::member::PublicKey;
    use crate::core::testing::*;

    fn field(r: Result<Event>) -> String {
        match r {
            Err(Error::Input { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_rename_fixes_a_name_and_refuses_what_would_confuse() {
        let s = state_with(vec![Event::MemberAdded { name: "Kim".into(), role: Role::Advisor, key: None }]);
        assert_eq!(
            rename(&s, "ceo", "Dania", "typo at init").unwrap(),
            Event::MemberRenamed { from: "Dana".into(), to: "Dania".into(), reason: "typo at init".into() }
        );
        assert!(rename(&s, "Dana", "DANA", "case").is_ok(), "one's own name in another case");
        assert_eq!(field(rename(&s, "Dana", "Dana", "x")), "--to");
        assert_eq!(field(rename(&s, "Dana", "Kim", "x")), "--to");
        assert_eq!(field(rename(&s, "Dana", "leader", "x")), "--to");
        assert_eq!(field(rename(&s, "Nobody", "Pat", "x")), "--name");
        assert_eq!(field(rename(&s, "Dana", "Pat", " ")), "--reason");
    }

    #[test]
    fn a_former_name_stays_with_its_person() {
        let renamed = Event::MemberRenamed { from: "Dana".into(), to: "Dania".into(), reason: "typo".into() };
        let s = state_with(vec![renamed]);
        assert_eq!(field(rename(&s, "Lee", "Dana", "x")), "--to");
        assert!(rename(&s, "Dania", "Dana", "back").is_ok(), "the same person may take it back");
        let e = rename(&s, "Dana", "Pat", "x").unwrap_err().to_string();
        assert!(e.contains("Dana was renamed Dania"), "{e}");
        let add = super::super::member::add(&s, "Dana", Role::Advisor, None).unwrap_err().to_string();
        assert!(add.contains("former name"), "{add}");
    }

    #[test]
    fn a_panelist_with_a_sealed_score_is_renamed_after_the_reveal() {
        let sealed = Event::ScoreSealed {
            candidate: "c-ana".into(),
            panelist: "Lee".into(),
            template_version: 1,
            commitment: crate::core::Hash32([7; 32]),
        };
        let s = state_with(vec![Event::PanelistAdded { name: "Lee".into() }, sealed]);
        let e = rename(&s, "Lee", "Leigh", "typo").unwrap_err().to_string();
        assert!(e.contains("sealed score"), "{e}");
    }

    #[test]
    fn a_hand_over_goes_to_a_member_who_can_sign() {
        let kim = Event::MemberAdded { name: "Kim".into(), role: Role::Advisor, key: None };
        let today = d("2026-01-10");
        let s = state_with(vec![kim.clone()]);
        let made = hand_over(&s, Role::Ceo, "Kim", "Dana retires", Some(d("2026-01-05")), today).unwrap();
        assert!(matches!(made, Event::RoleHandedOver { role: Role::Ceo, ref to, .. } if to == "Kim"));
        assert_eq!(field(hand_over(&s, Role::Ceo, "Dana", "x", None, today)), "--to");
        assert_eq!(field(hand_over(&s, Role::Ceo, "Lee", "x", None, today)), "--to");
        assert_eq!(field(hand_over(&s, Role::Panelist, "Kim", "x", None, today)), "--role");
        assert_eq!(field(hand_over(&s, Role::Leader, "Kim", "", None, today)), "--reason");
        assert_eq!(field(hand_over(&s, Role::Leader, "Kim", "x", Some(d("2026-02-01")), today)), "--on");
        let keyed =
            state_with(vec![Event::MemberKeyAdded { name: "Dana".into(), key: PublicKey([1; 32]) }, kim]);
        assert_eq!(field(hand_over(&keyed, Role::Leader, "Kim", "x", None, today)), "--to", "Kim has no key");
    }
}
