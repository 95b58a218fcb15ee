//! `candor audit forecast|commitments|slips|risks|cadence|…`: each metric in
//! depth, with the records every figure was computed from.

use super::context::Context;
use super::output::emit;
use super::view::View;
use candor::core::metrics::{
    answers, bad_news, cadence, calibration, ceiling, commitments, forecast, pipeline, slips,
};
use candor::core::AsOf;
use candor::report::doc::Doc;
use candor::report::{audit as render, json, Format};
use candor::Result;
use serde_json::Value;

#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    #[command(subcommand)]
    what: AuditCommand,
    /// Compute as of this date, or as of record SEQ
    #[arg(long, global = true, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

#[derive(clap::Subcommand, Debug)]
enum AuditCommand {
    /// Forecast accuracy and bias, period by period (at start, mid, final)
    Forecast {
        /// Score backdated forecasts too (recorded over 7 days after their as-of date)
        #[arg(long)]
        include_backdated: bool,
        /// Add the point N weeks before each period's end
        #[arg(long, value_name = "N")]
        weeks_before: Option<u32>,
        /// Score months, quarters or years (never summed together)
        #[arg(long, default_value = "quarter", value_parser = forecast::Granularity::parse, value_name = "month|quarter|year")]
        granularity: forecast::Granularity,
    },
    /// Commitments kept, per owner: say / do
    Commitments,
    /// Deals whose close moved to a later quarter
    Slips,
    /// Bad news early: losses and slips against the risk flags before them
    Risks,
    /// Meeting cadence: weeks held, streak, the three questions
    Cadence,
    /// Leading indicators week by week against target, and triggered contingencies
    Indicators {
        /// How many complete weeks to show
        #[arg(long, default_value_t = 13)]
        weeks: usize,
    },
    /// Plan stability: changes per quarter, by who asked, and the premature ones
    Plan,
    /// Win-probability calibration: Brier score and win rate by probability band
    Calibration,
    /// Pipeline health: weekly flow, win rate, deal size, cycle, coverage, mix
    Pipeline,
}

pub fn run(ctx: &Context, args: AuditArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = match View::load(ctx, args.as_of) {
        // Before the opening the forecast audit still gives its contract keys.
        Err(e) if matches!(args.what, AuditCommand::Forecast { .. }) => {
            let none = forecast::audit(&Default::default(), forecast::Options::default());
            return super::view::empty_report(ctx, e, render::forecast::json(&none, &None, ""));
        }
        view => view?,
    };
    let text = {
        let (state, at) = (&view.state, view.at);
        let currency = view.currency();
        // Only the form asked for is built: a JSON tree of a million
        // commitments would otherwise sit beside the table of them.
        let out = |value: &dyn Fn() -> Value, doc: &dyn Fn() -> Doc| match ctx.format {
            Format::Json => json(&value()),
            Format::Md => doc().markdown(),
            _ => doc().terminal(),
        };
        match &args.what {
            AuditCommand::Forecast { include_backdated, weeks_before, granularity } => {
                let a = forecast::audit(
                    state,
                    forecast::Options {
                        include_backdated: *include_backdated,
                        weeks_before: *weeks_before,
                        granularity: *granularity,
                    },
                );
                let c = ceiling::ceiling(state, at);
                out(&|| render::forecast::json(&a, &c, currency.code), &|| {
                    render::forecast::doc(&a, &c, currency)
                })
            }
            AuditCommand::Commitments => {
                let a = commitments::audit(state, at);
                out(&|| render::commitments::json(&a), &|| render::commitments::doc(&a))
            }
            AuditCommand::Slips => {
                let a = slips::audit(state, at);
                out(&|| render::slips::json(&a, currency.code), &|| render::slips::doc(&a, currency))
            }
            AuditCommand::Risks => {
                let a = bad_news::audit(state, at);
                out(&|| render::risks::json(&a), &|| render::risks::doc(&a))
            }
            AuditCommand::Cadence => {
                let a = cadence::audit(state, at);
                let checks = answers::answers(state, at);
                out(&|| render::cadence::json(&a, &checks), &|| render::cadence::doc(&a, &checks))
            }
            AuditCommand::Indicators { weeks } => {
                let weeks = candor::core::decide::indicator::last_weeks(at, (*weeks).clamp(1, 104));
                out(&|| render::indicators::json(state, at, &weeks), &|| {
                    render::indicators::doc(state, at, &weeks)
                })
            }
            AuditCommand::Plan => out(&|| render::plan::json(state, at), &|| render::plan::doc(state, at)),
            AuditCommand::Calibration => {
                let a = calibration::audit(state);
                out(&|| render::calibration::json(&a), &|| render::calibration::doc(&a))
            }
            AuditCommand::Pipeline => {
                let h = pipeline::health(state, at);
                out(&|| render::pipeline::json(&h, currency.code), &|| render::pipeline::doc(&h, currency))
            }
        }
    };
    emit(&text);
    Ok(())
}
