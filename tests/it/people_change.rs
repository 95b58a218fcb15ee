//! People change: a name typed wrong at `init` corrected by a rename, and
//! the CEO's or the sales leader's role handed to another member, each a
//! record with a reason; rights follow, signatures check before and after,
//! and a restore of the export reproduces the same head.

use crate::env::TestEnv;
use crate::server::{ceo_only_ledger, Machine, Server};

/// A ledger whose CEO's name was typed "Dna" at init; both keys here.
fn typo_ledger() -> TestEnv {
    let env = TestEnv::new();
    env.run(&["init", "--company", "Acme", "--ceo", "Dna", "--leader", "Lee", "--leader-key-here"]).ok();
    env
}

fn member<'a>(list: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    let members = list["members"].as_array().expect("members");
    members.iter().find(|m| m["name"] == name).unwrap_or_else(|| panic!("no member {name} in {list}"))
}

fn roles(list: &serde_json::Value, name: &str) -> Vec<String> {
    let roles = member(list, name)["roles"].as_array().expect("roles").iter();
    roles.map(|r| r.as_str().unwrap().to_string()).collect()
}

/// `member rename` of Lee to "Lee Chen", recorded by `by`.
fn rename_lee(by: &str) -> Vec<&str> {
    vec!["member", "rename", "--name", "Lee", "--to", "Lee Chen", "--reason", "full name", "--as", by]
}

#[test]
fn a_rename_fixes_a_typed_wrong_ceo_name_and_reports_show_the_new_one() {
    let env = typo_ledger();
    env.run(&["commitment", "add", "--id", "C-1", "--owner", "ceo", "--what", "Plan", "--due", "2026-01-09"])
        .ok();
    env.run(&["goal", "set", "--period", "2026-Q1", "--amount", "100000", "--as", "Dna"]).ok();
    let before = env.run(&["member", "list", "--format", "json"]).ok().json();
    let key = member(&before, "Dna")["keys"][0]["key"].clone();

    let run = env.run(&[
        "member",
        "rename",
        "--name",
        "Dna",
        "--to",
        "Dana",
        "--reason",
        "typo at init",
        "--as",
        "ceo",
    ]);
    let run = run.ok();
    assert!(run.stdout.contains("Recorded Dna renamed Dana (#"), "{}", run.stdout);

    let list = env.run(&["member", "list", "--format", "json"]).ok().json();
    assert!(list["members"].as_array().unwrap().iter().all(|m| m["name"] != "Dna"), "{list}");
    assert_eq!(roles(&list, "Dana"), ["ceo"]);
    assert_eq!(member(&list, "Dana")["keys"][0]["key"], key, "the same key signs for the new name");
    assert_eq!(list["changes"][0]["from"], "Dna");
    assert_eq!(list["changes"][0]["reason"], "typo at init");
    let table = env.run(&["member", "list"]).ok().stdout;
    assert!(table.contains("renamed Dna → Dana") && table.contains("typo at init"), "{table}");

    let commitments = env.run(&["commitment", "list", "--format", "json"]).ok().json();
    assert_eq!(commitments["commitments"][0]["owner"], "Dana");

    // The old name is refused, naming the new one; the new name signs.
    let head = env.digest();
    let old = env.run(&["commitment", "done", "C-1", "--as", "Dna"]);
    assert_eq!(old.code, 2, "{}", old.stderr);
    assert!(old.stderr.contains("Dna was renamed Dana"), "{}", old.stderr);
    assert_eq!(env.digest(), head);
    let done = env.run(&["commitment", "done", "C-1", "--as", "Dana"]).ok();
    assert!(done.stdout.contains("signed by Dana"), "{}", done.stdout);
    env.run(&["goal", "set", "--period", "2026-Q2", "--amount", "120000", "--as", "ceo"]).ok();

    // Historic records keep the name they were written with.
    let log = env.run(&["log", "--format", "json"]).ok().stdout;
    assert!(log.contains("\"actor\": \"Dna\"") || log.contains("\"actor\":\"Dna\""), "{log}");
    assert!(log.contains("typo at init"), "{log}");

    let verify = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(verify["ok"], true, "{verify}");
    assert_eq!(verify["signatures"]["bad"], serde_json::json!([]), "{verify}");

    let file = env.path("export.jsonl");
    env.run(&["export", "--output", file.to_str().unwrap()]).ok();
    let again = TestEnv::new();
    let restored = again.run(&["restore", file.to_str().unwrap()]).ok();
    assert!(restored.stdout.contains(&format!("head {}", env.digest())), "{}", restored.stdout);
    assert_eq!(again.digest(), env.digest());
    let list = again.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(roles(&list, "Dana"), ["ceo"]);
}

