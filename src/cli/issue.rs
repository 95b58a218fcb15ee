//! `candor issue raise|resolve|list`: flags either side raises.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, rule, shared, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::issue as decide;
use candor::core::state::{IssueItem, State};
use candor::core::{text, AsOf, Date};
use candor::ledger::replay;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::json;

#[derive(clap::Args)]
pub struct IssueArgs {
    #[command(subcommand)]
    command: IssueCommand,
}

#[derive(clap::Subcommand)]
enum IssueCommand {
    /// Raise an issue (recorded as raised by --as, else the sales leader)
    Raise {
        /// Identifier [default: the next I-n]
        #[arg(long)]
        id: Option<String>,
        /// The issue in one line
        #[arg(long)]
        title: Option<String>,
        /// More about it
        #[arg(long)]
        detail: Option<String>,
        /// The day it was raised [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Resolve an open issue
    Resolve {
        id: Option<String>,
        /// How it was resolved
        #[arg(long)]
        resolution: Option<String>,
        /// The day it was resolved [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// List issues, open and resolved
    List {
        /// Only the open ones
        #[arg(long)]
        open: bool,
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: IssueArgs) -> Result<()> {
    match args.command {
        IssueCommand::List { open, as_of } => list(ctx, open, as_of),
        IssueCommand::Raise { id, title, detail, on } => raise(ctx, id, title, detail, on),
        IssueCommand::Resolve { id, resolution, on } => resolve(ctx, id, resolution, on),
    }
}

fn raise(
    ctx: &Context,
    id: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    on: Option<Date>,
) -> Result<()> {
    let session = Session::open(ctx)?;
    let state = &session.state;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let st = shared(&ask, state);
    let event = ask.settle(|ask| {
        // Without a prompt the next I-n is taken; with one it is offered.
        let id = match &id {
            None if ask.interactive() => {
                let (next, st) = (decide::next_issue_id(state), st.clone());
                let id_rule = rule(move |s| decide::new_issue_id(&st, s));
                Some(ask.text_with_default(None, "--id", "Issue id:", Some(&next), id_rule)?)
            }
            given => given.clone(),
        };
        let title = ask.text(title.clone(), "--title", "What is the issue (one line)?", check(text::name))?;
        let detail =
            ask.optional_text(detail.clone(), "More detail", check(|s| text::text(s, text::MAX_TEXT)))?;
        let summary = format!("Raise {}: \"{title}\"", id.as_deref().unwrap_or("the issue"));
        Ok((decide::raise(state, decide::NewIssue { id, title, detail, on }, session.today)?, summary))
    })?;
    session.record(ctx, vec![event]).map(drop)
}

fn resolve(ctx: &Context, id: Option<String>, resolution: Option<String>, on: Option<Date>) -> Result<()> {
    let session = Session::open(ctx)?;
    let state = &session.state;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let event = ask.settle(|ask| {
        let id = pick_open(ask, id.clone(), state)?;
        let resolution = ask.text(
            resolution.clone(),
            "--resolution",
            "How was it resolved?",
            check(|s| text::text(s, text::MAX_TEXT)),
        )?;
        Ok((decide::resolve(state, &id, &resolution, on, session.today)?, format!("Resolve {id}")))
    })?;
    session.record(ctx, vec![event]).map(drop)
}

/// The id given, or a filterable choice among the open issues.
fn pick_open(ask: &mut Ask, id: Option<String>, state: &State) -> Result<String> {
    if let Some(id) = id {
        return Ok(id);
    }
    let open: Vec<&IssueItem> =
        decide::in_order(state).into_iter().filter(|i| i.resolved.is_none()).collect();
    let options: Vec<String> = open
        .iter()
        .map(|i| format!("{} — {} (raised {} by {})", i.id, i.title, i.raised_on, i.raised_by))
        .collect();
    Ok(ask
        .choose("ID", "Which issue is resolved?", &options, 0)?
        .map_or(String::new(), |n| open[n].id.clone()))
}

fn list(ctx: &Context, open_only: bool, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, as_of)?;
    let shown: Vec<&IssueItem> =
        decide::in_order(&state).into_iter().filter(|i| !open_only || i.resolved.is_none()).collect();
    let status = |i: &IssueItem| if i.resolved.is_some() { "resolved" } else { "open" };
    let text = match ctx.format {
        Format::Json => json(&json!({
            "issues": shown.iter().map(|i| json!({
                "id": i.id, "title": i.title, "detail": i.detail, "raised_by": i.raised_by,
                "raised_on": i.raised_on.to_string(), "status": status(i),
                "resolved_on": i.resolved.as_ref().map(|(on, _)| on.to_string()),
                "resolution": i.resolved.as_ref().map(|(_, r)| r),
                "seq": i.origin.seq,
            })).collect::<Vec<_>>()
        })),
        format => {
            let headers = ["id", "title", "raised by", "raised", "status", "resolution"];
            let rows: Vec<Vec<String>> = shown
                .iter()
                .map(|i| {
                    let (status, resolution) = match &i.resolved {
                        Some((on, r)) => (format!("resolved ({on})"), r.clone()),
                        None => ("open".into(), String::new()),
                    };
                    vec![
                        i.id.clone(),
                        i.title.clone(),
                        i.raised_by.clone(),
                        i.raised_on.to_string(),
                        status,
                        resolution,
                    ]
                })
                .collect();
            table::render(format, &headers, &rows)
        }
    };
    emit(&text);
    Ok(())
}
