//! `candor brief`: the weekly meeting brief — revenue, big deals, what
//! changed (reconciled), risks, plan, commitments, indicators and
//! contingencies, trends, issues, and the three questions.

use super::context::Context;
use super::output::emit;
use super::view::View;
use candor::core::brief::{brief, window, Brief};
use candor::core::metrics::dashboard::dashboard;
use candor::core::{AsOf, Date, Period};
use candor::ledger::{replay, Ledger};
use candor::report::brief::change;
use candor::report::{brief as render, json, Format};
use candor::{Error, Result};
use std::path::PathBuf;

pub const LONG_ABOUT: &str = "The weekly meeting brief, on a fixed agenda: 1. revenue against the goal \
and the pipeline's coverage of the gap; 2. big deals won or closing; 3. what changed in the \
pipeline since the last meeting, with its exact reconciliation; 4. risks; 5. the plan; \
6. commitments on both sides, with say / do; 7. leading indicators and triggered \
contingencies; 8. trends; 9. issues; 10. the three questions.

--format table (default), md, json, or html: one self-contained page with inline SVG charts \
(no network access), readable on screen and in print. docs/brief.md defines every section.

Example:
  candor brief --format html --output brief.html";

#[derive(clap::Args)]
pub struct BriefArgs {
    /// The focus period: revenue, pipeline and big deals [default: the fiscal quarter of --until]
    #[arg(long, value_parser = Period::parse)]
    period: Option<Period>,
    /// Start of what changed [default: the last meeting held before --until, else the ledger's opening]
    #[arg(long, value_parser = Date::parse)]
    since: Option<Date>,
    /// End of what changed, and the day everything is judged on [default: the --as-of date, else today]
    #[arg(long, value_parser = Date::parse)]
    until: Option<Date>,
    /// Use the record as it stood on this date, or up to record SEQ
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
    /// Write the brief to FILE instead of the terminal (e.g. brief.html with --format html)
    #[arg(long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: BriefArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md, Format::Html]).map_err(|_| {
        Error::input("--format", "is not offered by this command; use table, json, md or html")
    })?;
    let ledger = ctx.open()?;
    let text = match View::from_ledger(&ledger, ctx, args.as_of) {
        Ok(view) => {
            let until = args.until.unwrap_or(view.at);
            let w = window(&view.state, args.period, args.since, Some(until), ctx.today())?;
            let b = brief(&view.state, w.period, w.since, w.until);
            match ctx.format {
                Format::Html => {
                    let earlier = last_week(&ledger, &view, &b);
                    let trust = dashboard(&view.state, b.until);
                    render::html_with(&b, &render::Extras { last_week: earlier.as_ref(), trust: &trust })
                }
                _ => render_as(&b, ctx.format),
            }
        }
        // Before the opening the brief is empty, and says so — in the file too.
        Err(e) => super::view::empty_report_text(ctx, e, serde_json::Value::Null)?,
    };
    // Released before the page is written: a slow disk keeps no one out.
    drop(ledger);
    match args.output {
        None => emit(&text),
        Some(path) => {
            std::fs::write(&path, text)
                .map_err(|e| Error::input("--output", format!("cannot write {}: {e}", path.display())))?;
            emit(&format!("wrote the brief to {}\n", path.display()));
        }
    }
    Ok(())
}

/// The same brief as the record stood a week before its end (for the HTML
/// cards' week-over-week change), or None before the ledger's opening.
/// Never later than the record the brief itself reads (`--as-of SEQ`).
fn last_week(ledger: &Ledger, view: &View, b: &Brief) -> Option<Brief> {
    let state = replay::state(ledger, Some(AsOf::Date(change::week_before(b)))).ok()?;
    let state = if state.last_seq > view.state.last_seq { &view.state } else { &state };
    change::last_week(state, b)
}

/// The brief in one of the offered formats.
pub fn render_as(b: &Brief, format: Format) -> String {
    match format {
        Format::Json => json(&render::json(b)),
        Format::Md => render::doc(b).markdown(),
        Format::Html => render::html(b),
        Format::Table => render::doc(b).terminal(),
    }
}
