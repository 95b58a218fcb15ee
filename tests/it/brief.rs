//! `candor brief`: each section on a small scenario, the reconciliation in
//! every format, refused input, and the HTML page in a real headless browser.

use crate::env::TestEnv;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A quarter in the life of Acme Robotics, as recorded command by command:
/// meetings on Jan 5, 12 and 26 (Jan 19 skipped), and a week of changes
/// after the last one. The brief is read on Monday, Feb 2.
pub const SCENARIO: &str = r#"
@2025-10-01T09:00:00Z init --company "Acme Robotics" --ceo Dana --leader Lee --leader-key-here
@2025-10-01T09:05:00Z --as ceo deal bands --band large=100k --band mid=25k
@2025-10-01T09:10:00Z --as ceo goal set --period 2025-Q4 --amount 1.2M
@2025-10-02T09:00:00Z forecast submit --period 2025-Q4 --amount 1.3M
@2025-11-03T09:00:00Z actual record --period 2025-10 --amount 400k
@2025-11-15T09:00:00Z forecast submit --period 2025-Q4 --amount 1.25M
@2025-12-01T09:00:00Z actual record --period 2025-11 --amount 350k
@2025-12-20T09:00:00Z forecast submit --period 2025-Q4 --amount 1.15M
@2026-01-02T09:00:00Z actual record --period 2025-12 --amount 380k
@2026-01-02T09:05:00Z --as ceo goal set --period 2026-Q1 --amount 1.5M
@2026-01-05T09:00:00Z forecast submit --period 2026-Q1 --amount 1.6M
@2026-01-05T09:10:00Z indicator define --name "Discovery calls" --target 40
@2026-01-05T09:11:00Z indicator define --name Demos --target 8
@2026-01-05T09:12:00Z plan add --kind goal --id G-1 --title "Win 3 enterprise logos" --owner leader --due 2026-03-31
@2026-01-05T09:13:00Z plan add --kind initiative --id I-1 --title "Enterprise outbound" --parent G-1 --owner leader --due 2026-03-31
@2026-01-05T09:14:00Z plan add --kind activity --id A-1 --title "Build a target list of 200 accounts" --parent I-1 --owner leader --due 2026-01-30
@2026-01-05T09:15:00Z plan add --kind activity --id A-2 --title "Hire an SDR" --parent I-1 --owner ceo --due 2026-02-06
@2026-01-05T09:16:00Z --as ceo plan min-run --weeks 8 --from 2026-01-05
@2026-01-05T09:17:00Z plan option add --id O-1 --title "Partner channel" --impact 4 --effort 2
@2026-01-05T09:18:00Z plan option add --id O-2 --title "Lower entry price" --impact 3 --effort 4
@2026-01-05T09:20:00Z contingency add --id K-1 --indicator Demos --below 6 --weeks 2 --action "CEO joins two demos a week"
@2026-01-05T09:30:00Z deal add --id D-1 --account Globex --amount 420k --close 2026-03-20 --stage proposal --probability 60
@2026-01-05T09:31:00Z deal add --id D-2 --account Initech --amount 180k --close 2026-02-27 --stage negotiation --probability 70
@2026-01-05T09:32:00Z deal add --id D-3 --account Umbrella --amount 90k --close 2026-03-13 --stage discovery --probability 30
@2026-01-05T09:33:00Z deal add --id D-4 --account Hooli --amount 60k --close 2026-02-06 --stage commit --probability 90
@2026-01-05T09:34:00Z deal add --id D-5 --account "Stark <Industries> & Co" --amount 250k --close 2026-04-24 --stage qualification --probability 20
@2026-01-05T09:35:00Z deal add --id D-7 --account Vandelay --amount 40k --close 2026-02-20 --stage proposal
@2026-01-05T10:00:00Z meeting hold --worked-plan yes --results partly --adjust none --rating 7
@2026-01-06T10:05:00Z commitment add --id C-1 --owner leader --what "Send the Globex proposal" --due 2026-01-16
@2026-01-06T10:06:00Z commitment add --id C-2 --owner ceo --what "Approve the SDR budget" --due 2026-01-09
@2026-01-09T10:00:00Z --as ceo commitment done C-2
@2026-01-12T08:00:00Z indicator record --name "Discovery calls" --week 2026-W02 --value 44
@2026-01-12T08:01:00Z indicator record --name Demos --week 2026-W02 --value 9
@2026-01-12T10:00:00Z meeting hold --worked-plan yes --results yes --adjust none --rating 8
@2026-01-16T10:00:00Z commitment done C-1
@2026-01-19T08:00:00Z indicator record --name "Discovery calls" --week 2026-W03 --value 38
@2026-01-19T08:01:00Z indicator record --name Demos --week 2026-W03 --value 7
@2026-01-19T10:00:00Z meeting skip --date 2026-01-19 --reason "Board week"
@2026-01-20T10:00:00Z issue raise --title "Discounts above 20% without approval"
@2026-01-26T08:00:00Z indicator record --name "Discovery calls" --week 2026-W04 --value 41
@2026-01-26T08:01:00Z indicator record --name Demos --week 2026-W04 --value 5
@2026-01-26T10:00:00Z meeting hold --worked-plan partly --results partly --adjust "Two more demos a week from February" --rating 6
@2026-01-26T10:05:00Z commitment add --id C-3 --owner leader --what "Book 10 demos with the new target list" --due 2026-01-30
@2026-01-26T10:06:00Z commitment add --id C-4 --owner ceo --what "Intro call with the Globex CFO" --due 2026-01-30
@2026-01-27T10:00:00Z --as ceo issue raise --title "Forecast changes every day"
@2026-01-28T10:00:00Z deal add --id D-6 --account "Wayne Enterprises" --amount 120k --close 2026-03-27 --stage discovery --probability 25
@2026-01-28T10:05:00Z deal risk D-1 --reason "Champion left the company"
@2026-01-29T10:00:00Z deal update D-2 --close 2026-04-10
@2026-01-29T10:01:00Z deal update D-3 --amount 110k
@2026-01-29T10:02:00Z commitment done C-3
@2026-01-29T10:03:00Z plan change --what "Move the SDR hire to March" --why "Budget approval slipped" --effective 2026-02-02 --requested-by ceo
@2026-01-30T10:00:00Z deal won D-4
@2026-01-30T10:01:00Z deal update D-5 --close 2026-03-31
@2026-01-30T10:02:00Z issue resolve I-1 --resolution "Discounts over 15% need the CEO"
@2026-01-30T10:03:00Z plan complete A-1
@2026-01-31T10:00:00Z deal lost D-7 --reason "Chose a competitor"
@2026-02-02T08:00:00Z actual record --period 2026-01 --amount 450k
@2026-02-02T08:01:00Z indicator record --name "Discovery calls" --week 2026-W05 --value 36
@2026-02-02T08:02:00Z indicator record --name Demos --week 2026-W05 --value 4
"#;

