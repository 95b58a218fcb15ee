//! Events in people's words: what a confirmation says was recorded, the
//! id a script can pick up, and a record's fields in human units (money in
//! major units, thousandths as decimals, basis points as percents).

use crate::core::decide::indicator::format_milli as milli;
use crate::core::event::Event;
use crate::core::money::Money;
use serde_json::Value;

/// What was recorded, as a short phrase: "commitment C-1",
/// "goal for 2027-Q1 of 1,200,000", "change to deal D-7".
pub fn headline(event: &Event, exponent: u32) -> String {
    let money = |m: &Money| m.format(exponent);
    match event {
        Event::LedgerOpened { company, .. } => format!("the ledger of {company}"),
        Event::LeaderChanged { name, .. } => format!("{name} as the sales leader"),
        Event::SizeBandsSet { bands } => format!("{} size bands", bands.len()),
        Event::ThresholdSet { metric, green_bp, amber_bp } => {
            format!(
                "levels for {metric}: green {}, amber {}",
                level(metric, *green_bp),
                level(metric, *amber_bp)
            )
        }
        Event::GoalSet { period, amount } => format!("goal for {period} of {}", money(amount)),
        Event::ActualRecorded { period, amount } => format!("actual for {period} of {}", money(amount)),
        Event::ForecastSubmitted { period, amount, as_of, .. } => {
            format!("forecast for {period} of {}, as of {as_of}", money(amount))
        }
        Event::DealOpened { id, account, .. } => format!("deal {id} for {account}"),
        Event::DealChanged { id, .. } => format!("change to deal {id}"),
        Event::DealRiskFlagged { id, .. } => format!("risk on deal {id}"),
        Event::DealRiskCleared { id, .. } => format!("risk cleared on deal {id}"),
        Event::DealWon { id, .. } => format!("deal {id} won"),
        Event::DealLost { id, .. } => format!("deal {id} lost"),
        Event::CommitmentMade { id, owner, due, .. } => format!("commitment {id} for {owner}, due {due}"),
        Event::CommitmentDone { id, .. } => format!("commitment {id} done"),
        Event::CommitmentRescheduled { id, due, .. } => format!("commitment {id} rescheduled to {due}"),
        Event::CommitmentDropped { id, .. } => format!("commitment {id} dropped"),
        Event::CommitmentMissed { id, .. } => format!("commitment {id} missed"),
        Event::PlanItemAdded { id, kind, .. } => format!("plan {kind} {id}"),
        Event::PlanItemCompleted { id, .. } => format!("plan item {id} completed"),
        Event::PlanOptionProposed { id, .. } => format!("plan option {id}"),
        Event::PlanOptionAdopted { id, .. } => format!("plan option {id} adopted"),
        Event::PlanChanged { effective, .. } => format!("plan change from {effective}"),
        Event::PlanMinimumRunSet { weeks, from } => format!("minimum run of {weeks} weeks from {from}"),
        Event::IndicatorDefined { name, target_milli, .. } => {
            format!("indicator {name}, target {} a week", milli(*target_milli))
        }
        Event::IndicatorRecorded { name, year, week, value_milli } => {
            format!("{name} for {year}-W{week:02}: {}", milli(*value_milli))
        }
        Event::ContingencyAdded { id, .. } => format!("contingency {id}"),
        Event::ContingencyActedOn { id, .. } => format!("action on contingency {id}"),
        Event::MeetingHeld { date, .. } => format!("meeting held on {date}"),
        Event::MeetingSkipped { date, .. } => format!("meeting skipped on {date}"),
        Event::HeadAcknowledged { seq, by, .. } => {
            format!("{}'s acknowledgement of the ledger as of #{seq}", by.join(" and "))
        }
        Event::IssueRaised { id, .. } => format!("issue {id}"),
        Event::IssueResolved { id, .. } => format!("issue {id} resolved"),
        Event::DecisionRightSet { area, right, .. } => format!("decision right on {area}: {right}"),
        Event::FocusSet { .. } => "the agreed focus".to_string(),
        Event::HireTemplateLoaded { version, .. } => format!("scorecard template v{version}"),
        Event::CandidateAdded { id, name } => format!("candidate {id}, {name}"),
        Event::PanelistAdded { name } => format!("panelist {name}"),
        Event::ScoreSubmitted { candidate, panelist, .. } => format!("{panelist}'s score for {candidate}"),
        Event::ScoreSealed { candidate, panelist, .. } => {
            format!("{panelist}'s sealed score for {candidate}")
        }
        Event::ScoreRevealed { candidate, panelist, .. } => {
            format!("{panelist}'s revealed score for {candidate}")
        }
        Event::DebriefOpened { candidate } => format!("debrief opened for {candidate}"),
        Event::HireDecided { candidate, decision, .. } => format!("decision on {candidate}: {decision}"),
        Event::Corrected { target, replacement: Some(_), .. } => format!("correction of #{target}"),
        Event::Corrected { target, replacement: None, .. } => format!("void of #{target}"),
        Event::ClockReset { .. } => "a clock reset".to_string(),
        Event::ForecastAgreed { period, amount, .. } => {
            format!("agreed forecast for {period} of {}", money(amount))
        }
        Event::DealRiskAction { id, .. } => format!("risk action on deal {id}"),
        Event::DealsImported { source, rows, .. } => format!("import of {rows} rows from {source}"),
        Event::MemberAdded { name, role, .. } => format!("{name} as a member ({role})"),
        Event::MemberKeyAdded { name, .. } => format!("a key for {name}"),
        Event::MemberRemoved { name, key: Some(_), .. } => format!("a key of {name} revoked"),
        Event::MemberRemoved { name, key: None, .. } => format!("{name} removed"),
        Event::MemberRenamed { from, to, .. } => format!("{from} renamed {to}"),
        Event::RoleHandedOver { role, to, on, .. } => {
            let title = match role {
                crate::core::Role::Ceo => "CEO".to_string(),
                crate::core::Role::Leader => "sales leader".to_string(),
                other => other.to_string(),
            };
            format!("the {title}'s role handed over to {to} from {on}")
        }
    }
}

