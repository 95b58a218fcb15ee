//! `candor plan …` by flags: the tree, options, changes and the minimum run.

use crate::env::TestEnv;

/// Splits a command line on spaces (for values without spaces).
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// G-1 → I-1 → A-1 and G-1 → I-2, three options, O-2 adopted, an 8-week
/// minimum run from 2026-01-05 (records 4–12; init writes 1–3).
fn planned() -> TestEnv {
    let env = TestEnv::with_ledger(); // 2026-01-05, a Monday
    let add = |args: &[&str]| env.run(&[&["plan", "add"], args].concat()).ok();
    add(&[
        "--kind",
        "goal",
        "--id",
        "G-1",
        "--title",
        "Grow enterprise revenue",
        "--owner",
        "ceo",
        "--due",
        "2026-06-30",
    ]);
    add(&words("--kind initiative --id I-1 --title Logos --parent G-1 --owner leader --start 2026-01-05 --due 2026-03-31"));
    add(&[
        "--kind",
        "activity",
        "--id",
        "A-1",
        "--title",
        "Calls",
        "--parent",
        "I-1",
        "--owner",
        "Dana",
        "--due",
        "2026-01-09",
    ]);
    add(&words("--kind initiative --id I-2 --title Partners --parent G-1"));
    env.run(&words("plan option add --id O-1 --title SDR --impact 4 --effort 3")).ok();
    env.run(&[
        "plan",
        "option",
        "add",
        "--id",
        "O-2",
        "--title",
        "Partner channel",
        "--impact",
        "5",
        "--effort",
        "2",
    ])
    .ok();
    env.run(&words("plan option add --id O-3 --title Webinars --impact 2 --effort 2 --note cheap")).ok();
    env.run(&words("plan adopt O-2 --note pilot")).ok();
    env.run(&words("--as ceo plan min-run --weeks 8")).ok();
    env
}

#[test]
fn a_plan_grows_changes_and_is_judged_against_its_minimum_run() {
    let mut env = planned();
    env.at("2026-01-12T09:00:00Z");
    env.run(&words("plan complete I-2")).ok(); // 13
    env.run(&[
        "plan",
        "change",
        "--what",
        "Drop SMB",
        "--why",
        "Enterprise closes faster",
        "--requested-by",
        "ceo",
    ])
    .ok(); // 14
    env.at("2026-03-09T09:00:00Z");
    env.run(&["plan", "change", "--what", "Add a partner tier", "--why", "Two partners asked"]).ok(); // 15

    let show = env.run(&words("plan show --format json")).ok().json();
    let g = &show["items"][0];
    assert_eq!(
        (g["id"].as_str(), g["owner"].as_str(), g["status"].as_str()),
        (Some("G-1"), Some("Dana"), Some("open"))
    );
    let (i1, i2) = (&g["children"][0], &g["children"][1]);
    assert_eq!((i1["owner"].as_str(), i2["status"].as_str()), (Some("Lee"), Some("done")));
    assert_eq!(i2["completed_on"], "2026-01-12");
    let a1 = &i1["children"][0];
    assert_eq!((a1["owner"].as_str(), a1["status"].as_str()), (Some("Dana"), Some("overdue")));
    let ranked: Vec<&str> =
        show["options"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ranked, ["O-2", "O-1", "O-3"]);
    assert_eq!(show["options"][0]["adopted_on"], "2026-01-05");
    let changes = show["changes"].as_array().unwrap();
    assert_eq!(
        (changes[0]["requested_by"].as_str(), changes[0]["premature"].as_bool()),
        (Some("Dana"), Some(true))
    );
    assert_eq!(changes[0]["minimum_run_passes_on"], "2026-03-02");
    // Who asked defaults to who records (the sales leader); after the run, not premature.
    assert_eq!(
        (changes[1]["requested_by"].as_str(), changes[1]["premature"].as_bool()),
        (Some("Lee"), Some(false))
    );
    assert_eq!(show["premature_changes"], 1);
    assert_eq!(show["changes_per_quarter"][0]["quarter"], "2026-Q1");
    assert_eq!(show["changes_per_quarter"].as_array().unwrap().len(), 2);
    assert_eq!(show["minimum_run"]["passed"], true);

    // As of the first day: no change yet, the run just started, I-2 still open.
    let early = env.run(&words("plan show --format json --as-of 2026-01-05")).ok().json();
    assert_eq!(early["changes"].as_array().unwrap().len(), 0);
    assert_eq!(early["minimum_run"]["passed"], false);
    assert_eq!(early["items"][0]["children"][1]["status"], "open");
    let by_seq = env.run(&words("plan show --format json --as-of 5")).ok().json();
    assert_eq!(by_seq["items"][0]["children"].as_array().unwrap().len(), 1);
    assert_eq!(by_seq["minimum_run"], serde_json::Value::Null);

    let md = env.run(&words("plan show --format md")).ok().stdout;
    assert!(md.contains("## Options, best impact for effort first"), "{md}");
    assert!(md.contains("| 14 | 2026-01-12 | 2026-01-12 | Dana | Drop SMB |"), "{md}");
    assert!(md.contains("passes on 2026-03-02 — passed as of 2026-03-09"), "{md}");
    let table = env.run(&words("plan show")).ok().stdout;
    assert!(table.contains("└ A-1 Calls") && table.contains("overdue"), "{table}");
}

