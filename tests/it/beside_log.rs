//! Nothing beside the log may lie: a projection snapshot edited with its
//! check sum recomputed, or a planted report cache, never changes a report
//! or lets an invalid event in, and `verify` names the file.

use crate::env::TestEnv;
use candor::core::state::State;
use candor::core::Money;
use candor::ledger::snapshot;

/// A ledger with a goal, a forecast and a commitment, and its snapshot.
fn history() -> TestEnv {
    let env = TestEnv::with_ledger();
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1.2M"]).ok();
    env.run(&["forecast", "submit", "--period", "2026-Q1", "--amount", "1.1M"]).ok();
    env.run(&[
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
    ])
    .ok();
    // Without a snapshot, a report folds the head and leaves one of it.
    let _ = std::fs::remove_file(env.ledger_dir().join("projection.snap"));
    env.run(&["goal", "list"]).ok();
    assert!(env.ledger_dir().join("projection.snap").exists());
    env
}

/// Rewrites the snapshot's state with `edit`, then re-seals it the way an
/// attacker without this machine's key can: with an unkeyed blake3 and
/// with a key taken from anything inside the ledger directory.
fn forge_snapshot(env: &TestEnv, edit: impl Fn(&mut State)) {
    reseal(env, edit, None, &|bytes| *blake3::hash(bytes).as_bytes());
}

/// Rewrites the snapshot with its state edited, naming `release` (default:
/// the one it names), sealed by `seal`.
fn reseal(env: &TestEnv, edit: impl Fn(&mut State), release: Option<&str>, seal: &dyn Fn(&[u8]) -> [u8; 32]) {
    let path = env.ledger_dir().join("projection.snap");
    let read = snapshot::read_unsealed(&path).expect("a snapshot");
    let mut state = read.state;
    edit(&mut state);
    let release = release.unwrap_or(&read.release);
    let forged = snapshot::encode(&mut state, read.seq, &read.hash, release, seal).unwrap();
    std::fs::write(&path, forged).unwrap();
}

fn reports(env: &TestEnv) -> Vec<String> {
    [
        vec!["trust", "--format", "json"],
        vec!["audit", "forecast", "--format", "json"],
        vec!["brief", "--format", "json"],
        vec!["goal", "list", "--format", "json"],
        vec!["commitment", "list", "--format", "json"],
    ]
    .iter()
    .map(|args| env.run(args).ok().stdout)
    .collect()
}

#[test]
fn a_snapshot_edited_with_its_sum_recomputed_changes_no_report_and_fails_verify() {
    let mut env = history();
    env.at("2026-01-06T09:00:00Z");
    let honest = reports(&env);
    forge_snapshot(&env, |s| {
        for goal in s.goals.values_mut() {
            goal.value = Money(150_000_000);
        }
        for f in &mut s.forecasts {
            f.amount = Money(150_000_000);
        }
    });
    let v = env.run(&["verify", "--format", "json"]).code(1).json();
    assert_eq!(v["ok"], false, "{v}");
    assert!(v["reason"].as_str().unwrap().contains("projection.snap"), "{v}");
    let table = env.run(&["verify"]).code(1);
    assert!(table.stdout.contains("projection.snap"), "{}", table.stdout);
    assert_eq!(reports(&env), honest, "a forged snapshot changed a report");
    // The reports ignored it and folded the log, leaving an honest one.
    env.run(&["verify"]).ok();
}

#[test]
fn a_commitment_id_renamed_in_the_snapshot_cannot_let_a_duplicate_in() {
    let env = history();
    forge_snapshot(&env, |s| {
        let mut c = s.commitments.remove("C-1").unwrap();
        c.id = "C-9".into();
        s.commitments.insert("C-9".into(), c);
    });
    let args =
        ["commitment", "add", "--id", "C-1", "--owner", "leader", "--what", "Again", "--due", "2026-01-09"];
    env.run(&["verify"]).code(1);
    env.refuses(&args, "--id");
}

