//! `candor demo`: replay the bundled scenarios into a throw-away ledger
//! (never the user's), verify them, and tell their story in a screen or
//! two, with the commands that show more; `--full` prints the dashboard,
//! the forecast audit and the weekly brief of each, as of its last day.

mod serve;
mod story;

use super::context::Context;
use super::output::emit;
use super::replay::replay_batched;
use super::Cli;
use candor::core::metrics::dashboard::dashboard;
use candor::ledger::{replay, verify, Ledger};
use candor::report::{look, Format};
use candor::{Error, Result};
use clap::Parser;
use std::path::{Path, PathBuf};

const SCENARIOS: [(&str, &str); 2] = [
    ("manufacturing", include_str!("../../fixtures/scenarios/manufacturing.candor")),
    ("services", include_str!("../../fixtures/scenarios/services.candor")),
];

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Also print every report of both scenarios: the dashboard, the forecast audit and the brief
    #[arg(long)]
    full: bool,
    /// With --serve: keep the demo ledgers when the server stops (without --serve they are always
    /// kept, so the commands the demo suggests work)
    #[arg(long)]
    keep: bool,
    /// Then serve the manufacturing demo's pages, with a candidate, a panel and a
    /// sign-in link for each demo member, until Ctrl-C
    #[arg(long)]
    serve: bool,
    /// Where `--serve` listens
    #[arg(long, default_value = "127.0.0.1:7420", value_name = "ADDR:PORT", requires = "serve")]
    listen: std::net::SocketAddr,
}

pub fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let root = scratch_dir()?;
    // The demo's people sign with keys made for them in the throw-away
    // directory: a newcomer's own keys directory never holds Helen
    // Kessler's key. Set before any ledger is opened, while this process
    // runs no other thread.
    let keys = root.join("keys");
    std::env::set_var("CANDOR_KEYS", &keys);
    // The scripts say who records each line; the person's own
    // CANDOR_ACTOR must not sign the demo's facts as someone else.
    std::env::remove_var("CANDOR_ACTOR");
    let mut outcome = build_all(&root, ctx.today()).and_then(|built| {
        if args.full {
            show_all(ctx, &root, &built)?;
        }
        // The replayed lines set their own look; the story is the person's.
        look::set(super::output::look(ctx.wide, ctx.color));
        emit(&story::story(&built, &root, look::current()));
        Ok(())
    });
    if outcome.is_ok() && args.serve {
        outcome = serve::run(&root.join("manufacturing"), args.listen);
        if args.keep {
            emit(&format!("\nThe demo ledgers and their keys are kept in {}\n", root.display()));
        } else {
            let _ = std::fs::remove_dir_all(&root);
        }
    } else if outcome.is_err() {
        let _ = std::fs::remove_dir_all(&root);
    }
    outcome
}

/// Replays and verifies each scenario, and computes its dashboard as of its last day.
fn build_all(root: &Path, today: candor::core::Date) -> Result<Vec<story::Built>> {
    let mut built = Vec::new();
    for (name, script) in SCENARIOS {
        let dir = root.join(name);
        let commands = replay_batched(&dir, script, false)?;
        let ledger = Ledger::open(&dir)?;
        let v = verify::verify(&ledger, None)?;
        if let Some(f) = v.failure.or_else(|| v.signatures.bad.into_iter().next()) {
            return Err(Error::CheckFailed(format!(
                "the {name} demo ledger failed to verify at {}: {}",
                f.seq, f.reason
            )));
        }
        let state = replay::state(&ledger, None)?;
        let last_day = state.last_recorded_at.map_or(today, |t| t.date());
        let info = state.info();
        built.push(story::Built {
            name,
            company: info.company.clone(),
            currency: info.currency.clone(),
            exponent: state.exponent(),
            commands,
            records: v.records,
            head: v.head.map_or(String::new(), |h| h.to_string()),
            last_day,
            signals: dashboard(&state, last_day),
        });
    }
    Ok(built)
}

/// Every report of each scenario, run "on" its last day whatever the real
/// date is, so the demo always tells the same story.
fn show_all(ctx: &Context, root: &Path, built: &[story::Built]) -> Result<()> {
    for b in built {
        let dir = root.join(b.name);
        let at = Ledger::open(&dir)?.last_recorded_at();
        emit(&format!(
            "\n▶ Scenario: {} — {} commands replayed, {} records, verified (head {})\n\n",
            b.name, b.commands, b.records, b.head
        ));
        for report in [&["trust"][..], &["audit", "forecast"], &["brief"]] {
            let mut argv = vec!["candor", "--no-input", "--ledger", dir.to_str().unwrap_or_default()];
            argv.extend_from_slice(report);
            if ctx.format == Format::Md {
                argv.extend(["--format", "md"]);
            }
            if ctx.wide {
                argv.push("--wide");
            }
            argv.extend(["--color", if ctx.color { "always" } else { "never" }]);
            let cli = Cli::try_parse_from(&argv).map_err(|e| Error::Usage(e.to_string()))?;
            super::run_at(cli, at)?;
            emit("\n");
        }
    }
    Ok(())
}

/// A fresh directory under the system's temporary directory.
fn scratch_dir() -> Result<PathBuf> {
    // A short name: the demo prints commands that start with `cd` to it.
    let base = std::env::temp_dir();
    loop {
        let mut bytes = [0u8; 4];
        getrandom::getrandom(&mut bytes).map_err(|e| Error::Usage(format!("no randomness: {e}")))?;
        let dir = base.join(format!("candor-demo-{:08x}", u32::from_le_bytes(bytes)));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::Usage(format!("cannot create {}: {e}", dir.display()))),
        }
    }
}
