//! The prompt flows: each value from its flag, else asked (with a sensible
//! default), else noted as missing for `Ask::settle` to report.

use super::{AddArgs, UpdateArgs};
use crate::cli::prompt::{check, date_rule, rule, shared, Ask};
use candor::core::decide::deal::{self as decide, DealUpdate, NewDeal, SUGGESTED_STAGES};
use candor::core::decide::next_free_entity_id;
use candor::core::state::{Deal, State};
use candor::core::{text, Date, Period};
use candor::{Error, Result};

const NO_STAGE: &str = "(no stage)";
const OTHER_STAGE: &str = "other…";

pub fn add(ask: &mut Ask, state: &State, today: Date, a: AddArgs) -> Result<NewDeal> {
    // Offered only when it will be asked for (it reads every D- id).
    let default_id = (a.id.is_none() && ask.interactive()).then(|| next_free_entity_id("D", &state.deals));
    let st = shared(ask, state);
    let free_id = rule(move |s| decide::new_id(&st, s));
    let id = ask.text_with_default(a.id, "--id", "Deal id:", default_id.as_deref(), free_id)?;
    let account = ask.text(a.account, "--account", "Account:", check(text::name))?;
    let exponent = state.exponent();
    let amount = ask.text(
        a.amount,
        "--amount",
        "Amount (e.g. 120000, 120k, 1.2M):",
        check(move |s| decide::amount(s, exponent)),
    )?;
    let fiscal = state.info().fiscal_year_start;
    let quarter_end = Period::quarter_of(today, fiscal).last_day(fiscal);
    let opened_on = a.on.unwrap_or(today);
    let close_rule = date_rule(move |d| decide::close_from(d, opened_on));
    let label = "Expected close (YYYY-MM-DD):";
    let close = ask.required_date_with(a.close, "--close", label, quarter_end.max(opened_on), close_rule)?;
    let stage = match a.stage {
        Some(s) => Some(s),
        None if ask.interactive() => stage(ask, state, None, false)?,
        None => None,
    };
    let probability = match a.probability {
        Some(p) => Some(p),
        None => probability(ask, None)?,
    };
    Ok(NewDeal { id, account, amount, close: close.unwrap_or(today), stage, probability, on: a.on })
}

/// The deal to change and the new values. Given no value flags, a prompt
/// asks for each value with the current one as its default (Enter keeps it).
pub fn update(ask: &mut Ask, state: &State, today: Date, a: UpdateArgs) -> Result<(String, DealUpdate)> {
    let id = pick(ask, a.id, state, "Which deal changes?", Deal::is_open, "there are no open deals")?;
    let mut u =
        DealUpdate { amount: a.amount, close: a.close, stage: a.stage, probability: a.probability, on: a.on };
    let nothing_given =
        u.amount.is_none() && u.close.is_none() && u.stage.is_none() && u.probability.is_none();
    if let (true, true, Some(deal)) = (nothing_given, ask.interactive(), state.deals.get(&id)) {
        let now = deal.current();
        let exponent = state.exponent();
        u.amount = Some(ask.text_with_default(
            None,
            "--amount",
            "Amount:",
            Some(&state.money(now.amount)),
            check(move |s| decide::amount(s, exponent)),
        )?);
        let on = u.on.unwrap_or(today);
        let close_rule = date_rule(move |d| decide::close_ahead(d, on));
        u.close =
            Some(ask.date_with(None, "--close", "Expected close (YYYY-MM-DD):", now.close, close_rule)?);
        u.stage = stage(ask, state, now.stage.as_deref(), true)?;
        u.probability = probability(ask, now.probability)?;
    }
    Ok((id, u))
}

pub fn risk(
    ask: &mut Ask,
    state: &State,
    id: Option<String>,
    reason: Option<String>,
) -> Result<(String, String)> {
    let fits = |d: &Deal| d.is_open() && d.current().risk.is_none();
    let id = pick(
        ask,
        id,
        state,
        "Which deal is at risk?",
        fits,
        "every open deal is already at risk, or none is open",
    )?;
    let reason =
        ask.text(reason, "--reason", "What puts it at risk?", check(|s| text::text(s, text::MAX_TEXT)))?;
    Ok((id, reason))
}

