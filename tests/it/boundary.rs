//! Every report and list at the edges of history: before the opening, the
//! opening day, far in the future, record 1, the head, past the head and
//! u64::MAX. Each exits 0, 1 or 2 (never a panic), and JSON always parses.

use crate::env::TestEnv;

const SCRIPT: &str = r#"
@2026-01-05T09:00:00Z init --company Acme --ceo Dana --leader Lee --leader-key-here
@2026-01-05T09:01:00Z --as ceo goal set --period 2026-Q1 --amount 1M
@2026-01-05T09:02:00Z forecast submit --period 2026-Q1 --amount 1.2M --commit 800k
@2026-01-05T09:03:00Z deal add --id D-1 --account Globex --amount 400k --close 2026-03-20 --probability 60
@2026-01-05T09:05:00Z commitment add --id C-1 --owner leader --what "Send the plan" --due 2026-01-09
@2026-01-06T09:00:00Z meeting hold --worked-plan yes --results partly --adjust none
@2026-01-06T09:01:00Z indicator define --name Calls --target 30
@2026-01-06T09:02:00Z issue raise --id I-1 --title "Pricing" --detail "Discounts vary"
@2026-01-12T09:00:00Z indicator record --name Calls --week 2026-W02 --value 22
@2026-01-12T09:01:00Z --as ceo hire candidate add --id c-ana --name "Ana Pérez"
@2026-02-10T09:00:00Z deal risk D-1 --reason "budget frozen"
@2026-04-02T09:00:00Z actual record --period 2026-Q1 --amount 1M
"#;

/// A ledger opened on 2026-01-05 with a little of everything.
pub fn scenario() -> TestEnv {
    let env = TestEnv::new();
    let script = env.path("s.candor");
    std::fs::write(&script, SCRIPT).unwrap();
    env.run(&["replay", script.to_str().unwrap()]).ok();
    env
}

/// Every command that takes `--as-of`, and whether it offers HTML.
const REPORTS: &[(&[&str], bool)] = &[
    (&["trust"], true),
    (&["brief"], true),
    (&["audit", "forecast"], false),
    (&["audit", "commitments"], false),
    (&["audit", "slips"], false),
    (&["audit", "risks"], false),
    (&["audit", "cadence"], false),
    (&["audit", "indicators"], false),
    (&["audit", "plan"], false),
    (&["audit", "calibration"], false),
    (&["audit", "pipeline"], false),
    (&["hire", "report"], false),
    (&["hire", "candidate", "list"], false),
    (&["hire", "panel", "list"], false),
    (&["hire", "template", "show"], false),
    (&["goal", "list"], false),
    (&["actual", "list"], false),
    (&["forecast", "list"], false),
    (&["deal", "list"], false),
    (&["deal", "show", "D-1"], false),
    (&["deal", "bands"], false),
    (&["commitment", "list"], false),
    (&["plan", "show"], false),
    (&["plan", "options"], false),
    (&["indicator", "list"], false),
    (&["contingency", "list"], false),
    (&["meeting", "list"], false),
    (&["issue", "list"], false),
    (&["expect", "show"], false),
    (&["threshold", "list"], false),
    (&["log"], false),
];

#[track_caller]
fn check(env: &TestEnv, args: &[&str], format: &str) -> crate::env::Run {
    let mut full = args.to_vec();
    full.extend(["--format", format]);
    let run = env.run(&full);
    assert!(
        (0..=2).contains(&run.code),
        "{full:?} exited {}\nstdout: {}\nstderr: {}",
        run.code,
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{full:?}: {}", run.stderr);
    if format == "json" && run.code == 0 {
        run.json();
    }
    run
}

/// Runs `report` at every point in every format it offers.
fn sweep(env: &TestEnv, report: &[&str], html: bool, points: &[&str]) {
    let formats: &[&str] = if html { &["table", "json", "md", "html"] } else { &["table", "json", "md"] };
    for point in points {
        let mut args = report.to_vec();
        args.extend(["--as-of", point]);
        for format in formats {
            let run = check(env, &args, format);
            if *point == BEFORE {
                before_the_opening(&args, format, run);
            }
        }
    }
}

const BEFORE: &str = "2025-01-01";

/// Before the opening a report is empty and says so, exit 0.
#[track_caller]
fn before_the_opening(args: &[&str], format: &str, run: crate::env::Run) {
    let run = run.code(0);
    let note = "No records as of 2025-01-01: the ledger was opened on 2026-01-05.";
    assert!(run.stdout.contains(note), "{args:?} {format}: {}", run.stdout);
    if format == "json" {
        let json = run.json();
        assert_eq!(json["empty"], true, "{args:?}: {json}");
        assert_eq!(json["ledger_opened"], "2026-01-05", "{args:?}: {json}");
    }
}

#[test]
fn every_report_survives_every_boundary_as_of() {
    let env = scenario();
    let head = env.digest().split(':').next().unwrap().to_string();
    let after = (head.parse::<u64>().unwrap() + 1).to_string();
    let points = [BEFORE, "2026-01-05", "9999-12-31", "0", "1", &head, &after, "18446744073709551615"];
    // Several hundred runs, mostly waiting on the store: four ledgers side
    // by side (one ledger would serialise them on its lock).
    std::thread::scope(|s| {
        for part in REPORTS.chunks(REPORTS.len().div_ceil(4)) {
            let points = &points;
            s.spawn(move || {
                let env = scenario();
                part.iter().for_each(|(r, html)| sweep(&env, r, *html, points));
            });
        }
    });
    for seq in ["0", "1", &head, &after, "18446744073709551615"] {
        for format in ["table", "json", "md"] {
            check(&env, &["show", seq], format);
        }
    }
}

#[test]
fn the_forecast_audit_before_the_opening_keeps_its_contract_keys() {
    let env = scenario();
    let a = env.run(&["audit", "forecast", "--format", "json", "--as-of", BEFORE]).ok().json();
    assert_eq!(a["empty"], true);
    assert_eq!(a["periods"], serde_json::json!([]));
    assert_eq!(a["summary"]["periods_scored"], 0);
    assert_eq!(a["summary"]["wape_final"], serde_json::Value::Null);
    assert_eq!(a["currency"], "USD");
    // As of record 0 is not a point in history: refused, naming the flag.
    env.refuses(&["trust", "--as-of", "0"], "--as-of");
}

#[test]
fn a_brief_before_the_opening_written_to_a_file_says_so_there() {
    let env = crate::env::TestEnv::with_ledger();
    let out = env.path("brief.html");
    let args = ["brief", "--as-of", "2025-01-01", "--format", "html", "--output", out.to_str().unwrap()];
    env.run(&args).ok();
    let page = std::fs::read_to_string(&out).expect("the file is written");
    assert!(page.contains("No records as of 2025-01-01"), "{page}");
}
