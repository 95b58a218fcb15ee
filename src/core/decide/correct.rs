//! Corrections: a record's effect superseded — field by field, or voided —
//! by a new record that names it and says why. The original stays in the
//! log; `State::fold` applies the correction in force.
//!
//! A replacement is made the way a person would: take the event as JSON
//! (snake_case, externally tagged), change the named fields, and read it
//! back, so every field of every event can be corrected without a
//! hand-written editor per event.

mod subject;
#[cfg(test)]
mod tests;
mod values;

use crate::core::envelope::Envelope;
use crate::core::event::Event;
use crate::core::state::State;
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};
use serde_json::{Map, Value};
use std::collections::HashMap;
use subject::{introduces, refers_to};
use values::{candidates, check_values, explain};

/// What to do with the target record.
pub enum Change {
    /// As if it had never been recorded.
    Void,
    /// These fields (snake_case or kebab-case) take these values.
    Set(Vec<(String, String)>),
}

/// Fields that name what other records refer to. Changing one would
/// re-point or orphan those records, so they are never corrected; a wrong
/// id is fixed by voiding the record and recording it again. `period` is
/// not among them: nothing refers to a goal, actual or forecast by its
/// period, and a mistyped period is exactly what a correction is for.
pub const IDENTITY_FIELDS: &[&str] = &["id", "name", "candidate", "panelist", "version", "template_version"];

/// Whether `field` of a `kind` record is an identity. A candidate is known
/// by its id, so a misspelt candidate name can still be corrected.
pub fn is_identity(kind: &str, field: &str) -> bool {
    IDENTITY_FIELDS.contains(&field) && !(kind == "candidate_added" && field == "name")
}

/// Fields given in any accepted amount form and stored in minor units.
pub const MONEY_FIELDS: &[&str] = &["amount", "commit", "best_case", "pipeline"];

/// The record a correction targets, as it stands now.
#[derive(Clone, Debug)]
pub struct Target {
    pub seq: u64,
    pub original: Event,
    /// The event in force: the latest replacement, else the original;
    /// `None` when the record is voided.
    pub in_force: Option<Event>,
    /// The correction in force, if any.
    pub corrected_by: Option<u64>,
}

impl Target {
    /// The event a `--set` starts from (a voided record: its original).
    pub fn base(&self) -> &Event {
        self.in_force.as_ref().unwrap_or(&self.original)
    }
}

/// Finds `seq` in the history and refuses records that cannot be corrected.
pub fn target(history: &[Envelope], seq: u64) -> Result<Target> {
    let last = history.last().map_or(0, |e| e.seq);
    let env = history.iter().find(|e| e.seq == seq).ok_or_else(|| {
        Error::input("SEQ", format!("there is no record {seq}; this ledger holds records 1 to {last}"))
    })?;
    let refused = match &env.event {
        Event::LedgerOpened { .. } => {
            Some("opens the ledger; the company, people and settings it fixed cannot be corrected".into())
        }
        Event::Corrected { target, .. } => Some(format!(
            "is itself a correction (of record {target}); correct record {target} again — \
             the latest correction is the one in force"
        )),
        // Who signs is settled by the chain as it was: a correction that
        // re-registered or un-revoked a key would re-date every signature.
        Event::LeaderChanged { .. } | Event::PanelistAdded { .. } => {
            Some("gives a person a role; it stands as made, as the keys that sign by that role do".into())
        }
        Event::MemberAdded { .. } | Event::MemberKeyAdded { .. } | Event::MemberRemoved { .. } => Some(
            "changes who signs for whom; it stands as made — add a key with `member key`, revoke one \
             with `member remove --key`"
                .into(),
        ),
        // Keys sign for names and roles as these records set them.
        Event::MemberRenamed { .. } | Event::RoleHandedOver { .. } => Some(
            "is a people change; it stands as made — rename again, or hand the role over again, with a reason"
                .into(),
        ),
        Event::HeadAcknowledged { .. } => {
            Some("acknowledges the head both sides agreed on; an acknowledgement stands as made".into())
        }
        // A sealed score is checked against its seal; an edited one would fail.
        Event::ScoreSealed { .. } | Event::ScoreRevealed { .. } => {
            Some("is a sealed score; changing it would break its seal — submit an amended score".into())
        }
        _ => None,
    };
    if let Some(why) = refused {
        return Err(Error::input("SEQ", format!("record {seq} {why}")));
    }
    let correction = history.iter().rev().find_map(|e| match &e.event {
        Event::Corrected { target, replacement, .. } if *target == seq => Some((e.seq, replacement)),
        _ => None,
    });
    Ok(Target {
        seq,
        original: env.event.clone(),
        in_force: match correction {
            Some((_, replacement)) => replacement.as_deref().cloned(),
            None => Some(env.event.clone()),
        },
        corrected_by: correction.map(|(s, _)| s),
    })
}

