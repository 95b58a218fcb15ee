//! Prompts that help, at 80 × 24: a value the command would refuse is
//! refused at its prompt, and "No" at the summary goes back to one answer.

use crate::env::TestEnv;
use crate::tty::{available, Tty};

const NOW: &str = "2026-01-07T09:00:00Z";

/// `commitment add` up to its summary: id, owner (the leader), what, due.
fn answer_commitment(tty: &Tty, what: &str, due: &str) {
    tty.wait_for("Commitment id").keys(&["Enter"]); // C-1
    tty.wait_for("Whose commitment").keys(&["Enter"]); // the sales leader
    tty.wait_for("What will be done").type_text(what).keys(&["Enter"]);
    tty.wait_for("Due (YYYY-MM-DD)").type_text(due).keys(&["Enter"]);
}

fn commitments(env: &TestEnv) -> serde_json::Value {
    env.run(&["commitment", "list", "--format", "json"]).ok().json()["commitments"].clone()
}

#[test]
fn a_past_due_date_is_refused_at_its_prompt_and_asked_again() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start_sized(&env, NOW, &["commitment", "add"], 80, 24);
    answer_commitment(&tty, "Call Acme", "2026-01-02");
    // Refused where it was typed, before any summary.
    tty.wait_for("before the day the commitment is made (2026-01-07)");
    assert!(!tty.screen().contains("record this?"), "{}", tty.screen());
    tty.keys(&["BSpace"; 10]).type_text("2026-01-16").keys(&["Enter"]);
    tty.wait_for("by 2026-01-16 — record this?").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = commitments(&env);
    assert_eq!(list[0]["due"], "2026-01-16");
    assert_eq!(list[0]["what"], "Call Acme");
}

#[test]
fn no_at_the_summary_edits_one_answer_and_keeps_the_others() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start_sized(&env, NOW, &["commitment", "add"], 80, 24);
    answer_commitment(&tty, "Call Acme", "2026-01-16");
    tty.wait_for("record this?").keys(&["n", "Enter"]);
    tty.wait_for("Change which answer?").wait_for("What will be done? Call Acme").wait_for("Cancel");
    tty.keys(&["Down", "Down", "Enter"]); // id, owner, what
                                          // The person's own answer is the default: Enter keeps it, typing replaces it.
    tty.wait_for("What will be done?").wait_for("(Call Acme)").type_text("Call Initech").keys(&["Enter"]);
    tty.wait_for("\"Call Initech\" by 2026-01-16 — record this?").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = commitments(&env);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(
        (list[0]["what"].as_str(), list[0]["due"].as_str()),
        (Some("Call Initech"), Some("2026-01-16"))
    );
    assert_eq!(list[0]["owner"], "Lee");
}

#[test]
fn cancel_from_the_edit_list_exits_130_and_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let tty = Tty::start_sized(&env, NOW, &["commitment", "add"], 80, 24);
    answer_commitment(&tty, "Call Acme", "2026-01-16");
    tty.wait_for("record this?").keys(&["n", "Enter"]);
    tty.wait_for("Cancel (record nothing)").keys(&["Up", "Enter"]); // the list wraps to its last line
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert_eq!(env.digest(), before);
}
