//! Drives the real binary in a pseudo-terminal through tmux: type with
//! `send-keys`, read the screen with `capture-pane`. Tests that need it
//! skip when tmux is absent, unless CANDOR_REQUIRE_TMUX=1 (set by CI).

use crate::env::{TestEnv, BIN};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tty {
    socket: String,
    code_file: PathBuf,
}

/// Whether tmux can be used; panics when CI requires it and it is missing.
pub fn available() -> bool {
    let ok = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok && std::env::var("CANDOR_REQUIRE_TMUX").as_deref() == Ok("1") {
        panic!("tmux is required (CANDOR_REQUIRE_TMUX=1) but not installed");
    }
    if !ok {
        eprintln!("tmux not installed: skipping a pseudo-terminal test");
    }
    ok
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Tty {
    /// Starts `candor ARGS` in a fresh tmux server, with the env's ledger and clock.
    pub fn start(env: &TestEnv, now: &str, args: &[&str]) -> Tty {
        Tty::start_sized(env, now, args, 140, 40)
    }

    /// Like `start`, in a terminal of `cols` × `rows` (80 × 24 is the classic one).
    pub fn start_sized(env: &TestEnv, now: &str, args: &[&str], cols: u16, rows: u16) -> Tty {
        let socket = format!("candor-test-{}-{}", std::process::id(), rand_suffix());
        let code_file = env.path(&format!("{socket}.code"));
        let mut line = format!(
            "env -i PATH=\"$PATH\" HOME={} TERM=xterm-256color CANDOR_LEDGER={} CANDOR_NOW={} {}",
            shell_quote(env.path("").to_str().unwrap()),
            shell_quote(env.ledger_dir().to_str().unwrap()),
            shell_quote(now),
            shell_quote(BIN)
        );
        for a in args {
            line.push(' ');
            line.push_str(&shell_quote(a));
        }
        line.push_str(&format!("; echo $? > {}; sleep 30", shell_quote(code_file.to_str().unwrap())));
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &cols.to_string(),
                "-y",
                &rows.to_string(),
                "sh",
                "-c",
                &line,
            ])
            .status()
            .expect("start tmux");
        assert!(status.success(), "tmux new-session failed");
        Tty { socket, code_file }
    }

    /// Sends tmux key names or literal text (e.g. "Enter", "Escape", "Down").
    pub fn keys(&self, keys: &[&str]) -> &Tty {
        let mut args = vec!["-L", &self.socket, "send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        Command::new("tmux").args(&args).status().expect("send-keys");
        self
    }

    /// Types literal text.
    pub fn type_text(&self, text: &str) -> &Tty {
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "0", "-l", text])
            .status()
            .expect("send-keys");
        self
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "0"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Everything the pane showed, scrolled-off lines too, with lines the
    /// terminal wrapped joined again (so a line wider than the pane is one
    /// line here, and trailing spaces are dropped).
    pub fn history(&self) -> String {
        self.capture(&["-J"])
    }

    /// `history` with the colour codes the program wrote.
    pub fn history_in_colour(&self) -> String {
        self.capture(&["-J", "-e"])
    }

    fn capture(&self, how: &[&str]) -> String {
        let mut args = vec!["-L", &self.socket, "capture-pane", "-p", "-S", "-", "-t", "0"];
        args.extend_from_slice(how);
        let out = Command::new("tmux").args(&args).output().expect("capture-pane");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().map(|l| format!("{}\n", l.trim_end())).collect()
    }

    /// Waits until `text` is on screen.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> &Tty {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if self.screen().contains(text) {
                return self;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("'{text}' never appeared; screen:\n{}", self.screen());
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn exit_code(&self) -> i32 {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Ok(s) = std::fs::read_to_string(&self.code_file) {
                if let Ok(code) = s.trim().parse() {
                    return code;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the program did not exit; screen:\n{}", self.screen());
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}