/// The `corrected` event for `seq`, after every check.
pub fn correct(
    state: &State,
    history: &[Envelope],
    seq: u64,
    change: Change,
    reason: &str,
    today: Date,
) -> Result<Event> {
    let target = target(history, seq)?;
    let replacement = match change {
        Change::Void => {
            may_void(history, &target)?;
            None
        }
        Change::Set(sets) => Some(Box::new(replace(state, &target, &sets, today)?)),
    };
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::Corrected { target: seq, replacement, reason })
}

/// Re-checks a recorded correction with `correct` itself: each changed
/// field is given back as the text a person would type to `--set`.
pub fn recheck(
    state: &State,
    history: &[Envelope],
    target_seq: u64,
    replacement: Option<&Event>,
    reason: &str,
    today: Date,
) -> Result<()> {
    let change = match replacement {
        None => Change::Void,
        Some(r) => {
            let base = target(history, target_seq)?.base().clone();
            if r.kind() != base.kind() {
                return Err(Error::input(
                    "--set",
                    format!(
                        "the replacement is a {} record where record {target_seq} is a {}",
                        r.kind(),
                        base.kind()
                    ),
                ));
            }
            let (before, after) = (fields(&base)?, fields(r)?);
            let typed = |field: &str, v: &Value| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
                Value::Number(n) if MONEY_FIELDS.contains(&field) => n
                    .as_i64()
                    .map_or_else(|| n.to_string(), |m| crate::core::Money(m).format(state.exponent())),
                other => other.to_string(),
            };
            let sets = after
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(*v))
                .map(|(k, v)| (k.clone(), typed(k, v)))
                .collect();
            Change::Set(sets)
        }
    };
    let decided = correct(state, history, target_seq, change, reason, today)?;
    let recorded = Event::Corrected {
        target: target_seq,
        replacement: replacement.cloned().map(Box::new),
        reason: reason.to_string(),
    };
    if decided != recorded {
        return Err(Error::input(
            "--set",
            format!("the correction of record {target_seq} is not what `candor correct` would record"),
        ));
    }
    Ok(())
}

/// Refuses to void a record already voided, or one that introduces what
/// later records refer to (a deal its updates, a meeting its commitments).
pub fn may_void(history: &[Envelope], t: &Target) -> Result<()> {
    let Some(event) = &t.in_force else {
        let by = t.corrected_by.unwrap_or_default();
        return Err(Error::input("--void", format!("record {} was already voided by record {by}", t.seq)));
    };
    let Some(subject) = introduces(t.seq, event) else { return Ok(()) };
    let in_force = corrections(history);
    let effective = |e: &'_ Envelope| -> Option<Event> {
        match in_force.get(&e.seq) {
            None => Some(e.event.clone()),
            Some(replacement) => replacement.clone(),
        }
    };
    // Introduced again elsewhere (an indicator redefined): nothing is orphaned.
    let also_elsewhere = history
        .iter()
        .filter(|e| e.seq != t.seq)
        .any(|e| effective(e).is_some_and(|ev| introduces(e.seq, &ev).as_ref() == Some(&subject)));
    if also_elsewhere {
        return Ok(());
    }
    let dependents: Vec<String> = history
        .iter()
        .filter(|e| e.seq > t.seq)
        .filter(|e| effective(e).is_some_and(|ev| refers_to(&ev).contains(&subject)))
        .map(|e| e.seq.to_string())
        .collect();
    if dependents.is_empty() {
        return Ok(());
    }
    Err(Error::input(
        "--void",
        format!(
            "record {} introduces {subject}, which record{} {} refer{} to; voiding it would orphan them — \
             void those first, or correct this record with --set",
            t.seq,
            if dependents.len() == 1 { "" } else { "s" },
            dependents.join(", "),
            if dependents.len() == 1 { "s" } else { "" },
        ),
    ))
}

