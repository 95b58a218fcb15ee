//! The event vocabulary: every fact the ledger can record.
//!
//! On disk a variant is identified by its position in this enum, so
//! variants and fields are never reordered or removed; a new fact is a new
//! variant at the end, and a changed shape is a new record format version
//! with an upcaster in the codec (see docs/events.md).

use crate::core::hash::Hash32;
use crate::core::hiring::{Rating, Template};
use crate::core::member::{PublicKey, Role};
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::time::{Date, Timestamp};
use crate::core::vocab::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    // ── the ledger ────────────────────────────────────────────────────────
    LedgerOpened {
        company: String,
        ceo: String,
        leader: String,
        currency: String,
        fiscal_year_start: u8,
        cadence: Cadence,
    },
    /// A new sales leader takes over (e.g. a hired candidate).
    LeaderChanged {
        name: String,
        candidate: Option<String>,
        on: Date,
    },
    /// Size bands by amount, largest first, with an optional agreed share of
    /// pipeline value in basis points.
    SizeBandsSet {
        bands: Vec<SizeBand>,
    },
    /// Overrides a metric's green / amber thresholds (basis points).
    ThresholdSet {
        metric: String,
        green_bp: i32,
        amber_bp: i32,
    },

    // ── revenue ───────────────────────────────────────────────────────────
    GoalSet {
        period: Period,
        amount: Money,
    },
    ActualRecorded {
        period: Period,
        amount: Money,
    },
    ForecastSubmitted {
        period: Period,
        amount: Money,
        commit: Option<Money>,
        best_case: Option<Money>,
        pipeline: Option<Money>,
        as_of: Date,
        note: Option<String>,
    },

    // ── deals ─────────────────────────────────────────────────────────────
    DealOpened {
        id: String,
        account: String,
        amount: Money,
        close: Date,
        stage: Option<String>,
        probability: Option<u8>,
        on: Date,
    },
    DealChanged {
        id: String,
        amount: Option<Money>,
        close: Option<Date>,
        stage: Option<String>,
        probability: Option<u8>,
        on: Date,
    },
    DealRiskFlagged {
        id: String,
        reason: String,
        on: Date,
    },
    DealRiskCleared {
        id: String,
        note: Option<String>,
        on: Date,
    },
    DealWon {
        id: String,
        amount: Option<Money>,
        on: Date,
    },
    DealLost {
        id: String,
        reason: String,
        on: Date,
    },

    // ── commitments ───────────────────────────────────────────────────────
    CommitmentMade {
        id: String,
        owner: String,
        what: String,
        due: Date,
        /// Sequence number of the meeting it was made at, if any.
        meeting: Option<u64>,
        on: Date,
    },
    CommitmentDone {
        id: String,
        on: Date,
    },
    CommitmentRescheduled {
        id: String,
        due: Date,
        reason: String,
        on: Date,
    },
    CommitmentDropped {
        id: String,
        reason: String,
        on: Date,
    },
    CommitmentMissed {
        id: String,
        on: Date,
    },

    // ── the plan ──────────────────────────────────────────────────────────
    PlanItemAdded {
        id: String,
        kind: PlanItemKind,
        title: String,
        owner: Option<String>,
        parent: Option<String>,
        start: Option<Date>,
        due: Option<Date>,
        on: Date,
    },
    PlanItemCompleted {
        id: String,
        on: Date,
    },
    PlanOptionProposed {
        id: String,
        title: String,
        impact: u8,
        effort: u8,
        note: Option<String>,
        on: Date,
    },
    PlanOptionAdopted {
        id: String,
        note: Option<String>,
        on: Date,
    },
    PlanChanged {
        what: String,
        why: String,
        effective: Date,
        requested_by: String,
        on: Date,
    },
    PlanMinimumRunSet {
        weeks: u16,
        from: Date,
    },

    // ── leading indicators and contingencies ─────────────────────────────
    /// Target and values are in thousandths, so 2.5 calls is 2500.
    IndicatorDefined {
        name: String,
        target_milli: i64,
        direction: Direction,
    },
    IndicatorRecorded {
        name: String,
        year: i32,
        week: u8,
        value_milli: i64,
    },
    ContingencyAdded {
        id: String,
        trigger: Trigger,
        action: String,
        on: Date,
    },
    ContingencyActedOn {
        id: String,
        note: String,
        on: Date,
    },

    // ── meetings ──────────────────────────────────────────────────────────
    MeetingHeld {
        date: Date,
        attendees: Vec<String>,
        worked_plan: Option<Answer>,
        results: Option<Answer>,
        adjust: Option<String>,
        note: Option<String>,
        rating: Option<u8>,
    },
    MeetingSkipped {
        date: Date,
        reason: String,
    },
    /// Both sides agree that the history up to `seq:hash` is the record.
    HeadAcknowledged {
        seq: u64,
        hash: Hash32,
        by: Vec<String>,
    },

    // ── issues and expectations ───────────────────────────────────────────
    IssueRaised {
        id: String,
        title: String,
        detail: Option<String>,
        on: Date,
    },
    IssueResolved {
        id: String,
        resolution: String,
        on: Date,
    },
    DecisionRightSet {
        area: DecisionArea,
        right: DecisionRight,
        on: Date,
    },
    /// Agreed focus, in percent: coaching / selling / new markets, and
    /// office / field.
    FocusSet {
        coaching: u8,
        selling: u8,
        new_markets: u8,
        office: u8,
        field: u8,
        on: Date,
    },

    // ── hiring ────────────────────────────────────────────────────────────
    HireTemplateLoaded {
        version: u32,
        template: Template,
    },
    CandidateAdded {
        id: String,
        name: String,
    },
    PanelistAdded {
        name: String,
    },
    ScoreSubmitted {
        candidate: String,
        panelist: String,
        template_version: u32,
        ratings: Vec<Rating>,
        recommend: Recommendation,
        /// Set when this score amends an earlier one; the reason is required.
        amends: Option<u64>,
        reason: Option<String>,
    },
    ScoreSealed {
        candidate: String,
        panelist: String,
        template_version: u32,
        commitment: Hash32,
    },
    ScoreRevealed {
        candidate: String,
        panelist: String,
        template_version: u32,
        ratings: Vec<Rating>,
        recommend: Recommendation,
        salt: Hash32,
    },
    DebriefOpened {
        candidate: String,
    },
    HireDecided {
        candidate: String,
        decision: HireDecision,
        reason: String,
    },

    // ── corrections ───────────────────────────────────────────────────────
    /// Supersedes the effect of record `target`: with a replacement, as if
    /// the replacement had been recorded there; without one, as if it had
    /// never been. The original stays in the log.
    Corrected {
        target: u64,
        replacement: Option<Box<Event>>,
        reason: String,
    },

    // ── the recording clock ───────────────────────────────────────────────
    /// The record before this one was stamped `from`, later than any real
    /// clock had reached (a wrong system clock, or a mistyped CANDOR_NOW).
    /// This record, stamped at the real time, is the one place where the
    /// recorded times may step back; it says so in the chain for ever.
    ClockReset {
        from: Timestamp,
        reason: String,
    },

    // ── added after review (metrics.md § 10) ──────────────────────────────
    /// The forecast the CEO and the sales leader agree on at the meeting;
    /// `agreed_by` names both sides (the actor is the one who typed it).
    ForecastAgreed {
        period: Period,
        amount: Money,
        on: Date,
        agreed_by: Vec<String>,
    },
    /// What is being done about a deal's active risk: the action, who owns
    /// it (a name), and the date it is due by.
    DealRiskAction {
        id: String,
        action: String,
        owner: String,
        due: Date,
        on: Date,
    },
    // ── imports ───────────────────────────────────────────────────────────
    /// Closes the records one `candor import deals` wrote: which CRM's
    /// export, the day it was taken, how many rows it had, and the rates
    /// that converted rows in other currencies (`--fx`).
    DealsImported {
        source: String,
        as_of: Date,
        rows: u64,
        fx: Vec<FxRate>,
    },
    // ── members and keys (sharing.md §§ 1–3) ──────────────────────────────
    /// A person joins the ledger in a role, optionally with the public key
    /// that signs for them. The CEO and the sales leader join through
    /// `ledger_opened` and `leader_changed`, panelists also through
    /// `panelist_added`.
    MemberAdded {
        name: String,
        role: Role,
        key: Option<PublicKey>,
    },
    /// Registers another public key for a member (first key, or rotation).
    MemberKeyAdded {
        name: String,
        key: PublicKey,
    },
    /// Revokes one key of a member (`key`), or the member and every key of
    /// theirs (`None`): records signed by a revoked key after this one are
    /// refused.
    MemberRemoved {
        name: String,
        key: Option<PublicKey>,
        reason: String,
    },
    // ── people change (added with issue 14) ───────────────────────────────
    /// A member's name changes; the person, their roles and keys stay.
    /// Records before it keep the name they were written with; from it on
    /// the member records and is shown as `to`. `from` is never given to
    /// anyone else.
    MemberRenamed {
        from: String,
        to: String,
        reason: String,
    },
    /// The CEO's or the sales leader's role (`role`) passes to the member
    /// `to` from `on`; whoever held it stays on as an advisor.
    RoleHandedOver {
        role: Role,
        to: String,
        reason: String,
        on: Date,
    },
}

