//! Names that cannot be confused: `init` stores names in NFC and refuses a
//! leader whose name looks like the CEO's; attendees, owners and the people
//! named in a plan change or an agreed forecast must be members, so a typo
//! never silently becomes a new person.

use crate::env::TestEnv;

fn init(env: &TestEnv, ceo: &str, leader: &str) -> crate::env::Run {
    env.run(&["init", "--company", "Acme", "--ceo", ceo, "--leader", leader])
}

#[test]
fn a_leader_confusable_with_the_ceo_is_refused() {
    for leader in ["DANA", "D\u{430}na", "Da\u{200B}na", "Dana"] {
        let env = TestEnv::new();
        let run = init(&env, "Dana", leader).code(2);
        assert!(run.stderr.contains("--leader"), "{leader:?}: {}", run.stderr);
        assert!(!env.ledger_dir().exists(), "{leader:?}: nothing is created");
    }
    let env = TestEnv::new();
    let run = init(&env, "\u{202E}anaD", "Lee").code(2);
    assert!(run.stderr.contains("--ceo") && run.stderr.contains("U+202E"), "{}", run.stderr);
}

#[test]
fn a_decomposed_name_is_stored_composed() {
    let env = TestEnv::new();
    init(&env, "Jose\u{301}", "Lee").ok();
    let log = env.run(&["log", "--format", "json"]).ok().json();
    assert_eq!(log["records"][0]["event"]["ledger_opened"]["ceo"], "Jos\u{e9}");
    // The composed and the decomposed spelling name the same member.
    env.run(&["--as", "Jose\u{301}", "goal", "set", "--period", "2026-Q1", "--amount", "1M"]).ok();
}

#[test]
fn people_named_in_records_must_be_members() {
    let env = TestEnv::with_ledger();
    let members = "members: Dana (ceo), Lee (leader)";
    let add = ["commitment", "add", "--id", "C-1", "--what", "Send it", "--due", "2026-01-09", "--owner"];
    env.refuses(&[&add[..], &["Dnaa"]].concat(), "--owner");
    env.refuses(&[&add[..], &["Dnaa"]].concat(), members);
    env.refuses(&["meeting", "hold", "--attendee", "ceo", "--attendee", "Pat"], "--attendee");
    env.refuses(&["meeting", "hold", "--attendee", "Pat"], members);
    env.refuses(&["plan", "change", "--what", "x", "--why", "y", "--requested-by", "Boss"], "--requested-by");
    env.refuses(
        &["forecast", "agree", "--period", "2026-Q1", "--amount", "1M", "--agreed-by", "ceo,Leo"],
        "--agreed-by",
    );
    // A member, a role word and a name in another case all name a member.
    env.run(&[&add[..], &["lee"]].concat()).ok();
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(list["commitments"][0]["owner"], "Lee");
    env.run(&["--as", "ceo", "member", "add", "--name", "Pat Kim", "--role", "advisor"]).ok();
    env.run(&["meeting", "hold", "--attendee", "ceo", "--attendee", "Pat Kim"]).ok();
    // A new member whose name looks like a member's is refused.
    env.refuses(&["--as", "ceo", "member", "add", "--name", "PAT KIM", "--role", "panelist"], "--name");
    env.refuses(&["--as", "ceo", "member", "add", "--name", "Leader", "--role", "panelist"], "role word");
    // A correction names members too.
    let stranger = ["correct", "4", "--set", "owner=Pta", "--reason", "typo"];
    env.refuses(&stranger, "owner: Pta is not a member");
}
