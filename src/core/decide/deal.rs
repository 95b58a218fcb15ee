//! The pipeline: deals opened, changed, flagged at risk, cleared, won, lost;
//! and the size bands deals are grouped by.

use super::{fact_date, not_before};
use crate::core::bands::{parse_band, parse_share, Percent};
use crate::core::event::{Event, SizeBand};
use crate::core::money::Money;
use crate::core::state::{Deal, DealStatus, State};
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};

/// The stages offered in prompts, in the order a deal usually moves.
pub const SUGGESTED_STAGES: [&str; 5] = ["qualification", "discovery", "proposal", "negotiation", "commit"];

#[derive(Debug)]
pub struct NewDeal {
    pub id: String,
    pub account: String,
    /// As typed; parsed in the ledger's currency.
    pub amount: String,
    pub close: Date,
    pub stage: Option<String>,
    pub probability: Option<u8>,
    pub on: Option<Date>,
}

/// New values for an open deal; `None` leaves a value as it is.
#[derive(Debug, Default)]
pub struct DealUpdate {
    pub amount: Option<String>,
    pub close: Option<Date>,
    pub stage: Option<String>,
    pub probability: Option<u8>,
    pub on: Option<Date>,
}

/// A win probability: a whole number of percent from 0 to 100.
pub fn probability(text: &str) -> std::result::Result<u8, String> {
    text.trim()
        .trim_end_matches('%')
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| format!("'{text}' is not a probability; expected a whole number from 0 to 100"))
}

/// A deal amount: any accepted form, more than zero.
pub fn amount(text: &str, exponent: u32) -> std::result::Result<Money, String> {
    let m = Money::parse(text, exponent)?;
    if m.0 == 0 {
        return Err(format!("'{text}' is zero; a deal's amount must be more than 0"));
    }
    Ok(m)
}

fn stage(value: &str) -> Result<String> {
    text::name(value).field("--stage")
}

fn checked_probability(p: Option<u8>) -> Result<Option<u8>> {
    match p {
        Some(p) if p > 100 => Err(Error::input("--probability", format!("{p} is more than 100"))),
        _ => Ok(p),
    }
}

/// A new deal's id: well formed and not taken (case ignored).
pub fn new_id(state: &State, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if let Some(existing) = state.deals.get(&id) {
        return Err(Error::input(
            "--id",
            format!("deal '{id}' already exists (opened {}); choose another id", existing.opened_on),
        ));
    }
    super::no_case_clash_in(&id, &state.deals, "deal")?;
    Ok(id)
}

/// A new deal closes on or after the day it is opened.
pub fn close_from(close: Date, opened_on: Date) -> Result<()> {
    not_before(close, opened_on, "--close", "the day the deal is opened")
}

/// An open deal's expected close is not in the past.
pub fn close_ahead(close: Date, on: Date) -> Result<()> {
    if close < on {
        return Err(Error::input(
            "--close",
            format!("{close} is before {on}; an open deal cannot be expected to close in the past"),
        ));
    }
    Ok(())
}

pub fn add(state: &State, d: NewDeal, today: Date) -> Result<Event> {
    let id = new_id(state, &d.id)?;
    let account = text::name(&d.account).field("--account")?;
    let amount = amount(&d.amount, state.exponent()).field("--amount")?;
    let on = fact_date(d.on, today, "--on")?;
    close_from(d.close, on)?;
    let stage = d.stage.as_deref().map(stage).transpose()?;
    let probability = checked_probability(d.probability)?;
    Ok(Event::DealOpened { id, account, amount, close: d.close, stage, probability, on })
}

/// The deal `id`, or an error listing the known ones.
pub fn find<'a>(state: &'a State, id: &str) -> Result<&'a Deal> {
    state.deals.get(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = state.deals.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input("ID", format!("there is no deal '{}'; known: {known}", id.trim()))
    })
}

/// The deal `id` if it is still open; `doing` completes "… it cannot be …".
pub(super) fn find_open<'a>(state: &'a State, id: &str, doing: &str) -> Result<&'a Deal> {
    let deal = find(state, id)?;
    let why = match &deal.current().status {
        DealStatus::Open => return Ok(deal),
        DealStatus::Won { on } => format!("was won on {on}"),
        DealStatus::Lost { on, .. } => format!("was lost on {on}"),
    };
    Err(Error::input("ID", format!("deal '{}' {why}; only an open deal can be {doing}", deal.id)))
}

/// The date of a new fact about `deal`: not in the future, and not before
/// what is already recorded about it, so its versions stay in date order.
fn deal_date(deal: &Deal, on: Option<Date>, today: Date) -> Result<Date> {
    let on = fact_date(on, today, "--on")?;
    not_before(on, deal.last_on(), "--on", &format!("the latest fact recorded for deal '{}'", deal.id))?;
    Ok(on)
}

