//! Issues: a flag either side raises, and its resolution.

use super::{fact_date, next_free_id, no_case_clash, not_before};
use crate::core::event::Event;
use crate::core::state::{IssueItem, State};
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};

pub struct NewIssue {
    /// The next free `I-n` when not given.
    pub id: Option<String>,
    pub title: String,
    pub detail: Option<String>,
    pub on: Option<Date>,
}

/// The id an issue gets when none is given.
pub fn next_issue_id(state: &State) -> String {
    next_free_id("I", state.issues.keys())
}

/// A new issue's id: well formed and not taken (case ignored).
pub fn new_issue_id(state: &State, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if let Some(existing) = state.issues.get(&id) {
        return Err(Error::input(
            "--id",
            format!("issue '{id}' was already raised on {}; choose another id", existing.raised_on),
        ));
    }
    no_case_clash(&id, &state.issues, "issue")?;
    Ok(id)
}

pub fn raise(state: &State, i: NewIssue, today: Date) -> Result<Event> {
    let id = new_issue_id(state, i.id.as_deref().unwrap_or(&next_issue_id(state)))?;
    let title = text::name(&i.title).field("--title")?;
    let detail = i.detail.as_deref().map(|d| text::text(d, text::MAX_TEXT).field("--detail")).transpose()?;
    let on = fact_date(i.on, today, "--on")?;
    Ok(Event::IssueRaised { id, title, detail, on })
}

pub fn resolve(state: &State, id: &str, resolution: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let issue = find(state, id)?;
    if let Some((resolved_on, _)) = &issue.resolved {
        return Err(Error::input(
            "ID",
            format!(
                "issue '{}' was already resolved on {resolved_on}; only an open issue can be resolved",
                issue.id
            ),
        ));
    }
    let resolution = text::text(resolution, text::MAX_TEXT).field("--resolution")?;
    let on = fact_date(on, today, "--on")?;
    not_before(on, issue.raised_on, "--on", "the day it was raised")?;
    Ok(Event::IssueResolved { id: issue.id.clone(), resolution, on })
}

/// The issue `id`, or an error listing the known ones.
pub fn find<'a>(state: &'a State, id: &str) -> Result<&'a IssueItem> {
    state.issues.get(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = state.issues.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input("ID", format!("there is no issue '{}'; known: {known}", id.trim()))
    })
}

/// Issues in the order they were raised (ids sort `I-10` before `I-2`).
pub fn in_order(state: &State) -> Vec<&IssueItem> {
    let mut issues: Vec<&IssueItem> = state.issues.values().collect();
    issues.sort_by_key(|i| i.origin.seq);
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, state_with};

    fn new(id: Option<&str>, title: &str) -> NewIssue {
        NewIssue { id: id.map(str::to_string), title: title.into(), detail: None, on: None }
    }

    #[test]
    fn raise_numbers_issues_and_refuses_duplicates() {
        let today = d("2026-01-05");
        let first = raise(&state_with(vec![]), new(None, "Pricing exceptions"), today).unwrap();
        assert!(matches!(first, Event::IssueRaised { ref id, on, .. } if id == "I-1" && on == today));
        let s = state_with(vec![first]);
        assert_eq!(next_issue_id(&s), "I-2");
        let err = raise(&s, new(Some("I-1"), "Again"), today).unwrap_err().to_string();
        assert!(err.starts_with("--id") && err.contains("already raised"), "{err}");
        assert!(raise(&s, new(Some("bad id"), "x"), today).unwrap_err().to_string().starts_with("--id"));
        assert!(raise(&s, new(None, " "), today).unwrap_err().to_string().starts_with("--title"));
        assert!(raise(&s, new(None, "two\nlines"), today).unwrap_err().to_string().starts_with("--title"));
        let future = NewIssue { on: Some(d("2026-01-06")), ..new(None, "x") };
        assert!(raise(&s, future, today).unwrap_err().to_string().starts_with("--on"));
        let empty_detail = NewIssue { detail: Some("".into()), ..new(None, "x") };
        assert!(raise(&s, empty_detail, today).unwrap_err().to_string().starts_with("--detail"));
    }

    #[test]
    fn resolve_only_open_issues_and_not_before_they_were_raised() {
        let today = d("2026-01-12");
        let raised = raise(
            &state_with(vec![]),
            NewIssue { on: Some(d("2026-01-05")), ..new(None, "Discounts") },
            today,
        )
        .unwrap();
        let s = state_with(vec![raised.clone()]);
        assert!(resolve(&s, "I-1", "x", Some(d("2026-01-04")), today)
            .unwrap_err()
            .to_string()
            .starts_with("--on"));
        assert!(resolve(&s, "I-1", " ", None, today).unwrap_err().to_string().starts_with("--resolution"));
        assert!(resolve(&s, "I-9", "x", None, today).unwrap_err().to_string().contains("known: I-1"));
        let resolved = resolve(&s, " I-1 ", "Agreed a floor of 15%", None, today).unwrap();
        assert!(matches!(resolved, Event::IssueResolved { ref id, .. } if id == "I-1"));
        let s = state_with(vec![raised, resolved]);
        let err = resolve(&s, "I-1", "again", None, today).unwrap_err().to_string();
        assert!(err.contains("already resolved on 2026-01-12"), "{err}");
    }
}
