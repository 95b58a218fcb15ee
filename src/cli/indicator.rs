//! `candor indicator define|record|list`: leading indicators, week by week.

use super::context::Context;
use super::output::emit;
use super::plan::snapshot;
use super::prompt::{check, rule, shared, Ask, Terminal};
use super::record::{prompter, Session};
use candor::core::decide::indicator::{
    self as decide, format_milli, hit_rate, last_weeks, mark, parse_milli, plan_worked, target_text, WeekMark,
};
use candor::core::metrics::in_progress;
use candor::core::metrics::weeks::Week;
use candor::core::state::{Indicator, State};
use candor::core::vocab::Direction;
use candor::core::{AsOf, Date};
use candor::error::FieldContext;
use candor::report::audit::indicators as indicators_report;
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct IndicatorArgs {
    #[command(subcommand)]
    command: IndicatorCommand,
}

#[derive(clap::Subcommand)]
enum IndicatorCommand {
    /// Define a leading indicator: a name, a weekly target and a direction
    Define {
        #[arg(long)]
        name: Option<String>,
        /// Weekly target, up to 3 decimals (e.g. 50 or 2.5)
        #[arg(long, allow_hyphen_values = true)]
        target: Option<String>,
        /// at-least or at-most [default: at-least]
        #[arg(long, value_parser = Direction::parse)]
        direction: Option<Direction>,
    },
    /// Record one ISO week's value of an indicator
    Record {
        #[arg(long)]
        name: Option<String>,
        /// ISO week, YYYY-Www [prompt default: the last complete week]
        #[arg(long, value_parser = Week::parse)]
        week: Option<Week>,
        /// The week's value, up to 3 decimals
        #[arg(long, allow_hyphen_values = true)]
        value: Option<String>,
    },
    /// The last complete weeks against target (hit, miss, missing) and the hit rate
    List {
        /// How many complete weeks to show, 1–52
        #[arg(long, default_value_t = 13, value_parser = clap::value_parser!(u16).range(1..=52))]
        weeks: u16,
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: IndicatorArgs) -> Result<()> {
    if let IndicatorCommand::List { weeks, as_of } = args.command {
        return list(ctx, usize::from(weeks), as_of);
    }
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let st = shared(&ask, state);
    let event = match args.command {
        IndicatorCommand::Define { name, target, direction } => ask.settle(|ask| {
            let st = st.clone();
            let name_rule = rule(move |s| decide::new_name(&st, s));
            let name =
                ask.text(name.clone(), "--name", "Indicator name (e.g. Discovery calls):", name_rule)?;
            let target = ask.text(target.clone(), "--target", "Weekly target:", check(parse_milli))?;
            let direction = match direction {
                Some(d) => d,
                None => {
                    let options = vec![
                        "at-least — a good week reaches the target".to_string(),
                        "at-most — a good week stays at or under it".to_string(),
                    ];
                    Direction::ALL[ask.choose_or("Direction:", &options, 0)?]
                }
            };
            let summary = format!("Track {name}: {direction} {target} a week");
            Ok((decide::define(state, &name, &target, direction)?, summary))
        })?,
        IndicatorCommand::Record { name, week, value } => ask.settle(|ask| {
            let name = match &name {
                Some(n) => n.clone(),
                None => choose_indicator(ask, state, "--name", "Which indicator?")?,
            };
            let week = match week {
                Some(w) => Some(w),
                None => {
                    let default = Week::last_complete_before(today).to_string();
                    // A week already recorded, or not begun, is refused here.
                    let found = decide::find(state, &name, "--name").ok().cloned();
                    let week_rule = rule(move |s| {
                        let week = Week::parse(s).field("--week")?;
                        found.as_ref().map_or(Ok(()), |i| decide::week_open(i, week, today))
                    });
                    let answer =
                        ask.text_with_default(None, "--week", "Week (YYYY-Www):", Some(&default), week_rule)?;
                    Week::parse(&answer).ok()
                }
            };
            let week_text = week.map_or("?".into(), |w| w.to_string());
            let target = decide::find(state, &name, "--name").map(target_text).unwrap_or_default();
            let label = format!("Value in {week_text} (target {target}):");
            let value = ask.text(value.clone(), "--value", &label, check(parse_milli))?;
            let summary = format!("{name} in {week_text}: {value}");
            Ok((decide::record(state, &name, week.unwrap_or(Week::of(today)), &value, today)?, summary))
        })?,
        IndicatorCommand::List { .. } => unreachable!("handled above"),
    };
    session.record(ctx, vec![event])?;
    Ok(())
}

/// A filterable choice among the defined indicators.
pub fn choose_indicator(ask: &mut Ask, state: &State, flag: &'static str, label: &str) -> Result<String> {
    let all: Vec<&Indicator> = state.indicators.values().collect();
    let options: Vec<String> =
        all.iter().map(|i| format!("{} (target {})", i.name, target_text(i))).collect();
    Ok(ask.choose(flag, label, &options, 0)?.map_or(String::new(), |i| all[i].name.clone()))
}

fn list(ctx: &Context, n: usize, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let (state, today) = snapshot(ctx, as_of)?;
    let weeks = last_weeks(today, n);
    let text = match ctx.format {
        Format::Json => json(&list_json(&state, &weeks, today)),
        format => {
            let (headers, rows) = list_rows(&state, &weeks);
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let title = format!(
                "Leading indicators, {} to {} (the {n} complete week{} before {today}); ✓ hit, ✗ miss, — missing\n",
                weeks[0],
                weeks[weeks.len() - 1],
                if n == 1 { "" } else { "s" }
            );
            // The week in progress, apart: in no hit rate above.
            let now = in_progress::indicators(&state, today);
            let this_week = match now.rows.is_empty() {
                true => String::new(),
                false => format!("\n{}\n", indicators_report::this_week_line(&now)),
            };
            match format {
                Format::Md => format!("## {title}\n{}{this_week}", table::markdown(&headers, &rows)),
                _ => {
                    let tail = match this_week.is_empty() {
                        true => String::new(),
                        false => format!("\n{}", candor::report::page::paragraph(this_week.trim())),
                    };
                    format!(
                        "{}{}{tail}",
                        candor::report::page::paragraph(&title),
                        table::terminal(&headers, &rows)
                    )
                }
            }
        }
    };
    emit(&text);
    Ok(())
}

fn number(milli: i64) -> Value {
    json!(milli as f64 / 1000.0)
}

fn share(v: Option<f64>) -> String {
    v.map_or("—".into(), |r| format!("{:.0}%", r * 100.0))
}

fn list_json(state: &State, weeks: &[Week], today: Date) -> Value {
    let indicators: Vec<Value> = state
        .indicators
        .values()
        .map(|i| {
            let marks: Vec<WeekMark> = weeks.iter().map(|w| mark(i, *w)).collect();
            let hits = marks.iter().filter(|m| matches!(m, WeekMark::Hit(_))).count();
            let counted = marks.iter().filter(|m| **m != WeekMark::Untracked).count();
            json!({
                "name": i.name, "target": number(i.target_milli), "direction": i.direction.as_str(),
                "hit_rate": hit_rate(i, weeks), "hits": hits, "weeks_counted": counted,
                "weeks": weeks.iter().zip(&marks).map(|(w, m)| json!({
                    "week": w.to_string(),
                    "value": match m { WeekMark::Hit(v) | WeekMark::Miss(v) => number(*v), _ => Value::Null },
                    "status": m.word(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "as_of": today.to_string(),
        "weeks": weeks.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "indicators": indicators,
        "plan_worked": weeks.iter().map(|w| json!({ "week": w.to_string(), "share": plan_worked(state, *w) })).collect::<Vec<_>>(),
        "in_progress": indicators_report::this_week_json(&in_progress::indicators(state, today)),
    })
}

fn list_rows(state: &State, weeks: &[Week]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers = vec!["indicator".to_string(), "target".to_string()];
    headers.extend(weeks.iter().map(|w| format!("W{:02}", w.week)));
    headers.push("hit rate".into());
    let mut rows: Vec<Vec<String>> = state
        .indicators
        .values()
        .map(|i| {
            let mut row = vec![i.name.clone(), target_text(i)];
            row.extend(weeks.iter().map(|w| match mark(i, *w) {
                WeekMark::Hit(v) => format!("{} ✓", format_milli(v)),
                WeekMark::Miss(v) => format!("{} ✗", format_milli(v)),
                WeekMark::Missing => "—".into(),
                WeekMark::Untracked => String::new(),
            }));
            row.push(share(hit_rate(i, weeks)));
            row
        })
        .collect();
    if !rows.is_empty() {
        let mut worked = vec!["plan worked".to_string(), "share hit".to_string()];
        worked.extend(weeks.iter().map(|w| share(plan_worked(state, *w))));
        worked.push(String::new());
        rows.push(worked);
    }
    (headers, rows)
}
