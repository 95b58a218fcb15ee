//! `deal risk ID [--reason TEXT] --action TEXT --owner ceo|leader --by DATE`:
//! the flag and what is done about it, recorded together (or the action
//! alone for a deal already at risk).

use super::RiskArgs;
use crate::cli::context::Context;
use crate::cli::prompt::{check, date_rule, rule, shared, Ask, Terminal};
use crate::cli::record::{prompter, Session};
use candor::core::decide::{agreed, deal as decide, member};
use candor::core::state::Origin;
use candor::core::{text, Timestamp};
use candor::{Error, Result};

pub fn run(ctx: &Context, a: RiskArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let (state, today) = (&session.state, session.today);
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let id = a.id.clone().ok_or_else(|| Error::input("ID", "name the deal: deal risk ID --action TEXT …"))?;
    let already = state
        .deals
        .values()
        .find(|d| d.id.eq_ignore_ascii_case(id.trim()))
        .and_then(|d| d.current().risk.clone());
    let st = shared(&ask, state);
    let events = ask.settle(|ask| {
        let action = ask.text(
            a.action.clone(),
            "--action",
            "What is being done about it?",
            check(|s| text::text(s, text::MAX_TEXT)),
        )?;
        let st = st.clone();
        let owner_rule = rule(move |s| member::find(&st, s, "--owner").map(drop));
        let label = "Who owns the action (ceo, leader or a name)?";
        let owner = ask.text(a.owner.clone(), "--owner", label, owner_rule)?;
        let agreed_on = a.on.unwrap_or(today);
        let by_rule = date_rule(move |d| agreed::action_due(d, agreed_on));
        let by =
            ask.required_date_with(a.by, "--by", "By when (YYYY-MM-DD)?", agreed_on.add_days(7), by_rule)?;
        let by = by.unwrap_or(today);
        let mut events = Vec::new();
        let mut after = state.clone();
        if a.reason.is_some() || already.is_none() {
            let reason = a.reason.clone().ok_or_else(|| {
                Error::input("--reason", "the deal is not at risk yet: say why with --reason")
            })?;
            let flag = decide::risk(state, &id, &reason, a.on, today)?;
            // The action is judged on the deal as the flag leaves it.
            after.apply(
                Origin { seq: state.last_seq + 1, recorded_at: Timestamp::from_micros(0) },
                "",
                &flag,
            );
            events.push(flag);
        }
        events.push(agreed::risk_action(&after, &id, &action, &owner, by, a.on, today)?);
        Ok((events, format!("{id}: \"{action}\", owned by {owner}, by {by}")))
    })?;
    session.record(ctx, events)?;
    Ok(())
}
