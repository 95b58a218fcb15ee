use super::*;
use crate::core::decide::hire::{add_candidate, score::tests::submitted};
use crate::core::member::Role;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::testing::{d, ledger_opened, opened, state_with};
use crate::core::Timestamp;

/// Envelopes from record 1, each recorded at noon on its date.
fn chain(events: Vec<(&str, Event)>) -> Vec<Envelope> {
    events
        .into_iter()
        .enumerate()
        .map(|(i, (at, event))| Envelope {
            seq: i as u64 + 1,
            recorded_at: Timestamp::parse(&format!("{at}T12:00:00Z")).unwrap(),
            actor: "Lee".into(),
            event,
        })
        .collect()
}

/// A history the live commands could write, then `bad` as the next record.
fn refused(bad: Event) -> String {
    let mut events = base();
    events.push(("2026-02-02", bad));
    let n = events.len();
    let err = revalidate_all(&[], &chain(events)).unwrap_err().to_string();
    assert!(err.starts_with(&format!("record {n}: ")), "{err}");
    err
}

fn base() -> Vec<(&'static str, Event)> {
    let mut hiring = add_candidate(&state_with(vec![]), "c-ana", "Ana Pérez").unwrap();
    hiring.push(Event::PanelistAdded { name: "Kim".into() });
    hiring.push(Event::PanelistAdded { name: "Dana".into() });
    hiring.push(sealed("c-ana", "Dana"));
    hiring.push(Event::DebriefOpened { candidate: "c-ana".into() });
    hiring.push(submitted("c-ana", "Kim", 4));
    let mut events = vec![
        ("2026-01-05", ledger_opened()),
        (
            "2026-01-05",
            Event::GoalSet { period: Period::parse("2026-Q1").unwrap(), amount: Money(10_000_000) },
        ),
        ("2026-01-06", opened("D-1", 5_000_000, "2026-03-31", "2026-01-06")),
        (
            "2026-01-07",
            Event::CommitmentMade {
                id: "c-1".into(),
                owner: "Lee".into(),
                what: "Call Acme".into(),
                due: d("2026-01-20"),
                meeting: None,
                on: d("2026-01-07"),
            },
        ),
        ("2026-01-08", Event::CommitmentDone { id: "c-1".into(), on: d("2026-01-08") }),
    ];
    events.extend(hiring.into_iter().map(|e| ("2026-01-09", e)));
    events
}

#[test]
fn a_history_the_commands_write_is_accepted() {
    let state = revalidate_all(&[], &chain(base())).unwrap();
    assert_eq!(state.last_seq, base().len() as u64);
}

#[test]
fn a_second_ledger_opened_is_refused() {
    let mut renamed = ledger_opened();
    if let Event::LedgerOpened { company, .. } = &mut renamed {
        *company = "Evil Corp".into();
    }
    assert!(refused(renamed).contains("opened once"));
}

#[test]
fn impossible_amounts_are_refused() {
    let goal = |amount| Event::GoalSet { period: Period::parse("2026-Q2").unwrap(), amount: Money(amount) };
    assert!(refused(goal(i64::MAX)).contains("too large"));
    assert!(refused(goal(-5)).contains("negative"));
    assert!(refused(goal(0)).contains("zero"));
    assert!(refused(opened("D-2", -1, "2026-03-31", "2026-02-02")).contains("negative"));
}

/// A seal with a made-up commitment (revalidation cannot open it, and need not).
fn sealed(candidate: &str, panelist: &str) -> Event {
    Event::ScoreSealed {
        candidate: candidate.into(),
        panelist: panelist.into(),
        template_version: 1,
        commitment: crate::core::Hash32([1; 32]),
    }
}

#[test]
fn a_score_in_clear_before_the_debrief_is_refused() {
    let mut events = base();
    events.push(("2026-02-02", Event::CandidateAdded { id: "c-ben".into(), name: "Ben".into() }));
    events.push(("2026-02-02", submitted("c-ben", "Kim", 3)));
    let n = events.len();
    let err = revalidate_all(&[], &chain(events)).unwrap_err().to_string();
    assert!(err.starts_with(&format!("record {n}: score_submitted: debrief: ")), "{err}");
    let mut events = base();
    events.push(("2026-02-02", Event::CandidateAdded { id: "c-ben".into(), name: "Ben".into() }));
    events.push(("2026-02-02", sealed("c-ben", "Kim")));
    assert!(revalidate_all(&[], &chain(events)).is_ok(), "a seal is what goes before the debrief");
}

#[test]
fn a_panelist_scoring_twice_is_refused() {
    assert!(refused(submitted("c-ana", "Kim", 3)).contains("already scored"));
}

#[test]
fn a_score_for_an_unknown_candidate_is_refused() {
    assert!(refused(submitted("c-zed", "Kim", 3)).contains("no candidate 'c-zed'"));
}