pub const NOW: &str = "2026-02-02T12:00:00Z";

/// A ledger holding the scenario, with the clock on Feb 2 at noon.
pub fn scenario() -> TestEnv {
    let mut env = TestEnv::new();
    let script = env.path("scenario.txt");
    std::fs::write(&script, SCENARIO).unwrap();
    env.run(&["replay", script.to_str().unwrap()]).ok();
    env.at(NOW);
    env
}

#[test]
fn every_section_of_the_brief_in_json() {
    let env = scenario();
    let b = env.run(&["brief", "--format", "json"]).ok().json();
    assert_eq!(
        (b["period"].as_str(), b["since"].as_str(), b["until"].as_str()),
        (Some("2026-Q1"), Some("2026-01-26"), Some("2026-02-02"))
    );
    assert_eq!(b["currency"], "USD");
    assert_eq!(b["last_meeting"]["date"], "2026-01-26");
    // 1. Revenue, in minor units: goal 1.5M, January 450k.
    assert_eq!(b["revenue"]["goal"], 150_000_000);
    assert_eq!(b["revenue"]["actual_to_date"], 45_000_000);
    assert_eq!(b["revenue"]["gap"], 105_000_000);
    assert_eq!(b["coverage"]["open_in_period"], 90_000_000);
    // 2. Big deals: the large band (100k and up) won or closing in Q1.
    assert_eq!(b["big_deals"]["band"], "large");
    let big: Vec<&str> =
        b["big_deals"]["deals"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(big, ["D-1", "D-5", "D-6", "D-3"]);
    // 3. What changed since the meeting of Jan 26, reconciled exactly.
    let c = &b["changes"];
    let n = |k: &str| c[k].as_i64().unwrap();
    assert_eq!(
        (
            n("open_start"),
            n("new"),
            n("pulled_in"),
            n("pushed_out"),
            n("increased"),
            n("decreased"),
            n("won"),
            n("lost"),
            n("open_end")
        ),
        (79_000_000, 12_000_000, 25_000_000, 18_000_000, 2_000_000, 0, 6_000_000, 4_000_000, 90_000_000)
    );
    assert_eq!(
        n("open_start") + n("new") + n("pulled_in") - n("pushed_out") + n("increased")
            - n("decreased")
            - n("won")
            - n("lost"),
        n("open_end")
    );
    let reasons: Vec<(&str, &str)> = c["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("D-1", "at-risk"),
            ("D-2", "pushed-out"),
            ("D-3", "increased"),
            ("D-4", "won"),
            ("D-5", "pulled-in"),
            ("D-6", "new"),
            ("D-7", "lost")
        ]
    );
    assert_eq!(
        (c["deals"][1]["amount_start"].as_i64(), c["deals"][1]["amount_end"].as_i64()),
        (Some(18_000_000), Some(0))
    );
    // 4. Risks: since when, why, for how long.
    let r = &b["risks"][0];
    assert_eq!(
        (r["id"].as_str(), r["since"].as_str(), r["days_at_risk"].as_i64()),
        (Some("D-1"), Some("2026-01-28"), Some(5))
    );
    assert_eq!(r["reason"], "Champion left the company");
    // 5. The plan: A-1 done since the meeting, A-2 due this week; a premature change.
    let due: Vec<(&str, &str)> = b["plan"]["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(due, [("A-1", "done"), ("A-2", "open")]);
    assert_eq!(b["plan"]["options"][0]["id"], "O-1");
    assert_eq!(b["plan"]["changes"][0]["premature"], true);
    assert_eq!(b["plan"]["minimum_run"]["passes_on"], "2026-03-02");
    // 6. Commitments due since the meeting, both sides, with say / do.
    let cs: Vec<(&str, &str)> = b["commitments_due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(cs, [("C-3", "kept_on_time"), ("C-4", "open_overdue")]);
    assert_eq!(b["say_do"][0]["owner"], "Dana");
    assert_eq!(b["say_do"][0]["all_time"]["say_do"], 0.5);
    assert_eq!(b["say_do"][1]["all_time"]["say_do"], 1.0);
    // 7. Indicators against target, and the contingency their run triggered.
    let demos = b["indicators"].as_array().unwrap().iter().find(|i| i["name"] == "Demos").unwrap();
    let last = demos["weeks"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["week"].as_str(), last["value"].as_f64(), last["status"].as_str()),
        (Some("2026-W05"), Some(4.0), Some("miss"))
    );
    assert_eq!(demos["hit_rate"], 0.25);
    let k = &b["contingencies_triggered"][0];
    assert_eq!((k["id"].as_str(), k["action"].as_str()), (Some("K-1"), Some("CEO joins two demos a week")));
    // 8. Trends over 13 weeks.
    assert_eq!(b["trends"]["new_count"], 7);
    assert_eq!(b["trends"]["win_rate_by_count"], 0.5);
    // 9. Issues: I-1 resolved since the meeting, I-2 open.
    let issues: Vec<(&str, &str)> = b["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(issues, [("I-1", "resolved"), ("I-2", "open")]);
    // 10. The three questions, each with its facts.
    let q: Vec<&str> =
        b["questions"].as_array().unwrap().iter().map(|q| q["key"].as_str().unwrap()).collect();
    assert_eq!(q, ["worked_plan", "results", "adjust"]);
    assert!(b["questions"][2]["facts"][1].as_str().unwrap().contains("K-1 → CEO joins two demos a week"));
    // The forecast record for the chart: Q4 scored, Q1 to date.
    assert_eq!(b["forecasts"][0]["period"], "2025-Q4");
    assert_eq!(
        (b["forecasts"][0]["forecast"].as_i64(), b["forecasts"][0]["actual"].as_i64()),
        (Some(115_000_000), Some(113_000_000))
    );
}

#[test]
fn the_reconciliation_is_printed_in_table_and_markdown() {
    let env = scenario();
    let numbers = "900,000 = 790,000 + 120,000 + 250,000 − 180,000 + 20,000 − 0 − 60,000 − 40,000  ✓";
    let formula = "open_end = open_start + new + pulled_in − pushed_out + increased − decreased − won − lost";
    for format in ["table", "md"] {
        let out = env.run(&["brief", "--format", format]).ok().stdout;
        assert!(out.contains(formula) && out.contains(numbers), "{format}:\n{out}");
        for heading in [
            "1. Revenue",
            "2. Big deals",
            "3. What changed",
            "4. Risks",
            "5. The plan",
            "6. Commitments",
            "7. Leading indicators",
            "8. Trends",
            "9. Issues",
            "10. The three questions",
        ] {
            assert!(out.contains(heading), "{format} lacks {heading}");
        }
        assert!(out.contains("Did we work the plan?") && out.contains("Do we adjust it — how and when?"));
    }
    let md = env.run(&["brief", "--format", "md"]).ok().stdout;
    assert!(md.starts_with("# Weekly brief — Acme Robotics, 2026-Q1"), "{md}");
    assert!(md.contains("| D-2 | Initech | pushed-out | USD 180,000 | USD 0 |"), "{md}");
    assert!(
        md.contains(
            "| D-1 | Globex | USD 420,000 | 2026-03-20 | 2026-01-28 (new) | 5 | Champion left the company |"
        ),
        "{md}"
    );
}

#[test]
fn the_window_follows_the_flags_and_the_history() {
    let env = scenario();
    // As of the Jan 26 meeting's day: since the meeting before it (Jan 12).
    let then = env.run(&["brief", "--as-of", "2026-01-26", "--format", "json"]).ok().json();
    assert_eq!((then["since"].as_str(), then["until"].as_str()), (Some("2026-01-12"), Some("2026-01-26")));
    assert!(then["risks"].as_array().unwrap().is_empty(), "D-1 was flagged later");
    let wide =
        env.run(&["brief", "--since", "2026-01-05", "--period", "2026-02", "--format", "json"]).ok().json();
    assert_eq!((wide["period"].as_str(), wide["since"].as_str()), (Some("2026-02"), Some("2026-01-05")));
    assert_eq!(wide["revenue"]["goal"], serde_json::Value::Null);
    let c = &wide["changes"];
    let sum =
        c["open_start"].as_i64().unwrap() + c["new"].as_i64().unwrap() + c["pulled_in"].as_i64().unwrap()
            - c["pushed_out"].as_i64().unwrap()
            + c["increased"].as_i64().unwrap()
            - c["decreased"].as_i64().unwrap()
            - c["won"].as_i64().unwrap()
            - c["lost"].as_i64().unwrap();
    assert_eq!(sum, c["open_end"].as_i64().unwrap());
    let out = env.path("brief.md");
    let run = env.run(&["brief", "--format", "md", "--output", out.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("wrote the brief to"));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("## 3. What changed in the pipeline since 2026-01-26"));
}

#[test]
fn bad_brief_input_is_refused_and_writes_nothing() {
    let env = scenario();
    let cases: &[(&[&str], &str)] = &[
        (&["brief", "--until", "2026-02-03"], "--until"),
        (&["brief", "--since", "2026-02-03", "--until", "2026-02-02"], "--since"),
        (&["brief", "--since", "last monday"], "--since"),
        (&["brief", "--period", "2026-Q5"], "--period"),
        (&["brief", "--as-of", "yesterday"], "--as-of"),
        (&["brief", "--format", "csv"], "--format"),
        (&["brief", "--output", "/nonexistent-dir/brief.html", "--format", "html"], "--output"),
    ];
    for (args, field) in cases {
        env.refuses(args, field);
    }
    let none = TestEnv::new();
    assert_eq!(none.run(&["brief"]).code, 3, "no ledger");
}

#[test]
fn the_html_page_is_self_contained_escaped_and_has_charts() {
    let env = scenario();
    let html = env.run(&["brief", "--format", "html"]).ok().stdout;
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(
        html.contains("Stark &lt;Industries&gt; &amp; Co") && !html.contains("<Industries>"),
        "account names are escaped"
    );
    assert!(
        !html.contains("<script")
            && !html.contains("<link")
            && !html.contains("@import")
            && !html.contains("url(")
    );
    let external: Vec<&str> = html
        .match_indices("http")
        .map(|(i, _)| &html[i..i + 30])
        .filter(|s| !s.starts_with("http://www.w3.org/2000/svg"))
        .collect();
    assert!(external.is_empty(), "nothing is fetched: {external:?}");
    assert!(html.contains("@media print"));
    for chart in ["forecast", "say-do", "indicator", "flow"] {
        let tag = format!("data-chart=\"{chart}\" data-points=\"");
        let at = html.find(&tag).unwrap_or_else(|| panic!("no {chart} chart"));
        let points: usize = html[at + tag.len()..].split('"').next().unwrap().parse().unwrap();
        assert!(points > 0, "{chart} chart has no data");
    }
    assert!(html.contains("data-value=\"1150000\""), "the Q4 forecast bar (1.15M)");
    assert!(html.contains("reconciles exactly"));
}

/// The Chromium binary, or None (a notice; CI requires it).
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()));
    if found.is_none() {
        if std::env::var("CANDOR_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("chromium is required (CANDOR_REQUIRE_CHROMIUM=1) but not installed");
        }
        eprintln!("chromium not installed: skipping the headless browser test");
    }
    found
}

