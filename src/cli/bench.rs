//! Hidden measurement helpers. `bench append` writes synthetic records one
//! durable append at a time and prints each sequence number only after the
//! append is on disk — the crash test kills it and checks every printed one.

use super::context::Context;
use candor::ledger::{synthetic, Ledger};
use candor::Result;
use std::io::Write;

#[derive(clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: BenchCommand,
}

#[derive(clap::Subcommand)]
enum BenchCommand {
    /// Append COUNT synthetic records, one durable append each
    Append {
        #[arg(long, default_value_t = 1)]
        count: u64,
    },
    /// Create a ledger of COUNT synthetic records (record 1 opens it), in bulk
    Fill {
        #[arg(long)]
        count: u64,
    },
}

pub fn run(ctx: &Context, args: BenchArgs) -> Result<()> {
    ctx.check_recording_clock()?;
    match args.what {
        BenchCommand::Fill { count } => {
            let mut ledger = Ledger::create(&ctx.ledger_dir)?;
            let on = ctx.today();
            let mut next = 1;
            while next <= count {
                let last = (next + 9_999).min(count);
                ledger.append("bench", (next..=last).map(|i| synthetic::event(i, on)).collect(), ctx.now)?;
                next = last + 1;
            }
            Ok(())
        }
        BenchCommand::Append { count } => {
            let mut ledger = Ledger::open_for_write(&ctx.ledger_dir)?;
            let mut out = std::io::stdout().lock();
            let actor = ctx.actor.clone().unwrap_or_else(|| "bench".into());
            for _ in 0..count {
                let i = ledger.len() + 1;
                let event = synthetic::event(i, ctx.today());
                let d = ledger.append(&actor, vec![event], ctx.now)?;
                let _ = writeln!(out, "{}", d[0].seq);
                let _ = out.flush();
            }
            Ok(())
        }
    }
}