#[test]
fn options_are_listed_best_value_first() {
    let env = planned();
    let list = env.run(&words("plan options --format json")).ok().json();
    let o = &list["options"];
    assert_eq!(
        (o[0]["id"].as_str(), o[0]["rank"].as_u64(), o[0]["value"].as_f64()),
        (Some("O-2"), Some(1), Some(2.5))
    );
    assert_eq!(o[2]["note"], "cheap");
    let md = env.run(&words("plan options --format md")).ok().stdout;
    assert!(
        md.contains("| 1 | O-2 | Partner channel | 5 transformational | 2 small | 2.50 | 2026-01-05 |"),
        "{md}"
    );
    let before = env.run(&words("plan options --format json --as-of 10")).ok().json();
    assert_eq!(before["options"].as_array().unwrap().len(), 3);
    assert_eq!(before["options"][0]["adopted_on"], serde_json::Value::Null);
}

#[test]
fn bad_plan_input_is_refused_and_writes_nothing() {
    let mut env = planned();
    let cases: &[(&str, &str)] = &[
        ("plan add --kind goal --id G-1 --title Again", "--id"),
        ("plan add --kind goal --id G/2 --title x", "--id"),
        ("plan add --kind epic --id E-1 --title x", "--kind"),
        ("plan add --kind initiative --id I-9 --title x", "--parent"),
        ("plan add --kind initiative --id I-9 --title x --parent I-1", "hangs under a goal"),
        ("plan add --kind activity --id A-9 --title x --parent G-9", "no plan item 'G-9'"),
        ("plan add --kind goal --id G-2 --title x --parent G-1", "no parent"),
        ("plan add --kind goal --id G-2 --title x --start 2026-02-01 --due 2026-01-31", "--due"),
        ("plan add --kind goal --id G-2 --title x --due 2026-13-01", "--due"),
        ("plan add --kind goal --id G-2 --title x --on 2026-01-06", "--on"),
        ("plan add --kind goal --id G-2", "--title"),
        ("plan complete G-7", "no plan item 'G-7'"),
        ("plan complete", "missing ID"),
        ("plan option add --id O-1 --title x --impact 3 --effort 3", "--id"),
        ("plan option add --id O-9 --title x --impact 6 --effort 3", "--impact"),
        ("plan option add --id O-9 --title x --impact 3 --effort zero", "--effort"),
        ("plan option add --id O-9 --title x", "--impact, --effort"),
        ("plan adopt O-2", "already adopted"),
        ("plan adopt O-9", "no option 'O-9'"),
        ("plan change --what x", "--why"),
        ("plan change --what x --why x --on 2026-01-05 --effective 2026-01-02", "--effective"),
        ("--as ceo plan min-run --weeks 0", "--weeks"),
        ("--as ceo plan min-run --weeks 53", "--weeks"),
        ("--as ceo plan min-run --weeks 8", "already agreed"),
        ("--as ceo plan min-run --weeks many", "--weeks"),
    ];
    for (line, field) in cases {
        env.refuses(&words(line), field);
    }
    env.refuses(
        &["plan", "change", "--what", "Drop SMB", "--why", "  "],
        "every plan change must carry its reason",
    );
    env.refuses(
        &["plan", "add", "--kind", "goal", "--id", "G-2", "--title", &"x".repeat(201)],
        "at most 200",
    );
    env.refuses(&words("plan show --format html"), "--format");
    env.run(&words("plan complete I-2")).ok();
    env.refuses(&words("plan complete I-2"), "already completed");
    env.refuses(&words("plan add --kind activity --id A-9 --title x --parent I-2"), "completed");
    env.at("2026-01-04T09:00:00Z");
    env.refuses(&words("plan add --kind goal --id G-3 --title x"), "clock");
}
