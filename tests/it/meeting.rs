//! `candor meeting …`, `candor issue …` and `candor expect …` by flags and
//! through a real terminal.

use crate::env::TestEnv;
use crate::tty::{available, Tty};

#[test]
fn meetings_are_held_or_skipped_once_per_date() {
    let mut env = TestEnv::with_ledger(); // 2026-01-05, a Monday
    env.run(&[
        "meeting",
        "hold",
        "--worked-plan",
        "partly",
        "--results",
        "no",
        "--adjust",
        "None",
        "--note",
        "slow start",
        "--rating",
        "6",
    ])
    .ok();
    env.at("2026-01-13T09:00:00Z");
    env.run(&["meeting", "skip", "--date", "2026-01-12", "--reason", "board week"]).ok();
    env.run(&["--as", "ceo", "member", "add", "--name", "Pat Kim", "--role", "advisor"]).ok();
    env.run(&[
        "meeting",
        "hold",
        "--date",
        "2026-01-13",
        "--adjust",
        "Two more demos a week, from Monday",
        "--attendee",
        "ceo",
        "--attendee",
        "Pat Kim",
    ])
    .ok();
    let list = env.run(&["meeting", "list", "--format", "json"]).ok().json();
    let m = list["meetings"].as_array().unwrap();
    assert_eq!(m.len(), 3);
    assert_eq!(m[0]["date"], "2026-01-05");
    assert_eq!(m[0]["status"], "held");
    assert_eq!(m[0]["attendees"], serde_json::json!(["Dana", "Lee"]));
    assert_eq!((m[0]["worked_plan"].as_str(), m[0]["results"].as_str()), (Some("partly"), Some("no")));
    assert_eq!(m[0]["adjust"], "none", "`--adjust none` is stored as the word none");
    assert_eq!(m[0]["rating"], 6);
    assert_eq!(m[1]["status"], "skipped");
    assert_eq!(m[1]["reason"], "board week");
    assert_eq!(m[2]["attendees"], serde_json::json!(["Dana", "Pat Kim"]));
    assert!(m[2]["worked_plan"].is_null() && m[2]["rating"].is_null());
    // As of the second record, only the first meeting had been recorded.
    // Records 1–3 open the ledger and register both keys; 4 is the first meeting.
    let early = env.run(&["meeting", "list", "--format", "json", "--as-of", "4"]).ok().json();
    assert_eq!(early["meetings"].as_array().unwrap().len(), 1);
    let md = env.run(&["meeting", "list", "--format", "md"]).ok().stdout;
    assert!(md.contains("| 2026-01-12 | skipped |") && md.contains("board week"), "{md}");
    assert!(md.contains("| 2026-01-05 | held | partly | no | none | 6 |"), "{md}");
}

#[test]
fn issues_are_raised_by_either_side_and_resolved() {
    let mut env = TestEnv::with_ledger();
    env.run(&["issue", "raise", "--title", "Discounts above 20% without approval"]).ok();
    env.run(&[
        "--as",
        "ceo",
        "issue",
        "raise",
        "--id",
        "late-news",
        "--title",
        "Globex slip heard from the customer",
        "--detail",
        "Bad news should come from us first",
    ])
    .ok();
    env.at("2026-01-09T09:00:00Z");
    env.run(&["issue", "resolve", "I-1", "--resolution", "Discounts over 15% need the CEO"]).ok();
    let all = env.run(&["issue", "list", "--format", "json"]).ok().json();
    let i = all["issues"].as_array().unwrap();
    assert_eq!((i[0]["id"].as_str(), i[0]["raised_by"].as_str()), (Some("I-1"), Some("Lee")));
    assert_eq!(i[0]["status"], "resolved");
    assert_eq!(i[0]["resolved_on"], "2026-01-09");
    assert_eq!((i[1]["id"].as_str(), i[1]["raised_by"].as_str()), (Some("late-news"), Some("Dana")));
    assert_eq!(i[1]["detail"], "Bad news should come from us first");
    let open = env.run(&["issue", "list", "--open", "--format", "json"]).ok().json();
    assert_eq!(open["issues"].as_array().unwrap().len(), 1);
    let before = env.run(&["issue", "list", "--format", "json", "--as-of", "2026-01-05"]).ok().json();
    assert_eq!(before["issues"][0]["status"], "open");
    let md = env.run(&["issue", "list", "--format", "md"]).ok().stdout;
    assert!(
        md.contains(
            "| I-1 | Discounts above 20% without approval | Lee | 2026-01-05 | resolved (2026-01-09) |"
        ),
        "{md}"
    );
}

