//! The command line: one `Command` enum, one `match`, a file per noun.

mod audit;
mod bench;
mod brief;
mod clock;
mod commitment;
mod completions;
mod context;
mod contingency;
mod correct;
mod deal;
mod demo;
mod examples;
mod expect;
mod forecast;
mod hire;
mod history;
mod import;
mod indicator;
mod init;
mod input;
mod integrity;
mod issue;
mod key;
mod man;
mod meeting;
mod member;
pub mod output;
mod plan;
mod plan_option;
mod plan_show;
mod prompt;
mod record;
mod remote;
mod replay;
mod revenue;
mod salvage;
mod serve;
mod signer;
mod spool;
mod threshold;
mod transfer;
mod trust;
mod view;
mod watchdog;

use candor::report::Format;
use candor::Result;
use clap::{CommandFactory, Parser, Subcommand};
use context::{ColorChoice, Context};

/// The heading global options are listed under, apart from a command's own.
const GLOBAL: &str = "Global options";
use std::path::PathBuf;

/// candor keeps the facts a CEO and a sales leader agree on — goals,
/// actuals, forecasts, deals, commitments, plans, meetings — in an
/// append-only, hash-chained ledger that anyone can verify.
#[derive(Parser)]
#[command(name = "candor", version, propagate_version = true)]
pub struct Cli {
    /// Ledger directory [default: the platform data directory, e.g. ~/.local/share/candor]
    #[arg(long, global = true, env = "CANDOR_LEDGER", value_name = "DIR", help_heading = GLOBAL)]
    pub(crate) ledger: Option<PathBuf>,
    /// Who is recording (a name, or the role the ledger knows them by)
    #[arg(long = "as", global = true, env = "CANDOR_ACTOR", value_name = "ACTOR", help_heading = GLOBAL)]
    actor: Option<String>,
    /// Output format: table, json or md (html where a command says so)
    #[arg(long, global = true, default_value = "table", value_parser = Format::parse, value_name = "FORMAT", help_heading = GLOBAL)]
    format: Format,
    /// Never prompt; a missing value is an error naming its flag (implied without a terminal)
    #[arg(long, global = true, help_heading = GLOBAL)]
    no_input: bool,
    /// Tables as wide as their content, whatever the terminal's width
    #[arg(long, global = true, help_heading = GLOBAL)]
    wide: bool,
    /// Colour status words: auto (a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, default_value = "auto", value_parser = ColorChoice::parse, value_name = "WHEN", help_heading = GLOBAL)]
    color: ColorChoice,
    /// Use the ledger a `candor serve` shares at URL: writes are signed here and sent there; reports read a
    /// verified replica kept in this machine's cache directory
    #[arg(long, global = true, env = "CANDOR_REMOTE", value_name = "URL", help_heading = GLOBAL)]
    remote: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Open a new ledger: company, CEO, sales leader, currency, fiscal year, cadence
    Init(init::InitArgs),
    /// Revenue goals: set (again, to replace), list
    Goal(revenue::GoalArgs),
    /// Actual revenue of a period that has started: record, list
    Actual(revenue::ActualArgs),
    /// Forecasts for a period, as of a date, by who makes them: submit, list
    Forecast(forecast::ForecastArgs),
    /// The pipeline: add, update, risk, clear-risk, won, lost, list, show, bands
    Deal(deal::DealArgs),
    /// Bring a CRM export in: import deals --source salesforce|hubspot|pipedrive|csv FILE
    Import(import::ImportArgs),
    /// Commitments, either side: add, done, reschedule, drop, missed, list
    Commitment(commitment::CommitmentArgs),
    /// The plan: goals, initiatives, activities, options ranked by impact and effort, changes, minimum run
    Plan(plan::PlanArgs),
    /// Leading indicators: define, record a week, list against target with the hit rate
    Indicator(indicator::IndicatorArgs),
    /// Agreed contingencies: add, record that one was acted on, list with what is triggered now
    Contingency(contingency::ContingencyArgs),
    /// The weekly meeting: hold (with the three questions' answers), skip, list
    Meeting(meeting::MeetingArgs),
    /// Issues either side raises: raise, resolve, list
    Issue(issue::IssueArgs),
    /// The recording clock: step back from a record stamped in the future
    Clock(clock::ClockArgs),
    /// Expectations: decision rights and the agreed focus — set, show
    Expect(expect::ExpectArgs),
    /// Correct a record: set a field to its right value, or void it, saying why (the original stays)
    Correct(correct::CorrectArgs),
    /// The weekly meeting brief: revenue, big deals, what changed (reconciled), risks, plan, commitments, indicators, trends, issues, the three questions
    #[command(long_about = brief::LONG_ABOUT)]
    Brief(brief::BriefArgs),
    /// The trust dashboard: every metric, its threshold, trend and the record that explains it
    Trust(trust::TrustArgs),
    /// The dashboard's green / amber levels: set (an override recorded in the ledger), list
    Threshold(threshold::ThresholdArgs),
    /// Each trust metric in depth, with the records behind every figure
    Audit(audit::AuditArgs),
    /// Keys on this machine: new (prints the public key to register), list, default
    Key(key::KeyArgs),
    /// The ledger's people, roles and keys: add, key, remove, list (the CEO changes them)
    Member(member::MemberArgs),
    /// The hiring scorecard: template, candidate, panel, score, seal, reveal, debrief, report, decide
    Hire(hire::HireArgs),
    /// List the raw history, one record a line
    Log(history::LogArgs),
    /// Show one record in full: bytes, hashes, event
    Show(history::ShowArgs),
    /// Print the head as SEQ:HASH — keep it somewhere else to prove the history later
    Digest,
    /// Check every record and link of the chain; with --digest, prove that exact history is still the prefix
    Verify(integrity::VerifyArgs),
    /// Write every record as JSON Lines, with its exact bytes and hash
    Export(transfer::ExportArgs),
    /// Rebuild a ledger from an export, verifying every line before anything is written
    Restore(transfer::RestoreArgs),
    /// Recover the longest verified prefix of a damaged store's chain, without sled, as an export
    #[command(long_about = salvage::LONG_ABOUT)]
    Salvage(salvage::SalvageArgs),
    /// Run a script of candor commands (one per line, each with its recording time) into a ledger
    Replay(replay::ReplayArgs),
    /// Replay two bundled scenarios into a throw-away ledger and tell their story, with the commands to see more
    Demo(demo::DemoArgs),
    /// Share this ledger with its members: the API `--remote` speaks, and the web pages
    Serve(serve::ServeArgs),
    /// Print the shell completion script: bash, zsh, fish, powershell or elvish
    #[command(long_about = completions::LONG_ABOUT)]
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff) of candor and every command
    #[command(long_about = man::LONG_ABOUT)]
    Man(man::ManArgs),
    /// Measurement helpers for benchmarks and crash tests (writes synthetic records)
    #[command(hide = true)]
    Bench(bench::BenchArgs),
}

