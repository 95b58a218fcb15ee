//! A second process gets exit 3 and "in use" promptly, never a hang.

use crate::env::TestEnv;
use candor::ledger::Ledger;
use std::time::{Duration, Instant};

#[test]
fn a_second_process_is_told_the_ledger_is_in_use() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let held = Ledger::open(&env.ledger_dir()).unwrap();
    let started = Instant::now();
    let run = env.run(&["bench", "append"]);
    let waited = started.elapsed();
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("in use"), "{}", run.stderr);
    // Generous bound: the product waits 1.5 s; this only rules out a hang.
    assert!(waited < Duration::from_secs(10), "took {waited:?}");
    drop(held);
    assert_eq!(env.digest(), before);
    env.append_synthetic(1);
}