#[test]
fn expectations_show_every_area_and_the_focus() {
    let mut env = TestEnv::with_ledger();
    let shown = env.run(&["expect", "show", "--format", "json"]).ok().json();
    assert_eq!(shown["decision_rights"].as_array().unwrap().len(), 5);
    assert!(shown["decision_rights"][0]["right"].is_null() && shown["focus"].is_null());
    env.run(&[
        "--as",
        "ceo",
        "expect",
        "set",
        "--area",
        "pricing",
        "--right",
        "consult-ceo-first",
        "--coaching",
        "30",
        "--selling",
        "60",
        "--new-markets",
        "10",
        "--office",
        "40",
        "--field",
        "60",
    ])
    .ok();
    env.at("2026-02-02T09:00:00Z");
    env.run(&["--as", "ceo", "expect", "set", "--area", "pricing", "--right", "leader-decides-and-informs"])
        .ok();
    env.run(&["--as", "ceo", "expect", "set", "--office", "20", "--field", "80"]).ok();
    let shown = env.run(&["expect", "show", "--format", "json"]).ok().json();
    let pricing = &shown["decision_rights"][3];
    assert_eq!(
        (pricing["area"].as_str(), pricing["right"].as_str()),
        (Some("pricing"), Some("leader-decides-and-informs"))
    );
    assert_eq!(pricing["on"], "2026-02-02");
    assert_eq!(shown["focus"]["coaching"], 30, "the activities split is kept");
    assert_eq!((shown["focus"]["office"].as_u64(), shown["focus"]["field"].as_u64()), (Some(20), Some(80)));
    // As of the first agreement (records 4 and 5, after the ledger and its two keys).
    let then = env.run(&["expect", "show", "--format", "json", "--as-of", "5"]).ok().json();
    assert_eq!(then["decision_rights"][3]["right"], "consult-ceo-first");
    assert_eq!(then["focus"]["office"], 40);
    let md = env.run(&["expect", "show", "--format", "md"]).ok().stdout;
    assert!(md.contains("| hire-fire | not agreed |") && md.contains("office 20% / field 80%"), "{md}");
}

#[test]
fn bad_meeting_issue_and_expectation_input_is_refused_and_writes_nothing() {
    let env = TestEnv::with_ledger();
    env.run(&["meeting", "hold", "--date", "2026-01-02"]).ok();
    env.run(&["issue", "raise", "--title", "Pricing"]).ok();
    env.run(&["--as", "ceo", "expect", "set", "--area", "pricing", "--right", "ceo-decides"]).ok();
    let long = "x".repeat(2001);
    let cases: &[(&[&str], &str)] = &[
        (&["meeting", "hold", "--date", "2026-01-02"], "one meeting per date"),
        (&["meeting", "hold", "--date", "2026-01-06"], "--date"),
        (&["meeting", "hold", "--date", "02/01/2026"], "--date"),
        (&["meeting", "hold", "--worked-plan", "maybe"], "--worked-plan"),
        (&["meeting", "hold", "--results", "great"], "--results"),
        (&["meeting", "hold", "--rating", "11"], "--rating"),
        (&["meeting", "hold", "--rating", "0"], "--rating"),
        (&["meeting", "hold", "--adjust", " "], "--adjust"),
        (&["meeting", "hold", "--note", &long], "--note"),
        (&["meeting", "hold", "--attendee", ""], "--attendee"),
        (&["meeting", "skip", "--date", "2026-01-02", "--reason", "x"], "already recorded as held"),
        (&["meeting", "skip", "--date", "2026-01-01"], "--reason"),
        (&["meeting", "skip", "--reason", "travel"], "--date"),
        (&["meeting", "skip", "--date", "2026-01-01", "--reason", ""], "--reason"),
        (&["issue", "raise", "--id", "I-1", "--title", "x"], "--id"),
        (&["issue", "raise", "--id", "bad id", "--title", "x"], "--id"),
        (&["issue", "raise"], "--title"),
        (&["issue", "raise", "--title", "two\nlines"], "--title"),
        (&["issue", "raise", "--title", "x", "--detail", ""], "--detail"),
        (&["issue", "raise", "--title", "x", "--on", "2026-02-01"], "--on"),
        (&["issue", "resolve", "I-9", "--resolution", "x"], "no issue 'I-9'"),
        (&["issue", "resolve", "I-1"], "--resolution"),
        (&["issue", "resolve", "I-1", "--resolution", "x", "--on", "2026-01-04"], "--on"),
        (&["issue", "resolve"], "missing ID"),
        (&["--as", "ceo", "expect", "set"], "nothing to set"),
        (&["--as", "ceo", "expect", "set", "--area", "sales"], "--area"),
        (&["--as", "ceo", "expect", "set", "--area", "pricing"], "--right"),
        (&["--as", "ceo", "expect", "set", "--right", "ceo-decides"], "--area"),
        (
            &["--as", "ceo", "expect", "set", "--area", "pricing", "--right", "ceo-decides"],
            "already ceo-decides",
        ),
        (&["--as", "ceo", "expect", "set", "--area", "hire-fire", "--right", "boss"], "--right"),
        (&["--as", "ceo", "expect", "set", "--coaching", "50", "--selling", "50"], "--new-markets"),
        (
            &["--as", "ceo", "expect", "set", "--coaching", "50", "--selling", "30", "--new-markets", "10"],
            "add up to 90",
        ),
        (&["--as", "ceo", "expect", "set", "--office", "50", "--field", "60"], "add up to 110"),
        (
            &["--as", "ceo", "expect", "set", "--coaching", "50", "--selling", "40", "--new-markets", "10"],
            "--office, --field",
        ),
        (&["--as", "ceo", "expect", "set", "--office", "lots", "--field", "60"], "--office"),
        (
            &[
                "--as",
                "ceo",
                "expect",
                "set",
                "--area",
                "compensation",
                "--right",
                "ceo-decides",
                "--on",
                "2026-03-01",
            ],
            "--on",
        ),
    ];
    for (args, field) in cases {
        env.refuses(args, field);
    }
}

