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
    // 257 commands; init writes three records (the opening and two keys).
    assert!(run.stdout.contains("verified (head 259:"), "{}", run.stdout);
    assert!(!env.ledger_dir().exists(), "the demo wrote to the user's ledger");
    // The demo's people have keys only in its throw-away directory.
    assert!(run.stdout.contains("your own keys directory is not touched"), "{}", run.stdout);
    let keys = env.path(".config").join("candor").join("keys");
    assert!(!keys.exists(), "the demo made keys in the user's keys directory");
    let listed = env.run(&["key", "list", "--format", "json"]).ok().stdout;
    assert!(!listed.contains("Helen"), "{listed}");
    // A CANDOR_ACTOR of the person running it does not sign the demo's facts.
    let mut md = env.command(&["demo", "--format", "md"]);
    md.env("CANDOR_ACTOR", "ceo");
    let md = crate::env::finish(md.output().unwrap()).ok().stdout;
    assert!(md.contains("# Trust dashboard"), "{md}");
}
