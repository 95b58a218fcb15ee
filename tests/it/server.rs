//! A real `candor serve` on a loopback port, and member machines that talk
//! to it with `--remote`: each with its own home (so its own keys
//! directory) and its own replica.

use crate::env::{finish, Run, TestEnv, BIN};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A server process; stopped (SIGTERM) when dropped.
pub struct Server {
    child: Option<Child>,
    /// The rest of the server's output, read as it comes.
    drained: Option<std::thread::JoinHandle<String>>,
    pub url: String,
    home: tempfile::TempDir,
}

impl Server {
    /// Serves `env`'s ledger on a free loopback port, with the test's clock.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Server {
        let home = tempfile::tempdir().expect("server home");
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("CANDOR_LEDGER", env.ledger_dir())
            .env("CANDOR_NOW", env.now())
            .current_dir(home.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .arg("serve")
            .args(extra);
        if !extra.contains(&"--listen") {
            cmd.args(["--listen", "127.0.0.1:0"]);
        }
        let mut child = cmd.spawn().expect("start candor serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let drained = std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(first)) = lines.next() {
                let _ = tx.send(first);
            }
            // Keep draining so the server never blocks on a full pipe.
            lines.map_while(Result::ok).map(|l| l + "\n").collect::<String>()
        });
        let first = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let out = child.wait_with_output().expect("server output");
                panic!("candor serve did not start: {}", String::from_utf8_lossy(&out.stderr));
            }
        };
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .unwrap_or_else(|| panic!("no address in: {first}"))
            .to_string();
        Server { child: Some(child), drained: Some(drained), url, home }
    }

    /// The server's own home (its keys directory lives under it).
    #[allow(dead_code)]
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Stops the server with SIGTERM and returns how it ended.
    pub fn stop(mut self) -> Run {
        let child = self.child.take().expect("running");
        terminate(&child);
        let mut run = finish(child.wait_with_output().expect("server exit"));
        run.stdout = self.drained.take().and_then(|d| d.join().ok()).unwrap_or_default();
        run
    }
}

fn terminate(child: &Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(&child);
            let deadline = std::time::Instant::now() + Duration::from_secs(20);
            while std::time::Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One member's machine: a home of its own (keys), a replica directory,
/// the server's address in CANDOR_REMOTE, and the test's clock.
pub struct Machine {
    dir: tempfile::TempDir,
    pub url: String,
    pub now: String,
}

impl Machine {
    pub fn new(url: &str, now: &str) -> Machine {
        Machine { dir: tempfile::tempdir().expect("machine dir"), url: url.into(), now: now.into() }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn replicas(&self) -> PathBuf {
        self.dir.path().join("replicas")
    }

    /// A command run on this machine against the server.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("CANDOR_REMOTE", &self.url)
            .env("CANDOR_REPLICAS", self.replicas())
            .env("CANDOR_NOW", &self.now)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.command(args).output().expect("run candor"))
    }

    /// Makes a key for `name` on this machine; returns its public key.
    pub fn key_new(&self, name: &str) -> String {
        let out = self.run(&["key", "new", "--name", name]).ok().stdout;
        out.split_whitespace()
            .find(|w| w.starts_with("ed25519:"))
            .unwrap_or_else(|| panic!("no public key in: {out}"))
            .trim_end_matches(|c: char| !c.is_ascii_hexdigit())
            .to_string()
    }

    /// The replica's head, as `candor digest` prints it.
    pub fn digest(&self) -> String {
        self.run(&["digest"]).ok().stdout.trim().to_string()
    }
}

/// A ledger whose CEO (Dana) holds the only key, on `env`'s machine, and a
/// leader (Lee) who will join from a machine of their own.
pub fn ceo_only_ledger() -> TestEnv {
    let env = TestEnv::new();
    env.run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"]).ok();
    env
}
