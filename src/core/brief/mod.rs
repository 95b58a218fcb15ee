//! The weekly brief: every fact the CEO and the sales leader review at their
//! 1-on-1, computed once from the state for a focus period and the interval
//! since the last meeting. Renderers (table, Markdown, JSON, HTML) take the
//! value as it is; nothing here formats for a medium.
//!
//! The agenda, in order: revenue against the goal, the leader's and the
//! agreed forecast (1b), big deals, what changed in the pipeline (with its
//! exact reconciliation), risks with their actions, overdue and stale deals
//! (4b), the plan, decision rights, focus and open initiatives (5b),
//! commitments, leading indicators and contingencies, trends and this period
//! against the previous one (8b), issues, and the three questions.

pub mod agreed;
mod deals;
mod people;
mod plan;
mod questions;
#[cfg(test)]
mod tests;
mod window;

pub use agreed::{Comparison, ForecastLine, Initiative, PeriodFigures};
pub use deals::{BigDeal, BigDeals, Revenue, RiskRow};
pub use people::{CommitmentReview, CommitmentRow, IssueRow, WeekSayDo};
pub use plan::{ForecastPoint, IndicatorReview, IndicatorRow, ItemRow, PlanChangeRow, PlanReview, Triggered};
pub use questions::Question;
pub use window::{window, Window};

use crate::core::decide::acknowledge::{self, MeetingAcks};
use crate::core::metrics::answers::{answers, AnswerCheck};
use crate::core::metrics::ceiling::{ceiling_for, Ceiling};
use crate::core::metrics::changes::{changes, Changes};
use crate::core::metrics::hygiene::{hygiene, Hygiene};
use crate::core::metrics::pipeline::{health, BandMix, WeekFlow};
use crate::core::metrics::thresholds::{threshold, Threshold};
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::State;
use crate::core::time::Date;

/// How many complete weeks the indicator, say/do and flow trends cover.
pub const TREND_WEEKS: usize = 13;

/// The pipeline trends of the last `TREND_WEEKS` complete weeks (metrics.md § 9).
#[derive(Clone, Debug, PartialEq)]
pub struct Trends {
    pub weeks: Vec<WeekFlow>,
    pub totals: WeekFlow,
    /// The week holding `until`, so far: in no total or rate above.
    pub in_progress: WeekFlow,
    pub average_won_size: Option<f64>,
    pub cycle_days_mean: Option<f64>,
    pub cycle_days_median: Option<f64>,
    pub mix: Vec<BandMix>,
}

/// A changed deal with its account, for people to recognise it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangedDeal {
    pub id: String,
    pub account: String,
    pub reason: &'static str,
    pub amount_start: Money,
    pub amount_end: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    pub company: String,
    pub ceo: String,
    pub leader: String,
    pub currency: String,
    pub exponent: u32,
    pub period: Period,
    pub period_first: Date,
    pub period_last: Date,
    pub since: Date,
    pub until: Date,
    /// The meeting the interval starts at: (date, record), if one was held.
    pub last_meeting: Option<(Date, u64)>,
    pub revenue: Revenue,
    pub big_deals: BigDeals,
    pub changes: Changes,
    /// Every deal in the reconciliation, with its account.
    pub changed: Vec<ChangedDeal>,
    pub risks: Vec<RiskRow>,
    pub plan: PlanReview,
    pub commitments: CommitmentReview,
    pub indicators: IndicatorReview,
    pub contingencies: Vec<Triggered>,
    pub trends: Trends,
    pub issues: Vec<IssueRow>,
    pub questions: Vec<Question>,
    /// Forecast (standing at each period's end) against the actual, for the
    /// periods of the focus period's kind up to it.
    pub forecasts: Vec<ForecastPoint>,
    /// Overdue and stale deals, and the share of the pipeline they hold (§ 10.4).
    pub hygiene: Hygiene,
    pub hygiene_threshold: Option<Threshold>,
    /// The leader's forecast for the focus period against what could close (§ 10.7).
    pub ceiling: Option<Ceiling>,
    /// Every held meeting's "did we work the plan?" beside the indicators (§ 10.6).
    pub answers: Vec<AnswerCheck>,
    /// The leader's and the agreed forecast for the focus period (§ 10.8).
    pub forecast: ForecastLine,
    /// Decision rights and focus in force, one line each (§ 10.9).
    pub decision_rights: Option<String>,
    pub focus: Option<String>,
    pub initiatives: Vec<Initiative>,
    /// This period against the previous one.
    pub comparison: Comparison,
    /// The last meeting before `until` and those held from `since` to
    /// `until`, each with each side's acknowledgement or that it is pending.
    pub meetings: Vec<MeetingRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeetingRow {
    pub date: Date,
    pub seq: u64,
    pub acks: MeetingAcks,
}

