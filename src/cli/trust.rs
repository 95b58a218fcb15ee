//! `candor trust`: the dashboard.

use super::context::Context;
use super::output::emit;
use super::view::View;
use candor::core::metrics::dashboard::dashboard;
use candor::core::AsOf;
use candor::report::{json, trust, trust_html, Format};
use candor::Result;

#[derive(clap::Args, Debug)]
#[command(after_help = "--format table (default), md, json, or html: one self-contained page (inline CSS, \
no script) with each signal's value, status in words and colour, threshold, trend and the record that \
explains it.")]
pub struct TrustArgs {
    /// Compute as of this date, or as of record SEQ
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

pub fn run(ctx: &Context, args: TrustArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md, Format::Html])?;
    // Read, release the ledger, then compute and print: a slow reader of
    // the output never keeps anyone else out.
    let view = View::load(ctx, args.as_of)?;
    let signals = dashboard(&view.state, view.at);
    let cur = view.currency();
    let text = match ctx.format {
        Format::Json => json(&trust::json(&signals, view.at, cur.code)),
        Format::Md => trust::doc(&signals, view.at, &view.state.info().company, cur).markdown(),
        Format::Html => trust_html::page(&signals, view.at, &view.state.info().company, cur),
        _ => trust::doc(&signals, view.at, &view.state.info().company, cur).terminal(),
    };
    emit(&text);
    Ok(())
}
