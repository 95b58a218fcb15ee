//! Sign-in by one-time link, sessions and CSRF, and the server's own key
//! signing web records "via web" for the signed-in member (sharing.md § 6).

use crate::env::TestEnv;
use crate::server::Server;
use candor::core::Timestamp;
use candor::identity::login_link::LoginLink;
use candor::ledger::Signer;
use std::path::Path;

/// An HTTP client that shows redirects and error statuses as they are.
fn http() -> ureq::Agent {
    ureq::Agent::config_builder().max_redirects(0).http_status_as_error(false).build().into()
}

struct Reply {
    status: u16,
    cookies: Vec<String>,
    location: Option<String>,
    body: String,
}

fn reply(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut r = r.expect("the server answers");
    let header = |name: &str| -> Vec<String> {
        r.headers().get_all(name).iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect()
    };
    let cookies = header("set-cookie");
    let location = header("location").into_iter().next();
    let body = r.body_mut().read_to_string().unwrap_or_default();
    Reply { status: r.status().as_u16(), cookies, location, body }
}

fn get(url: &str, cookie: Option<&str>) -> Reply {
    let mut req = http().get(url);
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    reply(req.call())
}

fn post_form(url: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Reply {
    let mut req = http().post(url);
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    reply(req.send_form(form.iter().copied()))
}

/// A member's signer, read from their key file on `env`'s machine.
pub fn signer_of(keys_dir: &Path, name: &str) -> Signer {
    for entry in std::fs::read_dir(keys_dir).expect("keys dir").flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if text.lines().any(|l| l == format!("name: {name}")) {
            let hex = text.lines().find_map(|l| l.strip_prefix("secret: ")).expect("a secret");
            return Signer::from_seed(candor::core::Hash32::from_hex(hex).expect("hex").0);
        }
    }
    panic!("no key for {name} in {}", keys_dir.display())
}

pub fn keys_dir(home: &Path) -> std::path::PathBuf {
    home.join(".config/candor/keys")
}

/// The server's own public key, from its keys directory.
pub fn server_key(server: &Server) -> String {
    signer_of(&keys_dir(server.home()), "candor web").public().to_string()
}

/// The CEO registers the server's own key (as `candor web`), through the
/// server: records made on its pages are signed by it.
pub fn register_server_key(env: &TestEnv, server: &Server) {
    let key = server_key(server);
    remote(
        env,
        server,
        &["--as", "ceo", "member", "add", "--name", "candor web", "--role", "server", "--key", &key],
    )
    .ok();
}

/// `candor --remote URL ARGS` on the CEO's machine (env holds Dana's and
/// Lee's keys).
fn remote(env: &TestEnv, server: &Server, args: &[&str]) -> crate::env::Run {
    let mut a = vec!["--remote", &server.url];
    a.extend_from_slice(args);
    env.run(&a)
}

fn link_of(stdout: &str) -> String {
    stdout.split_whitespace().find(|w| w.contains("/signin/")).expect("a link").to_string()
}

fn session_cookie(r: &Reply) -> Option<String> {
    r.cookies.iter().find(|c| c.starts_with("candor_session=")).cloned()
}

fn head(env: &TestEnv, server: &Server) -> String {
    remote(env, server, &["digest"]).ok().stdout.trim().to_string()
}

fn now_plus(micros: i64) -> Timestamp {
    Timestamp::from_micros(Timestamp::from_datetime(chrono::Utc::now()).micros() + micros)
}

