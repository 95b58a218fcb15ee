//! The shared ledger over real loopback HTTP: `candor serve` and members'
//! machines using `--remote`, each with only its own key.

use crate::env::TestEnv;
use crate::forge;
use crate::server::{ceo_only_ledger, Machine, Server};
use candor::core::{Envelope, Event, Hash32, Money, Period, Timestamp};
use candor::ledger::{Hash, Signer};
use candor::remote::protocol::{self, API};
use serde_json::Value;
use std::path::Path;

const MONDAY: &str = "2026-01-05T09:00:00Z";
const WEDNESDAY: &str = "2026-01-07T16:00:00Z";
const FRIDAY: &str = "2026-01-09T15:00:00Z";

/// The README tour's first week, each line on the machine of the person
/// who says it.
const CEO_MONDAY: &[&[&str]] = &[
    &["goal", "set", "--period", "2026-Q1", "--amount", "1.2M"],
    &[
        "deal",
        "bands",
        "--band",
        "large=250k",
        "--band",
        "mid=50k",
        "--band",
        "small=0",
        "--target",
        "large=40",
        "--target",
        "mid=40",
        "--target",
        "small=20",
    ],
    &[
        "commitment",
        "add",
        "--id",
        "C-2",
        "--owner",
        "ceo",
        "--what",
        "Approve two hires",
        "--due",
        "2026-01-09",
    ],
    &["plan", "min-run", "--weeks", "8"],
    &["expect", "set", "--area", "pricing", "--right", "consult-ceo-first"],
];
const LEADER_MONDAY: &[&[&str]] = &[
    &[
        "forecast",
        "submit",
        "--period",
        "2026-Q1",
        "--amount",
        "1.1M",
        "--commit",
        "900k",
        "--best-case",
        "1.4M",
        "--note",
        "two renewals",
    ],
    &[
        "deal",
        "add",
        "--id",
        "D-1",
        "--account",
        "Globex",
        "--amount",
        "120k",
        "--close",
        "2026-03-31",
        "--stage",
        "proposal",
        "--probability",
        "40",
    ],
    &[
        "commitment",
        "add",
        "--id",
        "C-1",
        "--owner",
        "leader",
        "--what",
        "Send the Q1 plan",
        "--due",
        "2026-01-09",
    ],
    &[
        "plan",
        "add",
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
    ],
    &[
        "plan",
        "add",
        "--kind",
        "initiative",
        "--id",
        "I-1",
        "--title",
        "Sales training for the team",
        "--parent",
        "G-1",
        "--owner",
        "leader",
    ],
    &["plan", "option", "add", "--id", "O-1", "--title", "Partner channel", "--impact", "5", "--effort", "2"],
    &["plan", "adopt", "O-1"],
    &["indicator", "define", "--name", "Qualified meetings", "--target", "12"],
    &[
        "contingency",
        "add",
        "--id",
        "CT-1",
        "--indicator",
        "Qualified meetings",
        "--below",
        "8",
        "--weeks",
        "2",
        "--action",
        "Leader joins prospecting two days a week",
    ],
];
const LEADER_WEDNESDAY: &[&[&str]] = &[
    &["deal", "risk", "D-1", "--reason", "champion left"],
    &["commitment", "done", "C-1"],
    &["indicator", "record", "--name", "Qualified meetings", "--week", "2026-W02", "--value", "9"],
];
const CEO_WEDNESDAY: &[&[&str]] =
    &[&["issue", "raise", "--title", "Globex slip heard from the customer first"]];

/// The CEO's machine: the one that opened the ledger, holding Dana's key only.
fn ceo_machine(env: &TestEnv, url: &str) -> Machine {
    let ceo = Machine::new(url, env.now());
    copy_dir(&env.home().join(".config/candor/keys"), &ceo.dir().join(".config/candor/keys"));
    ceo
}

/// A server over a ledger whose CEO is on one machine and whose leader
/// joined from another; returns (env, server, ceo, lee, lee's key).
fn shared(extra: &[&str]) -> (TestEnv, Server, Machine, Machine, String) {
    let env = ceo_only_ledger();
    let server = Server::start(&env, extra);
    let ceo = ceo_machine(&env, &server.url);
    let lee = Machine::new(&server.url, env.now());
    let key = lee.key_new("Lee");
    ceo.run(&["member", "key", "--name", "Lee", "--key", &key]).ok();
    (env, server, ceo, lee, key)
}