/// The meetings held from `since` to `until`, and always the last one
/// before `until` (the one the brief reviews from).
fn meetings(state: &State, since: Date, until: Date) -> Vec<MeetingRow> {
    let last = window::last_meeting_before(state, until).map(|m| m.origin.seq);
    let mut rows: Vec<MeetingRow> = state
        .meetings
        .iter()
        .filter(|m| m.held() && ((m.date >= since && m.date <= until) || Some(m.origin.seq) == last))
        .map(|m| MeetingRow { date: m.date, seq: m.origin.seq, acks: acknowledge::of_meeting(state, m) })
        .collect();
    rows.sort_by_key(|r| (r.date, r.seq));
    rows
}

impl Brief {
    /// An amount as people read it: `USD 1,250,000`.
    pub fn money(&self, m: Money) -> String {
        format!("{} {}", self.currency, m.format(self.exponent))
    }
}

/// The brief for `period`, reviewing what happened in `(since, until]` and
/// judged on `until`.
pub fn brief(state: &State, period: Period, since: Date, until: Date) -> Brief {
    let info = state.info();
    let fs = info.fiscal_year_start;
    let c = changes(state, period, since, until);
    let changed = c
        .deals
        .iter()
        .map(|d| ChangedDeal {
            id: d.id.clone(),
            account: state.deals.get(&d.id).map_or_else(String::new, |x| x.account.clone()),
            reason: d.reason.as_str(),
            amount_start: d.amount_start,
            amount_end: d.amount_end,
        })
        .collect();
    let h = health(state, until);
    let (rights, focus) = agreed::expectations(state);
    let mut b = Brief {
        company: info.company.clone(),
        ceo: info.ceo.clone(),
        leader: info.leader.clone(),
        currency: info.currency.clone(),
        exponent: state.exponent(),
        period,
        period_first: period.first_day(fs),
        period_last: period.last_day(fs),
        since,
        until,
        last_meeting: window::last_meeting_before(state, until).map(|m| (m.date, m.origin.seq)),
        revenue: deals::revenue(state, period, Money(c.terms.open_end)),
        big_deals: deals::big_deals(state, period, until),
        risks: deals::risks(state, since, until),
        changes: c,
        changed,
        plan: plan::review(state, since, until),
        commitments: people::commitments(state, since, until),
        indicators: plan::indicators(state, until),
        contingencies: plan::triggered(state, until),
        trends: Trends {
            weeks: h.weeks,
            totals: h.totals,
            in_progress: h.in_progress,
            average_won_size: h.average_won_size,
            cycle_days_mean: h.cycle_days_mean,
            cycle_days_median: h.cycle_days_median,
            mix: h.mix,
        },
        issues: people::issues(state, since, until),
        questions: Vec::new(),
        forecasts: plan::forecasts(state, period),
        hygiene: hygiene(state, until),
        hygiene_threshold: threshold(state, "pipeline_hygiene"),
        ceiling: ceiling_for(state, period, until),
        answers: answers(state, until),
        forecast: agreed::forecast_line(
            state,
            period,
            window::last_meeting_before(state, until).map(|m| m.date),
            until,
        ),
        decision_rights: rights,
        focus,
        initiatives: agreed::initiatives(state, until),
        comparison: agreed::compare(state, period, until),
        meetings: meetings(state, since, until),
    };
    b.questions = questions::three(&b);
    b
}
