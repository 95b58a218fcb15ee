//! Expectations: who decides what (decision rights) and the agreed focus.

use super::{fact_date, not_before};
use crate::core::event::Event;
use crate::core::state::{Focus, State};
use crate::core::time::Date;
use crate::core::vocab::{DecisionArea, DecisionRight};
use crate::error::{Error, Result};

/// An agreed split of the leader's time, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub coaching: Option<u8>,
    pub selling: Option<u8>,
    pub new_markets: Option<u8>,
    pub office: Option<u8>,
    pub field: Option<u8>,
}

#[derive(Clone)]
pub struct Expectation {
    pub area: Option<DecisionArea>,
    pub right: Option<DecisionRight>,
    pub split: Split,
    pub on: Option<Date>,
}

const ACTIVITIES: &str = "--coaching, --selling, --new-markets";
const PLACES: &str = "--office, --field";

/// A decision right, the focus, or both (as two events recorded together).
pub fn set(state: &State, e: Expectation, today: Date) -> Result<Vec<Event>> {
    let on = fact_date(e.on, today, "--on")?;
    let mut events = Vec::new();
    match (e.area, e.right) {
        (Some(area), Some(right)) => events.push(decision_right(state, area, right, on)?),
        (Some(_), None) => return Err(Error::input("--right", "give the right agreed for --area")),
        (None, Some(_)) => return Err(Error::input("--area", "give the area --right applies to")),
        (None, None) => {}
    }
    if let Some(focus) = focus(state, e.split, on)? {
        events.push(focus);
    }
    if events.is_empty() {
        return Err(Error::Usage(format!(
            "nothing to set; give --area with --right, and/or {ACTIVITIES}, and/or {PLACES}"
        )));
    }
    Ok(events)
}

fn decision_right(state: &State, area: DecisionArea, right: DecisionRight, on: Date) -> Result<Event> {
    if let Some(current) = state.decision_rights.get(&area) {
        if current.value == right {
            return Err(Error::input(
                "--right",
                format!(
                    "{area} is already {right} (agreed on {}, record {})",
                    current.on, current.origin.seq
                ),
            ));
        }
        not_before(on, current.on, "--on", &format!("the day the current {area} right was agreed"))?;
    }
    Ok(Event::DecisionRightSet { area, right, on })
}

/// The focus event, when any focus number was given. Each group must be
/// complete and add up to 100; a group not given keeps the agreed values,
/// so the first agreement gives both.
fn focus(state: &State, s: Split, on: Date) -> Result<Option<Event>> {
    let activities = group(ACTIVITIES, &[s.coaching, s.selling, s.new_markets])?;
    let places = group(PLACES, &[s.office, s.field])?;
    let current = state.focus.as_ref();
    let agreed = current.map(|f| f.value);
    let (activities, places) = match (activities, places) {
        (None, None) => return Ok(None),
        (Some(a), Some(p)) => (a, p),
        (Some(a), None) => match agreed {
            Some(f) => (a, vec![f.office, f.field]),
            None => return Err(first_agreement(PLACES)),
        },
        (None, Some(p)) => match agreed {
            Some(f) => (vec![f.coaching, f.selling, f.new_markets], p),
            None => return Err(first_agreement(ACTIVITIES)),
        },
    };
    let new = Focus {
        coaching: activities[0],
        selling: activities[1],
        new_markets: activities[2],
        office: places[0],
        field: places[1],
    };
    if let Some(current) = current {
        if current.value == new {
            return Err(Error::input(
                ACTIVITIES,
                format!("this focus is already agreed (since {}, record {})", current.on, current.origin.seq),
            ));
        }
        not_before(on, current.on, "--on", "the day the current focus was agreed")?;
    }
    Ok(Some(Event::FocusSet {
        coaching: new.coaching,
        selling: new.selling,
        new_markets: new.new_markets,
        office: new.office,
        field: new.field,
        on,
    }))
}

fn first_agreement(missing: &str) -> Error {
    Error::input(missing, "no focus is agreed yet; the first agreement gives all five numbers")
}

