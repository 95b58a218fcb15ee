//! The guided meeting in a classic 80 × 24 terminal: one agenda section at
//! a time, each waiting for Enter before the next scrolls in; the open
//! commitments closed in the meeting's own append; and a plain sentence
//! saying which record was acknowledged and which record the
//! acknowledgement is.

use crate::brief::scenario;
use crate::meeting_guided::{kinds, pass, reach, records_after, GUIDED_AT};
use crate::tty::{available, Tty};

/// Whether `title` stands on a line of its own (a section's heading, not
/// the "Next: …" prompt that names it).
fn heading_shown(screen: &str, title: &str) -> bool {
    screen.lines().any(|l| l.trim() == title)
}

#[test]
fn at_80x24_the_guided_meeting_pauses_per_section_and_closes_a_commitment() {
    if !available() {
        return;
    }
    let env = scenario();
    // Dana records, so she may mark her own commitment (C-4) done.
    let tty = Tty::start_sized(&env, GUIDED_AT, &["--as", "ceo", "meeting", "hold"], 80, 24);
    tty.wait_for("? Next: 2. Big deals won or closing — press Enter");
    let screen = tty.screen();
    assert!(heading_shown(&screen, "1. Revenue — 2026-Q1"), "{screen}");
    assert!(!heading_shown(&screen, "2. Big deals won or closing"), "not before Enter:\n{screen}");
    pass(&tty, &["2.", "3.", "4."]);
    reach(&tty, "? Risks: any action?").keys(&["Enter"]);
    // The plan is taller than the terminal: its first page waits, heading
    // and all, and nothing of the next section is drawn yet.
    tty.wait_for("? More of 5. The plan — press Enter");
    let screen = tty.screen();
    assert!(heading_shown(&screen, "5. The plan"), "the plan's start is shown and waits:\n{screen}");
    assert!(!heading_shown(&screen, "6. Commitments"), "the next section waits for Enter:\n{screen}");
    assert!(!screen.contains("Leading indicators"), "{screen}");
    for line in screen.lines() {
        assert!(line.chars().count() <= 80, "wider than the terminal: {line}");
    }
    reach(&tty, "? Next: 6. Commitments — press Enter");
    assert!(!heading_shown(&tty.screen(), "6. Commitments"), "{}", tty.screen());
    pass(&tty, &["6."]);
    reach(&tty, "? C-4 — Intro call with the Globex CFO (Dana, due 2026-01-30)");
    assert!(tty.screen().contains("1 open commitment is due by 2026-02-02"), "{}", tty.screen());
    tty.keys(&["Down", "Enter"]); // done
    reach(&tty, "? Next: 7. ");
    assert!(!heading_shown(&tty.screen(), "7. Leading indicators and contingencies"), "{}", tty.screen());
    pass(&tty, &["7.", "8.", "9."]);
    reach(&tty, "? Issues: any to raise or resolve?").keys(&["Enter"]);
    reach(&tty, "? Did we work the plan? (yes, partly or no)").keys(&["Enter"]);
    tty.wait_for("choose an answer: type yes, partly or no"); // Enter alone is no answer
    tty.type_text("yes").keys(&["Enter"]);
    tty.wait_for("? Did it get results?").type_text("partly").keys(&["Enter"]);
    tty.wait_for("? Do we adjust the plan").type_text("none").keys(&["Enter"]);
    tty.wait_for("? Record a plan change?").keys(&["Enter"]);
    tty.wait_for("? Add a commitment?").keys(&["n", "Enter"]);
    tty.wait_for("? Notes from the meeting").keys(&["Enter"]);
    tty.wait_for("? How useful").type_text("7").keys(&["Enter"]);
    tty.wait_for("commitment C-4 done").wait_for("? Do you, Dana, agree this is the record");
    tty.keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let records = records_after(&env, 61);
    assert_eq!(kinds(&records), ["meeting_held", "commitment_done", "head_acknowledged"]);
    assert!(records.iter().all(|r| r["actor"] == "Dana"), "each signed by the recorder");
    let meeting = records[0]["seq"].as_u64().unwrap();
    let (head, ack) = (&records[1], &records[2]);
    let hash = head["hash"].as_str().unwrap();
    let said = format!(
        "You acknowledged the ledger as of record #{} (hash {}…{}),\n\
         which includes this meeting; your acknowledgement is record #{}.",
        head["seq"],
        &hash[..8],
        &hash[hash.len() - 4..],
        ack["seq"]
    );
    assert!(tty.screen().contains(&said), "{said}\n{}", tty.screen());
    assert_eq!(meeting, 62);
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    let c4 = list["commitments"].as_array().unwrap().iter().find(|c| c["id"] == "C-4").unwrap().clone();
    assert_eq!(c4["status"], "done late (2026-02-02)", "done at the meeting, after its due date: {c4}");
    let v = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn commitments_are_closed_by_flags_in_the_meetings_own_append() {
    let env = scenario();
    env.run(&[
        "--as",
        "ceo",
        "meeting",
        "hold",
        "--worked-plan",
        "yes",
        "--results",
        "yes",
        "--adjust",
        "none",
        "--reschedule",
        "C-4:2026-02-13:The CFO is travelling",
    ])
    .ok();
    let records = records_after(&env, 61);
    assert_eq!(kinds(&records), ["meeting_held", "commitment_rescheduled"]);
    let moved = &records[1]["event"]["commitment_rescheduled"];
    assert_eq!((moved["due"].as_str(), moved["on"].as_str()), (Some("2026-02-13"), Some("2026-02-02")));
    let audit = env.run(&["audit", "commitments", "--format", "json"]).ok().json();
    let dana = audit["owners"].as_array().unwrap().iter().find(|o| o["owner"] == "Dana").unwrap().clone();
    assert_eq!(dana["rescheduled_before_due"], 0, "moved after it was due: {dana}");
    env.run(&["verify"]).ok();
}
