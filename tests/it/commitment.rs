//! `candor commitment …` by flags and through a real terminal.

use crate::env::TestEnv;
use crate::tty::{available, Tty};

fn add(env: &TestEnv, id: &str, owner: &str, due: &str) {
    env.run(&["commitment", "add", "--id", id, "--owner", owner, "--what", "Send the plan", "--due", due])
        .ok();
}

#[test]
fn a_commitment_lives_through_its_lifecycle() {
    let mut env = TestEnv::with_ledger(); // 2026-01-05, a Monday
    add(&env, "C-1", "leader", "2026-01-09");
    add(&env, "C-2", "ceo", "2026-01-09");
    // An owner must be a member; nobody is made up.
    let pat =
        ["commitment", "add", "--id", "C-3", "--owner", "Pat Kim", "--what", "x", "--due", "2026-01-16"];
    env.refuses(&pat, "Pat Kim is not a member of this ledger");
    add(&env, "C-3", "leader", "2026-01-16");
    env.at("2026-01-08T10:00:00Z");
    // Only a commitment's owner moves, closes or drops it.
    let move_c2 = ["commitment", "reschedule", "C-2", "--due", "2026-01-23", "--reason", "board week"];
    env.refuses(&move_c2, "missing right 'own-commitments'");
    env.run(&[&["--as", "ceo"], &move_c2[..]].concat()).ok();
    env.refuses(&["--as", "ceo", "commitment", "done", "C-1"], "missing right 'own-commitments'");
    env.run(&["commitment", "done", "C-1"]).ok();
    env.run(&["commitment", "drop", "C-3", "--reason", "superseded by the new plan"]).ok();
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    let c = &list["commitments"];
    assert_eq!(c[0]["owner"], "Lee");
    assert_eq!(c[0]["status"], "done (2026-01-08)");
    assert_eq!(c[1]["owner"], "Dana");
    assert_eq!(c[1]["due"], "2026-01-23");
    assert_eq!(c[1]["original_due"], "2026-01-09");
    assert_eq!(c[1]["reschedules"], 1);
    assert_eq!(c[2]["owner"], "Lee");
    assert!(c[2]["status"].as_str().unwrap().starts_with("dropped"));
    // As of record 4 (init writes three), only the first commitment existed.
    let early = env.run(&["commitment", "list", "--format", "json", "--as-of", "4"]).ok().json();
    assert_eq!(early["commitments"].as_array().unwrap().len(), 1);
    assert_eq!(early["commitments"][0]["status"], "open");
    let md = env.run(&["commitment", "list", "--format", "md", "--owner", "ceo"]).ok().stdout;
    assert!(md.contains("| C-2 | Dana |") && !md.contains("C-1"), "{md}");
}

#[test]
fn overdue_then_missed_then_done_late_is_shown_as_such() {
    let mut env = TestEnv::with_ledger();
    add(&env, "C-1", "leader", "2026-01-09");
    env.at("2026-01-12T09:00:00Z");
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(list["commitments"][0]["status"], "overdue");
    env.run(&["commitment", "missed", "C-1"]).ok();
    env.at("2026-01-13T09:00:00Z");
    env.run(&["commitment", "done", "C-1"]).ok();
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(list["commitments"][0]["status"], "missed (2026-01-12), done 2026-01-13");
}

