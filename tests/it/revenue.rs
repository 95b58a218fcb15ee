//! `candor goal …`, `candor actual …` and `candor forecast …` by flags and
//! through a real terminal.

use crate::env::TestEnv;
use crate::tty::{available, Tty};

#[test]
fn a_goal_is_set_replaced_and_listed_as_of_any_point() {
    let mut env = TestEnv::with_ledger(); // 2026-01-05, fiscal year from January
    let first =
        env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1.2M"]).ok().stdout;
    assert!(first.contains("2026-Q1 goal: 1,200,000 USD (the first goal for 2026-Q1)"), "{first}");
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026", "--amount", "5,000,000"]).ok();
    env.at("2026-01-12T09:00:00Z");
    let second =
        env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1,250,000"]).ok().stdout;
    assert!(second.contains("replacing 1,200,000 (record 4, 2026-01-05)"), "{second}");
    let list = env.run(&["goal", "list", "--format", "json"]).ok().json();
    assert_eq!(list["currency"], "USD");
    let goals = list["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0]["period"], "2026-Q1");
    assert_eq!(goals[0]["amount"], 125_000_000);
    assert_eq!(goals[0]["seq"], 6);
    assert_eq!(goals[0]["set_on"], "2026-01-12");
    assert_eq!(goals[1]["period"], "2026");
    // Before the replacement, the first goal was in force.
    for as_of in ["5", "2026-01-05"] {
        let early = env.run(&["goal", "list", "--format", "json", "--as-of", as_of]).ok().json();
        assert_eq!(early["goals"][0]["amount"], 120_000_000, "as of {as_of}");
    }
    let md = env.run(&["goal", "list", "--format", "md"]).ok().stdout;
    assert!(md.contains("| 2026-Q1 | 1,250,000 | 2026-01-12 | 6 |"), "{md}");
    let table = env.run(&["goal", "list"]).ok().stdout;
    assert!(table.contains("5,000,000"), "{table}");
}

#[test]
fn actuals_add_up_to_quarters_and_years_once_every_month_is_in() {
    let mut env = TestEnv::with_ledger();
    env.at("2026-04-02T09:00:00Z");
    env.run(&["actual", "record", "--period", "2026-01", "--amount", "300k"]).ok();
    env.run(&["actual", "record", "--period", "2026-02", "--amount", "350k"]).ok();
    let mid = env.run(&["actual", "list", "--format", "json"]).ok().json();
    assert_eq!(mid["actuals"].as_array().unwrap().len(), 2, "no quarter until March is in: {mid}");
    env.run(&["actual", "record", "--period", "2026-03", "--amount", "400,000.50"]).ok();
    let out = env.run(&["actual", "record", "--period", "2026-02", "--amount", "360k"]).ok().stdout;
    assert!(out.contains("2026-02 actual: 360,000 USD, replacing 350,000 (record 5"), "{out}");
    let list = env.run(&["actual", "list", "--format", "json"]).ok().json();
    let rows = list["actuals"].as_array().unwrap();
    let periods: Vec<&str> = rows.iter().map(|r| r["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2026-01", "2026-02", "2026-03", "2026-Q1"]);
    assert_eq!(rows[1]["amount"], 36_000_000);
    assert_eq!(rows[1]["derived"], false);
    assert_eq!(rows[1]["recorded_on"], "2026-04-02");
    assert_eq!(rows[3]["amount"], 106_000_050);
    assert_eq!(rows[3]["derived"], true);
    assert_eq!(rows[3]["seqs"], serde_json::json!([4, 7, 6]));
    assert_eq!(rows[3]["recorded_on"], serde_json::Value::Null);
    // In the middle of history the quarter had its old sum.
    let then = env.run(&["actual", "list", "--format", "json", "--as-of", "6"]).ok().json();
    assert_eq!(then["actuals"][3]["amount"], 105_000_050);
    // A direct actual for the quarter wins over the sum of its months.
    env.run(&["actual", "record", "--period", "2026-Q1", "--amount", "1.1M"]).ok();
    let md = env.run(&["actual", "list", "--format", "md"]).ok().stdout;
    assert!(md.contains("| 2026-Q1 | 1,100,000 | recorded 2026-04-02 | 8 |"), "{md}");
    let zero = env.run(&["actual", "record", "--period", "2026-04", "--amount", "0"]).ok().stdout;
    assert!(zero.contains("2026-04 actual: 0 USD"), "the month in progress may be recorded: {zero}");
}

#[test]
fn fiscal_quarters_follow_the_ledgers_year_start() {
    let mut env = TestEnv::new();
    env.run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee", "--fiscal-year-start", "4"])
        .ok();
    env.at("2026-07-01T09:00:00Z");
    for (month, amount) in [("2026-04", "100k"), ("2026-05", "200k"), ("2026-06", "300k")] {
        env.run(&["actual", "record", "--period", month, "--amount", amount]).ok();
    }
    let list = env.run(&["actual", "list", "--format", "json"]).ok().json();
    assert_eq!(list["actuals"][3]["period"], "2026-Q1");
    assert_eq!(list["actuals"][3]["amount"], 60_000_000);
    // Fiscal 2026-Q2 is July to September: it has started; Q3 has not.
    env.run(&["actual", "record", "--period", "2026-Q2", "--amount", "10k"]).ok();
    env.refuses(&["actual", "record", "--period", "2026-Q3", "--amount", "1"], "starts on 2026-10-01");
    // A forecast for fiscal 2026-Q1 may be as of its last day, 2026-06-30.
    env.run(&["forecast", "submit", "--period", "2026-Q1", "--amount", "600k", "--as-of", "2026-06-30"]).ok();
    env.refuses(&["forecast", "submit", "--period", "2026-Q1", "--amount", "600k"], "ended (2026-06-30)");
}

#[test]
fn forecasts_belong_to_who_makes_them_and_late_ones_are_marked() {
    let mut env = TestEnv::with_ledger();
    env.at("2026-01-20T09:00:00Z");
    let out = env
        .run(&[
            "forecast",
            "submit",
            "--period",
            "2026-Q1",
            "--amount",
            "1.1M",
            "--commit",
            "900k",
            "--best-case",
            "1.4M",
            "--pipeline",
            "3.2M",
            "--note",
            "two renewals",
        ])
        .ok()
        .stdout;
    assert!(
        out.contains(
            "Lee forecasts 1,100,000 USD for 2026-Q1 as of 2026-01-20 (commit 900,000, best case 1,400,000)"
        ),
        "{out}"
    );
    let late = env
        .run(&[
            "--as",
            "ceo",
            "forecast",
            "submit",
            "--period",
            "2025-Q4",
            "--amount",
            "1M",
            "--as-of",
            "2025-12-31",
        ])
        .ok()
        .stdout;
    assert!(late.contains("backdated: recorded 20 days after its as-of date (2025-12-31)"), "{late}");
    env.run(&["forecast", "submit", "--period", "2026-Q1", "--amount", "1.05M", "--as-of", "2026-01-13"])
        .ok();
    let list = env.run(&["forecast", "list", "--format", "json"]).ok().json();
    assert_eq!(list["currency"], "USD");
    let f = list["forecasts"].as_array().unwrap();
    let order: Vec<(&str, &str)> =
        f.iter().map(|x| (x["period"].as_str().unwrap(), x["as_of"].as_str().unwrap())).collect();
    assert_eq!(order, [("2025-Q4", "2025-12-31"), ("2026-Q1", "2026-01-13"), ("2026-Q1", "2026-01-20")]);
    assert_eq!((f[0]["by"].as_str(), f[0]["backdated"].as_bool()), (Some("Dana"), Some(true)));
    assert_eq!(f[1]["backdated"], false, "seven days late is not backdated");
    assert_eq!(f[2]["amount"], 110_000_000);
    assert_eq!(f[2]["commit"], 90_000_000);
    assert_eq!(f[2]["best_case"], 140_000_000);
    assert_eq!(f[2]["pipeline"], 320_000_000);
    assert_eq!(f[2]["note"], "two renewals");
    assert_eq!(f[2]["recorded_at"], "2026-01-20T09:00:00Z");
    assert_eq!(f[2]["seq"], 4);
    assert_eq!(f[1]["commit"], serde_json::Value::Null);
    let q1 = env.run(&["forecast", "list", "--format", "json", "--period", "2026-Q1"]).ok().json();
    assert_eq!(q1["forecasts"].as_array().unwrap().len(), 2);
    let early = env.run(&["forecast", "list", "--format", "json", "--as-of", "5"]).ok().json();
    assert_eq!(early["forecasts"].as_array().unwrap().len(), 2);
    let md = env.run(&["forecast", "list", "--format", "md"]).ok().stdout;
    assert!(
        md.contains(
            "| 2025-Q4 | 2025-12-31 | 1,000,000 |  |  | Dana | 2026-01-20T09:00:00Z | 5 | backdated |"
        ),
        "{md}"
    );
}

#[test]
fn bad_revenue_input_is_refused_and_writes_nothing() {
    let mut env = TestEnv::with_ledger(); // 2026-01-05
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1M"]).ok();
    env.run(&["actual", "record", "--period", "2025-12", "--amount", "900k"]).ok();
    let q1 = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec!["forecast", "submit", "--period", "2026-Q1", "--amount", "1M"];
        args.extend_from_slice(extra);
        args
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--as", "ceo", "goal", "set", "--period", "2026-Q5", "--amount", "1M"],
            "--period: '2026-Q5' is not a period",
        ),
        (vec!["--as", "ceo", "goal", "set", "--period", "Q1", "--amount", "1M"], "--period"),
        (vec!["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "0"], "--amount: '0' is zero"),
        (
            vec!["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "12x"],
            "--amount: '12x' is not an amount",
        ),
        (
            vec!["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount=-5"],
            "--amount: '-5' is negative",
        ),
        (
            vec!["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1,000,000"],
            "already the goal",
        ),
        (vec!["--as", "ceo", "goal", "set", "--period", "2026-Q1"], "missing --amount"),
        (vec!["--as", "ceo", "goal", "set"], "missing --period, --amount"),
        (
            vec!["actual", "record", "--period", "2026-02", "--amount", "1"],
            "--period: 2026-02 starts on 2026-02-01",
        ),
        (vec!["actual", "record", "--period", "2026-13", "--amount", "1"], "--period"),
        (vec!["actual", "record", "--period", "2025-12", "--amount", "1.234"], "--amount"),
        (vec!["actual", "record", "--period", "2025-12", "--amount", "900,000"], "already the actual"),
        (vec!["actual", "record", "--amount", "5"], "missing --period"),
        (q1(&["--commit", "1.2M"]), "--commit: 1,200,000 is more than the forecast amount"),
        (q1(&["--best-case", "900k"]), "--best-case: 900,000 is less than the forecast amount"),
        (q1(&["--as-of", "2026-01-06"]), "--as-of: 2026-01-06 is after today"),
        (q1(&["--as-of", "06/01/2026"]), "--as-of"),
        (q1(&["--note", " "]), "--note"),
        (q1(&["--pipeline", "lots"]), "--pipeline"),
        (q1(&["--commit", "1,00,000"]), "--commit"),
        (
            vec!["forecast", "submit", "--period", "2025-Q4", "--amount", "1M"],
            "--as-of: 2026-01-05 is after 2025-Q4 ended",
        ),
        (vec!["forecast", "submit", "--period", "2026-Q1", "--amount", "1.2.3"], "--amount"),
        (vec!["forecast", "submit", "--period", "2026-Q1"], "missing --amount"),
        (vec!["forecast", "list", "--period", "soon"], "--period"),
        (vec!["goal", "list", "--format", "html"], "--format"),
        (vec!["actual", "list", "--as-of", "yesterday"], "--as-of"),
    ];
    for (args, field) in &cases {
        env.refuses(args, field);
    }
    let long = "x".repeat(2001);
    env.refuses(&q1(&[]).into_iter().chain(["--note", long.as_str()]).collect::<Vec<_>>(), "at most 2000");
    env.at("2026-01-04T09:00:00Z");
    env.refuses(&["--as", "ceo", "goal", "set", "--period", "2026-Q2", "--amount", "1M"], "clock");
}

#[test]
fn goal_set_by_prompts_explains_a_bad_amount() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1M"]).ok();
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["--as", "ceo", "goal", "set"]);
    tty.wait_for("Goal for which period?").wait_for("2026-Q1").keys(&["Enter"]); // the current quarter
    tty.wait_for("Goal for 2026-Q1").type_text("1.2x").keys(&["Enter"]);
    tty.wait_for("not an amount").wait_for("1.25M");
    tty.keys(&["BSpace"; 4]).type_text("1.25M").keys(&["Enter"]);
    tty.wait_for("2026-Q1 goal: 1,250,000 USD, replacing 1,000,000").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["goal", "list", "--format", "json"]).ok().json();
    assert_eq!(list["goals"][0]["amount"], 125_000_000);
}