/// A conversion rate as given: one `currency` is `rate` of the ledger's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FxRate {
    pub currency: String,
    pub rate: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeBand {
    pub name: String,
    pub min: Money,
    pub target_share_bp: Option<u32>,
}

/// When a contingency fires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    IndicatorBelow { name: String, threshold_milli: i64, weeks: u8 },
    IndicatorAbove { name: String, threshold_milli: i64, weeks: u8 },
    RevenueGapAbove { amount: Money },
}

impl Event {
    /// The snake_case name of the variant, as in JSON and the log.
    pub fn kind(&self) -> &'static str {
        macro_rules! kinds {
            ($($v:ident => $s:literal),+ $(,)?) => {
                match self { $(Event::$v { .. } => $s),+ }
            };
        }
        kinds!(
            LedgerOpened => "ledger_opened", LeaderChanged => "leader_changed",
            SizeBandsSet => "size_bands_set", ThresholdSet => "threshold_set",
            GoalSet => "goal_set", ActualRecorded => "actual_recorded",
            ForecastSubmitted => "forecast_submitted", DealOpened => "deal_opened",
            DealChanged => "deal_changed", DealRiskFlagged => "deal_risk_flagged",
            DealRiskCleared => "deal_risk_cleared", DealWon => "deal_won", DealLost => "deal_lost",
            CommitmentMade => "commitment_made", CommitmentDone => "commitment_done",
            CommitmentRescheduled => "commitment_rescheduled",
            CommitmentDropped => "commitment_dropped", CommitmentMissed => "commitment_missed",
            PlanItemAdded => "plan_item_added", PlanItemCompleted => "plan_item_completed",
            PlanOptionProposed => "plan_option_proposed", PlanOptionAdopted => "plan_option_adopted",
            PlanChanged => "plan_changed", PlanMinimumRunSet => "plan_minimum_run_set",
            IndicatorDefined => "indicator_defined", IndicatorRecorded => "indicator_recorded",
            ContingencyAdded => "contingency_added", ContingencyActedOn => "contingency_acted_on",
            MeetingHeld => "meeting_held", MeetingSkipped => "meeting_skipped",
            HeadAcknowledged => "head_acknowledged", IssueRaised => "issue_raised",
            IssueResolved => "issue_resolved", DecisionRightSet => "decision_right_set",
            FocusSet => "focus_set", HireTemplateLoaded => "hire_template_loaded",
            CandidateAdded => "candidate_added", PanelistAdded => "panelist_added",
            ScoreSubmitted => "score_submitted", ScoreSealed => "score_sealed",
            ScoreRevealed => "score_revealed", DebriefOpened => "debrief_opened",
            HireDecided => "hire_decided", Corrected => "corrected",
            ClockReset => "clock_reset", ForecastAgreed => "forecast_agreed",
            DealRiskAction => "deal_risk_action", DealsImported => "deals_imported",
            MemberAdded => "member_added", MemberKeyAdded => "member_key_added",
            MemberRemoved => "member_removed", MemberRenamed => "member_renamed",
            RoleHandedOver => "role_handed_over",
        )
    }
}
