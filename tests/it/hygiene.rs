//! Silence is not good news (metrics.md § 10.4): a deal left at
//! "negotiation 70 %, closing in 4 days" and never touched again shows as
//! overdue and stale in the brief and in `trust`, in every format.

use crate::env::TestEnv;

#[test]
fn a_hidden_slip_is_overdue_and_stale_in_the_brief_and_the_dashboard() {
    let mut env = TestEnv::with_ledger();
    for (id, amount, close) in [("D-1", "600k", "2026-01-09"), ("D-2", "200k", "2026-03-27")] {
        env.run(&[
            "deal",
            "add",
            "--id",
            id,
            "--account",
            "Globex",
            "--amount",
            amount,
            "--close",
            close,
            "--stage",
            "negotiation",
            "--probability",
            "70",
        ])
        .ok();
    }
    env.at("2026-01-26T09:00:00Z");
    env.run(&["deal", "update", "D-2", "--probability", "60"]).ok();
    // Feb 2: D-1's close (Jan 9) passed 24 days ago, no record for 28 days → overdue
    // and stale; D-2 updated Jan 26 (7 days) is neither. Hygiene = 600 / (600 + 200) = 0.75.
    env.at("2026-02-02T09:00:00Z");
    let t = env.run(&["trust", "--format", "json"]).ok().json();
    let h = &t["pipeline_hygiene"];
    assert_eq!((h["value"].as_f64(), h["status"].as_str()), (Some(0.75), Some("red")));
    assert_eq!(h["explained_by"]["why"], "deal D-1 (Globex) 600,000: closing 2026-01-09 passed 24 days ago");
    for format in ["table", "md"] {
        assert!(env.run(&["trust", "--format", format]).ok().stdout.contains("Pipeline hygiene"), "{format}");
    }
    let b = env.run(&["brief", "--format", "json"]).ok().json();
    assert_eq!(
        (b["overdue"][0]["id"].as_str(), b["overdue"][0]["days_overdue"].as_i64()),
        (Some("D-1"), Some(24))
    );
    assert_eq!(
        (b["stale"][0]["id"].as_str(), b["stale"][0]["days_since_record"].as_i64()),
        (Some("D-1"), Some(28))
    );
    for format in ["table", "md", "html"] {
        let out = env.run(&["brief", "--format", format]).ok().stdout;
        assert!(out.contains("Pipeline hygiene") && out.contains("24 days"), "{format}: {out}");
    }
    // Not recording the slip does not hide it from "bad news early": one outcome, unflagged.
    let r = env.run(&["audit", "risks", "--format", "json"]).ok().json();
    assert_eq!(
        (r["outcomes"][0]["kind"].as_str(), r["outcomes"][0]["date"].as_str()),
        (Some("overdue"), Some("2026-01-10"))
    );
    assert_eq!(r["early_warning_rate"], 0.0);
}
