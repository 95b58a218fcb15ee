//! `candor meeting hold`: the meeting's records by flags, refused input,
//! and the guided meeting through a real terminal — all records written
//! together, acknowledged, or nothing written at all.

use crate::brief::{scenario, NOW};
use crate::env::TestEnv;
use crate::tty::{available, Tty};
use serde_json::Value;

/// The records after `after` (a sequence number), from `candor log`.
pub fn records_after(env: &TestEnv, after: u64) -> Vec<Value> {
    let log = env.run(&["log", "--format", "json"]).ok().json();
    log["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["seq"].as_u64().unwrap() > after)
        .cloned()
        .collect()
}

pub fn kinds(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["kind"].as_str().unwrap()).collect()
}

/// The acknowledgement names the record just before it, by seq and hash,
/// and is the recorder's own (Lee, this machine's default signer).
#[track_caller]
fn acknowledges_the_record_before_it(records: &[Value]) {
    let (ack, before) = (&records[records.len() - 1], &records[records.len() - 2]);
    let e = &ack["event"]["head_acknowledged"];
    assert_eq!(e["seq"], before["seq"]);
    assert_eq!(e["hash"], before["hash"]);
    assert_eq!(e["by"], serde_json::json!(["Lee"]));
}

#[test]
fn a_meeting_by_flags_writes_its_records_together_and_acknowledges_the_head() {
    let env = scenario(); // 61 records (init writes the ledger and two keys)
    let run = env
        .run(&[
            "meeting",
            "hold",
            "--worked-plan",
            "partly",
            "--results",
            "no",
            "--adjust",
            "Two more demos a week",
            "--plan-change",
            "Two more demos a week",
            "--why",
            "Demos below target",
            "--requested-by",
            "ceo",
            "--commit",
            "leader:2026-02-06:Book 10 demos",
            "--commit",
            "ceo:2026-02-06:Join two demos",
            "--clear-risk",
            "D-1:New champion named",
            "--flag-risk",
            "D-3:Budget frozen",
            "--resolve",
            "I-2:Weekly forecast only",
            "--raise",
            "Travel budget",
            "--rating",
            "8",
            "--acknowledge",
        ])
        .ok();
    assert!(
        run.stdout.contains("Recorded Lee's acknowledgement of the ledger as of #69 (")
            && run.stdout.contains(" (#70)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("You acknowledged the ledger as of record #69 (hash ")
            && run.stdout.contains("\nwhich includes this meeting; your acknowledgement is record #70.\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Dana acknowledges on their own key: candor meeting ack"), "{}", run.stdout);
    let records = records_after(&env, 61);
    assert_eq!(
        kinds(&records),
        [
            "meeting_held",
            "deal_risk_cleared",
            "deal_risk_flagged",
            "issue_raised",
            "issue_resolved",
            "plan_changed",
            "commitment_made",
            "commitment_made",
            "head_acknowledged"
        ]
    );
    let meeting = &records[0]["event"]["meeting_held"];
    assert_eq!(
        (meeting["date"].as_str(), meeting["worked_plan"].as_str(), meeting["rating"].as_u64()),
        (Some("2026-02-02"), Some("partly"), Some(8))
    );
    for c in &records[6..8] {
        assert_eq!(c["event"]["commitment_made"]["meeting"], 62, "made at the meeting, record 62");
    }
    assert_eq!(records[6]["event"]["commitment_made"]["id"], "C-5");
    assert_eq!(records[7]["event"]["commitment_made"]["owner"], "Dana");
    assert_eq!(records[5]["event"]["plan_changed"]["requested_by"], "Dana");
    assert_eq!(records[3]["event"]["issue_raised"]["id"], "I-3");
    acknowledges_the_record_before_it(&records);
    assert!(records.iter().all(|r| r["recorded_at"] == NOW), "one batch, one clock");
    env.run(&["verify"]).ok();
    // The brief of this meeting reads the same after it was recorded.
    let b = env.run(&["brief", "--format", "json"]).ok().json();
    assert_eq!(b["since"], "2026-01-26");
}

#[test]
fn without_answers_or_a_terminal_the_meeting_is_recorded_from_its_flags() {
    let env = scenario();
    env.run(&["meeting", "hold", "--commit", "leader:2026-02-06:Book 10 demos"]).ok();
    let records = records_after(&env, 61);
    assert_eq!(kinds(&records), ["meeting_held", "commitment_made"], "no acknowledgement unless asked");
    assert!(records[0]["event"]["meeting_held"]["worked_plan"].is_null());
}

#[test]
fn bad_meeting_actions_are_refused_and_write_nothing() {
    let env = scenario();
    let hold = |extra: &[&'static str]| -> Vec<&'static str> { [&["meeting", "hold"][..], extra].concat() };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (hold(&["--commit", "leader:Send it"]), "--commit: 'leader:Send it' is not OWNER:DUE:WHAT"),
        (hold(&["--commit", "leader:2026-13-01:x"]), "--commit"),
        (hold(&["--commit", "leader:2026-01-30:x"]), "--commit: due: 2026-01-30 is before"),
        (hold(&["--commit", "leader:2026-02-06: "]), "--commit: what"),
        (hold(&["--clear-risk", "D-9"]), "--clear-risk: id: there is no deal 'D-9'"),
        (hold(&["--clear-risk", "D-3"]), "not at risk"),
        (hold(&["--clear-risk", "D-1", "--clear-risk", "D-1"]), "not at risk"),
        (hold(&["--flag-risk", "D-3"]), "--flag-risk: 'D-3' is not ID:TEXT"),
        (hold(&["--flag-risk", "D-1:again"]), "--flag-risk"),
        (hold(&["--flag-risk", "D-4:late"]), "was won"),
        (hold(&["--raise", " "]), "--raise: title"),
        (hold(&["--resolve", "I-1:again"]), "already resolved"),
        (hold(&["--resolve", "I-2"]), "--resolve"),
        (hold(&["--resolve", "I-9:x"]), "no issue 'I-9'"),
        (hold(&["--plan-change", "More demos"]), "--why: give one --why for each --plan-change"),
        (hold(&["--plan-change", "More demos", "--why", " "]), "--plan-change: why"),
        (
            hold(&["--plan-change", "More demos", "--why", "x", "--effective", "2026-02-01"]),
            "--plan-change: effective",
        ),
        (
            hold(&[
                "--plan-change",
                "A",
                "--plan-change",
                "B",
                "--why",
                "a",
                "--why",
                "b",
                "--effective",
                "2026-02-09",
            ]),
            "--effective",
        ),
        (hold(&["--plan-change", "A", "--why", "a", "--requested-by", ""]), "--plan-change: requested-by"),
        (hold(&["--date", "2026-01-26"]), "one meeting per date"),
        (hold(&["--done", "C-4"]), "--done: right: Lee may not close or move another person's commitment"),
        (hold(&["--done", "C-3"]), "--done: id: commitment 'C-3' was done on 2026-01-29"),
        (hold(&["--missed", "C-9"]), "--missed: id: there is no commitment 'C-9'"),
        (hold(&["--reschedule", "C-4"]), "--reschedule: 'C-4' is not ID:DUE:REASON"),
        (hold(&["--reschedule", "C-4:2026-02-09:later"]), "--reschedule: right"),
        (hold(&["--as", "ceo", "--reschedule", "C-4:2026-02-01:later"]), "--reschedule: due"),
        (hold(&["--as", "ceo", "--reschedule", "C-4:2026-02-09: "]), "--reschedule: reason"),
        (
            hold(&[
                "--as",
                "ceo",
                "--reschedule",
                "C-4:2026-02-09:later",
                "--reschedule",
                "C-4:2026-02-16:later",
            ]),
            "--reschedule: commitment: C-4 was already closed or moved in this meeting",
        ),
        (hold(&["--date", "2026-02-03"]), "--date"),
        (hold(&["--rating", "11", "--commit", "leader:2026-02-06:x"]), "--rating"),
        (hold(&["--adjust", " ", "--acknowledge"]), "--adjust"),
        (hold(&["--attendee", "", "--acknowledge"]), "--attendee"),
    ];
    for (args, field) in &cases {
        env.refuses(args, field);
    }
}

pub const GUIDED_AT: &str = "2026-02-02T15:00:00Z";

/// The prompt waiting for an answer (inquire marks it "? "; answered ones "> ").
fn active_prompt(tty: &Tty) -> (String, String) {
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(20) {
        let screen = tty.screen();
        if let Some(line) = screen.lines().rev().find(|l| l.starts_with("? ")) {
            return (line.to_string(), screen);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("no prompt is waiting; screen:\n{}", tty.screen());
}

/// Presses Enter and waits for the screen to take it.
fn enter(tty: &Tty, before: &str) {
    tty.keys(&["Enter"]);
    let started = std::time::Instant::now();
    while tty.screen() == before {
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "Enter was not taken:\n{before}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Turns the pages of a long section ("More of …", Enter) until the prompt
/// starting with `prompt` waits.
pub fn reach<'t>(tty: &'t Tty, prompt: &str) -> &'t Tty {
    let started = std::time::Instant::now();
    loop {
        let (line, screen) = active_prompt(tty);
        if line.starts_with(prompt) {
            return tty;
        }
        if line.starts_with("? More of ") {
            enter(tty, &screen);
            continue;
        }
        // The prompt before may still be drawn for a moment.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "expected '{prompt}', at '{line}':\n{screen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Presses Enter at each "Next: N." pause, in order (N as in the brief's
/// sections), turning the pages of long sections on the way.
pub fn pass(tty: &Tty, sections: &[&str]) {
    for s in sections {
        reach(tty, &format!("? Next: {s} "));
        enter(tty, &tty.screen());
    }
}

#[test]
fn a_guided_meeting_records_commitments_a_plan_change_and_the_acknowledgement() {
    if !available() {
        return;
    }
    let env = scenario();
    let tty = Tty::start(&env, GUIDED_AT, &["meeting", "hold"]);
    pass(&tty, &["2.", "3.", "4."]);
    reach(&tty, "? Risks: any action?");
    assert!(tty.screen().contains("Champion left the company"), "the risks section is shown");
    tty.keys(&["Down", "Enter"]); // clear a risk
    tty.wait_for("? Which deal is no longer at risk?").keys(&["Enter"]);
    tty.wait_for("? What changed?").type_text("New champion named").keys(&["Enter"]);
    tty.wait_for("no action on risks — go on to 5. The plan").keys(&["Enter"]);
    pass(&tty, &["6."]);
    // C-4 is Dana's and overdue: Lee may not mark it done (refused at once,
    // and asked again), but may record that it was missed.
    reach(&tty, "? C-4 — Intro call with the Globex CFO (Dana, due 2026-01-30)").keys(&["Down", "Enter"]);
    tty.wait_for("missing right 'own-commitments'").wait_for("candor commitment done C-4");
    reach(&tty, "? C-4 — Intro call").keys(&["Down", "Down", "Enter"]); // missed
    pass(&tty, &["7.", "8.", "9."]);
    reach(&tty, "? Issues: any to raise or resolve?").keys(&["Enter"]);
    reach(&tty, "? Did we work the plan?").type_text("partly").keys(&["Enter"]);
    tty.wait_for("? Did it get results?").type_text("no").keys(&["Enter"]);
    reach(&tty, "? Do we adjust the plan").type_text("Two more demos a week from Monday").keys(&["Enter"]);
    tty.wait_for("? Record a plan change?").keys(&["Enter"]); // yes: an adjustment was agreed
    tty.wait_for("? What changes in the plan?").keys(&["Enter"]); // the adjustment, as suggested
    tty.wait_for("? Why?").type_text("Demos below target two weeks running").keys(&["Enter"]);
    tty.wait_for("? From when").keys(&["Enter"]);
    tty.wait_for("? Who asked for it?").keys(&["Down", "Enter"]); // the CEO
    tty.wait_for("? Another plan change?").keys(&["n", "Enter"]);
    tty.wait_for("? Add a commitment?").keys(&["Enter"]);
    tty.wait_for("? Whose commitment?").keys(&["Enter"]); // the sales leader
    tty.wait_for("? What will be done?").type_text("Book 10 demos").keys(&["Enter"]);
    tty.wait_for("? Due").wait_for("2026-02-06").keys(&["Enter"]);
    tty.wait_for("? Add another commitment?").keys(&["y", "Enter"]);
    tty.wait_for("? Whose commitment?").keys(&["Down", "Enter"]); // the CEO
    tty.wait_for("? What will be done?").type_text("Join two demos").keys(&["Enter"]);
    tty.wait_for("? Due").keys(&["Enter"]);
    tty.wait_for("? Add another commitment?").keys(&["n", "Enter"]);
    tty.wait_for("? Notes from the meeting").keys(&["Enter"]);
    tty.wait_for("? How useful").keys(&["Enter"]); // no rating unless one is given
    tty.wait_for("type a rating from 1 to 10, or skip").type_text("8").keys(&["Enter"]);
    tty.wait_for("Once written, the ledger's head will be")
        .wait_for("? Do you, Lee, agree this is the record");
    assert!(tty.screen().contains("Dana acknowledges on their own key"), "{}", tty.screen());
    let shown = tty.screen();
    tty.keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let records = records_after(&env, 61);
    assert_eq!(
        kinds(&records),
        [
            "meeting_held",
            "deal_risk_cleared",
            "commitment_missed",
            "plan_changed",
            "commitment_made",
            "commitment_made",
            "head_acknowledged"
        ]
    );
    assert_eq!(records[2]["event"]["commitment_missed"]["id"], "C-4");
    assert!(
        tty.screen().contains(&format!("You acknowledged the ledger as of record #{}", records[5]["seq"])),
        "{}",
        tty.screen()
    );
    let head = &records[5];
    let digest = format!("{}:{}", head["seq"], head["hash"].as_str().unwrap());
    assert!(shown.contains(&digest), "the digest acknowledged is the one shown:\n{shown}");
    acknowledges_the_record_before_it(&records);
    let m = &records[0]["event"]["meeting_held"];
    assert_eq!(
        (m["worked_plan"].as_str(), m["results"].as_str(), m["rating"].as_u64()),
        (Some("partly"), Some("no"), Some(8))
    );
    assert_eq!(m["adjust"], "Two more demos a week from Monday");
    let change = &records[3]["event"]["plan_changed"];
    assert_eq!(
        (change["what"].as_str(), change["requested_by"].as_str()),
        (Some("Two more demos a week from Monday"), Some("Dana"))
    );
    let c = &records[5]["event"]["commitment_made"];
    assert_eq!(
        (c["owner"].as_str(), c["what"].as_str(), c["meeting"].as_u64()),
        (Some("Dana"), Some("Join two demos"), Some(62))
    );
    env.run(&["verify"]).ok();
}

#[test]
fn escape_in_the_middle_of_a_guided_meeting_writes_nothing() {
    if !available() {
        return;
    }
    let env = scenario();
    let before = env.digest();
    let tty = Tty::start(&env, GUIDED_AT, &["meeting", "hold"]);
    pass(&tty, &["2.", "3.", "4."]);
    reach(&tty, "? Risks: any action?").keys(&["Down", "Enter"]);
    tty.wait_for("? Which deal is no longer at risk?").keys(&["Enter"]);
    tty.wait_for("? What changed?").type_text("New champion").keys(&["Enter"]);
    tty.wait_for("no action on risks — go on").keys(&["Enter"]);
    pass(&tty, &["6."]);
    reach(&tty, "? C-4 — Intro call").keys(&["Down", "Down", "Enter"]); // missed
    pass(&tty, &["7.", "8.", "9."]);
    reach(&tty, "? Issues: any to raise or resolve?").keys(&["Down", "Enter"]); // raise one
    tty.wait_for("? What is the issue?").type_text("Travel budget").keys(&["Enter"]);
    tty.wait_for("no more issues — go on").keys(&["Enter"]);
    reach(&tty, "? Did we work the plan?").type_text("yes").keys(&["Enter"]);
    tty.wait_for("? Did it get results?").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert_eq!(env.digest(), before, "the risk cleared, the miss and the issue raised were not written");
    let tty = Tty::start(&env, GUIDED_AT, &["meeting", "hold", "--commit", "leader:2026-02-06:Book demos"]);
    tty.wait_for("? Next: 2.").keys(&["C-c"]);
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert_eq!(env.digest(), before, "Ctrl-C writes nothing either, not even what the flags gave");
}

#[test]
fn answers_given_as_flags_are_not_asked_and_the_acknowledgement_may_be_declined() {
    if !available() {
        return;
    }
    let env = scenario();
    let before = env.digest();
    let walk = |tty: &Tty| {
        pass(tty, &["2.", "3.", "4."]);
        reach(tty, "? Risks: any action?").keys(&["Enter"]);
        pass(tty, &["6."]);
        reach(tty, "? C-4 — Intro call").keys(&["Enter"]); // leave it open
        pass(tty, &["7.", "8.", "9."]);
        reach(tty, "? Issues: any to raise or resolve?").keys(&["Enter"]);
        reach(tty, "? Do we adjust the plan").keys(&["Enter"]); // no answer is assumed
        tty.wait_for("or type none to keep the plan as it is").type_text("none").keys(&["Enter"]);
        tty.wait_for("? Record a plan change?").keys(&["Enter"]); // no: none was agreed
        tty.wait_for("? Add a commitment?").keys(&["n", "Enter"]);
        tty.wait_for("? Notes from the meeting").keys(&["Enter"]);
        tty.wait_for("? How useful").type_text("skip").keys(&["Enter"]);
        tty.wait_for("? Do you, Lee, agree this is the record").keys(&["n", "Enter"]);
        tty.wait_for("? Record the meeting without an acknowledgement?");
    };
    let args = ["meeting", "hold", "--worked-plan", "yes", "--results", "partly"];
    let tty = Tty::start(&env, GUIDED_AT, &args);
    walk(&tty);
    assert!(!tty.screen().contains("? Did we work the plan?"), "answered by flag");
    tty.keys(&["n", "Enter"]);
    assert_eq!(tty.exit_code(), 130);
    assert_eq!(env.digest(), before);
    let tty = Tty::start(&env, GUIDED_AT, &args);
    walk(&tty);
    tty.keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let records = records_after(&env, 61);
    assert_eq!(kinds(&records), ["meeting_held"]);
    let m = &records[0]["event"]["meeting_held"];
    assert_eq!(
        (m["worked_plan"].as_str(), m["results"].as_str(), m["adjust"].as_str()),
        (Some("yes"), Some("partly"), Some("none"))
    );
}
