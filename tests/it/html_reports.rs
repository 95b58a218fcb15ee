//! The HTML reports in headless Chromium: `trust --format html` names every
//! signal's status in words; the HTML brief carries the trust section and
//! each figure card's change since last week; no chart label overlaps
//! another label or a bar, or runs past its drawing — measured by the
//! browser (getBBox) at a screen's width and at a phone's.

use crate::brief::{chromium, headless, scenario};
use crate::env::TestEnv;
use std::path::PathBuf;

const LABEL_CHECK: &str = include_str!("html_reports/label_check.js");

/// The manufacturing demo's ledger, read on its last day (its indicator
/// charts once had their target labels drawn over the bars).
fn manufacturing() -> TestEnv {
    let script: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "fixtures", "scenarios", "manufacturing.candor"].iter().collect();
    let mut env = TestEnv::new();
    env.run(&["replay", script.to_str().unwrap()]).ok();
    env.at("2026-07-03T18:00:00Z");
    env
}

/// `args` run, its output kept as a page, loaded in Chromium; the DOM after load.
fn rendered(env: &TestEnv, bin: &str, name: &str, args: &[&str], width: u32) -> String {
    let page = env.path(&format!("{name}.html"));
    std::fs::write(&page, env.run(args).ok().stdout).unwrap();
    let size = format!("--window-size={width},2000");
    headless(bin, &env.path(&format!("profile-{name}")), &page, &["--dump-dom", &size])
}

/// The text of the first element after `marker` whose class starts with `class`.
fn text_after<'a>(dom: &'a str, marker: &str, class: &str) -> &'a str {
    let at = dom.find(marker).unwrap_or_else(|| panic!("no {marker} in the page"));
    let rest = &dom[at..];
    let open = rest.find(&format!("class=\"{class}")).unwrap_or_else(|| panic!("no .{class} after {marker}"));
    let text = &rest[open..];
    let start = text.find('>').unwrap() + 1;
    &text[start..start + text[start..].find('<').unwrap()]
}

fn status_words(status: &str) -> &'static str {
    match status {
        "green" => "green: on track",
        "amber" => "amber: watch",
        "red" => "red: off track",
        _ => "no threshold",
    }
}

#[test]
fn the_trust_page_shows_every_signal_with_its_status_in_words() {
    let Some(bin) = chromium() else { return };
    let env = scenario();
    let signals = env.run(&["trust", "--format", "json"]).ok().json();
    let dom = rendered(&env, bin, "trust", &["trust", "--format", "html"], 1200);
    assert!(dom.contains("Trust dashboard — Acme Robotics"), "{}", &dom[..dom.len().min(800)]);
    let mut seen = 0;
    for (key, s) in signals.as_object().unwrap().iter().filter(|(_, v)| v.is_object()) {
        let at = dom.find(&format!("data-signal=\"{key}\"")).unwrap_or_else(|| panic!("no card for {key}"));
        let card = &dom[at..at + dom[at..].find("</article>").unwrap()];
        let status = s["status"].as_str().unwrap();
        assert!(card.contains(status_words(status)), "{key} is {status}: {card}");
        assert!(card.contains(s["title"].as_str().unwrap()), "{card}");
        assert!(card.contains("Threshold: "), "{card}");
        seen += 1;
    }
    assert!(seen >= 8, "every signal of the dashboard: {seen}");
    assert!(!dom.contains("<script"), "the page runs nothing");
}

#[test]
fn the_html_brief_has_the_trust_signals_and_the_change_since_last_week() {
    let Some(bin) = chromium() else { return };
    let env = scenario();
    let dom = rendered(&env, bin, "brief", &["brief", "--format", "html"], 1200);
    // The trust section: each signal's status, as `trust` judges it on the brief's last day.
    let signals = env.run(&["trust", "--format", "json", "--as-of", "2026-02-02"]).ok().json();
    let at = dom.find("id=\"trust\"").expect("a trust section");
    let section = &dom[at..at + dom[at..].find("</section>").unwrap()];
    let mut rows = 0;
    for (key, s) in signals.as_object().unwrap().iter().filter(|(_, v)| v.is_object()) {
        let row = section.find(&format!("data-signal=\"{key}\"")).unwrap_or_else(|| panic!("no {key}"));
        let line = &section[row..row + section[row..].find("</li>").unwrap()];
        assert!(line.contains(status_words(s["status"].as_str().unwrap())), "{line}");
        rows += 1;
    }
    assert!(rows >= 8, "only {rows} signals checked");
    // Last week = the same brief as the record stood 7 days before --until.
    assert!(dom.contains("as the record stood on 2026-01-26, 7 days before 2026-02-02"));
    let now = env.run(&["brief", "--format", "json"]).ok().json();
    let before = env
        .run(&[
            "brief",
            "--format",
            "json",
            "--as-of",
            "2026-01-26",
            "--until",
            "2026-01-26",
            "--period",
            "2026-Q1",
        ])
        .ok()
        .json();
    let (gap, gap_before) =
        (now["revenue"]["gap"].as_f64().unwrap(), before["revenue"]["gap"].as_f64().unwrap());
    assert!(gap < gap_before, "the scenario closes some of the gap in its last week");
    let pct = ((gap_before - gap) / gap_before * 100.0).round();
    assert_eq!(text_after(&dom, "gap, USD", "change"), format!("▼ {pct:.0}% vs last week"));
    // No actual was recorded a week earlier; the goal did not move.
    assert_eq!(before["revenue"]["actual_to_date"], 0);
    assert_eq!(text_after(&dom, "actual to date, USD", "change"), "▲ from 0 last week");
    assert_eq!(text_after(&dom, "goal, USD", "change"), "no change vs last week");
    assert_eq!(dom.matches("<div class=\"change ").count(), 5, "a change on every figure card");
}

#[test]
fn chart_labels_neither_overlap_nor_leave_their_drawing() {
    let Some(bin) = chromium() else { return };
    let env = manufacturing();
    let html = env.run(&["brief", "--format", "html"]).ok().stdout;
    // The page itself runs no script: the check is added to a copy.
    let checked = html.replace("</body>", &format!("<script>{LABEL_CHECK}</script></body>"));
    let page = env.path("checked.html");
    std::fs::write(&page, checked).unwrap();
    for (width, charts) in [(1200, 5), (420, 5)] {
        let size = format!("--window-size={width},3000");
        let dom = headless(bin, &env.path(&format!("profile-{width}")), &page, &["--dump-dom", &size]);
        let at = dom.find("<pre id=\"label-check\">").expect("the check ran") + 23;
        let report = &dom[at..at + dom[at..].find("</pre>").unwrap()];
        assert!(report.contains(&format!("labels in {charts} charts")), "at {width} px: {report}");
        assert!(report.ends_with("no problem"), "at {width} px:\n{report}");
    }
}