#[test]
fn two_members_on_their_own_machines_record_the_first_week_through_the_server() {
    let (env, server, mut ceo, mut lee, lee_key) = shared(&["--allow-client-clock"]);
    let key_files = |m: &Machine| {
        let dir = std::fs::read_dir(m.dir().join(".config/candor/keys")).unwrap();
        dir.filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "ed25519")).count()
    };
    assert_eq!((key_files(&ceo), key_files(&lee)), (1, 1), "each machine holds only its own key");
    for args in CEO_MONDAY {
        ceo.run(args).ok();
    }
    for args in LEADER_MONDAY {
        let run = lee.run(args).ok();
        assert!(run.stdout.contains("signed by Lee"), "{args:?}: {}", run.stdout);
    }
    ceo.now = WEDNESDAY.into();
    lee.now = WEDNESDAY.into();
    for args in LEADER_WEDNESDAY {
        lee.run(args).ok();
    }
    for args in CEO_WEDNESDAY {
        ceo.run(args).ok();
    }
    // Friday: the brief on both machines, the meeting held on the leader's
    // (acknowledged with Lee's key), and the CEO's own acknowledgement of
    // the same head from the CEO's machine.
    ceo.now = FRIDAY.into();
    lee.now = FRIDAY.into();
    let brief = ceo.run(&["brief", "--format", "md"]).ok().stdout;
    assert_eq!(brief, lee.run(&["brief", "--format", "md"]).ok().stdout, "one record, one brief");
    lee.run(&[
        "meeting",
        "hold",
        "--worked-plan",
        "partly",
        "--results",
        "no",
        "--adjust",
        "Two more demos a week",
        "--plan-change",
        "Two more demos a week",
        "--why",
        "Demos below target two weeks running",
        "--commit",
        "leader:2026-01-16:Book 10 demos",
        "--commit",
        "ceo:2026-01-16:Join two demos",
        "--rating",
        "8",
        "--acknowledge",
    ])
    .ok();
    ceo.run(&["meeting", "ack"]).ok();
    let meetings = ceo.run(&["meeting", "list", "--format", "json"]).ok().json();
    let meeting = &meetings["meetings"][0];
    assert_eq!(meeting["pending"].as_array().map(Vec::len), Some(0), "both sides acknowledged: {meeting}");
    let acks = meeting["acknowledgements"].as_array().unwrap();
    let by: Vec<&str> = acks.iter().map(|a| a["by"].as_str().unwrap()).collect();
    assert_eq!(by, ["Lee", "Dana"], "{meeting}");
    assert_eq!(acks[0]["acknowledged"], acks[1]["acknowledged"], "the same head, on two keys");
    // Both replicas hold the same verified history, and reports read it.
    assert_eq!(ceo.digest(), lee.digest());
    for m in [&ceo, &lee] {
        let v = m.run(&["verify", "--format", "json"]).ok().json();
        assert_eq!(v["ok"], true);
        assert_eq!(v["signatures"]["bad"].as_array().unwrap().len(), 0);
    }
    let trust = lee.run(&["trust", "--format", "json"]).ok();
    assert!(trust.stdout.contains("commitments"), "{}", trust.stdout);
    // Each record is signed by the key of the member it says it is by.
    let dana_key = forge::signers(&env)["Dana"].public().to_string();
    let log = ceo.run(&["log", "--format", "json"]).ok().json();
    let records = log["records"].as_array().unwrap();
    let kinds_by = |who: &str| -> Vec<String> {
        records
            .iter()
            .filter(|r| r["actor"] == who)
            .map(|r| r["kind"].as_str().unwrap_or("").to_string())
            .collect()
    };
    for r in records.iter().skip(1) {
        let expected = if r["actor"] == "Dana" { &dana_key } else { &lee_key };
        assert_eq!(r["signed_by"].as_str(), Some(expected.as_str()), "{r}");
    }
    assert!(kinds_by("Dana").iter().any(|k| k == "goal_set"), "{:?}", kinds_by("Dana"));
    assert!(kinds_by("Lee").iter().any(|k| k == "forecast_submitted"), "{:?}", kinds_by("Lee"));
    let head = ceo.digest();
    let stopped = server.stop();
    assert_eq!(stopped.code, 0, "{}", stopped.stderr);
    assert!(stopped.stdout.contains("stopped"), "a clean shutdown: {}", stopped.stdout);
    // The server's own ledger verifies and ends where the replicas do.
    env.run(&["verify"]).ok();
    assert_eq!(env.digest(), head);
}

