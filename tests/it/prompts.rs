//! Interactive prompts driven through a real pseudo-terminal.

use crate::env::TestEnv;
use crate::tty::{available, Tty};

const NOW: &str = "2026-01-05T09:00:00Z";

#[test]
fn init_interview_in_a_terminal_opens_the_ledger() {
    if !available() {
        return;
    }
    let env = TestEnv::new();
    let tty = Tty::start(&env, NOW, &["init"]);
    tty.wait_for("Company name").type_text("Acme Tools").keys(&["Enter"]);
    tty.wait_for("CEO's name").type_text("Dana Reyes").keys(&["Enter"]);
    tty.wait_for("Sales leader's name").type_text("Lee Park").keys(&["Enter"]);
    tty.wait_for("Currency").keys(&["Enter"]); // default USD
    tty.wait_for("Fiscal year starts in").keys(&["Down", "Down", "Down", "Enter"]); // April
    tty.wait_for("Meeting cadence").keys(&["Enter"]); // weekly
    tty.wait_for("Open a ledger for Acme Tools").wait_for("fiscal year from April").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let log = env.run(&["log", "--format", "json"]).ok().json();
    let opened = &log["records"][0]["event"]["ledger_opened"];
    assert_eq!(opened["company"], "Acme Tools");
    assert_eq!(opened["leader"], "Lee Park");
    assert_eq!(opened["fiscal_year_start"], 4);
    assert_eq!(log["records"][0]["actor"], "Dana Reyes");
}

#[test]
fn escape_at_an_init_prompt_writes_nothing_and_exits_130() {
    if !available() {
        return;
    }
    let env = TestEnv::new();
    let tty = Tty::start(&env, NOW, &["init", "--company", "Acme"]);
    tty.wait_for("CEO's name").type_text("Dana").keys(&["Enter"]);
    tty.wait_for("Sales leader's name").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert!(!env.ledger_dir().exists(), "a cancelled init created the ledger");
}

#[test]
fn an_invalid_answer_is_explained_and_asked_again() {
    if !available() {
        return;
    }
    let env = TestEnv::new();
    let tty = Tty::start(&env, NOW, &["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"]);
    tty.wait_for("Currency").type_text("dollars").keys(&["Enter"]);
    tty.wait_for("three letters");
    tty.keys(&["BSpace"; 7]).type_text("EUR").keys(&["Enter"]);
    tty.wait_for("Fiscal year starts in").keys(&["Enter"]);
    tty.wait_for("Meeting cadence").keys(&["Enter"]);
    tty.wait_for("EUR").keys(&["n", "Enter"]);
    // "No" offers the answers to change; Cancel (the last line) records nothing.
    tty.wait_for("Change which answer?").wait_for("Currency (ISO code): EUR").keys(&["Up", "Enter"]);
    assert_eq!(tty.exit_code(), 130, "Cancel at the edit list cancels: {}", tty.screen());
    assert!(!env.ledger_dir().exists());
}
