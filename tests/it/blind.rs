//! Blind in the data (sharing.md § 4): before a candidate's debrief no
//! panelist's ratings, evidence or recommendation exist in clear anywhere
//! under the ledger directory nor in any output; the debrief reveals what
//! this machine holds, each reveal checked against its seal; the rest wait
//! for their panelists.

use crate::env::{finish, Run, TestEnv};
use crate::hire::{candidate, ceo, panel, private_copies, report, run_args, same, score, score_args};
use base64::Engine;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Every file under `dir`, read as bytes.
pub fn every_file(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            every_file(&path, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path, bytes));
        }
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The files under the ledger directory that hold `needle`.
fn files_holding(env: &TestEnv, needle: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    every_file(&env.ledger_dir(), &mut files);
    assert!(!files.is_empty(), "the ledger directory has files");
    files.into_iter().filter(|(_, b)| contains(b, needle.as_bytes())).map(|(p, _)| p).collect()
}

/// What anyone with the ledger can print: the log in every format, every
/// record in full, the export (its raw bytes decoded too), the reports and
/// the brief.
fn everything_printed(env: &TestEnv) -> String {
    let mut out = String::new();
    for format in ["table", "json", "md"] {
        out.push_str(&env.run(&["log", "--format", format]).ok().stdout);
        out.push_str(&env.run(&["hire", "report", "--format", format]).ok().stdout);
        out.push_str(&env.run(&["brief", "--format", format]).ok().stdout);
        out.push_str(&env.run(&["hire", "candidate", "list", "--format", format]).ok().stdout);
        out.push_str(&env.run(&["hire", "panel", "list", "--format", format]).ok().stdout);
    }
    let head = env.digest();
    let last: u64 = head.split(':').next().unwrap().parse().unwrap();
    for seq in 1..=last {
        for format in ["table", "json"] {
            out.push_str(&env.run(&["show", &seq.to_string(), "--format", format]).ok().stdout);
        }
    }
    let export = env.run(&["export"]).ok().stdout;
    for line in export.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let raw = base64::engine::general_purpose::STANDARD.decode(record["raw"].as_str().unwrap()).unwrap();
        out.push_str(&String::from_utf8_lossy(&raw));
    }
    out.push_str(&export);
    out
}

/// Distinctive evidence, one per panelist.
const DANA: &str = "Axolotl-5531 turned Lisbon around";
const KIM: &str = "Pangolin-8812 hired four closers";
const LEE: &str = "Narwhal-2297 forecast within two points";

#[test]
fn nothing_in_clear_reaches_the_ledger_before_the_debrief() {
    let mut env = panel();
    let mut dana = same("2");
    dana[0] = "5";
    score(&env, "c-ana", "Dana", &dana, &[&format!("team-before={DANA}")], "strong-no");
    let mut kim = same("4");
    kim[3] = "1";
    score(&env, "c-ana", "Kim", &kim, &[&format!("growth-source={KIM}")], "strong-yes");
    score(&env, "c-ana", "Lee", &same("3"), &[&format!("forecasting={LEE}")], "no-decision");
    let printed = everything_printed(&env);
    // The walk covers the projection snapshot the reports above just wrote.
    let mut files = Vec::new();
    every_file(&env.ledger_dir(), &mut files);
    assert!(files.iter().any(|(p, _)| p.ends_with("projection.snap")), "{files:?}");
    for evidence in [DANA, KIM, LEE] {
        assert_eq!(files_holding(&env, evidence), Vec::<PathBuf>::new(), "{evidence} is on disk in clear");
    }
    for clear in
        [DANA, KIM, LEE, "\"ratings\"", "\"rating\"", "team-before=5", "growth-source=1", "strong-no"]
    {
        assert!(!printed.contains(clear), "before the debrief, output shows {clear}");
    }
    let blind = candidate(&report(&env, &[]), "c-ana").clone();
    assert_eq!(blind["sealed"], serde_json::json!(["Dana", "Kim", "Lee"]));
    assert!(blind["score"].is_null() && blind["competencies"] == serde_json::json!([]), "{blind}");
    // The CEO opens the debrief: the three reveals go in the same append.
    env.at("2026-01-06T09:00:00Z");
    let out = ceo(&env, &["hire", "debrief", "--candidate", "c-ana"]).ok().stdout;
    assert!(
        out.contains("Recorded debrief opened for c-ana (#14)")
            && out.contains("revealed score for c-ana (#17)"),
        "{out}"
    );
    for who in
        ["Dana: revealed (sealed in #11), signed by Dana", "Kim: revealed (sealed in #12), signed by Kim"]
    {
        assert!(out.contains(who), "{out}");
    }
    assert!(env.run(&["verify"]).ok().stdout.starts_with("ok: 17 records verified"));
    let table = env.run(&["hire", "report"]).ok().stdout;
    for shown in [
        DANA,
        KIM,
        LEE,
        "verified against seal #11",
        "verified against seal #12",
        "verified against seal #13",
    ] {
        assert!(table.contains(shown), "after the debrief the report shows {shown}:\n{table}");
    }
    let open = candidate(&report(&env, &[]), "c-ana").clone();
    let verified: Vec<&Value> =
        open["panelists"].as_array().unwrap().iter().map(|p| &p["verified_against_seal"]).collect();
    assert_eq!(verified, [&Value::Bool(true), &Value::Bool(true), &Value::Bool(true)]);
    // The search above finds clear text: the revealed evidence is now in the ledger's files.
    assert!(!files_holding(&env, KIM).is_empty(), "a revealed score is in the chain");
}

