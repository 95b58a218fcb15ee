//! `candor forecast submit|list`: forecasts for a period, as of a date, by
//! the person who makes them.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, Ask, Terminal};
use super::record::{prompter, Session};
use super::revenue::{ask_period, list_state, money_rule, render, AMOUNT_FORMS};
use candor::core::decide::agreed;
use candor::core::decide::revenue::{self as decide, NewForecast};
use candor::core::metrics::forecast::is_backdated;
use candor::core::state::{Forecast, State};
use candor::core::{text, AsOf, Date, Event, Money, Period};
use candor::error::FieldContext;
use candor::Result;
use serde_json::json;

#[derive(clap::Args)]
pub struct ForecastArgs {
    #[command(subcommand)]
    command: ForecastCommand,
}

#[derive(clap::Subcommand)]
enum ForecastCommand {
    /// Submit a forecast for a period, as of a date; it belongs to the one recording it (--as)
    Submit(SubmitArgs),
    /// Record the forecast the CEO and the sales leader agree on at the meeting
    Agree(AgreeArgs),
    /// List forecasts, flagging those recorded more than 7 days after their as-of date
    List {
        /// Only forecasts for this period
        #[arg(long)]
        period: Option<String>,
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

#[derive(clap::Args)]
struct SubmitArgs {
    /// YYYY-MM, YYYY-Qn or YYYY [prompt default: the current fiscal quarter]
    #[arg(long)]
    period: Option<String>,
    /// The forecast: 1250000, 1,250,000, 1.25M or 250k
    #[arg(long)]
    amount: Option<String>,
    /// The part you are sure of (at most the amount)
    #[arg(long)]
    commit: Option<String>,
    /// The best case (at least the amount)
    #[arg(long)]
    best_case: Option<String>,
    /// The open pipeline behind the forecast
    #[arg(long)]
    pipeline: Option<String>,
    /// The day the forecast is true, within the period at the latest [default: today]
    #[arg(long, value_parser = Date::parse)]
    as_of: Option<Date>,
    /// What the forecast rests on
    #[arg(long)]
    note: Option<String>,
}

#[derive(clap::Args)]
struct AgreeArgs {
    /// YYYY-MM, YYYY-Qn or YYYY [prompt default: the current fiscal quarter]
    #[arg(long)]
    period: Option<String>,
    /// The agreed number: 1250000, 1.25M or 250k
    #[arg(long)]
    amount: Option<String>,
    /// Who agreed, both sides: ceo,leader (role words or names) [prompt default: ceo,leader]
    #[arg(long, value_delimiter = ',')]
    agreed_by: Vec<String>,
    /// The day it was agreed [default: today]
    #[arg(long, value_parser = Date::parse)]
    on: Option<Date>,
}

fn agree(ctx: &Context, given: AgreeArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let quarter = decide::current_quarter(today, state.info().fiscal_year_start);
    let event = ask.settle(|ask| {
        let period = ask_period(ask, given.period.clone(), "Agreed forecast for which period?", quarter)?;
        let label = format!("Agreed forecast for {period} ({AMOUNT_FORMS}):");
        let amount = ask.text(given.amount.clone(), "--amount", &label, money_rule(state.exponent()))?;
        // Each side says yes at the meeting; on one machine the list names them.
        let agreed_by = if given.agreed_by.is_empty() {
            let who = ask.text_with_default(
                None,
                "--agreed-by",
                "Who agreed (both sides)?",
                Some("ceo,leader"),
                check(|s| Ok::<_, String>(s.to_string())),
            )?;
            vec![who] // `agreed::agree` splits the names and trims them
        } else {
            given.agreed_by.clone()
        };
        let event = agreed::agree(state, &period, &amount, &agreed_by, given.on, today)?;
        let summary = match &event {
            Event::ForecastAgreed { period, amount, agreed_by, on } => {
                format!(
                    "agreed forecast {period}: {} on {on}, by {}",
                    state.money(*amount),
                    agreed_by.join(" and ")
                )
            }
            _ => String::new(),
        };
        Ok((event, summary))
    })?;
    let said = match &event {
        Event::ForecastAgreed { period, amount, agreed_by, .. } => {
            format!("agreed forecast for {period}: {} ({})", state.money(*amount), agreed_by.join(", "))
        }
        _ => String::new(),
    };
    session.record(ctx, vec![event])?;
    emit(&format!("{said}\n"));
    Ok(())
}

pub fn run(ctx: &Context, args: ForecastArgs) -> Result<()> {
    match args.command {
        ForecastCommand::Agree(given) => agree(ctx, given),
        ForecastCommand::List { period, as_of } => list(ctx, period, as_of),
        ForecastCommand::Submit(given) => submit(ctx, given),
    }
}

fn submit(ctx: &Context, given: SubmitArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let (exponent, fiscal_start) = (state.exponent(), state.info().fiscal_year_start);
    // The optional values are asked only in a guided entry; given the
    // required flags, a forecast is recorded without further questions.
    let guided = ask.interactive() && (given.period.is_none() || given.amount.is_none());
    let quarter = decide::current_quarter(today, fiscal_start);
    let signing = session.signing(ctx, None)?;
    let by = signing.member.clone();
    let event = ask.settle(|ask| {
        let period = ask_period(ask, given.period.clone(), "Forecast for which period?", quarter)?;
        let label = format!("Forecast for {period} ({AMOUNT_FORMS}):");
        let amount = ask.text(given.amount.clone(), "--amount", &label, money_rule(exponent))?;
        let mut input = NewForecast {
            period,
            amount,
            commit: given.commit.clone(),
            best_case: given.best_case.clone(),
            pipeline: given.pipeline.clone(),
            as_of: given.as_of,
            note: given.note.clone(),
        };
        if guided {
            ask_optional(ask, &mut input, state, today)?;
        }
        let event = decide::forecast(state, input, today)?;
        let summary = summary(state, &by, &event);
        Ok((event, summary))
    })?;
    let late = match &event {
        Event::ForecastSubmitted { as_of, .. } => decide::days_backdated(*as_of, today).map(|d| (*as_of, d)),
        _ => None,
    };
    let said = summary(state, &by, &event);
    session.record_signed(ctx, vec![(signing, vec![event])])?;
    emit(&format!("{said}\n"));
    if let Some((as_of, days)) = late {
        emit(&format!(
            "backdated: recorded {days} days after its as-of date ({as_of}); it is listed, marked, \
             and left out of forecast accuracy\n"
        ));
    }
    Ok(())
}

/// Commit, best case, note and as-of date; Enter skips or takes the default.
fn ask_optional(ask: &mut Ask, input: &mut NewForecast, state: &State, today: Date) -> Result<()> {
    let (exponent, fiscal_start) = (state.exponent(), state.info().fiscal_year_start);
    let amount = Money::parse(&input.amount, exponent).ok();
    let period = Period::parse(&input.period).ok();
    let within = move |s: &str, rule: fn(Money, Money, u32) -> Result<Money, String>| {
        let m = Money::parse(s, exponent)?;
        amount.map_or(Ok(m), |a| rule(m, a, exponent))
    };
    input.commit = ask.optional_text(
        input.commit.take(),
        "Commit — the part you are sure of",
        check(move |s| within(s, decide::commit_within)),
    )?;
    input.best_case = ask.optional_text(
        input.best_case.take(),
        "Best case",
        check(move |s| within(s, decide::best_case_within)),
    )?;
    input.note = ask.optional_text(input.note.take(), "Note", check(|s| text::text(s, text::MAX_TEXT)))?;
    if input.as_of.is_none() {
        let latest = period.map_or(today, |p| p.last_day(fiscal_start).min(today));
        let answer = ask.text_with_default(
            None,
            "--as-of",
            "As of (YYYY-MM-DD):",
            Some(&latest.to_string()),
            check(move |s| {
                let d = Date::parse(s)?;
                period.map_or(Ok(d), |p| decide::forecast_as_of(d, p, fiscal_start, today))
            }),
        )?;
        input.as_of = Some(Date::parse(&answer).field("--as-of")?);
    }
    Ok(())
}

fn summary(state: &State, by: &str, event: &Event) -> String {
    let Event::ForecastSubmitted { period, amount, commit, best_case, as_of, .. } = event else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(c) = commit {
        parts.push(format!("commit {}", state.money(*c)));
    }
    if let Some(b) = best_case {
        parts.push(format!("best case {}", state.money(*b)));
    }
    let split = if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) };
    let currency = &state.info().currency;
    format!("{by} forecasts {} {currency} for {period} as of {as_of}{split}", state.money(*amount))
}

