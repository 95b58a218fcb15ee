//! The plain lists — commitments, deals, members — as rows whose words are
//! decided once, for the command line's tables and JSON and the web pages.

use crate::core::bands::band_of;
use crate::core::member::PublicKey;
use crate::core::state::Members;
use crate::core::state::{Commitment, CommitmentStatus, Deal, DealStatus, DealVersion, State};
use crate::core::time::Date;
use serde_json::{json, Value};

/// A commitment's status on `today`, in words.
pub fn commitment_status(c: &Commitment, today: Date) -> String {
    match &c.status {
        CommitmentStatus::Open if c.due < today => "overdue".into(),
        CommitmentStatus::Open => "open".into(),
        CommitmentStatus::Done { on } if *on > c.due => format!("done late ({on})"),
        CommitmentStatus::Done { on } => format!("done ({on})"),
        CommitmentStatus::Dropped { on, .. } => format!("dropped ({on})"),
        CommitmentStatus::Missed { on } => match c.done_after_miss {
            Some(d) => format!("missed ({on}), done {d}"),
            None => format!("missed ({on})"),
        },
    }
}

/// Whether a commitment can still be marked done (`commitment done`
/// offers these): neither done nor dropped.
pub fn commitment_can_be_done(c: &Commitment) -> bool {
    !matches!(c.status, CommitmentStatus::Done { .. } | CommitmentStatus::Dropped { .. })
}

pub const COMMITMENT_HEADERS: [&str; 6] = ["id", "owner", "what", "due", "status", "made"];

pub fn commitment_cells(c: &Commitment, today: Date) -> Vec<String> {
    vec![
        c.id.clone(),
        c.owner.clone(),
        c.what.clone(),
        c.due.to_string(),
        commitment_status(c, today),
        c.made_on.to_string(),
    ]
}

pub fn deal_status_word(v: &DealVersion) -> &'static str {
    match v.status {
        DealStatus::Open => "open",
        DealStatus::Won { .. } => "won",
        DealStatus::Lost { .. } => "lost",
    }
}

pub fn deal_status_text(v: &DealVersion) -> String {
    match &v.status {
        DealStatus::Open => "open".into(),
        DealStatus::Won { on } => format!("won {on}"),
        DealStatus::Lost { on, .. } => format!("lost {on}"),
    }
}

/// An open deal whose expected close date has gone by without a decision.
pub fn close_passed(v: &DealVersion, today: Date) -> bool {
    v.status == DealStatus::Open && v.close < today
}

pub const DEAL_HEADERS: [&str; 9] =
    ["id", "account", "amount", "close", "stage", "probability", "band", "status", "at risk since"];

/// A deal's current terms as people read them, in `DEAL_HEADERS` order.
pub fn deal_cells(state: &State, d: &Deal, today: Date) -> Vec<String> {
    let v = d.current();
    let close = if close_passed(v, today) { format!("{} (passed)", v.close) } else { v.close.to_string() };
    vec![
        d.id.clone(),
        d.account.clone(),
        state.money(v.amount),
        close,
        v.stage.as_deref().unwrap_or_default().to_string(),
        v.probability.map(|p| format!("{p}%")).unwrap_or_default(),
        band_of(&state.size_bands, v.amount).unwrap_or_default().to_string(),
        deal_status_text(v),
        v.risk.as_ref().map(|r| r.since.to_string()).unwrap_or_default(),
    ]
}

/// Every member with roles, keys and status; `local` marks the keys on
/// the machine that asks (none for a server).
pub fn members_json(members: &Members, local: &[PublicKey]) -> Vec<Value> {
    members
        .by_name
        .values()
        .map(|m| {
            let keys: Vec<Value> = m
                .keys
                .iter()
                .filter_map(|k| {
                    let e = members.keys.get(k)?;
                    Some(json!({ "key": k.to_string(), "registered_at": e.registered_at, "revoked_at": e.revoked_at,
                            "on_this_machine": local.contains(k) }))
                })
                .collect();
            json!({
                "name": m.name,
                "roles": m.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
                "active": m.is_active(),
                "since": m.added_at,
                "removed_at": m.removed_at,
                "keys": keys,
            })
        })
        .collect()
}

pub const MEMBER_HEADERS: [&str; 4] = ["member", "roles", "keys", "status"];

/// `members_json`'s rows as people read them, in `MEMBER_HEADERS` order.
pub fn member_cells(rows: &[Value]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let roles: Vec<&str> =
                r["roles"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
            let keys: Vec<String> = r["keys"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|k| {
                    let key = k["key"].as_str().unwrap_or("");
                    let short: String = key.chars().take(16).collect();
                    let here = if k["on_this_machine"] == true { ", here" } else { "" };
                    match k["revoked_at"].as_u64() {
                        Some(at) => format!("{short}… (revoked #{at})"),
                        None => format!("{short}… (#{}{here})", k["registered_at"]),
                    }
                })
                .collect();
            let status = match r["removed_at"].as_u64() {
                Some(at) => format!("removed #{at}"),
                None => "active".into(),
            };
            vec![
                r["name"].as_str().unwrap_or("").to_string(),
                if roles.is_empty() { "—".into() } else { roles.join(", ") },
                if keys.is_empty() { "no key (unsigned)".into() } else { keys.join("; ") },
                status,
            ]
        })
        .collect()
}