/// Runs `args` with this person's own keys directory.
fn with_keys(env: &TestEnv, keys: &Path, args: &[&str]) -> Run {
    finish(env.command(args).env("CANDOR_KEYS", keys).output().unwrap())
}

#[test]
fn a_panelist_on_another_machine_is_pending_and_reveals_later() {
    let mut env = TestEnv::with_ledger();
    ceo(&env, &["hire", "candidate", "add", "--id", "c-ana", "--name", "Ana Pérez"]).ok(); // 4, 5
    ceo(&env, &["hire", "panel", "add", "--name", "ceo"]).ok(); // 6
                                                                // Kim's keys (and so Kim's private store) are elsewhere.
    let kims = env.path("kims-laptop");
    let out = with_keys(&env, &kims, &["key", "new", "--name", "Kim"]).ok().stdout;
    let key = out.split_whitespace().find(|w| w.starts_with("ed25519:")).unwrap().to_string();
    ceo(&env, &["hire", "panel", "add", "--name", "Kim", "--key", &key]).ok(); // 7, 8
    let mut kim = score_args("c-ana", "Kim", &same("4"), &[&format!("drivers={KIM}")], "yes");
    kim.drain(..2); // no --as: Kim's is the one key on Kim's machine
    let refs: Vec<&str> = kim.iter().map(String::as_str).collect();
    let sealed = with_keys(&env, &kims, &refs).ok().stdout;
    assert!(
        sealed.contains("Recorded Kim's sealed score for c-ana (#9)") && sealed.contains("signed by Kim"),
        "{sealed}"
    );
    score(&env, "c-ana", "Dana", &same("3"), &[&format!("drivers={DANA}")], "no"); // 10
    assert_eq!(private_copies(&env).len(), 1, "only Dana's copy is on this machine");
    env.at("2026-01-06T09:00:00Z");
    let out = ceo(&env, &["hire", "debrief", "--candidate", "c-ana"]).ok().stdout; // 11, 12
    assert!(
        out.contains(
            "Kim: sealed (#9), not on this machine — Kim runs `candor hire reveal --candidate c-ana`"
        ) && out.contains("Dana: revealed (sealed in #10)"),
        "{out}"
    );
    let r = candidate(&report(&env, &[]), "c-ana").clone();
    assert_eq!(
        (r["submitted"].clone(), r["sealed"].clone()),
        (serde_json::json!(["Dana"]), serde_json::json!(["Kim"]))
    );
    // Kim reveals from Kim's own machine; nothing secret is printed.
    let out = with_keys(&env, &kims, &["hire", "reveal", "--candidate", "c-ana"]).ok().stdout;
    assert!(
        out.contains("Recorded Kim's revealed score for c-ana (#13)") && out.contains("signed by Kim"),
        "{out}"
    );
    assert!(!out.contains(KIM) && !out.contains("salt") && !out.contains("drivers"), "{out}");
    let table = env.run(&["hire", "report"]).ok().stdout;
    assert!(table.contains(KIM) && table.contains("verified against seal #9"), "{table}");
    env.run(&["verify"]).ok();
}