#[test]
fn behind_a_tls_proxy_secure_cookies_marks_the_session_cookie_secure_and_a_restart_signs_everyone_out() {
    let env = TestEnv::with_ledger();
    let server = Server::start(&env, &["--secure-cookies"]);
    let sign_in = |server: &Server| {
        let issued = remote(&env, server, &["--as", "ceo", "member", "login-link", "--name", "Lee"]).ok();
        let signed_in = post_form(&link_of(&issued.stdout), None, &[]);
        assert_eq!(signed_in.status, 303, "{}", signed_in.body);
        session_cookie(&signed_in).expect("a session cookie")
    };
    let cookie = sign_in(&server);
    assert!(cookie.split(';').any(|a| a.trim() == "Secure"), "--secure-cookies: {cookie}");
    let session = cookie.split(';').next().unwrap().to_string();
    assert!(get(&format!("{}/", server.url), Some(&session)).body.contains("Lee"));
    // Sessions live in the server's memory only: after a restart the old
    // cookie signs nobody in.
    let stopped = server.stop();
    assert_eq!(stopped.code, 0, "{}", stopped.stderr);
    let again = Server::start(&env, &[]);
    let page = get(&format!("{}/", again.url), Some(&session));
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(page.location.as_deref().is_some_and(|l| l.starts_with("/signin")), "{:?}", page.location);
}

#[test]
fn a_link_signs_in_once_sets_a_strict_cookie_and_sign_out_ends_the_session() {
    let env = TestEnv::with_ledger();
    let server = Server::start(&env, &[]);
    let issued = remote(&env, &server, &["--as", "ceo", "member", "login-link", "--name", "Lee"]).ok();
    assert!(issued.stdout.contains("nothing is written to the ledger"), "{}", issued.stdout);
    let link = link_of(&issued.stdout);
    assert!(link.starts_with(&format!("{}/signin/", server.url)), "{link}");
    let before = head(&env, &server);

    // Opening the link only shows a button: a preview bot does not use it up.
    let page = get(&link, None);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sign in as Lee") && page.body.contains("method=\"post\""), "{}", page.body);
    assert!(session_cookie(&page).is_none());

    let signed_in = post_form(&link, None, &[]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert_eq!(signed_in.location.as_deref(), Some("/"));
    let cookie = session_cookie(&signed_in).expect("a session cookie");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(cookie.contains(attr), "{attr} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: no Secure flag");
    let session = cookie.split(';').next().unwrap().to_string();
    let home = get(&format!("{}/", server.url), Some(&session));
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Lee"), "{}", home.body);

    // The same link again: refused, nobody signed in, the ledger unchanged.
    let shown = get(&link, None);
    assert_eq!(shown.status, 410, "the landing page says the link is used: {}", shown.body);
    let again = post_form(&link, None, &[]);
    assert_eq!(again.status, 410, "{}", again.body);
    assert!(again.body.contains("already used"), "{}", again.body);
    assert!(session_cookie(&again).is_none());
    assert_eq!(head(&env, &server), before);

    // Sign-out needs the session's CSRF token.
    let no_csrf = post_form(&format!("{}/signout", server.url), Some(&session), &[]);
    assert_eq!(no_csrf.status, 403);
    let err: serde_json::Value = serde_json::from_str(&no_csrf.body).expect("a JSON error");
    assert_eq!(err["error"], "csrf");
    let wrong = post_form(&format!("{}/signout", server.url), Some(&session), &[("csrf", "0000")]);
    assert_eq!(wrong.status, 403);
    let not_a_form =
        reply(http().post(&format!("{}/signout", server.url)).header("Cookie", &session).send("x"));
    assert_eq!(not_a_form.status, 403, "{}", not_a_form.body);
    assert!(not_a_form.body.contains("\"csrf\""), "{}", not_a_form.body);
    assert_eq!(get(&format!("{}/", server.url), Some(&session)).status, 200, "still signed in");
    let form = get(&format!("{}/signout", server.url), Some(&session)).body;
    let csrf =
        form.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).expect("a token");
    let out = post_form(&format!("{}/signout", server.url), Some(&session), &[("csrf", csrf)]);
    assert_eq!(out.status, 303);
    assert!(session_cookie(&out).is_some_and(|c| c.contains("Max-Age=0")));
    let after = get(&format!("{}/", server.url), Some(&session));
    assert_eq!((after.status, after.location.as_deref()), (303, Some("/signin")), "the session is over");
    assert_eq!(head(&env, &server), before);
}

