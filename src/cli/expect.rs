//! `candor expect set|show`: decision rights and the agreed focus.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::expect::{self as decide, Expectation, Split};
use candor::core::state::State;
use candor::core::vocab::{DecisionArea, DecisionRight};
use candor::core::{AsOf, Date};
use candor::ledger::replay;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct ExpectArgs {
    #[command(subcommand)]
    command: ExpectCommand,
}

#[derive(clap::Subcommand)]
enum ExpectCommand {
    /// Agree a decision right, the leader's focus, or both
    Set {
        /// hire-fire, compensation, restructuring, pricing or new-markets
        #[arg(long, value_parser = DecisionArea::parse)]
        area: Option<DecisionArea>,
        /// leader-decides, leader-decides-and-informs, consult-ceo-first or ceo-decides
        #[arg(long, value_parser = DecisionRight::parse)]
        right: Option<DecisionRight>,
        /// Percent of time coaching (with --selling and --new-markets, adding up to 100)
        #[arg(long)]
        coaching: Option<u8>,
        /// Percent of time selling
        #[arg(long)]
        selling: Option<u8>,
        /// Percent of time on new markets
        #[arg(long)]
        new_markets: Option<u8>,
        /// Percent of time in the office (with --field, adding up to 100)
        #[arg(long)]
        office: Option<u8>,
        /// Percent of time in the field
        #[arg(long)]
        field: Option<u8>,
        /// The day it was agreed [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Show every decision right (or "not agreed") and the agreed focus
    #[command(visible_alias = "list")]
    Show {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: ExpectArgs) -> Result<()> {
    match args.command {
        ExpectCommand::Show { as_of } => show(ctx, as_of),
        ExpectCommand::Set { area, right, coaching, selling, new_markets, office, field, on } => {
            let session = Session::open(ctx)?;
            let mut terminal = Terminal;
            let mut ask = Ask::new(prompter(ctx, &mut terminal));
            let split = Split { coaching, selling, new_markets, office, field };
            let given = Expectation { area, right, split, on };
            let events = ask.settle(|ask| {
                let e = gather(ask, &session.state, given.clone())?;
                let summary = summary(&e);
                Ok((decide::set(&session.state, e, session.today)?, summary))
            })?;
            session.record(ctx, events)?;
            Ok(())
        }
    }
}

/// What the prompt offers to set when no flag says.
enum Topic {
    Right(DecisionArea),
    Activities,
    Places,
}

/// Fills what the flags left open, when a prompt may be shown; otherwise
/// the decision names the missing flags.
fn gather(ask: &mut Ask, state: &State, mut e: Expectation) -> Result<Expectation> {
    if !ask.interactive() {
        return Ok(e);
    }
    let mut activities = [e.split.coaching, e.split.selling, e.split.new_markets].iter().any(Option::is_some);
    let mut places = e.split.office.is_some() || e.split.field.is_some();
    if e.area.is_none() && e.right.is_none() && !activities && !places {
        match choose_topic(ask, state)? {
            Topic::Right(area) => e.area = Some(area),
            Topic::Activities => activities = true,
            Topic::Places => places = true,
        }
    }
    if e.right.is_some() && e.area.is_none() {
        let areas: Vec<String> = DecisionArea::ALL.iter().map(|a| a.to_string()).collect();
        e.area = ask.choose("--area", "Which decision?", &areas, 0)?.map(|i| DecisionArea::ALL[i]);
    }
    if let (Some(area), None) = (e.area, e.right) {
        e.right = choose_right(ask, state, area)?;
    }
    let agreed = state.focus.as_ref().map(|f| f.value);
    if agreed.is_none() && (activities || places) {
        // The first agreement gives both groups.
        (activities, places) = (true, true);
    }
    if activities {
        let s = &mut e.split;
        s.coaching =
            percent(ask, s.coaching, "--coaching", "Coaching, % of time:", agreed.map(|f| f.coaching))?;
        s.selling = percent(ask, s.selling, "--selling", "Selling, % of time:", agreed.map(|f| f.selling))?;
        let rest = 100u8.saturating_sub(s.coaching.unwrap_or(0).saturating_add(s.selling.unwrap_or(0)));
        s.new_markets = percent(ask, s.new_markets, "--new-markets", "New markets, % of time:", Some(rest))?;
    }
    if places {
        let s = &mut e.split;
        s.office = percent(ask, s.office, "--office", "In the office, % of time:", agreed.map(|f| f.office))?;
        let rest = 100u8.saturating_sub(s.office.unwrap_or(0));
        s.field = percent(ask, s.field, "--field", "In the field, % of time:", Some(rest))?;
    }
    Ok(e)
}

fn choose_topic(ask: &mut Ask, state: &State) -> Result<Topic> {
    let mut options: Vec<String> = DecisionArea::ALL
        .iter()
        .map(|a| {
            format!("{a} (now: {})", state.decision_rights.get(a).map_or("not agreed", |r| r.value.as_str()))
        })
        .collect();
    let focus = state.focus.as_ref().map(|f| f.value);
    options.push(format!(
        "focus: coaching / selling / new markets (now: {})",
        focus.map_or("not agreed".into(), |f| format!("{} / {} / {}", f.coaching, f.selling, f.new_markets))
    ));
    options.push(format!(
        "focus: office / field (now: {})",
        focus.map_or("not agreed".into(), |f| format!("{} / {}", f.office, f.field))
    ));
    let areas = DecisionArea::ALL.len();
    Ok(match ask.choose("--area", "What do you agree?", &options, 0)? {
        Some(i) if i < areas => Topic::Right(DecisionArea::ALL[i]),
        Some(i) if i == areas => Topic::Activities,
        _ => Topic::Places,
    })
}

fn choose_right(ask: &mut Ask, state: &State, area: DecisionArea) -> Result<Option<DecisionRight>> {
    let current = state.decision_rights.get(&area).map(|r| r.value);
    let options: Vec<String> = DecisionRight::ALL
        .iter()
        .map(|r| if Some(*r) == current { format!("{r} (current)") } else { r.to_string() })
        .collect();
    let start = current.and_then(|c| DecisionRight::ALL.iter().position(|r| *r == c)).unwrap_or(0);
    let label = format!("Who decides {area}?");
    Ok(ask.choose("--right", &label, &options, start)?.map(|i| DecisionRight::ALL[i]))
}

fn percent(
    ask: &mut Ask,
    value: Option<u8>,
    flag: &'static str,
    label: &str,
    default: Option<u8>,
) -> Result<Option<u8>> {
    if value.is_some() {
        return Ok(value);
    }
    let rule = |s: &str| match s.trim().parse::<u8>() {
        Ok(n) if n <= 100 => Ok(n),
        _ => Err(format!("'{s}' is not a percentage; expected a whole number from 0 to 100")),
    };
    let default = default.map(|d| d.to_string());
    let answer = ask.text_with_default(None, flag, label, default.as_deref(), check(rule))?;
    Ok(rule(&answer).ok())
}

fn summary(e: &Expectation) -> String {
    let mut parts = Vec::new();
    if let (Some(area), Some(right)) = (e.area, e.right) {
        parts.push(format!("{area}: {right}"));
    }
    let n = |v: Option<u8>| v.map_or("?".into(), |v| v.to_string());
    let s = e.split;
    if s.coaching.is_some() || s.selling.is_some() || s.new_markets.is_some() {
        parts.push(format!(
            "coaching {} / selling {} / new markets {}",
            n(s.coaching),
            n(s.selling),
            n(s.new_markets)
        ));
    }
    if s.office.is_some() || s.field.is_some() {
        parts.push(format!("office {} / field {}", n(s.office), n(s.field)));
    }
    format!("Agree {}", parts.join("; "))
}

fn show(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, as_of)?;
    let focus = state.focus.as_ref();
    let text = match ctx.format {
        Format::Json => json(&json!({
            "decision_rights": DecisionArea::ALL.iter().map(|a| {
                let r = state.decision_rights.get(a);
                json!({
                    "area": a.as_str(),
                    "right": r.map(|r| r.value.as_str()),
                    "on": r.map(|r| r.on.to_string()),
                    "seq": r.map(|r| r.origin.seq),
                })
            }).collect::<Vec<_>>(),
            "focus": focus.map_or(Value::Null, |f| json!({
                "coaching": f.value.coaching, "selling": f.value.selling, "new_markets": f.value.new_markets,
                "office": f.value.office, "field": f.value.field, "on": f.on.to_string(), "seq": f.origin.seq,
            })),
        })),
        format => {
            let mut rows: Vec<Vec<String>> = DecisionArea::ALL
                .iter()
                .map(|a| match state.decision_rights.get(a) {
                    Some(r) => vec![a.to_string(), r.value.to_string(), r.on.to_string()],
                    None => vec![a.to_string(), "not agreed".into(), String::new()],
                })
                .collect();
            let (activities, places, on) = match focus {
                Some(f) => (
                    format!(
                        "coaching {}% / selling {}% / new markets {}%",
                        f.value.coaching, f.value.selling, f.value.new_markets
                    ),
                    format!("office {}% / field {}%", f.value.office, f.value.field),
                    f.on.to_string(),
                ),
                None => ("not agreed".into(), "not agreed".into(), String::new()),
            };
            rows.push(vec!["focus: activities".into(), activities, on.clone()]);
            rows.push(vec!["focus: office / field".into(), places, on]);
            let headers = ["decision", "agreed", "since"];
            table::render(format, &headers, &rows)
        }
    };
    emit(&text);
    Ok(())
}
