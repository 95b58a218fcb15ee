//! `candor correct SEQ`: every list reflects the correction; `--as-of`
//! before it shows the history as it stood; the original stays in the log.

use crate::env::TestEnv;
use crate::tty::{available, Tty};
use candor::core::{Date, Event, Money, Period, Timestamp};
use candor::ledger::Ledger;

fn add(env: &TestEnv, id: &str, due: &str) {
    env.run(&["commitment", "add", "--id", id, "--owner", "leader", "--what", "Send the plan", "--due", due])
        .ok();
}

#[test]
fn a_corrected_due_date_shows_in_lists_but_not_before_the_correction() {
    let mut env = TestEnv::with_ledger();
    add(&env, "C-1", "2026-01-09"); // record 4 (init writes 1–3)
    env.at("2026-01-06T09:00:00Z");
    // Only the author corrects a record; the CEO may void it, not rewrite it.
    let fix = ["correct", "4", "--set", "due=2026-01-16", "--reason", "we agreed the 16th"];
    env.refuses(&[&["--as", "ceo"], &fix[..]].concat(), "missing right 'corrections'");
    env.run(&fix).ok(); // record 5
    let now = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(now["commitments"][0]["due"], "2026-01-16");
    assert_eq!(now["commitments"][0]["reschedules"], 0, "a correction is not a reschedule");
    for as_of in ["4", "2026-01-05"] {
        let then = env.run(&["commitment", "list", "--format", "json", "--as-of", as_of]).ok().json();
        assert_eq!(then["commitments"][0]["due"], "2026-01-09", "as of {as_of}");
    }
    // The original stays; the correction is its own record, and show says so.
    let log = env.run(&["log", "--format", "json"]).ok().json();
    assert_eq!(log["records"][3]["event"]["commitment_made"]["due"], "2026-01-09");
    let fix = &log["records"][4];
    assert_eq!((fix["kind"].as_str(), fix["actor"].as_str()), (Some("corrected"), Some("Lee")));
    assert_eq!(fix["event"]["corrected"]["replacement"]["commitment_made"]["due"], "2026-01-16");
    let shown = env.run(&["show", "4"]).ok().stdout;
    assert!(shown.contains("corrected by record 5: we agreed the 16th"), "{shown}");
    let shown = env.run(&["show", "4", "--format", "json"]).ok().json();
    assert_eq!(shown["corrected_by"]["seq"], 5);
    assert!(env.run(&["show", "5", "--format", "json"]).ok().json()["corrected_by"].is_null());
    env.run(&["verify"]).ok();
}

#[test]
fn a_voided_record_disappears_from_every_list() {
    let mut env = TestEnv::with_ledger();
    env.run(&["issue", "raise", "--title", "Pricing"]).ok(); // 4
    env.run(&["issue", "raise", "--title", "Pricing (again)"]).ok(); // 5
    env.run(&["meeting", "hold", "--rating", "4"]).ok(); // 6
    env.at("2026-01-07T09:00:00Z");
    // The CEO may void any record (here the leader's), with a reason.
    env.run(&["--as", "ceo", "correct", "5", "--void", "--reason", "raised twice"]).ok(); // 7
    env.run(&[
        "correct",
        "6",
        "--set",
        "rating=8",
        "--set",
        "worked-plan=yes",
        "--reason",
        "scored the wrong meeting",
    ])
    .ok(); // 8
    let issues = env.run(&["issue", "list", "--format", "json"]).ok().json();
    assert_eq!(issues["issues"].as_array().unwrap().len(), 1);
    let meetings = env.run(&["meeting", "list", "--format", "json"]).ok().json();
    assert_eq!(
        (meetings["meetings"][0]["rating"].as_u64(), meetings["meetings"][0]["worked_plan"].as_str()),
        (Some(8), Some("yes"))
    );
    let before = env.run(&["issue", "list", "--format", "json", "--as-of", "6"]).ok().json();
    assert_eq!(before["issues"].as_array().unwrap().len(), 2);
    // A voided issue frees its id, as if it had never been raised.
    env.run(&["issue", "raise", "--title", "Hiring"]).ok();
    let issues = env.run(&["issue", "list", "--format", "json"]).ok().json();
    assert_eq!(issues["issues"][1]["id"], "I-2");
}

#[test]
fn a_correction_of_a_meeting_then_shows_in_md() {
    let env = TestEnv::with_ledger();
    env.run(&["meeting", "hold", "--adjust", "none"]).ok(); // 4
    env.run(&[
        "correct",
        "4",
        "--set",
        "adjust=Move two reps to mid-size deals from February",
        "--reason",
        "typed in the wrong box",
    ])
    .ok();
    let md = env.run(&["meeting", "list", "--format", "md"]).ok().stdout;
    assert!(md.contains("Move two reps to mid-size deals from February"), "{md}");
}