/// A panel whose debrief is open with Kim's seal unrevealed: Kim's private
/// copy is moved aside during the debrief, then put back. Returns its path.
fn debrief_without_kim(env: &mut TestEnv) -> PathBuf {
    score(env, "c-ana", "Kim", &same("3"), &[&format!("drivers={KIM}")], "yes"); // 11
    score(env, "c-ana", "Dana", &same("3"), &[], "yes"); // 12
    let copies = private_copies(env);
    let kims = copies
        .iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains(KIM))
        .expect("Kim's copy")
        .clone();
    let aside = env.path("aside.score");
    std::fs::rename(&kims, &aside).unwrap();
    env.at("2026-01-06T09:00:00Z");
    ceo(env, &["hire", "debrief", "--candidate", "c-ana"]).ok(); // 13, 14
    std::fs::rename(&aside, &kims).unwrap();
    kims
}

#[test]
fn a_tampered_private_copy_is_refused_at_reveal() {
    let mut env = panel();
    let kims = debrief_without_kim(&mut env);
    let text = std::fs::read_to_string(&kims).unwrap();
    let changed = text.replacen("\"value\": 3", "\"value\": 4", 1);
    assert_ne!(text, changed);
    std::fs::write(&kims, changed).unwrap();
    env.refuses(&["--as", "Kim", "hire", "reveal", "--candidate", "c-ana"], "seal: these ratings");
    std::fs::write(&kims, text).unwrap();
    let out = env.run(&["--as", "Kim", "hire", "reveal", "--candidate", "c-ana"]).ok().stdout;
    assert!(out.contains("revealed score for c-ana (#15)"), "{out}");
}

#[test]
fn a_private_copy_readable_by_others_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let mut env = panel();
    let kims = debrief_without_kim(&mut env);
    let mode = |m| std::fs::set_permissions(&kims, std::fs::Permissions::from_mode(m)).unwrap();
    assert_eq!(std::fs::metadata(&kims).unwrap().permissions().mode() & 0o777, 0o600);
    mode(0o644);
    env.refuses(
        &["--as", "Kim", "hire", "reveal", "--candidate", "c-ana"],
        "private store: the private score file",
    );
    let run = env.run(&["--as", "Kim", "hire", "reveal", "--candidate", "c-ana"]);
    assert!(run.stderr.contains("chmod 600"), "{}", run.stderr);
    mode(0o600);
    env.run(&["--as", "Kim", "hire", "reveal", "--candidate", "c-ana"]).ok();
}

#[test]
fn the_ceo_cannot_score_for_a_panelist() {
    let env = panel();
    let mut args = score_args("c-ana", "Kim", &same("3"), &[], "yes");
    args[1] = "ceo".into();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    env.refuses(&refs, "Dana may not record another panelist's score: missing right 'own-scores'");
    assert_eq!(private_copies(&env), Vec::<PathBuf>::new(), "a refused seal leaves no private copy");
    // A panelist records their own score only, and is not the CEO.
    let mut lee = score_args("c-ana", "Kim", &same("3"), &[], "yes");
    lee[1] = "Lee".into();
    let refs: Vec<&str> = lee.iter().map(String::as_str).collect();
    env.refuses(&refs, "missing right 'own-scores'");
    env.refuses(&["--as", "Kim", "hire", "debrief", "--candidate", "c-ana"], "no score for c-ana");
    run_args(&env, &score_args("c-ana", "Kim", &same("3"), &[], "yes")).ok();
    env.refuses(&["--as", "Kim", "hire", "debrief", "--candidate", "c-ana"], "missing right 'hiring'");
}
