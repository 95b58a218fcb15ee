//! `candor audit forecast|commitments|slips|risks|cadence|…`: each metric in
//! depth, with the records every figure was computed from.

use super::context::Context;
use super::output::emit;
use super::view::View;
use candor::core::metrics::{bad_news, cadence, commitments, forecast, slips};
use candor::core::AsOf;
use candor::report::doc::Doc;
use candor::report::{audit as render, json, Format};
use candor::Result;
use serde_json::Value;

#[derive(clap::Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    what: AuditCommand,
    /// Compute as of this date, or as of record SEQ
    #[arg(long, global = true, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

#[derive(clap::Subcommand)]
enum AuditCommand {
    /// Forecast accuracy and bias, period by period (at start, mid, final)
    Forecast {
        /// Score backdated forecasts too (recorded over 7 days after their as-of date)
        #[arg(long)]
        include_backdated: bool,
        /// Add the point N weeks before each period's end
        #[arg(long, value_name = "N")]
        weeks_before: Option<u32>,
    },
    /// Commitments kept, per owner: say / do
    Commitments,
    /// Deals whose close moved to a later quarter
    Slips,
    /// Bad news early: losses and slips against the risk flags before them
    Risks,
    /// Meeting cadence: weeks held, streak, the three questions
    Cadence,
}

pub fn run(ctx: &Context, args: AuditArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = View::load(ctx, args.as_of)?;
    let (state, at) = (&view.state, view.at);
    let currency = view.currency();
    let (value, doc): (Value, Doc) = match args.what {
        AuditCommand::Forecast { include_backdated, weeks_before } => {
            let a = forecast::audit(state, forecast::Options { include_backdated, weeks_before });
            (render::forecast::json(&a, currency.code), render::forecast::doc(&a, currency))
        }
        AuditCommand::Commitments => {
            let a = commitments::audit(state, at);
            (render::commitments::json(&a), render::commitments::doc(&a))
        }
        AuditCommand::Slips => {
            let a = slips::audit(state, at);
            (render::slips::json(&a, currency.code), render::slips::doc(&a, currency))
        }
        AuditCommand::Risks => {
            let a = bad_news::audit(state);
            (render::risks::json(&a), render::risks::doc(&a))
        }
        AuditCommand::Cadence => {
            let a = cadence::audit(state, at);
            (render::cadence::json(&a), render::cadence::doc(&a))
        }
    };
    emit(&match ctx.format {
        Format::Json => json(&value),
        Format::Md => doc.markdown(),
        _ => doc.terminal(),
    });
    Ok(())
}