#[test]
fn bad_corrections_are_refused_and_write_nothing() {
    let env = TestEnv::with_ledger();
    add(&env, "C-1", "2026-01-09"); // 4
    env.run(&["commitment", "done", "C-1"]).ok(); // 5
    env.run(&["meeting", "hold"]).ok(); // 6
    env.run(&["correct", "6", "--set", "rating=5", "--reason", "forgot"]).ok(); // 7
    let long = "x".repeat(2001);
    let cases: &[(&[&str], &str)] = &[
        (&["correct", "1", "--void", "--reason", "x"], "opens the ledger"),
        (&["correct", "2", "--void", "--reason", "x"], "changes who signs for whom"),
        (&["correct", "99", "--void", "--reason", "x"], "no record 99"),
        (&["correct", "7", "--void", "--reason", "x"], "itself a correction"),
        (&["correct", "4", "--void", "--reason", "x"], "record 5 refers to"),
        (&["correct", "4", "--set", "colour=red", "--reason", "x"], "not a field of a commitment_made"),
        (&["correct", "4", "--set", "id=C-2", "--reason", "x"], "--set: id"),
        (&["correct", "4", "--set", "due=2026-01-09", "--reason", "x"], "identical"),
        (&["correct", "4", "--set", "due=9 Jan", "--reason", "x"], "YYYY-MM-DD"),
        (&["correct", "4", "--set", "due", "--reason", "x"], "not FIELD=VALUE"),
        (&["correct", "4", "--set", "what=", "--reason", "x"], "cannot be empty"),
        (&["correct", "4", "--set", &format!("what={long}"), "--reason", "x"], "at most 2000"),
        (&["correct", "4", "--set", "on=2026-02-01", "--reason", "x"], "after today"),
        (&["correct", "4", "--set", "due=2026-01-10"], "--reason"),
        (&["correct", "4", "--set", "due=2026-01-10", "--reason", " "], "--reason"),
        (&["correct", "4", "--reason", "x"], "--void or --set"),
        (&["correct", "4", "--void", "--set", "due=2026-01-10", "--reason", "x"], "--void"),
        (&["correct", "6", "--set", "rating=11", "--reason", "x"], "rating"),
        (&["correct", "6", "--set", "rating=5", "--reason", "x"], "identical"),
        (&["correct", "6", "--set", "worked_plan=maybe", "--reason", "x"], "worked_plan"),
        (&["correct", "x", "--void", "--reason", "x"], "SEQ"),
    ];
    for (args, field) in cases {
        env.refuses(args, field);
    }
}

/// Appends a forecast through the library (its command belongs to the
/// revenue group), as the sales leader on 2026-01-05.
fn forecast(env: &TestEnv) {
    let mut ledger = Ledger::open(&env.ledger_dir()).expect("open the ledger");
    let forecast = Event::ForecastSubmitted {
        period: Period::parse("2026-Q1").unwrap(),
        amount: Money(100_000_000),
        commit: None,
        best_case: None,
        pipeline: None,
        as_of: Date::parse("2026-01-05").unwrap(),
        note: None,
    };
    let now = Timestamp::parse("2026-01-05T09:00:00Z").unwrap();
    ledger.append("Lee", vec![forecast], now).expect("append");
}

#[test]
fn money_fields_take_any_amount_form() {
    let env = TestEnv::with_ledger();
    forecast(&env); // record 4
    env.refuses(&["correct", "4", "--set", "amount=12x", "--reason", "x"], "not an amount");
    env.refuses(&["correct", "4", "--set", "amount=-5", "--reason", "x"], "negative");
    env.refuses(&["correct", "4", "--set", "period=2026-Q5", "--reason", "x"], "not a period");
    env.run(&["correct", "4", "--set", "amount=1.25M", "--set", "commit=900,000", "--reason", "rounded"])
        .ok();
    let log = env.run(&["log", "--format", "json"]).ok().json();
    let fixed = &log["records"][4]["event"]["corrected"]["replacement"]["forecast_submitted"];
    assert_eq!((fixed["amount"].as_i64(), fixed["commit"].as_i64()), (Some(125_000_000), Some(90_000_000)));
}

#[test]
fn correct_by_prompts_shows_the_record_and_sets_a_field() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    add(&env, "C-1", "2026-01-09");
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["correct", "4"]);
    tty.wait_for("record 4 — commitment C-1 for Lee, due 2026-01-09").wait_for("due: 2026-01-09");
    tty.wait_for("Correct how?").keys(&["Enter"]); // set a field
    tty.wait_for("Which field is wrong?").type_text("due").keys(&["Enter"]);
    tty.wait_for("Right value of due");
    tty.keys(&["BSpace"; 10]).type_text("2026-01-0").keys(&["Enter"]);
    tty.wait_for("not a date"); // explained at the prompt, asked again
    tty.type_text("8").keys(&["Enter"]);
    tty.wait_for("Why is the record wrong").type_text("it was always the 8th").keys(&["Enter"]);
    tty.wait_for("Correct record 4 (commitment C-1 for Lee, due 2026-01-09): due = 2026-01-08")
        .keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(list["commitments"][0]["due"], "2026-01-08");
}

#[test]
fn correct_by_prompts_can_void_and_escape_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    env.run(&["issue", "raise", "--title", "Entered by mistake"]).ok();
    let before = env.digest();
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["correct", "4"]);
    tty.wait_for("Correct how?").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130);
    assert_eq!(env.digest(), before);
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["correct", "4"]);
    tty.wait_for("Correct how?").keys(&["Down", "Enter"]); // void
    tty.wait_for("Why is the record wrong").type_text("not an issue").keys(&["Enter"]);
    tty.wait_for("Void record 4 (issue I-1)").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["issue", "list", "--format", "json"]).ok().json();
    assert!(list["issues"].as_array().unwrap().is_empty());
}
