//! `candor meeting hold`: the meeting's records from flags, and from the
//! guided agenda when a terminal is present and answers are missing. All
//! of them are appended as one atomic unit, or none.

use super::guide;
use super::seal;
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::Terminal;
use crate::cli::record::Session;
use candor::core::decide::agenda::{parse_commitment, parse_pair, under, Agenda, Closing};
use candor::core::decide::meeting::HeldMeeting;
use candor::core::vocab::Answer;
use candor::core::Date;
use candor::ledger::Digest;
use candor::report::Format;
use candor::{Error, Result};

#[derive(clap::Args)]
pub struct HoldArgs {
    /// The day it was held [default: today]
    #[arg(long, value_parser = Date::parse)]
    pub date: Option<Date>,
    /// Did we work the plan? yes, partly or no
    #[arg(long, value_parser = Answer::parse)]
    pub worked_plan: Option<Answer>,
    /// Did it get results? yes, partly or no
    #[arg(long, value_parser = Answer::parse)]
    pub results: Option<Answer>,
    /// Do we adjust the plan — how and when? `none` records that no adjustment was agreed
    #[arg(long, value_name = "TEXT|none")]
    pub adjust: Option<String>,
    /// Notes from the meeting
    #[arg(long)]
    pub note: Option<String>,
    /// Who attended: ceo, leader or a name; repeat for each [default: the CEO and the sales leader]
    #[arg(long = "attendee", value_name = "NAME")]
    pub attendees: Vec<String>,
    /// How useful the meeting was, 1–10
    #[arg(long)]
    pub rating: Option<u8>,
    /// A commitment made at the meeting (owner: ceo, leader or a name); repeat for each; ids are the next C-n
    #[arg(long = "commit", value_name = "OWNER:DUE:WHAT")]
    pub commits: Vec<String>,
    /// Mark an open commitment done at the meeting (its owner's right: the one recording must own
    /// it); repeat for each
    #[arg(long = "done", value_name = "ID")]
    pub dones: Vec<String>,
    /// Mark an open commitment missed (after its due date); repeat for each
    #[arg(long = "missed", value_name = "ID")]
    pub misses: Vec<String>,
    /// Move an open commitment to a new due date, saying why (its owner's right); repeat for each
    #[arg(long = "reschedule", value_name = "ID:DUE:REASON")]
    pub reschedules: Vec<String>,
    /// Clear a deal's risk, with an optional note; repeat for each
    #[arg(long = "clear-risk", value_name = "DEAL[:NOTE]")]
    pub clear_risks: Vec<String>,
    /// Flag a deal at risk, with the reason; repeat for each
    #[arg(long = "flag-risk", value_name = "DEAL:REASON")]
    pub flag_risks: Vec<String>,
    /// Raise an issue; repeat for each; ids are the next I-n
    #[arg(long = "raise", value_name = "TITLE")]
    pub raises: Vec<String>,
    /// Resolve an open issue, saying how; repeat for each
    #[arg(long = "resolve", value_name = "ID:RESOLUTION")]
    pub resolves: Vec<String>,
    /// A plan change agreed at the meeting: what changes; repeat for each, each with its --why
    #[arg(long = "plan-change", value_name = "WHAT")]
    pub plan_changes: Vec<String>,
    /// Why the plan changes: one per --plan-change, in the same order (required)
    #[arg(long = "why", value_name = "TEXT")]
    pub whys: Vec<String>,
    /// When each plan change takes effect: none, or one per --plan-change [default: the meeting's date]
    #[arg(long = "effective", value_parser = Date::parse, value_name = "DATE")]
    pub effectives: Vec<Date>,
    /// Who asked for the plan changes: ceo, leader or a name [default: who is recording]
    #[arg(long, value_name = "NAME")]
    pub requested_by: Option<String>,
    /// You agree that the ledger's head after the meeting's records is the record: append your
    /// acknowledgement of it, signed by your key (the other side runs `candor meeting ack`)
    #[arg(long)]
    pub acknowledge: bool,
}

impl HoldArgs {
    /// The three answers are all given, so nothing needs to be asked.
    fn answered(&self) -> bool {
        self.worked_plan.is_some() && self.results.is_some() && self.adjust.is_some()
    }

    pub fn held(&self) -> HeldMeeting {
        HeldMeeting {
            date: self.date,
            worked_plan: self.worked_plan,
            results: self.results,
            adjust: self.adjust.clone(),
            note: self.note.clone(),
            attendees: self.attendees.clone(),
            rating: self.rating,
        }
    }
}

