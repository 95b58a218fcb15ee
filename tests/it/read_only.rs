//! A read-only ledger (an auditor's copy) can be verified, exported and
//! reported on; a command that records is refused with exit 3 and the
//! files stay exactly as they were.

use crate::env::{finish, Run, TestEnv};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A read-only bind mount of a directory, unmounted when dropped.
struct ReadOnlyMount {
    at: PathBuf,
}

impl ReadOnlyMount {
    /// None where mounting is not permitted (no privilege, no mount tool).
    fn new(from: &Path, at: &Path) -> Option<ReadOnlyMount> {
        fs::create_dir_all(at).ok()?;
        let run = |args: &[&str]| Command::new("mount").args(args).output().is_ok_and(|o| o.status.success());
        if !run(&["--bind", from.to_str()?, at.to_str()?]) {
            return None;
        }
        let mount = ReadOnlyMount { at: at.to_path_buf() };
        let ro = run(&["-o", "remount,bind,ro", at.to_str()?]);
        // Only a mount that really refuses writes proves anything.
        (ro && fs::write(at.join("probe"), b"x").is_err()).then_some(mount)
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(files(&e.path()));
        } else {
            out.insert(e.path(), fs::read(e.path()).unwrap());
        }
    }
    out
}

#[test]
fn a_read_only_ledger_verifies_exports_and_reports_but_refuses_writes() {
    let env = TestEnv::with_ledger();
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1000000"]).ok();
    env.append_synthetic(40);
    let digest = env.digest();
    let export = env.run(&["export"]).ok().stdout;
    let trust = env.run(&["trust", "--format", "json"]).ok().stdout;
    let before = files(&env.ledger_dir());
    let ro = env.path("auditor");
    let Some(mount) = ReadOnlyMount::new(&env.ledger_dir(), &ro) else {
        eprintln!("NOTICE: read-only test skipped: a read-only bind mount is not permitted here");
        return;
    };
    let at = |args: &[&str]| -> Run {
        let mut c = env.command(args);
        c.env("CANDOR_LEDGER", &ro);
        finish(c.output().unwrap())
    };
    let v = at(&["verify", "--digest", &digest]).ok();
    assert!(v.stdout.starts_with("ok: 44 records verified"), "{}", v.stdout);
    assert_eq!(at(&["digest"]).ok().stdout.trim(), digest);
    assert_eq!(at(&["export"]).ok().stdout, export);
    assert_eq!(at(&["trust", "--format", "json"]).ok().stdout, trust);
    assert!(at(&["log"]).ok().stdout.contains("goal_set"));
    at(&["show", "2"]).ok();
    for report in [
        &["brief"][..],
        &["goal", "list"],
        &["commitment", "list"],
        &["deal", "list"],
        &["forecast", "list"],
        &["meeting", "list"],
        &["plan", "show"],
        &["expect", "show"],
        &["hire", "candidate", "list"],
    ] {
        at(report).ok();
    }
    for write in [
        &["bench", "append"][..],
        &["goal", "set", "--period", "2026-Q2", "--amount", "5"][..],
        &["commitment", "add", "--owner", "ceo", "--what", "Call", "--due", "2026-02-01"][..],
    ] {
        let run = at(write).code(3);
        assert!(run.stderr.contains("is read-only"), "{write:?}: {}", run.stderr);
    }
    // The library refuses too: a ledger read through its private copy never appends.
    let mut ledger = candor::ledger::Ledger::open(&ro).unwrap();
    assert!(ledger.is_read_only());
    let event = candor::ledger::synthetic::event(2, ledger.last_recorded_at().unwrap().date());
    let refused = ledger.append("Lee", vec![event], ledger.last_recorded_at().unwrap()).unwrap_err();
    assert!(matches!(refused, candor::Error::ReadOnly { .. }), "{refused}");
    assert!(matches!(candor::ledger::Ledger::open_for_write(&ro), Err(candor::Error::ReadOnly { .. })));
    drop(ledger);
    drop(mount);
    assert_eq!(files(&env.ledger_dir()), before, "a read-only run changed the ledger's files");
    assert_eq!(env.digest(), digest);
}

#[test]
fn init_and_restore_into_a_read_only_directory_are_refused() {
    let env = TestEnv::with_ledger();
    std::fs::write(env.path("x.jsonl"), env.run(&["export"]).ok().stdout).unwrap();
    let empty = env.path("empty");
    fs::create_dir(&empty).unwrap();
    let ro = env.path("ro-empty");
    let Some(mount) = ReadOnlyMount::new(&empty, &ro) else {
        eprintln!("NOTICE: read-only test skipped: a read-only bind mount is not permitted here");
        return;
    };
    let target = ro.join("ledger");
    let x = env.path("x.jsonl");
    for args in [
        &["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"][..],
        &["restore", x.to_str().unwrap()][..],
    ] {
        let mut c = env.command(args);
        c.env("CANDOR_LEDGER", &target);
        let run = crate::env::finish(c.output().unwrap());
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("is read-only"), "{args:?}: {}", run.stderr);
    }
    drop(mount);
    assert!(!empty.join("ledger").exists());
}
