//! A snapshot against the ledger: only what changed becomes an event, and
//! every event is decided by the same deal rules as a typed command
//! (`deal add|update|won|lost`), so a slip, a pull-in, a win or a loss
//! imported reads exactly as one typed by hand.

use super::convert::{row_amounts, Rate};
use super::read::Table;
use super::row::{Field, Outcome, Row};
use super::ImportError;
use crate::core::decide::deal::{self as decide, DealUpdate, NewDeal};
use crate::core::event::{Event, FxRate};
use crate::core::money::Money;
use crate::core::state::{Origin, State};
use crate::core::time::{Date, Timestamp};
use crate::error::{Error, Result};
use std::collections::HashMap;

/// What to do with open deals the export no longer lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingPolicy {
    Report,
    Lost,
    Ignore,
}

/// The reason recorded when `--missing lost` closes a vanished deal.
pub const ABSENT: &str = "absent from CRM export";

pub struct DiffOptions {
    /// The day the export was taken: the date of every change.
    pub as_of: Date,
    pub today: Date,
    /// The recording time (for the working state only).
    pub now: Timestamp,
    pub missing: MissingPolicy,
    pub fx: Vec<Rate>,
    /// The CRM named in the closing `deals_imported` record.
    pub source: &'static str,
}

/// One changed value, for the dry run and the summary.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub id: String,
    pub kind: &'static str,
    pub field: Option<&'static str>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// An open deal that the export does not list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Missing {
    pub id: String,
    pub account: String,
    pub amount: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub events: Vec<Event>,
    pub changes: Vec<Change>,
    pub missing: Vec<Missing>,
    /// Won or lost deals the ledger never knew: history before candor.
    pub skipped_closed: usize,
}

pub fn diff(state: &State, table: &Table, opts: &DiffOptions) -> Result<Plan> {
    let amounts = row_amounts(state, table, &opts.fx)?;
    let mut work = Working { state: state.clone(), plan: Plan::default(), opts };
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(table.rows.len());
    for (row, amount) in table.rows.iter().zip(amounts) {
        if let Some(first) = seen.insert(row.id.to_lowercase(), row.row) {
            let why = format!("deal '{}' is also on row {first}; an export lists each deal once", row.id);
            return Err(ImportError::new(row.row, table.column(Field::Id), why).into());
        }
        let event = work.decide_row(row, amount).map_err(|e| at(e, row.row, table))?;
        if let Some(event) = event {
            work.push(event);
        }
    }
    let vanished: Vec<String> = work
        .state
        .deals
        .values()
        .filter(|d| d.is_open() && !seen.contains_key(&d.id.to_lowercase()))
        .map(|d| d.id.clone())
        .collect();
    for id in vanished {
        let deal = &work.state.deals[&id];
        let missing = Missing {
            id: id.clone(),
            account: deal.account.clone(),
            amount: state.money(deal.current().amount),
        };
        match opts.missing {
            MissingPolicy::Ignore => {}
            MissingPolicy::Report => work.plan.missing.push(missing),
            MissingPolicy::Lost => {
                let event = decide::lost(&work.state, &id, ABSENT, Some(opts.as_of), opts.today)
                    .map_err(|e| Error::input("--missing lost", format!("deal '{id}': {e}")))?;
                work.plan.missing.push(missing);
                work.push(event);
            }
        }
    }
    if !work.plan.events.is_empty() {
        let fx =
            opts.fx.iter().map(|r| FxRate { currency: r.currency.clone(), rate: r.text.clone() }).collect();
        let rows = table.rows.len() as u64;
        let closing =
            crate::core::decide::import::imported(state, opts.source, opts.as_of, rows, fx, opts.today)?;
        work.plan.events.push(closing);
    }
    Ok(work.plan)
}

/// A refusal of the deal rules, placed at the row and column it came from.
fn at(e: Error, row: usize, table: &Table) -> Error {
    let Error::Input { field, message } = e else { return e };
    let column = match field.as_str() {
        "--id" | "ID" => table.column(Field::Id),
        "--account" => table.column(Field::Account),
        "--amount" => table.column(Field::Amount),
        "--close" => table.column(Field::Close),
        "--stage" => table.column(Field::Stage),
        "--probability" => table.column(Field::Probability),
        "--reason" => table.column(Field::LostReason),
        "--on" => "--as-of".to_string(),
        other => other.to_string(),
    };
    ImportError::new(row, column, message).into()
}

struct Working<'o> {
    state: State,
    plan: Plan,
    opts: &'o DiffOptions,
}

impl Working<'_> {
    fn decide_row(&mut self, row: &Row, amount: Money) -> Result<Option<Event>> {
        let (state, o) = (&self.state, self.opts);
        let typed = amount.format(state.exponent());
        let on = Some(o.as_of);
        let Some(deal) = state.deals.get(&row.id) else {
            if row.outcome != Outcome::Open {
                self.plan.skipped_closed += 1;
                return Ok(None);
            }
            let new = NewDeal {
                id: row.id.clone(),
                account: row.account.clone(),
                amount: typed,
                close: row.close,
                stage: row.stage.clone(),
                probability: row.probability,
                on,
            };
            return decide::add(state, new, o.today).map(Some);
        };
        let now = deal.current();
        if !deal.is_open() {
            return closed_again(deal, row).map(|()| None);
        }
        match &row.outcome {
            Outcome::Won => decide::won(state, &row.id, Some(&typed), on, o.today).map(Some),
            Outcome::Lost { reason } => {
                let reason = reason.as_deref().unwrap_or("lost in the CRM; no reason given");
                decide::lost(state, &row.id, reason, on, o.today).map(Some)
            }
            Outcome::Open => {
                let update = DealUpdate {
                    amount: (amount != now.amount).then_some(typed),
                    close: (row.close != now.close).then_some(row.close),
                    stage: row.stage.clone().filter(|s| Some(s.as_str()) != now.stage.as_deref()),
                    probability: row.probability.filter(|p| Some(*p) != now.probability),
                    on,
                };
                let unchanged = update.amount.is_none()
                    && update.close.is_none()
                    && update.stage.is_none()
                    && update.probability.is_none();
                match unchanged {
                    true => Ok(None),
                    false => decide::update(state, &row.id, update, o.today).map(Some),
                }
            }
        }
    }

    /// Notes the event's changes and applies it, so later rows see it.
    fn push(&mut self, event: Event) {
        self.plan.changes.extend(super::changes::of(&self.state, &event));
        let origin = Origin { seq: self.state.last_seq + 1, recorded_at: self.opts.now };
        self.state.apply(origin, "import", &event);
        self.plan.events.push(event);
    }
}

/// A closed deal stays closed; an export that says otherwise is refused.
fn closed_again(deal: &crate::core::state::Deal, row: &Row) -> Result<()> {
    use crate::core::state::DealStatus;
    let (was, on) = match &deal.current().status {
        DealStatus::Won { on } => ("won", on),
        DealStatus::Lost { on, .. } => ("lost", on),
        DealStatus::Open => return Ok(()),
    };
    let now = match row.outcome {
        Outcome::Open => "open",
        Outcome::Won => "won",
        Outcome::Lost { .. } => "lost",
    };
    if was == now {
        return Ok(());
    }
    Err(Error::input(
        "--stage",
        format!("deal '{}' was {was} on {on} in the ledger, and the export has it {now}; a closed deal cannot change", deal.id),
    ))
}