#[test]
fn a_member_renames_themselves_but_not_anyone_else() {
    let env = TestEnv::with_ledger();
    env.refuses(
        &["member", "rename", "--name", "Dana", "--to", "Dina", "--reason", "x", "--as", "Lee"],
        "members",
    );
    env.run(&rename_lee("Lee")).ok();
    let list = env.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(roles(&list, "Lee Chen"), ["leader"]);
    let deal =
        ["deal", "add", "--id", "D-1", "--account", "Hooli", "--amount", "5000", "--close", "2026-03-31"];
    let run = env.run(&[&deal[..], &["--as", "leader"]].concat()).ok();
    assert!(run.stdout.contains("signed by Lee Chen"), "{}", run.stdout);
    assert_eq!(env.run(&["verify", "--format", "json"]).ok().json()["ok"], true);
}

/// `env` with Kim Ito added as an advisor with a key on this machine.
fn with_kim(env: &TestEnv) {
    let out = env.run(&["key", "new", "--name", "Kim Ito"]).ok().stdout;
    let key = out.split_whitespace().find(|w| w.starts_with("ed25519:")).expect("a key").to_string();
    let key = key.trim_end_matches(|c: char| !c.is_ascii_hexdigit());
    env.run(&["member", "add", "--name", "Kim Ito", "--role", "advisor", "--key", key, "--as", "ceo"]).ok();
}

