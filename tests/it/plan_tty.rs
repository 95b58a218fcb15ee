//! The plan, indicator and contingency prompts, through a real terminal.

use crate::env::TestEnv;
use crate::plan::words;
use crate::tty::{available, Tty};

const NOW: &str = "2026-01-05T10:00:00Z";

#[test]
fn plan_add_asks_kind_then_offers_parents_of_the_right_level() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start(&env, NOW, &["plan", "add"]);
    tty.wait_for("What are you adding").keys(&["Enter"]); // goal
    tty.wait_for("goal id").wait_for("G-1").keys(&["Enter"]);
    tty.wait_for("Title of the goal").type_text("Grow enterprise revenue").keys(&["Enter"]);
    tty.wait_for("Who owns it").keys(&["Down", "Enter"]); // the CEO
    tty.wait_for("Start date").keys(&["Enter"]); // none
    tty.wait_for("Due date").type_text("2026-06-30").keys(&["Enter"]);
    tty.wait_for("Add goal G-1").wait_for("owned by Dana").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());

    let tty = Tty::start(&env, NOW, &["plan", "add"]);
    tty.wait_for("What are you adding").keys(&["Down", "Enter"]); // initiative
    tty.wait_for("initiative id").wait_for("I-1").keys(&["Enter"]);
    tty.wait_for("Title of the initiative").type_text("Land five logos").keys(&["Enter"]);
    tty.wait_for("Under which goal").wait_for("G-1 — Grow enterprise revenue").keys(&["Enter"]);
    tty.wait_for("Who owns it").keys(&["Enter"]); // the sales leader
    tty.wait_for("Start date").type_text("2026-01-05").keys(&["Enter"]);
    tty.wait_for("Due date").keys(&["Enter"]);
    tty.wait_for("under G-1").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());

    let show = env.run(&words("plan show --format json")).ok().json();
    let goal = &show["items"][0];
    assert_eq!((goal["owner"].as_str(), goal["due"].as_str()), (Some("Dana"), Some("2026-06-30")));
    let init = &goal["children"][0];
    assert_eq!((init["id"].as_str(), init["owner"].as_str()), (Some("I-1"), Some("Lee")));
    assert_eq!(init["start"], "2026-01-05");
}

#[test]
fn options_are_rated_on_labelled_scales_and_adopted_from_the_ranking() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    env.run(&words("plan option add --id O-1 --title SDR --impact 2 --effort 4")).ok();
    let tty = Tty::start(&env, NOW, &["plan", "option", "add"]);
    tty.wait_for("Option id").wait_for("O-2").keys(&["Enter"]);
    tty.wait_for("What is the option").type_text("Partner channel").keys(&["Enter"]);
    tty.wait_for("Impact if it works").wait_for("5 — transformational").keys(&["Down", "Enter"]); // 4
    tty.wait_for("Effort to do it").wait_for("1 — trivial").keys(&["Up", "Enter"]); // 2
    tty.wait_for("Note").keys(&["Enter"]);
    tty.wait_for("impact 4, effort 2").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());

    let tty = Tty::start(&env, NOW, &["plan", "adopt"]);
    tty.wait_for("Which option is adopted").wait_for("O-2 — Partner channel").keys(&["Enter"]); // ranked first
    tty.wait_for("Note").type_text("pilot with Globex").keys(&["Enter"]);
    tty.wait_for("Adopt option O-2").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&words("plan options --format json")).ok().json();
    assert_eq!(
        (list["options"][0]["id"].as_str(), list["options"][0]["effort"].as_u64()),
        (Some("O-2"), Some(2))
    );
    assert_eq!(list["options"][0]["adopted_on"], "2026-01-05");
}

#[test]
fn a_plan_change_asks_why_and_escape_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let tty = Tty::start(&env, NOW, &["plan", "change"]);
    tty.wait_for("What changes in the plan").type_text("Drop SMB").keys(&["Enter"]);
    tty.wait_for("Why? (required)").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130, "{}", tty.screen());
    assert_eq!(env.digest(), before);

    let tty = Tty::start(&env, NOW, &["plan", "change"]);
    tty.wait_for("What changes in the plan").type_text("Drop SMB").keys(&["Enter"]);
    tty.wait_for("Why? (required)").keys(&["Enter"]); // empty is not accepted
    tty.wait_for("must not be empty").type_text("Enterprise closes faster").keys(&["Enter"]);
    tty.wait_for("Takes effect on").wait_for("2026-01-05").keys(&["Enter"]);
    tty.wait_for("Who asked for it").keys(&["Down", "Enter"]); // the CEO
    tty.wait_for("asked by Dana").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let show = env.run(&words("plan show --format json")).ok().json();
    assert_eq!(show["changes"][0]["why"], "Enterprise closes faster");
    assert_eq!(show["changes"][0]["requested_by"], "Dana");
}

#[test]
fn indicators_are_defined_and_recorded_by_prompts() {
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = Tty::start(&env, NOW, &["indicator", "define"]);
    tty.wait_for("Indicator name").type_text("Discovery calls").keys(&["Enter"]);
    tty.wait_for("Weekly target").type_text("2.55").keys(&["Enter"]);
    tty.wait_for("Direction").keys(&["Enter"]); // at-least
    tty.wait_for("Track Discovery calls").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());

    let tty = Tty::start(&env, "2026-01-14T10:00:00Z", &["indicator", "record"]);
    tty.wait_for("Which indicator").wait_for("Discovery calls (target ≥ 2.55)").keys(&["Enter"]);
    tty.wait_for("Week").wait_for("2026-W02").keys(&["Enter"]); // the last complete week
    tty.wait_for("Value in 2026-W02").type_text("3").keys(&["Enter"]);
    tty.wait_for("Discovery calls in 2026-W02: 3").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&words("indicator list --weeks 1 --as-of 2026-01-14 --format json")).ok().json();
    assert_eq!(list["indicators"][0]["weeks"][0]["status"], "hit");
}

#[test]
fn a_contingency_is_added_and_acted_on_by_prompts() {
    if !available() {
        return;
    }
    let mut env = TestEnv::with_ledger();
    env.run(&words("indicator define --name Calls --target 30")).ok();
    env.run(&words("indicator record --name Calls --week 2026-W01 --value 20")).ok();
    let tty = Tty::start(&env, NOW, &["contingency", "add"]);
    tty.wait_for("Contingency id").wait_for("CT-1").keys(&["Enter"]);
    tty.wait_for("What triggers it").keys(&["Enter"]); // below
    tty.wait_for("Which indicator").keys(&["Enter"]);
    tty.wait_for("Triggers when Calls is below").type_text("25").keys(&["Enter"]);
    tty.wait_for("For how many complete weeks").keys(&["BSpace", "1", "Enter"]);
    tty.wait_for("What will be done").type_text("Leader joins prospecting").keys(&["Enter"]);
    tty.wait_for("Contingency CT-1").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());

    env.at("2026-01-06T10:00:00Z");
    let tty = Tty::start(&env, "2026-01-06T10:00:00Z", &["contingency", "acted"]);
    tty.wait_for("Which contingency was acted on").wait_for("Calls below 25").keys(&["Enter"]);
    tty.wait_for("What was done").type_text("Two blocks booked").keys(&["Enter"]);
    tty.wait_for("CT-1 acted on").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&words("contingency list --format json")).ok().json();
    let ct = &list["contingencies"][0];
    assert_eq!((ct["trigger"]["weeks"].as_u64(), ct["triggered"].as_bool()), (Some(1), Some(false)));
    assert_eq!(ct["acted"][0]["note"], "Two blocks booked");
}
