//! Who may record what (sharing.md § 3), row by row: each right once
//! allowed (exit 0) and once refused (exit 2, the right named, the head
//! digest unchanged). CEO Dana and leader Lee both have keys here; without
//! `--as` Lee signs.

use crate::env::TestEnv;
use crate::plan::words;

/// `--as WHO` followed by `line`, split on spaces.
fn by<'a>(who: &'a str, line: &'a str) -> Vec<&'a str> {
    [vec!["--as", who], words(line)].concat()
}

/// A ledger with a deal, an indicator, Lee's commitment C-1 and Dana's C-2.
fn ledger() -> TestEnv {
    let env = TestEnv::with_ledger();
    for line in [
        "deal add --id D-1 --account Globex --amount 100k --close 2026-03-31",
        "indicator define --name Calls --target 30",
        "commitment add --id C-1 --owner leader --what Plan --due 2026-01-16",
        "commitment add --id C-2 --owner ceo --what Budget --due 2026-01-16",
    ] {
        env.run(&by("leader", line)).ok();
    }
    env
}

#[test]
fn ceo_only_rows_are_refused_to_the_leader() {
    let env = ledger();
    let rows: &[(&str, &str)] = &[
        ("goal set --period 2026-Q1 --amount 1M", "revenue-goals"),
        ("expect set --area pricing --right consult-ceo-first", "expectations"),
        ("threshold set --metric commitments --green 85% --amber 70%", "thresholds"),
        ("deal bands --band large=250k --band small=0", "thresholds"),
        ("plan min-run --weeks 8", "plan-minimum-run"),
        ("member add --name Kim --role panelist", "members"),
        ("hire candidate add --id c-ana --name Ana", "hiring"),
    ];
    for (line, right) in rows {
        env.refuses(&by("leader", line), &format!("missing right '{right}'"));
        env.run(&by("ceo", line)).ok();
    }
    // The panel, and a template version, are the CEO's too.
    env.refuses(&by("leader", "hire panel add --name Pat"), "missing right 'hiring'");
    env.run(&by("ceo", "hire panel add --name Pat")).ok();
    let toml = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/templates/sales-leader.toml");
    env.refuses(&["--as", "leader", "hire", "template", "load", toml], "missing right 'hiring'");
    env.run(&["--as", "ceo", "hire", "template", "load", toml]).ok();
}

#[test]
fn members_and_their_keys_are_the_ceos() {
    let env = ledger();
    let kim = env.run(&["key", "new", "--name", "Kim"]).ok().stdout;
    let kim = kim.lines().next().unwrap().to_string();
    env.refuses(
        &["member", "add", "--name", "Kim", "--role", "advisor", "--key", &kim],
        "missing right 'members'",
    );
    env.run(&["--as", "ceo", "member", "add", "--name", "Kim", "--role", "advisor"]).ok();
    // Registering a key for someone else.
    env.refuses(&["member", "key", "--name", "Kim", "--key", &kim], "missing right 'members'");
    env.run(&["--as", "ceo", "member", "key", "--name", "Kim", "--key", &kim]).ok();
    env.refuses(&by("leader", "member remove --name Kim --reason left"), "missing right 'members'");
    env.run(&by("ceo", "member remove --name Kim --reason left")).ok();
    let list = env.run(&["member", "list", "--format", "json"]).ok().json();
    let kim = list["members"].as_array().unwrap().iter().find(|m| m["name"] == "Kim").unwrap();
    assert_eq!(kim["active"], false, "{list}");
}

#[test]
fn leader_rows_are_refused_to_the_ceo() {
    let env = ledger();
    let rows: &[(&str, &str)] = &[
        ("deal add --id D-2 --account Initech --amount 50k --close 2026-03-31", "deals"),
        ("deal risk D-1 --reason budget", "deals"),
        ("deal update D-1 --amount 120k", "deals"),
        ("indicator record --name Calls --week 2026-W01 --value 20", "indicators"),
        ("contingency add --id CT-1 --revenue-gap-above 100k --action Call", "contingencies"),
        ("plan add --kind goal --id G-1 --title Grow", "plan-items"),
        ("plan option add --id O-1 --title Partners --impact 4 --effort 2", "plan-items"),
        ("indicator define --name Demos --target 5", "plan-items"),
    ];
    for (line, right) in rows {
        env.refuses(&by("ceo", line), &format!("missing right '{right}'"));
        env.run(&by("leader", line)).ok();
    }
}

