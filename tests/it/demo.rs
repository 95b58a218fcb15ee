//! `candor demo` runs from nothing, in a throw-away place.

use crate::env::TestEnv;

/// The demo's directory, from its last lines.
pub fn demo_dir(stdout: &str) -> std::path::PathBuf {
    let line = stdout.lines().find_map(|l| l.trim().strip_prefix("cd ")).expect("a `cd DIR` line");
    std::path::PathBuf::from(line.trim())
}

#[test]
fn the_demo_replays_both_scenarios_without_touching_the_users_ledger() {
    let env = TestEnv::new();
    let run = env.run(&["demo"]).ok();
    let dir = demo_dir(&run.stdout);
    for expected in [
        "Kessler Precision Parts (manufacturing, USD)",
        "Adler & Voss Consulting (services, EUR)",
        "Commitments kept",
        "candor --ledger manufacturing trust --as-of 2026-07-03",
        "candor --ledger manufacturing audit forecast --as-of 2026-07-03",
        "candor demo --full",
    ] {
        assert!(run.stdout.contains(expected), "missing {expected}:\n{}", run.stdout);
    }
    // 257 commands; init writes three records (the opening and two keys).
    assert!(run.stdout.contains("259 records, verified (head 259:"), "{}", run.stdout);
    // A story, not every report: two screens at most.
    assert!(run.stdout.lines().count() <= 48, "{}", run.stdout);
    assert!(!env.ledger_dir().exists(), "the demo wrote to the user's ledger");
    // The demo's people have keys only in its throw-away directory.
    assert!(run.stdout.contains("your own keys directory is not touched"), "{}", run.stdout);
    let keys = env.path(".config").join("candor").join("keys");
    assert!(!keys.exists(), "the demo made keys in the user's keys directory");
    let listed = env.run(&["key", "list", "--format", "json"]).ok().stdout;
    assert!(!listed.contains("Helen"), "{listed}");
    // The commands it suggests work on the ledger it kept, and tell the same figures.
    let ledger = dir.join("manufacturing");
    let trust =
        env.run(&["--ledger", ledger.to_str().unwrap(), "trust", "--as-of", "2026-07-03"]).ok().stdout;
    assert!(trust.contains("Trust dashboard — Kessler Precision Parts, as of 2026-07-03"), "{trust}");
    let told = run.stdout.lines().find(|l| l.trim_start().starts_with("Commitments kept")).unwrap();
    let figure = told.split_whitespace().nth(2).unwrap();
    assert!(
        trust.lines().any(|l| l.starts_with("Commitments kept") && l.contains(figure)),
        "{figure}\n{trust}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // --full prints every report; a CANDOR_ACTOR of the person running it
    // does not sign the demo's facts.
    let full = env.run(&["demo", "--full"]).ok().stdout;
    for expected in [
        "Scenario: manufacturing",
        "Scenario: services",
        "Trust dashboard — Kessler Precision Parts",
        "Forecast accuracy and bias",
        "embellishment",
    ] {
        assert!(full.contains(expected), "missing {expected}:\n{full}");
    }
    std::fs::remove_dir_all(demo_dir(&full)).unwrap();
    let mut md = env.command(&["demo", "--full", "--format", "md"]);
    md.env("CANDOR_ACTOR", "ceo");
    let md = crate::env::finish(md.output().unwrap()).ok().stdout;
    assert!(md.contains("# Trust dashboard"), "{md}");
    std::fs::remove_dir_all(demo_dir(&md)).unwrap();
}

#[test]
fn demo_serve_gives_each_demo_member_a_link_and_cleans_up_when_stopped() {
    use std::io::{BufRead, BufReader};
    let env = TestEnv::new();
    let mut child = env
        .command(&["demo", "--serve", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut links = Vec::new();
    let mut dir = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(link) = line.split_whitespace().find(|w| w.contains("/signin/")) {
            links.push(link.to_string());
        }
        if line.starts_with("candor serve: listening on") {
            dir = line.split('(').nth(1).and_then(|r| r.split(',').next()).map(|d| d.to_string());
            break;
        }
    }
    assert_eq!(links.len(), 4, "CEO, leader and two panelists: {links:?}");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let page = agent.get(&links[2]).call().unwrap().body_mut().read_to_string().unwrap();
    assert!(page.contains("Priya Shah"), "{page}");
    std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(child.wait().unwrap().success());
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    let dir = std::path::PathBuf::from(dir.expect("the served ledger's directory"));
    assert!(!dir.exists(), "the throw-away ledger is removed: {}", dir.display());
}
