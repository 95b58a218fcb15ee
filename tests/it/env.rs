//! The test environment: a temporary ledger, a fixed clock and a cleared
//! environment, so every run of the binary is deterministic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_candor");

pub struct TestEnv {
    dir: tempfile::TempDir,
    now: String,
}

/// What one run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(self.code, expected, "exit code\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

impl TestEnv {
    /// An empty directory; the ledger lives at `ledger_dir()` once created.
    pub fn new() -> TestEnv {
        TestEnv { dir: tempfile::tempdir().expect("tempdir"), now: "2026-01-05T09:00:00Z".into() }
    }

    /// A ledger opened for Acme (CEO Dana, sales leader Lee).
    pub fn with_ledger() -> TestEnv {
        let env = TestEnv::new();
        env.run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee", "--leader-key-here"]).ok();
        env
    }

    /// Sets the recording clock (RFC 3339) for later runs.
    pub fn at(&mut self, now: &str) -> &mut TestEnv {
        self.now = now.to_string();
        self
    }

    /// The recording clock later runs use.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// The temporary directory everything of this environment lives in (HOME).
    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn ledger_dir(&self) -> PathBuf {
        self.dir.path().join("ledger")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A command with a cleared environment, the ledger and the clock set.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("CANDOR_LEDGER", self.ledger_dir())
            .env("CANDOR_NOW", &self.now)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.command(args).output().expect("run candor"))
    }

    /// The head digest as `SEQ:HASH`.
    pub fn digest(&self) -> String {
        self.run(&["digest"]).ok().stdout.trim().to_string()
    }

    /// Appends `n` synthetic records through the hidden bench command.
    pub fn append_synthetic(&self, n: u64) {
        self.run(&["bench", "append", "--count", &n.to_string()]).ok();
    }

    /// Runs `args`, expecting exit 2 with `field` named in the message and the
    /// ledger's head digest unchanged.
    #[track_caller]
    pub fn refuses(&self, args: &[&str], field: &str) {
        let before = self.digest();
        let run = self.run(args);
        assert_eq!(run.code, 2, "{args:?} should exit 2\nstdout: {}\nstderr: {}", run.stdout, run.stderr);
        assert!(run.stderr.contains(field), "{args:?}: message should name {field}: {}", run.stderr);
        assert_eq!(self.digest(), before, "{args:?} changed the ledger");
    }
}

pub fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Opens the ledger's sled tree directly, as an attacker with write access would.
pub fn raw_db(ledger: &Path) -> sled::Db {
    sled::Config::new().path(ledger).flush_every_ms(None).open().expect("open sled directly")
}
