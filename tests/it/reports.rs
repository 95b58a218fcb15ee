//! Every report in every format, and `--as-of` in the middle of history.

use crate::env::TestEnv;

const SCRIPT: &str = r#"
@2026-01-05T09:00:00Z init --company Acme --ceo Dana --leader Lee --leader-key-here
@2026-01-05T09:01:00Z --as ceo goal set --period 2026-Q1 --amount 1M
@2026-01-05T09:02:00Z forecast submit --period 2026-Q1 --amount 1.2M --commit 800k
@2026-01-05T09:03:00Z deal add --id D-1 --account Globex --amount 400k --close 2026-03-20 --probability 60
@2026-01-05T09:04:00Z deal add --id D-2 --account Initech --amount 200k --close 2026-02-20 --probability 30
@2026-01-05T09:05:00Z commitment add --id C-1 --owner leader --what "Send the plan" --due 2026-01-09
@2026-01-06T09:00:00Z meeting hold --worked-plan yes --results partly --adjust none
@2026-01-06T09:01:00Z indicator define --name Calls --target 30
@2026-01-12T09:00:00Z indicator record --name Calls --week 2026-W02 --value 22
@2026-01-12T09:01:00Z commitment done C-1
@2026-02-10T09:00:00Z deal risk D-2 --reason "budget frozen"
@2026-02-20T09:00:00Z deal lost D-2 --reason "budget frozen"
@2026-03-16T09:00:00Z forecast submit --period 2026-Q1 --amount 950k
@2026-03-25T09:00:00Z deal update D-1 --close 2026-04-30
@2026-04-02T09:00:00Z actual record --period 2026-Q1 --amount 1M
"#;

fn scenario() -> TestEnv {
    let env = TestEnv::new();
    let script = env.path("s.candor");
    std::fs::write(&script, SCRIPT).unwrap();
    env.run(&["replay", script.to_str().unwrap()]).ok();
    env
}

#[test]
fn every_report_renders_in_every_format() {
    let env = scenario();
    let reports: &[&[&str]] = &[
        &["trust"],
        &["audit", "forecast"],
        &["audit", "commitments"],
        &["audit", "slips"],
        &["audit", "risks"],
        &["audit", "cadence"],
        &["audit", "indicators"],
        &["audit", "plan"],
        &["audit", "calibration"],
        &["audit", "pipeline"],
    ];
    for report in reports {
        let mut args = report.to_vec();
        args.extend(["--as-of", "2026-04-06"]);
        let table = env.run(&args).ok().stdout;
        assert!(table.lines().count() > 3, "{report:?}: {table}");
        let md = env.run(&[args.as_slice(), &["--format", "md"]].concat()).ok().stdout;
        assert!(md.starts_with("# "), "{report:?}: {md}");
        env.run(&[args.as_slice(), &["--format", "json"]].concat()).ok().json();
        let html = [args.as_slice(), &["--format", "html"]].concat();
        if report == &["trust"] {
            // The dashboard is offered as one self-contained page.
            assert!(env.run(&html).ok().stdout.starts_with("<!DOCTYPE html>"));
        } else {
            env.refuses(&html, "--format");
        }
    }
}

#[test]
fn forecast_audit_keeps_the_contract_keys_and_figures() {
    let env = scenario();
    let a = env.run(&["audit", "forecast", "--format", "json", "--as-of", "2026-04-06"]).ok().json();
    assert_eq!(a["currency"], "USD");
    let p = &a["periods"][0];
    assert_eq!(p["period"], "2026-Q1");
    assert_eq!(p["actual"], 100_000_000);
    // at start: 1.2M against 1M → error +200k, accuracy 0.8; final: 950k → −50k, 0.95
    assert_eq!(p["at_start"]["amount"], 120_000_000);
    assert_eq!(p["at_start"]["error"], 20_000_000);
    assert_eq!(p["final"]["error"], -5_000_000);
    assert!((p["final"]["accuracy"].as_f64().unwrap() - 0.95).abs() < 1e-12);
    for key in ["amount", "error", "abs_pct_error", "accuracy", "bias"] {
        assert!(p["at_mid"].get(key).is_some(), "{key}");
    }
    let s = &a["summary"];
    assert_eq!(s["periods_scored"], 1);
    assert!((s["wape_final"].as_f64().unwrap() - 0.05).abs() < 1e-12);
    assert!((s["bias_at_start"].as_f64().unwrap() - 0.2).abs() < 1e-12);
    assert_eq!(s["within_10pct_final"], 1.0);
    assert_eq!(p["forecasts"][0]["by"], "Lee");
    assert_eq!(p["forecasts"][0]["backdated"], false);
}