#[test]
fn meeting_skip_by_prompts_in_a_terminal() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start(&env, "2026-01-05T10:00:00Z", &["meeting", "skip"]);
    tty.wait_for("Which meeting was skipped").wait_for("2026-01-05").keys(&["Enter"]);
    tty.wait_for("Why was it skipped").type_text("Customer visit in Lyon").keys(&["Enter"]);
    tty.wait_for("Skip the meeting of 2026-01-05").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["meeting", "list", "--format", "json"]).ok().json();
    assert_eq!(list["meetings"][0]["reason"], "Customer visit in Lyon");
}

#[test]
fn issue_raise_by_prompts_in_a_terminal() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start(&env, "2026-01-05T10:00:00Z", &["issue", "raise"]);
    tty.wait_for("Issue id").wait_for("I-1").keys(&["Enter"]);
    tty.wait_for("What is the issue").type_text("Forecast changes every day").keys(&["Enter"]);
    tty.wait_for("More detail").keys(&["Enter"]); // skipped
    tty.wait_for("Raise I-1").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["issue", "list", "--format", "json"]).ok().json();
    assert_eq!(list["issues"][0]["title"], "Forecast changes every day");
    assert!(list["issues"][0]["detail"].is_null());
}

#[test]
fn issue_resolve_picks_an_open_issue_and_escape_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    env.run(&["issue", "raise", "--title", "Pricing"]).ok();
    env.run(&["issue", "raise", "--title", "Hiring plan"]).ok();
    env.run(&["issue", "resolve", "I-1", "--resolution", "agreed"]).ok();
    let before = env.digest();
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["issue", "resolve"]);
    tty.wait_for("Which issue is resolved").wait_for("I-2 — Hiring plan");
    assert!(!tty.screen().contains("I-1 —"), "a resolved issue is offered: {}", tty.screen());
    tty.keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130);
    assert_eq!(env.digest(), before);
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["issue", "resolve"]);
    tty.wait_for("Which issue is resolved").keys(&["Enter"]);
    tty.wait_for("How was it resolved").type_text("Two hires in Q2").keys(&["Enter"]);
    tty.wait_for("Resolve I-2").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["issue", "list", "--open", "--format", "json"]).ok().json();
    assert!(list["issues"].as_array().unwrap().is_empty());
}

#[test]
fn expect_set_by_prompts_shows_the_current_right() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    env.run(&["--as", "ceo", "expect", "set", "--area", "hire-fire", "--right", "consult-ceo-first"]).ok();
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["--as", "ceo", "expect", "set"]);
    tty.wait_for("What do you agree").wait_for("hire-fire (now: consult-ceo-first)").keys(&["Enter"]);
    tty.wait_for("Who decides hire-fire").wait_for("consult-ceo-first (current)").keys(&["Up", "Enter"]);
    tty.wait_for("Agree hire-fire: leader-decides-and-informs").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let tty = Tty::start(
        &env,
        "2026-01-06T10:00:00Z",
        &["--as", "ceo", "expect", "set", "--office", "30", "--field", "70"],
    );
    tty.wait_for("Coaching, % of time").type_text("20").keys(&["Enter"]);
    tty.wait_for("Selling, % of time").type_text("70").keys(&["Enter"]);
    tty.wait_for("New markets, % of time").wait_for("10").keys(&["Enter"]); // the rest
    tty.wait_for("coaching 20 / selling 70 / new markets 10").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let shown = env.run(&["expect", "show", "--format", "json"]).ok().json();
    assert_eq!(shown["decision_rights"][0]["right"], "leader-decides-and-informs");
    assert_eq!(
        (shown["focus"]["new_markets"].as_u64(), shown["focus"]["field"].as_u64()),
        (Some(10), Some(70))
    );
}
