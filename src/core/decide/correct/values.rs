//! The values a `--set` may take: how a typed answer becomes JSON of the
//! field's type, and the rules the replacement must pass like any record.

use super::super::{meeting, member};
use super::{fields, MONEY_FIELDS};
use crate::core::event::Event;
use crate::core::money::Money;
use crate::core::state::State;
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, Result};
use serde_json::Value;

/// Text held to the one-line name limit; other text gets `MAX_TEXT`.
const NAME_FIELDS: &[&str] = &["owner", "account", "title", "requested_by", "stage", "metric"];
/// Fields that take the role words `ceo` and `leader`.
const PERSON_FIELDS: &[&str] = &["owner", "requested_by", "attendees", "agreed_by"];
/// Dates on which a fact was true; like `--on`, never after today.
const FACT_DATES: &[&str] = &["on", "date", "as_of"];

/// The JSON values a typed answer may stand for, most specific first; the
/// first that reads back into the event wins. An empty answer clears an
/// optional field.
pub(super) fn candidates(state: &State, field: &str, current: &Value, raw: &str) -> Result<Vec<Value>> {
    let bad = |m: String| Error::input("--set", format!("{field}: {m}"));
    let v = raw.trim();
    if v.is_empty() {
        return Ok(vec![Value::Null]);
    }
    if MONEY_FIELDS.contains(&field) {
        let amount = Money::parse(v, state.exponent()).map_err(bad)?;
        return Ok(vec![Value::from(amount.0)]);
    }
    // A person field names a member (or a role word): a correction never
    // makes a new person either.
    let person = |s: &str| -> Result<String> {
        if !PERSON_FIELDS.contains(&field) {
            return Ok(s.to_string());
        }
        member::find(state, s, "--set").map(|m| m.name.clone()).map_err(|e| match e {
            Error::Input { message, .. } => bad(message),
            other => other,
        })
    };
    Ok(match current {
        Value::String(_) => vec![Value::String(person(v)?)],
        Value::Number(_) => {
            let n: i64 = v.parse().map_err(|_| bad(format!("'{v}' is not a whole number")))?;
            vec![Value::from(n)]
        }
        Value::Bool(_) => match v.to_ascii_lowercase().as_str() {
            "true" | "yes" => vec![Value::Bool(true)],
            "false" | "no" => vec![Value::Bool(false)],
            _ => return Err(bad(format!("'{v}' is not accepted; expected true or false"))),
        },
        Value::Null => {
            let mut out = Vec::new();
            if let Ok(n) = v.parse::<i64>() {
                out.push(Value::from(n));
            }
            if let Ok(b) = v.parse::<bool>() {
                out.push(Value::Bool(b));
            }
            out.push(Value::String(person(v)?));
            out
        }
        Value::Array(items) if items.iter().all(Value::is_string) => {
            let names: Vec<Value> = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| person(s).map(Value::String))
                .collect::<Result<_>>()?;
            vec![Value::Array(names)]
        }
        Value::Array(_) | Value::Object(_) => {
            return Err(bad(
                "holds structured data, which --set cannot change; void the record and record it again"
                    .into(),
            ))
        }
    })
}

/// Rephrases serde's type errors in the words the rest of candor uses.
pub(super) fn explain(serde_message: &str, raw: &str) -> String {
    let integer = ["u8", "u16", "u32", "u64", "i32", "i64"]
        .iter()
        .any(|t| serde_message.ends_with(&format!("expected {t}")));
    match serde_message {
        m if m.starts_with("invalid type") && integer => format!("'{}' is not a whole number", raw.trim()),
        m if m.starts_with("invalid value: integer") && integer => format!("{} is out of range", raw.trim()),
        m => m.to_string(),
    }
}

/// The value rules a replacement must pass, like any new record.
pub(super) fn check_values(
    state: &State,
    seq: u64,
    event: &Event,
    changed: &[String],
    today: Date,
) -> Result<()> {
    let fields = fields(event)?;
    for f in changed {
        let bad = |m: String| Error::input("--set", format!("{f}: {m}"));
        let value = fields.get(f).unwrap_or(&Value::Null);
        let rule = |s: &str| {
            if NAME_FIELDS.contains(&f.as_str()) || PERSON_FIELDS.contains(&f.as_str()) {
                text::name(s)
            } else {
                text::text(s, text::MAX_TEXT)
            }
        };
        match value {
            Value::String(s) => {
                rule(s).map_err(bad)?;
            }
            Value::Array(items) => {
                if items.is_empty() {
                    return Err(bad("must name at least one".into()));
                }
                for s in items.iter().filter_map(Value::as_str) {
                    rule(s).map_err(bad)?;
                }
            }
            _ => {}
        }
        if FACT_DATES.contains(&f.as_str()) {
            if let Some(date) = value.as_str().and_then(|s| Date::parse(s).ok()) {
                if date > today {
                    return Err(bad(format!(
                        "{date} is after today ({today}); a fact cannot be recorded before it is true"
                    )));
                }
            }
        }
    }
    event_rules(state, seq, event)
}

/// Rules that tie one event's fields together, or to the record.
fn event_rules(state: &State, seq: u64, event: &Event) -> Result<()> {
    let bad = |m: String| Err(Error::input("--set", m));
    match event {
        Event::CommitmentMade { due, on, meeting: m, .. } => {
            if due < on {
                return bad(format!("due: {due} is before the day the commitment was made ({on})"));
            }
            if let Some(m) = m {
                if !state.meetings.iter().any(|x| x.origin.seq == *m && x.held()) {
                    return bad(format!("meeting: record {m} is not a meeting that was held"));
                }
            }
        }
        Event::DealOpened { probability: Some(p), .. } | Event::DealChanged { probability: Some(p), .. }
            if *p > 100 =>
        {
            return bad(format!("probability: {p} is not a percentage; expected 0 to 100"));
        }
        Event::MeetingHeld { date, rating, .. } => {
            if let Some(r) = rating {
                meeting::rating(*r).map_err(|m| Error::input("--set", format!("rating: {m}")))?;
            }
            meeting::date_is_free(state, *date, Some(seq))
                .map_err(|e| Error::input("--set", format!("date: {e}")))?;
        }
        Event::MeetingSkipped { date, .. } => {
            meeting::date_is_free(state, *date, Some(seq))
                .map_err(|e| Error::input("--set", format!("date: {e}")))?;
        }
        Event::FocusSet { coaching, selling, new_markets, office, field, .. } => {
            let activities = u32::from(*coaching) + u32::from(*selling) + u32::from(*new_markets);
            if activities != 100 {
                return bad(format!(
                    "coaching + selling + new_markets add up to {activities}; they must add up to 100"
                ));
            }
            if u32::from(*office) + u32::from(*field) != 100 {
                return bad(format!(
                    "office + field add up to {}; they must add up to 100",
                    u32::from(*office) + u32::from(*field)
                ));
            }
        }
        Event::PlanItemAdded { id, parent: Some(parent), .. }
            if parent == id || !state.plan.items.contains_key(parent) =>
        {
            return bad(format!("parent: '{parent}' is not another plan item"));
        }
        _ => {}
    }
    Ok(())
}