/// A group of percentages: all given and adding up to 100, or none given.
fn group(flags: &str, values: &[Option<u8>]) -> Result<Option<Vec<u8>>> {
    if values.iter().all(Option::is_none) {
        return Ok(None);
    }
    let names: Vec<&str> = flags.split(", ").collect();
    let missing: Vec<&str> = names.iter().zip(values).filter(|(_, v)| v.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        return Err(Error::input(
            missing.join(", "),
            format!("a focus split gives all of {flags} (percentages adding up to 100)"),
        ));
    }
    let given: Vec<u8> = values.iter().flatten().copied().collect();
    let sum: u32 = given.iter().map(|v| u32::from(*v)).sum();
    if sum != 100 {
        let parts: Vec<String> = names.iter().zip(&given).map(|(n, v)| format!("{n} {v}")).collect();
        return Err(Error::input(
            flags,
            format!("{} add up to {sum}; they must add up to 100", parts.join(" + ")),
        ));
    }
    Ok(Some(given))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, state_with};

    fn right(area: DecisionArea, right: DecisionRight) -> Expectation {
        Expectation { area: Some(area), right: Some(right), split: Split::default(), on: None }
    }

    fn split(c: u8, s: u8, n: u8, o: Option<u8>, f: Option<u8>) -> Expectation {
        let split = Split { coaching: Some(c), selling: Some(s), new_markets: Some(n), office: o, field: f };
        Expectation { area: None, right: None, split, on: None }
    }

    fn err(state: &State, e: Expectation) -> String {
        set(state, e, d("2026-01-05")).unwrap_err().to_string()
    }

    #[test]
    fn a_right_and_a_focus_are_two_events() {
        let e = Expectation {
            split: split(30, 60, 10, Some(40), Some(60)).split,
            ..right(DecisionArea::Pricing, DecisionRight::ConsultCeo)
        };
        let events = set(&state_with(vec![]), e, d("2026-01-05")).unwrap();
        assert_eq!(events.len(), 2);
        assert!(matches!(events[0], Event::DecisionRightSet { right: DecisionRight::ConsultCeo, .. }));
        assert!(matches!(events[1], Event::FocusSet { coaching: 30, field: 60, .. }));
    }

    #[test]
    fn a_right_needs_its_area_and_must_change() {
        let s = state_with(vec![]);
        let half = Expectation { right: None, ..right(DecisionArea::Pricing, DecisionRight::CeoDecides) };
        assert!(err(&s, half).starts_with("--right"));
        let half = Expectation { area: None, ..right(DecisionArea::Pricing, DecisionRight::CeoDecides) };
        assert!(err(&s, half).starts_with("--area"));
        let first =
            set(&s, right(DecisionArea::Pricing, DecisionRight::CeoDecides), d("2026-01-05")).unwrap();
        let s = state_with(first);
        assert!(
            err(&s, right(DecisionArea::Pricing, DecisionRight::CeoDecides)).contains("already ceo-decides")
        );
        let backdated = Expectation {
            on: Some(d("2026-01-01")),
            ..right(DecisionArea::Pricing, DecisionRight::LeaderDecides)
        };
        assert!(err(&s, backdated).starts_with("--on"));
        let nothing = Expectation { area: None, right: None, split: Split::default(), on: None };
        assert!(err(&s, nothing).starts_with("nothing to set"));
    }

    #[test]
    fn focus_groups_are_complete_and_add_up_to_100() {
        let s = state_with(vec![]);
        let partial = Expectation {
            split: Split { coaching: Some(50), ..Split::default() },
            ..split(0, 0, 0, None, None)
        };
        let e = err(&s, partial);
        assert!(e.starts_with("--selling, --new-markets"), "{e}");
        assert!(err(&s, split(50, 30, 10, Some(50), Some(50))).contains("add up to 90"));
        assert!(err(&s, split(50, 40, 10, Some(50), None)).starts_with("--field"));
        // The first agreement gives all five numbers.
        assert!(err(&s, split(50, 40, 10, None, None)).starts_with("--office, --field"));
        let first = set(&s, split(50, 40, 10, Some(30), Some(70)), d("2026-01-05")).unwrap();
        let s = state_with(first);
        // Later, one group keeps the other as agreed.
        let events = set(&s, split(20, 70, 10, None, None), d("2026-01-05")).unwrap();
        assert!(matches!(events[0], Event::FocusSet { coaching: 20, office: 30, field: 70, .. }));
        assert!(err(&s, split(50, 40, 10, None, None)).contains("already agreed"));
    }
}
