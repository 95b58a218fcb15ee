//! Each kind of event turned back into the input of the decide function a
//! live command calls. Amounts and numbers go back as the text a person
//! would type, so the value parsers judge them as they judge a flag.

use crate::core::bands::Percent;
use crate::core::decide::{
    acknowledge, agreed, clock, commitment, contingency, correct, deal, expect, fact_date, hire, import,
    indicator, issue, meeting, member, people_change, plan, revenue, threshold,
};
use crate::core::envelope::Envelope;
use crate::core::event::{Event, Trigger};
use crate::core::hash::Hash32;
use crate::core::hiring::{Hiring, Rating};
use crate::core::metrics::weeks::Week;
use crate::core::money::Money;
use crate::core::opening::{decide_opening, OpeningAnswers};
use crate::core::state::{MeetingKind, State};
use crate::core::vocab::HireDecision;
use crate::error::{Error, Result};

pub(super) fn check(s: &State, history: &[Envelope], env: &Envelope) -> Result<()> {
    let today = env.recorded_at.date();
    let exp = s.exponent();
    let money = |m: &Money| m.format(exp);
    let opt_money = |m: &Option<Money>| m.as_ref().map(money);
    let given = &env.event;
    let decided: Vec<Event> = match given.clone() {
        Event::LedgerOpened { company, ceo, leader, currency, fiscal_year_start, cadence } => {
            let answers = OpeningAnswers { company, ceo, leader, currency, fiscal_year_start, cadence };
            vec![decide_opening(&answers)?]
        }
        Event::LeaderChanged { name, candidate, on } => return leader_changed(s, env, &name, candidate, on),
        Event::SizeBandsSet { bands } => {
            let specs: Vec<String> = bands.iter().map(|b| format!("{}={}", b.name, money(&b.min))).collect();
            let targets: Vec<String> = bands
                .iter()
                .filter_map(|b| b.target_share_bp.map(|bp| format!("{}={}", b.name, Percent(bp))))
                .collect();
            vec![deal::set_bands(s, &specs, &targets)?]
        }
        Event::ThresholdSet { metric, green_bp, amber_bp } => {
            let level = |bp: i32| (f64::from(bp) / 10_000.0).to_string();
            vec![threshold::set(s, &metric, &level(green_bp), &level(amber_bp))?]
        }
        Event::GoalSet { period, amount } => vec![revenue::goal(s, &period.to_string(), &money(&amount))?],
        Event::ActualRecorded { period, amount } => {
            vec![revenue::actual(s, &period.to_string(), &money(&amount), today)?]
        }
        Event::ForecastSubmitted { period, amount, commit, best_case, pipeline, as_of, note } => {
            let f = revenue::NewForecast {
                period: period.to_string(),
                amount: money(&amount),
                commit: opt_money(&commit),
                best_case: opt_money(&best_case),
                pipeline: opt_money(&pipeline),
                as_of: Some(as_of),
                note,
            };
            vec![revenue::forecast(s, f, today)?]
        }
        Event::DealOpened { id, account, amount, close, stage, probability, on } => {
            let d = deal::NewDeal {
                id,
                account,
                amount: money(&amount),
                close,
                stage,
                probability,
                on: Some(on),
            };
            vec![deal::add(s, d, today)?]
        }
        Event::DealChanged { id, amount, close, stage, probability, on } => {
            let u = deal::DealUpdate { amount: opt_money(&amount), close, stage, probability, on: Some(on) };
            vec![deal::update(s, &id, u, today)?]
        }
        Event::DealRiskFlagged { id, reason, on } => vec![deal::risk(s, &id, &reason, Some(on), today)?],
        Event::DealRiskCleared { id, note, on } => {
            vec![deal::clear_risk(s, &id, note.as_deref(), Some(on), today)?]
        }
        Event::DealWon { id, amount, on } => {
            vec![deal::won(s, &id, opt_money(&amount).as_deref(), Some(on), today)?]
        }
        Event::DealLost { id, reason, on } => vec![deal::lost(s, &id, &reason, Some(on), today)?],
        Event::DealRiskAction { id, action, owner, due, on } => {
            vec![agreed::risk_action(s, &id, &action, &owner, due, Some(on), today)?]
        }
        Event::ForecastAgreed { period, amount, on, agreed_by } => {
            vec![agreed::agree(s, &period.to_string(), &money(&amount), &agreed_by, Some(on), today)?]
        }
        Event::CommitmentMade { id, owner, what, due, meeting, on } => {
            let c = commitment::NewCommitment { id, owner, what, due, on: Some(on), meeting };
            vec![commitment::add(s, c, today)?]
        }
        Event::CommitmentDone { id, on } => vec![commitment::done(s, &id, Some(on), today)?],
        Event::CommitmentRescheduled { id, due, reason, on } => {
            vec![commitment::reschedule(s, &id, due, &reason, Some(on), today)?]
        }
        Event::CommitmentDropped { id, reason, on } => {
            vec![commitment::drop(s, &id, &reason, Some(on), today)?]
        }
        Event::CommitmentMissed { id, on } => vec![commitment::missed(s, &id, Some(on), today)?],
        Event::PlanItemAdded { id, kind, title, owner, parent, start, due, on } => {
            let n = plan::NewItem { kind, id, title, owner, parent, start, due, on: Some(on) };
            vec![plan::add(s, n, today)?]
        }
        Event::PlanItemCompleted { id, on } => vec![plan::complete(s, &id, Some(on), today)?],
        Event::PlanOptionProposed { id, title, impact, effort, note, on } => {
            let n = plan::NewOption {
                id,
                title,
                impact: impact.to_string(),
                effort: effort.to_string(),
                note,
                on: Some(on),
            };
            vec![plan::option_add(s, n, today)?]
        }
        Event::PlanOptionAdopted { id, note, on } => vec![plan::adopt(s, &id, note, Some(on), today)?],
        Event::PlanChanged { what, why, effective, requested_by, on } => {
            let c = plan::NewChange { what, why, effective: Some(effective), requested_by, on: Some(on) };
            vec![plan::change(s, c, today)?]
        }
        Event::PlanMinimumRunSet { weeks, from } => vec![plan::min_run(s, weeks, Some(from), today)?],
        Event::IndicatorDefined { name, target_milli, direction } => {
            vec![indicator::define(s, &name, &indicator::format_milli(target_milli), direction)?]
        }
        Event::IndicatorRecorded { name, year, week, value_milli } => {
            let week =
                Week::parse(&format!("{year:04}-W{week:02}")).map_err(|m| Error::input("--week", m))?;
            vec![indicator::record(s, &name, week, &indicator::format_milli(value_milli), today)?]
        }
        Event::ContingencyAdded { id, trigger, action, on } => {
            vec![contingency::add(s, new_contingency(id, trigger, action, on, exp), today)?]
        }
        Event::ContingencyActedOn { id, note, on } => {
            vec![contingency::acted(s, &id, &note, Some(on), today)?]
        }
        Event::MeetingHeld { date, attendees, worked_plan, results, adjust, note, rating } => {
            let m = meeting::HeldMeeting {
                date: Some(date),
                worked_plan,
                results,
                adjust,
                note,
                attendees,
                rating,
            };
            vec![meeting::hold(s, m, today)?]
        }
        Event::MeetingSkipped { date, reason } => vec![meeting::skip(s, date, &reason, today)?],
        Event::HeadAcknowledged { seq, hash, by } => return acknowledged(s, env, seq, hash, &by),
        Event::IssueRaised { id, title, detail, on } => {
            vec![issue::raise(s, issue::NewIssue { id: Some(id), title, detail, on: Some(on) }, today)?]
        }
        Event::IssueResolved { id, resolution, on } => {
            vec![issue::resolve(s, &id, &resolution, Some(on), today)?]
        }
        Event::DecisionRightSet { area, right, on } => {
            let e = expect::Expectation {
                area: Some(area),
                right: Some(right),
                split: Default::default(),
                on: Some(on),
            };
            expect::set(s, e, today)?
        }
        Event::FocusSet { coaching, selling, new_markets, office, field, on } => {
            let split = expect::Split {
                coaching: Some(coaching),
                selling: Some(selling),
                new_markets: Some(new_markets),
                office: Some(office),
                field: Some(field),
            };
            expect::set(s, expect::Expectation { area: None, right: None, split, on: Some(on) }, today)?
        }
        Event::HireTemplateLoaded { template, .. } => vec![hire::load_template(s, template)?],
        Event::CandidateAdded { id, name } => hire::add_candidate(s, &id, &name)?,
        Event::PanelistAdded { name } => vec![hire::add_panelist(s, &name)?],
        Event::ScoreSubmitted { candidate, panelist, ratings, recommend, amends, reason, .. } => {
            let input = score_input(candidate, panelist, &ratings, recommend.to_string());
            hire::score::score(s, hire::score::ScoreInput { amends: amends.is_some(), reason, ..input })?
        }
        Event::ScoreSealed { candidate, panelist, template_version, .. } => {
            let named = hire::score::seal_target(s, &candidate, &panelist)?;
            if named != (candidate, panelist, template_version) {
                return Err(differs());
            }
            return Ok(());
        }
        Event::ScoreRevealed { candidate, panelist, ratings, recommend, salt, .. } => {
            let input = score_input(candidate, panelist, &ratings, recommend.to_string());
            vec![hire::score::reveal(s, input, &salt.to_hex())?]
        }
        Event::DebriefOpened { candidate } => vec![hire::debrief(s, &candidate)?],
        Event::HireDecided { candidate, decision, reason } => {
            let d = hire::NewDecision {
                candidate,
                decision: decision.to_string(),
                reason,
                make_leader: false,
                on: None,
            };
            hire::decide(s, d, today)?.0
        }
        Event::Corrected { target, replacement, reason } => {
            if target >= env.seq {
                return Err(Error::input("SEQ", format!("record {target} is not before this correction")));
            }
            return correct::recheck(s, history, target, replacement.as_deref(), &reason, today);
        }
        // The machine's clock at the time is not in the record: a restored
        // reset must step back from a record stamped more than five minutes
        // after it, and not to before the opening. Only signed records can
        // say more about who stamped what.
        Event::ClockReset { reason, .. } => {
            let opened = s.ledger.as_ref().map(|l| l.opened.recorded_at);
            vec![clock::reset(s.last_recorded_at, opened, env.recorded_at, env.recorded_at, &reason)?]
        }
        Event::DealsImported { source, as_of, rows, fx } => {
            vec![import::imported(s, &source, as_of, rows, fx, today)?]
        }
        Event::MemberAdded { name, role, key } => vec![member::add(s, &name, role, key)?],
        Event::MemberKeyAdded { name, key } => vec![member::add_key(s, &name, key)?],
        Event::MemberRemoved { name, key, reason } => vec![member::remove(s, &name, key, &reason)?],
        Event::MemberRenamed { from, to, reason } => vec![people_change::rename(s, &from, &to, &reason)?],
        Event::RoleHandedOver { role, to, reason, on } => {
            vec![people_change::hand_over(s, role, &to, &reason, Some(on), today)?]
        }
    };
    // A command that records a template first has it in the state by now,
    // so every record stands alone: exactly one event, the given one.
    if decided.as_slice() != std::slice::from_ref(given) {
        return Err(differs());
    }
    Ok(())
}

