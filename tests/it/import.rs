//! `candor import deals`: weekly CRM snapshots become exactly the events
//! typed commands would record; bad values are refused by row and column.

use crate::env::TestEnv;
use serde_json::Value;
use std::path::PathBuf;

const WEEK1: &str = "2026-01-12T09:00:00Z";
const WEEK2: &str = "2026-01-19T09:00:00Z";

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/crm").join(name);
    p.to_str().expect("a UTF-8 path").to_string()
}

fn import(env: &TestEnv, file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["import", "deals", "--source", "salesforce", file, "--format", "json"];
    args.extend_from_slice(extra);
    env.run(&args).ok().json()
}

/// A ledger holding week 1's import, the clock at week 1.
fn week1() -> TestEnv {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    import(&env, &fixture("salesforce-week1.csv"), &[]);
    env
}

/// The same pipeline typed by hand, week by week.
fn typed() -> TestEnv {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    for (id, account, amount, close, stage, p) in [
        ("0065g00000AbCd1AAA", "Globex", "120000", "2026-03-31", "Proposal", "40"),
        ("0065g00000AbCd2AAA", "Initech", "80000", "2026-02-27", "Negotiation", "60"),
        ("0065g00000AbCd3AAA", "Umbrella", "50000", "2026-03-13", "Qualification", "10"),
        ("0065g00000AbCd4AAA", "Hooli", "200000", "2026-03-20", "Commit", "90"),
        ("0065g00000AbCd5AAA", "Stark Industries", "30000", "2026-02-13", "Discovery", "20"),
        ("0065g00000AbCd6AAA", "Wayne Enterprises", "75000", "2026-03-27", "Proposal", "50"),
    ] {
        let args = ["deal", "add", "--id", id, "--account", account, "--amount", amount, "--close", close];
        let mut args = args.to_vec();
        args.extend(["--stage", stage, "--probability", p]);
        env.run(&args).ok();
    }
    env.at(WEEK2);
    env.run(&["deal", "update", "0065g00000AbCd1AAA", "--close", "2026-05-29"]).ok();
    env.run(&["deal", "update", "0065g00000AbCd2AAA", "--close", "2026-02-13"]).ok();
    env.run(&["deal", "update", "0065g00000AbCd3AAA", "--amount", "65000"]).ok();
    env.run(&["deal", "won", "0065g00000AbCd4AAA"]).ok();
    env.run(&["deal", "lost", "0065g00000AbCd5AAA", "--reason", "Chose a competitor"]).ok();
    env
}

/// Every record's time, actor, kind and event (not its seq or hash);
/// `skip_imports` leaves out the records that close an import. The keys
/// init registers are left out too: each test ledger has its own keys.
fn events(env: &TestEnv, skip_imports: bool) -> Vec<Value> {
    let log = env.run(&["log", "--format", "json"]).ok().json();
    log["records"]
        .as_array()
        .expect("a list of records")
        .iter()
        .filter(|r| r["kind"] != "member_key_added")
        .filter(|r| !(skip_imports && r["kind"] == "deals_imported"))
        .map(|r| serde_json::json!([r["recorded_at"], r["actor"], r["kind"], r["event"]]))
        .collect()
}