/// The id of the thing a record is about, for scripts (`--format json`):
/// a deal, commitment, plan item, issue, contingency or candidate id, a
/// period, an indicator or member name; `None` for ledger-wide facts.
pub fn subject(event: &Event) -> Option<String> {
    Some(match event {
        Event::DealOpened { id, .. }
        | Event::DealChanged { id, .. }
        | Event::DealRiskFlagged { id, .. }
        | Event::DealRiskCleared { id, .. }
        | Event::DealWon { id, .. }
        | Event::DealLost { id, .. }
        | Event::DealRiskAction { id, .. }
        | Event::CommitmentMade { id, .. }
        | Event::CommitmentDone { id, .. }
        | Event::CommitmentRescheduled { id, .. }
        | Event::CommitmentDropped { id, .. }
        | Event::CommitmentMissed { id, .. }
        | Event::PlanItemAdded { id, .. }
        | Event::PlanItemCompleted { id, .. }
        | Event::PlanOptionProposed { id, .. }
        | Event::PlanOptionAdopted { id, .. }
        | Event::ContingencyAdded { id, .. }
        | Event::ContingencyActedOn { id, .. }
        | Event::IssueRaised { id, .. }
        | Event::IssueResolved { id, .. }
        | Event::CandidateAdded { id, .. } => id.clone(),
        Event::GoalSet { period, .. }
        | Event::ActualRecorded { period, .. }
        | Event::ForecastSubmitted { period, .. }
        | Event::ForecastAgreed { period, .. } => period.to_string(),
        Event::ScoreSubmitted { candidate, .. }
        | Event::ScoreSealed { candidate, .. }
        | Event::ScoreRevealed { candidate, .. }
        | Event::DebriefOpened { candidate }
        | Event::HireDecided { candidate, .. } => candidate.clone(),
        Event::IndicatorDefined { name, .. } | Event::IndicatorRecorded { name, .. } => name.clone(),
        Event::LeaderChanged { name, .. }
        | Event::PanelistAdded { name }
        | Event::MemberAdded { name, .. }
        | Event::MemberKeyAdded { name, .. }
        | Event::MemberRemoved { name, .. } => name.clone(),
        Event::MemberRenamed { to, .. } | Event::RoleHandedOver { to, .. } => to.clone(),
        Event::ThresholdSet { metric, .. } => metric.clone(),
        Event::MeetingHeld { date, .. } | Event::MeetingSkipped { date, .. } => date.to_string(),
        Event::HeadAcknowledged { seq, .. } | Event::Corrected { target: seq, .. } => format!("#{seq}"),
        Event::LedgerOpened { .. }
        | Event::SizeBandsSet { .. }
        | Event::PlanChanged { .. }
        | Event::PlanMinimumRunSet { .. }
        | Event::DecisionRightSet { .. }
        | Event::FocusSet { .. }
        | Event::HireTemplateLoaded { .. }
        | Event::ClockReset { .. }
        | Event::DealsImported { .. } => return None,
    })
}

/// An event's fields as `name=value` pairs in human units, for `log`:
/// money fields in the ledger's major units, `*_milli` as decimals and
/// `*_bp` as percents (the suffix dropped), nested values alike.
pub fn fields(event: &Event, exponent: u32) -> String {
    // A level is in basis points of its metric's unit: a share or a count.
    if let Event::ThresholdSet { metric, green_bp, amber_bp } = event {
        return format!(
            "metric={metric} green={} amber={}",
            level(metric, *green_bp),
            level(metric, *amber_bp)
        );
    }
    let value = serde_json::to_value(event).unwrap_or(Value::Null);
    let Some(fields) = value.as_object().and_then(|o| o.values().next()).and_then(Value::as_object) else {
        return String::new();
    };
    let parts: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            let (name, shown) = field(k, v, exponent);
            format!("{name}={shown}")
        })
        .collect();
    parts.join(" ")
}

