//! "Both sides agree" is two signatures: the CEO and the sales leader each
//! acknowledge a meeting's head on their own key, at different times and
//! on different machines (separate key directories); nobody acknowledges
//! for the other, and only a head of this history can be acknowledged.

use crate::env::{Run, TestEnv};
use serde_json::Value;

/// Runs `args` with `keys` as this machine's key directory.
fn on(env: &TestEnv, keys: &str, args: &[&str]) -> Run {
    crate::env::finish(env.command(args).env("CANDOR_KEYS", env.path(keys)).output().unwrap())
}

/// The meeting entries of the brief's JSON for the interval.
fn brief_meetings(env: &TestEnv) -> Vec<Value> {
    let b = env.run(&["brief", "--format", "json", "--since", "2026-01-05"]).ok().json();
    b["meetings"].as_array().unwrap().clone()
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect()
}

const HOLD: [&str; 9] =
    ["meeting", "hold", "--worked-plan", "yes", "--results", "partly", "--adjust", "none", "--acknowledge"];

/// Dana opens the ledger on her machine; Lee makes his key on his and Dana
/// registers it. Returns the environment, clock on Jan 5.
fn two_machines() -> TestEnv {
    let env = TestEnv::new();
    on(&env, "dana-keys", &["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"]).ok();
    let made = on(&env, "lee-keys", &["key", "new", "--name", "Lee"]).ok();
    let key = made.stdout.lines().next().unwrap().trim().to_string();
    assert!(key.starts_with("ed25519:"), "{}", made.stdout);
    on(&env, "dana-keys", &["member", "key", "--name", "Lee", "--key", &key]).ok();
    env
}

