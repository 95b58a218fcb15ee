//! `candor import deals`: a CRM export brought in as the changes since the
//! ledger last saw each deal — parsed and decided in full before anything
//! is written, then recorded as one durable append.

mod show;

use super::context::Context;
use super::input::{read_text_or_stdin, EXPORT_LIMIT};
use super::record::Session;
use candor::core::Date;
use candor::import::convert::Rate;
use candor::import::date::Order;
use candor::import::{diff, read, DiffOptions, Mapping, MissingPolicy, Source};
use candor::report::Format;
use candor::{Error, Result};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    command: ImportCommand,
}

#[derive(clap::Subcommand)]
enum ImportCommand {
    /// The pipeline from a CRM export: new deals, changed amounts, close dates, stages, wins and losses
    #[command(long_about = DEALS_ABOUT)]
    Deals(DealsArgs),
}

const DEALS_ABOUT: &str = "The pipeline from a CRM export (Salesforce, HubSpot, Pipedrive or any CSV).

The file is the pipeline as of --as-of. Each deal (matched by the CRM's id) is compared with the \
ledger: a new open deal is added; a changed amount, close date, stage or probability is an update \
(a later close date is a slip, an earlier one a pull-in); a won or lost stage closes the deal. \
Nothing else is recorded, so importing the same file again records nothing. Every row is read and \
checked first; a refused value names its row and column and nothing is written.";

#[derive(clap::Args)]
pub struct DealsArgs {
    /// The CRM that wrote the export: salesforce, hubspot, pipedrive, or csv (with --map)
    #[arg(long, value_parser = Source::parse)]
    source: Source,
    /// The export (CSV, UTF-8); - reads standard input
    file: PathBuf,
    /// The day the export was taken: the date of every change [default: today]
    #[arg(long, value_parser = Date::parse, value_name = "DATE")]
    as_of: Option<Date>,
    /// Show the changes it would record, and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Open deals the export no longer lists: report (write nothing for them), lost, or ignore
    #[arg(long, default_value = "report", value_parser = parse_missing)]
    missing: MissingPolicy,
    /// COLUMN=FIELD (id, account, name, amount, currency, close, stage, status, probability, owner,
    /// lost_reason, created), or STAGE=won|lost for a custom closing stage
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// CUR=RATE: converts rows in CUR at one CUR = RATE of the ledger's currency
    #[arg(long, value_parser = Rate::parse, value_name = "CUR=RATE")]
    fx: Vec<Rate>,
    /// How to read slash dates the file leaves ambiguous: mdy (3/4/2026 is March 4) or dmy
    #[arg(long, value_parser = Order::parse, value_name = "mdy|dmy")]
    date_format: Option<Order>,
    /// The file's text encoding; only utf-8 is read (save a windows-1252 export as CSV UTF-8)
    #[arg(long, default_value = "utf-8", value_parser = parse_encoding)]
    encoding: String,
}

fn parse_missing(s: &str) -> std::result::Result<MissingPolicy, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "report" => Ok(MissingPolicy::Report),
        "lost" => Ok(MissingPolicy::Lost),
        "ignore" => Ok(MissingPolicy::Ignore),
        _ => Err(format!("'{s}' is not a choice; expected report, lost or ignore")),
    }
}

fn parse_encoding(s: &str) -> std::result::Result<String, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Ok("utf-8".into()),
        _ => Err(format!("'{s}' is not read; save the export as CSV UTF-8 and give --encoding utf-8")),
    }
}

/// Above this many lines, a terminal shows a progress bar while reading.
const PROGRESS_LINES: usize = 10_000;

pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    let ImportCommand::Deals(args) = args.command;
    ctx.require_format(&[Format::Table, Format::Json])?;
    let mapping = Mapping::new(args.source, &args.map).map_err(|m| Error::input("--map", m))?;
    let text = read_text_or_stdin(&args.file, "a CRM export", EXPORT_LIMIT)?;
    let bar = progress_bar(&text);
    let table = read(&text, &mapping, args.date_format, &mut |b| bar.set_position(b));
    bar.finish_and_clear();
    let table = table?;
    drop(text);
    let opts = options(ctx, &args)?;
    if args.dry_run {
        let state = candor::ledger::replay::state(&ctx.open()?, None)?;
        let mut plan = diff(&state, &table, &opts)?;
        return show::print(ctx, &show::Summary::new(args.source, opts.as_of, &table, &mut plan, true));
    }
    let session = Session::open(ctx)?;
    let mut plan = diff(&session.state, &table, &opts)?;
    let summary = show::Summary::new(args.source, opts.as_of, &table, &mut plan, false);
    if !plan.events.is_empty() {
        super::output::set_quiet(true);
        let written = session.record(ctx, plan.events);
        super::output::set_quiet(false);
        written?;
    }
    show::print(ctx, &summary)
}

fn options(ctx: &Context, args: &DealsArgs) -> Result<DiffOptions> {
    Ok(DiffOptions {
        as_of: args.as_of.unwrap_or(ctx.today()),
        today: ctx.today(),
        now: ctx.now,
        missing: args.missing,
        fx: args.fx.clone(),
        source: args.source.name(),
    })
}

/// A bar on standard error for a big file on a terminal; hidden otherwise.
fn progress_bar(text: &str) -> indicatif::ProgressBar {
    let big = text.bytes().filter(|b| *b == b'\n').take(PROGRESS_LINES + 1).count() > PROGRESS_LINES;
    if !big || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(text.len() as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("reading {bar:40} {bytes}/{total_bytes} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
