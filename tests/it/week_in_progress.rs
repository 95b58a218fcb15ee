//! The week in progress: just after the README tour's first meeting, the
//! reports show week 2026-W02 as in progress, with what it holds so far, and
//! the figures metrics.md defines over complete weeks do not count it.

use crate::env::{finish, Run, TestEnv};
use serde_json::Value;

/// The tour's commands as the README gives them, up to the CEO's
/// acknowledgement of the Friday meeting (Fri 2026-01-09, in 2026-W02).
fn tour_to_the_meeting() -> String {
    let mut script = String::from("set -e\n");
    for line in crate::readme::sh_lines("## A short tour") {
        script.push_str(&line);
        script.push('\n');
        if line.contains("meeting ack") {
            return script;
        }
    }
    panic!("the tour has no `meeting ack`:\n{script}");
}

struct Tour {
    env: TestEnv,
}

impl Tour {
    fn after_the_meeting() -> Tour {
        let env = TestEnv::new();
        let out = crate::readme::run_shell(&env, &tour_to_the_meeting());
        assert!(out.status.success(), "the tour failed: {}", String::from_utf8_lossy(&out.stderr));
        Tour { env }
    }

    /// Runs candor on the tour's ledger with the clock at `now`.
    fn run(&self, now: &str, args: &[&str]) -> Run {
        let mut c = self.env.command(args);
        c.env("CANDOR_LEDGER", self.env.path("acme-ledger")).env("CANDOR_NOW", now);
        finish(c.output().unwrap()).ok()
    }

    fn json(&self, now: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        self.run(now, &all).json()
    }
}

const FRIDAY: &str = "2026-01-09T15:30:00Z"; // just after the meeting, W02
const NEXT_MONDAY: &str = "2026-01-12T08:00:00Z"; // W02 complete, W03 begins
const NEXT_WEDNESDAY: &str = "2026-01-14T10:00:00Z"; // W03 in progress

