//! Restore re-validates every event with the rules of the live commands: a
//! well-chained export whose events no command would write (re-chained by
//! someone with the codec and the hash function) is refused, exit 2, naming
//! the first bad record, and no ledger directory is created.

use crate::env::TestEnv;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use candor::core::hiring::builtin;
use candor::core::{Envelope, Event, Money, Period, Timestamp};
use candor::ledger::codec;
use serde_json::Value;
use std::path::PathBuf;

/// The envelopes of `env`'s ledger, read back from its export.
fn envelopes(env: &TestEnv) -> Vec<Envelope> {
    let export = env.run(&["export"]).ok().stdout;
    export
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            codec::decode(&B64.decode(v["raw"].as_str().unwrap()).unwrap()).unwrap()
        })
        .collect()
}

/// Writes `envs` as an export, chained, encoded and signed (with the keys
/// of the machine the records came from) exactly as `export` does.
fn rechain(base: &TestEnv, target: &TestEnv, envs: &[Envelope]) -> PathBuf {
    let text = crate::forge::signed_export(envs, &crate::forge::signers(base));
    let file = target.path("forged.jsonl");
    std::fs::write(&file, text).unwrap();
    file
}

/// A real ledger's records followed by `extra`, each recorded an hour later.
fn forged(base: &TestEnv, extra: Vec<Event>) -> Vec<Envelope> {
    let mut envs = envelopes(base);
    for event in extra {
        let last = envs.last().unwrap();
        let recorded_at = Timestamp::from_micros(last.recorded_at.micros() + 3_600_000_000);
        // Each by whoever may record it: the CEO's goals, a panelist's own score.
        let actor = match &event {
            Event::GoalSet { .. } | Event::LedgerOpened { .. } => "Dana".to_string(),
            Event::ScoreSubmitted { panelist, .. } => panelist.clone(),
            _ => "Lee".to_string(),
        };
        envs.push(Envelope { seq: last.seq + 1, recorded_at, actor, event });
    }
    envs
}

/// Restoring `envs` exits 2 naming `record SEQ` and `why`; nothing is created.
#[track_caller]
fn refused(base: &TestEnv, envs: &[Envelope], seq: u64, why: &str) {
    let target = TestEnv::new();
    let file = rechain(base, &target, envs);
    let run = target.run(&["restore", file.to_str().unwrap()]).code(2);
    // The signature pass names export lines; the rules name records (the same number).
    let named =
        run.stderr.contains(&format!("record {seq}: ")) || run.stderr.contains(&format!("line {seq}: "));
    assert!(named, "expected record {seq}: {}", run.stderr);
    assert!(run.stderr.contains(why), "expected '{why}': {}", run.stderr);
    assert!(!target.ledger_dir().exists(), "restore created the ledger directory");
}

/// A ledger with a deal, a commitment, a candidate and a panelist with a key.
fn hiring_ledger() -> TestEnv {
    let env = TestEnv::with_ledger();
    env.run(&[
        "deal",
        "add",
        "--id",
        "D-1",
        "--account",
        "Hooli",
        "--amount",
        "50k",
        "--close",
        "2026-03-31",
    ])
    .ok();
    env.run(&["commitment", "add", "--id", "C-1", "--owner", "leader", "--what", "x", "--due", "2026-01-09"])
        .ok();
    env.run(&["--as", "ceo", "hire", "candidate", "add", "--id", "c-ana", "--name", "Ana"]).ok();
    env.run(&["--as", "ceo", "hire", "panel", "add", "--name", "Kim"]).ok();
    // Kim's key, on this machine too, so her score can be signed.
    let key = env.run(&["key", "new", "--name", "Kim"]).ok().stdout;
    let key = key.split_whitespace().find(|w| w.starts_with("ed25519:")).unwrap().to_string();
    env.run(&["--as", "ceo", "member", "key", "--name", "Kim", "--key", &key]).ok();
    // The debrief opens on the CEO's own sealed score: forged clear scores
    // after it are judged by the rules, not refused as breaking the blind.
    env.run(&["--as", "ceo", "hire", "panel", "add", "--name", "ceo"]).ok();
    let ratings: Vec<String> = builtin::sales_leader().keys().into_iter().map(|k| format!("{k}=3")).collect();
    let mut args = vec!["--as", "ceo", "hire", "score", "--candidate", "c-ana", "--recommend", "yes"];
    for r in &ratings {
        args.extend(["--rating", r.as_str()]);
    }
    env.run(&args).ok();
    env.run(&["--as", "ceo", "hire", "debrief", "--candidate", "c-ana"]).ok();
    env
}

fn score(candidate: &str, panelist: &str) -> Event {
    let ratings = builtin::sales_leader()
        .keys()
        .into_iter()
        .map(|k| candor::core::hiring::Rating { key: k.to_string(), value: Some(3), evidence: None })
        .collect();
    Event::ScoreSubmitted {
        candidate: candidate.into(),
        panelist: panelist.into(),
        template_version: 1,
        ratings,
        recommend: candor::core::vocab::Recommendation::Yes,
        amends: None,
        reason: None,
    }
}

#[test]
fn a_faithful_rechain_of_a_real_ledger_restores() {
    let env = hiring_ledger();
    let envs = forged(&env, vec![score("c-ana", "Kim")]);
    let target = TestEnv::new();
    let file = rechain(&env, &target, &envs);
    let run = target.run(&["restore", file.to_str().unwrap()]).ok();
    assert!(run.stdout.contains(&format!("restored {} records", envs.len())), "{}", run.stdout);
}