pub fn update(state: &State, id: &str, u: DealUpdate, today: Date) -> Result<Event> {
    let deal = find_open(state, id, "changed")?;
    let now = deal.current();
    let on = deal_date(deal, u.on, today)?;
    let amount = u.amount.as_deref().map(|a| amount(a, state.exponent()).field("--amount")).transpose()?;
    let stage = u.stage.as_deref().map(stage).transpose()?;
    let probability = checked_probability(u.probability)?;
    if let Some(close) = u.close {
        close_ahead(close, on)?;
    }
    // Only what differs is recorded, so every change in the log is a real one.
    let amount = amount.filter(|a| *a != now.amount);
    let close = u.close.filter(|c| *c != now.close);
    let stage = stage.filter(|s| Some(s.as_str()) != now.stage.as_deref());
    let probability = probability.filter(|p| Some(*p) != now.probability);
    if amount.is_none() && close.is_none() && stage.is_none() && probability.is_none() {
        return Err(Error::input(
            "--amount, --close, --stage, --probability",
            format!(
                "nothing would change; give at least one new value ({} now: {})",
                deal.id,
                terms(state, deal)
            ),
        ));
    }
    Ok(Event::DealChanged { id: deal.id.clone(), amount, close, stage, probability, on })
}

/// A deal's current terms in words.
pub fn terms(state: &State, deal: &Deal) -> String {
    let v = deal.current();
    let mut parts = vec![format!("amount {}", state.money(v.amount)), format!("close {}", v.close)];
    if let Some(s) = &v.stage {
        parts.push(format!("stage {s}"));
    }
    if let Some(p) = v.probability {
        parts.push(format!("probability {p}%"));
    }
    parts.join(", ")
}

pub fn risk(state: &State, id: &str, reason: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let deal = find_open(state, id, "flagged at risk")?;
    if let Some(r) = &deal.current().risk {
        return Err(Error::input(
            "ID",
            format!("deal '{}' has been at risk since {} ({}); clear it first", deal.id, r.since, r.reason),
        ));
    }
    let on = deal_date(deal, on, today)?;
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::DealRiskFlagged { id: deal.id.clone(), reason, on })
}

pub fn clear_risk(
    state: &State,
    id: &str,
    note: Option<&str>,
    on: Option<Date>,
    today: Date,
) -> Result<Event> {
    let deal = find_open(state, id, "cleared of a risk")?;
    if deal.current().risk.is_none() {
        return Err(Error::input(
            "ID",
            format!("deal '{}' is not at risk; there is nothing to clear", deal.id),
        ));
    }
    let on = deal_date(deal, on, today)?;
    let note = note.map(|n| text::text(n, text::MAX_TEXT).field("--note")).transpose()?;
    Ok(Event::DealRiskCleared { id: deal.id.clone(), note, on })
}

/// A win, at the final amount when it differs from the current one.
pub fn won(state: &State, id: &str, amount: Option<&str>, on: Option<Date>, today: Date) -> Result<Event> {
    let deal = find_open(state, id, "won")?;
    let on = deal_date(deal, on, today)?;
    let amount = amount.map(|a| self::amount(a, state.exponent()).field("--amount")).transpose()?;
    let amount = amount.filter(|a| *a != deal.current().amount);
    Ok(Event::DealWon { id: deal.id.clone(), amount, on })
}

pub fn lost(state: &State, id: &str, reason: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let deal = find_open(state, id, "lost")?;
    let on = deal_date(deal, on, today)?;
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::DealLost { id: deal.id.clone(), reason, on })
}

/// New size bands (`NAME=MIN`) and target shares (`NAME=PERCENT`). Targets
/// alone re-use the bands in force; bands alone drop the old targets.
pub fn set_bands(state: &State, bands: &[String], targets: &[String]) -> Result<Event> {
    if bands.is_empty() && targets.is_empty() {
        return Err(Error::input("--band", "give at least one --band NAME=MIN (or --target NAME=PERCENT)"));
    }
    let mut set: Vec<SizeBand> = if bands.is_empty() {
        if state.size_bands.is_empty() {
            return Err(Error::input("--target", "no size bands are set yet; give --band NAME=MIN first"));
        }
        state.size_bands.iter().map(|b| SizeBand { target_share_bp: None, ..b.clone() }).collect()
    } else {
        new_bands(state, bands)?
    };
    if !targets.is_empty() {
        apply_targets(&mut set, targets)?;
    }
    set.sort_by_key(|b| std::cmp::Reverse(b.min));
    if set == state.size_bands {
        return Err(Error::input(
            "--band",
            "these bands and targets are already in force; nothing would change",
        ));
    }
    Ok(Event::SizeBandsSet { bands: set })
}

