//! `candor hire debrief` and `candor hire decide`.

use super::pick;
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::{check, Ask, Terminal};
use crate::cli::record::{prompter, Session};
use candor::core::decide::hire::{self as decide, NewDecision};
use candor::core::hiring::Hiring;
use candor::core::text;
use candor::core::vocab::HireDecision;
use candor::core::Date;
use candor::Result;

#[derive(clap::Args)]
pub struct DebriefArgs {
    /// The candidate's id
    #[arg(long)]
    candidate: Option<String>,
}

#[derive(clap::Args)]
pub struct DecideArgs {
    /// The candidate's id
    #[arg(long)]
    candidate: Option<String>,
    /// hire or no-hire
    #[arg(long, value_name = "hire|no-hire")]
    decision: Option<String>,
    /// The rationale, for the record
    #[arg(long)]
    reason: Option<String>,
    /// Also make the hired candidate the ledger's sales leader
    #[arg(long)]
    make_leader: bool,
    /// The day the new sales leader takes over (with --make-leader) [default: today]
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

pub fn debrief(ctx: &Context, args: DebriefArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let h = Hiring::of(&session.state);
    let ready: Vec<(String, String)> = h
        .candidates
        .iter()
        .filter(|c| c.debrief.is_none() && !h.current_scores(&c.id).is_empty())
        .map(|c| (c.id.clone(), format!("{} — {} ({} scored)", c.id, c.name, h.current_scores(&c.id).len())))
        .collect();
    let candidate =
        pick(&mut ask, args.candidate, "--candidate", "Open the debrief for which candidate?", ready)?;
    ask.finish(&format!("Open the debrief for {candidate}: every panelist's scores become visible"))?;
    let event = decide::debrief(&session.state, &candidate)?;
    session.record(ctx, vec![event])?;
    Ok(())
}

pub fn decide(ctx: &Context, args: DecideArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let h = Hiring::of(state);
    let prompting =
        ask.interactive() && (args.candidate.is_none() || args.decision.is_none() || args.reason.is_none());
    let open: Vec<(String, String)> = h
        .candidates
        .iter()
        .filter(|c| c.decision.is_none() && !h.current_scores(&c.id).is_empty())
        .map(|c| (c.id.clone(), format!("{} — {}", c.id, c.name)))
        .collect();
    let candidate = pick(&mut ask, args.candidate, "--candidate", "Decide on which candidate?", open)?;
    let decisions: Vec<(String, String)> =
        HireDecision::ALL.iter().map(|d| (d.to_string(), d.to_string())).collect();
    let decision = pick(&mut ask, args.decision, "--decision", "Decision:", decisions)?;
    let reason = ask.text(
        args.reason,
        "--reason",
        "Why? (the rationale, for the record)",
        check(|s| text::text(s, text::MAX_TEXT)),
    )?;
    let mut make_leader = args.make_leader;
    if prompting && !make_leader && HireDecision::parse(&decision) == Ok(HireDecision::Hire) {
        let name = h.candidate(&candidate).map_or(candidate.clone(), |c| c.name.clone());
        let options = vec!["no".to_string(), format!("yes: {name} becomes the sales leader")];
        make_leader = ask.choose_or("Make them the ledger's sales leader now?", &options, 0)? == 1;
    }
    let summary =
        format!("{decision} {candidate}{}", if make_leader { ", as the new sales leader" } else { "" });
    ask.finish(&summary)?;
    let input = NewDecision { candidate, decision, reason, make_leader, on: args.on };
    let (events, departs) = decide::decide(state, input, today)?;
    session.record(ctx, events)?;
    if let Some(why) = departs {
        emit(&format!("note: this decision departs from the ranking ({why}); the reason is on the record\n"));
    }
    Ok(())
}
