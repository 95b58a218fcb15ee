//! `candor plan option add` and `candor plan adopt`: options weighed by
//! impact and effort, and the one the plan takes up.

use super::context::Context;
use super::prompt::{check, rule, shared, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::plan as decide;
use candor::core::decide::{next_free_id, plan_review::ranked_options};
use candor::core::{text, Date};
use candor::Result;

#[derive(clap::Subcommand)]
pub enum OptionCommand {
    /// Propose an option, rated 1–5 for impact and for effort
    Add {
        /// Identifier [default in prompts: the next O-n]
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// 1 (minimal) to 5 (transformational)
        #[arg(long)]
        impact: Option<String>,
        /// 1 (trivial) to 5 (very large)
        #[arg(long)]
        effort: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// The day it was proposed [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
}

const IMPACT: [&str; 5] = ["minimal", "small", "moderate", "large", "transformational"];
const EFFORT: [&str; 5] = ["trivial", "small", "moderate", "large", "very large"];

pub fn run_option(ctx: &Context, command: OptionCommand) -> Result<()> {
    let OptionCommand::Add { id, title, impact, effort, note, on } = command;
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let default_id = next_free_id("O", state.plan.options.keys());
    let st = shared(&ask, state);
    let event = ask.settle(|ask| {
        let st = st.clone();
        let id_rule = rule(move |s| decide::new_option_id(&st, s));
        let id = ask.text_with_default(id.clone(), "--id", "Option id:", Some(&default_id), id_rule)?;
        let title = ask.text(title.clone(), "--title", "What is the option?", check(text::name))?;
        let impact = scale(ask, impact.clone(), "--impact", "Impact if it works?", &IMPACT)?;
        let effort = scale(ask, effort.clone(), "--effort", "Effort to do it?", &EFFORT)?;
        let note = ask.optional_text(note.clone(), "Note", check(|s| text::text(s, text::MAX_TEXT)))?;
        let summary = format!("Option {id} \"{title}\": impact {impact}, effort {effort}");
        let input = decide::NewOption { id, title, impact, effort, note, on };
        Ok((decide::option_add(state, input, today)?, summary))
    })?;
    session.record(ctx, vec![event])?;
    Ok(())
}

/// A 1–5 rating: the flag, or a choice among labelled levels (starting mid-scale).
fn scale(
    ask: &mut Ask,
    value: Option<String>,
    flag: &'static str,
    label: &str,
    words: &[&str; 5],
) -> Result<String> {
    if let Some(v) = value {
        return Ok(v);
    }
    let options: Vec<String> = words.iter().enumerate().map(|(i, w)| format!("{} — {w}", i + 1)).collect();
    Ok(ask.choose(flag, label, &options, 2)?.map_or(String::new(), |i| (i + 1).to_string()))
}

pub fn adopt(ctx: &Context, id: Option<String>, note: Option<String>, on: Option<Date>) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let event = ask.settle(|ask| {
        let id = match &id {
            Some(id) => id.clone(),
            None => {
                // Ranked, so the best impact for effort is offered first.
                let open: Vec<_> =
                    ranked_options(&state.plan).into_iter().filter(|o| o.adopted_on.is_none()).collect();
                let options: Vec<String> = open
                    .iter()
                    .map(|o| format!("{} — {} (impact {}, effort {})", o.id, o.title, o.impact, o.effort))
                    .collect();
                ask.choose("ID", "Which option is adopted?", &options, 0)?
                    .map_or(String::new(), |i| open[i].id.clone())
            }
        };
        let note = ask.optional_text(note.clone(), "Note", check(|s| text::text(s, text::MAX_TEXT)))?;
        Ok((decide::adopt(state, &id, note, on, today)?, format!("Adopt option {id}")))
    })?;
    session.record(ctx, vec![event])?;
    Ok(())
}

/// The word for an impact rating (1–5), for lists.
pub fn impact_word(n: u8) -> &'static str {
    IMPACT.get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("")
}

/// The word for an effort rating (1–5), for lists.
pub fn effort_word(n: u8) -> &'static str {
    EFFORT.get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("")
}