#[test]
fn expired_forged_and_wrongly_issued_links_sign_nobody_in() {
    let env = TestEnv::with_ledger();
    add_kim(&env);
    let server = Server::start(&env, &[]);
    let before = head(&env, &server);
    let keys = keys_dir(env.home());
    let dana = signer_of(&keys, "Dana");
    let lee = signer_of(&keys, "Lee");
    let url = |token: &str| format!("{}/signin/{token}", server.url);
    let refused = |token: &str, status: u16, says: &str| {
        for r in [get(&url(token), None), post_form(&url(token), None, &[])] {
            assert_eq!(r.status, status, "{}", r.body);
            assert!(r.body.contains(says), "{says} in {}", r.body);
            assert!(session_cookie(&r).is_none());
        }
    };

    let expired = LoginLink::new("Lee", now_plus(-60_000_000), dana.public()).unwrap().sign(&dana).unwrap();
    refused(&expired, 410, "expired");

    // A later expiry written over a signed link.
    let good = LoginLink::new("Lee", now_plus(3_600_000_000), dana.public()).unwrap().sign(&dana).unwrap();
    let mut raw = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &good).unwrap();
    raw[33] ^= 0x7f;
    let altered = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &raw);
    refused(&altered, 400, "does not verify");
    refused("not-a-link", 400, "not a candor login link");

    // A key the ledger never registered.
    let stranger = Signer::from_seed([42; 32]);
    let token =
        LoginLink::new("Dana", now_plus(3_600_000_000), stranger.public()).unwrap().sign(&stranger).unwrap();
    refused(&token, 403, "not a current member");

    // The leader may sign only themself in: at issue, exit 2 naming the
    // right; a link made by hand is refused by the server.
    let run = remote(&env, &server, &["--as", "leader", "member", "login-link", "--name", "Kim"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("login-links"), "{}", run.stderr);
    let for_kim = LoginLink::new("Kim", now_plus(3_600_000_000), lee.public()).unwrap().sign(&lee).unwrap();
    refused(&for_kim, 403, "login-links");
    remote(&env, &server, &["--as", "leader", "member", "login-link", "--name", "Lee"]).ok();

    // Bad lifetimes are refused naming --expires; nothing is written.
    for bad in ["8d", "0m", "soon"] {
        let run = remote(
            &env,
            &server,
            &["--as", "ceo", "member", "login-link", "--name", "Lee", "--expires", bad],
        );
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stderr.contains("--expires"), "{}", run.stderr);
    }
    assert_eq!(head(&env, &server), before);
}

/// Kim, a panelist with a key on this machine, on the CEO's ledger.
fn add_kim(env: &TestEnv) {
    let kim = crate::hire::new_key(env, "Kim");
    crate::hire::ceo(env, &["member", "add", "--name", "Kim", "--role", "panelist", "--key", &kim]).ok();
}

// ---- records made on the web: the server's key signs for the member ----

/// The keys directory of the server run inside this test process (its
/// private store of web-given scores). Set once for the whole process:
/// every other test runs `candor` with a cleared environment.
fn in_process_keys() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("keys dir");
        std::env::set_var("CANDOR_KEYS", dir.path());
        dir
    })
    .path()
}

/// A server's key, made for a test.
fn web_signer(seed: u8) -> Signer {
    Signer::from_seed([seed; 32])
}

/// The ledger served inside this process, with `key` as the server's own.
fn serve_here(env: &TestEnv, key: Signer) -> candor::serve::App {
    in_process_keys();
    let ledger = candor::ledger::Ledger::open_for_write(&env.ledger_dir()).expect("the ledger opens");
    let now = Timestamp::parse(env.now()).unwrap();
    let app = candor::serve::App::new(ledger, false, std::sync::Arc::new(move || now)).expect("the app");
    let used = tempfile::NamedTempFile::new().unwrap().into_temp_path().to_path_buf();
    app.with_web_key(key, candor::identity::used_links::UsedLinks::open_at(used).unwrap())
}