#[test]
fn the_leader_role_handed_over_moves_the_rights_and_the_forecasts_that_count() {
    let env = TestEnv::with_ledger();
    with_kim(&env);
    let deal = |id: &str, who: &str| {
        [
            "deal",
            "add",
            "--id",
            id,
            "--account",
            "Hooli",
            "--amount",
            "5000",
            "--close",
            "2026-03-31",
            "--as",
            who,
        ]
        .map(String::from)
        .to_vec()
    };
    fn args(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    env.run(&args(&deal("D-1", "Lee"))).ok();
    let by = |who: &str, on: &str| {
        [
            "member",
            "hand-over",
            "--role",
            "leader",
            "--to",
            "Kim Ito",
            "--reason",
            "x",
            "--on",
            on,
            "--as",
            who,
        ]
        .map(String::from)
        .to_vec()
    };
    env.refuses(&args(&by("Lee", "2026-01-05")), "members");
    env.refuses(&args(&by("ceo", "2099-01-01")), "--on");
    env.run(&[
        "member",
        "hand-over",
        "--role",
        "leader",
        "--to",
        "Kim Ito",
        "--reason",
        "Lee moves to EMEA",
        "--as",
        "ceo",
    ])
    .ok();
    env.refuses(&args(&deal("D-2", "Lee")), "deals");
    env.run(&args(&deal("D-2", "Kim Ito"))).ok();

    let list = env.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(roles(&list, "Kim Ito"), ["leader"]);
    assert_eq!(roles(&list, "Lee"), ["advisor"], "the former leader stays on as an advisor");
    assert_eq!(list["changes"][0]["role"], "leader");
    assert_eq!(list["changes"][0]["reason"], "Lee moves to EMEA");
    let table = env.run(&["member", "list"]).ok().stdout;
    assert!(table.contains("sales leader role: Lee → Kim Ito"), "{table}");

    // The leader's forecast is now Kim's, as after `leader_changed`.
    env.refuses(
        &["forecast", "submit", "--period", "2026-Q1", "--amount", "80000", "--as", "Lee"],
        "forecasts",
    );
    let run =
        env.run(&["forecast", "submit", "--period", "2026-Q1", "--amount", "90000", "--as", "leader"]).ok();
    assert!(run.stdout.contains("signed by Kim Ito"), "{}", run.stdout);
    let brief = env.run(&["brief", "--format", "json"]).ok().json();
    assert_eq!(brief["forecast"]["leader"]["amount"], 9_000_000, "{}", brief["forecast"]);
    let log = env.run(&["log"]).ok().stdout;
    assert!(log.contains("role_handed_over") && log.contains("Lee moves to EMEA"), "{log}");
    assert_eq!(env.run(&["verify", "--format", "json"]).ok().json()["ok"], true);
}

#[test]
fn the_ceo_role_handed_over_leaves_the_old_ceo_an_advisor_and_restores_alike() {
    let mut env = TestEnv::with_ledger();
    with_kim(&env);
    env.at("2026-01-09T10:00:00Z");
    env.run(&[
        "member",
        "hand-over",
        "--role",
        "ceo",
        "--to",
        "Kim Ito",
        "--reason",
        "Dana retires",
        "--on",
        "2026-01-07",
        "--as",
        "Dana",
    ])
    .ok();
    env.refuses(
        &["goal", "set", "--period", "2026-Q1", "--amount", "100000", "--as", "Dana"],
        "revenue-goals",
    );
    env.run(&["goal", "set", "--period", "2026-Q1", "--amount", "100000", "--as", "ceo"]).ok();
    let list = env.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(roles(&list, "Kim Ito"), ["ceo"]);
    assert_eq!(roles(&list, "Dana"), ["advisor"]);
    assert_eq!(list["changes"][0]["on"], "2026-01-07");
    // The new CEO renames; the old one no longer may.
    env.refuses(
        &["member", "rename", "--name", "Lee", "--to", "Leo", "--reason", "x", "--as", "Dana"],
        "members",
    );
    env.run(&rename_lee("ceo")).ok();

    let file = env.path("export.jsonl");
    env.run(&["export", "--output", file.to_str().unwrap()]).ok();
    let again = TestEnv::new();
    again.run(&["restore", file.to_str().unwrap()]).ok();
    assert_eq!(again.digest(), env.digest());
    assert_eq!(
        again.run(&["verify", "--format", "json"]).ok().json()["signatures"]["bad"],
        serde_json::json!([])
    );
}

#[test]
fn people_changes_refused_name_the_field_and_write_nothing() {
    let env = TestEnv::with_ledger();
    let rename = |name: &str, to: &str, reason: &str| {
        ["member", "rename", "--name", name, "--to", to, "--reason", reason, "--as", "ceo"]
            .map(String::from)
            .to_vec()
    };
    let refuses = |args: Vec<String>, field: &str| {
        env.refuses(&args.iter().map(String::as_str).collect::<Vec<_>>(), field);
    };
    refuses(rename("Nobody", "Pat", "x"), "--name");
    refuses(rename("Lee", "Lee", "x"), "--to");
    refuses(rename("Lee", "Dana", "x"), "--to");
    refuses(rename("Lee", "dana", "x"), "--to");
    refuses(rename("Lee", "leader", "x"), "--to");
    refuses(rename("Lee", "Leo", "  "), "--reason");
    env.refuses(&["member", "rename", "--name", "Lee", "--to", "Leo", "--as", "ceo"], "--reason");

    let over = |role: &str, to: &str, who: &str| {
        ["member", "hand-over", "--role", role, "--to", to, "--reason", "x", "--as", who]
            .map(String::from)
            .to_vec()
    };
    refuses(over("leader", "Nobody", "ceo"), "--to");
    refuses(over("leader", "Lee", "ceo"), "--to");
    refuses(over("ceo", "Lee", "ceo"), "--to");
    refuses(over("panelist", "Lee", "ceo"), "--role");
    env.run(&["member", "add", "--name", "Kim Ito", "--role", "advisor", "--as", "ceo"]).ok();
    refuses(over("leader", "Kim Ito", "ceo"), "--to");
    let no_key = env.run(&over("leader", "Kim Ito", "ceo").iter().map(String::as_str).collect::<Vec<_>>());
    assert!(no_key.stderr.contains("has no key"), "{}", no_key.stderr);

    // A former name stays with its person.
    env.run(&[
        "member", "rename", "--name", "Kim Ito", "--to", "Kim Itō", "--reason", "accent", "--as", "ceo",
    ])
    .ok();
    env.refuses(&["member", "add", "--name", "Kim Ito", "--role", "panelist", "--as", "ceo"], "--name");
    env.refuses(
        &["member", "rename", "--name", "Lee", "--to", "Kim Ito", "--reason", "x", "--as", "ceo"],
        "--to",
    );
}

#[test]
fn a_rename_and_a_hand_over_go_through_a_server() {
    let env = ceo_only_ledger();
    let server = Server::start(&env, &[]);
    let ceo = Machine::new(&server.url, env.now());
    copy_keys(&env, &ceo);
    let lee = Machine::new(&server.url, env.now());
    let key = lee.key_new("Lee Chen");
    let run =
        ceo.run(&["member", "rename", "--name", "Lee", "--to", "Lee Chen", "--reason", "full name"]).ok();
    assert!(run.stdout.contains("Recorded Lee renamed Lee Chen (#3)"), "{}", run.stdout);
    ceo.run(&["member", "key", "--name", "Lee Chen", "--key", &key]).ok();
    let deal =
        ["deal", "add", "--id", "D-1", "--account", "Hooli", "--amount", "5000", "--close", "2026-03-31"];
    let run = lee.run(&deal).ok();
    assert!(run.stdout.contains("signed by Lee Chen"), "{}", run.stdout);
    let head = ceo.digest();
    let taken = ceo.run(&["member", "rename", "--name", "Lee Chen", "--to", "Dana", "--reason", "x"]);
    assert_eq!(taken.code, 2, "{}", taken.stderr);
    assert!(taken.stderr.contains("--to"), "{}", taken.stderr);
    assert_eq!(ceo.digest(), head);
    let list = lee.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(roles(&list, "Lee Chen"), ["leader"]);

    let kim = lee.key_new("Kim Ito");
    ceo.run(&["member", "add", "--name", "Kim Ito", "--role", "advisor", "--key", &kim]).ok();
    ceo.run(&["member", "hand-over", "--role", "leader", "--to", "Kim Ito", "--reason", "reorganisation"])
        .ok();
    let refused = lee.run(&[&deal[..3], &["D-2"], &deal[4..], &["--as", "Lee Chen"]].concat());
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("deals"), "{}", refused.stderr);
    lee.run(&[&deal[..3], &["D-2"], &deal[4..], &["--as", "Kim Ito"]].concat()).ok();
    drop(server);
    assert_eq!(env.run(&["verify", "--format", "json"]).ok().json()["ok"], true);
}

fn copy_keys(env: &TestEnv, machine: &Machine) {
    let from = env.home().join(".config/candor/keys");
    let to = machine.dir().join(".config/candor/keys");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    // Key files and their directory must be private, as `key new` makes them.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o700)).unwrap();
    for dir in [to.parent().unwrap(), to.parent().unwrap().parent().unwrap()] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

#[test]
fn on_a_terminal_a_rename_asks_and_refuses_a_taken_name_at_its_prompt() {
    if !crate::tty::available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let tty = crate::tty::Tty::start_sized(
        &env,
        "2026-01-05T10:00:00Z",
        &["--as", "ceo", "member", "rename"],
        80,
        24,
    );
    tty.wait_for("Whose name changes").keys(&["Down", "Enter"]); // Lee
    tty.wait_for("New name for Lee").type_text("Dana").keys(&["Enter"]);
    tty.wait_for("taken by");
    tty.keys(&["BSpace"; 4]).type_text("Lee Chen").keys(&["Enter"]);
    tty.wait_for("Why?").type_text("full name").keys(&["Enter"]);
    tty.wait_for("Rename Lee to Lee Chen").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(roles(&list, "Lee Chen"), ["leader"]);
}