fn differs() -> Error {
    Error::input(
        "event",
        "is not what the command would record from these values (a value not in the form a command \
         writes, or a change that changes nothing)",
    )
}

/// A leader change is recorded with the decision to hire its candidate
/// (`hire decide --make-leader`): only a hired candidate takes over.
fn leader_changed(
    s: &State,
    env: &Envelope,
    name: &str,
    candidate: Option<String>,
    on: crate::core::Date,
) -> Result<()> {
    let hiring = Hiring::of(s);
    let hired = candidate
        .as_deref()
        .and_then(|id| hiring.candidate(id))
        .filter(|c| c.name == name && c.decision.as_ref().is_some_and(|d| d.decision == HireDecision::Hire));
    if hired.is_none() {
        return Err(Error::input("--make-leader", "only a hired candidate can become the sales leader"));
    }
    fact_date(Some(on), env.recorded_at.date(), "--on").map(drop)
}

/// An acknowledgement of one side names a record of this history at or
/// after the meeting it closes, by an attendee who has not yet given theirs
/// (the hash is checked against the chain by restore). A first-release one
/// names the record just before it, by all the attendees at once.
fn acknowledged(s: &State, env: &Envelope, seq: u64, hash: Hash32, by: &[String]) -> Result<()> {
    if let [one] = by {
        if seq >= env.seq {
            return Err(Error::input("--digest", "an acknowledgement names a record before it"));
        }
        return acknowledge::acknowledge(s, one, seq, hash).map(drop);
    }
    let meeting = s.meetings.iter().rev().find(|m| m.held());
    let attendees = meeting.and_then(|m| match &m.kind {
        MeetingKind::Held { attendees, .. } => Some(attendees.as_slice()),
        _ => None,
    });
    if seq + 1 != env.seq || attendees != Some(by) {
        return Err(Error::input(
            "--acknowledge",
            "an acknowledgement names the head written by the meeting just held, by its attendees",
        ));
    }
    Ok(())
}

