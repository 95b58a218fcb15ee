//! A second process gets exit 3 and "in use" promptly, never a hang.

use crate::env::TestEnv;
use candor::ledger::Ledger;
use std::time::{Duration, Instant};

#[test]
fn a_second_process_is_told_the_ledger_is_in_use() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let held = Ledger::open(&env.ledger_dir()).unwrap();
    let started = Instant::now();
    let run = env.run(&["bench", "append"]);
    let waited = started.elapsed();
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("in use"), "{}", run.stderr);
    // Generous bound: the product waits 1.5 s; this only rules out a hang.
    assert!(waited < Duration::from_secs(10), "took {waited:?}");
    drop(held);
    assert_eq!(env.digest(), before);
    env.append_synthetic(1);
}

/// A reader blocked on a slow pipe does not hold the ledger: `candor log`
/// reads, releases, and only then writes its (long) output.
#[test]
fn a_reader_on_a_slow_pipe_keeps_nobody_out() {
    use std::io::Read;
    let env = TestEnv::with_ledger();
    env.append_synthetic(3000); // far more output than a pipe buffers
    for args in [["log"].as_slice(), ["export"].as_slice()] {
        let mut reader = env.command(args);
        reader.stdout(std::process::Stdio::piped());
        let mut child = reader.spawn().unwrap();
        // The reader has filled its pipe and waits for us to read.
        std::thread::sleep(Duration::from_millis(1500));
        let started = Instant::now();
        env.run(&["verify"]).ok();
        env.run(&["issue", "raise", "--title", &format!("While {args:?} waits")]).ok();
        assert!(started.elapsed() < Duration::from_secs(10));
        let mut out = String::new();
        child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
        assert!(child.wait().unwrap().success());
        assert!(out.lines().count() > 3000, "{args:?} printed everything");
    }
}

/// An open prompt does not hold the ledger: others read and write while a
/// person answers, and the answer is then checked against what they wrote.
#[test]
fn an_open_prompt_keeps_nobody_out_and_its_answer_is_rechecked() {
    use crate::tty::{available, Tty};
    if !available() {
        return;
    }
    let mut env = TestEnv::with_ledger();
    env.at("2026-01-05T10:00:00Z");
    let args = ["commitment", "add", "--owner", "leader", "--what", "Send the plan", "--due", "2026-01-09"];
    let tty = Tty::start(&env, "2026-01-05T10:00:00Z", &args);
    tty.wait_for("Commitment id").wait_for("C-1");
    // While the prompt waits: reports, verify, and another person's write.
    env.run(&["verify"]).ok();
    env.run(&["brief", "--format", "json"]).ok();
    env.run(&["commitment", "add", "--id", "C-7", "--owner", "ceo", "--what", "Hire", "--due", "2026-01-09"])
        .ok();
    tty.keys(&["Enter"]);
    tty.wait_for("commits to").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let list = env.run(&["commitment", "list", "--format", "json"]).ok().stdout;
    assert!(list.contains("\"C-1\"") && list.contains("\"C-7\""), "{list}");

    // The same id recorded meanwhile: the answer is refused, nothing written.
    let tty = Tty::start(&env, "2026-01-05T10:00:00Z", &args);
    tty.wait_for("Commitment id").wait_for("C-2");
    env.run(&["commitment", "add", "--id", "C-2", "--owner", "ceo", "--what", "Call", "--due", "2026-01-09"])
        .ok();
    let before = env.digest();
    tty.keys(&["Enter"]);
    tty.wait_for("commits to").keys(&["y", "Enter"]);
    assert_eq!(tty.exit_code(), 2, "{}", tty.screen());
    assert!(tty.screen().contains("changed while you were answering"), "{}", tty.screen());
    assert_eq!(env.digest(), before);
    env.run(&["verify"]).ok();
}
