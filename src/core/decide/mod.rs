//! Decisions: a command's validated input and the current state in, the
//! events to record out — or an error naming the field and what is
//! accepted. Pure: the date "today" is passed in.

pub mod acknowledge;
pub mod agenda;
pub mod agreed;
pub mod clock;
pub mod commitment;
pub mod contingency;
pub mod correct;
pub mod deal;
pub mod expect;
pub mod hire;
pub mod import;
pub mod indicator;
pub mod issue;
pub mod meeting;
pub mod member;
pub mod people_change;
pub mod plan;
pub mod plan_review;
pub mod revalidate;
pub mod revenue;
pub mod threshold;

use crate::core::time::Date;
use crate::error::{Error, Result};

/// The date a fact was true: the flag, else today; never in the future.
pub fn fact_date(on: Option<Date>, today: Date, flag: &str) -> Result<Date> {
    let on = on.unwrap_or(today);
    if on > today {
        return Err(Error::input(
            flag,
            format!("{on} is after today ({today}); a fact cannot be recorded before it is true"),
        ));
    }
    Ok(on)
}

/// Refuses `date` earlier than `earliest`, explaining what it must follow.
pub fn not_before(date: Date, earliest: Date, flag: &str, what: &str) -> Result<()> {
    if date < earliest {
        return Err(Error::input(flag, format!("{date} is before {what} ({earliest})")));
    }
    Ok(())
}

/// Refuses an `--id` that differs from a taken `what` id only by case.
pub fn no_case_clash<V>(id: &str, taken: &std::collections::BTreeMap<String, V>, what: &str) -> Result<()> {
    refuse_case_clash(id, crate::core::text::case_clash(id, taken), what)
}

/// `no_case_clash` over entities that may be read from the snapshot's index.
pub fn no_case_clash_in<T: Clone>(
    id: &str,
    taken: &crate::core::state::Entities<T>,
    what: &str,
) -> Result<()> {
    refuse_case_clash(id, taken.case_clash(id).as_deref(), what)
}

fn refuse_case_clash(id: &str, existing: Option<&str>, what: &str) -> Result<()> {
    match existing {
        Some(existing) => Err(Error::input(
            "--id",
            format!(
                "'{id}' differs only by case from the existing {what} '{existing}'; \
                 ids are compared without case — choose another id"
            ),
        )),
        None => Ok(()),
    }
}

/// The next free identifier `PREFIX-n`.
pub fn next_id(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..).map(|n| format!("{prefix}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| prefix.to_string())
}

/// The next `PREFIX-n` among entities, asking only for the ids it tries.
pub fn next_free_entity_id<T: Clone>(prefix: &str, taken: &crate::core::state::Entities<T>) -> String {
    next_free_of(prefix, &taken.folded_ids_starting(&format!("{prefix}-")))
}

/// The next `PREFIX-n` whose folded form is not in `folded`.
fn next_free_of(prefix: &str, folded: &std::collections::HashSet<String>) -> String {
    next_id(prefix, |i| folded.contains(&i.to_ascii_lowercase()))
}

/// The next `PREFIX-n` free of every taken id, case ignored (see `no_case_clash`).
pub fn next_free_id<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a String>) -> String {
    next_free_of(prefix, &taken.into_iter().map(|t| t.to_ascii_lowercase()).collect())
}