#[test]
fn a_used_link_stays_used_after_the_server_restarts() {
    let env = TestEnv::with_ledger();
    let dana = signer_of(&keys_dir(env.home()), "Dana");
    let token = LoginLink::new("Lee", now_plus(3_600_000_000), dana.public()).unwrap().sign(&dana).unwrap();
    let used = tempfile::tempdir().unwrap();
    let start = || {
        let ledger = candor::ledger::Ledger::open_for_write(&env.ledger_dir()).unwrap();
        let now = Timestamp::parse(env.now()).unwrap();
        let app = candor::serve::App::new(ledger, false, std::sync::Arc::new(move || now)).unwrap();
        let store = candor::identity::used_links::UsedLinks::open_at(used.path().join("links")).unwrap();
        app.with_web_key(web_signer(31), store)
    };
    let first = start();
    assert_eq!(first.use_login_link(&token).expect("signs in"), "Lee");
    drop(first);
    let second = start();
    let refused = second.use_login_link(&token).unwrap_err();
    assert_eq!(refused.status.as_u16(), 410, "{}", refused.message);
}

fn register(env: &TestEnv, key: &Signer) {
    let key = key.public().to_string();
    crate::hire::ceo(env, &["member", "add", "--name", "candor web", "--role", "server", "--key", &key]).ok();
}

fn commitment(id: &str, owner: &str) -> candor::core::Event {
    let d = |s: &str| candor::core::Date::parse(s).unwrap();
    candor::core::Event::CommitmentMade {
        id: id.into(),
        owner: owner.into(),
        what: "Send the plan".into(),
        due: d("2026-01-09"),
        meeting: None,
        on: d("2026-01-05"),
    }
}

fn last_seq(digests: &[candor::ledger::Digest]) -> String {
    digests.last().expect("records").seq.to_string()
}

const KIM_SAYS: &str = "Quokka-4471 rebuilt the pipeline review";

