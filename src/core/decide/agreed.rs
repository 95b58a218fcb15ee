//! Facts added after review (metrics.md § 10): the forecast both sides
//! agree on at the meeting, and what is being done about a deal's risk.

use super::deal::find_open;
use super::{fact_date, member, not_before};
use crate::core::event::Event;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::State;
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};

/// `forecast agree`: both the CEO and the sales leader must be among
/// `agreed_by` (role words allowed); the number is theirs together, so
/// neither can record it alone.
pub fn agree(
    state: &State,
    period: &str,
    amount: &str,
    agreed_by: &[String],
    on: Option<Date>,
    today: Date,
) -> Result<Event> {
    let info = state.info();
    let period = Period::parse(period).field("--period")?;
    let amount = Money::parse(amount, state.exponent()).field("--amount")?;
    if amount.0 < 0 {
        return Err(Error::input("--amount", "an agreed forecast cannot be negative"));
    }
    let on = fact_date(on, today, "--on")?;
    let mut names: Vec<String> = Vec::new();
    for given in agreed_by.iter().flat_map(|g| g.split(',')).map(str::trim).filter(|g| !g.is_empty()) {
        let name = member::find(state, given, "--agreed-by")?.name.clone();
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    for (role, name) in [("CEO", &info.ceo), ("sales leader", &info.leader)] {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Err(Error::input(
                "--agreed-by",
                format!("the {role} ({name}) has not agreed; an agreed forecast needs both sides (e.g. --agreed-by ceo,leader)"),
            ));
        }
    }
    if let Some(last) = state.agreed_forecasts.iter().rev().find(|a| a.period == period) {
        if last.amount == amount {
            return Err(Error::input(
                "--amount",
                format!(
                    "{} is already the agreed forecast for {period} (record {}); nothing would change",
                    state.money(amount),
                    last.origin.seq
                ),
            ));
        }
    }
    Ok(Event::ForecastAgreed { period, amount, on, agreed_by: names })
}

/// `deal risk ID --action TEXT --owner ceo|leader --by DATE`: what is done
/// about the risk in force (recorded right after the flag, or later).
/// A risk action is due on or after the day it is agreed.
pub fn action_due(due: Date, on: Date) -> Result<()> {
    not_before(due, on, "--by", "the day the action is agreed")
}

pub fn risk_action(
    state: &State,
    id: &str,
    action: &str,
    owner: &str,
    due: Date,
    on: Option<Date>,
    today: Date,
) -> Result<Event> {
    let deal = find_open(state, id, "given a risk action")?;
    if deal.current().risk.is_none() {
        return Err(Error::input(
            "--action",
            format!("deal '{}' is not at risk; flag it with --reason first", deal.id),
        ));
    }
    let action = text::text(action, text::MAX_TEXT).field("--action")?;
    let owner = member::find(state, owner, "--owner")?.name.clone();
    let on = fact_date(on, today, "--on")?;
    action_due(due, on)?;
    Ok(Event::DealRiskAction { id: deal.id.clone(), action, owner, due, on })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: Error) -> String {
        match e {
            Error::Input { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    use crate::core::testing::{d, given, opened, risk};

    #[test]
    fn an_agreed_forecast_needs_both_sides() {
        let s = given(&[]);
        let today = d("2026-01-13");
        let both = agree(&s, "2026-Q1", "1.2M", &["ceo".into(), "leader".into()], None, today).unwrap();
        assert_eq!(
            both,
            Event::ForecastAgreed {
                period: Period::parse("2026-Q1").unwrap(),
                amount: Money(120_000_000),
                on: today,
                agreed_by: vec!["Dana".into(), "Lee".into()],
            }
        );
        // "Dana,Lee" in one flag value, names in any case, repeated: the same two.
        let named = agree(&s, "2026-Q1", "1.2M", &["dana,LEE".into(), "Dana".into()], None, today).unwrap();
        assert!(matches!(named, Event::ForecastAgreed { ref agreed_by, .. } if agreed_by.len() == 2));
        for one in [vec!["ceo".to_string()], vec!["leader".to_string()], vec![]] {
            let e = agree(&s, "2026-Q1", "1.2M", &one, None, today).unwrap_err();
            assert_eq!(field(e), "--agreed-by");
        }
        assert_eq!(
            field(agree(&s, "2026-Q5", "1M", &["ceo,leader".into()], None, today).unwrap_err()),
            "--period"
        );
        let future = agree(&s, "2026-Q1", "1M", &["ceo,leader".into()], Some(d("2026-01-14")), today);
        assert_eq!(field(future.unwrap_err()), "--on");
    }

    #[test]
    fn a_risk_action_needs_a_flag_and_a_due_date_not_before_it() {
        let s = given(&[
            ("2026-01-05", opened("A", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("B", 100, "2026-03-20", "2026-01-05")),
            ("2026-02-01", risk("A", "2026-02-01")),
        ]);
        let today = d("2026-02-02");
        let ok = risk_action(&s, "A", "Call the CFO", "ceo", d("2026-02-06"), None, today).unwrap();
        assert_eq!(
            ok,
            Event::DealRiskAction {
                id: "A".into(),
                action: "Call the CFO".into(),
                owner: "Dana".into(),
                due: d("2026-02-06"),
                on: today,
            }
        );
        let unflagged = risk_action(&s, "B", "Call", "leader", d("2026-02-06"), None, today).unwrap_err();
        assert_eq!(field(unflagged), "--action");
        let early = risk_action(&s, "A", "Call", "leader", d("2026-02-01"), None, today).unwrap_err();
        assert_eq!(field(early), "--by");
        // Folded onto the flag in force.
        let mut s = s;
        s.apply(
            crate::core::state::Origin { seq: 9, recorded_at: crate::core::Timestamp::from_micros(0) },
            "Lee",
            &ok,
        );
        let action = s.deals["A"].current().risk.as_ref().unwrap().action.clone().unwrap();
        assert_eq!((action.owner.as_str(), action.due, action.seq), ("Dana", d("2026-02-06"), 9));
    }
}
