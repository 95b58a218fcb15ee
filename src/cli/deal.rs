//! `candor deal add|update|risk|clear-risk|won|lost|list|show|bands`: the pipeline.

mod action;
mod ask;
mod bands;
mod view;

use super::context::Context;
use super::prompt::{Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::deal as decide;
use candor::core::state::State;
use candor::core::{Date, Event};
use candor::{Error, Result};

#[derive(clap::Args, Clone)]
pub struct DealArgs {
    #[command(subcommand)]
    command: DealCommand,
}

#[derive(clap::Subcommand, Clone)]
enum DealCommand {
    /// Open a deal: account, amount, expected close date, stage, win probability
    Add(AddArgs),
    /// Change an open deal's amount, expected close, stage or probability
    Update(UpdateArgs),
    /// Flag an open deal at risk, saying why (bad news early)
    Risk(RiskArgs),
    /// Clear the risk flag of a deal at risk
    ClearRisk(ClearRiskArgs),
    /// Mark an open deal won, at its final amount if it changed
    Won(WonArgs),
    /// Mark an open deal lost, saying why
    Lost(LostArgs),
    /// List deals: terms, size band, status, risk
    List(view::ListArgs),
    /// One deal: its current terms and every version it went through
    Show(view::ShowArgs),
    /// Set the size bands (and the agreed pipeline mix); without flags, show them
    Bands(bands::BandsArgs),
}

#[derive(clap::Args, Clone)]
pub struct AddArgs {
    /// Identifier [default in prompts: the next D-n]
    #[arg(long)]
    id: Option<String>,
    /// The customer's name
    #[arg(long)]
    account: Option<String>,
    /// Amount, e.g. 120000, 120,000, 120k, 1.2M
    #[arg(long)]
    amount: Option<String>,
    /// Expected close date, YYYY-MM-DD [prompt default: the end of the fiscal quarter]
    #[arg(long, value_parser = Date::parse)]
    close: Option<Date>,
    /// Sales stage, e.g. qualification, discovery, proposal, negotiation, commit
    #[arg(long)]
    stage: Option<String>,
    /// Win probability in percent, 0–100
    #[arg(long, value_parser = decide::probability, value_name = "0..100")]
    probability: Option<u8>,
    /// The day the deal was opened [default: today]
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

#[derive(clap::Args, Clone)]
pub struct UpdateArgs {
    id: Option<String>,
    /// New amount
    #[arg(long)]
    amount: Option<String>,
    /// New expected close date (not in the past)
    #[arg(long, value_parser = Date::parse)]
    close: Option<Date>,
    /// New stage
    #[arg(long)]
    stage: Option<String>,
    /// New win probability, 0–100
    #[arg(long, value_parser = decide::probability, value_name = "N")]
    probability: Option<u8>,
    /// The day the change happened [default: today]
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

#[derive(clap::Args, Clone)]
pub struct RiskArgs {
    id: Option<String>,
    /// What puts the deal at risk
    #[arg(long)]
    reason: Option<String>,
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
    /// What is being done about the risk (with --owner and --by)
    #[arg(long)]
    action: Option<String>,
    /// Who owns the action: ceo, leader or a name
    #[arg(long)]
    owner: Option<String>,
    /// The date the action is due by
    #[arg(long, value_parser = Date::parse)]
    by: Option<Date>,
}

impl RiskArgs {
    fn has_action(&self) -> bool {
        self.action.is_some() || self.owner.is_some() || self.by.is_some()
    }
}

#[derive(clap::Args, Clone)]
pub struct ClearRiskArgs {
    id: Option<String>,
    /// What removed the risk
    #[arg(long)]
    note: Option<String>,
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

#[derive(clap::Args, Clone)]
pub struct WonArgs {
    id: Option<String>,
    /// The final amount [default: the deal's current amount]
    #[arg(long)]
    amount: Option<String>,
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

#[derive(clap::Args, Clone)]
pub struct LostArgs {
    id: Option<String>,
    /// Why the deal was lost
    #[arg(long)]
    reason: Option<String>,
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

pub fn run(ctx: &Context, args: DealArgs) -> Result<()> {
    let command = match args.command {
        DealCommand::List(a) => return view::list(ctx, a),
        DealCommand::Show(a) => return view::show(ctx, a),
        DealCommand::Bands(a) if a.shows() => return bands::show(ctx, a),
        DealCommand::Risk(a) if a.has_action() => return action::run(ctx, a),
        other => other,
    };
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let event = ask.settle(|ask| {
        let event = decide_command(ask, state, today, command.clone())?()?;
        Ok((event.clone(), view::describe(state, &event)))
    })?;
    session.record(ctx, vec![event])?;
    Ok(())
}

/// Gathers the values of one recording command (flags, else prompts) and
/// returns how to decide it once they are all known.
fn decide_command<'s>(
    ask: &mut Ask,
    state: &'s State,
    today: Date,
    command: DealCommand,
) -> Result<Decision<'s>> {
    Ok(match command {
        DealCommand::Add(a) => {
            let input = ask::add(ask, state, today, a)?;
            Box::new(move || decide::add(state, input, today))
        }
        DealCommand::Update(a) => {
            let (id, input) = ask::update(ask, state, today, a)?;
            Box::new(move || decide::update(state, &id, input, today))
        }
        DealCommand::Risk(a) => {
            let (id, reason) = ask::risk(ask, state, a.id, a.reason)?;
            Box::new(move || decide::risk(state, &id, &reason, a.on, today))
        }
        DealCommand::ClearRisk(a) => {
            let (id, note) = ask::clear_risk(ask, state, a.id, a.note)?;
            Box::new(move || decide::clear_risk(state, &id, note.as_deref(), a.on, today))
        }
        DealCommand::Won(a) => {
            let (id, amount) = ask::won(ask, state, a.id, a.amount)?;
            Box::new(move || decide::won(state, &id, amount.as_deref(), a.on, today))
        }
        DealCommand::Lost(a) => {
            let (id, reason) = ask::lost(ask, state, a.id, a.reason)?;
            Box::new(move || decide::lost(state, &id, &reason, a.on, today))
        }
        DealCommand::Bands(a) => {
            let (bands, targets) = a.into_specs()?;
            Box::new(move || decide::set_bands(state, &bands, &targets))
        }
        DealCommand::List(_) | DealCommand::Show(_) => {
            return Err(Error::Usage("deal list and show record nothing".into()))
        }
    })
}

type Decision<'s> = Box<dyn FnOnce() -> Result<Event> + 's>;
