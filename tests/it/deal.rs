//! `candor deal …` by flags and through a real terminal.

use crate::env::TestEnv;
use crate::tty::{available, Tty};

fn add(env: &TestEnv, id: &str, account: &str, amount: &str, close: &str) {
    env.run(&["deal", "add", "--id", id, "--account", account, "--amount", amount, "--close", close]).ok();
}

/// D-1 Globex 120k (proposal, 40%) and D-2 Initech 1.2M, opened 2026-01-05.
fn pipeline() -> TestEnv {
    let env = TestEnv::with_ledger();
    env.run(&[
        "deal",
        "add",
        "--id",
        "D-1",
        "--account",
        "Globex",
        "--amount",
        "120k",
        "--close",
        "2026-03-31",
        "--stage",
        "proposal",
        "--probability",
        "40",
    ])
    .ok();
    add(&env, "D-2", "Initech", "1.2M", "2026-02-27");
    env
}

#[test]
fn a_deal_moves_from_opened_to_won_and_every_version_is_kept() {
    let mut env = pipeline(); // seq 4 and 5 (init writes 1–3)
    add(&env, "D-3", "Hooli", "75,000", "2026-03-15"); // seq 6
    env.at("2026-01-12T09:00:00Z");
    env.run(&[
        "deal",
        "update",
        "D-1",
        "--amount",
        "150k",
        "--close",
        "2026-04-15",
        "--stage",
        "negotiation",
    ])
    .ok(); // seq 7
    env.run(&["deal", "risk", "D-2", "--reason", "the champion left", "--on", "2026-01-09"]).ok(); // 8
    env.at("2026-01-19T09:00:00Z");
    env.run(&["deal", "clear-risk", "D-2", "--note", "a new champion signed the plan"]).ok(); // 9
    env.run(&["deal", "won", "D-1", "--amount", "160k"]).ok(); // 10
    env.run(&["deal", "lost", "D-3", "--reason", "went with a competitor"]).ok(); // 11

    let open = env.run(&["deal", "list", "--format", "json"]).ok().json();
    assert_eq!(open["currency"], "USD");
    assert_eq!(open["deals"].as_array().unwrap().len(), 1);
    assert_eq!(open["deals"][0]["id"], "D-2");
    assert_eq!(open["deals"][0]["at_risk_since"], serde_json::Value::Null);
    assert_eq!(open["total"], 120_000_000);

    let all = env.run(&["deal", "list", "--status", "all", "--format", "json"]).ok().json();
    let d1 = &all["deals"][0];
    assert_eq!((d1["status"].as_str(), d1["closed_on"].as_str()), (Some("won"), Some("2026-01-19")));
    assert_eq!(d1["amount"], 16_000_000);
    assert_eq!(d1["stage"], "negotiation");
    assert_eq!(all["deals"][2]["lost_reason"], "went with a competitor");
    let won = env.run(&["deal", "list", "--status", "won", "--format", "json"]).ok().json();
    assert_eq!(won["deals"].as_array().unwrap().len(), 1);

    let show = env.run(&["deal", "show", "D-1", "--format", "json"]).ok().json();
    let seqs: Vec<u64> =
        show["versions"].as_array().unwrap().iter().map(|v| v["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, [4, 7, 10]);
    assert_eq!(show["versions"][1]["close"], "2026-04-15");
    assert!(show["versions"][1]["change"].as_str().unwrap().contains("amount 120,000 → 150,000"));
    assert!(show["versions"][2]["change"].as_str().unwrap().starts_with("won"));
    let show = env.run(&["deal", "show", "D-2", "--format", "json"]).ok().json();
    let changes: Vec<&str> =
        show["versions"].as_array().unwrap().iter().map(|v| v["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["opened", "at risk: the champion left", "risk cleared"]);

    let md = env.run(&["deal", "show", "D-1", "--format", "md"]).ok().stdout;
    assert!(md.starts_with("## D-1 — Globex") && md.contains("| 7 | 2026-01-12 |"), "{md}");
    let md = env.run(&["deal", "list", "--status", "all", "--format", "md"]).ok().stdout;
    assert!(md.contains("| D-3 | Hooli | 75,000 |") && md.contains("lost 2026-01-19"), "{md}");
    let table = env.run(&["deal", "list"]).ok().stdout;
    assert!(table.contains("Initech") && !table.contains("Globex"), "{table}");
}

#[test]
fn the_pipeline_can_be_read_as_it_stood_earlier() {
    let mut env = pipeline();
    env.at("2026-01-12T09:00:00Z");
    env.run(&["deal", "update", "D-1", "--amount", "200k"]).ok(); // seq 6
    env.run(&["deal", "risk", "D-1", "--reason", "budget review"]).ok(); // seq 7
    env.at("2026-01-20T09:00:00Z");
    env.run(&["deal", "lost", "D-1", "--reason", "budget cut"]).ok(); // seq 8

    let by_seq = env.run(&["deal", "list", "--as-of", "6", "--format", "json"]).ok().json();
    assert_eq!(by_seq["deals"][0]["amount"], 20_000_000);
    assert_eq!(by_seq["deals"][0]["at_risk_since"], serde_json::Value::Null);
    let by_date = env.run(&["deal", "list", "--as-of", "2026-01-15", "--format", "json"]).ok().json();
    assert_eq!(by_date["deals"][0]["at_risk_since"], "2026-01-12");
    assert_eq!(by_date["deals"][0]["status"], "open");
    let shown = env.run(&["deal", "show", "D-1", "--as-of", "5", "--format", "json"]).ok().json();
    assert_eq!(shown["versions"].as_array().unwrap().len(), 1);
    assert_eq!(shown["amount"], 12_000_000);
    let before = env.run(&["deal", "list", "--as-of", "3", "--format", "json"]).ok().json();
    assert!(before["deals"].as_array().unwrap().is_empty());
    // A deal whose expected close has passed is marked, as of the day asked about.
    env.at("2026-03-02T09:00:00Z");
    let late = env.run(&["deal", "list", "--format", "json"]).ok().json();
    assert_eq!(late["deals"][0]["id"], "D-2");
    assert_eq!(late["deals"][0]["close_passed"], true);
    let on_time = env.run(&["deal", "list", "--as-of", "2026-02-01", "--format", "json"]).ok().json();
    assert_eq!(on_time["deals"][0]["close_passed"], false);
}

#[test]
fn size_bands_group_deals_and_show_the_mix_against_its_target() {
    let env = pipeline();
    let shown = env.run(&["deal", "bands"]).ok().stdout;
    assert!(shown.contains("No size bands are set"), "{shown}");
    // Size bands are a threshold: the CEO's.
    env.refuses(&["deal", "bands", "--band", "mid=50k"], "missing right 'thresholds'");
    env.run(&[
        "--as",
        "ceo",
        "deal",
        "bands",
        "--band",
        "mid=50k",
        "--band",
        "large=500k",
        "--target",
        "large=60",
        "--target",
        "mid=40",
    ])
    .ok(); // seq 6
    let bands = env.run(&["deal", "bands", "--format", "json"]).ok().json();
    let names: Vec<&str> =
        bands["bands"].as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["large", "mid"]);
    assert_eq!(bands["bands"][0]["min"], 50_000_000);
    assert_eq!(bands["bands"][0]["target_share"], 0.6);
    assert_eq!(bands["bands"][0]["open_amount"], 120_000_000);
    assert_eq!(bands["open_total"], 132_000_000);
    let list = env.run(&["deal", "list", "--format", "json"]).ok().json();
    assert_eq!(list["deals"][0]["size_band"], "mid");
    assert_eq!(list["deals"][1]["size_band"], "large");
    // Targets alone re-use the bands in force.
    env.run(&["--as", "ceo", "deal", "bands", "--target", "large=50", "--target", "mid=50"]).ok();
    let md = env.run(&["deal", "bands", "--format", "md"]).ok().stdout;
    assert!(md.contains("| large | 500,000 | 50% | 1 | 1,200,000 |"), "{md}");
    let earlier = env.run(&["deal", "bands", "--as-of", "6", "--format", "json"]).ok().json();
    assert_eq!(earlier["bands"][0]["target_share"], 0.6);
    let before = env.run(&["deal", "list", "--as-of", "5", "--format", "json"]).ok().json();
    assert_eq!(before["deals"][0]["size_band"], serde_json::Value::Null);
}

#[test]
fn bad_deal_input_is_refused_and_writes_nothing() {
    let mut env = pipeline();
    let add = |id: &'static str, amount: &'static str, close: &'static str| -> Vec<&'static str> {
        vec!["deal", "add", "--id", id, "--account", "Hooli", "--amount", amount, "--close", close]
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (add("D-1", "5k", "2026-03-31"), "--id"),
        (add("bad id", "5k", "2026-03-31"), "--id"),
        (add("D-3", "12x", "2026-03-31"), "--amount: '12x' is not an amount"),
        (add("D-3", "0", "2026-03-31"), "more than 0"),
        (
            vec!["deal", "add", "--id", "D-3", "--account", "X", "--amount=-5k", "--close", "2026-03-31"],
            "is negative",
        ),
        (add("D-3", "5k", "2026-01-04"), "--close"),
        (add("D-3", "5k", "31/03/2026"), "--close"),
        ([add("D-3", "5k", "2026-03-31"), vec!["--on", "2026-01-06"]].concat(), "--on"),
        ([add("D-3", "5k", "2026-03-31"), vec!["--probability", "120"]].concat(), "--probability"),
        ([add("D-3", "5k", "2026-03-31"), vec!["--stage", " "]].concat(), "--stage"),
        (
            vec!["deal", "add", "--id", "D-3", "--account", " ", "--amount", "5k", "--close", "2026-03-31"],
            "--account",
        ),
        (vec!["deal", "add", "--id", "D-3", "--account", "Hooli"], "--amount, --close"),
        (vec!["deal", "update", "D-9", "--amount", "5k"], "no deal 'D-9'"),
        (vec!["deal", "update", "D-1"], "--amount, --close, --stage, --probability"),
        (vec!["deal", "update", "D-1", "--amount", "120,000", "--stage", "proposal"], "nothing would change"),
        (vec!["deal", "update", "D-1", "--close", "2026-01-04"], "cannot be expected to close in the past"),
        (vec!["deal", "update", "D-1", "--amount", "130k", "--on", "2026-01-04"], "--on"),
        (vec!["deal", "update", "--amount", "5k"], "missing ID"),
        (vec!["deal", "risk", "D-1"], "--reason"),
        (vec!["deal", "risk", "D-1", "--reason", ""], "--reason"),
        (vec!["deal", "clear-risk", "D-1"], "not at risk"),
        (vec!["deal", "lost", "D-1", "--reason", "  "], "--reason"),
        (vec!["deal", "won", "D-1", "--amount", "lots"], "--amount"),
        (vec!["deal", "bands", "--band", "large"], "--band"),
        (vec!["deal", "bands", "--band", "a=1k", "--band", "b=1,000"], "same minimum"),
        (vec!["deal", "bands", "--band", "a=1k", "--band", "b=2k", "--target", "a=50"], "add up to 50%"),
        (vec!["deal", "bands", "--band", "a=1k", "--target", "z=100"], "no band 'z'"),
        (vec!["deal", "bands", "--target", "a=100"], "no size bands are set"),
        (vec!["deal", "bands", "--band", "a=1k", "--as-of", "2"], "--as-of"),
        (vec!["deal", "list", "--format", "html"], "--format"),
        (vec!["deal", "list", "--status", "closed"], "--status"),
    ];
    for (args, field) in &cases {
        env.refuses(args, field);
    }
    let long = "x".repeat(2001);
    env.refuses(&["deal", "risk", "D-1", "--reason", &long], "at most 2000");

    env.at("2026-01-08T09:00:00Z");
    env.run(&["deal", "risk", "D-2", "--reason", "legal review"]).ok();
    env.refuses(&["deal", "risk", "D-2", "--reason", "again"], "at risk since 2026-01-08");
    env.refuses(&["deal", "won", "D-2", "--on", "2026-01-07"], "latest fact recorded");
    env.run(&["deal", "won", "D-1"]).ok();
    env.refuses(&["deal", "lost", "D-1", "--reason", "x"], "was won on 2026-01-08");
    env.refuses(&["deal", "won", "D-1"], "only an open deal can be won");
    env.refuses(&["deal", "update", "D-1", "--amount", "1M"], "only an open deal can be changed");
    env.refuses(&["deal", "risk", "D-1", "--reason", "x"], "was won");
    env.run(&["deal", "lost", "D-2", "--reason", "no budget"]).ok();
    env.refuses(&["deal", "won", "D-2"], "was lost on 2026-01-08");
    env.refuses(&["deal", "clear-risk", "D-2"], "was lost");
    env.at("2026-01-04T09:00:00Z");
    env.refuses(
        &["deal", "add", "--id", "D-5", "--account", "X", "--amount", "1k", "--close", "2026-02-01"],
        "clock",
    );
}

#[test]
fn deal_add_by_prompts_and_escape_writes_nothing() {
    if !available() {
        return;
    }
    let env = TestEnv::new();
    let fiscal = [
        "init",
        "--company",
        "Acme",
        "--ceo",
        "Dana",
        "--leader",
        "Lee",
        "--fiscal-year-start",
        "4",
        "--leader-key-here",
    ];
    env.run(&fiscal).ok();
    let before = env.digest();
    let tty = Tty::start(&env, "2026-02-10T10:00:00Z", &["deal", "add"]);
    tty.wait_for("Deal id").wait_for("D-1").keys(&["Escape"]);
    assert_eq!(tty.exit_code(), 130);
    assert_eq!(env.digest(), before);

    let tty = Tty::start(&env, "2026-02-10T10:00:00Z", &["deal", "add"]);
    tty.wait_for("Deal id").keys(&["Enter"]);
    tty.wait_for("Account").type_text("Globex").keys(&["Enter"]);
    tty.wait_for("Amount").type_text("250k").keys(&["Enter"]);
    // The fiscal year starts in April, so the quarter ends on 2026-03-31.
    tty.wait_for("Expected close").wait_for("2026-03-31").keys(&["Enter"]);
    tty.wait_for("Stage").type_text("negot").keys(&["Enter"]);
    tty.wait_for("Win probability").type_text("60").keys(&["Enter"]);
    tty.wait_for("Open D-1: Globex, 250,000").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["deal", "list", "--format", "json"]).ok().json();
    let d = &list["deals"][0];
    assert_eq!(
        (d["id"].as_str(), d["close"].as_str(), d["stage"].as_str(), d["probability"].as_u64()),
        (Some("D-1"), Some("2026-03-31"), Some("negotiation"), Some(60))
    );
}

#[test]
fn deal_update_by_prompts_keeps_what_enter_accepts() {
    if !available() {
        return;
    }
    let env = pipeline();
    let tty = Tty::start(&env, "2026-01-12T10:00:00Z", &["deal", "update"]);
    tty.wait_for("Which deal changes").type_text("Globex").keys(&["Enter"]);
    tty.wait_for("Amount").wait_for("120,000").keys(&["Enter"]);
    tty.wait_for("Expected close").wait_for("2026-03-31").type_text("2026-04-30").keys(&["Enter"]);
    tty.wait_for("Stage").keys(&["Enter"]);
    tty.wait_for("Win probability").keys(&["Enter"]);
    tty.wait_for("Update D-1: close 2026-03-31").wait_for("2026-04-30 ").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let show = env.run(&["deal", "show", "D-1", "--format", "json"]).ok().json();
    assert_eq!((show["close"].as_str(), show["stage"].as_str()), (Some("2026-04-30"), Some("proposal")));
    assert_eq!((show["amount"].as_i64(), show["probability"].as_u64()), (Some(12_000_000), Some(40)));
    assert_eq!(show["versions"].as_array().unwrap().len(), 2);
}

#[test]
fn deal_risk_and_clear_risk_pick_from_the_deals_that_fit() {
    if !available() {
        return;
    }
    let env = pipeline();
    let tty = Tty::start(&env, "2026-01-12T10:00:00Z", &["deal", "risk"]);
    tty.wait_for("Which deal is at risk").type_text("D-2").keys(&["Enter"]);
    tty.wait_for("What puts it at risk").type_text("legal review stalled").keys(&["Enter"]);
    tty.wait_for("Flag D-2 at risk").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    // Only D-2 is at risk, so it is the one offered.
    let tty = Tty::start(&env, "2026-01-13T10:00:00Z", &["deal", "clear-risk"]);
    tty.wait_for("Which deal is no longer at risk").wait_for("Initech");
    assert!(!tty.screen().contains("Globex"), "{}", tty.screen());
    tty.keys(&["Enter"]);
    tty.wait_for("What removed the risk").type_text("legal signed off").keys(&["Enter"]);
    tty.wait_for("Clear the risk on D-2").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["deal", "list", "--format", "json"]).ok().json();
    assert_eq!(list["deals"][1]["at_risk_since"], serde_json::Value::Null);
    let show = env.run(&["deal", "show", "D-2", "--format", "json"]).ok().json();
    assert_eq!(show["versions"][1]["change"], "at risk: legal review stalled");
}

#[test]
fn deal_won_and_lost_by_prompts() {
    if !available() {
        return;
    }
    let env = pipeline();
    let tty = Tty::start(&env, "2026-01-12T10:00:00Z", &["deal", "won"]);
    tty.wait_for("Which deal was won").type_text("D-1").keys(&["Enter"]);
    tty.wait_for("Final amount").wait_for("120,000").type_text("135k").keys(&["Enter"]);
    tty.wait_for("Mark D-1 won at 135,000").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let tty = Tty::start(&env, "2026-01-12T11:00:00Z", &["deal", "lost"]);
    tty.wait_for("Which deal was lost").wait_for("Initech").keys(&["Enter"]);
    tty.wait_for("Why was it lost").type_text("chose to build in-house").keys(&["Enter"]);
    tty.wait_for("Mark D-2 lost").keys(&["Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let all = env.run(&["deal", "list", "--status", "all", "--format", "json"]).ok().json();
    assert_eq!(
        (all["deals"][0]["status"].as_str(), all["deals"][0]["amount"].as_i64()),
        (Some("won"), Some(13_500_000))
    );
    assert_eq!(all["deals"][1]["lost_reason"], "chose to build in-house");
}