/// The command line as `--help` shows it: the parser, with every command's
/// examples (`examples.rs`). Completions and the manual page are made from it.
pub fn command() -> clap::Command {
    examples::apply(Cli::command())
}

pub fn run(cli: Cli) -> Result<()> {
    run_at(cli, None)
}

/// Runs a parsed command; `now` overrides the recording clock (scripts).
pub fn run_at(cli: Cli, now: Option<candor::core::Timestamp>) -> Result<()> {
    // About candor itself, not a ledger: no ledger, clock or server needed.
    match cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Man(args) => return man::run(args),
        _ => {}
    }
    let mut ctx = Context::new(cli.ledger, cli.actor, cli.format, cli.no_input, now)?;
    ctx.wide = cli.wide;
    ctx.color = cli.color.resolve();
    // A replayed line runs quietly and keeps the look of the command that replays it.
    if !output::is_quiet() {
        candor::report::look::set(output::look(ctx.wide, ctx.color));
    }
    if let Some(url) = cli.remote.filter(|u| !u.trim().is_empty()) {
        use_remote(&mut ctx, &url, &cli.command)?;
    }
    // Every report reads its state through `replay::state`; as of a point
    // before record 1 that read ends here, as an empty report.
    let outcome =
        dispatch(&ctx, cli.command).or_else(|e| view::empty_report(&ctx, e, serde_json::Value::Null));
    output::finish_write();
    outcome
}

/// Points the command at the server's ledger through the local replica,
/// brought up to date (and verified) before the command reads it.
fn use_remote(ctx: &mut Context, url: &str, command: &Command) -> Result<()> {
    let url = candor::remote::client::normalise(url)?;
    ctx.ledger_dir = candor::remote::replica::dir_for(&url)?;
    let refused = match command {
        Command::Init(_) => Some("init"),
        Command::Restore(_) => Some("restore"),
        Command::Salvage(_) => Some("salvage"),
        Command::Replay(_) => Some("replay"),
        Command::Demo(_) => Some("demo"),
        Command::Bench(_) => Some("bench"),
        Command::Serve(_) => Some("serve"),
        Command::Key(_) => return Ok(()),
        _ => None,
    };
    if let Some(name) = refused {
        return Err(remote::refuse(name));
    }
    let client = remote::connect(ctx, &url)?;
    remote::sync(ctx, &client)?;
    ctx.remote = Some(client);
    Ok(())
}

fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Log(args) => history::log(ctx, args),
        Command::Show(args) => history::show(ctx, args),
        Command::Digest => integrity::digest(ctx),
        Command::Verify(args) => integrity::verify(ctx, args),
        Command::Export(args) => transfer::export(ctx, args),
        Command::Restore(args) => transfer::restore(ctx, args),
        Command::Commitment(args) => commitment::run(ctx, args),
        Command::Trust(args) => trust::run(ctx, args),
        Command::Threshold(args) => threshold::run(ctx, args),
        Command::Audit(args) => audit::run(ctx, args),
        Command::Goal(args) => revenue::goal(ctx, args),
        Command::Actual(args) => revenue::actual(ctx, args),
        Command::Forecast(args) => forecast::run(ctx, args),
        Command::Deal(args) => deal::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Hire(args) => hire::run(ctx, args),
        Command::Key(args) => key::run(ctx, args),
        Command::Member(args) => member::run(ctx, args),
        Command::Replay(args) => replay::run(ctx, args),
        Command::Meeting(args) => meeting::run(ctx, args),
        Command::Issue(args) => issue::run(ctx, args),
        Command::Clock(args) => clock::run(ctx, args),
        Command::Salvage(args) => salvage::run(args),
        Command::Expect(args) => expect::run(ctx, args),
        Command::Correct(args) => correct::run(ctx, args),
        Command::Plan(args) => plan::run(ctx, args),
        Command::Indicator(args) => indicator::run(ctx, args),
        Command::Contingency(args) => contingency::run(ctx, args),
        Command::Demo(args) => demo::run(ctx, args),
        Command::Brief(args) => brief::run(ctx, args),
        Command::Bench(args) => bench::run(ctx, args),
        Command::Serve(args) => serve::run(ctx, args),
        // Answered in `run_at` before any ledger or clock is set up.
        Command::Completions(_) | Command::Man(_) => Ok(()),
    }
}
