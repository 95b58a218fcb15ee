//! `candor indicator …` and `candor contingency …` by flags.

use crate::env::TestEnv;
use crate::plan::words;
use serde_json::Value;

/// Calls (≥ 30) and Churn (≤ 1), defined on 2026-01-05 (records 4, 5; init writes 1–3).
fn indicators() -> TestEnv {
    let env = TestEnv::with_ledger();
    env.run(&words("indicator define --name Calls --target 30")).ok();
    env.run(&words("indicator define --name Churn --target 1 --direction at-most")).ok();
    env
}

fn statuses(indicator: &Value) -> Vec<String> {
    indicator["weeks"].as_array().unwrap().iter().map(|w| w["status"].as_str().unwrap().to_string()).collect()
}

#[test]
fn weeks_are_judged_hit_miss_or_missing_with_a_hit_rate() {
    let mut env = indicators();
    env.run(&words("indicator record --name calls --week 2026-W01 --value 24")).ok(); // 6
    env.at("2026-01-12T09:00:00Z");
    env.run(&words("indicator record --name Calls --week 2026-W02 --value 22.5")).ok(); // 7
    env.run(&words("indicator record --name Churn --week 2026-W02 --value 0")).ok(); // 8
    env.at("2026-01-19T09:00:00Z");
    env.run(&words("indicator record --name Churn --week 2026-W03 --value 2")).ok(); // 9
    env.at("2026-01-26T09:00:00Z");
    env.run(&words("indicator record --name Calls --week 2026-W04 --value 31")).ok(); // 10

    let list = env.run(&words("indicator list --weeks 4 --format json")).ok().json();
    assert_eq!(list["weeks"], serde_json::json!(["2026-W01", "2026-W02", "2026-W03", "2026-W04"]));
    let (calls, churn) = (&list["indicators"][0], &list["indicators"][1]);
    assert_eq!((calls["name"].as_str(), calls["target"].as_f64()), (Some("Calls"), Some(30.0)));
    assert_eq!(statuses(calls), ["miss", "miss", "missing", "hit"]);
    assert_eq!(calls["weeks"][1]["value"], 22.5);
    assert_eq!(calls["hit_rate"], 0.25);
    // Churn was defined in 2026-W02: the week before is not held against it.
    assert_eq!(churn["direction"], "at-most");
    assert_eq!(statuses(churn), ["untracked", "hit", "miss", "missing"]);
    assert_eq!((churn["hits"].as_u64(), churn["weeks_counted"].as_u64()), (Some(1), Some(3)));
    let worked: Vec<Value> =
        list["plan_worked"].as_array().unwrap().iter().map(|w| w["share"].clone()).collect();
    assert_eq!(worked, [0.0, 0.5, 0.0, 0.5]);

    // As of 2026-01-12 the last complete week is W02, and W02 is the latest value.
    let early = env.run(&words("indicator list --weeks 2 --format json --as-of 2026-01-12")).ok().json();
    assert_eq!(early["weeks"], serde_json::json!(["2026-W01", "2026-W02"]));
    assert_eq!(statuses(&early["indicators"][0]), ["miss", "miss"]);
    let by_seq = env.run(&words("indicator list --weeks 2 --format json --as-of 6")).ok().json();
    assert_eq!(by_seq["indicators"].as_array().unwrap().len(), 2);
    assert_eq!(by_seq["indicators"][0]["weeks"][1]["status"], "missing");

    let md = env.run(&words("indicator list --weeks 4 --format md")).ok().stdout;
    assert!(md.contains("| Calls | ≥ 30 | 24 ✗ | 22.5 ✗ | — | 31 ✓ | 25% |"), "{md}");
    assert!(md.contains("| plan worked | share hit | 0% | 50% | 0% | 50% |  |"), "{md}");
    assert!(env.run(&words("indicator list")).ok().stdout.contains("hit rate"));
}

