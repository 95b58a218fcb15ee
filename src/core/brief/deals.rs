//! Revenue against the goal, the big deals, and the deals at risk.

use crate::core::bands::band_of;
use crate::core::metrics::actuals::actual_to_date;
use crate::core::metrics::ratio;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{DealStatus, DealVersion, RiskAction, State};
use crate::core::time::Date;

/// How many deals are shown as big when no size bands are set.
pub const TOP_DEALS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Revenue {
    pub goal: Option<Money>,
    pub actual_to_date: Money,
    /// The actual records the figure sums.
    pub actual_seqs: Vec<u64>,
    /// goal − actual to date; negative when the goal is passed.
    pub gap: Option<Money>,
    /// Open pipeline expected to close in the period (the reconciliation's end).
    pub open_in_period: Money,
    /// Open pipeline / gap, while a gap remains.
    pub coverage: Option<f64>,
}

pub(super) fn revenue(state: &State, period: Period, open_in_period: Money) -> Revenue {
    let goal = state.goals.get(&period).map(|f| f.value);
    let (actual, seqs) = actual_to_date(state, period);
    let gap = goal.map(|g| Money(g.0 - actual.0));
    let coverage = gap.filter(|g| g.0 > 0).and_then(|g| ratio(open_in_period.0 as f64, g.0 as f64));
    Revenue { goal, actual_to_date: actual, actual_seqs: seqs, gap, open_in_period, coverage }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BigDeal {
    pub id: String,
    pub account: String,
    pub amount: Money,
    pub close: Date,
    pub stage: Option<String>,
    pub probability: Option<u8>,
    /// Set when the deal was won in the period: to celebrate.
    pub won_on: Option<Date>,
    pub at_risk: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BigDeals {
    /// The largest size band; None when no bands are set (the top deals by amount).
    pub band: Option<String>,
    pub deals: Vec<BigDeal>,
}

/// The deal's terms on `until`, when it was won in the period or is open
/// and expected to close in it.
fn in_play(v: &DealVersion, first: Date, last: Date, until: Date) -> bool {
    match v.status {
        DealStatus::Won { on } => first <= on && on <= until,
        DealStatus::Open => first <= v.close && v.close <= last,
        DealStatus::Lost { .. } => false,
    }
}

/// Big deals won or closing in the period: those in the largest size band,
/// or the top `TOP_DEALS` by amount when no bands are set — to celebrate
/// and to plan the capacity they need.
pub(super) fn big_deals(state: &State, period: Period, until: Date) -> BigDeals {
    let fs = state.info().fiscal_year_start;
    let (first, last) = (period.first_day(fs), period.last_day(fs));
    let largest = state.size_bands.iter().max_by_key(|b| b.min).map(|b| b.name.clone());
    let mut deals: Vec<BigDeal> = state
        .deals
        .values()
        .filter_map(|d| d.as_on(until).filter(|v| in_play(v, first, last, until)).map(|v| (d, v)))
        .filter(|(_, v)| largest.is_none() || band_of(&state.size_bands, v.amount) == largest.as_deref())
        .map(|(d, v)| BigDeal {
            id: d.id.clone(),
            account: d.account.clone(),
            amount: v.amount,
            close: v.close,
            stage: v.stage.as_deref().map(str::to_string),
            probability: v.probability,
            won_on: match v.status {
                DealStatus::Won { on } => Some(on),
                _ => None,
            },
            at_risk: v.risk.is_some(),
        })
        .collect();
    deals.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.id.cmp(&b.id)));
    if largest.is_none() {
        deals.truncate(TOP_DEALS);
    }
    BigDeals { band: largest, deals }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RiskRow {
    pub id: String,
    pub account: String,
    pub amount: Money,
    pub close: Date,
    pub reason: String,
    pub since: Date,
    pub days: i64,
    /// The record that flagged it.
    pub seq: u64,
    /// Flagged since the last meeting.
    pub new: bool,
    /// What is being done about it (§ 10.9), when agreed.
    pub action: Option<RiskAction>,
}

/// Open deals at risk on `until`, longest at risk first.
pub(super) fn risks(state: &State, since: Date, until: Date) -> Vec<RiskRow> {
    let mut rows: Vec<RiskRow> = state
        .deals
        .values()
        .filter_map(|d| {
            let v = d.as_on(until).filter(|v| v.status == DealStatus::Open)?;
            let r = v.risk.as_ref()?;
            Some(RiskRow {
                id: d.id.clone(),
                account: d.account.clone(),
                amount: v.amount,
                close: v.close,
                reason: r.reason.clone(),
                since: r.since,
                days: (until.0 - r.since.0).num_days(),
                seq: r.seq,
                new: r.since > since,
                action: r.action.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| b.amount.cmp(&a.amount)));
    rows
}