#[test]
fn a_planted_report_cache_is_never_served_and_verify_names_it() {
    let env = history();
    let honest = reports(&env);
    let head = env.digest().replace(':', "-");
    let dir = env.ledger_dir().join("report-cache").join(head);
    std::fs::create_dir_all(&dir).unwrap();
    let text = b"Forecast accuracy 96.5% green";
    let mut entry = blake3::hash(text).as_bytes().to_vec();
    entry.extend_from_slice(text);
    std::fs::write(dir.join("0".repeat(64)), entry).unwrap();
    assert_eq!(reports(&env), honest);
    let v = env.run(&["verify", "--format", "json"]).code(1).json();
    assert!(v["reason"].as_str().unwrap().contains("report-cache"), "{v}");
    // The next write removes what this release never reads.
    env.run(&["issue", "raise", "--title", "Who planted it?"]).ok();
    env.run(&["verify"]).ok();
}

#[test]
fn a_key_file_others_can_read_is_not_trusted() {
    let env = history();
    let key = env.path(".config/candor/keys/beside-log.key");
    assert!(key.exists(), "the key lives outside the ledger: {}", key.display());
    assert!(!std::fs::read_dir(env.ledger_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name() == "beside-log.key"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&key), 0o600, "the key is created owner-only");
        assert_eq!(mode(key.parent().unwrap()), 0o700, "in an owner-only directory");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    // Forged with the (now exposed) key: still ignored, because a key others
    // can read proves nothing; the reports come from the log.
    let honest = reports(&env);
    forge_snapshot(&env, |s| s.goals.clear());
    assert_eq!(reports(&env), honest);
}

#[test]
fn a_snapshot_claiming_another_release_is_still_checked_against_the_log() {
    let env = history();
    let path = env.ledger_dir().join("projection.snap");
    assert_eq!(snapshot::read_unsealed(&path).unwrap().release, env!("CARGO_PKG_VERSION"));
    // Name another release and edit the state: verify names the file.
    reseal(&env, |s| s.goals.clear(), Some("9.9.9"), &|bytes| *blake3::hash(bytes).as_bytes());
    let v = env.run(&["verify", "--format", "json"]).code(1).json();
    assert!(v["reason"].as_str().unwrap().contains("projection.snap"), "{v}");
}

#[test]
fn a_refused_command_leaves_the_files_beside_the_log_alone() {
    let env = history();
    let cache = env.ledger_dir().join("report-cache");
    std::fs::create_dir_all(cache.join("x")).unwrap();
    env.refuses(&["goal", "set", "--period", "2026-Q2", "--amount", "abc"], "--amount");
    assert!(cache.exists(), "a refused command removed a file");
}

#[test]
fn a_key_directory_others_can_write_is_not_trusted() {
    let env = history();
    let honest = reports(&env);
    let dir = env.path(".config/candor/keys");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    // Someone who can write there could have swapped the key and sealed a
    // forgery with it: the snapshot is not trusted, the reports fold the log.
    let key: [u8; 32] = std::fs::read(dir.join("beside-log.key")).unwrap().try_into().unwrap();
    reseal(&env, |s| s.goals.clear(), None, &|bytes| *blake3::keyed_hash(&key, bytes).as_bytes());
    assert_eq!(reports(&env), honest);
}

#[test]
fn a_block_edited_under_this_machines_seal_changes_no_report() {
    let env = history();
    let honest = reports(&env);
    let path = env.ledger_dir().join("projection.snap");
    let opened = snapshot::file::open(&path).expect("a snapshot");
    let block = opened.table.commitments.blocks[0].clone();
    drop(opened);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[block.offset as usize + block.len as usize / 2] ^= 0x01;
    std::fs::write(&path, bytes).unwrap();
    // The seal still holds (it covers the table, not the block's bytes), so
    // verify does not name the file; the block fails its hash when read.
    env.run(&["verify"]).ok();
    assert_eq!(reports(&env), honest, "an edited block changed a report");
}