/// Target seq → replacement in force (None = voided); the latest wins.
fn corrections(history: &[Envelope]) -> HashMap<u64, Option<Event>> {
    let mut out = HashMap::new();
    for e in history {
        if let Event::Corrected { target, replacement, .. } = &e.event {
            out.insert(*target, replacement.as_deref().cloned());
        }
    }
    out
}

/// An event's fields as JSON, in declaration order.
pub fn fields(event: &Event) -> Result<Map<String, Value>> {
    let value =
        serde_json::to_value(event).map_err(|e| Error::Usage(format!("cannot read the record: {e}")))?;
    match value {
        Value::Object(outer) => match outer.into_iter().next() {
            Some((_, Value::Object(inner))) => Ok(inner),
            _ => Err(Error::Usage("the record has no fields to correct".into())),
        },
        _ => Err(Error::Usage("the record has no fields to correct".into())),
    }
}

/// Whether `--set` can change a field: not an identity, and a plain value
/// (text, number, date, keyword) or a list of names.
pub fn settable(kind: &str, field: &str, value: &Value) -> bool {
    !is_identity(kind, field)
        && match value {
            Value::Object(_) => false,
            Value::Array(items) => items.iter().all(Value::is_string),
            _ => true,
        }
}

fn event_from(kind: &str, fields: &Map<String, Value>) -> std::result::Result<Event, String> {
    let mut outer = Map::new();
    outer.insert(kind.to_string(), Value::Object(fields.clone()));
    serde_json::from_value(Value::Object(outer)).map_err(|e| e.to_string())
}

/// Due and close dates: moving one after it passed is a slip, and a
/// correction (which rewrites as of the original record) would hide it.
const DEADLINES: [(&str, &str); 4] = [
    ("commitment_made", "due"),
    ("commitment_rescheduled", "due"),
    ("deal_opened", "close"),
    ("deal_changed", "close"),
];

/// The deadline `field` held, if it is one and it had passed by `today`.
fn passed_deadline(kind: &str, field: &str, current: &Value, today: Date) -> Option<Date> {
    if !DEADLINES.contains(&(kind, field)) {
        return None;
    }
    current.as_str().and_then(|s| Date::parse(s).ok()).filter(|was| *was < today)
}

/// The target's event with `sets` applied, checked against the value rules.
pub fn replace(state: &State, t: &Target, sets: &[(String, String)], today: Date) -> Result<Event> {
    if sets.is_empty() {
        return Err(Error::input("--set", "give at least one FIELD=VALUE, or --void"));
    }
    let base = t.base();
    let kind = base.kind();
    let mut fields = fields(base)?;
    let mut changed: Vec<String> = Vec::new();
    for (given, raw) in sets {
        let field = given.trim().replace('-', "_");
        let bad = |m: String| Error::input("--set", format!("{field}: {m}"));
        if changed.contains(&field) {
            return Err(bad("is given twice".into()));
        }
        let Some(current) = fields.get(&field).cloned() else {
            let known: Vec<&str> = fields.keys().map(String::as_str).collect();
            return Err(Error::input(
                "--set",
                format!("'{field}' is not a field of a {kind} record; its fields: {}", known.join(", ")),
            ));
        };
        if is_identity(kind, &field) {
            return Err(bad(format!(
                "names what other records refer to, so it cannot be corrected; \
                 void record {} and record it again if it is wrong",
                t.seq
            )));
        }
        if let Some(passed) = passed_deadline(kind, &field, &current, today) {
            return Err(bad(format!(
                "was {passed}, which has passed; a deadline that has passed moves only with `commitment \
                 reschedule` or `deal update --close`, which count as slips — a correction cannot move it"
            )));
        }
        let mut why = String::new();
        let mut fits = false;
        for candidate in candidates(state, &field, &current, raw)? {
            fields.insert(field.clone(), candidate);
            match event_from(kind, &fields) {
                Ok(_) => {
                    fits = true;
                    break;
                }
                Err(e) => why = e,
            }
        }
        if !fits {
            return Err(bad(if raw.trim().is_empty() {
                "cannot be empty; give a value".into()
            } else {
                explain(&why, raw)
            }));
        }
        changed.push(field);
    }
    let replacement = event_from(kind, &fields).map_err(|e| Error::input("--set", e))?;
    if t.in_force.as_ref() == Some(&replacement) {
        return Err(Error::input(
            "--set",
            format!(
                "the replacement is identical to record {} as it stands; there is nothing to correct",
                t.seq
            ),
        ));
    }
    check_values(state, t.seq, &replacement, &changed, today)?;
    Ok(replacement)
}