#[test]
fn either_side_records_actuals_commitments_issues_meetings_and_plan_changes() {
    let mut env = ledger();
    env.at("2026-02-02T09:00:00Z");
    env.run(&by("ceo", "actual record --period 2026-01 --amount 400k")).ok();
    env.run(&by("leader", "actual record --period 2026-01 --amount 410k")).ok();
    // Either records a commitment made by either.
    env.run(&by("ceo", "commitment add --id C-3 --owner leader --what Demos --due 2026-02-13")).ok();
    env.run(&by("leader", "commitment add --id C-4 --owner ceo --what Intro --due 2026-02-13")).ok();
    env.run(&by("ceo", "issue raise --id I-1 --title Pricing")).ok();
    env.run(&by("leader", "issue resolve I-1 --resolution agreed")).ok();
    env.run(&by("ceo", "meeting skip --date 2026-01-26 --reason travel")).ok();
    env.run(&by("leader", "meeting skip --date 2026-02-02 --reason board")).ok();
    env.run(&["--as", "ceo", "plan", "change", "--what", "Mid-size focus", "--why", "Large deals slip"]).ok();
    env.run(&["--as", "leader", "plan", "change", "--what", "More demos", "--why", "Demos lag"]).ok();
    // The record says who changed the plan.
    let plan = env.run(&words("plan show --format json")).ok().json();
    let who: Vec<&str> =
        plan["changes"].as_array().unwrap().iter().map(|c| c["requested_by"].as_str().unwrap()).collect();
    assert_eq!(who, ["Dana", "Lee"]);
    let issues = env.run(&words("issue list --format json")).ok().json();
    assert_eq!(issues["issues"][0]["raised_by"], "Dana", "{issues}");
}

