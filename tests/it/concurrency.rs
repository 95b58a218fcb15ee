//! Many members writing to one `candor serve` at once, while others read:
//! every acknowledged write is in the chain exactly once, every record is
//! signed, and the chain verifies on the server and on a replica.

use crate::env::{finish, Run, TestEnv};
use crate::server::{Machine, Server};
use candor::core::Event;
use candor::ledger::{codec, Ledger};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const WRITERS: usize = 8;
const APPENDS: usize = 100;

/// A member's machine holding the keys `env` made (Dana's and Lee's).
fn machine_with_keys(env: &TestEnv, url: &str) -> Machine {
    let m = Machine::new(url, env.now());
    let (from, to) = (env.home().join(".config/candor/keys"), m.dir().join(".config/candor/keys"));
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(&from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    restrict(&to);
    m
}

#[cfg(unix)]
fn restrict(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        std::fs::set_permissions(e.unwrap().path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// Each new record's commitment id (or its kind), and whether it is signed.
fn new_records(ledger: &Path, after: u64) -> Vec<(String, bool)> {
    let ledger = Ledger::open(ledger).unwrap();
    let mut out = Vec::new();
    for rec in ledger.records_from(after + 1) {
        let decoded = codec::decode_record(&rec.unwrap().bytes).unwrap();
        let what = match decoded.envelope.event {
            Event::CommitmentMade { id, .. } => id,
            other => other.kind().to_string(),
        };
        out.push((what, decoded.signature.is_some()));
    }
    out
}

#[test]
fn eight_writers_at_once_lose_nothing_and_take_nothing_twice_while_readers_read() {
    let env = TestEnv::with_ledger();
    let before = Ledger::open(&env.ledger_dir()).unwrap().len();
    let server = Server::start(&env, &[]);
    let writer = machine_with_keys(&env, &server.url);

    // Two readers, each its own machine and replica, report in a loop.
    let done = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = ["trust", "brief"]
        .into_iter()
        .map(|report| {
            let m = machine_with_keys(&env, &server.url);
            let done = done.clone();
            std::thread::spawn(move || {
                let mut runs = Vec::new();
                while !done.load(Ordering::Relaxed) || runs.is_empty() {
                    runs.push(m.run(&[report, "--format", "json"]));
                }
                (m, runs)
            })
        })
        .collect();

    // Eight writer processes start at once, each with a hundred appends.
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let prefix = format!("W{w}c");
            let mut cmd = writer.command(&[
                "bench",
                "remote-load",
                "--url",
                &server.url,
                "--clients",
                "1",
                "--appends",
                &APPENDS.to_string(),
                "--prefix",
                &prefix,
                "--json",
            ]);
            // The load generator is given the address; it is not a --remote command.
            cmd.env_remove("CANDOR_REMOTE");
            cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
            cmd.spawn().expect("start a writer")
        })
        .collect();
    let runs: Vec<Run> = writers.into_iter().map(|c| finish(c.wait_with_output().unwrap())).collect();
    done.store(true, Ordering::Relaxed);
    for run in runs {
        let figures = run.ok().json();
        assert_eq!(figures["acknowledged"], APPENDS, "{figures}");
        assert_eq!(figures["failed"], 0, "{figures}");
        assert_eq!(figures["check"]["lost"], 0, "{figures}");
        assert_eq!(figures["check"]["duplicated"], 0, "{figures}");
        assert_eq!(figures["check"]["verified"], true, "{figures}");
    }
    let mut reader_heads = Vec::new();
    for reader in readers {
        let (m, runs) = reader.join().unwrap();
        for run in runs {
            run.ok();
        }
        // A reader's replica is the server's chain, verified here.
        m.run(&["verify"]).ok();
        reader_heads.push(m.digest());
    }

    let stopped = server.stop();
    assert_eq!(stopped.code, 0, "a clean shutdown: {}", stopped.stderr);
    env.run(&["verify"]).ok();
    for head in reader_heads {
        assert_eq!(head, env.digest(), "each reader's verified replica ends where the server's ledger does");
    }

    let records = new_records(&env.ledger_dir(), before);
    assert_eq!(records.len(), WRITERS * APPENDS, "exactly the acknowledged appends, nothing else");
    assert!(records.iter().all(|(_, signed)| *signed), "every record is signed");
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, _) in &records {
        *count.entry(id.as_str()).or_default() += 1;
    }
    for w in 0..WRITERS {
        for n in 0..APPENDS {
            let id = format!("W{w}c0-{n}");
            assert_eq!(count.get(id.as_str()), Some(&1), "{id} is in the chain exactly once");
        }
    }
    assert_eq!(count.len(), WRITERS * APPENDS, "no id that was not written");
}