#[test]
fn contingencies_trigger_and_clear_when_acted_on() {
    let mut env = indicators();
    env.run(&words("--as ceo goal set --period 2026-Q1 --amount 1M")).ok(); // 6
    env.run(&[
        "contingency",
        "add",
        "--id",
        "CT-1",
        "--indicator",
        "Calls",
        "--below",
        "25",
        "--weeks",
        "2",
        "--action",
        "Leader joins prospecting",
    ])
    .ok(); // 7
    env.run(&[
        "contingency",
        "add",
        "--id",
        "CT-2",
        "--revenue-gap-above",
        "250k",
        "--action",
        "Pull in renewals",
    ])
    .ok(); // 8
    env.run(&words("indicator record --name Calls --week 2026-W01 --value 24")).ok(); // 9
    env.at("2026-01-12T09:00:00Z");
    env.run(&words("indicator record --name Calls --week 2026-W02 --value 20")).ok(); // 10
    env.run(&words("actual record --period 2026-01 --amount 800k")).ok();

    let list = env.run(&words("contingency list --format json")).ok().json();
    assert_eq!(list["currency"], "USD");
    let ct1 = &list["contingencies"][0];
    assert_eq!(ct1["trigger"]["kind"], "indicator_below");
    assert_eq!(ct1["trigger_text"], "Calls below 25 for 2 weeks");
    assert_eq!((ct1["triggered"].as_bool(), ct1["since"].as_str()), (Some(true), Some("2026-01-12")));
    assert_eq!(ct1["why"], "Calls below 25 for 2 complete weeks in a row (2026-W01 24, 2026-W02 20)");
    // Goal 1M, 800k in January: a 200k gap is within the 250k agreed.
    let ct2 = &list["contingencies"][1];
    assert_eq!(
        (ct2["trigger"]["amount"].as_i64(), ct2["triggered"].as_bool()),
        (Some(25_000_000), Some(false))
    );

    env.at("2026-01-13T09:00:00Z");
    env.run(&["contingency", "acted", "CT-1", "--note", "Two prospecting blocks a week"]).ok();
    let after = env.run(&words("contingency list --format json")).ok().json();
    assert_eq!(after["contingencies"][0]["triggered"], false);
    assert_eq!(after["contingencies"][0]["acted"][0]["on"], "2026-01-13");
    // As of the day before, it was triggered and nobody had acted yet.
    let before = env.run(&words("contingency list --format json --as-of 2026-01-12")).ok().json();
    assert_eq!(before["contingencies"][0]["triggered"], true);
    assert_eq!(before["contingencies"][0]["acted"], serde_json::json!([]));
    let md = env.run(&words("contingency list --format md --as-of 2026-01-12")).ok().stdout;
    assert!(
        md.contains("| CT-1 | Calls below 25 for 2 weeks | Leader joins prospecting | yes, since 2026-01-12"),
        "{md}"
    );
    assert!(md.contains("| CT-2 | revenue gap above 250,000 | Pull in renewals | no |"), "{md}");
}

#[test]
fn bad_indicator_and_contingency_input_is_refused_and_writes_nothing() {
    let mut env = indicators();
    env.run(&words("indicator record --name Calls --week 2026-W01 --value 24")).ok();
    env.run(&words("contingency add --id CT-1 --revenue-gap-above 100k --action Call")).ok();
    let cases: &[(&str, &str)] = &[
        ("indicator define --name calls --target 10", "already defined"),
        ("indicator define --name Demos --target 2.5555", "--target"),
        ("indicator define --name Demos --target ten", "--target"),
        ("indicator define --name Demos --target 2 --direction more", "--direction"),
        ("indicator define --name Demos", "--target"),
        ("indicator record --name Demos --week 2026-W02 --value 3", "no indicator 'Demos'"),
        ("indicator record --name Calls --week 2026-W03 --value 3", "has not started"),
        ("indicator record --name Calls --week 2026-W01 --value 3", "candor correct 6 --set value_milli="),
        ("indicator record --name Calls --week 2026-02 --value 3", "--week"),
        ("indicator record --name Calls --week 2025-W53 --value 3", "--week"),
        ("indicator record --name Calls --week 2026-W02 --value 3x", "--value"),
        ("indicator record --name Calls --value 3", "--week"),
        ("indicator list --weeks 0", "--weeks"),
        ("contingency add --id CT-1 --revenue-gap-above 5k --action x", "--id"),
        ("contingency add --id CT-2 --indicator Demos --below 3 --weeks 2 --action x", "--indicator"),
        ("contingency add --id CT-2 --indicator Calls --below 3 --above 9 --weeks 2 --action x", "--above"),
        ("contingency add --id CT-2 --indicator Calls --weeks 2 --action x", "--below"),
        ("contingency add --id CT-2 --indicator Calls --below 3 --action x", "--weeks"),
        ("contingency add --id CT-2 --indicator Calls --below 3 --weeks 60 --action x", "--weeks"),
        ("contingency add --id CT-2 --indicator Calls --below 3 --weeks 2 --revenue-gap-above 1k --action x", "one trigger"),
        ("contingency add --id CT-2 --revenue-gap-above 5k --weeks 2 --action x", "--weeks"),
        ("contingency add --id CT-2 --revenue-gap-above -5k --action x", "--revenue-gap-above"),
        ("contingency add --id CT-2 --action x", "needs a trigger"),
        ("contingency add --id CT-2 --revenue-gap-above 5k", "--action"),
        ("contingency add --id CT-2 --revenue-gap-above 5k --action x --on 2026-01-06", "--on"),
        ("contingency acted CT-1 --note x", "not triggered"),
        ("contingency acted CT-9 --note x", "no contingency 'CT-9'"),
        ("contingency acted CT-1", "--note"),
    ];
    for (line, field) in cases {
        env.refuses(&words(line), field);
    }
    env.refuses(&["indicator", "define", "--name", "  ", "--target", "1"], "--name");
    // The hint names the command that fixes a recorded week.
    env.run(&words("correct 6 --set value_milli=26500 --reason miscounted")).ok();
    let list = env.run(&words("indicator list --weeks 1 --format json")).ok().json();
    assert_eq!(list["indicators"][0]["weeks"][0]["value"], 26.5);
    env.at("2026-01-20T09:00:00Z");
    env.refuses(&words("contingency acted CT-1 --note x --on 2026-01-01"), "--on");
}
