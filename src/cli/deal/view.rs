//! Reading the pipeline: `deal list` and `deal show`, and the one-line
//! summaries shown before a fact is confirmed.

use super::ask;
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::{missing_flags, Prompter, Terminal};
use candor::core::bands::band_of;
use candor::core::decide::deal::find;
use candor::core::state::{Deal, DealStatus, DealVersion, State};
use candor::core::{AsOf, Date, Event};
use candor::ledger::replay;
use candor::report::{json, lists, table, Format};
use candor::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Clone)]
pub struct ListArgs {
    /// Which deals to list
    #[arg(long, value_enum, default_value = "open")]
    status: StatusFilter,
    /// The pipeline as it stood at this point
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatusFilter {
    Open,
    Won,
    Lost,
    All,
}

impl StatusFilter {
    fn admits(self, deal: &Deal) -> bool {
        matches!(
            (self, &deal.current().status),
            (StatusFilter::All, _)
                | (StatusFilter::Open, DealStatus::Open)
                | (StatusFilter::Won, DealStatus::Won { .. })
                | (StatusFilter::Lost, DealStatus::Lost { .. })
        )
    }

    fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Open => "open",
            StatusFilter::Won => "won",
            StatusFilter::Lost => "lost",
            StatusFilter::All => "all",
        }
    }
}

#[derive(clap::Args, Clone)]
pub struct ShowArgs {
    /// The deal [prompted in a terminal]
    id: Option<String>,
    /// The deal as it stood at this point
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

/// The day a view is seen from: an --as-of date, else today.
fn seen_on(ctx: &Context, as_of: Option<AsOf>) -> Date {
    match as_of {
        Some(AsOf::Date(d)) => d,
        _ => ctx.today(),
    }
}

pub fn currency(state: &State) -> &str {
    state.ledger.as_ref().map_or("", |l| l.currency.as_str())
}

/// A deal's current terms as JSON (money in minor units).
fn deal_json(state: &State, deal: &Deal, today: Date) -> Value {
    let v = deal.current();
    let (closed_on, lost_reason) = match &v.status {
        DealStatus::Open => (None, None),
        DealStatus::Won { on } => (Some(on.to_string()), None),
        DealStatus::Lost { on, reason } => (Some(on.to_string()), Some(reason.clone())),
    };
    json!({
        "id": deal.id,
        "account": deal.account,
        "amount": v.amount.0,
        "close": v.close.to_string(),
        "stage": v.stage,
        "probability": v.probability,
        "size_band": band_of(&state.size_bands, v.amount),
        "status": lists::deal_status_word(v),
        "closed_on": closed_on,
        "lost_reason": lost_reason,
        "at_risk_since": v.risk.as_ref().map(|r| r.since.to_string()),
        "risk_reason": v.risk.as_ref().map(|r| r.reason.clone()),
        "close_passed": lists::close_passed(v, today),
        "opened_on": deal.opened_on.to_string(),
        "opened_seq": deal.opened.seq,
    })
}

pub fn render(format: Format, headers: &[&str], rows: &[Vec<String>]) -> String {
    if format == Format::Md {
        table::markdown(headers, rows)
    } else {
        table::terminal(headers, rows)
    }
}

pub fn list(ctx: &Context, a: ListArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, a.as_of)?;
    let today = seen_on(ctx, a.as_of);
    let shown: Vec<&Deal> = state.deals.values().filter(|d| a.status.admits(d)).collect();
    let total = shown.iter().fold(0i64, |sum, d| sum.saturating_add(d.current().amount.0));
    let text = match ctx.format {
        Format::Json => json(&json!({
            "currency": currency(&state),
            "status": a.status.as_str(),
            "deals": shown.iter().map(|d| deal_json(&state, d, today)).collect::<Vec<_>>(),
            "total": total,
        })),
        format => {
            let rows: Vec<Vec<String>> = shown.iter().map(|d| lists::deal_cells(&state, d, today)).collect();
            render(format, &lists::DEAL_HEADERS, &rows)
        }
    };
    emit(&text);
    Ok(())
}

pub fn show(ctx: &Context, a: ShowArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, a.as_of)?;
    let id = match a.id {
        Some(id) => id,
        None if ctx.interactive && !state.deals.is_empty() => {
            let deals: Vec<&Deal> = state.deals.values().collect();
            let options: Vec<String> = deals.iter().map(|d| ask::option(&state, d)).collect();
            let i = Terminal.select("Which deal?", &options, 0)?;
            deals.get(i).map_or(String::new(), |d| d.id.clone())
        }
        None => return Err(missing_flags(&["ID"])),
    };
    let deal = find(&state, &id)?;
    let today = seen_on(ctx, a.as_of);
    let mut versions = Vec::new();
    let mut prev: Option<&DealVersion> = None;
    for v in &deal.versions {
        versions.push((v, change(&state, prev, v)));
        prev = Some(v);
    }
    let text = match ctx.format {
        Format::Json => {
            // The currency first, as in every report; then the deal's terms.
            let mut value = json!({ "currency": currency(&state) });
            if let (Some(out), Value::Object(terms)) = (value.as_object_mut(), deal_json(&state, deal, today))
            {
                out.extend(terms);
            }
            value["versions"] = versions
                .iter()
                .map(|(v, what)| {
                    json!({
                        "seq": v.seq, "on": v.on.to_string(), "change": what, "amount": v.amount.0,
                        "close": v.close.to_string(), "stage": v.stage, "probability": v.probability,
                        "status": lists::deal_status_word(v), "at_risk": v.risk.is_some(),
                    })
                })
                .collect();
            json(&value)
        }
        format => show_text(&state, deal, today, &versions, format),
    };
    emit(&text);
    Ok(())
}