#[test]
fn a_second_ledger_opened_is_refused() {
    let env = hiring_ledger();
    let renamed = Event::LedgerOpened {
        company: "Evil Corp".into(),
        ceo: "Mallory".into(),
        leader: "Eve".into(),
        currency: "USD".into(),
        fiscal_year_start: 1,
        cadence: candor::core::vocab::Cadence::Weekly,
    };
    let envs = forged(&env, vec![renamed]);
    refused(&env, &envs, envs.len() as u64, "ledger_opened");
}

#[test]
fn impossible_amounts_are_refused() {
    let env = hiring_ledger();
    let goal = |amount| Event::GoalSet { period: Period::parse("2026-Q1").unwrap(), amount: Money(amount) };
    let envs = forged(&env, vec![goal(i64::MAX)]);
    refused(&env, &envs, envs.len() as u64, "too large");
    let envs = forged(&env, vec![goal(-100)]);
    refused(&env, &envs, envs.len() as u64, "negative");
}

#[test]
fn a_panelist_scoring_twice_is_refused() {
    let env = hiring_ledger();
    let envs = forged(&env, vec![score("c-ana", "Kim"), score("c-ana", "Kim")]);
    refused(&env, &envs, envs.len() as u64, "already scored");
}

#[test]
fn a_score_for_an_unknown_candidate_is_refused() {
    let env = hiring_ledger();
    let envs = forged(&env, vec![score("c-zed", "Kim")]);
    refused(&env, &envs, envs.len() as u64, "no candidate 'c-zed'");
}

#[test]
fn completing_a_commitment_that_does_not_exist_is_refused() {
    let env = hiring_ledger();
    let on = envelopes(&env).last().unwrap().recorded_at.date();
    let envs = forged(&env, vec![Event::CommitmentDone { id: "C-9".into(), on }]);
    refused(&env, &envs, envs.len() as u64, "no commitment 'C-9'");
}

#[test]
fn a_duplicate_id_and_an_id_differing_by_case_are_refused() {
    let env = hiring_ledger();
    let deal = |id: &str| {
        let on = Timestamp::parse("2026-01-05T00:00:00Z").unwrap().date();
        Event::DealOpened {
            id: id.into(),
            account: "Initech".into(),
            amount: Money(10_000),
            close: on,
            stage: None,
            probability: None,
            on,
        }
    };
    let envs = forged(&env, vec![deal("D-1")]);
    refused(&env, &envs, envs.len() as u64, "already exists");
    let envs = forged(&env, vec![deal("d-1")]);
    refused(&env, &envs, envs.len() as u64, "differs only by case");
}

#[test]
fn a_backwards_clock_is_refused() {
    let env = hiring_ledger();
    let mut envs = forged(&env, vec![score("c-ana", "Kim")]);
    let last = envs.len() - 1;
    envs[last].recorded_at = Timestamp::parse("2025-12-31T00:00:00Z").unwrap();
    let target = TestEnv::new();
    let file = rechain(&env, &target, &envs);
    let run = target.run(&["restore", file.to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("goes backwards"), "{}", run.stderr);
    assert!(!target.ledger_dir().exists());
}

#[test]
fn an_acknowledgement_of_a_hash_not_in_the_chain_is_refused() {
    let env = TestEnv::with_ledger();
    env.run(&["meeting", "hold", "--acknowledge"]).ok();
    let mut envs = envelopes(&env);
    assert!(matches!(envs.last().unwrap().event, Event::HeadAcknowledged { .. }));
    let target = TestEnv::new();
    let file = rechain(&env, &target, &envs);
    target.run(&["restore", file.to_str().unwrap()]).ok();
    let last = envs.len() - 1;
    if let Event::HeadAcknowledged { hash, .. } = &mut envs[last].event {
        hash.0[0] ^= 1;
    }
    refused(&env, &envs, envs.len() as u64, "head_acknowledged");
}

#[test]
fn every_scenario_replays_exports_and_restores() {
    for name in ["manufacturing.candor", "services.candor"] {
        let script: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", "scenarios", name].iter().collect();
        let env = TestEnv::new();
        env.run(&["replay", script.to_str().unwrap()]).ok();
        let file = env.path("export.jsonl");
        env.run(&["export", "--output", file.to_str().unwrap()]).ok();
        let target = TestEnv::new();
        target.run(&["restore", file.to_str().unwrap()]).ok();
        assert_eq!(target.digest(), env.digest(), "{name}");
    }
}

#[test]
fn skipping_revalidation_restores_and_names_the_first_refused_record() {
    let env = hiring_ledger();
    let envs = forged(&env, vec![score("c-zed", "Kim")]);
    let target = TestEnv::new();
    let file = rechain(&env, &target, &envs);
    let run = target.run(&["restore", file.to_str().unwrap(), "--skip-revalidation"]).ok();
    assert!(run.stderr.contains(&format!("record {}: ", envs.len())), "{}", run.stderr);
}

#[test]
fn a_pipe_or_fifo_is_refused_before_anything_is_created() {
    let env = TestEnv::with_ledger();
    let target = env.path("target");
    let fifo = env.path("export.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut c = env.command(&["restore", fifo.to_str().unwrap()]);
    c.env("CANDOR_LEDGER", &target);
    let run = crate::env::finish(c.output().unwrap());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    assert!(!target.exists());
}
