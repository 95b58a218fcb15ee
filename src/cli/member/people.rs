//! `member rename` and `member hand-over`: people change, recorded with a
//! reason. Values come from flags, or from prompts on a terminal; each
//! prompt refuses what the decision would refuse.

use super::super::context::Context;
use super::super::prompt::{check, shared, Ask, Terminal};
use super::super::record::{prompter, Session};
use candor::core::decide::member::find;
use candor::core::decide::people_change as decide;
use candor::core::state::{Member, PeopleChange, State};
use candor::core::{text, Date, Role};
use candor::Result;

/// `member rename --name OLD --to NEW --reason TEXT`.
pub fn rename(ctx: &Context, name: Option<String>, to: Option<String>, reason: Option<String>) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let st = shared(&ask, state);
    let event = ask.settle(|ask| {
        let name = match &name {
            Some(n) => find(state, n, "--name")?.name.clone(),
            None => pick_member(ask, state, "--name", "Whose name changes?", |_| true)?.unwrap_or_default(),
        };
        // The prompt refuses what the decision would: a taken or former name.
        let (judge, from) = (st.clone(), name.clone());
        let fits =
            move |to: &str| decide::rename(&judge, &from, to, "-").map(drop).map_err(|e| e.to_string());
        let to = ask.text(to.clone(), "--to", &format!("New name for {name}:"), check(fits))?;
        let reason =
            ask.text(reason.clone(), "--reason", "Why?", check(|s| text::text(s, text::MAX_TEXT)))?;
        Ok((decide::rename(state, &name, &to, &reason)?, format!("Rename {name} to {to}")))
    })?;
    session.record(ctx, vec![event]).map(drop)
}

/// `member hand-over --role ceo|leader --to NAME --reason TEXT [--on DATE]`.
pub fn hand_over(
    ctx: &Context,
    role: Option<Role>,
    to: Option<String>,
    reason: Option<String>,
    on: Option<Date>,
) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let (state, today) = (&session.state, session.today);
    let event = ask.settle(|ask| {
        let role = match role {
            Some(r) => Some(r),
            None => {
                let options = ["ceo".to_string(), "leader".to_string()];
                ask.choose("--role", "Which role is handed over?", &options, 1)?.map(|i| {
                    if i == 0 {
                        Role::Ceo
                    } else {
                        Role::Leader
                    }
                })
            }
        };
        let to = match &to {
            Some(t) => Some(t.clone()),
            None => {
                // Only those the decision accepts: not a side already, and able to sign.
                let signs =
                    |m: &Member| !state.members.any_key() || m.live_keys(&state.members).next().is_some();
                let eligible = |m: &Member| {
                    !m.has(Role::Ceo) && !m.has(Role::Leader) && !m.has(Role::Server) && signs(m)
                };
                pick_member(ask, state, "--to", "Who takes it over?", eligible)?
            }
        };
        let reason =
            ask.text(reason.clone(), "--reason", "Why?", check(|s| text::text(s, text::MAX_TEXT)))?;
        let on = match ask.interactive() {
            true => Some(ask.date_with(on, "--on", "From (YYYY-MM-DD):", today, check(Date::parse))?),
            false => on,
        };
        let (Some(role), Some(to)) = (role, to) else {
            return Err(candor::Error::input("--role", "choose ceo or leader, and who takes it over (--to)"));
        };
        let summary = format!("Hand the {role} role over to {to}");
        Ok((decide::hand_over(state, role, &to, &reason, on, today)?, summary))
    })?;
    session.record(ctx, vec![event]).map(drop)
}

/// A member chosen from a list on a terminal (`keep` filters the list);
/// None when no prompt may be shown (`settle` then names `flag`).
fn pick_member(
    ask: &mut Ask,
    state: &State,
    flag: &'static str,
    label: &str,
    keep: impl Fn(&Member) -> bool,
) -> Result<Option<String>> {
    let names: Vec<String> =
        state.members.by_name.values().filter(|m| m.is_active() && keep(m)).map(|m| m.name.clone()).collect();
    Ok(ask.choose(flag, label, &names, 0)?.map(|i| names[i].clone()))
}

/// The headers of `member list`'s people changes.
pub const CHANGE_HEADERS: [&str; 5] = ["record", "on", "change", "reason", "recorded"];

/// One row per rename or hand-over, oldest first.
pub fn change_cells(changes: &[PeopleChange]) -> Vec<Vec<String>> {
    changes
        .iter()
        .map(|c| {
            let what = match c.role {
                Some(role) => format!("{} role: {} → {}", role_word(role), c.from, c.to),
                None => format!("renamed {} → {}", c.from, c.to),
            };
            vec![
                format!("#{}", c.origin.seq),
                c.on.to_string(),
                what,
                c.reason.clone(),
                c.origin.recorded_at.date().to_string(),
            ]
        })
        .collect()
}

/// The changes as `member list --format json` gives them.
pub fn changes_json(changes: &[PeopleChange]) -> Vec<serde_json::Value> {
    changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "seq": c.origin.seq,
                "kind": if c.role.is_some() { "role_handed_over" } else { "member_renamed" },
                "role": c.role.map(|r| r.as_str()),
                "from": c.from,
                "to": c.to,
                "reason": c.reason,
                "on": c.on.to_string(),
            })
        })
        .collect()
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::Ceo => "CEO",
        Role::Leader => "sales leader",
        other => other.as_str(),
    }
}