fn list(ctx: &Context, period: Option<String>, as_of: Option<AsOf>) -> Result<()> {
    let period = period.map(|p| Period::parse(&p).field("--period")).transpose()?;
    let state = list_state(ctx, as_of)?;
    let fiscal_start = state.info().fiscal_year_start;
    let mut shown: Vec<&Forecast> =
        state.forecasts.iter().filter(|f| period.is_none_or(|p| f.period == p)).collect();
    shown.sort_by_key(|f| (decide::order_key(f.period, fiscal_start), f.as_of, f.origin.seq));
    let money = |m: Option<Money>| m.map(|m| m.0);
    let value = json!({
        "currency": state.info().currency,
        "forecasts": shown.iter().map(|f| json!({
            "period": f.period.to_string(), "as_of": f.as_of.to_string(), "amount": f.amount.0,
            "commit": money(f.commit), "best_case": money(f.best_case), "pipeline": money(f.pipeline),
            "by": f.by, "recorded_at": f.origin.recorded_at.to_string(), "seq": f.origin.seq,
            "backdated": is_backdated(f), "note": f.note,
        })).collect::<Vec<_>>(),
    });
    let optional = |m: Option<Money>| m.map_or_else(String::new, |m| state.money(m));
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|f| {
            vec![
                f.period.to_string(),
                f.as_of.to_string(),
                state.money(f.amount),
                optional(f.commit),
                optional(f.best_case),
                f.by.clone(),
                f.origin.recorded_at.to_string(),
                f.origin.seq.to_string(),
                if is_backdated(f) { "backdated".into() } else { String::new() },
            ]
        })
        .collect();
    let headers =
        ["period", "as of", "amount", "commit", "best case", "by", "recorded at", "seq", "backdated"];
    render(ctx, value, &headers, &rows);
    Ok(())
}