#[test]
fn each_sides_forecast_is_their_own_and_only_the_leaders_is_the_leaders() {
    let env = ledger();
    env.run(&by("leader", "forecast submit --period 2026-Q1 --amount 1.1M")).ok();
    env.run(&by("ceo", "forecast submit --period 2026-Q1 --amount 900k")).ok();
    let list = env.run(&words("forecast list --format json")).ok().json();
    let by_whom: Vec<(&str, i64)> = list["forecasts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["by"].as_str().unwrap(), f["amount"].as_i64().unwrap()))
        .collect();
    assert!(by_whom.contains(&("Lee", 110_000_000)) && by_whom.contains(&("Dana", 90_000_000)), "{list}");
}

#[test]
fn only_a_commitments_owner_closes_moves_or_drops_it() {
    let env = ledger();
    for line in [
        "commitment done C-1",
        "commitment reschedule C-1 --due 2026-01-23 --reason later",
        "commitment drop C-1 --reason moot",
    ] {
        env.refuses(&by("ceo", line), "missing right 'own-commitments'");
    }
    env.refuses(&by("leader", "commitment done C-2"), "missing right 'own-commitments'");
    env.run(&by("leader", "commitment reschedule C-1 --due 2026-01-23 --reason later")).ok();
    env.run(&by("leader", "commitment done C-1")).ok();
    env.run(&by("ceo", "commitment drop C-2 --reason moot")).ok();
    // A commitment owned by a member who is neither side (an advisor) could never be closed.
    env.run(&["--as", "ceo", "member", "add", "--name", "Pat Kim", "--role", "advisor"]).ok();
    env.refuses(
        &["commitment", "add", "--id", "C-9", "--owner", "Pat Kim", "--what", "x", "--due", "2026-01-16"],
        "missing right 'commitments'",
    );
}

#[test]
fn the_author_corrects_and_the_ceo_may_only_void() {
    let env = ledger();
    // Record 4 is Lee's deal.
    env.refuses(&by("ceo", "correct 4 --set account=Initech --reason typo"), "missing right 'corrections'");
    env.run(&by("leader", "correct 4 --set account=Initech --reason typo")).ok();
    // The leader may not void the CEO's own record; the CEO may void the leader's.
    env.run(&by("ceo", "issue raise --id I-1 --title Pricing")).ok();
    let ceo_issue = env.digest().split(':').next().unwrap().to_string();
    env.refuses(
        &by("leader", &format!("correct {ceo_issue} --void --reason wrong")),
        "missing right 'corrections'",
    );
    env.run(&by("ceo", "correct 6 --void --reason duplicate")).ok();
    let log = env.run(&words("log --format json")).ok().json();
    let void = log["records"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((void["kind"].as_str(), void["actor"].as_str()), (Some("corrected"), Some("Dana")));
    assert!(void["event"]["corrected"]["replacement"].is_null(), "{void}");
    // The void is signed by the CEO's key, and show says so.
    let seq = void["seq"].as_u64().unwrap().to_string();
    assert!(env.run(&["show", &seq]).ok().stdout.contains("signed by: Dana (ed25519:"));
    // The voided record shows that the CEO voided it.
    let shown = env.run(&["show", "6"]).ok().stdout;
    assert!(shown.contains(&format!("voided by record {seq} (Dana, the CEO): duplicate")), "{shown}");
    let commitments = env.run(&words("commitment list --format json")).ok().json();
    assert_eq!(commitments["commitments"].as_array().unwrap().len(), 1, "C-1 is gone: {commitments}");
}

#[test]
fn an_advisor_with_a_key_records_nothing() {
    let env = ledger();
    let key = env.run(&["key", "new", "--name", "Avery"]).ok().stdout;
    let key = key.lines().next().unwrap().to_string();
    env.run(&["--as", "ceo", "member", "add", "--name", "Avery", "--role", "advisor", "--key", &key]).ok();
    for (line, right) in [
        ("goal set --period 2026-Q1 --amount 1M", "revenue-goals"),
        ("actual record --period 2025-12 --amount 1M", "actuals"),
        ("deal add --id D-9 --account X --amount 1k --close 2026-03-31", "deals"),
        ("issue raise --title Hello", "issues"),
        ("forecast submit --period 2026-Q1 --amount 1M", "forecasts"),
        ("commitment add --id C-9 --owner leader --what x --due 2026-01-16", "commitments"),
        ("meeting skip --date 2026-01-05 --reason x", "meetings"),
    ] {
        env.refuses(&by("Avery", line), &format!("missing right '{right}'"));
    }
    // Reading and verifying need no right.
    env.run(&["trust"]).ok();
    env.run(&["verify"]).ok();
}

#[test]
fn as_names_a_member_whose_key_is_here_or_nothing_is_written() {
    let env = ledger();
    for who in ["Mallory", "ceoo"] {
        env.refuses(&by(who, "issue raise --title x"), "is not a member of this ledger");
        let run = env.run(&by(who, "issue raise --title x"));
        assert!(run.stderr.contains("Dana (ceo)") && run.stderr.contains("Lee (leader)"), "{}", run.stderr);
    }
    // CANDOR_ACTOR is --as by another name.
    let mut c = env.command(&words("issue raise --title x"));
    c.env("CANDOR_ACTOR", "Mallory");
    let run = crate::env::finish(c.output().unwrap());
    assert_eq!(run.code, 2, "{}", run.stderr);
    let members = env.run(&["member", "list", "--format", "json"]).ok().json();
    assert_eq!(members["members"].as_array().unwrap().len(), 2, "nobody was made up: {members}");
    // Dana's key leaves this machine: Dana cannot sign here.
    let keys = env.path(".config/candor/keys");
    let dana = std::fs::read_dir(&keys)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("dana-"))
        .expect("Dana's key file");
    std::fs::rename(dana.path(), env.path("dana.key")).unwrap();
    env.refuses(&by("Dana", "goal set --period 2026-Q1 --amount 1M"), "no key for Dana on this machine");
}

#[test]
fn two_local_keys_and_no_default_ask_for_as() {
    let env = ledger();
    std::fs::remove_dir_all(env.path(".config/candor/keys/defaults")).unwrap();
    env.refuses(&words("issue raise --title x"), "--as");
    let run = env.run(&words("issue raise --title x"));
    assert!(run.stderr.contains("candor key default"), "{}", run.stderr);
    env.refuses(&words("key default Mallory"), "Mallory");
    env.run(&words("key default ceo")).ok();
    let out = env.run(&words("issue raise --title x")).ok().stdout;
    assert!(out.contains("signed by Dana with ed25519:"), "{out}");
    let keys = env.run(&words("key list --format json")).ok().json();
    let default: Vec<&str> = keys["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["default"] == true)
        .map(|k| k["member"].as_str().unwrap())
        .collect();
    assert_eq!(default, ["Dana"]);
}