#[test]
fn after_the_tours_meeting_audit_cadence_shows_the_week_in_progress() {
    let tour = Tour::after_the_meeting();
    let text = tour.run(FRIDAY, &["audit", "cadence"]).stdout;
    assert!(!text.contains("0 of 0"), "{text}");
    assert!(text.contains("no complete week yet"), "{text}");
    assert!(text.contains("2026-W02 (in progress): meeting held 2026-01-09 (#22)"), "{text}");
    assert!(text.contains("2026-W02 (in progress)  meeting held 2026-01-09 (#22)  not counted"), "{text}");

    let c = tour.json(FRIDAY, &["audit", "cadence"]);
    // Nothing is complete yet: the figures are as metrics.md § 5 defines them.
    assert_eq!(
        (c["weeks_counted"].as_u64(), c["weeks_held"].as_u64(), c["streak"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    assert!(c["adherence"].is_null() && c["windows"].as_array().unwrap().is_empty(), "{c}");
    let now = &c["in_progress"];
    assert_eq!(now["in_progress"], true);
    assert_eq!((now["first_week"].as_str(), now["last_week"].as_str()), (Some("2026-W02"), Some("2026-W02")));
    assert_eq!((now["held"].as_bool(), now["held_seqs"][0].as_u64()), (Some(true), Some(22)));
    assert_eq!(now["held_dates"][0], "2026-01-09");

    // The trust dashboard says why there is no cadence figure yet.
    let t = tour.json(FRIDAY, &["trust"]);
    let cad = &t["meeting_cadence"];
    assert!(cad["value"].is_null());
    assert_eq!(cad["explained_by"]["why"], "no complete week yet; 2026-W02 in progress: meeting held");
    assert_eq!(cad["in_progress"], "2026-W02 (in progress, not counted yet): meeting held 2026-01-09 (#22)");
    let table = tour.run(FRIDAY, &["trust"]).stdout;
    assert!(table.contains("#22 no complete week yet; 2026-W02 in progress: meeting held"), "{table}");
}

#[test]
fn the_brief_shows_week_w02_in_progress() {
    let tour = Tour::after_the_meeting();
    let text = tour.run(FRIDAY, &["brief"]).stdout;
    // Indicators: W02's value recorded on Wednesday (9 against ≥ 12).
    assert!(
        text.contains("2026-W02 (in progress, not counted until it ends): Qualified meetings ✗ 9."),
        "{text}"
    );
    // Trends: D-1 was opened on Monday of W02.
    assert!(
        text.contains("2026-W02 (in progress, in none of the figures above): 1 new worth USD 120,000"),
        "{text}"
    );
    assert!(
        text.contains("This week, 2026-W02 (in progress): 1 of 1 recorded so far, 0 on target."),
        "{text}"
    );
    assert!(!text.contains("0 of 0"), "{text}");
    let md = tour.run(FRIDAY, &["brief", "--format", "md"]).stdout;
    assert!(md.contains("2026-W02 (in progress"), "{md}");
    tour.run(FRIDAY, &["brief", "--format", "html", "--output", "w02.html"]);
    let html = std::fs::read_to_string(tour.env.path("w02.html")).unwrap();
    assert!(html.contains("2026-W02 (in progress, not counted until it ends): Qualified meetings ✗ 9."));

    let b = tour.json(FRIDAY, &["brief"]);
    let flow = &b["trends"]["in_progress"];
    assert_eq!((flow["week"].as_str(), flow["in_progress"].as_bool()), (Some("2026-W02"), Some(true)));
    assert_eq!((flow["new_count"].as_u64(), flow["new_value"].as_i64()), (Some(1), Some(12_000_000)));
    // The 13 weeks and their totals stay complete weeks: D-1 is in none of them.
    assert_eq!(b["trends"]["new_count"], 0);
    assert_eq!(b["trends"]["weeks"].as_array().unwrap().last().unwrap()["week"], "2026-W01");
    let ind = &b["indicators_in_progress"];
    assert_eq!((ind["week"].as_str(), ind["in_progress"].as_bool()), (Some("2026-W02"), Some(true)));
    let qm = &ind["indicators"][0];
    assert_eq!(
        (qm["name"].as_str(), qm["value"].as_str(), qm["mark"].as_str()),
        (Some("Qualified meetings"), Some("9"), Some("miss"))
    );
    // The contract's indicator weeks are complete weeks only.
    let weeks: Vec<&str> =
        b["indicators"][0]["weeks"].as_array().unwrap().iter().map(|w| w["week"].as_str().unwrap()).collect();
    assert!(!weeks.contains(&"2026-W02"), "{weeks:?}");
}

#[test]
fn audit_indicators_and_pipeline_show_the_week_in_progress_apart() {
    let tour = Tour::after_the_meeting();
    let text = tour.run(FRIDAY, &["audit", "indicators"]).stdout;
    assert!(
        text.contains("2026-W02 (in progress, not counted until it ends): Qualified meetings ✗ 9."),
        "{text}"
    );
    let j = tour.json(FRIDAY, &["audit", "indicators"]);
    assert_eq!(j["in_progress"]["indicators"][0]["value_seq"], 20);
    // `indicator list` shows it apart too, in no hit rate.
    let list = tour.run(FRIDAY, &["indicator", "list"]).stdout;
    assert!(list.contains("2026-W02 (in progress, not counted until it ends)"), "{list}");
    let lj = tour.json(FRIDAY, &["indicator", "list"]);
    assert_eq!(lj["in_progress"]["indicators"][0]["value_seq"], 20, "{lj}");
    assert!(j["indicators"][0]["hit_rate"].is_null(), "W02 is not counted yet: {j}");
    let p = tour.run(FRIDAY, &["audit", "pipeline"]).stdout;
    assert!(p.contains("2026-W02 (in progress)  1 (USD 120,000)"), "{p}");
    let pj = tour.json(FRIDAY, &["audit", "pipeline"]);
    assert_eq!(
        (pj["in_progress"]["week"].as_str(), pj["in_progress"]["new_count"].as_u64()),
        (Some("2026-W02"), Some(1))
    );
}

/// The figures over complete weeks: what the week in progress holds moves
/// none of them until it ends, and then it counts like any week.
#[test]
fn the_figures_over_complete_weeks_do_not_count_the_week_in_progress() {
    let tour = Tour::after_the_meeting();
    let figures = |c: &Value| {
        [&c["weeks_counted"], &c["weeks_held"], &c["adherence"], &c["streak"], &c["windows"]]
            .map(Value::clone)
    };
    // Next Monday W02 has ended: it counts, held; W03 is in progress, empty.
    let monday = tour.json(NEXT_MONDAY, &["audit", "cadence"]);
    assert_eq!((monday["weeks_counted"].as_u64(), monday["adherence"].as_f64()), (Some(1), Some(1.0)));
    assert_eq!(monday["windows"][0]["held_seqs"][0], 22);
    assert_eq!(
        (monday["in_progress"]["first_week"].as_str(), monday["in_progress"]["held"].as_bool()),
        (Some("2026-W03"), Some(false))
    );
    let text = tour.run(NEXT_MONDAY, &["audit", "cadence"]).stdout;
    assert!(
        text.contains("1 of 1 (100.0%)") && text.contains("2026-W03 (in progress): no meeting yet"),
        "{text}"
    );
    let trust_monday = tour.json(NEXT_MONDAY, &["trust"]);
    let brief_monday = tour.json(NEXT_MONDAY, &["brief"]);

    // During W03: a skip, a value for W03, a new deal. The figures stay.
    for args in [
        &["meeting", "skip", "--date", "2026-01-14", "--reason", "travel"][..],
        &["indicator", "record", "--name", "Qualified meetings", "--week", "2026-W03", "--value", "14"],
        &["deal", "add", "--id", "D-2", "--account", "Initech", "--amount", "80k", "--close", "2026-03-31"],
    ] {
        tour.run(NEXT_WEDNESDAY, args);
    }
    let wednesday = tour.json(NEXT_WEDNESDAY, &["audit", "cadence"]);
    assert_eq!(figures(&wednesday), figures(&monday));
    let now = &wednesday["in_progress"];
    assert_eq!((now["first_week"].as_str(), now["held"].as_bool()), (Some("2026-W03"), Some(false)));
    assert_eq!(now["skipped"][0]["reason"], "travel");
    let trust = tour.json(NEXT_WEDNESDAY, &["trust"]);
    for key in ["meeting_cadence", "leading_indicators"] {
        assert_eq!(trust[key]["value"], trust_monday[key]["value"], "{key}");
        assert_eq!(trust[key]["trend"], trust_monday[key]["trend"], "{key}");
    }
    assert_eq!(trust["leading_indicators"]["value"], 0.0); // W02: 9 < 12
    for key in ["new_opportunities_13w", "win_rate_by_count", "average_won_size", "cycle_days_mean"] {
        assert_eq!(
            trust["pipeline_health"]["figures"][key], trust_monday["pipeline_health"]["figures"][key],
            "{key}"
        );
    }
    let brief = tour.json(NEXT_WEDNESDAY, &["brief"]);
    for key in ["new_count", "new_value", "weeks", "win_rate_by_count"] {
        assert_eq!(brief["trends"][key], brief_monday["trends"][key], "{key}");
    }
    assert_eq!(brief["trends"]["in_progress"]["new_count"], 1);
    assert_eq!(brief["indicators_in_progress"]["indicators"][0]["mark"], "hit");

    // The Monday after, W03 is complete: counted as not held (a skip), the value a hit.
    let later = tour.json("2026-01-19T08:00:00Z", &["audit", "cadence"]);
    assert_eq!(
        (later["weeks_counted"].as_u64(), later["weeks_held"].as_u64(), later["adherence"].as_f64()),
        (Some(2), Some(1), Some(0.5))
    );
    let trust = tour.json("2026-01-19T08:00:00Z", &["trust"]);
    assert_eq!(trust["leading_indicators"]["value"], 0.5);
}
