//! `candor export --compact`: lines without the decoded `event`, each record
//! carried once as its bytes. Restore and docs/verify_export.py read it as
//! they read a full export, and what a compact line still shows must agree
//! with its bytes.

use crate::env::TestEnv;
use crate::independent_verify::python_ready;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// Records of `init` plus synthetic ones: several sealed chunks and a tail.
const RECORDS: u64 = 3 + 100;

/// A signed ledger and its export in `form` ("--compact" or none), as lines.
fn exported(compact: bool) -> (TestEnv, PathBuf, Vec<String>) {
    let env = TestEnv::with_ledger();
    env.append_synthetic(RECORDS - 3);
    let file = env.path(if compact { "compact.jsonl" } else { "full.jsonl" });
    let mut args = vec!["export", "--output", file.to_str().unwrap()];
    if compact {
        args.push("--compact");
    }
    env.run(&args).ok();
    let lines = std::fs::read_to_string(&file).unwrap().lines().map(String::from).collect();
    (env, file, lines)
}

fn parsed(line: &str) -> Value {
    serde_json::from_str(line).unwrap()
}

/// Restores `lines` into a new ledger; returns the run and the environment.
fn restore(lines: &[String]) -> (TestEnv, crate::env::Run) {
    let target = TestEnv::new();
    let file = target.path("in.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let run = target.run(&["restore", file.to_str().unwrap()]);
    (target, run)
}

#[test]
fn compact_lines_carry_every_field_but_the_event() {
    let (_env, _file, lines) = exported(true);
    assert_eq!(lines.len() as u64, RECORDS);
    let first = parsed(&lines[0]);
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["seq", "prev", "hash", "raw", "recorded_at", "actor"], "record 1 is unsigned");
    let signed = parsed(&lines[5]);
    let keys: Vec<&str> = signed.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["seq", "prev", "hash", "raw", "recorded_at", "actor", "signed_by"]);
}

#[test]
fn a_compact_export_is_the_full_export_without_its_events() {
    let (env, _file, compact) = exported(true);
    let full = env.run(&["export"]).ok().stdout;
    let full: Vec<&str> = full.lines().collect();
    assert_eq!(full.len(), compact.len());
    for (f, c) in full.iter().zip(&compact) {
        let mut f = parsed(f);
        assert!(f.as_object_mut().unwrap().remove("event").is_some());
        assert_eq!(f, parsed(c));
    }
}

#[test]
fn a_compact_export_restores_into_an_empty_ledger_with_the_same_head() {
    let (env, file, lines) = exported(true);
    let target = TestEnv::new();
    let run = target.run(&["restore", file.to_str().unwrap()]).ok();
    assert!(run.stdout.contains(&format!("head {}", env.digest())), "{}", run.stdout);
    assert_eq!(target.digest(), env.digest());
    // The restored ledger exports the same compact lines, byte for byte.
    let again = target.path("again.jsonl");
    target.run(&["export", "--compact", "--output", again.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(again).unwrap(), lines.join("\n") + "\n");
    // And its full export is the original's.
    assert_eq!(target.run(&["export"]).ok().stdout, env.run(&["export"]).ok().stdout);
}

#[test]
fn a_compact_export_is_under_two_and_a_half_times_the_record_bytes() {
    let (_env, file, lines) = exported(true);
    let raw: usize =
        lines.iter().map(|l| B64.decode(parsed(l)["raw"].as_str().unwrap()).unwrap().len()).sum();
    let size = std::fs::metadata(&file).unwrap().len() as usize;
    // Signed synthetic records are ~330 bytes; the 1 M-record ledger of
    // docs/benchmarks.md (unsigned, ~230 bytes) is measured there.
    assert!(size * 10 <= raw * 25, "compact export {size} bytes for {raw} record bytes");
}

#[test]
fn a_compact_line_whose_raw_bytes_were_altered_is_refused_and_nothing_is_written() {
    let (_env, _file, mut lines) = exported(true);
    let mut line = parsed(&lines[9]);
    let mut raw = B64.decode(line["raw"].as_str().unwrap()).unwrap();
    let last = raw.len() - 70;
    raw[last] ^= 0x01;
    line["raw"] = Value::String(B64.encode(&raw));
    lines[9] = serde_json::to_string(&line).unwrap();
    let (target, run) = restore(&lines);
    let run = run.code(2);
    assert!(run.stderr.contains("export line 10"), "{}", run.stderr);
    assert!(run.stderr.contains("hash is not blake3(prev ‖ raw)"), "{}", run.stderr);
    assert!(!target.ledger_dir().exists(), "restore wrote a ledger from a refused export");
}

#[test]
fn what_a_compact_line_shows_must_agree_with_its_bytes() {
    let (_env, _file, lines) = exported(true);
    let edit = |name: &str, value: Value| -> Vec<String> {
        let mut out = lines.clone();
        let mut line = parsed(&out[4]);
        line[name] = value;
        out[4] = serde_json::to_string(&line).unwrap();
        out
    };
    for (name, value, why) in [
        ("actor", Value::String("Mallory".into()), "disagree with the record bytes"),
        ("recorded_at", Value::String("2026-01-05T09:00:01Z".into()), "disagree with the record bytes"),
        // Present, an event must be the record's; `null` is not a compact line.
        ("event", Value::Null, "disagree with the record bytes"),
        ("signed_by", Value::String(format!("ed25519:{}", "ab".repeat(32))), "signed_by disagrees"),
    ] {
        let (target, run) = restore(&edit(name, value));
        let run = run.code(2);
        assert!(run.stderr.contains("export line 5") && run.stderr.contains(why), "{name}: {}", run.stderr);
        assert!(!target.ledger_dir().exists(), "{name}: restore wrote a ledger");
    }
}

#[test]
fn the_independent_script_verifies_a_compact_export_and_names_a_tampered_line() {
    if !python_ready() {
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/verify_export.py");
    let (env, file, mut lines) = exported(true);
    let out = Command::new("python3").arg(script).arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(
        stdout,
        format!("ok: {RECORDS} records, head {} ({} signed, 1 unsigned)\n", env.digest(), RECORDS - 1)
    );
    let mut line = parsed(&lines[6]);
    line["actor"] = Value::String("Mallory".into());
    lines[6] = serde_json::to_string(&line).unwrap();
    let bad = env.path("bad.jsonl");
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    let out = Command::new("python3").arg(script).arg(&bad).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("FAILED at line 7: the line's actor"), "{stdout}");
}

#[test]
fn a_file_mixing_full_and_compact_lines_restores() {
    let (env, compact, lines) = exported(true);
    let full = std::fs::read_to_string(env.path("full.jsonl")).ok();
    assert!(full.is_none());
    env.run(&["export", "--output", env.path("full.jsonl").to_str().unwrap()]).ok();
    let full: Vec<String> =
        std::fs::read_to_string(env.path("full.jsonl")).unwrap().lines().map(String::from).collect();
    assert_eq!(full.len(), lines.len());
    // Every other line in its full form.
    let mixed: Vec<&str> = lines
        .iter()
        .zip(&full)
        .enumerate()
        .map(|(i, (c, f))| if i % 2 == 0 { f.as_str() } else { c.as_str() })
        .collect();
    std::fs::write(&compact, mixed.join("\n") + "\n").unwrap();
    let target = TestEnv::new();
    target.run(&["restore", compact.to_str().unwrap()]).ok();
    assert_eq!(target.digest(), env.digest());
}
