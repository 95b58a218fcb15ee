//! `candor meeting hold|skip|list`.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::meeting as decide;
use candor::core::state::{Meeting, MeetingKind};
use candor::core::vocab::Answer;
use candor::core::{text, AsOf, Date};
use candor::ledger::replay;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct MeetingArgs {
    #[command(subcommand)]
    command: MeetingCommand,
}

#[derive(clap::Subcommand)]
enum MeetingCommand {
    /// Record a meeting that was held, with the answers to the three questions
    Hold {
        /// The day it was held [default: today]
        #[arg(long, value_parser = Date::parse)]
        date: Option<Date>,
        /// Did we work the plan? yes, partly or no
        #[arg(long, value_parser = Answer::parse)]
        worked_plan: Option<Answer>,
        /// Did it get results? yes, partly or no
        #[arg(long, value_parser = Answer::parse)]
        results: Option<Answer>,
        /// Do we adjust the plan — how and when? `none` records that no adjustment was agreed
        #[arg(long, value_name = "TEXT|none")]
        adjust: Option<String>,
        /// Notes from the meeting
        #[arg(long)]
        note: Option<String>,
        /// Who attended: ceo, leader or a name; repeat for each [default: the CEO and the sales leader]
        #[arg(long = "attendee", value_name = "NAME")]
        attendees: Vec<String>,
        /// How useful the meeting was, 1–10
        #[arg(long)]
        rating: Option<u8>,
    },
    /// Record that a meeting did not take place, and why
    Skip {
        /// The day it was due [prompt default: today]
        #[arg(long, value_parser = Date::parse)]
        date: Option<Date>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// List meetings by date: held or skipped, the answers, the rating, the reason
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: MeetingArgs) -> Result<()> {
    match args.command {
        MeetingCommand::List { as_of } => list(ctx, as_of),
        // Flags only: the guided meeting walks the brief's agenda instead.
        MeetingCommand::Hold { date, worked_plan, results, adjust, note, attendees, rating } => {
            let session = Session::open(ctx)?;
            let held = decide::HeldMeeting { date, worked_plan, results, adjust, note, attendees, rating };
            let event = decide::hold(&session.state, held, session.today)?;
            session.record(ctx, vec![event]).map(drop)
        }
        MeetingCommand::Skip { date, reason } => skip(ctx, date, reason),
    }
}

fn skip(ctx: &Context, date: Option<Date>, reason: Option<String>) -> Result<()> {
    let session = Session::open(ctx)?;
    let today = session.today;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let date = ask.required_date(date, "--date", "Which meeting was skipped (YYYY-MM-DD)?", today)?;
    let reason =
        ask.text(reason, "--reason", "Why was it skipped?", check(|s| text::text(s, text::MAX_TEXT)))?;
    ask.finish(&format!("Skip the meeting of {}", date.map_or("?".into(), |d| d.to_string())))?;
    let event = decide::skip(&session.state, date.unwrap_or(today), &reason, today)?;
    session.record(ctx, vec![event]).map(drop)
}

fn answer(a: Option<Answer>) -> Value {
    a.map_or(Value::Null, |a| Value::from(a.as_str()))
}

fn meeting_json(m: &Meeting) -> Value {
    match &m.kind {
        MeetingKind::Held { attendees, worked_plan, results, adjust, note, rating } => json!({
            "seq": m.origin.seq, "date": m.date.to_string(), "status": "held",
            "attendees": attendees, "worked_plan": answer(*worked_plan), "results": answer(*results),
            "adjust": adjust, "note": note, "rating": rating, "reason": null,
        }),
        MeetingKind::Skipped { reason } => json!({
            "seq": m.origin.seq, "date": m.date.to_string(), "status": "skipped",
            "attendees": [], "worked_plan": null, "results": null,
            "adjust": null, "note": null, "rating": null, "reason": reason,
        }),
    }
}

fn row(m: &Meeting) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let word = |a: &Option<Answer>| a.map_or("—".into(), |a| a.to_string());
    match &m.kind {
        MeetingKind::Held { worked_plan, results, adjust, rating, .. } => vec![
            m.date.to_string(),
            "held".into(),
            word(worked_plan),
            word(results),
            text(adjust),
            rating.map_or("—".into(), |r| r.to_string()),
            String::new(),
        ],
        MeetingKind::Skipped { reason } => {
            let blank = || "—".to_string();
            vec![m.date.to_string(), "skipped".into(), blank(), blank(), blank(), blank(), reason.clone()]
        }
    }
}

fn list(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, as_of)?;
    let meetings = decide::by_date(&state);
    let text = match ctx.format {
        Format::Json => {
            json(&json!({ "meetings": meetings.iter().map(|m| meeting_json(m)).collect::<Vec<_>>() }))
        }
        format => {
            let headers = ["date", "meeting", "worked the plan", "results", "adjust", "rating", "reason"];
            let rows: Vec<Vec<String>> = meetings.iter().map(|m| row(m)).collect();
            if format == Format::Md {
                table::markdown(&headers, &rows)
            } else {
                table::terminal(&headers, &rows)
            }
        }
    };
    emit(&text);
    Ok(())
}