pub fn run(ctx: &Context, args: HoldArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let signing = session.signing(ctx, None)?;
    let actor = signing.member.clone();
    let date = args.date.unwrap_or(session.today);
    let mut agenda = Agenda::new(&session.state, date, &actor, ctx.now)?;
    from_flags(&mut agenda, &args, &actor)?;
    let acknowledge = if ctx.interactive && !args.answered() {
        let head = session.head();
        guide::run(
            &mut Terminal,
            super::pages::Screen::of_terminal(),
            &session.state,
            &mut agenda,
            &args,
            |records| seal::predict(head, &signing, ctx.now, records),
        )?
    } else {
        agenda.hold(args.held())?;
        args.acknowledge
    };
    let mut records = agenda.records()?;
    if acknowledge {
        let head = seal::predict(session.head(), &signing, ctx.now, &records)?;
        let last = head.last().ok_or_else(|| Error::Usage("a meeting writes at least one record".into()))?;
        records.push(agenda.acknowledgement(last.seq, last.hash)?);
    }
    let others = agenda.others_to_acknowledge();
    let digests = session.record_signed(ctx, vec![(signing, records)])?;
    if let (true, [.., head, ack]) = (acknowledge && ctx.format != Format::Json, digests.as_slice()) {
        emit(&format!(
            "You acknowledged the ledger as of record #{} (hash {}),\n\
             which includes this meeting; your acknowledgement is record #{}.\n",
            head.seq,
            abbreviated(head),
            ack.seq
        ));
    }
    if acknowledge && !others.is_empty() {
        emit(&format!(
            "{} acknowledges on their own key: candor meeting ack (pending until then)\n",
            others.join(" and ")
        ));
    }
    Ok(())
}

/// The actions given as flags, each checked against the ones before it.
fn from_flags(agenda: &mut Agenda, args: &HoldArgs, actor: &str) -> Result<()> {
    for spec in &args.clear_risks {
        let (id, note) = parse_pair(spec, false, "").map_err(|m| Error::input("--clear-risk", m))?;
        agenda.clear_risk(&id, note.as_deref()).map_err(|e| under("--clear-risk", e))?;
    }
    for spec in &args.flag_risks {
        let (id, reason) =
            parse_pair(spec, true, "D-1:\"Champion left\"").map_err(|m| Error::input("--flag-risk", m))?;
        agenda.flag_risk(&id, reason.as_deref().unwrap_or("")).map_err(|e| under("--flag-risk", e))?;
    }
    for title in &args.raises {
        agenda.raise(title).map_err(|e| under("--raise", e))?;
    }
    for spec in &args.resolves {
        let (id, how) =
            parse_pair(spec, true, "I-1:\"Agreed a 15% floor\"").map_err(|m| Error::input("--resolve", m))?;
        agenda.resolve(&id, how.as_deref().unwrap_or("")).map_err(|e| under("--resolve", e))?;
    }
    let n = args.plan_changes.len();
    if args.whys.len() != n {
        return Err(Error::input(
            "--why",
            format!(
                "give one --why for each --plan-change, in the same order ({n} changes, {} reasons)",
                args.whys.len()
            ),
        ));
    }
    if !args.effectives.is_empty() && args.effectives.len() != n {
        return Err(Error::input(
            "--effective",
            format!(
                "give none, or one --effective for each --plan-change ({n} changes, {} dates)",
                args.effectives.len()
            ),
        ));
    }
    let requested_by = args.requested_by.clone().unwrap_or_else(|| actor.to_string());
    for (i, (what, why)) in args.plan_changes.iter().zip(&args.whys).enumerate() {
        agenda
            .change_plan(what, why, args.effectives.get(i).copied(), &requested_by)
            .map_err(|e| under("--plan-change", e))?;
    }
    for id in &args.dones {
        agenda.close_commitment(id, Closing::Done).map_err(|e| under("--done", e))?;
    }
    for id in &args.misses {
        agenda.close_commitment(id, Closing::Missed).map_err(|e| under("--missed", e))?;
    }
    for spec in &args.reschedules {
        let (id, due, reason) = parse_reschedule(spec).map_err(|m| Error::input("--reschedule", m))?;
        agenda
            .close_commitment(&id, Closing::Rescheduled { due, reason })
            .map_err(|e| under("--reschedule", e))?;
    }
    for spec in &args.commits {
        let (owner, due, what) = parse_commitment(spec).map_err(|m| Error::input("--commit", m))?;
        agenda.commit(&owner, &what, due).map_err(|e| under("--commit", e))?;
    }
    Ok(())
}

/// `ID:DUE:REASON` (e.g. `C-2:2026-02-13:Waiting on legal`).
fn parse_reschedule(spec: &str) -> std::result::Result<(String, Date, String), String> {
    let bad = || format!("'{spec}' is not ID:DUE:REASON; e.g. C-2:2026-02-13:\"Waiting on legal\"");
    let (id, rest) = spec.split_once(':').ok_or_else(bad)?;
    let (due, reason) = rest.split_once(':').ok_or_else(bad)?;
    let due = Date::parse(due.trim()).map_err(|m| format!("in '{spec}': {m}"))?;
    Ok((id.trim().to_string(), due, reason.trim().to_string()))
}

/// A record's hash, short enough to read aloud and long enough to compare.
pub fn abbreviated(d: &Digest) -> String {
    let hex = d.hash.to_hex();
    format!("{}…{}", &hex[..8], &hex[hex.len() - 4..])
}
