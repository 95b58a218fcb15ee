//! The web pages in a real browser (sharing.md § 6): headless Chromium,
//! driven over WebDriver by `chromedriver`, against a real `candor serve`.
//! A panelist signs in by a one-time link and submits a score through the
//! form; a second panelist cannot see it; the CEO opens the debrief and the
//! full report appears; the ledger verifies. Each page is screenshotted
//! into `$CANDOR_SCREENSHOTS` (default: the test's temporary directory).

mod webdriver;

use crate::env::TestEnv;
use crate::server::Server;
use candor::core::hiring::builtin::sales_leader;
use std::path::{Path, PathBuf};
use std::process::Command;
use webdriver::{Browser, Driver};

/// Distinctive evidence only Kim writes.
const KIMS_NOTE: &str = "Quokka-4417 rebuilt the Nordic team in two quarters";

/// The full path of a program on PATH.
fn which(names: &[&str]) -> Option<String> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
        .map(|p| p.display().to_string())
}

/// chromium and chromedriver, or None (a visible notice; CI requires them).
fn tools() -> Option<(String, String)> {
    match (which(&["chromium", "chromium-browser"]), which(&["chromedriver"])) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        _ => {
            if std::env::var("CANDOR_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
                panic!(
                    "chromium and chromedriver are required (CANDOR_REQUIRE_CHROMIUM=1) but not installed"
                );
            }
            eprintln!(
                "NOTICE: chromium or chromedriver (Debian: chromium-driver) not installed: skipping the browser test"
            );
            None
        }
    }
}

/// The services scenario with Dana as its CEO, a candidate, panelists Kim
/// and Sam (keys registered as the CLI does), and a commitment of Dana's.
fn ledger() -> TestEnv {
    let script: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "fixtures", "scenarios", "services.candor"].iter().collect();
    let text = std::fs::read_to_string(script).unwrap().replace("--ceo \"Katrin Adler\"", "--ceo \"Dana\"");
    let mut env = TestEnv::new();
    let path = env.path("services.candor");
    std::fs::write(&path, text).unwrap();
    env.run(&["replay", path.to_str().unwrap()]).ok();
    env.at("2026-07-06T12:00:00Z");
    let ceo = |args: &[&str]| {
        let mut a = vec!["--as", "ceo"];
        a.extend_from_slice(args);
        env.run(&a).ok()
    };
    ceo(&["hire", "candidate", "add", "--id", "c-ana", "--name", "Ana Pérez"]);
    for name in ["Kim", "Sam"] {
        let key = crate::hire::new_key(&env, name);
        ceo(&["hire", "panel", "add", "--name", name, "--key", &key]);
    }
    ceo(&[
        "commitment",
        "add",
        "--id",
        "C-19",
        "--owner",
        "ceo",
        "--what",
        "Call the Baltic Ports CFO",
        "--due",
        "2026-07-10",
    ]);
    env
}

