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

/// § 10.8: the leader's latest forecast, the agreed one and their change
/// since the last meeting, in every format of the brief.
#[test]
fn the_brief_shows_the_leaders_and_the_agreed_forecast_in_every_format() {
    let mut env = TestEnv::with_ledger();
    env.run(&["forecast", "submit", "--period", "2026-Q1", "--amount", "1.1M", "--as-of", "2026-01-05"]).ok();
    env.at("2026-01-06T15:00:00Z");
    env.run(&[
        "meeting",
        "hold",
        "--date",
        "2026-01-06",
        "--worked-plan",
        "yes",
        "--results",
        "yes",
        "--adjust",
        "none",
    ])
    .ok();
    env.run(&["forecast", "agree", "--period", "2026-Q1", "--amount", "1M", "--agreed-by", "ceo,leader"])
        .ok();
    // A CEO's own view is not the leader's forecast.
    env.run(&["--as", "ceo", "forecast", "submit", "--period", "2026-Q1", "--amount", "700k"]).ok();
    env.at("2026-01-12T09:00:00Z");
    env.run(&["forecast", "submit", "--period", "2026-Q1", "--amount", "1.2M"]).ok();
    env.run(&["forecast", "agree", "--period", "2026-Q1", "--amount", "1.05M", "--agreed-by", "Dana,Lee"])
        .ok();
    let b = env.run(&["brief", "--format", "json"]).ok().json();
    let f = &b["forecast"];
    // Leader: 1,200,000 now, 1,100,000 standing at the Jan 6 meeting → +100,000.
    assert_eq!(
        (f["leader"]["amount"].as_i64(), f["leader_change"].as_i64()),
        (Some(120_000_000), Some(10_000_000))
    );
    // Agreed: 1,050,000 now; at the meeting day the 1,000,000 agreed then → +50,000.
    assert_eq!(
        (f["agreed"]["amount"].as_i64(), f["agreed_change"].as_i64()),
        (Some(105_000_000), Some(5_000_000))
    );
    assert_eq!(f["agreed"]["agreed_by"], serde_json::json!(["Dana", "Lee"]));
    for format in ["table", "md", "html"] {
        let out = env.run(&["brief", "--format", format]).ok().stdout;
        assert!(out.contains("1,200,000") && out.contains("1,050,000"), "{format}: {out}");
        assert!(out.contains("agreed forecast"), "{format}");
    }
}