/// Top-level and nested fields that hold money (minor units).
const MONEY_FIELDS: [&str; 5] = ["amount", "commit", "best_case", "pipeline", "min"];

fn field(key: &str, v: &Value, exponent: u32) -> (String, String) {
    let number = v.as_i64();
    if let (Some(n), true) = (number, MONEY_FIELDS.contains(&key)) {
        return (key.to_string(), Money(n).format(exponent));
    }
    if let (Some(n), Some(name)) = (number, key.strip_suffix("_milli")) {
        return (name.to_string(), milli(n));
    }
    if let (Some(n), Some(name)) = (number, key.strip_suffix("_bp")) {
        return (name.to_string(), percent(n));
    }
    (key.to_string(), value(v, exponent))
}

fn value(v: &Value, exponent: u32) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let shown: Vec<String> = items.iter().map(|i| value(i, exponent)).collect();
            format!("[{}]", shown.join(", "))
        }
        Value::Object(map) => {
            let shown: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| match v {
                    // An enum variant with fields: its name, then them.
                    Value::Object(_) => format!("{k} {}", value(v, exponent)),
                    _ => {
                        let (name, shown) = field(k, v, exponent);
                        format!("{name}={shown}")
                    }
                })
                .collect();
            format!("{{{}}}", shown.join(" "))
        }
        other => other.to_string(),
    }
}

/// A threshold level (basis points of the metric's unit): a percent for a
/// share, else the number itself (`stale_days` 14, not 1400%).
pub fn level(metric: &str, bp: i32) -> String {
    if crate::core::decide::threshold::is_ratio(metric) {
        return percent(bp as i64);
    }
    let ten_thousandths = bp as i64;
    let shown = format!("{:.4}", ten_thousandths as f64 / 10_000.0);
    shown.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Basis points as a percent: 8500 → "85%", 8550 → "85.5%".
pub fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let (whole, frac) = (bp.unsigned_abs() / 100, bp.unsigned_abs() % 100);
    if frac == 0 {
        format!("{sign}{whole}%")
    } else {
        let digits = format!("{frac:02}");
        format!("{sign}{whole}.{}%", digits.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::vocab::Direction;

    #[test]
    fn units_are_human() {
        assert_eq!(percent(8500), "85%");
        assert_eq!(percent(8550), "85.5%");
        assert_eq!(percent(-25), "-0.25%");
    }

    #[test]
    fn log_fields_drop_unit_suffixes() {
        let e = Event::IndicatorDefined {
            name: "calls".into(),
            target_milli: 12000,
            direction: Direction::AtLeast,
        };
        let shown = fields(&e, 2);
        assert!(shown.contains("target=12") && !shown.contains("milli"), "{shown}");
        let t = Event::ThresholdSet { metric: "say_do".into(), green_bp: 8500, amber_bp: 7000 };
        assert_eq!(fields(&t, 2), "metric=say_do green=85% amber=70%");
        let days = Event::ThresholdSet { metric: "stale_days".into(), green_bp: 140_000, amber_bp: 300_000 };
        assert_eq!(fields(&days, 2), "metric=stale_days green=14 amber=30");
        assert_eq!(headline(&days, 2), "levels for stale_days: green 14, amber 30");
        let g = Event::ContingencyAdded {
            id: "K-1".into(),
            trigger: crate::core::event::Trigger::IndicatorBelow {
                name: "calls".into(),
                threshold_milli: 9500,
                weeks: 2,
            },
            action: "call".into(),
            on: crate::core::Date::parse("2027-01-04").unwrap(),
        };
        let shown = fields(&g, 2);
        assert!(shown.contains("threshold=9.5") && !shown.contains("milli"), "{shown}");
    }

    #[test]
    fn headlines_name_the_thing() {
        let e =
            Event::CommitmentDone { id: "C-1".into(), on: crate::core::Date::parse("2027-01-04").unwrap() };
        assert_eq!(headline(&e, 2), "commitment C-1 done");
        assert_eq!(subject(&e).as_deref(), Some("C-1"));
        let g = Event::GoalSet {
            period: crate::core::Period::parse("2027-Q1").unwrap(),
            amount: Money(120_000_000),
        };
        assert_eq!(headline(&g, 2), "goal for 2027-Q1 of 1,200,000");
        assert_eq!(subject(&g).as_deref(), Some("2027-Q1"));
    }
}
