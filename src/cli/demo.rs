//! `candor demo`: replay the bundled scenarios into a throw-away ledger
//! (never the user's), verify them, and show the dashboard, the forecast
//! audit and the weekly brief as of each scenario's last day.

mod serve;

use super::context::Context;
use super::output::emit;
use super::replay::replay_batched;
use super::Cli;
use candor::ledger::{verify, Ledger};
use candor::report::Format;
use candor::{Error, Result};
use clap::Parser;
use std::path::{Path, PathBuf};

const SCENARIOS: [(&str, &str); 2] = [
    ("manufacturing", include_str!("../../fixtures/scenarios/manufacturing.candor")),
    ("services", include_str!("../../fixtures/scenarios/services.candor")),
];

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Keep the demo ledgers (their paths are printed) instead of removing them
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
    emit(&format!(
        "The demo's keys are made in {} and go with its ledgers; your own keys directory is not touched.\n",
        keys.display()
    ));
    let mut outcome = show_all(ctx, &root);
    if outcome.is_ok() && args.serve {
        outcome = serve::run(&root.join("manufacturing"), args.listen);
    }
    if args.keep {
        emit(&format!("\nThe demo ledgers and their keys are kept in {}\n", root.display()));
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
    outcome
}

fn show_all(ctx: &Context, root: &Path) -> Result<()> {
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
        // Every report runs "on" the scenario's last day, whatever the real
        // date is, so the demo always tells the same story.
        let last_time = ledger.last_recorded_at();
        drop(ledger);
        let head = v.head.map_or(String::new(), |h| h.to_string());
        emit(&format!(
            "\n▶ Scenario: {name} — {commands} commands replayed, {} records, verified (head {head})\n\n",
            v.records
        ));
        for report in [&["trust"][..], &["audit", "forecast"], &["brief"]] {
            let mut argv = vec!["candor", "--no-input", "--ledger", dir.to_str().unwrap_or_default()];
            argv.extend_from_slice(report);
            if ctx.format == Format::Md {
                argv.extend(["--format", "md"]);
            }
            let cli = Cli::try_parse_from(&argv).map_err(|e| Error::Usage(e.to_string()))?;
            super::run_at(cli, last_time)?;
            emit("\n");
        }
    }
    emit(
        "Try the same on your own ledger: `candor init`, then `candor trust` and `candor audit forecast`.\n",
    );
    Ok(())
}

/// A fresh directory under the system's temporary directory.
fn scratch_dir() -> Result<PathBuf> {
    let stamp =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("candor-demo-{}-{stamp}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::Usage(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}
