//! Who may record what (sharing.md § 3): one pure rule that the command
//! line, restore and (later) the server all consult before anything is
//! written, so they cannot disagree.
//!
//! The rule judges the *signer's* member name against the state the event
//! is decided on. Records from before identity (format 1, unsigned) are not
//! held to it; every record this release writes is.

use crate::core::event::Event;
use crate::core::member::Role;
use crate::core::state::{Members, State};

/// A right the signer lacks. The message names the right and who holds it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{who} may not {what}: missing right '{right}' ({holders})")]
pub struct MissingRight {
    pub who: String,
    pub what: String,
    /// The right's name, as in docs/identity.md.
    pub right: &'static str,
    pub holders: &'static str,
}

/// Who may record an event, before looking at the event's own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    Ceo,
    Leader,
    CeoOrLeader,
    /// The owner of the commitment the event names.
    CommitmentOwner,
    /// The panelist the score names, who must be on the panel.
    OwnPanelist,
    /// The author of the corrected record (or the CEO, voiding).
    Author,
    /// The CEO, or a member adding a key for themselves (rotation).
    CeoOrSelfKey,
    /// The CEO, or a member correcting their own name.
    CeoOrSelfName,
    /// The CEO or the leader, for a commitment owned by either of them:
    /// a commitment owned by anyone else could never be closed, since only
    /// its owner may close it.
    CommitmentOfEither,
    /// Each side acknowledges for themselves only.
    OwnAcknowledgement,
}

/// (right name, what it covers, holder) for an event.
fn right_of(event: &Event) -> (&'static str, &'static str, Holder) {
    use Holder::*;
    match event {
        Event::LedgerOpened { .. } => ("open-ledger", "open the ledger", Ceo),
        Event::LeaderChanged { .. } => ("members", "change the sales leader", Ceo),
        Event::GoalSet { .. } => ("revenue-goals", "set a revenue goal", Ceo),
        Event::DecisionRightSet { .. } | Event::FocusSet { .. } => {
            ("expectations", "set decision rights or focus", Ceo)
        }
        Event::ThresholdSet { .. } | Event::SizeBandsSet { .. } => {
            ("thresholds", "set thresholds or size bands", Ceo)
        }
        Event::PlanMinimumRunSet { .. } => ("plan-minimum-run", "set the plan's minimum run", Ceo),
        Event::MemberAdded { .. } | Event::MemberRemoved { .. } => ("members", "add or remove members", Ceo),
        Event::MemberKeyAdded { .. } => ("members", "register a key for another member", CeoOrSelfKey),
        Event::MemberRenamed { .. } => ("members", "rename another member", CeoOrSelfName),
        Event::RoleHandedOver { .. } => ("members", "hand over the CEO's or the sales leader's role", Ceo),
        Event::HireTemplateLoaded { .. }
        | Event::CandidateAdded { .. }
        | Event::PanelistAdded { .. }
        | Event::DebriefOpened { .. }
        | Event::HireDecided { .. } => {
            ("hiring", "run hiring (templates, candidates, panel, debrief, decision)", Ceo)
        }
        Event::DealOpened { .. }
        | Event::DealChanged { .. }
        | Event::DealRiskFlagged { .. }
        | Event::DealRiskCleared { .. }
        | Event::DealWon { .. }
        | Event::DealLost { .. }
        | Event::DealRiskAction { .. }
        | Event::DealsImported { .. } => ("deals", "record deals and risks", Leader),
        Event::IndicatorRecorded { .. } => ("indicators", "record indicator values", Leader),
        Event::ContingencyAdded { .. } | Event::ContingencyActedOn { .. } => {
            ("contingencies", "record contingencies", Leader)
        }
        Event::PlanItemAdded { .. }
        | Event::PlanItemCompleted { .. }
        | Event::PlanOptionProposed { .. }
        | Event::IndicatorDefined { .. } => {
            ("plan-items", "record plan items, options and indicators", Leader)
        }
        Event::ActualRecorded { .. } => ("actuals", "record actuals", CeoOrLeader),
        Event::ForecastSubmitted { .. } => ("forecasts", "submit a forecast", CeoOrLeader),
        Event::ForecastAgreed { .. } => ("forecasts", "record an agreed forecast", CeoOrLeader),
        Event::CommitmentMade { .. } => ("commitments", "record this commitment", CommitmentOfEither),
        Event::CommitmentMissed { .. } => ("commitments", "record commitments", CeoOrLeader),
        Event::IssueRaised { .. } | Event::IssueResolved { .. } => ("issues", "record issues", CeoOrLeader),
        Event::MeetingHeld { .. } | Event::MeetingSkipped { .. } => {
            ("meetings", "record meetings", CeoOrLeader)
        }
        Event::PlanChanged { .. } | Event::PlanOptionAdopted { .. } => {
            ("plan-changes", "change the plan", CeoOrLeader)
        }
        Event::ClockReset { .. } => ("clock", "reset the recording clock", CeoOrLeader),
        Event::HeadAcknowledged { .. } => ("acknowledge", "acknowledge the record", OwnAcknowledgement),
        Event::CommitmentDone { .. }
        | Event::CommitmentRescheduled { .. }
        | Event::CommitmentDropped { .. } => {
            ("own-commitments", "close or move another person's commitment", CommitmentOwner)
        }
        Event::ScoreSubmitted { .. } | Event::ScoreSealed { .. } | Event::ScoreRevealed { .. } => {
            ("own-scores", "record another panelist's score", OwnPanelist)
        }
        Event::Corrected { .. } => ("corrections", "correct a record someone else made", Author),
    }
}