fn new_bands(state: &State, specs: &[String]) -> Result<Vec<SizeBand>> {
    let mut out: Vec<SizeBand> = Vec::new();
    for spec in specs {
        let (name, min) = parse_band(spec, state.exponent()).field("--band")?;
        if out.iter().any(|b| b.name.eq_ignore_ascii_case(&name)) {
            return Err(Error::input("--band", format!("band '{name}' is given twice")));
        }
        if let Some(same) = out.iter().find(|b| b.min == min) {
            return Err(Error::input(
                "--band",
                format!("bands '{}' and '{name}' have the same minimum; each band needs its own", same.name),
            ));
        }
        out.push(SizeBand { name, min, target_share_bp: None });
    }
    Ok(out)
}

fn apply_targets(bands: &mut [SizeBand], specs: &[String]) -> Result<()> {
    let known = bands.iter().map(|b| b.name.clone()).collect::<Vec<_>>().join(", ");
    let mut total = 0;
    for spec in specs {
        let (name, bp) = parse_share(spec).field("--target")?;
        let band = bands.iter_mut().find(|b| b.name.eq_ignore_ascii_case(&name)).ok_or_else(|| {
            Error::input("--target", format!("there is no band '{name}'; the bands are {known}"))
        })?;
        if band.target_share_bp.is_some() {
            return Err(Error::input("--target", format!("band '{name}' is given a target twice")));
        }
        band.target_share_bp = Some(bp);
        total += bp;
    }
    if total != 10_000 {
        return Err(Error::input(
            "--target",
            format!("the targets add up to {}%; they must add up to 100%", Percent(total)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, state_with};

    fn new(id: &str, amount: &str, close: &str) -> NewDeal {
        NewDeal {
            id: id.into(),
            account: "Globex".into(),
            amount: amount.into(),
            close: d(close),
            stage: Some("proposal".into()),
            probability: Some(40),
            on: Some(d("2026-01-05")),
        }
    }

    const TODAY: &str = "2026-01-20";

    /// A ledger with D-1 opened on 2026-01-05 for 100k, closing 2026-03-31.
    fn opened() -> (Event, State) {
        let e = add(&state_with(vec![]), new("D-1", "100k", "2026-03-31"), d(TODAY)).unwrap();
        (e.clone(), state_with(vec![e]))
    }

    fn field(r: Result<Event>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn add_parses_the_amount_and_refuses_bad_deals() {
        let (e, s) = opened();
        assert!(matches!(e, Event::DealOpened { amount: Money(10_000_000), .. }));
        let today = d(TODAY);
        assert!(field(add(&s, new("D-1", "5k", "2026-03-31"), today)).starts_with("--id"));
        assert!(field(add(&s, new("D 2", "5k", "2026-03-31"), today)).starts_with("--id"));
        assert!(field(add(&s, new("D-2", "5x", "2026-03-31"), today)).starts_with("--amount"));
        assert!(field(add(&s, new("D-2", "0", "2026-03-31"), today)).contains("more than 0"));
        assert!(field(add(&s, new("D-2", "5k", "2026-01-04"), today)).starts_with("--close"));
        let future = NewDeal { on: Some(d("2026-01-21")), ..new("D-2", "5k", "2026-03-31") };
        assert!(field(add(&s, future, today)).starts_with("--on"));
        let nameless = NewDeal { account: " ".into(), ..new("D-2", "5k", "2026-03-31") };
        assert!(field(add(&s, nameless, today)).starts_with("--account"));
        let odds = NewDeal { probability: Some(101), ..new("D-2", "5k", "2026-03-31") };
        assert!(field(add(&s, odds, today)).starts_with("--probability"));
    }

    #[test]
    fn update_records_only_what_changes_and_refuses_a_no_op() {
        let (_, s) = opened();
        let today = d(TODAY);
        let same = DealUpdate {
            amount: Some("100,000".into()),
            stage: Some("proposal".into()),
            ..Default::default()
        };
        let err = field(update(&s, "D-1", same, today));
        assert!(err.starts_with("--amount, --close, --stage, --probability"), "{err}");
        assert!(err.contains("amount 100,000"), "{err}");
        let u =
            DealUpdate { amount: Some("100k".into()), close: Some(d("2026-04-15")), ..Default::default() };
        let e = update(&s, "D-1", u, today).unwrap();
        assert_eq!(
            e,
            Event::DealChanged {
                id: "D-1".into(),
                amount: None,
                close: Some(d("2026-04-15")),
                stage: None,
                probability: None,
                on: today
            }
        );
        let past = DealUpdate { close: Some(d("2026-01-19")), ..Default::default() };
        assert!(field(update(&s, "D-1", past, today)).contains("cannot be expected to close in the past"));
        let early = DealUpdate { probability: Some(60), on: Some(d("2026-01-04")), ..Default::default() };
        assert!(field(update(&s, "D-1", early, today)).contains("latest fact recorded for deal"));
        assert!(field(update(&s, "D-9", DealUpdate::default(), today)).contains("known: D-1"));
    }

    #[test]
    fn risk_is_flagged_once_and_cleared_only_when_present() {
        let (open, s) = opened();
        let today = d(TODAY);
        assert!(field(clear_risk(&s, "D-1", None, None, today)).contains("not at risk"));
        assert!(field(risk(&s, "D-1", "", None, today)).starts_with("--reason"));
        let flagged = risk(&s, "D-1", "champion left", Some(d("2026-01-10")), today).unwrap();
        let s = state_with(vec![open.clone(), flagged.clone()]);
        assert!(field(risk(&s, "D-1", "again", None, today)).contains("at risk since 2026-01-10"));
        assert!(field(clear_risk(&s, "D-1", None, Some(d("2026-01-09")), today)).starts_with("--on"));
        let cleared = clear_risk(&s, "D-1", Some("new champion"), None, today).unwrap();
        assert!(matches!(cleared, Event::DealRiskCleared { note: Some(_), .. }));
    }

    #[test]
    fn closed_deals_cannot_move_again() {
        let (open, s) = opened();
        let today = d(TODAY);
        let win = won(&s, "D-1", Some("120k"), None, today).unwrap();
        assert!(matches!(win, Event::DealWon { amount: Some(Money(12_000_000)), .. }));
        assert!(matches!(
            won(&s, "D-1", Some("100k"), None, today).unwrap(),
            Event::DealWon { amount: None, .. }
        ));
        let s_won = state_with(vec![open.clone(), win]);
        assert!(field(lost(&s_won, "D-1", "budget", None, today)).contains("was won on"));
        assert!(field(won(&s_won, "D-1", None, None, today)).contains("only an open deal"));
        let loss = lost(&s, "D-1", "went with a competitor", None, today).unwrap();
        let s_lost = state_with(vec![open, loss]);
        assert!(field(won(&s_lost, "D-1", None, None, today)).contains("was lost on"));
        assert!(field(update(&s_lost, "D-1", DealUpdate::default(), today)).contains("was lost"));
        assert!(field(risk(&s_lost, "D-1", "x", None, today)).contains("was lost"));
    }

    #[test]
    fn bands_are_sorted_largest_first_with_targets_that_sum_to_100() {
        let s = state_with(vec![]);
        let specs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let e = set_bands(&s, &specs(&["mid=25k", "large=100k"]), &specs(&["large=60", "mid=40%"])).unwrap();
        let Event::SizeBandsSet { bands } = &e else { panic!("{e:?}") };
        assert_eq!(bands[0].name, "large");
        assert_eq!(bands[0].target_share_bp, Some(6_000));
        assert_eq!(bands[1].min, Money(2_500_000));
        let err = |b: &[&str], t: &[&str]| set_bands(&s, &specs(b), &specs(t)).unwrap_err().to_string();
        assert!(err(&[], &[]).starts_with("--band"));
        assert!(err(&[], &["large=100"]).contains("no size bands"));
        assert!(err(&["a=1k", "A=2k"], &[]).contains("twice"));
        assert!(err(&["a=1k", "b=1,000"], &[]).contains("same minimum"));
        assert!(err(&["a=1k", "b=2k"], &["a=50", "b=40"]).contains("add up to 90%"));
        assert!(err(&["a=1k"], &["z=100"]).contains("no band 'z'"));
        assert!(err(&["a"], &[]).starts_with("--band"));
        let s = state_with(vec![e]);
        // Targets alone re-use the bands in force; the same set again is refused.
        let retarget = set_bands(&s, &[], &specs(&["large=50", "mid=50"])).unwrap();
        assert!(
            matches!(retarget, Event::SizeBandsSet { ref bands } if bands[1].target_share_bp == Some(5_000))
        );
        let again = set_bands(&s, &specs(&["large=100k", "mid=25k"]), &specs(&["large=60", "mid=40"]));
        assert!(again.unwrap_err().to_string().contains("already in force"));
    }

    #[test]
    fn probability_reads_as_people_write_it() {
        assert_eq!(probability("40").unwrap(), 40);
        assert_eq!(probability("75%").unwrap(), 75);
        assert!(probability("101").is_err());
        assert!(probability("0.5").is_err());
    }
}
