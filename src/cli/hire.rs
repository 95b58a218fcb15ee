//! `candor hire template|candidate|panel|score|reveal|debrief|report|decide`:
//! the hiring scorecard for a sales leader (docs/scorecard.md).

mod people;
mod private;
mod report;
mod score;
mod template;
mod verdict;

use super::context::Context;
use super::prompt::Ask;
use candor::Result;

#[derive(clap::Args)]
pub struct HireArgs {
    #[command(subcommand)]
    command: HireCommand,
}

#[derive(clap::Subcommand)]
enum HireCommand {
    /// The interview template: show the one in force, or load a new version from a file
    #[command(subcommand)]
    Template(template::TemplateCommand),
    /// Candidates: add, list
    #[command(subcommand)]
    Candidate(people::CandidateCommand),
    /// The interview panel: add, list
    #[command(subcommand)]
    Panel(people::PanelCommand),
    /// Score a candidate (sealed until the debrief; `hire seal` is the same command)
    #[command(alias = "seal")]
    Score(score::ScoreArgs),
    /// Reveal your sealed score from this machine's private store, after the debrief opened
    Reveal(score::RevealArgs),
    /// Open a candidate's debrief: from then on reports show every panelist's scores
    Debrief(verdict::DebriefArgs),
    /// The scorecard: scores, ranks, flags for the debrief, agreement between raters
    Report(report::ReportArgs),
    /// Record the decision and its reason; --make-leader makes a hire the sales leader
    Decide(verdict::DecideArgs),
}

pub fn run(ctx: &Context, args: HireArgs) -> Result<()> {
    match args.command {
        HireCommand::Template(c) => template::run(ctx, c),
        HireCommand::Candidate(c) => people::candidate(ctx, c),
        HireCommand::Panel(c) => people::panel(ctx, c),
        HireCommand::Score(a) => score::score(ctx, a),
        HireCommand::Reveal(a) => score::reveal(ctx, a),
        HireCommand::Debrief(a) => verdict::debrief(ctx, a),
        HireCommand::Report(a) => report::run(ctx, a),
        HireCommand::Decide(a) => verdict::decide(ctx, a),
    }
}

/// The value given, or a filterable choice among `items` (id, label).
fn pick(
    ask: &mut Ask,
    value: Option<String>,
    flag: &'static str,
    label: &str,
    items: Vec<(String, String)>,
) -> Result<String> {
    if let Some(v) = value {
        return Ok(v);
    }
    let options: Vec<String> = items.iter().map(|(_, l)| l.clone()).collect();
    Ok(ask.choose(flag, label, &options, 0)?.map_or(String::new(), |i| items[i].0.clone()))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        crate::cli::Cli::command().debug_assert();
    }
}