#[test]
fn the_ceo_and_the_leader_acknowledge_on_their_own_keys_at_different_times() {
    let mut env = two_machines();
    let held = on(&env, "lee-keys", &HOLD).ok();
    assert!(held.stdout.contains("signed by Lee"), "{}", held.stdout);
    assert!(held.stdout.contains("Dana acknowledges on their own key"), "{}", held.stdout);
    let meeting_head = env.run(&["log", "--format", "json"]).ok().json()["records"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .nth(1)
        .map(|r| format!("{}:{}", r["seq"], r["hash"].as_str().unwrap()))
        .unwrap();
    let m = &brief_meetings(&env)[0];
    assert_eq!(names(&m["pending"]), ["Dana"], "{m}");
    assert_eq!(m["acknowledgements"][0]["by"], "Lee");
    assert_eq!(m["acknowledgements"][0]["acknowledged"], meeting_head.as_str());

    // Two days later, on her own machine.
    env.at("2026-01-07T08:00:00Z");
    let ack = on(&env, "dana-keys", &["meeting", "ack"]).ok();
    assert!(
        ack.stdout.contains("Recorded Dana's acknowledgement of the ledger as of #4")
            && ack.stdout.contains("signed by Dana"),
        "{}",
        ack.stdout
    );
    let (seq, hash) = meeting_head.split_once(':').unwrap();
    let said = format!(
        "You acknowledged the ledger as of record #{seq} (hash {}…{}),\n\
         which includes the meeting of {} (record #{seq});\nyour acknowledgement is record #{}.",
        &hash[..8],
        &hash[hash.len() - 4..],
        m["date"].as_str().unwrap(),
        seq.parse::<u64>().unwrap() + 2
    );
    assert!(ack.stdout.contains(&said), "{said}\n{}", ack.stdout);
    let m = &brief_meetings(&env)[0];
    assert!(m["pending"].as_array().unwrap().is_empty(), "{m}");
    let acks = m["acknowledgements"].as_array().unwrap();
    let who: Vec<(&str, &str)> =
        acks.iter().map(|a| (a["by"].as_str().unwrap(), a["acknowledged"].as_str().unwrap())).collect();
    assert_eq!(
        who,
        [("Lee", meeting_head.as_str()), ("Dana", meeting_head.as_str())],
        "both acknowledged the same head"
    );
    assert!(acks[1]["at"].as_str().unwrap().starts_with("2026-01-07"), "{}", acks[1]);
    // The brief after the meeting reviews from it: its acknowledgements are the last meeting's.
    let b = env.run(&["brief", "--format", "json"]).ok().json();
    assert_eq!(b["last_meeting"]["acknowledgements"].as_array().unwrap().len(), 2, "{}", b["last_meeting"]);
    assert!(b["last_meeting"]["pending"].as_array().unwrap().is_empty());

    let list = env.run(&["meeting", "list", "--format", "json"]).ok().json();
    let entry = &list["meetings"][0];
    assert_eq!(entry["acknowledgements"].as_array().unwrap().len(), 2, "{entry}");
    assert!(entry["pending"].as_array().unwrap().is_empty());
    let table = env.run(&["meeting", "list"]).ok().stdout;
    assert!(table.contains("Lee #") && table.contains("Dana #"), "{table}");
    let brief = env.run(&["brief", "--since", "2026-01-05"]).ok().stdout;
    assert!(brief.contains("Acknowledgements") && !brief.contains("pending"), "{brief}");

    // A second acknowledgement by the same side is refused; the chain verifies.
    let before = env.digest();
    let again = on(&env, "dana-keys", &["meeting", "ack"]).code(2);
    assert!(again.stderr.contains("already acknowledged"), "{}", again.stderr);
    assert_eq!(env.digest(), before);
    let v = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn the_leader_cannot_acknowledge_for_the_ceo() {
    let env = TestEnv::with_ledger(); // both keys here; Lee signs by default
    env.run(&HOLD).ok();
    env.refuses(&["meeting", "ack", "--for", "ceo"], "missing right 'acknowledge'");
    env.refuses(&["meeting", "ack", "--for", "Dana"], "missing right 'acknowledge'");
    let m = &brief_meetings(&env)[0];
    assert_eq!(names(&m["pending"]), ["Dana"], "still pending: {m}");
    for format in ["md", "html"] {
        let b = env.run(&["brief", "--format", format, "--since", "2026-01-05"]).ok().stdout;
        assert!(b.contains("Acknowledgements") && b.contains("Dana pending"), "{format}: {b}");
    }
    env.run(&["--as", "ceo", "meeting", "ack"]).ok();
    assert!(brief_meetings(&env)[0]["pending"].as_array().unwrap().is_empty());
}

#[test]
fn only_a_head_of_this_history_can_be_acknowledged() {
    let env = TestEnv::with_ledger();
    env.refuses(&["--as", "ceo", "meeting", "ack"], "--digest"); // no meeting acknowledged yet
    env.run(&HOLD).ok();
    let head = env.digest();
    let (seq, hash) = head.split_once(':').unwrap();
    let mut other = hash.to_string();
    other.replace_range(0..1, if hash.starts_with('0') { "1" } else { "0" });
    let forged = format!("{seq}:{other}");
    env.refuses(
        &["--as", "ceo", "meeting", "ack", "--digest", &forged],
        "not a record of this ledger's history",
    );
    // A malformed digest is refused by its parser; a well-formed one past the head by the history.
    env.refuses(&["--as", "ceo", "meeting", "ack", "--digest", "999:"], "--digest");
    let beyond = format!("999:{hash}");
    env.refuses(&["--as", "ceo", "meeting", "ack", "--digest", &beyond], "--digest");
    // A record before any meeting names no meeting to close.
    let log = env.run(&["log", "--format", "json"]).ok().json();
    let first = &log["records"][0];
    let opening = format!("{}:{}", first["seq"], first["hash"].as_str().unwrap());
    env.refuses(&["--as", "ceo", "meeting", "ack", "--digest", &opening], "before any meeting");
    // The head itself (Lee's acknowledgement record) is a record of this history.
    env.run(&["--as", "ceo", "meeting", "ack", "--digest", &head]).ok();
}

/// A first-release ledger (no keys, unsigned records) whose one
/// acknowledgement names both sides, as `meeting hold --acknowledge` wrote it.
fn first_release_ledger(env: &TestEnv) {
    use candor::core::{vocab::Cadence, Date, Event, Timestamp};
    let at = Timestamp::parse("2026-01-05T10:00:00Z").unwrap();
    let mut l = candor::ledger::Ledger::create(&env.ledger_dir()).unwrap();
    let opened = Event::LedgerOpened {
        company: "Acme".into(),
        ceo: "Dana".into(),
        leader: "Lee".into(),
        currency: "USD".into(),
        fiscal_year_start: 1,
        cadence: Cadence::Weekly,
    };
    let held = Event::MeetingHeld {
        date: Date::parse("2026-01-05").unwrap(),
        worked_plan: None,
        results: None,
        adjust: None,
        note: None,
        attendees: vec!["Dana".into(), "Lee".into()],
        rating: None,
    };
    let head = *l.append("Lee", vec![opened, held], at).unwrap().last().unwrap();
    let both =
        Event::HeadAcknowledged { seq: head.seq, hash: head.hash, by: vec!["Dana".into(), "Lee".into()] };
    l.append("Lee", vec![both], at).unwrap();
}

#[test]
fn a_first_release_acknowledgement_shows_as_both_sides_unsigned() {
    let env = TestEnv::new();
    first_release_ledger(&env);
    let list = env.run(&["meeting", "list", "--format", "json"]).ok().json();
    let m = &list["meetings"][0];
    let acks = m["acknowledgements"].as_array().unwrap();
    let by: Vec<&str> = acks.iter().map(|a| a["by"].as_str().unwrap()).collect();
    assert_eq!(by, ["Dana", "Lee"]);
    assert!(acks.iter().all(|a| a["seq"] == 3 && a["for_both"] == true), "{acks:?}");
    assert!(m["pending"].as_array().unwrap().is_empty());
    let table = env.run(&["meeting", "list"]).ok().stdout;
    assert!(table.contains("for both, unsigned"), "{table}");
    env.run(&["verify"]).ok();
}

/// An acknowledgement given later names an earlier record, not the one just
/// before it; restore must check it against the record it names.
#[test]
fn a_late_acknowledgement_survives_export_and_restore() {
    let env = TestEnv::with_ledger();
    env.run(&HOLD).ok();
    env.run(&["--as", "ceo", "meeting", "ack"]).ok();
    let file = env.path("acks.jsonl");
    env.run(&["export", "--output", file.to_str().unwrap()]).ok();
    let target = TestEnv::new();
    target.run(&["restore", file.to_str().unwrap()]).ok();
    assert_eq!(target.digest(), env.digest());
}
