//! metrics.md § 10 rule 5 through the real binary: a fact dated more than
//! two days before the day it was recorded counts at the day it was
//! recorded, and the audits mark it "recorded late".

use crate::env::TestEnv;
use serde_json::Value;

fn json(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    env.run(&all).ok().json()
}

/// The entry of `list` whose `key` is `value`.
fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .and_then(|l| l.iter().find(|i| i[key] == value))
        .unwrap_or_else(|| panic!("{value}: {list}"))
}

#[test]
fn a_completion_dated_back_to_the_due_date_is_kept_late() {
    let mut env = TestEnv::with_ledger(); // Mon 2026-01-05
    for id in ["C-1", "C-2", "C-3"] {
        env.run(&[
            "commitment",
            "add",
            "--id",
            id,
            "--owner",
            "leader",
            "--what",
            "Send the plan",
            "--due",
            "2026-01-09",
        ])
        .ok();
    }
    // C-2: done --on Fri Jan 9, recorded Sun Jan 11: 11 − 9 = 2 days, not more → on time.
    env.at("2026-01-11T18:00:00Z");
    env.run(&["commitment", "done", "C-2", "--on", "2026-01-09"]).ok();
    // C-3: recorded Mon Jan 12: 12 − 9 = 3 > 2 → counts on Jan 12 > Jan 9 → kept late.
    env.at("2026-01-12T09:00:00Z");
    env.run(&["commitment", "done", "C-3", "--on", "2026-01-09"]).ok();
    // C-1: recorded Jan 30, three weeks after: counts on Jan 30, 21 days late.
    env.at("2026-01-30T09:00:00Z");
    env.run(&["commitment", "done", "C-1", "--on", "2026-01-09"]).ok();

    let a = json(&env, &["audit", "commitments"]);
    let class = |id: &str| {
        let c = find(&a["commitments"], "id", id);
        (c["class"].as_str().unwrap().to_string(), c["recorded_late"].as_bool().unwrap())
    };
    assert_eq!(class("C-1"), ("kept_late".into(), true));
    assert_eq!(class("C-2"), ("kept_on_time".into(), false));
    assert_eq!(class("C-3"), ("kept_late".into(), true));
    let reason = find(&a["commitments"], "id", "C-1")["reason"].as_str().unwrap().to_string();
    assert!(reason.contains("recorded late on 2026-01-30, 21 days after"), "{reason}");
    // Lee: due 3 = 1 on time + 2 late → say/do = 1 / 3.
    let lee = find(&a["owners"], "owner", "Lee");
    assert_eq!(
        (lee["due"].as_u64(), lee["kept_on_time"].as_u64(), lee["kept_late"].as_u64()),
        (Some(3), Some(1), Some(2))
    );
    assert_eq!(lee["say_do"].as_f64(), Some(1.0 / 3.0));
    let t = json(&env, &["trust"]);
    assert_eq!(t["commitments"]["value"].as_f64(), Some(1.0 / 3.0));
    let md = env.run(&["audit", "commitments", "--format", "md"]).ok().stdout;
    assert!(md.contains("(recorded late)"), "{md}");
    // As of Jan 11 only C-2's record existed: C-1 and C-3 were open and overdue.
    let before = json(&env, &["audit", "commitments", "--as-of", "2026-01-11"]);
    assert_eq!(find(&before["commitments"], "id", "C-1")["class"], "open_overdue");
}

#[test]
fn a_risk_flag_dated_back_on_the_day_of_the_loss_is_not_an_early_warning() {
    let mut env = TestEnv::with_ledger();
    for id in ["D-1", "D-2"] {
        env.run(&["deal", "add", "--id", id, "--account", id, "--amount", "100k", "--close", "2026-03-20"])
            .ok();
    }
    // D-2 is flagged honestly on Feb 1 and lost Feb 11: early, 11 − 1 = 10 days.
    env.at("2026-02-01T09:00:00Z");
    env.run(&["deal", "risk", "D-2", "--reason", "budget review"]).ok();
    // D-1's flag is written on the day of the loss, dated Jan 20: Feb 11 − Jan 20 = 22 days back
    // > 2 → it counts on Feb 11, the loss's date: lead 0 → not early.
    env.at("2026-02-11T09:00:00Z");
    env.run(&["deal", "risk", "D-1", "--reason", "champion left", "--on", "2026-01-20"]).ok();
    env.run(&["deal", "lost", "D-1", "--reason", "champion left"]).ok();
    env.run(&["deal", "lost", "D-2", "--reason", "budget cut"]).ok();

    let r = json(&env, &["audit", "risks"]);
    let d1 = find(&r["outcomes"], "deal", "D-1");
    assert_eq!((d1["flagged_early"].as_bool(), d1["recorded_late"].as_bool()), (Some(false), Some(true)));
    assert_eq!(d1["lead_days"], Value::Null);
    assert_eq!(
        (d1["flag"]["dated"].as_str(), d1["flag"]["counts_on"].as_str()),
        (Some("2026-01-20"), Some("2026-02-11"))
    );
    let d2 = find(&r["outcomes"], "deal", "D-2");
    assert_eq!((d2["flagged_early"].as_bool(), d2["lead_days"].as_i64()), (Some(true), Some(10)));
    assert_eq!(d2["recorded_late"], false);
    // 1 of 2 outcomes early; median lead = 10 (it would be 1.0 and 16 had the date been taken).
    assert_eq!(r["early_warning_rate"].as_f64(), Some(0.5));
    assert_eq!(r["median_lead_days"].as_f64(), Some(10.0));
    let t = json(&env, &["trust"]);
    assert_eq!(t["bad_news_early"]["value"].as_f64(), Some(0.5));
    assert_eq!(t["bad_news_early"]["figures"]["median_lead_days"].as_f64(), Some(10.0));
    let md = env.run(&["audit", "risks", "--format", "md"]).ok().stdout;
    assert!(md.contains("flag #7 dated 2026-01-20 recorded late, counts on 2026-02-11"), "{md}");
}

#[test]
fn a_meeting_recorded_late_counts_in_the_week_it_was_recorded() {
    let mut env = TestEnv::with_ledger();
    // "Held Tue Jan 6" (W02), recorded Wed Jan 21 (W04): 15 days back → counts in W04.
    env.at("2026-01-21T09:00:00Z");
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
    // As of Mon Jan 26 the last complete week is W04; the weeks start at the meeting's W04.
    let c = json(&env, &["audit", "cadence", "--as-of", "2026-01-26"]);
    assert_eq!((c["weeks_counted"].as_u64(), c["weeks_held"].as_u64()), (Some(1), Some(1)));
    let w = &c["windows"][0];
    assert_eq!((w["first_week"].as_str(), w["recorded_late"].as_bool()), (Some("2026-W04"), Some(true)));
}

/// A correction cannot move a due date that has passed: that would turn a
/// late completion into an on-time one, as if the date had always been so.
#[test]
fn a_correction_cannot_move_a_due_date_that_has_passed() {
    let mut env = TestEnv::with_ledger();
    env.run(&[
        "commitment",
        "add",
        "--id",
        "C-1",
        "--owner",
        "leader",
        "--what",
        "Plan",
        "--due",
        "2026-01-09",
    ])
    .ok();
    env.at("2026-02-01T09:00:00Z");
    env.run(&["commitment", "done", "C-1"]).ok();
    env.refuses(&["correct", "4", "--set", "due=2026-02-06", "--reason", "typo"], "has passed");
    let audit = env.run(&["audit", "commitments", "--format", "json"]).ok().json();
    assert_eq!(audit["owners"][0]["kept_late"], 1, "{audit}");
}
