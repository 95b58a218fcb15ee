//! What a write says it recorded: human words on a terminal or a pipe,
//! one JSON object with `--format json`, and `log` in human units.

use crate::env::TestEnv;

/// `commitment add` of C-1 for the leader, due 2026-01-16, then `extra`.
fn add_c1(env: &TestEnv, what: &str, extra: &[&str]) -> crate::env::Run {
    let mut args =
        vec!["commitment", "add", "--id", "C-1", "--owner", "leader", "--what", what, "--due", "2026-01-16"];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn split_digest(d: &str) -> (u64, String) {
    let (seq, hash) = d.trim().split_once(':').expect("SEQ:HASH");
    (seq.parse().unwrap(), hash.to_string())
}

#[test]
fn a_write_says_what_it_recorded_in_words_and_who_signed() {
    let env = TestEnv::with_ledger();
    let out = add_c1(&env, "Send pricing", &[]).ok().stdout;
    let (seq, _) = split_digest(&env.digest());
    assert!(out.contains(&format!("Recorded commitment C-1 for Lee, due 2026-01-16 (#{seq})")), "{out}");
    assert!(out.contains("signed by Lee with ed25519:"), "{out}");
    assert!(!out.contains("commitment_made") && !out.contains(" as "), "no kinds or hashes: {out}");
}

#[test]
fn format_json_on_a_write_prints_one_object_with_seq_hash_kind_and_id() {
    let env = TestEnv::with_ledger();
    let run = add_c1(&env, "Send pricing", &["--format", "json"]).ok();
    let v = run.json();
    let (seq, hash) = split_digest(&env.digest());
    let records = v["records"].as_array().expect("records");
    assert_eq!(records.len(), 1, "{v}");
    let r = &records[0];
    assert_eq!((r["seq"].as_u64(), r["hash"].as_str()), (Some(seq), Some(hash.as_str())), "{v}");
    assert_eq!(
        (r["kind"].as_str(), r["id"].as_str(), r["actor"].as_str()),
        (Some("commitment_made"), Some("C-1"), Some("Lee"))
    );
    assert!(r["signed_by"].as_str().is_some_and(|k| k.starts_with("ed25519:")), "{v}");

    // A write that also says something keeps it, inside the object.
    let goal = env
        .run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1.2M", "--format", "json"])
        .ok()
        .json();
    assert_eq!(goal["records"][0]["kind"], "goal_set");
    assert_eq!(goal["records"][0]["id"], "2026-Q1");
    let notes = goal["notes"].as_array().expect("the goal's note");
    assert!(notes.iter().any(|n| n.as_str().is_some_and(|n| n.contains("1,200,000"))), "{goal}");
}

#[test]
fn a_refused_write_with_format_json_prints_no_records_and_writes_nothing() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let run = env
        .run(&[
            "commitment",
            "add",
            "--id",
            "C 1",
            "--owner",
            "leader",
            "--what",
            "x",
            "--due",
            "2026-01-16",
            "--format",
            "json",
        ])
        .code(2);
    assert!(!run.stdout.contains("records"), "{}", run.stdout);
    assert!(run.stderr.contains("--id"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
}

#[test]
fn init_with_format_json_lists_the_records_it_opened_with() {
    let env = TestEnv::new();
    env.run(&["key", "new", "--name", "Dana"]).ok();
    let v = env
        .run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee", "--format", "json"])
        .ok()
        .json();
    let kinds: Vec<&str> =
        v["records"].as_array().unwrap().iter().filter_map(|r| r["kind"].as_str()).collect();
    assert_eq!(kinds, ["ledger_opened", "member_key_added"], "{v}");
    let (seq, hash) = split_digest(&env.digest());
    assert_eq!(
        (v["records"][1]["seq"].as_u64(), v["records"][1]["hash"].as_str()),
        (Some(seq), Some(hash.as_str()))
    );
}

#[test]
fn log_shows_amounts_targets_and_levels_in_human_units() {
    let env = TestEnv::with_ledger();
    let lee = |args: &[&str]| {
        let mut all = vec!["--as", "leader"];
        all.extend_from_slice(args);
        env.run(&all).ok();
    };
    lee(&["indicator", "define", "--name", "calls", "--target", "12.5"]);
    env.run(&[
        "--as",
        "ceo",
        "threshold",
        "set",
        "--metric",
        "commitments",
        "--green",
        "85%",
        "--amber",
        "70%",
    ])
    .ok();
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1.2M"]).ok();
    for format in ["table", "md"] {
        let log = env.run(&["log", "--format", format]).ok().stdout;
        assert!(log.contains("target=12.5"), "{log}");
        assert!(log.contains("green=85% amber=70%"), "{log}");
        assert!(log.contains("amount=1,200,000"), "{log}");
        assert!(!log.contains("_milli") && !log.contains("_bp"), "{log}");
    }
}

#[test]
fn log_fits_80_columns_and_keeps_every_field_in_a_pipe() {
    let env = TestEnv::with_ledger();
    add_c1(&env, "Send the Q1 plan", &[]).ok();
    let fitted = crate::env::finish(env.command(&["log"]).env("COLUMNS", "80").output().unwrap()).ok().stdout;
    let widest = fitted.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns:\n{fitted}");
    assert!(fitted.contains("commitment_made") && fitted.contains("id=C-1"), "{fitted}");
    let piped = env.run(&["log"]).ok().stdout;
    assert!(piped.lines().any(|l| l.chars().count() > 80), "a pipe gets whole lines:\n{piped}");
    assert!(piped.contains("what=Send the Q1 plan due=2026-01-16"), "{piped}");
}
