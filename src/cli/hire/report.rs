//! `candor hire report`: the scorecard, blind for every candidate whose
//! debrief has not opened.

use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::view::View;
use candor::core::decide::hire::find;
use candor::core::hiring::report::report;
use candor::core::hiring::Hiring;
use candor::core::AsOf;
use candor::report::{hire as render, json, Format};
use candor::Result;

#[derive(clap::Args)]
pub struct ReportArgs {
    /// Only this candidate (ranks and agreement still cover everyone)
    #[arg(long)]
    candidate: Option<String>,
    /// As of this date, or as of record SEQ
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

pub fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = View::load(ctx, args.as_of)?;
    let h = Hiring::of(&view.state);
    let only = match &args.candidate {
        Some(id) => Some(find(&h, id, "--candidate")?.id.clone()),
        None => None,
    };
    let r = report(&h);
    let company = &view.state.info().company;
    emit(&match ctx.format {
        Format::Json => json(&render::json(&r, view.at, only.as_deref())),
        Format::Md => render::doc(&r, view.at, company, only.as_deref()).markdown(),
        _ => render::doc(&r, view.at, company, only.as_deref()).terminal(),
    });
    Ok(())
}
