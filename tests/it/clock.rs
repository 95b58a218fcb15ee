//! One wrong clock never locks the ledger: a recording time more than five
//! minutes ahead of the machine is refused, and a record already stamped in
//! the future is stepped back from once, visibly, with `clock reset`.

use crate::env::{finish, Run, TestEnv};

/// Runs at the machine's real clock (no CANDOR_NOW).
fn real_time(env: &TestEnv, args: &[&str]) -> Run {
    let mut c = env.command(args);
    c.env_remove("CANDOR_NOW");
    finish(c.output().unwrap())
}

fn allowed_future(env: &TestEnv, args: &[&str]) -> Run {
    let mut c = env.command(args);
    c.env("CANDOR_NOW", "2099-01-01T00:00:00Z").env("CANDOR_ALLOW_FUTURE_CLOCK", "1");
    finish(c.output().unwrap())
}

#[test]
fn a_recording_time_ahead_of_the_machine_is_refused_unless_fixtures_allow_it() {
    let mut env = TestEnv::with_ledger();
    env.at("2099-01-01T00:00:00Z");
    let run = env.run(&["issue", "raise", "--title", "From the future"]);
    let before = {
        env.at("2026-01-05T09:00:00Z");
        env.digest()
    };
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("clock") && run.stderr.contains("CANDOR_ALLOW_FUTURE_CLOCK"),
        "{}",
        run.stderr
    );
    assert_eq!(env.digest(), before);
    // init too.
    let fresh = TestEnv::new();
    let mut c = fresh.command(&["init", "--company", "A", "--ceo", "Dana", "--leader", "Lee"]);
    c.env("CANDOR_NOW", "2099-01-01T00:00:00Z");
    assert_eq!(finish(c.output().unwrap()).code, 2);
    assert!(!fresh.ledger_dir().join("db").exists(), "nothing was created");
    allowed_future(&env, &["issue", "raise", "--title", "Fixture in the future"]).ok();
}

#[test]
fn a_future_record_is_stepped_back_from_once_and_the_chain_still_verifies() {
    let env = TestEnv::with_ledger();
    allowed_future(&env, &["issue", "raise", "--title", "Typed with the wrong clock"]).ok();
    // Every real-time write is refused, saying how to recover; nothing written.
    let before = env.digest();
    let run = real_time(&env, &["issue", "raise", "--title", "Today"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("candor clock reset"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
    // A reason is required.
    let run = real_time(&env, &["clock", "reset", "--reason", ""]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--reason"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
    // The reset, then ordinary writes at the real time.
    real_time(&env, &["clock", "reset", "--reason", "The laptop's clock was wrong"]).ok();
    real_time(&env, &["issue", "raise", "--title", "Today"]).ok();
    let log = env.run(&["log", "--format", "json"]).ok().stdout;
    assert!(log.contains("clock_reset"), "{log}");
    env.run(&["verify"]).ok();
    // The step back survives export and restore, and a second reset is refused.
    let export = env.run(&["export"]).ok().stdout;
    std::fs::write(env.path("x.jsonl"), export).unwrap();
    let copy = env.path("copy");
    let mut c = env.command(&["restore", env.path("x.jsonl").to_str().unwrap()]);
    c.env("CANDOR_LEDGER", &copy);
    finish(c.output().unwrap()).ok();
    let again = real_time(&env, &["clock", "reset", "--reason", "again"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("nothing to reset"), "{}", again.stderr);
}

#[test]
fn a_step_back_that_is_not_a_clock_reset_fails_verify() {
    use candor::core::{Event, Timestamp};
    use candor::ledger::Ledger;
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::create(&dir.path().join("l")).unwrap();
    let t = |s: &str| Timestamp::parse(s).unwrap();
    let issue = |id: &str| Event::IssueRaised {
        id: id.into(),
        title: "x".into(),
        detail: None,
        on: t("2026-01-01T00:00:00Z").date(),
    };
    l.append("Lee", vec![issue("I-1")], t("2099-01-01T00:00:00Z")).unwrap();
    // A reset must step back from exactly the time before it.
    let wrong = Event::ClockReset { from: t("2098-01-01T00:00:00Z"), reason: "x".into() };
    let at = t("2026-01-02T00:00:00Z");
    // The store refuses it (the same rule as verify and restore)...
    assert!(l.append("Lee", vec![wrong.clone()], at).is_err());
    // ...so it is planted already chained, as a forger with the library would.
    let envelope = candor::core::Envelope { seq: 2, recorded_at: at, actor: "Lee".into(), event: wrong };
    let bytes = candor::ledger::codec::encode(&envelope).unwrap();
    let hash = candor::ledger::chain::link(&l.head().unwrap().hash, &bytes);
    l.append_chained(vec![candor::ledger::StoredRecord { seq: 2, hash, bytes }], at).unwrap();
    let v = candor::ledger::verify::verify(&l, None).unwrap();
    assert_eq!(v.failure.map(|f| f.seq), Some(2));
}

#[test]
fn a_reset_is_made_at_the_real_time_and_no_path_records_in_the_future() {
    let env = TestEnv::with_ledger();
    allowed_future(&env, &["issue", "raise", "--title", "Typed with the wrong clock"]).ok();
    let before = env.digest();
    // CANDOR_NOW cannot carry a reset back in time (here: 2020, before the opening too).
    let mut c = env.command(&["clock", "reset", "--reason", "rewind"]);
    c.env("CANDOR_NOW", "2020-01-01T00:00:00Z");
    let run = finish(c.output().unwrap());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("real time"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
    // The hidden bench path obeys the same five minutes.
    let mut c = env.command(&["bench", "append"]);
    c.env("CANDOR_NOW", "2099-06-01T00:00:00Z");
    assert_eq!(finish(c.output().unwrap()).code, 2);
    assert_eq!(env.digest(), before);
    // An export whose history ends in the future is refused by restore.
    let export = env.run(&["export"]).ok().stdout;
    std::fs::write(env.path("future.jsonl"), export).unwrap();
    let copy = env.path("copy");
    let mut c = env.command(&["restore", env.path("future.jsonl").to_str().unwrap()]);
    c.env("CANDOR_LEDGER", &copy);
    let run = finish(c.output().unwrap());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ahead of this machine's clock"), "{}", run.stderr);
    assert!(!copy.exists(), "nothing was created");
}