fn holders_text(h: Holder) -> &'static str {
    match h {
        Holder::Ceo => "the CEO only",
        Holder::Leader => "the sales leader only",
        Holder::CeoOrLeader => "the CEO or the sales leader",
        Holder::CommitmentOwner => "the commitment's owner only",
        Holder::OwnPanelist => "each panelist, for their own scores",
        Holder::Author => "the record's author; the CEO may void any record",
        Holder::CeoOrSelfKey => "the CEO, or a member adding a key for themselves",
        Holder::CeoOrSelfName => "the CEO, or a member renaming themselves",
        Holder::CommitmentOfEither => "the CEO or the sales leader, for a commitment owned by one of them",
        Holder::OwnAcknowledgement => "the CEO and the sales leader, each for themselves",
    }
}

/// Checks that `signer` may record `event` on `state`. `author_of_target`
/// is the actor of the record a correction targets (the caller reads it
/// from the log; the state does not keep authors).
pub fn check(
    state: &State,
    signer: &str,
    event: &Event,
    author_of_target: Option<&str>,
) -> Result<(), MissingRight> {
    let (right, what, holder) = right_of(event);
    let members = &state.members;
    // A server's key holds no right of its own: it only signs for members.
    let member = members.get(signer).filter(|m| m.is_active() && !m.has(Role::Server));
    let is = |role: Role| member.is_some_and(|m| m.has(role));
    let allowed = match holder {
        Holder::Ceo => {
            is(Role::Ceo) || (matches!(event, Event::LedgerOpened { .. }) && state.ledger.is_none())
        }
        Holder::Leader => is(Role::Leader),
        Holder::CeoOrLeader => is(Role::Ceo) || is(Role::Leader),
        Holder::CommitmentOfEither => {
            let owner = match event {
                Event::CommitmentMade { owner, .. } => members.get(owner).filter(|m| m.is_active()),
                _ => unreachable!("only a commitment made names its owner"),
            };
            let side = |m: &crate::core::state::Member| m.has(Role::Ceo) || m.has(Role::Leader);
            (is(Role::Ceo) || is(Role::Leader)) && owner.is_some_and(side)
        }
        Holder::CeoOrSelfKey => {
            is(Role::Ceo)
                || matches!(event, Event::MemberKeyAdded { name, .. } if name == signer && member.is_some())
        }
        Holder::CeoOrSelfName => {
            is(Role::Ceo)
                || matches!(event, Event::MemberRenamed { from, .. } if from == signer && member.is_some())
        }
        Holder::OwnAcknowledgement => {
            (is(Role::Ceo) || is(Role::Leader))
                && matches!(event, Event::HeadAcknowledged { by, .. } if by.len() == 1 && by[0] == signer)
        }
        Holder::CommitmentOwner => {
            let id = match event {
                Event::CommitmentDone { id, .. }
                | Event::CommitmentRescheduled { id, .. }
                | Event::CommitmentDropped { id, .. } => id,
                _ => unreachable!("only commitment steps are held by their owner"),
            };
            member.is_some() && state.commitments.get(id).is_some_and(|c| c.owner == signer)
        }
        Holder::OwnPanelist => {
            let panelist = match event {
                Event::ScoreSubmitted { panelist, .. }
                | Event::ScoreSealed { panelist, .. }
                | Event::ScoreRevealed { panelist, .. } => panelist,
                _ => unreachable!("only scores are held by their panelist"),
            };
            panelist == signer && is(Role::Panelist)
        }
        Holder::Author => {
            let voids = matches!(event, Event::Corrected { replacement: None, .. });
            // The author as the record names them, renamed since or not.
            let author = author_of_target.map(|a| members.current_name(a));
            (member.is_some() && author == Some(signer)) || (voids && is(Role::Ceo))
        }
    };
    if allowed {
        return Ok(());
    }
    let who = match member {
        Some(_) => signer.to_string(),
        None if members.get(signer).is_some_and(|m| m.has(Role::Server)) => format!("{signer} (a server)"),
        None if members.get(signer).is_some() => format!("{signer} (removed)"),
        None => format!("{signer} (not a member)"),
    };
    Err(MissingRight { who, what: what.to_string(), right, holders: holders_text(holder) })
}