fn new_contingency(
    id: String,
    trigger: Trigger,
    action: String,
    on: crate::core::Date,
    exp: u32,
) -> contingency::NewContingency {
    let mut n = contingency::NewContingency {
        id,
        indicator: None,
        below: None,
        above: None,
        weeks: None,
        revenue_gap_above: None,
        action,
        on: Some(on),
    };
    match trigger {
        Trigger::IndicatorBelow { name, threshold_milli, weeks } => {
            (n.indicator, n.below, n.weeks) =
                (Some(name), Some(indicator::format_milli(threshold_milli)), Some(u32::from(weeks)));
        }
        Trigger::IndicatorAbove { name, threshold_milli, weeks } => {
            (n.indicator, n.above, n.weeks) =
                (Some(name), Some(indicator::format_milli(threshold_milli)), Some(u32::from(weeks)));
        }
        Trigger::RevenueGapAbove { amount } => n.revenue_gap_above = Some(amount.format(exp)),
    }
    n
}

fn score_input(
    candidate: String,
    panelist: String,
    ratings: &[Rating],
    recommend: String,
) -> hire::score::ScoreInput {
    let value = |r: &Rating| r.value.map_or_else(|| "n/a".to_string(), |v| v.to_string());
    hire::score::ScoreInput {
        candidate,
        panelist,
        ratings: ratings.iter().map(|r| format!("{}={}", r.key, value(r))).collect(),
        evidence: ratings
            .iter()
            .filter_map(|r| r.evidence.as_ref().map(|e| format!("{}={e}", r.key)))
            .collect(),
        recommend,
        amends: false,
        reason: None,
    }
}
