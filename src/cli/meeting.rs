//! `candor meeting hold|skip|list`.

mod ack;
mod actions;
mod close;
mod guide;
mod hold;
mod pages;
mod questions;
mod seal;

use super::context::Context;
use super::output::emit;
use super::prompt::{check, date_rule, shared, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::acknowledge::{self, MeetingAcks};
use candor::core::decide::meeting as decide;
use candor::core::state::{Meeting, MeetingKind, State};
use candor::core::vocab::Answer;
use candor::core::{text, AsOf, Date};
use candor::ledger::replay;
use candor::report::brief::acks_json;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

const HOLD_HELP: &str = "Hold the weekly meeting and record it.

With a terminal, and unless --worked-plan, --results and --adjust are all given, the meeting \
is guided: the brief's sections are shown one at a time (revenue, big deals, what changed, \
risks, the plan, commitments, indicators and contingencies, trends, issues), each waiting for \
Enter — or for its actions — before the next, and a section taller than the terminal a page at \
a time. At the risks, clear or flag a deal at risk; at the commitments, close each open one due \
by the meeting: done, missed, rescheduled (a new due date and why) or left open, by the rules \
and rights of `candor commitment` (only the owner marks theirs done or moves it), a refusal \
shown at once; at the issues, raise or resolve one. Then the three questions are asked, with \
no answer chosen in advance (did we work the plan? did it get results? do we adjust it — how \
and when, or none?), plan changes and new commitments are captured, the meeting is rated 1–10 \
(or `skip`), and the ledger digest the meeting's records will produce is shown for the person \
recording to acknowledge (\"we agree this is the record\"), signed by their key; the other side \
acknowledges the same digest on their own key, at the meeting or later on their own machine, \
with `candor meeting ack`. At the end it says which record was acknowledged and which record \
the acknowledgement is.

Everything the guided meeting asks can also be given as flags; without a terminal (or with \
--no-input) the flags are all there is. All of the meeting's records — the meeting, its \
commitments, risk actions, issues, plan changes and the acknowledgement — are written \
together as one atomic unit, or not at all: Esc or Ctrl-C at any prompt, or any refused \
value, writes nothing.

Example:
  candor meeting hold --worked-plan partly --results no \\
    --adjust \"Two more demos a week, from Monday\" \\
    --plan-change \"Two more demos a week\" \\
    --why \"Demos below target for 2 weeks\" \\
    --commit leader:2026-01-16:\"Book 10 demos\" \\
    --commit ceo:2026-01-16:\"Join two demos\" \\
    --clear-risk D-1:\"New champion found\" --resolve I-1:\"Agreed a 15% floor\" \\
    --done C-3 --missed C-4 --reschedule C-5:2026-01-23:\"Waiting on legal\" \\
    --rating 8 --acknowledge";

#[derive(clap::Args)]
pub struct MeetingArgs {
    #[command(subcommand)]
    command: MeetingCommand,
}

#[derive(clap::Subcommand)]
enum MeetingCommand {
    /// Hold the weekly meeting: guided through the brief's agenda with a terminal, or by flags
    #[command(long_about = HOLD_HELP)]
    Hold(Box<hold::HoldArgs>),
    /// Acknowledge a meeting's head on your own key: the other side's half of "we agree this is the
    /// record"
    Ack(ack::AckArgs),
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
        MeetingCommand::Hold(args) => hold::run(ctx, *args),
        MeetingCommand::Ack(args) => ack::run(ctx, args),
        MeetingCommand::Skip { date, reason } => skip(ctx, date, reason),
    }
}

fn skip(ctx: &Context, date: Option<Date>, reason: Option<String>) -> Result<()> {
    let session = Session::open(ctx)?;
    let (state, today) = (&session.state, session.today);
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let st = shared(&ask, state);
    let event = ask.settle(|ask| {
        // The date is judged at its prompt: not ahead, not a meeting already recorded.
        let st = st.clone();
        let fits = date_rule(move |d| decide::skip(&st, d, "-", today).map(drop));
        let label = "Which meeting was skipped (YYYY-MM-DD)?";
        let date = ask.required_date_with(date, "--date", label, today, fits)?;
        let reason = ask.text(
            reason.clone(),
            "--reason",
            "Why was it skipped?",
            check(|s| text::text(s, text::MAX_TEXT)),
        )?;
        let date = date.unwrap_or(today);
        Ok((decide::skip(state, date, &reason, today)?, format!("Skip the meeting of {date}")))
    })?;
    session.record(ctx, vec![event]).map(drop)
}

fn answer(a: Option<Answer>) -> Value {
    a.map_or(Value::Null, |a| Value::from(a.as_str()))
}

fn meeting_json(state: &State, m: &Meeting) -> Value {
    let acks = acknowledge::of_meeting(state, m);
    match &m.kind {
        MeetingKind::Held { attendees, worked_plan, results, adjust, note, rating } => json!({
            "seq": m.origin.seq, "date": m.date.to_string(), "status": "held",
            "attendees": attendees, "worked_plan": answer(*worked_plan), "results": answer(*results),
            "adjust": adjust, "note": note, "rating": rating, "reason": null,
            "acknowledgements": acks_json(&acks), "pending": acks.pending,
        }),
        MeetingKind::Skipped { reason } => json!({
            "seq": m.origin.seq, "date": m.date.to_string(), "status": "skipped",
            "attendees": [], "worked_plan": null, "results": null,
            "adjust": null, "note": null, "rating": null, "reason": reason,
            "acknowledgements": [], "pending": [],
        }),
    }
}

/// "Dana #68 (2026-02-02), Lee pending" — one cell.
fn acks_cell(acks: &MeetingAcks) -> String {
    candor::report::brief::acks_text(acks)
}

fn row(state: &State, m: &Meeting) -> Vec<String> {
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
            acks_cell(&acknowledge::of_meeting(state, m)),
        ],
        MeetingKind::Skipped { reason } => {
            let blank = || "—".to_string();
            vec![
                m.date.to_string(),
                "skipped".into(),
                blank(),
                blank(),
                blank(),
                blank(),
                reason.clone(),
                blank(),
            ]
        }
    }
}

fn list(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, as_of)?;
    let meetings = decide::by_date(&state);
    let text = match ctx.format {
        Format::Json => {
            json(&json!({ "meetings": meetings.iter().map(|m| meeting_json(&state, m)).collect::<Vec<_>>() }))
        }
        format => {
            let headers = [
                "date",
                "meeting",
                "worked the plan",
                "results",
                "adjust",
                "rating",
                "reason",
                "acknowledged",
            ];
            let rows: Vec<Vec<String>> = meetings.iter().map(|m| row(&state, m)).collect();
            table::render(format, &headers, &rows)
        }
    };
    emit(&text);
    Ok(())
}
