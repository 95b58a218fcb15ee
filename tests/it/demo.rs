//! `candor demo` runs from nothing, in a throw-away place.

use crate::env::TestEnv;

#[test]
fn the_demo_replays_both_scenarios_without_touching_the_users_ledger() {
    let env = TestEnv::new();
    let run = env.run(&["demo"]).ok();
    for expected in [
        "Scenario: manufacturing",
        "Scenario: services",
        "Trust dashboard — Kessler Precision Parts",
        "Forecast accuracy and bias",
        "embellishment",
    ] {
        assert!(run.stdout.contains(expected), "missing {expected}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("verified (head 257:"), "{}", run.stdout);
    assert!(!env.ledger_dir().exists(), "the demo wrote to the user's ledger");
    let md = env.run(&["demo", "--format", "md"]).ok().stdout;
    assert!(md.contains("# Trust dashboard"), "{md}");
}