#[test]
fn actual_record_by_prompts_and_escape_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let tty = Tty::start(&env, "2026-02-03T10:00:00Z", &["actual", "record"]);
    tty.wait_for("Actual revenue for which period?").wait_for("2026-01").keys(&["Enter"]);
    tty.wait_for("Actual revenue of 2026-01").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert_eq!(env.digest(), before);
    let tty = Tty::start(&env, "2026-02-03T10:00:00Z", &["actual", "record"]);
    tty.wait_for("Actual revenue for which period?").type_text("2026-03").keys(&["Enter"]);
    tty.wait_for("starts on 2026-03-01");
    tty.keys(&["BSpace"; 7]).keys(&["Enter"]); // an empty answer takes the default, last month
    tty.wait_for("Actual revenue of 2026-01").type_text("980k").keys(&["Enter"]);
    tty.wait_for("2026-01 actual: 980,000 USD").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["actual", "list", "--format", "json"]).ok().json();
    assert_eq!(
        (list["actuals"][0]["period"].as_str(), list["actuals"][0]["amount"].as_i64()),
        (Some("2026-01"), Some(98_000_000))
    );
}

#[test]
fn forecast_submit_by_prompts_skips_what_is_left_empty() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start(&env, "2026-02-10T10:00:00Z", &["--as", "ceo", "forecast", "submit"]);
    tty.wait_for("Forecast for which period?").wait_for("2026-Q1").keys(&["Enter"]);
    tty.wait_for("Forecast for 2026-Q1").type_text("1.1M").keys(&["Enter"]);
    tty.wait_for("Commit").type_text("1.2M").keys(&["Enter"]);
    tty.wait_for("more than the forecast amount");
    tty.keys(&["BSpace"; 4]).type_text("900k").keys(&["Enter"]);
    tty.wait_for("Best case").keys(&["Enter"]); // skipped
    tty.wait_for("Note").type_text("renewals in March").keys(&["Enter"]);
    tty.wait_for("As of").wait_for("2026-02-10").keys(&["Enter"]);
    tty.wait_for("Dana forecasts 1,100,000 USD for 2026-Q1 as of 2026-02-10 (commit 900,000)")
        .keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["forecast", "list", "--format", "json"]).ok().json();
    let f = &list["forecasts"][0];
    assert_eq!(f["by"], "Dana");
    assert_eq!(f["commit"], 90_000_000);
    assert_eq!(f["best_case"], serde_json::Value::Null);
    assert_eq!(f["note"], "renewals in March");
}

#[test]
fn escape_during_a_forecast_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let tty = Tty::start(&env, "2026-01-05T10:00:00Z", &["forecast", "submit", "--period", "2026-Q1"]);
    tty.wait_for("Forecast for 2026-Q1").type_text("1M").keys(&["Enter"]);
    tty.wait_for("Commit").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert_eq!(env.digest(), before);
}