#[test]
fn two_weekly_snapshots_record_exactly_what_typing_them_would() {
    let mut env = week1();
    env.at(WEEK2);
    let out = import(&env, &fixture("salesforce-week2.csv"), &[]);
    assert_eq!(out["records"], 6, "{out}");
    assert_eq!(out["skipped_closed"], 1);
    let missing: Vec<&str> =
        out["missing"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(missing, ["0065g00000AbCd6AAA"]);
    let changes: Vec<(&str, &str, &str, &str)> = out["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                c["field"].as_str().unwrap(),
                c["to"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("0065g00000AbCd1AAA", "deal_changed", "close", "2026-05-29"),
            ("0065g00000AbCd2AAA", "deal_changed", "close", "2026-02-13"),
            ("0065g00000AbCd3AAA", "deal_changed", "amount", "65,000"),
            ("0065g00000AbCd4AAA", "deal_won", "status", "won"),
            ("0065g00000AbCd5AAA", "deal_lost", "status", "lost: Chose a competitor"),
        ]
    );
    // The same facts typed by hand, at the same times, are the same records,
    // but for the one that closes each import.
    assert_eq!(events(&env, true), events(&typed(), false));
    let k: Vec<String> = events(&env, false).iter().map(|e| e[2].as_str().unwrap().to_string()).collect();
    assert_eq!(k.iter().filter(|k| *k == "deals_imported").count(), 2, "{k:?}");
    assert_eq!(k.last().map(String::as_str), Some("deals_imported"));
}

/// A report without record numbers (an import's closing record shifts them).
fn unsequenced(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| k != "seq" && k != "record")
                .map(|(k, v)| (k, unsequenced(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(unsequenced).collect()),
        other => other,
    }
}

#[test]
fn slips_and_the_briefs_reconciliation_follow_the_imports() {
    let mut env = week1();
    env.at(WEEK2);
    import(&env, &fixture("salesforce-week2.csv"), &[]);
    let typed = typed();
    for args in [
        &["audit", "slips", "--format", "json"][..],
        &["brief", "--since", "2026-01-13", "--format", "json"][..],
    ] {
        assert_eq!(
            unsequenced(env.run(args).ok().json()),
            unsequenced(typed.run(args).ok().json()),
            "{args:?}"
        );
    }
    let b = env.run(&["brief", "--since", "2026-01-13", "--format", "json"]).ok().json();
    let c = &b["changes"];
    let n = |k: &str| c[k].as_i64().unwrap();
    assert_eq!(n("open_start"), 55_500_000);
    assert_eq!(
        (n("pushed_out"), n("increased"), n("won"), n("lost")),
        (12_000_000, 1_500_000, 20_000_000, 3_000_000)
    );
    assert_eq!(
        n("open_start") + n("new") + n("pulled_in") - n("pushed_out") + n("increased")
            - n("decreased")
            - n("won")
            - n("lost"),
        n("open_end")
    );
    let slips = env.run(&["audit", "slips", "--format", "json"]).ok().json();
    let slipped: Vec<&str> = slips["slips"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["deal"].as_str().or(s["id"].as_str()))
        .collect();
    assert!(slipped.contains(&"0065g00000AbCd1AAA"), "{slips}");
}

#[test]
fn reimporting_either_snapshot_appends_nothing() {
    let mut env = week1();
    let head = env.digest();
    let again = import(&env, &fixture("salesforce-week1.csv"), &[]);
    assert_eq!((again["records"].as_i64(), again["changes"].as_array().map(Vec::len)), (Some(0), Some(0)));
    assert_eq!(env.digest(), head);
    env.at(WEEK2);
    import(&env, &fixture("salesforce-week2.csv"), &[]);
    let head = env.digest();
    let table =
        env.run(&["import", "deals", "--source", "salesforce", &fixture("salesforce-week2.csv")]).ok();
    assert!(table.stdout.contains(": 0 changes"), "{}", table.stdout);
    assert_eq!(env.digest(), head);
}

#[test]
fn an_older_snapshot_after_a_newer_one_is_refused() {
    let mut env = week1();
    env.at(WEEK2);
    import(&env, &fixture("salesforce-week2.csv"), &[]);
    let week1 = fixture("salesforce-week1.csv");
    env.refuses(
        &["import", "deals", "--source", "salesforce", &week1, "--as-of", "2026-01-12"],
        "row 2, column '--as-of'",
    );
    // Without --as-of it is today's snapshot, and a won deal cannot reopen.
    env.refuses(&["import", "deals", "--source", "salesforce", &week1], "cannot change");
}

#[test]
fn vanished_deals_are_reported_ignored_or_recorded_lost() {
    let mut env = week1();
    env.at(WEEK2);
    let week2 = fixture("salesforce-week2.csv");
    let dry = env.run(&["import", "deals", "--source", "salesforce", &week2, "--dry-run"]).ok();
    assert!(dry.stdout.contains("0065g00000AbCd6AAA (Wayne Enterprises, 75,000)"), "{}", dry.stdout);
    assert!(dry.stdout.contains("--missing lost records them lost"), "{}", dry.stdout);
    let ignored = import(&env, &week2, &["--dry-run", "--missing", "ignore"]);
    assert_eq!(ignored["missing"], serde_json::json!([]));
    let lost = import(&env, &week2, &["--missing", "lost"]);
    assert_eq!(lost["records"], 7);
    let show = env.run(&["deal", "show", "0065g00000AbCd6AAA", "--format", "json"]).ok().stdout;
    assert!(show.contains("absent from CRM export"), "{show}");
}

#[test]
fn a_dry_run_prints_table_and_json_and_writes_nothing() {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let head = env.digest();
    let file = fixture("salesforce-week1.csv");
    let table = env.run(&["import", "deals", "--source", "salesforce", &file, "--dry-run"]).ok();
    assert!(
        table.stdout.contains("would record 7 records (dry run: nothing was written)"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("new deal"), "{}", table.stdout);
    let json = import(&env, &file, &["--dry-run"]);
    assert_eq!(
        (json["as_of"].as_str(), json["source"].as_str(), json["rows"].as_i64()),
        (Some("2026-01-12"), Some("salesforce"), Some(7))
    );
    assert_eq!(json["changes"].as_array().unwrap().len(), 6);
    for key in ["id", "kind", "field", "from", "to"] {
        assert!(json["changes"][0].get(key).is_some(), "{key} in {json}");
    }
    assert_eq!(env.digest(), head);
}

#[test]
fn hubspot_and_pipedrive_exports_import_in_their_own_formats() {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let hub = env
        .run(&["import", "deals", "--source", "hubspot", &fixture("hubspot.csv"), "--format", "json"])
        .ok()
        .json();
    assert_eq!((hub["records"].as_i64(), hub["skipped_closed"].as_i64()), (Some(4), Some(1)));
    let pipe = fixture("pipedrive.csv");
    env.refuses(&["import", "deals", "--source", "pipedrive", &pipe], "--fx EUR=RATE");
    env.run(&["import", "deals", "--source", "pipedrive", &pipe, "--fx", "EUR=1.10"]).ok();
    let deals = env.run(&["deal", "list", "--format", "json"]).ok().json();
    let all = deals.as_array().or(deals["deals"].as_array()).unwrap().clone();
    let get =
        |id: &str| all.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("{id} in {deals}")).clone();
    let contoso = get("18231442002");
    assert_eq!(contoso["amount"], 4_550_050, "{contoso}");
    assert_eq!(contoso["probability"], 60);
    assert_eq!(get("18231442001")["probability"], 40);
    assert_eq!(get("102")["amount"], 1_375_000, "12.500,00 EUR at 1.10");
    assert_eq!(get("101")["probability"], 40);
    assert_eq!(get("103")["probability"], Value::Null);
    // The rate is recorded with the import.
    let last = events(&env, false).pop().unwrap();
    assert_eq!(last[3]["deals_imported"]["fx"], serde_json::json!([{"currency": "EUR", "rate": "1.10"}]));
}

#[test]
fn a_generic_csv_maps_columns_and_closing_stages() {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let file = env.path("deals.csv");
    std::fs::write(&file, "Ref,Client,Value,Due,Phase\nX-1,Acme,\"1,000\",2026-03-31,Signed\nX-2,Beta,2000,2026-04-30,Talking\n").unwrap();
    let f = file.to_str().unwrap();
    env.refuses(&["import", "deals", "--source", "csv", f], "--map COLUMN=id");
    let maps = [
        "--map",
        "Ref=id",
        "--map",
        "Client=account",
        "--map",
        "Value=amount",
        "--map",
        "Due=close",
        "--map",
        "Phase=stage",
    ];
    let mut args = vec!["import", "deals", "--source", "csv", f, "--format", "json"];
    args.extend(maps);
    args.extend(["--map", "Signed=won"]);
    let out = env.run(&args).ok().json();
    assert_eq!((out["records"].as_i64(), out["skipped_closed"].as_i64()), (Some(2), Some(1)));
}

/// One malformed value per case: each refused with its row and column.
#[test]
fn every_malformed_value_is_refused_with_its_row_and_column() {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let head = "Opportunity ID,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Currency\n";
    let good = "A-1,Globex,\"$1,000.00\",3/31/2026,Proposal,40,USD\n";
    let cases: [(&str, &str); 14] = [
        ("A-2,Initech,12O00,3/31/2026,Proposal,40,USD", "row 3, column 'Amount'"),
        ("A-2,Initech,1.500,3/31/2026,Proposal,40,USD", "ambiguous"),
        ("A-2,Initech,-500,3/31/2026,Proposal,40,USD", "negative"),
        ("A-2,Initech,0,3/31/2026,Proposal,40,USD", "more than 0"),
        ("A-2,Initech,500,2/30/2026,Proposal,40,USD", "row 3, column 'Close Date'"),
        ("A-2,Initech,500,1/5/2026,Proposal,40,USD", "row 3, column 'Close Date'"),
        ("A-2,Initech,500,3/31/2026,Proposal,140,USD", "row 3, column 'Probability (%)'"),
        ("A-2,Initech,500,3/31/2026,Proposal,0.455,USD", "whole percent"),
        ("A 2,Initech,500,3/31/2026,Proposal,40,USD", "row 3, column 'Opportunity ID'"),
        ("A-2,,500,3/31/2026,Proposal,40,USD", "row 3, column 'Account Name'"),
        ("A-2,Initech,500,3/31/2026,Proposal,40,XYZ", "row 3, column 'Opportunity Currency'"),
        ("A-2,Initech,500,3/31/2026,Proposal,40,EUR", "--fx EUR=RATE"),
        ("A-1,Initech,500,3/31/2026,Proposal,40,USD", "also on row 2"),
        ("A-2,Initech,500,3/31/2026", "row 3, column '(whole row)'"),
    ];
    let file = env.path("bad.csv");
    let f = file.to_str().unwrap();
    for (row, named) in cases {
        std::fs::write(&file, format!("{head}{good}{row}\n")).unwrap();
        env.refuses(&["import", "deals", "--source", "salesforce", f], named);
    }
    // Slash dates the file cannot settle, until --date-format does.
    std::fs::write(&file, format!("{head}A-1,Globex,500,03/04/2026,Proposal,40,USD\n")).unwrap();
    env.refuses(&["import", "deals", "--source", "salesforce", f], "--date-format");
    env.run(&["import", "deals", "--source", "salesforce", f, "--date-format", "dmy", "--dry-run"]).ok();
    // Not UTF-8, and a required column missing.
    std::fs::write(&file, b"Opportunity ID,Account Name,Amount,Close Date\nA-1,Caf\xe9,500,3/31/2026\n")
        .unwrap();
    env.refuses(&["import", "deals", "--source", "salesforce", f], "UTF-8");
    std::fs::write(&file, "Opportunity ID,Account Name,Close Date\nA-1,Globex,3/31/2026\n").unwrap();
    env.refuses(&["import", "deals", "--source", "salesforce", f], "row 1, column 'amount'");
    // A Pipedrive status that is not open, won or lost.
    std::fs::write(&file, "Deal - ID,Deal - Organization,Deal - Value,Deal - Expected close date,Deal - Status\n7,X,5,2026-03-31,deleted\n").unwrap();
    env.refuses(&["import", "deals", "--source", "pipedrive", f], "row 2, column 'Deal - Status'");
}

#[test]
fn a_bom_crlf_and_quoted_commas_and_newlines_are_read() {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let file = env.path("excel.csv");
    let text = "\u{feff}Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage\r\n\
                A-1,\"Phase 1,\r\nthen phase 2\",\"Acme, Inc.\",\"USD 1,250.50\",2026-03-31,Proposal\r\n\
                A-2,Plain,Beta,900,2026-04-30,Discovery\r\n";
    std::fs::write(&file, text).unwrap();
    let out = env
        .run(&["import", "deals", "--source", "salesforce", file.to_str().unwrap(), "--format", "json"])
        .ok()
        .json();
    assert_eq!(out["records"], 3, "{out}");
    assert_eq!(out["changes"][0]["to"], "Acme, Inc., 1,250.50, close 2026-03-31");
    // A bad value after a quoted line break is still named by its row.
    std::fs::write(&file, text.replace("900", "nine")).unwrap();
    env.refuses(
        &["import", "deals", "--source", "salesforce", file.to_str().unwrap()],
        "row 3, column 'Amount'",
    );
}

#[test]
fn an_empty_file_is_refused_and_a_header_alone_changes_nothing() {
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let file = env.path("empty.csv");
    std::fs::write(&file, "").unwrap();
    env.refuses(&["import", "deals", "--source", "hubspot", file.to_str().unwrap()], "empty");
    std::fs::write(&file, "Record ID,Associated Company,Amount,Close Date\r\n").unwrap();
    let head = env.digest();
    let out = env
        .run(&["import", "deals", "--source", "hubspot", file.to_str().unwrap(), "--format", "json"])
        .ok()
        .json();
    assert_eq!((out["rows"].as_i64(), out["records"].as_i64()), (Some(0), Some(0)));
    assert_eq!(env.digest(), head);
}

#[test]
fn a_replay_in_one_append_writes_the_same_chain_as_line_by_line() {
    let env = TestEnv::new();
    let script = env.path("s.candor");
    let text = env.run(&["bench", "replay-script", "--lines", "40"]).ok().stdout;
    std::fs::write(&script, text).unwrap();
    let s = script.to_str().unwrap();
    let one = env.ledger_dir().join("one");
    let each = env.ledger_dir().join("each");
    env.run(&["--ledger", one.to_str().unwrap(), "replay", s]).ok();
    env.run(&["--ledger", each.to_str().unwrap(), "replay", "--each", s]).ok();
    let digest = |dir: &PathBuf| env.run(&["--ledger", dir.to_str().unwrap(), "digest"]).ok().stdout;
    assert_eq!(digest(&one), digest(&each));
    // 40 lines: init writes three records (the opening and two keys), 39 deal lines one each.
    assert!(digest(&one).starts_with("42:"), "{}", digest(&one));
}

#[test]
fn an_export_can_come_from_standard_input() {
    use std::io::Write;
    let mut env = TestEnv::with_ledger();
    env.at(WEEK1);
    let mut child = env
        .command(&["import", "deals", "--source", "hubspot", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let csv = std::fs::read(fixture("hubspot.csv")).unwrap();
    child.stdin.take().unwrap().write_all(&csv).unwrap();
    let out = crate::env::finish(child.wait_with_output().unwrap()).ok().json();
    assert_eq!(out["records"], 4, "{out}");
}
