//! The resolved global options: where the ledger is, who is recording,
//! what time it is, how to print, and whether prompting is allowed.

use super::watchdog::{Watchdog, DURABLE_WITHIN};
use candor::core::decide::clock;
use candor::core::{Date, Timestamp};
use candor::ledger::Ledger;
use candor::report::Format;
use candor::{Error, Result};
use std::io::IsTerminal;
use std::path::PathBuf;

pub struct Context {
    pub ledger_dir: PathBuf,
    pub actor: Option<String>,
    pub format: Format,
    pub interactive: bool,
    pub now: Timestamp,
    /// The machine's own clock, whatever `now` was set to.
    pub machine_now: Timestamp,
    /// Fixtures may record ahead of the machine's clock (CANDOR_ALLOW_FUTURE_CLOCK=1).
    pub allow_future: bool,
    /// With `--remote`: the server writes go to (`ledger_dir` is then its replica).
    pub remote: Option<candor::remote::Client>,
    /// `--wide`: tables as wide as their content, never fitted to the terminal.
    pub wide: bool,
    /// Status words in colour (`--color`, NO_COLOR, and whether stdout is a terminal).
    pub color: bool,
}

/// `--color WHEN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn parse(s: &str) -> std::result::Result<ColorChoice, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(ColorChoice::Auto),
            "always" => Ok(ColorChoice::Always),
            "never" => Ok(ColorChoice::Never),
            _ => Err(format!("'{s}' is not a colour choice; expected auto, always or never")),
        }
    }

    /// Auto colours only a terminal, and never when NO_COLOR is set to
    /// anything (no-color.org) or TERM is `dumb`.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
                !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

impl Context {
    /// `now`: the recording clock when a script sets it; otherwise
    /// `CANDOR_NOW`, otherwise the system clock.
    pub fn new(
        ledger: Option<PathBuf>,
        actor: Option<String>,
        format: Format,
        no_input: bool,
        now: Option<Timestamp>,
    ) -> Result<Context> {
        let ledger_dir = match ledger {
            Some(p) => p,
            None => default_ledger_dir()?,
        };
        let machine_now = Timestamp::from_datetime(chrono::Utc::now());
        let allow_future = std::env::var(clock::ALLOW_FUTURE_ENV).is_ok_and(|v| v == "1");
        let now = match (now, std::env::var("CANDOR_NOW")) {
            (Some(now), _) => now,
            (None, Ok(v)) if !v.trim().is_empty() => {
                Timestamp::parse(&v).map_err(|m| Error::input("CANDOR_NOW", m))?
            }
            _ => machine_now,
        };
        let actor = match actor {
            Some(a) => Some(candor::core::text::name(&a).map_err(|m| Error::input("--as", m))?),
            None => None,
        };
        let interactive = !no_input && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        Ok(Context {
            ledger_dir,
            actor,
            format,
            interactive,
            now,
            machine_now,
            allow_future,
            remote: None,
            wide: false,
            color: false,
        })
    }

    /// Opens the ledger to read (a read-only directory works too). sled may
    /// write while it opens (recovery), so a failing disk gets the same
    /// deadline as an append.
    pub fn open(&self) -> Result<Ledger> {
        // A batched replay writes at its end: a report between its lines
        // would read a ledger without them.
        if super::record::batch::pending() {
            return Err(Error::Usage(
                "this line reads the ledger, and a replay writes the whole script at its end; \
                 run reports after the replay, or replay with --each"
                    .into(),
            ));
        }
        let _deadline = Watchdog::arm(&self.ledger_dir, "open", DURABLE_WITHIN);
        Ledger::open(&self.ledger_dir)
    }

    /// Refuses to record at a time more than five minutes ahead of the
    /// machine's clock, unless fixtures allowed it.
    pub fn check_recording_clock(&self) -> Result<()> {
        if self.allow_future {
            return Ok(());
        }
        clock::check_not_ahead(self.now, self.machine_now)
    }

    /// Opens the ledger to record into; a read-only one is refused.
    pub fn open_for_write(&self) -> Result<Ledger> {
        let _deadline = Watchdog::arm(&self.ledger_dir, "open", DURABLE_WITHIN);
        Ledger::open_for_write(&self.ledger_dir)
    }

    /// The time to stamp a record with as it is sent: `now` when a script
    /// or CANDOR_NOW fixed it, else the machine's clock read again (a
    /// person may have spent minutes at a prompt since the command began).
    pub fn recording_now(&self) -> Timestamp {
        if self.now == self.machine_now {
            Timestamp::from_datetime(chrono::Utc::now())
        } else {
            self.now
        }
    }

    pub fn today(&self) -> Date {
        self.now.date()
    }

    /// Refuses formats a command does not offer.
    pub fn require_format(&self, allowed: &[Format]) -> Result<()> {
        if allowed.contains(&self.format) {
            Ok(())
        } else {
            let offered: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
            Err(Error::input(
                "--format",
                format!("is not offered by this command; use {}", offered.join(", ")),
            ))
        }
    }
}

fn default_ledger_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "candor").map(|d| d.data_dir().to_path_buf()).ok_or_else(|| {
        Error::Usage("cannot find a data directory; give --ledger DIR or set CANDOR_LEDGER".into())
    })
}