#[test]
fn a_write_after_another_members_sees_it_and_a_conflicting_one_is_refused() {
    let (env, _server, ceo, lee, _) = shared(&[]);
    // Lee's replica is behind when Dana records; Lee's next command pulls
    // Dana's record (verified) before deciding. (The race proper — a head
    // that moves between the pull and the post — is `concurrency::*`.)
    ceo.run(&[
        "commitment",
        "add",
        "--id",
        "C-2",
        "--owner",
        "ceo",
        "--what",
        "Approve hires",
        "--due",
        "2026-01-09",
    ])
    .ok();
    lee.run(&[
        "commitment",
        "add",
        "--id",
        "C-1",
        "--owner",
        "leader",
        "--what",
        "Send plan",
        "--due",
        "2026-01-09",
    ])
    .ok();
    let list = lee.run(&["commitment", "list", "--format", "json"]).ok().stdout;
    assert!(list.contains("C-1") && list.contains("C-2"), "{list}");
    // A write the new head makes wrong is refused, and nothing is written.
    let before = ceo.digest();
    let run = lee.run(&[
        "commitment",
        "add",
        "--id",
        "C-2",
        "--owner",
        "leader",
        "--what",
        "x",
        "--due",
        "2026-01-09",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("C-2"), "{}", run.stderr);
    assert_eq!(ceo.digest(), before);
    drop(env);
}

#[test]
fn a_server_gone_is_exit_3_and_a_rewritten_history_is_refused_naming_the_record() {
    let (env, server, _ceo, lee, _) = shared(&[]);
    lee.run(&[
        "commitment",
        "add",
        "--id",
        "C-1",
        "--owner",
        "leader",
        "--what",
        "Send plan",
        "--due",
        "2026-01-09",
    ])
    .ok();
    let seen = lee.digest();
    assert!(seen.starts_with("4:"), "{seen}");
    let addr = server.url.trim_start_matches("http://").to_string();
    server.stop().code(0);
    let run = lee.run(&["commitment", "list"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("cannot reach the server"), "{}", run.stderr);
    // The server comes back at the same address with a history rebuilt
    // from its first three records and another record 4.
    let rewritten = rewrite_from(&env, 3);
    let server = Server::start(&rewritten, &["--listen", &addr]);
    let other = ceo_machine(&env, &server.url);
    other
        .run(&[
            "commitment",
            "add",
            "--id",
            "C-9",
            "--owner",
            "ceo",
            "--what",
            "Other",
            "--due",
            "2026-01-09",
        ])
        .ok();
    let run = lee.run(&["commitment", "list"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("record 4 differs"), "{}", run.stderr);
    let id = blake3::hash(server.url.as_bytes()).to_hex();
    let replica = candor::ledger::Ledger::open(&lee.replicas().join(&id[..16])).unwrap();
    let head = replica.head().unwrap();
    assert_eq!(format!("{}:{}", head.seq, head.hash.to_hex()), seen, "the replica took nothing from it");
}

fn rewrite_from(env: &TestEnv, keep: u64) -> TestEnv {
    let out = TestEnv::new();
    copy_dir(&env.home().join(".config"), &out.home().join(".config"));
    let export = env.run(&["export"]).ok().stdout;
    let kept: String = export.lines().take(keep as usize).map(|l| format!("{l}\n")).collect();
    std::fs::write(out.path("kept.jsonl"), kept).unwrap();
    out.run(&["restore", "kept.jsonl"]).ok();
    out
}

// ---- the API answers bad writes with a 4xx JSON error, the head unchanged ----

/// A raw API client signing its requests with `signer`.
struct Api {
    url: String,
    signer: Signer,
}

impl Api {
    fn call(&self, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
        let now = Timestamp::from_datetime(chrono::Utc::now());
        let headers = protocol::sign_request(&self.signer, method, path, now, body);
        raw(&self.url, method, path, body, &headers)
    }

    fn head(&self) -> (u64, Hash) {
        // Compared whole: a moved head shows as a different pair.
        let (status, v) = self.call("GET", &format!("{API}/head"), b"");
        assert_eq!(status, 200, "{v}");
        (v["head"]["seq"].as_u64().unwrap(), Hash::from_hex(v["head"]["hash"].as_str().unwrap()).unwrap())
    }

    /// Posts records that continue `after`.
    fn post(&self, records: &[Vec<u8>], after: (u64, Hash)) -> (u16, Value) {
        use base64::Engine;
        let body = serde_json::json!({
            "after": {"seq": after.0, "hash": after.1.to_hex()},
            "records": records.iter().map(|r| base64::engine::general_purpose::STANDARD.encode(r)).collect::<Vec<_>>(),
        });
        self.call("POST", &format!("{API}/append"), body.to_string().as_bytes())
    }
}

fn raw(url: &str, method: &str, path: &str, body: &[u8], headers: &[(&str, String)]) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let full = format!("{url}{path}");
    let mut response = if method == "POST" {
        let mut req = agent.post(&full).header("content-type", "application/json");
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        req.send(body).expect("request")
    } else {
        let mut req = agent.get(&full);
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        req.call().expect("request")
    };
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON (HTTP {status}): {text}")))
}

fn envelope(seq: u64, actor: &str, event: Event) -> Envelope {
    Envelope { seq, recorded_at: Timestamp::parse(MONDAY).unwrap(), actor: actor.into(), event }
}

fn deal(id: &str) -> Event {
    let on = Timestamp::parse(MONDAY).unwrap().date();
    Event::DealOpened {
        id: id.into(),
        account: "Initech".into(),
        amount: Money(10_000),
        close: on,
        stage: None,
        probability: None,
        on,
    }
}

/// A server over `TestEnv::with_ledger()` (Dana and Lee's keys both on
/// the env's machine) and an API client per member.
fn api_setup() -> (TestEnv, Server, Api, Api) {
    let env = TestEnv::with_ledger();
    let server = Server::start(&env, &[]);
    let mut keys = forge::signers(&env);
    let mut api = |name: &str| Api { url: server.url.clone(), signer: keys.remove(name).expect("a key") };
    let (dana, lee) = (api("Dana"), api("Lee"));
    (env, server, dana, lee)
}

#[track_caller]
fn refused(reply: (u16, Value), status: u16, error: &str) {
    assert_eq!(reply.0, status, "{}", reply.1);
    assert_eq!(reply.1["error"], error, "{}", reply.1);
    assert!(reply.1["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", reply.1);
}

#[test]
fn an_unsigned_forged_or_moved_write_is_refused_and_the_head_stays() {
    let (_env, _server, dana, lee) = api_setup();
    let head = lee.head();
    let next = head.0 + 1;
    let unsigned = forge::record(&head.1, &envelope(next, "Lee", deal("D-1")), None);
    refused(lee.post(&[unsigned], head), 401, "unsigned");
    // Lee's key on a record that says it is Dana's.
    let as_dana = forge::record(&head.1, &envelope(next, "Dana", deal("D-1")), Some(&lee.signer));
    refused(lee.post(&[as_dana], head), 403, "signature");
    // A good signature over another previous hash (moved from elsewhere).
    let moved = forge::record(&Hash::ZERO, &envelope(next, "Lee", deal("D-1")), Some(&lee.signer));
    refused(lee.post(&[moved], head), 403, "signature");
    // The leader may not set the revenue goal.
    let goal = Event::GoalSet { period: Period::parse("2026-Q1").unwrap(), amount: Money(1) };
    refused(
        lee.post(&[forge::record(&head.1, &envelope(next, "Lee", goal), Some(&lee.signer))], head),
        403,
        "right",
    );
    assert_eq!(lee.head(), head);
    assert_eq!(dana.head(), head);
}

#[test]
fn a_replayed_write_is_refused_once_it_has_been_taken() {
    let (_env, _server, _dana, lee) = api_setup();
    let head = lee.head();
    let rec = forge::record(&head.1, &envelope(head.0 + 1, "Lee", deal("D-1")), Some(&lee.signer));
    let (status, v) = lee.post(std::slice::from_ref(&rec), head);
    assert_eq!(status, 200, "{v}");
    let after = lee.head();
    refused(lee.post(&[rec], head), 409, "replayed");
    assert_eq!(lee.head(), after);
}

#[test]
fn a_removed_key_signs_nothing_and_reads_nothing() {
    let (env, server, dana, lee) = api_setup();
    let ceo = Machine::new(&server.url, env.now());
    copy_dir(&env.home().join(".config/candor/keys"), &ceo.dir().join(".config/candor/keys"));
    let lee_key = lee.signer.public().to_string();
    ceo.run(&[
        "--as",
        "ceo",
        "member",
        "remove",
        "--name",
        "Lee",
        "--key",
        &lee_key,
        "--reason",
        "laptop stolen",
    ])
    .ok();
    let head = dana.head();
    let rec = forge::record(&head.1, &envelope(head.0 + 1, "Lee", deal("D-1")), Some(&lee.signer));
    // Sent by Lee: the request itself is refused; sent on by Dana: the record is.
    refused(lee.post(std::slice::from_ref(&rec), head), 403, "unknown_key");
    refused(dana.post(&[rec], head), 403, "signature");
    refused(lee.call("GET", &format!("{API}/records?after=0"), b""), 403, "unknown_key");
    assert_eq!(dana.head(), head);
}

#[test]
fn a_panelist_cannot_score_for_another() {
    let (env, server, dana, _lee) = api_setup();
    let ceo = Machine::new(&server.url, env.now());
    copy_dir(&env.home().join(".config/candor/keys"), &ceo.dir().join(".config/candor/keys"));
    let kim = Machine::new(&server.url, env.now());
    let kim_key = kim.key_new("Kim");
    let sam = Machine::new(&server.url, env.now());
    let sam_key = sam.key_new("Sam");
    ceo.run(&["--as", "ceo", "hire", "candidate", "add", "--id", "c-ana", "--name", "Ana"]).ok();
    ceo.run(&["--as", "ceo", "hire", "panel", "add", "--name", "Kim", "--key", &kim_key]).ok();
    ceo.run(&["--as", "ceo", "hire", "panel", "add", "--name", "Sam", "--key", &sam_key]).ok();
    let kim_signer = crate::web_auth::signer_of(&kim.dir().join(".config/candor/keys"), "Kim");
    let api = Api { url: server.url.clone(), signer: kim_signer };
    let head = api.head();
    let for_sam = Event::ScoreSealed {
        candidate: "c-ana".into(),
        panelist: "Sam".into(),
        template_version: 1,
        commitment: Hash32([7; 32]),
    };
    let rec = forge::record(&head.1, &envelope(head.0 + 1, "Kim", for_sam), Some(&api.signer));
    refused(api.post(&[rec], head), 403, "right");
    assert_eq!(dana.head(), head);
}

#[test]
fn unsigned_oversized_and_slow_requests_get_a_4xx_not_a_hang() {
    let (_env, server, dana, _lee) = api_setup();
    let head = dana.head();
    refused(raw(&server.url, "GET", &format!("{API}/records?after=0"), b"", &[]), 401, "unsigned");
    let stranger = Api { url: server.url.clone(), signer: Signer::from_seed([9; 32]) };
    refused(stranger.call("GET", &format!("{API}/head"), b""), 403, "unknown_key");
    // A member announcing a body over the limit is answered before it is read.
    let now = Timestamp::from_datetime(chrono::Utc::now());
    let signed = protocol::sign_request(&dana.signer, "POST", &format!("{API}/append"), now, b"");
    let headers: String = signed.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    let big = exchange(&server.url, &format!("Content-Length: {}\r\n{headers}", 9 << 20), "");
    assert!(big.starts_with("HTTP/1.1 413"), "{big}");
    assert!(big.contains("\"error\":\"too_large\""), "{big}");
    // A member's client that announces a body and stops sending it.
    let slow = exchange(&server.url, &format!("Content-Length: 100\r\n{headers}"), "{");
    assert!(slow.starts_with("HTTP/1.1 408"), "{slow}");
    assert!(slow.contains("\"error\":\"timeout\""), "{slow}");
    // A stranger announcing a body over the limit is refused for the key,
    // before anything is read (the 413 is for members).
    let theirs = protocol::sign_request(&stranger.signer, "POST", &format!("{API}/append"), now, b"");
    let theirs: String = theirs.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    let refused_early = exchange(&server.url, &format!("Content-Length: {}\r\n{theirs}", 9 << 20), "");
    assert!(refused_early.starts_with("HTTP/1.1 403"), "{refused_early}");
    assert!(refused_early.contains("\"error\":\"unknown_key\""), "{refused_early}");
    assert_eq!(dana.head(), head);
}

#[test]
fn a_request_signature_that_does_not_cover_what_was_sent_or_is_stale_is_refused() {
    let (_env, server, dana, lee) = api_setup();
    let path = format!("{API}/records?after=0");
    let now = Timestamp::from_datetime(chrono::Utc::now());
    // Dana's key named, Lee's signature: the signature does not verify.
    let mut forged = protocol::sign_request(&lee.signer, "GET", &path, now, b"");
    forged[0].1 = dana.signer.public().to_string();
    refused(raw(&server.url, "GET", &path, b"", &forged), 401, "bad_signature");
    // Dana's own signature over another query, replayed on this one.
    let other = protocol::sign_request(&dana.signer, "GET", &format!("{API}/records?after=1"), now, b"");
    refused(raw(&server.url, "GET", &path, b"", &other), 401, "bad_signature");
    // A body that is not the one signed.
    let signed_empty = protocol::sign_request(&dana.signer, "POST", &format!("{API}/append"), now, b"");
    refused(raw(&server.url, "POST", &format!("{API}/append"), b"{}", &signed_empty), 401, "bad_signature");
    // Signed ten minutes ago: outside the five-minute window.
    let old = Timestamp::from_micros(now.micros() - 10 * 60 * 1_000_000);
    refused(
        raw(&server.url, "GET", &path, b"", &protocol::sign_request(&dana.signer, "GET", &path, old, b"")),
        401,
        "stale_request",
    );
    // The same request signed now is answered.
    let (status, _) =
        raw(&server.url, "GET", &path, b"", &protocol::sign_request(&dana.signer, "GET", &path, now, b""));
    assert_eq!(status, 200);
}

/// Sends a POST to the append endpoint with `headers` and `body`, then
/// reads the answer until the server closes or a JSON body has arrived.
fn exchange(url: &str, headers: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let addr = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    let req = format!(
        "POST {API}/append HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{headers}\r\n{body}"
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
        if out.windows(4).any(|w| w == b"\r\n\r\n") && out.ends_with(b"}") {
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_record_time_far_from_the_servers_clock_is_refused() {
    let (_env, _server, _dana, lee) = api_setup();
    let head = lee.head();
    let mut late = envelope(head.0 + 1, "Lee", deal("D-1"));
    late.recorded_at = Timestamp::parse("2026-01-05T10:00:00Z").unwrap();
    refused(lee.post(&[forge::record(&head.1, &late, Some(&lee.signer))], head), 400, "clock");
    assert_eq!(lee.head(), head);
}

#[test]
fn commands_that_need_the_ledger_on_this_machine_are_refused_with_remote() {
    let (_env, server, ceo, _lee, _) = shared(&[]);
    for args in [
        &["init", "--company", "X", "--ceo", "A", "--leader", "B"][..],
        &["restore", "x.jsonl"],
        &["replay", "x.candor"],
        &["salvage", "somewhere", "--output", "x.jsonl"],
        &["demo"],
        &["bench", "append", "--count", "1"],
        &["serve"],
    ] {
        let run = ceo.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("not with --remote"), "{}", run.stderr);
    }
    drop(server);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn over_tls_a_member_records_and_verifies_with_the_servers_own_authority() {
    let env = ceo_only_ledger();
    let (ca, cert, key) = (env.path("ca.pem"), env.path("cert.pem"), env.path("key.pem"));
    if !make_certificates(env.home()) {
        assert!(
            std::env::var("CANDOR_REQUIRE_OPENSSL").as_deref() != Ok("1"),
            "openssl is required (CANDOR_REQUIRE_OPENSSL=1) but could not make test certificates"
        );
        eprintln!("NOTICE: openssl could not make test certificates; the TLS test is skipped");
        return;
    }
    let server =
        Server::start(&env, &["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()]);
    assert!(server.url.starts_with("https://"), "{}", server.url);
    let ceo = ceo_machine(&env, &server.url);
    let with_ca =
        |args: &[&str]| crate::env::finish(ceo.command(args).env("CANDOR_CA_CERT", &ca).output().unwrap());
    with_ca(&[
        "commitment",
        "add",
        "--id",
        "C-2",
        "--owner",
        "ceo",
        "--what",
        "Approve hires",
        "--due",
        "2026-01-09",
    ])
    .ok();
    with_ca(&["verify"]).ok();
    // Without the authority, the server's certificate is not trusted: exit 3.
    let run = ceo.run(&["commitment", "list"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    // Plain HTTP to the TLS port gets no answer a client would take.
    let plain = Machine::new(&server.url.replace("https://", "http://"), env.now());
    copy_dir(&env.home().join(".config/candor/keys"), &plain.dir().join(".config/candor/keys"));
    assert_eq!(plain.run(&["commitment", "list"]).code, 3);
}

/// A test authority (ca.pem) and a certificate for 127.0.0.1 it signed
/// (cert.pem, key.pem), made with openssl in `dir`.
fn make_certificates(dir: &Path) -> bool {
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    let ext = dir.join("leaf.ext");
    std::fs::write(&ext, "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n").unwrap();
    let steps: [Vec<&str>; 3] = [
        [
            &["req", "-x509"][..],
            &ec,
            &["-days", "2", "-subj", "/CN=candor test CA", "-keyout", "ca.key", "-out", "ca.pem"],
        ]
        .concat(),
        [&["req"][..], &ec, &["-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "leaf.csr"]].concat(),
        vec![
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
            "-out",
            "cert.pem",
        ],
    ];
    steps.iter().all(|args| {
        std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn a_server_stopped_mid_stream_keeps_every_write_it_acknowledged() {
    let (env, server, ceo, lee, _) = shared(&[]);
    drop(ceo);
    let writer = std::thread::spawn(move || {
        let mut acknowledged = Vec::new();
        let mut stopped = false;
        for i in 0..2000 {
            let id = format!("C-{i}");
            let run = lee.run(&[
                "commitment",
                "add",
                "--id",
                &id,
                "--owner",
                "leader",
                "--what",
                "x",
                "--due",
                "2026-01-09",
                "--format",
                "json",
            ]);
            match run.code {
                0 => acknowledged.push(run.json()),
                3 => {
                    stopped = true;
                    break;
                }
                other => panic!("exit {other}: {}", run.stderr),
            }
        }
        assert!(stopped, "the writes ran into the stopped server");
        acknowledged
    });
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let stopped = server.stop();
    assert_eq!(stopped.code, 0, "{}", stopped.stderr);
    let acknowledged = writer.join().unwrap();
    assert!(!acknowledged.is_empty(), "some writes went through before the stop");
    env.run(&["verify"]).ok();
    for out in acknowledged {
        let record = &out["records"][0];
        let (seq, hash) = (record["seq"].to_string(), record["hash"].as_str().expect("a hash"));
        let shown = env.run(&["show", &seq, "--format", "json"]).ok().json();
        assert_eq!(shown["hash"].as_str(), Some(hash), "record {seq} as acknowledged");
    }
}

/// A proxy in front of the server that forwards everything, but swallows
/// the answer to the first append once `swallow` is set: the write is
/// taken, and the client never hears so.
fn lossy_proxy(server: &str, swallow: std::sync::Arc<std::sync::atomic::AtomicBool>) -> String {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = server.trim_start_matches("http://").to_string();
    fn read_message(s: &mut std::net::TcpStream) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut byte = [0u8; 1];
        while !buf.ends_with(b"\r\n\r\n") {
            if s.read(&mut byte).unwrap_or(0) == 0 {
                return buf;
            }
            buf.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
        let len = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .map_or(0, |v| v.trim().parse().unwrap());
        let mut body = vec![0u8; len];
        s.read_exact(&mut body).unwrap();
        buf.extend(body);
        buf
    }
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { continue };
            let request = read_message(&mut client);
            let mut upstream = std::net::TcpStream::connect(&server).unwrap();
            upstream.write_all(&request).unwrap();
            let response = read_message(&mut upstream);
            if request.starts_with(b"POST /api/v1/append") && swallow.swap(false, Ordering::SeqCst) {
                continue; // dropped: the client sees the connection close
            }
            let text = String::from_utf8_lossy(&response).replacen("\r\n", "\r\nConnection: close\r\n", 1);
            let _ = client.write_all(text.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_write_whose_answer_was_lost_is_found_in_the_chain_and_not_made_twice() {
    let (env, server, _ceo, lee, _) = shared(&[]);
    let swallow = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut lee = lee;
    lee.url = lossy_proxy(&server.url, swallow.clone());
    lee.run(&["commitment", "list"]).ok();
    swallow.store(true, std::sync::atomic::Ordering::SeqCst);
    let run = lee
        .run(&[
            "commitment",
            "add",
            "--id",
            "C-1",
            "--owner",
            "leader",
            "--what",
            "Send plan",
            "--due",
            "2026-01-09",
        ])
        .ok();
    assert!(run.stdout.contains("Recorded commitment C-1 for Lee, due 2026-01-09 (#4)"), "{}", run.stdout);
    assert!(!swallow.load(std::sync::atomic::Ordering::SeqCst), "the answer was swallowed");
    let log = lee.run(&["log", "--format", "json"]).ok().json();
    let adds = log["records"].as_array().unwrap().iter().filter(|r| r["kind"] == "commitment_made").count();
    assert_eq!(adds, 1, "taken once");
    drop(env);
}

#[test]
fn a_prompt_over_remote_is_asked_here_and_its_answer_lands_after_another_members_write() {
    use crate::tty::{available, Tty};
    if !available() {
        return;
    }
    let env = TestEnv::with_ledger();
    let server = Server::start(&env, &[]);
    let dana = ceo_machine(&env, &server.url);
    let args = ["--remote", &server.url, "--as", "leader", "commitment", "add", "--owner", "leader"];
    let tty = Tty::start(
        &env,
        env.now(),
        &[&args[..], &["--what", "Send the plan", "--due", "2026-01-09"]].concat(),
    );
    // The prompt is asked on this machine; no lock is held anywhere meanwhile.
    tty.wait_for("Commitment id").wait_for("C-1");
    dana.run(&[
        "--as",
        "ceo",
        "commitment",
        "add",
        "--id",
        "C-7",
        "--owner",
        "ceo",
        "--what",
        "Hire",
        "--due",
        "2026-01-09",
    ])
    .ok();
    tty.keys(&["Enter"]);
    tty.wait_for("commits to").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    // The answer was decided before Dana's record: the write pulled it,
    // checked the answer again against it and signed over the new head.
    // (A head that moves between that pull and the post is answered 409
    // and retried: `concurrency::*` counts those retries.)
    let list = dana.run(&["commitment", "list", "--format", "json"]).ok().stdout;
    assert!(list.contains("\"C-1\"") && list.contains("\"C-7\""), "{list}");
    dana.run(&["verify"]).ok();

    // The same id taken meanwhile: the answer is refused, nothing written.
    let tty = Tty::start(&env, env.now(), &[&args[..], &["--what", "Call", "--due", "2026-01-09"]].concat());
    tty.wait_for("Commitment id").wait_for("C-2");
    dana.run(&[
        "--as",
        "ceo",
        "commitment",
        "add",
        "--id",
        "C-2",
        "--owner",
        "ceo",
        "--what",
        "Call",
        "--due",
        "2026-01-09",
    ])
    .ok();
    let before = dana.digest();
    tty.keys(&["Enter"]);
    tty.wait_for("commits to").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 2, "{}", tty.screen());
    assert!(tty.screen().contains("C-2"), "{}", tty.screen());
    assert_eq!(dana.digest(), before);
}