/// The part of the rule that needs only the members: who may change who
/// the members are and which keys sign for them (the CEO; a member adding
/// a key for themselves). `verify` applies it along the chain, so a key
/// registered by anyone else never signs.
pub fn check_membership(members: &Members, signer: &str, event: &Event) -> Result<(), MissingRight> {
    let (right, what, holder) = right_of(event);
    let member = members.get(signer).filter(|m| m.is_active() && !m.has(Role::Server));
    let is_ceo = member.is_some_and(|m| m.has(Role::Ceo));
    let allowed = match (holder, event) {
        (_, Event::LedgerOpened { .. }) => true,
        (Holder::Ceo, _) => is_ceo,
        (Holder::CeoOrSelfKey, Event::MemberKeyAdded { name, .. }) => {
            is_ceo || (name == signer && member.is_some())
        }
        (Holder::CeoOrSelfName, Event::MemberRenamed { from, .. }) => {
            is_ceo || (from == signer && member.is_some())
        }
        _ => true,
    };
    if allowed {
        return Ok(());
    }
    Err(MissingRight {
        who: signer.to_string(),
        what: what.to_string(),
        right,
        holders: holders_text(holder),
    })
}

/// Who may issue a web login link for `member`: the CEO, or the member
/// for themselves (right `login-links`). A server member never signs in.
pub fn check_login_link(members: &Members, issuer: &str, member: &str) -> Result<(), MissingRight> {
    let active = |name: &str| members.get(name).filter(|m| m.is_active() && !m.has(Role::Server));
    let issuer_is_ceo = active(issuer).is_some_and(|m| m.has(Role::Ceo));
    if active(member).is_some() && active(issuer).is_some() && (issuer_is_ceo || issuer == member) {
        return Ok(());
    }
    Err(MissingRight {
        who: issuer.to_string(),
        what: format!("sign {member} in on the web"),
        right: "login-links",
        holders: "the CEO, or each member for themselves",
    })
}