pub fn clear_risk(
    ask: &mut Ask,
    state: &State,
    id: Option<String>,
    note: Option<String>,
) -> Result<(String, Option<String>)> {
    let fits = |d: &Deal| d.is_open() && d.current().risk.is_some();
    let id = pick(ask, id, state, "Which deal is no longer at risk?", fits, "no open deal is at risk")?;
    let note = ask.optional_text(note, "What removed the risk?", check(|s| text::text(s, text::MAX_TEXT)))?;
    Ok((id, note))
}

/// The deal won and its final amount (asked with the current one as default).
pub fn won(
    ask: &mut Ask,
    state: &State,
    id: Option<String>,
    amount: Option<String>,
) -> Result<(String, Option<String>)> {
    let id = pick(ask, id, state, "Which deal was won?", Deal::is_open, "there are no open deals")?;
    let amount = match (amount, state.deals.get(&id)) {
        (Some(a), _) => Some(a),
        (None, Some(deal)) if ask.interactive() => {
            let exponent = state.exponent();
            Some(ask.text_with_default(
                None,
                "--amount",
                "Final amount:",
                Some(&state.money(deal.current().amount)),
                check(move |s| decide::amount(s, exponent)),
            )?)
        }
        (None, _) => None,
    };
    Ok((id, amount))
}

pub fn lost(
    ask: &mut Ask,
    state: &State,
    id: Option<String>,
    reason: Option<String>,
) -> Result<(String, String)> {
    let id = pick(ask, id, state, "Which deal was lost?", Deal::is_open, "there are no open deals")?;
    let reason =
        ask.text(reason, "--reason", "Why was it lost?", check(|s| text::text(s, text::MAX_TEXT)))?;
    Ok((id, reason))
}

/// The id given, or a filterable choice among the deals that fit; `none`
/// explains an empty choice.
pub fn pick(
    ask: &mut Ask,
    id: Option<String>,
    state: &State,
    label: &str,
    fits: impl Fn(&Deal) -> bool,
    none: &str,
) -> Result<String> {
    if let Some(id) = id {
        return Ok(id);
    }
    let candidates: Vec<&Deal> = state.deals.values().filter(|d| fits(d)).collect();
    if ask.interactive() && candidates.is_empty() {
        return Err(Error::input("ID", format!("no deal to choose from: {none}")));
    }
    let options: Vec<String> = candidates.iter().map(|d| option(state, d)).collect();
    let chosen = ask.choose("ID", label, &options, 0)?;
    Ok(chosen.and_then(|i| candidates.get(i)).map_or(String::new(), |d| d.id.clone()))
}

/// One line per deal in a choice: id first, so typing the id filters to it.
pub fn option(state: &State, d: &Deal) -> String {
    let v = d.current();
    let mut line = format!("{} — {}, {}, closes {}", d.id, d.account, state.money(v.amount), v.close);
    if let Some(s) = &v.stage {
        line.push_str(&format!(", {s}"));
    }
    if v.risk.is_some() {
        line.push_str(", at risk");
    }
    line
}

/// The suggested stages, then those already used in this ledger.
fn known_stages(state: &State) -> Vec<String> {
    let mut out: Vec<String> = SUGGESTED_STAGES.iter().map(|s| s.to_string()).collect();
    for stage in state.deals.values().flat_map(|d| &d.versions).filter_map(|v| v.stage.as_deref()) {
        if !out.iter().any(|known| known == stage) {
            out.push(stage.to_string());
        }
    }
    out
}

/// A stage from a filterable list, or typed in. When `updating`, the list
/// starts at the current stage, so Enter keeps it; None means no stage (or,
/// for an update, no change).
fn stage(ask: &mut Ask, state: &State, current: Option<&str>, updating: bool) -> Result<Option<String>> {
    let mut options = known_stages(state);
    if current.is_none() {
        options.push(NO_STAGE.into());
    }
    options.push(OTHER_STAGE.into());
    let start = match current {
        Some(c) => options.iter().position(|o| o == c).unwrap_or(0),
        None if updating => options.len() - 2,
        None => 0,
    };
    let chosen = options.get(ask.choose_or("Stage (type to filter):", &options, start)?).cloned();
    match chosen.as_deref() {
        Some(OTHER_STAGE) => Ok(Some(ask.text(None, "--stage", "Stage name:", check(text::name))?)),
        Some(NO_STAGE) | None => Ok(None),
        Some(s) => Ok(Some(s.to_string())),
    }
}

