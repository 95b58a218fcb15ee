//! `candor forecast agree` and `candor deal risk … --action` (metrics.md
//! § 10.8, § 10.9): both sides named, refusals that write nothing.

use crate::env::TestEnv;

#[test]
fn forecast_agree_records_both_sides_and_refuses_one() {
    let env = TestEnv::with_ledger();
    env.refuses(
        &["forecast", "agree", "--period", "2026-Q1", "--amount", "1.2M", "--agreed-by", "ceo"],
        "--agreed-by",
    );
    env.refuses(&["forecast", "agree", "--period", "2026-Q1", "--amount", "1.2M"], "--agreed-by");
    env.refuses(
        &["forecast", "agree", "--period", "2026-Q9", "--amount", "1.2M", "--agreed-by", "ceo,leader"],
        "--period",
    );
    env.run(&["forecast", "agree", "--period", "2026-Q1", "--amount", "1.2M", "--agreed-by", "ceo,leader"])
        .ok();
    let log = env.run(&["log", "--format", "json"]).ok().stdout;
    assert!(log.contains("forecast_agreed"), "{log}");
    assert!(log.contains("\"Dana\"") && log.contains("\"Lee\""), "{log}");
    // The same number again would record nothing new.
    env.refuses(
        &["forecast", "agree", "--period", "2026-Q1", "--amount", "1.2M", "--agreed-by", "ceo,leader"],
        "--amount",
    );
}

#[test]
fn a_risk_is_recorded_with_what_is_done_about_it() {
    let env = TestEnv::with_ledger();
    env.run(&[
        "deal",
        "add",
        "--id",
        "D-1",
        "--account",
        "Globex",
        "--amount",
        "600k",
        "--close",
        "2026-03-20",
    ])
    .ok();
    // The action needs its owner and date; nothing is written without them.
    env.refuses(&["deal", "risk", "D-1", "--reason", "Legal stuck", "--action", "Call their GC"], "--owner");
    env.refuses(
        &[
            "deal",
            "risk",
            "D-1",
            "--reason",
            "Legal",
            "--action",
            "Call",
            "--owner",
            "ceo",
            "--by",
            "2026-01-04",
        ],
        "--by",
    );
    env.run(&[
        "deal",
        "risk",
        "D-1",
        "--reason",
        "Legal stuck",
        "--action",
        "Call their GC",
        "--owner",
        "ceo",
        "--by",
        "2026-01-09",
    ])
    .ok();
    let log = env.run(&["log", "--format", "json"]).ok().stdout;
    assert!(log.contains("deal_risk_flagged") && log.contains("deal_risk_action"), "{log}");
    // A later action for a deal already at risk needs no new reason.
    env.run(&[
        "deal",
        "risk",
        "D-1",
        "--action",
        "Offer a capped liability",
        "--owner",
        "leader",
        "--by",
        "2026-01-16",
    ])
    .ok();
    let b = env.run(&["brief", "--format", "json"]).ok().json();
    let risk = &b["risks"][0];
    assert_eq!(
        (risk["action"].as_str(), risk["action_owner"].as_str()),
        (Some("Offer a capped liability"), Some("Lee"))
    );
    assert_eq!(risk["action_by"], "2026-01-16");
}