/// Runs headless Chromium on `page` with `extra` arguments; returns stdout.
pub fn headless(bin: &str, profile: &Path, page: &Path, extra: &[&str]) -> String {
    let mut child = Command::new(bin)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap_or_default()
}

#[test]
fn the_html_brief_renders_in_headless_chromium() {
    let Some(bin) = chromium() else { return };
    let env = scenario();
    let page = env.path("brief.html");
    env.run(&["brief", "--format", "html", "--output", page.to_str().unwrap()]).ok();
    let dom = headless(bin, &env.path("profile-dom"), &page, &["--dump-dom"]);
    assert!(
        dom.matches("<svg class=\"chart\"").count() >= 5,
        "charts in the loaded page:\n{}",
        &dom[..dom.len().min(2000)]
    );
    assert!(dom.contains("Weekly brief — Acme Robotics"));
    let shot = env.path("brief.png");
    headless(
        bin,
        &env.path("profile-shot"),
        &page,
        &["--window-size=1280,2000", &format!("--screenshot={}", shot.display())],
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("the screenshot exists"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!((info.width, info.height), (1280, 2000));
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    assert!(pixels.iter().any(|p| p[..3] != pixels[0][..3]), "the page is blank");
    let distinct: std::collections::HashSet<&[u8]> = pixels.iter().map(|p| &p[..3]).collect();
    assert!(distinct.len() > 100, "too few colours for text and charts: {}", distinct.len());
    // The actual-revenue bar (#0f766e) of the first chart is painted.
    let teal = pixels
        .iter()
        .filter(|p| p[0].abs_diff(0x0f) < 8 && p[1].abs_diff(0x76) < 8 && p[2].abs_diff(0x6e) < 8)
        .count();
    assert!(teal > 500, "the forecast chart's actual bars are missing ({teal} teal pixels)");
    if let Ok(dir) = std::env::var("CANDOR_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, Path::new(&dir).join("brief.png")).ok();
    }
}