#[test]
fn finishing_a_commitment_that_does_not_exist_is_refused() {
    let err = refused(Event::CommitmentDone { id: "c-9".into(), on: d("2026-02-02") });
    assert!(err.contains("no commitment 'c-9'"), "{err}");
    let again = refused(Event::CommitmentDone { id: "c-1".into(), on: d("2026-02-02") });
    assert!(again.contains("cannot be completed again"), "{again}");
}

#[test]
fn duplicate_ids_and_ids_differing_by_case_are_refused() {
    assert!(refused(opened("D-1", 10_00, "2026-03-31", "2026-02-02")).contains("already exists"));
    let err = refused(opened("d-1", 10_00, "2026-03-31", "2026-02-02"));
    assert!(err.contains("differs only by case") && err.contains("'D-1'"), "{err}");
}

#[test]
fn a_fact_dated_after_its_recording_is_refused() {
    assert!(refused(opened("D-2", 10_00, "2026-03-31", "2026-02-03")).contains("after today"));
}

#[test]
fn a_backwards_clock_is_refused() {
    let mut envs = chain(base());
    let mut late = envs.last().unwrap().clone();
    late.seq += 1;
    late.recorded_at = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
    late.event =
        Event::IssueRaised { id: "I-1".into(), title: "x".into(), detail: None, on: d("2026-01-01") };
    envs.push(late);
    let err = revalidate_all(&[], &envs).unwrap_err().to_string();
    assert!(err.contains("recorded_at") && err.contains("never go backwards"), "{err}");
}

#[test]
fn a_gap_or_a_late_opening_is_refused() {
    let mut envs = chain(base());
    envs[3].seq = 9;
    assert!(revalidate_all(&[], &envs).unwrap_err().to_string().starts_with("record 9: "));
    let envs =
        chain(vec![("2026-01-05", Event::MeetingSkipped { date: d("2026-01-05"), reason: "x".into() })]);
    assert!(revalidate_all(&[], &envs).unwrap_err().to_string().contains("must be ledger_opened"));
}

#[test]
fn corrections_follow_the_rules_of_correct() {
    let fix = |target, replacement: Option<Event>| Event::Corrected {
        target,
        replacement: replacement.map(Box::new),
        reason: "typo".into(),
    };
    let goal = |amount| Event::GoalSet { period: Period::parse("2026-Q1").unwrap(), amount: Money(amount) };
    let mut events = base();
    events.push(("2026-02-02", fix(2, Some(goal(12_000_000)))));
    events.push(("2026-02-02", goal(10_000_000)));
    revalidate_all(&[], &chain(events)).unwrap();
    assert!(refused(fix(1, None)).contains("opens the ledger"));
    assert!(refused(fix(2, Some(goal(-1)))).contains("record"));
    assert!(refused(fix(2, Some(goal(10_000_000)))).contains("--set"), "nothing changed");
}

#[test]
fn a_checker_continues_from_a_history() {
    let envs = chain(base());
    let (before, after) = envs.split_at(4);
    let state = revalidate_all(before, after).unwrap();
    assert_eq!(state.last_seq, envs.len() as u64);
    let again = revalidate_all(&envs, &envs[envs.len() - 1..]).unwrap_err().to_string();
    assert!(again.contains("was expected"), "{again}");
}

#[test]
fn a_candidate_without_the_template_its_command_records_first_is_refused() {
    let added = Event::CandidateAdded { id: "c-ana".into(), name: "Ana".into() };
    let envs = chain(vec![("2026-01-05", ledger_opened()), ("2026-01-05", added)]);
    let err = revalidate_all(&[], &envs).unwrap_err().to_string();
    assert!(err.starts_with("record 2: candidate_added"), "{err}");
}

#[test]
fn people_changes_are_judged_as_their_commands_judge_them() {
    let mut events = base();
    let rename =
        Event::MemberRenamed { from: "Lee".into(), to: "Lee Chen".into(), reason: "full name".into() };
    events.push(("2026-02-02", rename));
    events.push(("2026-02-02", Event::MemberAdded { name: "Ari".into(), role: Role::Advisor, key: None }));
    let over = Event::RoleHandedOver {
        role: Role::Leader,
        to: "Ari".into(),
        reason: "moves on".into(),
        on: d("2026-02-02"),
    };
    events.push(("2026-02-03", over));
    let state = revalidate_all(&[], &chain(events)).unwrap();
    assert_eq!(state.info().leader, "Ari");
    assert_eq!(state.commitments["c-1"].owner, "Lee Chen");

    let taken = Event::MemberRenamed { from: "Lee".into(), to: "Kim".into(), reason: "x".into() };
    assert!(refused(taken).contains("member_renamed: --to"));
    let to_the_ceo = Event::RoleHandedOver {
        role: Role::Leader,
        to: "Dana".into(),
        reason: "x".into(),
        on: d("2026-02-02"),
    };
    assert!(refused(to_the_ceo).contains("role_handed_over: --to"));
    let future = Event::RoleHandedOver {
        role: Role::Leader,
        to: "Kim".into(),
        reason: "x".into(),
        on: d("2026-03-01"),
    };
    assert!(refused(future).contains("--on"));
}