#[test]
fn as_of_in_the_middle_of_history_sees_only_what_was_known() {
    let env = scenario();
    // On 2026-01-10 C-1 was due yesterday and not done: open and overdue.
    let c = env.run(&["audit", "commitments", "--format", "json", "--as-of", "2026-01-10"]).ok().json();
    assert_eq!(c["owners"][0]["open_overdue"], 1);
    assert_eq!(c["owners"][0]["say_do"], 0.0);
    let c = env.run(&["audit", "commitments", "--format", "json", "--as-of", "2026-04-06"]).ok().json();
    assert_eq!(c["owners"][0]["kept_late"], 1);
    // As of record 8 (the sixth command: init writes three records), no forecast has an actual yet.
    let f = env.run(&["audit", "forecast", "--format", "json", "--as-of", "8"]).ok().json();
    assert_eq!(f["periods"][0]["actual"], serde_json::Value::Null);
    assert_eq!(f["summary"]["periods_scored"], 0);
    let r = env.run(&["audit", "risks", "--format", "json", "--as-of", "2026-04-06"]).ok().json();
    // D-2 lost 10 days after its flag; D-1 slipped Q1 → Q2 unflagged.
    assert_eq!(r["early_warning_rate"], 0.5);
    assert_eq!(r["median_lead_days"], 10.0);
    let t = env.run(&["trust", "--format", "json", "--as-of", "2026-04-06"]).ok().json();
    for key in [
        "forecast_accuracy",
        "commitments",
        "slips",
        "bad_news_early",
        "meeting_cadence",
        "leading_indicators",
        "plan_stability",
        "calibration",
        "pipeline_health",
    ] {
        assert!(t[key]["status"].is_string(), "{key}: {t}");
    }
    assert_eq!(t["forecast_accuracy"]["status"], "green");
    // Both deals were opened after Q1 began: none was expected at its start,
    // so Q1's slip rate is undefined (D-1's slip still counts as bad news).
    assert_eq!(t["slips"]["value"], serde_json::Value::Null);
    assert_eq!(t["slips"]["status"], "n/a");
}

#[test]
fn a_threshold_override_is_recorded_and_changes_the_status() {
    let mut env = scenario();
    env.at("2026-04-06T09:00:00Z");
    let t = env.run(&["trust", "--format", "json"]).ok().json();
    assert_eq!(t["commitments"]["status"], "red"); // say/do 0 / 1
    env.refuses(&["threshold", "set", "--metric", "say_do", "--green", "80%", "--amber", "60%"], "--metric");
    env.refuses(
        &["threshold", "set", "--metric", "commitments", "--green", "60%", "--amber", "80%"],
        "--amber",
    );
    env.refuses(
        &["threshold", "set", "--metric", "commitments", "--green", "80", "--amber", "60%"],
        "--green",
    );
    env.run(&[
        "--as",
        "ceo",
        "threshold",
        "set",
        "--metric",
        "commitments",
        "--green",
        "0%",
        "--amber",
        "0%",
    ])
    .ok();
    let t = env.run(&["trust", "--format", "json"]).ok().json();
    assert_eq!(t["commitments"]["status"], "green");
    assert_eq!(t["commitments"]["threshold"]["overridden"], true);
    let list = env.run(&["threshold", "list", "--format", "json"]).ok().json();
    assert_eq!(list["thresholds"][1]["metric"], "commitments");
    assert_eq!(list["thresholds"][1]["overridden"], true);
}