/// Where screenshots go.
fn screenshots(env: &TestEnv) -> PathBuf {
    let dir = std::env::var_os("CANDOR_SCREENSHOTS").map_or_else(|| env.path("screenshots"), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A one-time login link for `name`, made on the CEO's machine.
fn login_link(env: &TestEnv, server: &Server, name: &str) -> String {
    let run = env.run(&["--remote", &server.url, "--as", "ceo", "member", "login-link", "--name", name]).ok();
    run.stdout
        .split_whitespace()
        .find(|w| w.starts_with(&server.url) && w.contains("/signin/"))
        .unwrap_or_else(|| panic!("no login link in: {}", run.stdout))
        .to_string()
}

/// Opens the link; where the link asks to confirm, confirms.
fn sign_in(b: &Browser, link: &str, name: &str) {
    b.goto(link);
    if b.count("form[action^='/signin'] button") > 0 {
        b.submit("form[action^='/signin'] button");
    }
    assert_eq!(b.text_of("#signed-in"), name, "signed in as {name}: {}", b.text());
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

/// A page read with a session cookie: status and body.
fn get_with(url: &str, cookie: &str) -> (u16, String) {
    let mut r = agent().get(url).header("cookie", cookie).header("accept", "text/html").call().unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

/// A form posted with a session cookie: status and page.
fn post_page(url: &str, cookie: &str, body: &str) -> (u16, String) {
    let mut r = agent()
        .post(url)
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        // As a browser asks: a refusal then comes as a readable page.
        .header("accept", "text/html")
        .send(body)
        .unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

fn post_form(url: &str, cookie: &str, body: &str) -> u16 {
    post_page(url, cookie, body).0
}

fn shot(b: &Browser, dir: &Path, name: &str) {
    b.screenshot(&dir.join(format!("{name}.png")));
}

#[test]
fn a_panel_scores_in_the_browser_blind_until_the_ceo_opens_the_debrief() {
    let Some((chromium, chromedriver)) = tools() else { return };
    let env = ledger();
    let server = Server::start(&env, &[]);
    // The CEO registers the server's own key: web records are signed by it.
    crate::web_auth::register_server_key(&env, &server);
    let shots = screenshots(&env);
    // The head as the server has it, read through a verifying replica.
    let head_now = || env.run(&["--remote", &server.url, "digest"]).ok().stdout.trim().to_string();
    let driver = Driver::start(&chromedriver);
    let url = |path: &str| format!("{}{path}", server.url);
    let template = sales_leader();

    // Kim signs in by link and scores through the form.
    let kim = driver.browser(&chromium, &env.path("profile-kim"));
    kim.resize(1280, 1000);
    sign_in(&kim, &login_link(&env, &server, "Kim"), "Kim");
    kim.goto(&url("/hire/c-ana"));
    shot(&kim, &shots, "hire-score-form");
    assert_eq!(kim.count("form.score fieldset.ratings"), template.competencies.len() + 1);
    // A form with no ratings comes back with the problem beside the field.
    kim.submit("form.score button[type=submit]");
    assert!(kim.text().contains("Not recorded"), "{}", kim.text());
    let first = &template.competencies[0].key;
    assert_eq!(kim.count(&format!("#rating-{first}-error")), 1, "{}", kim.source());
    shot(&kim, &shots, "hire-score-refused");
    for (i, c) in template.competencies.iter().enumerate() {
        let value = if i == 0 { "5" } else { "4" };
        kim.click(&format!("input[name='rating-{}'][value='{value}']", c.key));
    }
    kim.type_into(&format!("#evidence-{first}"), KIMS_NOTE);
    kim.click("input[name='recommend'][value='strong-yes']");
    shot(&kim, &shots, "hire-score-filled");
    kim.submit("form.score button[type=submit]");
    assert!(kim.url().ends_with("/hire/c-ana"), "{}", kim.url());
    assert!(kim.text().contains("Your score is sealed"), "{}", kim.text());
    shot(&kim, &shots, "hire-kim-sealed");

    // Sam sees that Kim has scored, and nothing of what.
    let sam = driver.browser(&chromium, &env.path("profile-sam"));
    sam.resize(1280, 1000);
    sign_in(&sam, &login_link(&env, &server, "Sam"), "Sam");
    sam.goto(&url("/hire/c-ana"));
    let text = sam.text();
    assert!(text.contains("scored (sealed)") && text.contains("pending"), "{text}");
    assert!(!sam.source().contains(KIMS_NOTE), "{text}");
    // Sam's own form is empty: nothing of Kim's is filled in.
    assert_eq!(sam.count("form.score input[checked]"), 0);
    assert_eq!(sam.count("form[action$='/debrief']"), 0, "only the CEO opens the debrief");
    shot(&sam, &shots, "hire-blind-sam");
    // Outside the browser, with Sam's session and token: a form missing its
    // ratings is a 400 page naming the field; Sam may not close a commitment
    // that is not Sam's (403); neither records anything.
    let sams = format!("candor_session={}", sam.cookie("candor_session"));
    let (_, page) = get_with(&url("/hire/c-ana"), &sams);
    let csrf =
        page.split("name=\"csrf\" value=\"").nth(1).and_then(|r| r.split('"').next()).expect("a CSRF token");
    let head = head_now();
    let (status, body) = post_page(&url("/hire/c-ana/score"), &sams, &format!("csrf={csrf}&recommend=yes"));
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains(&format!("id=\"rating-{first}-error\"")) && body.contains("No rating yet"),
        "{body}"
    );
    let (status, body) = post_page(&url("/commitments/C-18/done"), &sams, &format!("csrf={csrf}"));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("<html"), "a readable page: {body}");
    assert_eq!(head_now(), head);

    // Dana, the CEO: the other pages, a commitment marked done, the debrief.
    let dana = driver.browser(&chromium, &env.path("profile-dana"));
    dana.resize(1280, 1000);
    sign_in(&dana, &login_link(&env, &server, "Dana"), "Dana");
    for (path, name) in [
        ("/", "dashboard"),
        ("/brief", "brief"),
        ("/audit/forecast", "audit-forecast"),
        ("/deals", "deals"),
        ("/members", "members"),
        ("/hire", "hire"),
    ] {
        dana.goto(&url(path));
        assert!(!dana.text().is_empty());
        shot(&dana, &shots, name);
    }
    dana.goto(&url("/"));
    assert!(dana.text().contains("red: off track"), "a status says itself in words: {}", dana.text());
    dana.goto(&url("/brief"));
    assert!(dana.text().contains("Weekly brief") && dana.text().contains("Trust signals"));
    dana.goto(&url("/commitments"));
    shot(&dana, &shots, "commitments");
    dana.submit("button[aria-label='Mark C-19 done']");
    assert!(dana.url().ends_with("/commitments"), "{}", dana.url());
    assert_eq!(dana.count("button[aria-label='Mark C-19 done']"), 0, "C-19 is closed");
    assert!(dana.text().contains("done (2026-07-06)"), "{}", dana.text());
    dana.goto(&url("/hire/c-ana"));
    assert!(!dana.source().contains(KIMS_NOTE));
    shot(&dana, &shots, "hire-ceo-before-debrief");
    // A post without the session's CSRF token is refused, and records nothing.
    let head = head_now();
    let cookie = format!("candor_session={}", dana.cookie("candor_session"));
    for form in ["", "csrf=forged"] {
        let status = post_form(&url("/hire/c-ana/debrief"), &cookie, form);
        assert_eq!(status, 403, "a debrief posted with {form:?}");
    }
    assert_eq!(head_now(), head);
    // A candidate that does not exist is a 404 page.
    let (status, body) = get_with(&url("/hire/c-zed"), &cookie);
    assert_eq!(status, 404);
    assert!(body.contains("There is no candidate") && body.contains("<html"), "{body}");
    dana.submit("form[action$='/debrief'] button");
    let text = dana.text();
    assert!(text.contains(KIMS_NOTE), "the full report shows Kim's evidence: {text}");
    shot(&dana, &shots, "hire-full-report");

    // After the debrief Sam reads the same full report.
    sam.goto(&url("/hire/c-ana"));
    assert!(sam.text().contains(KIMS_NOTE));
    // A phone-sized window.
    sam.resize(390, 844);
    sam.goto(&url("/"));
    shot(&sam, &shots, "dashboard-phone");

    // Signing out ends the session.
    kim.submit("form[action='/signout'] button");
    kim.goto(&url("/hire"));
    assert_eq!(kim.count("#signed-in"), 0, "signed out: {}", kim.text());

    drop((kim, sam, dana));
    server.stop();
    eprintln!("screenshots in {}", shots.display());
    env.run(&["verify"]).ok();
}
