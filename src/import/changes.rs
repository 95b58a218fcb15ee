//! The changes an event makes to a deal, field by field, in words.

use super::diff::Change;
use crate::core::event::Event;
use crate::core::state::State;

pub fn of(state: &State, event: &Event) -> Vec<Change> {
    let kind = event.kind();
    let change = |id: &str, field: Option<&'static str>, from: Option<String>, to: Option<String>| Change {
        id: id.to_string(),
        kind,
        field,
        from,
        to,
    };
    let current = |id: &str| state.deals.get(id).map(|d| d.current().clone());
    match event {
        Event::DealOpened { id, account, amount, close, .. } => {
            vec![change(id, None, None, Some(format!("{account}, {}, close {close}", state.money(*amount))))]
        }
        Event::DealChanged { id, amount, close, stage, probability, .. } => {
            let Some(was) = current(id) else { return Vec::new() };
            let mut out = Vec::new();
            if let Some(a) = amount {
                out.push(change(id, Some("amount"), Some(state.money(was.amount)), Some(state.money(*a))));
            }
            if let Some(c) = close {
                out.push(change(id, Some("close"), Some(was.close.to_string()), Some(c.to_string())));
            }
            if let Some(s) = stage {
                out.push(change(
                    id,
                    Some("stage"),
                    was.stage.as_deref().map(str::to_string),
                    Some(s.clone()),
                ));
            }
            if let Some(p) = probability {
                out.push(change(
                    id,
                    Some("probability"),
                    was.probability.map(|p| format!("{p}%")),
                    Some(format!("{p}%")),
                ));
            }
            out
        }
        Event::DealWon { id, amount, .. } => {
            let mut out = vec![change(id, Some("status"), Some("open".into()), Some("won".into()))];
            if let (Some(a), Some(was)) = (amount, current(id)) {
                out.push(change(id, Some("amount"), Some(state.money(was.amount)), Some(state.money(*a))));
            }
            out
        }
        Event::DealLost { id, reason, .. } => {
            vec![change(id, Some("status"), Some("open".into()), Some(format!("lost: {reason}")))]
        }
        _ => Vec::new(),
    }
}
