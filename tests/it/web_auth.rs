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
#[allow(dead_code)]
pub fn server_key(server: &Server) -> String {
    signer_of(&keys_dir(server.home()), "candor web").public().to_string()
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
