//! `bench fill --shape realistic`: a ledger shaped like years of weekly work
//! that every report reads without error, that restore's rule book accepts
//! record by record, and whose times end at the command's clock.

use crate::env::TestEnv;

const NOW: &str = "2026-11-27T17:00:00Z";

fn filled(count: &str) -> TestEnv {
    let mut env = TestEnv::new();
    env.at(NOW);
    env.run(&["bench", "fill", "--count", count, "--shape", "realistic"]).ok();
    env
}

#[test]
fn every_report_runs_on_a_realistic_ledger() {
    let env = filled("3000");
    assert!(env.digest().starts_with("3000:"), "{}", env.digest());
    let verify = env.run(&["verify"]).ok();
    assert!(verify.stdout.contains("ok: 3000 records verified"), "{}", verify.stdout);
    for args in [
        &["trust"][..],
        &["brief"],
        &["audit", "commitments"],
        &["audit", "pipeline"],
        &["audit", "slips"],
        &["audit", "forecast"],
        &["audit", "cadence"],
        &["audit", "indicators"],
        &["deal", "list"],
        &["meeting", "list"],
        &["log"],
    ] {
        let run = env.run(args).ok();
        assert!(!run.stdout.is_empty(), "{args:?} printed nothing");
    }
    let trust = env.run(&["trust", "--format", "json"]).ok().json();
    assert!(trust.is_object(), "{trust}");
}

#[test]
fn its_times_end_at_the_clock_and_its_records_pass_restore() {
    let env = filled("1200");
    let last = env.run(&["show", "1200", "--format", "json"]).ok().json();
    assert_eq!(last["recorded_at"], NOW);
    let first = env.run(&["show", "1", "--format", "json"]).ok().json();
    assert!(first["recorded_at"].as_str().unwrap() < NOW, "{first}");
    let export = env.path("export.jsonl");
    env.run(&["export", "--output", export.to_str().unwrap()]).ok();
    let copy = env.path("copy");
    let restored = env.run(&["--ledger", copy.to_str().unwrap(), "restore", export.to_str().unwrap()]).ok();
    assert!(restored.stdout.contains("restored 1200 records"), "{}", restored.stdout);
}

#[test]
fn the_same_seed_gives_the_same_ledger() {
    assert_eq!(filled("600").digest(), filled("600").digest());
}

#[test]
fn the_raw_bytes_are_the_sum_of_the_records_lengths() {
    let env = filled("600");
    let run = env.run(&["bench", "raw-bytes"]).ok();
    let ledger = candor::ledger::Ledger::open(&env.ledger_dir()).unwrap();
    let sum: usize = ledger.records().map(|r| r.unwrap().bytes.len()).sum();
    assert_eq!(run.stdout.trim(), format!("600 records, {sum} bytes"));
}

#[test]
fn too_few_records_or_signed_are_refused_and_nothing_is_created() {
    let mut env = TestEnv::new();
    env.at(NOW);
    let few = env.run(&["bench", "fill", "--count", "10", "--shape", "realistic"]).code(2);
    assert!(few.stderr.contains("--count"), "{}", few.stderr);
    let signed = env.run(&["bench", "fill", "--count", "1000", "--shape", "realistic", "--signed"]).code(2);
    assert!(signed.stderr.contains("--signed"), "{}", signed.stderr);
    let shape = env.run(&["bench", "fill", "--count", "1000", "--shape", "wavy"]).code(2);
    assert!(shape.stderr.contains("--shape"), "{}", shape.stderr);
    assert!(!env.ledger_dir().exists(), "a refused fill left a ledger");
}

#[test]
fn an_unchecked_bench_append_is_the_stores_append_alone() {
    let mut env = TestEnv::new();
    env.at(NOW);
    env.run(&["bench", "fill", "--count", "10"]).ok();
    let run = env.run(&["bench", "append", "--count", "3", "--unchecked"]).ok();
    assert_eq!(run.stdout, "11\n12\n13\n");
    let verify = env.run(&["verify"]).ok();
    assert!(verify.stdout.contains("ok: 13 records verified"), "{}", verify.stdout);
}
