//! Members and keys on two machines sharing one ledger directory: each
//! machine has its own keys directory (`CANDOR_KEYS`), the leader's private
//! key never leaves theirs, and the CEO registers only its public half.

use crate::env::{finish, Run, TestEnv};
use crate::plan::words;

/// Runs `args` on the machine whose keys are in `keys` (a directory name).
fn on(env: &TestEnv, keys: &str, args: &[&str]) -> Run {
    let mut c = env.command(args);
    c.env("CANDOR_KEYS", env.path(keys));
    finish(c.output().unwrap())
}

/// The public key `key new` printed on its first line.
fn new_key(env: &TestEnv, keys: &str, name: &str) -> String {
    let out = on(env, keys, &["key", "new", "--name", name]).ok().stdout;
    let key = out.lines().next().unwrap_or_default().to_string();
    assert!(key.starts_with("ed25519:") && key.len() == 8 + 64, "{out}");
    key
}

/// The CEO (keys in A) opens the ledger; the leader (keys in B) makes a
/// key there and the CEO registers it. Returns the leader's public key.
fn two_machines(env: &TestEnv) -> String {
    on(env, "A", &words("init --company Acme --ceo Dana --leader Lee")).ok();
    let lee = new_key(env, "B", "Lee");
    // Before registration, the leader's machine holds no key of this ledger.
    let run = on(env, "B", &words("issue raise --title early"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no key on this machine signs"), "{}", run.stderr);
    on(env, "A", &["member", "key", "--name", "Lee", "--key", &lee]).ok();
    lee
}

#[test]
fn the_leader_signs_from_their_own_machine_with_a_key_the_ceo_registered() {
    let env = TestEnv::new();
    let lee = two_machines(&env);
    let out = on(&env, "B", &words("forecast submit --period 2026-Q1 --amount 1.1M")).ok().stdout;
    assert!(out.contains(&format!("signed by Lee with {}…", &lee[..16])), "{out}");
    // The CEO's machine cannot sign as Lee, nor Lee's as Dana.
    let run =
        on(&env, "A", &words("--as leader deal add --id D-1 --account X --amount 1k --close 2026-03-31"));
    assert!(run.code == 2 && run.stderr.contains("no key for Lee on this machine"), "{}", run.stderr);
    let run = on(&env, "B", &words("--as ceo goal set --period 2026-Q1 --amount 1M"));
    assert!(run.code == 2 && run.stderr.contains("no key for Dana on this machine"), "{}", run.stderr);

    let members = on(&env, "A", &words("member list --format json")).ok().json();
    let keys_of = |name: &str| -> Vec<String> {
        let m = members["members"].as_array().unwrap().iter().find(|m| m["name"] == name).unwrap();
        m["keys"].as_array().unwrap().iter().map(|k| k["key"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(keys_of("Lee"), std::slice::from_ref(&lee));
    let dana = keys_of("Dana");
    assert_eq!(dana.len(), 1, "{members}");

    // log and show say who signed each record, and with which key.
    let log = on(&env, "A", &words("log --format json")).ok().json();
    let records = log["records"].as_array().unwrap();
    let signed: Vec<(&str, Option<&str>)> =
        records.iter().map(|r| (r["kind"].as_str().unwrap(), r["signed_by"].as_str())).collect();
    assert_eq!(
        signed,
        [
            ("ledger_opened", None),
            ("member_key_added", Some(dana[0].as_str())),
            ("member_key_added", Some(dana[0].as_str())),
            ("forecast_submitted", Some(lee.as_str())),
        ]
    );
    let shown = on(&env, "A", &words("show 4")).ok().stdout;
    assert!(shown.contains(&format!("signed by: Lee ({lee})")), "{shown}");
    assert!(on(&env, "A", &words("show 1")).ok().stdout.contains("unsigned (format 2)"));
    let shown = on(&env, "A", &words("show 4 --format json")).ok().json();
    assert_eq!(shown["signed_by"], lee.as_str());
    let table = on(&env, "A", &words("log")).ok().stdout;
    assert!(table.contains(&lee[..16]) && table.contains("unsigned"), "{table}");
    on(&env, "B", &words("verify")).ok();
}

#[test]
fn a_key_file_others_can_read_is_refused_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    two_machines(&env);
    let file = std::fs::read_dir(env.path("B"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "ed25519"));
    let file = file.expect("the leader's key file").path();
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = env.digest();
    let run = on(&env, "B", &words("issue raise --title x"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("chmod 600"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    on(&env, "B", &words("issue raise --title x")).ok();
    // A keys directory others may write is refused too: they could swap the file.
    let dir = env.path("B");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let before = env.digest();
    let run = on(&env, "B", &words("issue raise --title y"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("chmod 700"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn a_member_rotates_their_key_and_a_revoked_key_signs_nothing() {
    let env = TestEnv::new();
    let first = two_machines(&env);
    // Lee makes a second key on a new laptop (C) and registers it himself,
    // signing with the first (B).
    let second = new_key(&env, "C", "Lee");
    on(&env, "B", &["member", "key", "--name", "Lee", "--key", &second]).ok();
    // Nobody but the CEO registers a key for someone else.
    let other = new_key(&env, "C", "Dana");
    let run = on(&env, "B", &["member", "key", "--name", "Dana", "--key", &other]);
    assert!(run.code == 2 && run.stderr.contains("missing right 'members'"), "{}", run.stderr);
    // The old laptop is lost: the CEO revokes its key.
    on(&env, "A", &["member", "remove", "--name", "Lee", "--key", &first, "--reason", "laptop lost"]).ok();
    let before = env.digest();
    let run = on(&env, "B", &words("issue raise --title from-the-lost-laptop"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(env.digest(), before);
    let out = on(&env, "C", &words("issue raise --title from-the-new-laptop")).ok().stdout;
    assert!(out.contains(&format!("signed by Lee with {}…", &second[..16])), "{out}");
    let keys = on(&env, "B", &words("key list --format json")).ok().json();
    assert_eq!(keys["keys"][0]["status"], "revoked", "{keys}");
    assert_eq!(keys["keys"][0]["member"], "Lee");
    let keys = on(&env, "C", &words("key list --format json")).ok().json();
    let lee = keys["keys"].as_array().unwrap().iter().find(|k| k["key"] == second.as_str()).unwrap();
    assert_eq!((lee["member"].as_str(), lee["status"].as_str()), (Some("Lee"), Some("signs")));
    on(&env, "A", &words("verify")).ok();
    // A revocation is not undone by a correction, nor a registration voided.
    // Records 2–5: Dana's key, Lee's, Lee's second, the first one's revocation.
    let before = env.digest();
    for seq in ["2", "3", "4", "5"] {
        let run = on(&env, "A", &["correct", seq, "--void", "--reason", "undo"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("changes who signs for whom"), "{}", run.stderr);
    }
    assert_eq!(env.digest(), before);
}

#[test]
fn names_that_look_like_a_member_or_hide_characters_are_refused() {
    let env = TestEnv::with_ledger();
    // "Dаna" with a Cyrillic а.
    env.refuses(&["--as", "ceo", "member", "add", "--name", "D\u{430}na", "--role", "advisor"], "looks like");
    env.refuses(&["--as", "ceo", "member", "add", "--name", "DANA", "--role", "advisor"], "looks like");
    env.refuses(&["--as", "ceo", "member", "add", "--name", "Ki\u{200b}m", "--role", "advisor"], "invisible");
    env.refuses(&["--as", "ceo", "member", "add", "--name", "Kim\u{202e}", "--role", "advisor"], "invisible");
    env.run(&["--as", "ceo", "member", "add", "--name", "Kim", "--role", "advisor"]).ok();
    let list = env.run(&words("member list --format json")).ok().json();
    assert_eq!(list["members"].as_array().unwrap().len(), 3, "{list}");
}

/// A private key never reaches the ledger directory, an export, the log or
/// a record's page: only its public half is registered.
#[test]
fn no_secret_of_a_key_leaves_its_file() {
    use crate::blind::{contains, every_file};
    use base64::Engine;
    let env = TestEnv::with_ledger();
    env.run(&words("forecast submit --period 2026-Q1 --amount 90k")).ok();
    let mut key_files = Vec::new();
    every_file(&env.path(".config/candor/keys"), &mut key_files);
    let secrets: Vec<String> = key_files
        .iter()
        .filter_map(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            text.lines().find_map(|l| l.strip_prefix("secret: ").map(str::to_string))
        })
        .collect();
    assert_eq!(secrets.len(), 2, "Dana's and Lee's keys are on this machine");
    let mut stored = Vec::new();
    every_file(&env.ledger_dir(), &mut stored);
    let mut outputs: Vec<Vec<u8>> = stored.into_iter().map(|(_, b)| b).collect();
    let export = env.run(&["export"]).ok().stdout;
    for line in export.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        outputs.push(base64::engine::general_purpose::STANDARD.decode(v["raw"].as_str().unwrap()).unwrap());
    }
    outputs.push(export.into_bytes());
    outputs.push(env.run(&["log", "--format", "json"]).ok().stdout.into_bytes());
    for seq in 1..=4 {
        outputs.push(env.run(&["show", &seq.to_string(), "--format", "json"]).ok().stdout.into_bytes());
    }
    for secret in &secrets {
        let raw: Vec<u8> =
            (0..64).step_by(2).map(|i| u8::from_str_radix(&secret[i..i + 2], 16).unwrap()).collect();
        for out in &outputs {
            assert!(!contains(out, secret.as_bytes()) && !contains(out, &raw), "a secret key leaked");
        }
    }
}