/// A win probability; optional when there is none yet, else defaults to it.
fn probability(ask: &mut Ask, current: Option<u8>) -> Result<Option<u8>> {
    const LABEL: &str = "Win probability, 0–100:";
    let answer = match current {
        None => ask.optional_text(None, LABEL, check(decide::probability))?,
        Some(p) => Some(ask.text_with_default(
            None,
            "--probability",
            LABEL,
            Some(&p.to_string()),
            check(decide::probability),
        )?),
    };
    answer.map(|a| decide::probability(&a).map_err(|m| Error::input("--probability", m))).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::prompt::Scripted;
    use candor::core::state::Origin;
    use candor::core::vocab::Cadence;
    use candor::core::{Event, Money, Timestamp};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn state_with(events: Vec<Event>) -> State {
        let opened = Event::LedgerOpened {
            company: "Acme".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: 4,
            cadence: Cadence::Weekly,
        };
        let mut s = State::default();
        for (i, e) in std::iter::once(opened).chain(events).enumerate() {
            s.apply(Origin { seq: i as u64 + 1, recorded_at: Timestamp::from_micros(0) }, "Lee", &e);
        }
        s
    }

    fn globex() -> Event {
        Event::DealOpened {
            id: "D-1".into(),
            account: "Globex".into(),
            amount: Money(10_000_000),
            close: d("2026-03-31"),
            stage: Some("scoping".into()),
            probability: Some(40),
            on: d("2026-01-05"),
        }
    }

    fn add_args() -> AddArgs {
        AddArgs {
            id: None,
            account: None,
            amount: None,
            close: None,
            stage: None,
            probability: None,
            on: None,
        }
    }

    #[test]
    fn add_defaults_to_the_next_id_and_the_end_of_the_fiscal_quarter() {
        let state = state_with(vec![globex()]);
        // id, account, amount, close, stage (one used before), probability skipped
        let mut p = Scripted::new(&["", "Initech", "250k", "", "scoping", ""]);
        let mut ask = Ask::new(Some(&mut p));
        let deal = add(&mut ask, &state, d("2026-02-10"), add_args()).unwrap();
        assert_eq!(deal.id, "D-2");
        assert_eq!(deal.amount, "250k");
        // The fiscal year starts in April: 2026-02-10 is in the quarter ending 2026-03-31.
        assert_eq!(deal.close, d("2026-03-31"));
        assert_eq!(deal.stage.as_deref(), Some("scoping"));
        assert_eq!(deal.probability, None);
    }

    #[test]
    fn add_takes_a_typed_stage_and_refuses_a_taken_id_at_the_prompt() {
        let state = state_with(vec![globex()]);
        let mut p = Scripted::new(&["D-1"]);
        let err = add(&mut Ask::new(Some(&mut p)), &state, d("2026-02-10"), add_args()).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        let mut p = Scripted::new(&["D-7", "Initech", "1.2M", "2026-05-01", OTHER_STAGE, "pilot", "70"]);
        let deal = add(&mut Ask::new(Some(&mut p)), &state, d("2026-02-10"), add_args()).unwrap();
        assert_eq!((deal.stage.as_deref(), deal.probability), (Some("pilot"), Some(70)));
    }

    #[test]
    fn update_with_enter_everywhere_keeps_every_value() {
        let state = state_with(vec![globex()]);
        let args =
            UpdateArgs { id: None, amount: None, close: None, stage: None, probability: None, on: None };
        let mut p = Scripted::new(&["D-1", "", "", "", ""]);
        let (id, u) = update(&mut Ask::new(Some(&mut p)), &state, d("2026-02-10"), args).unwrap();
        assert_eq!(id, "D-1");
        let err = decide::update(&state, &id, u, d("2026-01-20")).unwrap_err().to_string();
        assert!(err.contains("nothing would change"), "{err}");
    }

    #[test]
    fn won_offers_the_current_amount_and_only_open_deals() {
        let state = state_with(vec![globex()]);
        let mut p = Scripted::new(&["D-1", ""]);
        let (id, amount) = won(&mut Ask::new(Some(&mut p)), &state, None, None).unwrap();
        assert_eq!((id.as_str(), amount.as_deref()), ("D-1", Some("100,000")));
        let mut p = Scripted::new(&[]);
        let err = clear_risk(&mut Ask::new(Some(&mut p)), &state, None, None).unwrap_err();
        assert!(err.to_string().contains("no open deal is at risk"), "{err}");
    }
}
