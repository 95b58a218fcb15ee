//! `candor clock reset`: the one way back from a record stamped in the
//! future (a wrong system clock, a mistyped CANDOR_NOW).

use super::context::Context;
use super::output::emit;
use super::record::Session;
use candor::core::decide::clock;
use candor::Result;

#[derive(clap::Args)]
pub struct ClockArgs {
    #[command(subcommand)]
    command: ClockCommand,
}

#[derive(clap::Subcommand)]
enum ClockCommand {
    /// Record that the last record was stamped in the future, so that
    /// recording can go on at the real time (the step back stays visible)
    ///
    /// Example: candor clock reset --reason "the laptop's clock was set to 2099"
    Reset {
        /// Why the clock was wrong
        #[arg(long)]
        reason: String,
    },
}

pub fn run(ctx: &Context, args: ClockArgs) -> Result<()> {
    let ClockCommand::Reset { reason } = args.command;
    let session = Session::open_for_clock_reset(ctx)?;
    let head_at = session.head_at();
    let opened_at = session.state.ledger.as_ref().map(|l| l.opened.recorded_at);
    let event = clock::reset(head_at, opened_at, ctx.now, ctx.machine_now, &reason)?;
    emit(&format!(
        "The last record was stamped {}; recording resumes at {}.\n",
        head_at.map_or_else(String::new, |t| t.to_string()),
        ctx.now
    ));
    session.record(ctx, vec![event])?;
    Ok(())
}
