use super::*;
use crate::core::decide::revalidate::Checker;
use crate::core::envelope::Envelope;
use crate::core::state::State;

/// Every record of a small realistic ledger, enveloped as the ledger would
/// (acknowledgements name a made-up hash: the hash is the store's check).
fn generate(count: u64, seed: u64) -> Vec<Envelope> {
    let end = Timestamp::parse("2026-11-27T17:00:00Z").unwrap();
    let mut g = Realistic::new(count, end, seed).unwrap();
    let mut out: Vec<Envelope> = Vec::new();
    let mut last_at = None;
    while let Some(week) = g.next_week(g.awaiting_hash().map(|_| Hash32([7; 32]))) {
        assert!(last_at.is_none_or(|t| t < week.at), "weeks go forward");
        last_at = Some(week.at);
        for (actor, event) in week.records {
            let seq = out.len() as u64 + 1;
            out.push(Envelope { seq, recorded_at: week.at, actor, event });
        }
    }
    assert_eq!(last_at, Some(end), "the last week is stamped at the end");
    out
}

#[test]
fn every_record_is_one_a_command_would_write() {
    let envs = generate(3_000, 7);
    assert_eq!(envs.len(), 3_000);
    let mut checker = Checker::new(Vec::new());
    for env in envs {
        let seq = env.seq;
        checker.admit(env).unwrap_or_else(|e| panic!("record {seq}: {e}"));
    }
}

#[test]
fn it_has_the_shape_of_weekly_work() {
    let envs = generate(3_000, 7);
    let weeks = Realistic::new(3_000, Timestamp::from_micros(0), 7).unwrap().weeks() as usize;
    let s = State::fold(&envs);
    let revised = s.deals.values().filter(|d| d.versions.len() >= 4).count();
    assert!(revised * 4 >= s.deals.len(), "{revised} of {} deals with 4+ versions", s.deals.len());
    assert!(s.deals.len() >= 200, "{} deals", s.deals.len());
    assert_eq!(s.forecasts.len(), weeks);
    assert_eq!(s.meetings.iter().filter(|m| m.held()).count(), weeks);
    assert_eq!(s.acknowledgements.len(), 2 * (weeks - 1));
    assert!(s.goals.len() >= weeks / 13 && !s.actuals.is_empty());
    let kinds = |k: &str| envs.iter().filter(|e| e.event.kind() == k).count();
    for k in ["deal_won", "deal_lost", "deal_risk_flagged", "deal_risk_cleared", "commitment_done"] {
        assert!(kinds(k) > 10, "{k}: {}", kinds(k));
    }
    for k in ["commitment_missed", "commitment_rescheduled"] {
        assert!(kinds(k) > 0, "{k}");
    }
    assert_eq!(kinds("indicator_recorded"), 3 * weeks);
}

#[test]
fn a_seed_repeats_and_another_differs() {
    assert_eq!(generate(1_000, 3), generate(1_000, 3));
    assert_ne!(generate(1_000, 3), generate(1_000, 4));
}

#[test]
fn too_few_records_are_refused() {
    let err = Realistic::new(MIN_COUNT - 1, Timestamp::from_micros(0), 1).err().unwrap();
    assert!(err.contains("at least 500"), "{err}");
}