#[test]
fn web_records_are_signed_by_the_server_for_the_member_and_say_so() {
    let env = crate::hire::panel();
    let key = web_signer(11);
    let public = key.public().to_string();
    // Until the CEO registers the server's key, the web writes nothing.
    let unregistered = serve_here(&env, web_signer(11));
    let e = unregistered.record_web("Lee", |_| Ok(vec![commitment("C-1", "Lee")])).unwrap_err();
    assert_eq!((e.status.as_u16(), e.body.error.as_str()), (503, "web_key"));
    assert!(e
        .body
        .message
        .contains(&format!("member add --name \"candor web\" --role server --key {public}")));
    drop(unregistered);
    register(&env, &key);
    let before = env.digest();
    // The template's competencies, read before the server takes the ledger.
    let template = env.run(&["hire", "template", "show", "--format", "json"]).ok().json();
    let keys: Vec<String> = template["template"]["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap().to_string())
        .collect();

    let app = serve_here(&env, key);
    let made = app.record_web("Lee", |_| Ok(vec![commitment("C-1", "Lee")])).expect("recorded via web");
    // The member's rights apply as on the command line.
    let goal = candor::core::Event::GoalSet {
        period: candor::core::Period::parse("2026-Q1").unwrap(),
        amount: candor::core::Money(100),
    };
    let e = app.record_web("Lee", |_| Ok(vec![goal])).unwrap_err();
    assert_eq!((e.status.as_u16(), e.body.error.as_str()), (403, "right"), "{}", e.body.message);
    // Members and keys change only by members' own keys.
    let key_for_dana =
        candor::core::Event::MemberKeyAdded { name: "Dana".into(), key: web_signer(12).public() };
    let e = app.record_web("Dana", |_| Ok(vec![key_for_dana])).unwrap_err();
    assert_eq!(e.status.as_u16(), 403, "{}", e.body.message);
    assert!(e.body.message.contains("changes members or keys"), "{}", e.body.message);

    // Kim scores on the web: the ledger gets the seal, the server keeps the score.
    let input = candor::core::decide::hire::score::ScoreInput {
        candidate: "c-ana".into(),
        ratings: keys.iter().map(|k| format!("{k}=3")).collect(),
        evidence: vec![format!("{}={KIM_SAYS}", keys[0])],
        recommend: "yes".into(),
        ..Default::default()
    };
    let sealed = app.seal_score_web("Kim", input).expect("sealed via web");
    let copies = crate::hire::private_copies_in(&in_process_keys().join("scores"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copies[0]).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let e = app.open_debrief_web("Lee", "c-ana").unwrap_err();
    assert_eq!(e.status.as_u16(), 403, "only the CEO opens a debrief: {}", e.body.message);
    drop(app);
    assert!(
        !env.run(&["log", "--format", "json"]).ok().stdout.contains(KIM_SAYS),
        "blind before the debrief"
    );
    let blind = crate::hire::candidate(&crate::hire::report(&env, &[]), "c-ana").clone();
    assert_eq!(blind["sealed"], serde_json::json!(["Kim"]));

    // The CEO opens the debrief on the web: the server reveals Kim's score with it.
    let app = serve_here(&env, web_signer(11));
    let opened = app.open_debrief_web("Dana", "c-ana").expect("the debrief opens");
    assert_eq!(opened.len(), 2, "the debrief and Kim's reveal, in one append");
    drop(app);
    let report = crate::hire::report(&env, &[]);
    let open = crate::hire::candidate(&report, "c-ana");
    let kim = open["panelists"].as_array().unwrap().iter().find(|p| p["name"] == "Kim").expect("Kim's score");
    assert_eq!(kim["verified_against_seal"], true, "{kim}");
    assert!(env.run(&["hire", "report"]).ok().stdout.contains(KIM_SAYS));

    // log, show and verify say which records came through the web, for whom.
    let log = env.run(&["log"]).ok().stdout;
    let via: Vec<&str> = log.lines().filter(|l| l.contains("via web (candor web)")).collect();
    assert_eq!(via.len(), 4, "{log}");
    assert!(via.iter().any(|l| l.contains("Lee") && l.contains("commitment_made")), "{log}");
    assert!(via.iter().any(|l| l.contains("Kim") && l.contains("score_revealed")), "{log}");
    let json = env.run(&["log", "--format", "json"]).ok().json();
    let web_rows =
        json["records"].as_array().unwrap().iter().filter(|r| r["via_web"] == "candor web").count();
    assert_eq!(web_rows, 4);
    let shown = env.run(&["show", &last_seq(&made)]).ok().stdout;
    assert!(shown.contains(&format!("signed via web by candor web's key {public} for Lee")), "{shown}");
    let shown = env.run(&["show", &last_seq(&sealed), "--format", "json"]).ok().json();
    assert_eq!((shown["actor"].as_str(), shown["via_web"].as_str()), (Some("Kim"), Some("candor web")));
    let verified = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(verified["ok"], true);
    assert_eq!(verified["signatures"]["via_web"], 4, "{verified}");
    assert!(env.run(&["verify"]).ok().stdout.contains("(4 via web)"));
    assert_ne!(env.digest(), before);
}

/// Appends a record signed by `key` for `actor` without the acceptor: what
/// a thief holding the server's key (and the disk) could write.
fn forge(env: &TestEnv, key: &Signer, actor: &str, event: candor::core::Event) {
    let ledger = candor::ledger::Ledger::open_for_write(&env.ledger_dir()).unwrap();
    let head = ledger.head().unwrap();
    let now = Timestamp::parse(env.now()).unwrap();
    let entry = candor::ledger::signing::Entry { actor: actor.into(), event, signer: Some(key) };
    let records = candor::ledger::signing::chain_entries(head.hash, head.seq + 1, vec![entry], now).unwrap();
    ledger.append_chained(records, now).unwrap();
}

#[test]
fn a_server_key_never_changes_members_and_signs_nothing_once_removed() {
    // A stolen server key cannot give anyone a key.
    let env = TestEnv::with_ledger();
    let key = web_signer(21);
    register(&env, &key);
    let thief = web_signer(22).public();
    forge(&env, &key, "Dana", candor::core::Event::MemberKeyAdded { name: "Dana".into(), key: thief });
    let run = env.run(&["verify", "--format", "json"]).code(1);
    let v = run.json();
    assert!(v["reason"].as_str().unwrap().contains("changes members or keys"), "{v}");

    // Removing the server member revokes web writes.
    let env = TestEnv::with_ledger();
    register(&env, &key);
    let app = serve_here(&env, web_signer(21));
    app.record_web("Lee", |_| Ok(vec![commitment("C-1", "Lee")])).expect("recorded via web");
    drop(app);
    crate::hire::ceo(
        &env,
        &["member", "remove", "--name", "candor web", "--reason", "the server was stolen"],
    )
    .ok();
    let before = env.digest();
    let app = serve_here(&env, web_signer(21));
    let e = app.record_web("Lee", |_| Ok(vec![commitment("C-2", "Lee")])).unwrap_err();
    assert_eq!((e.status.as_u16(), e.body.error.as_str()), (503, "web_key"));
    drop(app);
    assert_eq!(env.digest(), before);
    env.run(&["verify"]).ok();
    forge(&env, &key, "Lee", commitment("C-2", "Lee"));
    let v = env.run(&["verify", "--format", "json"]).code(1).json();
    assert!(v["reason"].as_str().unwrap().contains("revoked"), "{v}");
    assert_eq!(v["signatures"]["via_web"], 1, "the record made before the removal stays good: {v}");
}

#[test]
fn a_debrief_opened_from_the_command_line_reveals_the_scores_the_server_holds() {
    let env = crate::hire::panel();
    crate::hire::score(
        &env,
        "c-ana",
        "Kim",
        &crate::hire::same("3"),
        &[&format!("drivers={KIM_SAYS}")],
        "yes",
    );
    let server = Server::start(&env, &[]);
    // Kim's clear copy is held by the server (as a web score would be), not here.
    let ours = crate::hire::private_copies(&env);
    assert_eq!(ours.len(), 1);
    let from = env.path(".config/candor/keys/scores");
    let held = keys_dir(server.home()).join("scores").join(ours[0].strip_prefix(&from).unwrap());
    let mut dirs = std::fs::DirBuilder::new();
    dirs.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut dirs, 0o700);
    dirs.create(held.parent().unwrap()).unwrap();
    std::fs::copy(&ours[0], &held).unwrap();
    std::fs::remove_file(&ours[0]).unwrap();
    let key = server_key(&server);
    register_server_key(&env, &server);

    let out = remote(&env, &server, &["--as", "ceo", "hire", "debrief", "--candidate", "c-ana"]).ok().stdout;
    assert!(out.contains("Kim: sealed"), "this machine cannot reveal Kim's score: {out}");
    assert!(out.contains("the server reveals it now if it was scored on the web"), "{out}");
    let report = remote(&env, &server, &["hire", "report", "--format", "json"]).ok().json();
    let open = crate::hire::candidate(&report, "c-ana");
    let kim = open["panelists"].as_array().unwrap().iter().find(|p| p["name"] == "Kim").expect("Kim's score");
    assert_eq!(kim["verified_against_seal"], true, "{kim}");
    let log = remote(&env, &server, &["log"]).ok().stdout;
    let last = log.lines().last().unwrap();
    assert!(last.contains("via web (candor web)") && last.contains("score_revealed"), "{log}");
    remote(&env, &server, &["verify"]).ok();
    // At its start the server said which key is its own and how to register it.
    let said = server.stop().stdout;
    assert!(said.contains(&format!("web key: {key}")), "{said}");
    let command = format!("member add --name \"candor web\" --role server --key {key}");
    assert!(said.contains(&command), "{said}");
    env.run(&["verify"]).ok();
}

/// A refusal a client that did not ask for HTML gets: status and JSON reason.
#[track_caller]
fn json_refusal(r: &Reply, status: u16, error: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    let v: serde_json::Value =
        serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON: {}", r.body));
    assert_eq!(v["error"], error, "{}", r.body);
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", r.body);
}

#[test]
fn web_refusals_are_4xx_json_errors_and_change_nothing() {
    let env = TestEnv::with_ledger();
    let server = Server::start(&env, &[]);
    register_server_key(&env, &server);
    remote(
        &env,
        &server,
        &[
            "--as",
            "leader",
            "commitment",
            "add",
            "--id",
            "C-1",
            "--owner",
            "leader",
            "--what",
            "Plan",
            "--due",
            "2026-01-09",
        ],
    )
    .ok();
    let link = link_of(
        &remote(&env, &server, &["--as", "ceo", "member", "login-link", "--name", "Lee"]).ok().stdout,
    );
    let before = head(&env, &server);

    // A sign-in posted from another site's page (login CSRF) is refused.
    let cross = reply(http().post(&link).header("Sec-Fetch-Site", "cross-site").send_form([("x", "y")]));
    json_refusal(&cross, 403, "forbidden");
    let signed_in = post_form(&link, None, &[]);
    let session = session_cookie(&signed_in).expect("signed in").split(';').next().unwrap().to_string();
    // The link, used: 410, as JSON to a client that did not ask for HTML.
    json_refusal(&post_form(&link, None, &[]), 410, "gone");

    // A form post without its CSRF token, or with another: 403 `csrf`.
    let done = format!("{}/commitments/C-1/done", server.url);
    json_refusal(&post_form(&done, Some(&session), &[]), 403, "csrf");
    json_refusal(&post_form(&done, Some(&session), &[("csrf", "0123")]), 403, "csrf");
    // A form over the size a form may be: 413.
    let big = "x".repeat(300 << 10);
    json_refusal(&post_form(&done, Some(&session), &[("csrf", &big)]), 413, "too_large");
    // A link valid for longer than links may be, signed by hand: 400.
    let dana = signer_of(&keys_dir(env.home()), "Dana");
    let long = LoginLink::new("Lee", now_plus(30 * 24 * 3600 * 1_000_000), dana.public())
        .unwrap()
        .sign(&dana)
        .unwrap();
    json_refusal(&post_form(&format!("{}/signin/{long}", server.url), None, &[]), 400, "bad_request");
    // Pages are never kept by a cache.
    let page = http().get(&format!("{}/commitments", server.url)).header("Cookie", &session).call().unwrap();
    assert_eq!(page.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    assert_eq!(head(&env, &server), before, "nothing was written");
}

#[test]
fn a_form_body_that_never_arrives_is_a_408_not_a_hang() {
    use std::io::{Read, Write};
    let env = TestEnv::with_ledger();
    let server = Server::start(&env, &[]);
    let link = link_of(
        &remote(&env, &server, &["--as", "ceo", "member", "login-link", "--name", "Lee"]).ok().stdout,
    );
    let session = session_cookie(&post_form(&link, None, &[])).expect("signed in");
    let session = session.split(';').next().unwrap();
    let addr = server.url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    let req = format!(
        "POST /signout HTTP/1.1\r\nHost: {addr}\r\nCookie: {session}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nc"
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"error\":\"timeout\""), "{answer}");
}