fn show_text(
    state: &State,
    deal: &Deal,
    today: Date,
    versions: &[(&DealVersion, String)],
    format: Format,
) -> String {
    let v = deal.current();
    let band = band_of(&state.size_bands, v.amount).map(|b| format!(" ({b})")).unwrap_or_default();
    let mut terms = vec![
        ("status", lists::deal_status_text(v)),
        ("amount", format!("{}{band}", state.money(v.amount))),
        (
            "close",
            if lists::close_passed(v, today) { format!("{} (passed)", v.close) } else { v.close.to_string() },
        ),
        ("stage", v.stage.as_deref().unwrap_or("—").to_string()),
        ("probability", v.probability.map_or("—".into(), |p| format!("{p}%"))),
        ("opened", format!("{} (record {})", deal.opened_on, deal.opened.seq)),
    ];
    if let Some(r) = &v.risk {
        terms.push(("at risk", format!("since {}: {}", r.since, r.reason)));
    }
    if let DealStatus::Lost { reason, .. } = &v.status {
        terms.push(("lost because", reason.clone()));
    }
    let headers = ["seq", "on", "change", "amount", "close", "stage", "probability", "status"];
    let rows: Vec<Vec<String>> = versions
        .iter()
        .map(|(v, what)| {
            vec![
                v.seq.to_string(),
                v.on.to_string(),
                what.clone(),
                state.money(v.amount),
                v.close.to_string(),
                v.stage.as_deref().unwrap_or_default().to_string(),
                v.probability.map(|p| format!("{p}%")).unwrap_or_default(),
                lists::deal_status_text(v),
            ]
        })
        .collect();
    let title = format!("{} — {}", deal.id, deal.account);
    if format == Format::Md {
        let terms: Vec<Vec<String>> = terms.into_iter().map(|(k, v)| vec![k.to_string(), v]).collect();
        format!(
            "## {title}\n\n{}\n### Versions\n\n{}",
            table::markdown(&["term", "value"], &terms),
            table::markdown(&headers, &rows)
        )
    } else {
        let lines: String = terms.iter().map(|(k, v)| format!("{k:<13}{v}\n")).collect();
        format!("{title}\n{lines}\n{}", table::terminal(&headers, &rows))
    }
}

/// What one version changed from the one before it, in words.
fn change(state: &State, prev: Option<&DealVersion>, v: &DealVersion) -> String {
    let Some(p) = prev else { return "opened".into() };
    let mut parts = Vec::new();
    match (&p.status, &v.status) {
        (DealStatus::Open, DealStatus::Won { .. }) => parts.push("won".to_string()),
        (DealStatus::Open, DealStatus::Lost { reason, .. }) => parts.push(format!("lost: {reason}")),
        _ => {}
    }
    match (&p.risk, &v.risk) {
        (None, Some(r)) => parts.push(format!("at risk: {}", r.reason)),
        (Some(_), None) => parts.push("risk cleared".into()),
        _ => {}
    }
    if p.amount != v.amount {
        parts.push(format!("amount {} → {}", state.money(p.amount), state.money(v.amount)));
    }
    if p.close != v.close {
        parts.push(format!("close {} → {}", p.close, v.close));
    }
    if p.stage != v.stage {
        let s = |s: &Option<std::sync::Arc<str>>| s.as_deref().unwrap_or("—").to_string();
        parts.push(format!("stage {} → {}", s(&p.stage), s(&v.stage)));
    }
    if p.probability != v.probability {
        let s = |p: Option<u8>| p.map_or("—".into(), |p| format!("{p}%"));
        parts.push(format!("probability {} → {}", s(p.probability), s(v.probability)));
    }
    if parts.is_empty() {
        "no change".into()
    } else {
        parts.join("; ")
    }
}

/// The fact about to be recorded, in one line, for the confirmation.
pub fn describe(state: &State, event: &Event) -> String {
    let money = |m| state.money(m);
    match event {
        Event::DealOpened { id, account, amount, close, stage, probability, .. } => {
            let mut s = format!("Open {id}: {account}, {}, expected to close {close}", money(*amount));
            if let Some(st) = stage {
                s.push_str(&format!(", {st}"));
            }
            if let Some(p) = probability {
                s.push_str(&format!(", {p}%"));
            }
            s
        }
        Event::DealChanged { id, .. } => {
            let Some(deal) = state.deals.get(id) else { return format!("Update {id}") };
            let mut next = deal.current().clone();
            if let Event::DealChanged { amount, close, stage, probability, .. } = event {
                next.amount = amount.unwrap_or(next.amount);
                next.close = close.unwrap_or(next.close);
                next.stage = stage.as_deref().map(std::sync::Arc::from).or(next.stage);
                next.probability = probability.or(next.probability);
            }
            format!("Update {id}: {}", change(state, Some(deal.current()), &next))
        }
        Event::DealRiskFlagged { id, reason, .. } => format!("Flag {id} at risk: {reason}"),
        Event::DealRiskCleared { id, .. } => format!("Clear the risk on {id}"),
        Event::DealWon { id, amount, .. } => {
            let amount = amount.or_else(|| state.deals.get(id).map(|d| d.current().amount));
            format!("Mark {id} won at {}", amount.map_or("its amount".into(), money))
        }
        Event::DealLost { id, reason, .. } => format!("Mark {id} lost: {reason}"),
        other => format!("Record {}", candor::core::words::headline(other, state.exponent())),
    }
}
