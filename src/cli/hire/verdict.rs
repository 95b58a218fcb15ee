//! `candor hire debrief` and `candor hire decide`.

use super::{pick, private};
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::{check, Ask, Terminal};
use crate::cli::record::{prompter, Session};
use crate::cli::signer::{self, Signing};
use candor::core::decide::hire::{self as decide, NewDecision};
use candor::core::hiring::Hiring;
use candor::core::state::{Origin, State};
use candor::core::text;
use candor::core::vocab::HireDecision;
use candor::core::{Date, Event, Hash32};
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

/// Opens the debrief (the CEO) and, in the same append, reveals every
/// sealed score of the candidate whose clear copy and panelist's key are on
/// this machine, each signed by its panelist. Says who is still pending.
pub fn debrief(ctx: &Context, args: DebriefArgs) -> Result<()> {
    // Read before the session holds the ledger: which private store to read.
    let ledger = private::ledger_id(ctx)?;
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let h = Hiring::of(&session.state);
    let recorded = |id: &str| {
        h.current_scores(id).len()
            + h.seals.iter().filter(|s| s.candidate == id && s.revealed.is_none()).count()
    };
    let ready: Vec<(String, String)> = h
        .candidates
        .iter()
        .filter(|c| c.debrief.is_none() && recorded(&c.id) > 0)
        .map(|c| (c.id.clone(), format!("{} — {} ({} scored)", c.id, c.name, recorded(&c.id))))
        .collect();
    let (candidate, event) = ask.settle(|ask| {
        let label = "Open the debrief for which candidate?";
        let candidate = pick(ask, args.candidate.clone(), "--candidate", label, ready.clone())?;
        let summary = format!("Open the debrief for {candidate}: every panelist's scores become visible");
        let event = decide::debrief(&session.state, &candidate)?;
        Ok(((candidate, event), summary))
    })?;
    let ceo = session.signing(ctx, None)?;
    let mut after = session.state.clone();
    let origin = Origin { seq: after.last_seq + 1, recorded_at: ctx.now };
    after.apply(origin, &ceo.member, &event);
    let (reveals, lines) = reveals(ctx, &after, &ledger, &candidate);
    let mut parts = vec![(ceo, vec![event])];
    parts.extend(reveals);
    session.record_signed(ctx, parts)?;
    emit(&lines);
    Ok(())
}

/// The reveals this machine can make for `candidate` (the debrief applied
/// to `state`), and a line per panelist: revealed, pending, or not scored.
fn reveals(
    ctx: &Context,
    state: &State,
    ledger: &Hash32,
    candidate: &str,
) -> (Vec<(Signing, Vec<Event>)>, String) {
    let h = Hiring::of(state);
    let Some(c) = h.candidate(candidate) else { return (Vec::new(), String::new()) };
    let mut parts = Vec::new();
    let mut out = format!("Debrief for {} — {}:\n", c.id, c.name);
    let later = |p: &str| format!("{p} runs `candor hire reveal --candidate {}`", c.id);
    for p in &h.panel {
        let name = p.name.as_str();
        let Some(seal) = h.open_seal(&c.id, name) else {
            let line = match h.current_scores(&c.id).iter().any(|s| s.panelist == name) {
                true => "score already in the record".to_string(),
                false => "no score recorded".to_string(),
            };
            out.push_str(&format!("  {name}: {line}\n"));
            continue;
        };
        let line = match private::reveal_event(state, ledger, &c.id, name) {
            Ok(event) => match signer::resolve(ctx, state, Some(name)) {
                Ok(signing) => {
                    parts.push((signing, vec![event]));
                    format!("revealed (sealed in #{}), signed by {name}", seal.seq)
                }
                Err(_) => format!(
                    "sealed (#{}), no usable key for {name} on this machine — {}",
                    seal.seq,
                    later(name)
                ),
            },
            // Through a server, a score given on the web waits in the
            // server's store, and the server reveals it right after this.
            Err(private::NotHere::Absent) if ctx.remote.is_some() => format!(
                "sealed (#{}), not on this machine — the server reveals it now if it was scored on the web; \
                 otherwise {}",
                seal.seq,
                later(name)
            ),
            Err(private::NotHere::Absent) => {
                format!("sealed (#{}), not on this machine — {}", seal.seq, later(name))
            }
            Err(private::NotHere::Refused(e)) => {
                format!("sealed (#{}), not revealed: {e}", seal.seq)
            }
        };
        out.push_str(&format!("  {name}: {line}\n"));
    }
    (parts, out)
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
    let (events, departs) = ask.settle(|ask| {
        let candidate =
            pick(ask, args.candidate.clone(), "--candidate", "Decide on which candidate?", open.clone())?;
        let decisions: Vec<(String, String)> =
            HireDecision::ALL.iter().map(|d| (d.to_string(), d.to_string())).collect();
        let decision = pick(ask, args.decision.clone(), "--decision", "Decision:", decisions)?;
        let reason = ask.text(
            args.reason.clone(),
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
        let input = NewDecision { candidate, decision, reason, make_leader, on: args.on };
        Ok((decide::decide(state, input, today)?, summary))
    })?;
    session.record(ctx, events)?;
    if let Some(why) = departs {
        emit(&format!("note: this decision departs from the ranking ({why}); the reason is on the record\n"));
    }
    Ok(())
}