#[test]
fn bad_commitment_input_is_refused_and_writes_nothing() {
    let mut env = TestEnv::with_ledger();
    add(&env, "C-1", "leader", "2026-01-09");
    let cases: &[(&[&str], &str)] = &[
        (
            &["commitment", "add", "--id", "C-1", "--owner", "ceo", "--what", "x", "--due", "2026-01-09"],
            "--id",
        ),
        (
            &["commitment", "add", "--id", "bad id", "--owner", "ceo", "--what", "x", "--due", "2026-01-09"],
            "--id",
        ),
        (
            &["commitment", "add", "--id", "C-2", "--owner", "ceo", "--what", " ", "--due", "2026-01-09"],
            "--what",
        ),
        (
            &["commitment", "add", "--id", "C-2", "--owner", "", "--what", "x", "--due", "2026-01-09"],
            "--owner",
        ),
        (
            &["commitment", "add", "--id", "C-2", "--owner", "ceo", "--what", "x", "--due", "2026-01-04"],
            "--due",
        ),
        (
            &["commitment", "add", "--id", "C-2", "--owner", "ceo", "--what", "x", "--due", "09/01/2026"],
            "--due",
        ),
        (
            &[
                "commitment",
                "add",
                "--id",
                "C-2",
                "--owner",
                "ceo",
                "--what",
                "x",
                "--due",
                "2026-01-09",
                "--on",
                "2026-02-01",
            ],
            "--on",
        ),
        (
            &[
                "commitment",
                "add",
                "--id",
                "C-2",
                "--owner",
                "ceo",
                "--what",
                "x",
                "--due",
                "2026-01-09",
                "--meeting",
                "1",
            ],
            "--meeting",
        ),
        (&["commitment", "add", "--id", "C-2", "--owner", "ceo"], "--what, --due"),
        (&["commitment", "done", "C-9"], "no commitment 'C-9'"),
        (&["commitment", "done"], "missing ID"),
        (&["commitment", "reschedule", "C-1", "--due", "2026-01-02", "--reason", "x"], "--due"),
        (
            &["commitment", "reschedule", "C-1", "--due", "2026-01-09", "--reason", "x"],
            "already the due date",
        ),
        (&["commitment", "reschedule", "C-1", "--due", "2026-01-20"], "--reason"),
        (&["commitment", "missed", "C-1"], "only after that date"),
        (&["commitment", "drop", "C-1", "--reason", ""], "--reason"),
    ];
    for (args, field) in cases {
        env.refuses(args, field);
    }
    let long = "x".repeat(2001);
    env.refuses(
        &["commitment", "add", "--id", "C-2", "--owner", "ceo", "--what", &long, "--due", "2026-01-09"],
        "at most 2000",
    );
    env.run(&["commitment", "drop", "C-1", "--reason", "not needed"]).ok();
    env.refuses(&["commitment", "done", "C-1"], "dropped");
    env.refuses(
        &["commitment", "reschedule", "C-1", "--due", "2026-01-20", "--reason", "x"],
        "only an open one",
    );
    env.at("2026-01-04T09:00:00Z");
    env.refuses(
        &["commitment", "add", "--id", "C-5", "--owner", "ceo", "--what", "x", "--due", "2026-01-09"],
        "clock",
    );
}

#[test]
fn commitment_add_by_prompts_in_a_terminal() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start(&env, "2026-01-05T10:00:00Z", &["commitment", "add"]);
    tty.wait_for("Commitment id").wait_for("C-1").keys(&["Enter"]);
    tty.wait_for("Whose commitment").keys(&["Up", "Enter"]); // the CEO
    tty.wait_for("What will be done").type_text("Approve the two new hires").keys(&["Enter"]);
    tty.wait_for("Due").wait_for("2026-01-09").keys(&["Enter"]); // next Friday
    tty.wait_for("Dana commits to").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    let c = &list["commitments"][0];
    assert_eq!(
        (c["id"].as_str(), c["owner"].as_str(), c["due"].as_str()),
        (Some("C-1"), Some("Dana"), Some("2026-01-09"))
    );
}

#[test]
fn commitment_done_picks_from_a_list_and_escape_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    add(&env, "C-1", "leader", "2026-01-09");
    add(&env, "C-2", "ceo", "2026-01-16");
    let before = env.digest();
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["commitment", "done"]);
    tty.wait_for("Which commitment is done").wait_for("C-2").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130);
    assert_eq!(env.digest(), before);
    // C-2 is the CEO's: the CEO's key marks it done.
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["--as", "ceo", "commitment", "done"]);
    tty.wait_for("Which commitment is done").type_text("C-2").keys(&["Enter"]);
    tty.wait_for("Mark C-2 done").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(list["commitments"][1]["status"], "done (2026-01-06)");
    assert_eq!(list["commitments"][0]["status"], "open");
}
