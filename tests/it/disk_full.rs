//! A full disk: the append that cannot be made durable fails within
//! seconds with exit 3 naming the cause, never hangs holding the ledger;
//! once space is freed the ledger opens and verifies with every
//! acknowledged record, with no manual step. On a real, small tmpfs.

use crate::env::{finish, Run, TestEnv};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    fn resize(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Runs with the ledger on the tmpfs; fails the test if it takes longer
/// than `limit` (a hang), killing it. Output is drained as it comes, so a
/// long report cannot block on a full pipe.
fn run_within(env: &TestEnv, ledger: &Path, args: &[&str], limit: Duration) -> Run {
    let mut c = env.command(args);
    c.env("CANDOR_LEDGER", ledger).stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(limit) {
        Ok(out) => finish(out.unwrap()),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("{args:?} hung for more than {limit:?} on a full disk");
        }
    }
}

#[test]
fn a_full_disk_fails_fast_and_the_ledger_recovers_without_repair() {
    let env = TestEnv::new();
    let Some(fs) = Tmpfs::mount(&env.path("small"), "2m") else {
        eprintln!("NOTICE: disk_full skipped: mounting a tmpfs is not permitted here");
        return;
    };
    let ledger = fs.0.join("ledger");
    // Generous against a loaded machine: a hang is for ever, a deadline is 10 s.
    let limit = Duration::from_secs(60);
    run_within(&env, &ledger, &["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"], limit).ok();
    let what = "a".repeat(1500);
    let mut acknowledged = Vec::new();
    let mut refused = 0;
    for i in 1..=2000 {
        let id = format!("C-{i}");
        let args =
            ["commitment", "add", "--id", &id, "--owner", "leader", "--what", &what, "--due", "2026-02-06"];
        let run = run_within(&env, &ledger, &args, limit);
        match run.code {
            0 => acknowledged.push(id),
            3 => {
                // Either sled reports ENOSPC, or its flush waits for ever
                // and the deadline ends the process: both name the cause.
                let named = run.stderr.contains("disk is full")
                    || run.stderr.contains("within 10 s (is the disk full");
                assert!(named, "the cause is named: {}", run.stderr);
                refused += 1;
                if refused == 3 {
                    break;
                }
            }
            other => panic!("exit {other} on a full disk: {}", run.stderr),
        }
    }
    assert_eq!(refused, 3, "the disk never filled");
    // Reading a full disk ends too: an answer, or exit 3 naming the cause.
    for args in [["digest"].as_slice(), ["verify"].as_slice(), ["trust"].as_slice()] {
        let run = run_within(&env, &ledger, args, limit);
        assert!(run.code == 0 || run.code == 3, "{args:?}: exit {}: {}", run.code, run.stderr);
    }
    assert!(acknowledged.len() > 10, "only {} appends fitted", acknowledged.len());

    // Space is freed: no manual step, every acknowledged record is there.
    fs.resize("16m");
    run_within(&env, &ledger, &["verify"], limit).ok();
    let list = run_within(&env, &ledger, &["commitment", "list", "--format", "json"], limit).ok().stdout;
    for id in &acknowledged {
        assert!(list.contains(&format!("\"{id}\"")), "{id} was acknowledged but is gone");
    }
    let args =
        ["commitment", "add", "--id", "C-after", "--owner", "leader", "--what", "x", "--due", "2026-02-06"];
    run_within(&env, &ledger, &args, limit).ok();
    run_within(&env, &ledger, &["verify"], limit).ok();
}

#[test]
fn an_unfinished_sled_snapshot_left_by_a_killed_process_needs_no_manual_step() {
    let env = TestEnv::with_ledger();
    env.run(&["issue", "raise", "--title", "x"]).ok();
    let before = env.digest();
    // Left by a process that is gone: untouched for a minute.
    let a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for name in ["snap.FFFFFFFFFFFFFFF0.generating", "snap.FFFFFFFFFFFFFFF1.generating"] {
        let path = env.ledger_dir().join(name);
        std::fs::write(&path, b"").unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(a_minute_ago).unwrap();
    }
    env.run(&["verify"]).ok();
    assert_eq!(env.digest(), before);
    env.run(&["issue", "raise", "--title", "y"]).ok();
}