/// The right an event needs, by name (for docs and tests).
pub fn right_name(event: &Event) -> &'static str {
    right_of(event).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::*;

    #[test]
    fn the_leader_may_not_set_goals_and_the_ceo_may_not_record_deals() {
        let s = state_with(Vec::new());
        let goal = Event::GoalSet { period: period("2026-Q1"), amount: crate::core::Money(100) };
        assert!(check(&s, "Dana", &goal, None).is_ok());
        let e = check(&s, "Lee", &goal, None).unwrap_err();
        assert!(e.to_string().contains("missing right 'revenue-goals'"), "{e}");
        assert!(check(&s, "Mallory", &goal, None).unwrap_err().to_string().contains("not a member"));
        let deal = opened("D-1", 100, "2026-03-01", "2026-01-05");
        assert!(check(&s, "Lee", &deal, None).is_ok());
        assert!(check(&s, "Dana", &deal, None).unwrap_err().to_string().contains("'deals'"));
    }

    #[test]
    fn a_commitment_is_owned_by_the_ceo_or_the_leader_and_closed_by_its_owner() {
        let made = |owner: &str| Event::CommitmentMade {
            id: "C-1".into(),
            owner: owner.into(),
            what: "Plan".into(),
            due: d("2026-01-09"),
            meeting: None,
            on: d("2026-01-05"),
        };
        let s = state_with(Vec::new());
        assert!(check(&s, "Lee", &made("Dana"), None).is_ok(), "either records one made by either");
        assert!(check(&s, "Dana", &made("Lee"), None).is_ok());
        let e = check(&s, "Lee", &made("Pat Kim"), None).unwrap_err();
        assert_eq!(e.right, "commitments");
        let s = state_with(vec![made("Lee")]);
        let done = Event::CommitmentDone { id: "C-1".into(), on: d("2026-01-08") };
        assert!(check(&s, "Lee", &done, None).is_ok());
        assert_eq!(check(&s, "Dana", &done, None).unwrap_err().right, "own-commitments");
    }

    #[test]
    fn only_the_author_corrects_and_the_ceo_may_void() {
        let s = state_with(Vec::new());
        let void = Event::Corrected { target: 2, replacement: None, reason: "x".into() };
        let set =
            Event::Corrected { target: 2, replacement: Some(Box::new(ledger_opened())), reason: "x".into() };
        assert!(check(&s, "Lee", &set, Some("Lee")).is_ok());
        assert!(check(&s, "Dana", &void, Some("Lee")).is_ok());
        assert_eq!(check(&s, "Dana", &set, Some("Lee")).unwrap_err().right, "corrections");
        assert_eq!(check(&s, "Lee", &void, Some("Dana")).unwrap_err().right, "corrections");
    }

    #[test]
    fn the_ceo_renames_anyone_a_member_only_themselves_and_only_the_ceo_hands_over() {
        let s = state_with(vec![Event::MemberAdded { name: "Kim".into(), role: Role::Advisor, key: None }]);
        let rename =
            |from: &str| Event::MemberRenamed { from: from.into(), to: "Pat".into(), reason: "x".into() };
        assert!(check(&s, "Dana", &rename("Lee"), None).is_ok());
        assert!(check(&s, "Lee", &rename("Lee"), None).is_ok());
        assert_eq!(check(&s, "Lee", &rename("Kim"), None).unwrap_err().right, "members");
        assert!(check_membership(&s.members, "Lee", &rename("Lee")).is_ok());
        assert!(check_membership(&s.members, "Lee", &rename("Dana")).is_err());
        let over = Event::RoleHandedOver {
            role: Role::Leader,
            to: "Kim".into(),
            reason: "x".into(),
            on: d("2026-01-05"),
        };
        assert!(check(&s, "Dana", &over, None).is_ok());
        assert_eq!(check(&s, "Lee", &over, None).unwrap_err().right, "members");
        assert!(check_membership(&s.members, "Lee", &over).is_err());
    }

    #[test]
    fn a_renamed_author_still_corrects_their_own_records() {
        let renamed = Event::MemberRenamed { from: "Lee".into(), to: "Leigh".into(), reason: "typo".into() };
        let s = state_with(vec![renamed]);
        let set =
            Event::Corrected { target: 2, replacement: Some(Box::new(ledger_opened())), reason: "x".into() };
        assert!(check(&s, "Leigh", &set, Some("Lee")).is_ok());
    }

    #[test]
    fn a_server_holds_no_right_and_login_links_are_the_ceos_or_ones_own() {
        let web = Event::MemberAdded { name: "candor web".into(), role: Role::Server, key: None };
        let kim = Event::MemberAdded { name: "Kim".into(), role: Role::Panelist, key: None };
        let s = state_with(vec![web, kim]);
        let deal = opened("D-1", 100, "2026-03-01", "2026-01-05");
        let e = check(&s, "candor web", &deal, None).unwrap_err();
        assert!(e.who.contains("a server"), "{e}");
        let own_key =
            Event::MemberKeyAdded { name: "candor web".into(), key: crate::core::PublicKey([5; 32]) };
        assert!(check(&s, "candor web", &own_key, None).is_err(), "not even its own key");
        assert!(check_membership(&s.members, "candor web", &own_key).is_err());
        let m = &s.members;
        assert!(check_login_link(m, "Dana", "Kim").is_ok());
        assert!(check_login_link(m, "Kim", "Kim").is_ok());
        assert_eq!(check_login_link(m, "Lee", "Kim").unwrap_err().right, "login-links");
        assert!(check_login_link(m, "Dana", "candor web").is_err(), "a server never signs in");
        assert!(check_login_link(m, "Dana", "Mallory").is_err());
    }
}
