//! `candor threshold set|list`: the green / amber levels of the trust
//! dashboard, defaults that a ledger can override.

use super::context::Context;
use super::output::emit;
use super::record::Session;
use super::view::View;
use candor::core::decide::threshold as decide;
use candor::core::metrics::thresholds::{threshold, DEFAULTS};
use candor::core::AsOf;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::json;

#[derive(clap::Args)]
pub struct ThresholdArgs {
    #[command(subcommand)]
    command: ThresholdCommand,
}

#[derive(clap::Subcommand)]
enum ThresholdCommand {
    /// Override a metric's green and amber levels (e.g. --green 80% --amber 60%)
    Set {
        /// The metric, as keyed in `candor trust --format json` (e.g. commitments)
        #[arg(long)]
        metric: String,
        /// The green level: 90% or 0.9 for shares, a plain number otherwise
        #[arg(long)]
        green: String,
        /// The amber level
        #[arg(long)]
        amber: String,
    },
    /// List every metric's levels, default or overridden
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: ThresholdArgs) -> Result<()> {
    match args.command {
        ThresholdCommand::Set { metric, green, amber } => {
            let session = Session::open(ctx)?;
            let event = decide::set(&session.state, &metric, &green, &amber)?;
            session.record(ctx, vec![event])?;
            Ok(())
        }
        ThresholdCommand::List { as_of } => {
            ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
            let view = View::load(ctx, as_of)?;
            let rows: Vec<(String, f64, f64, bool, bool)> = DEFAULTS
                .iter()
                .filter_map(|(k, ..)| {
                    threshold(&view.state, k)
                        .map(|t| (k.to_string(), t.green, t.amber, t.higher_is_better, t.overridden))
                })
                .collect();
            emit(&match ctx.format {
                Format::Json => json(&json!({ "thresholds": rows.iter().map(|(k, g, a, h, o)| json!({
                    "metric": k, "green": g, "amber": a, "higher_is_better": h, "overridden": o,
                })).collect::<Vec<_>>() })),
                format => {
                    let cells: Vec<Vec<String>> = rows
                        .iter()
                        .map(|(k, g, a, h, o)| {
                            let cmp = if *h { "≥" } else { "≤" };
                            vec![
                                k.clone(),
                                format!("{cmp} {g}"),
                                format!("{cmp} {a}"),
                                if *o { "ledger" } else { "default" }.into(),
                            ]
                        })
                        .collect();
                    let headers = ["metric", "green", "amber", "set by"];
                    table::render(format, &headers, &cells)
                }
            });
            Ok(())
        }
    }
}
