//! Format stability: the golden ledger in `fixtures/golden/` was written by
//! record format version 1 and holds at least one record of every event
//! variant. Every later version must restore it, verify it against its pinned
//! digest, and decode and re-encode every record to the identical bytes.
//!
//! The fixture is written by the generator at the bottom of this file:
//!
//! ```text
//! cargo test --test it golden::regenerate -- --ignored
//! ```
//!
//! Once released, existing lines are never rewritten (fixtures/golden/README.md):
//! the generator only ever gains events at its end, and refuses to write a
//! file that does not keep the committed one as its exact prefix.

use crate::env::TestEnv;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use candor::core::event::{SizeBand, Trigger};
use candor::core::hiring::{Anchors, Competency, Rating, Scale, Template};
use candor::core::vocab::*;
use candor::core::{Date, Envelope, Event, Hash32, Money, Period, Timestamp};
use candor::ledger::{codec, export, Digest, Ledger, StoredRecord};
use std::collections::BTreeSet;
use std::path::Path;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v1.jsonl");
const DIGESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v1.digest");
const EVENTS_MD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/events.md");

/// Every event kind, in enum order: the position is the on-disk tag.
const KINDS: [&str; 53] = [
    "ledger_opened",
    "leader_changed",
    "size_bands_set",
    "threshold_set",
    "goal_set",
    "actual_recorded",
    "forecast_submitted",
    "deal_opened",
    "deal_changed",
    "deal_risk_flagged",
    "deal_risk_cleared",
    "deal_won",
    "deal_lost",
    "commitment_made",
    "commitment_done",
    "commitment_rescheduled",
    "commitment_dropped",
    "commitment_missed",
    "plan_item_added",
    "plan_item_completed",
    "plan_option_proposed",
    "plan_option_adopted",
    "plan_changed",
    "plan_minimum_run_set",
    "indicator_defined",
    "indicator_recorded",
    "contingency_added",
    "contingency_acted_on",
    "meeting_held",
    "meeting_skipped",
    "head_acknowledged",
    "issue_raised",
    "issue_resolved",
    "decision_right_set",
    "focus_set",
    "hire_template_loaded",
    "candidate_added",
    "panelist_added",
    "score_submitted",
    "score_sealed",
    "score_revealed",
    "debrief_opened",
    "hire_decided",
    "corrected",
    "clock_reset",
    "forecast_agreed",
    "deal_risk_action",
    "deals_imported",
    "member_added",
    "member_key_added",
    "member_removed",
    "member_renamed",
    "role_handed_over",
];

/// The on-disk tag of an event. Exhaustive on purpose: a new variant does not
/// compile here until it is listed (at the end, in `KINDS` too), and then
/// `covers_every_event_variant` fails until the golden ledger has one.
fn tag(e: &Event) -> usize {
    use Event::*;
    match e {
        LedgerOpened { .. } => 0,
        LeaderChanged { .. } => 1,
        SizeBandsSet { .. } => 2,
        ThresholdSet { .. } => 3,
        GoalSet { .. } => 4,
        ActualRecorded { .. } => 5,
        ForecastSubmitted { .. } => 6,
        DealOpened { .. } => 7,
        DealChanged { .. } => 8,
        DealRiskFlagged { .. } => 9,
        DealRiskCleared { .. } => 10,
        DealWon { .. } => 11,
        DealLost { .. } => 12,
        CommitmentMade { .. } => 13,
        CommitmentDone { .. } => 14,
        CommitmentRescheduled { .. } => 15,
        CommitmentDropped { .. } => 16,
        CommitmentMissed { .. } => 17,
        PlanItemAdded { .. } => 18,
        PlanItemCompleted { .. } => 19,
        PlanOptionProposed { .. } => 20,
        PlanOptionAdopted { .. } => 21,
        PlanChanged { .. } => 22,
        PlanMinimumRunSet { .. } => 23,
        IndicatorDefined { .. } => 24,
        IndicatorRecorded { .. } => 25,
        ContingencyAdded { .. } => 26,
        ContingencyActedOn { .. } => 27,
        MeetingHeld { .. } => 28,
        MeetingSkipped { .. } => 29,
        HeadAcknowledged { .. } => 30,
        IssueRaised { .. } => 31,
        IssueResolved { .. } => 32,
        DecisionRightSet { .. } => 33,
        FocusSet { .. } => 34,
        HireTemplateLoaded { .. } => 35,
        CandidateAdded { .. } => 36,
        PanelistAdded { .. } => 37,
        ScoreSubmitted { .. } => 38,
        ScoreSealed { .. } => 39,
        ScoreRevealed { .. } => 40,
        DebriefOpened { .. } => 41,
        HireDecided { .. } => 42,
        Corrected { .. } => 43,
        ClockReset { .. } => 44,
        ForecastAgreed { .. } => 45,
        DealRiskAction { .. } => 46,
        DealsImported { .. } => 47,
        MemberAdded { .. } => 48,
        MemberKeyAdded { .. } => 49,
        MemberRemoved { .. } => 50,
        MemberRenamed { .. } => 51,
        RoleHandedOver { .. } => 52,
    }
}

/// One line of the fixture: its seq and exact record bytes.
pub struct Line {
    pub seq: u64,
    pub raw: Vec<u8>,
}

pub fn fixture_lines() -> Vec<Line> {
    lines_of(FIXTURE)
}

/// The seq and exact bytes of every line of a committed golden export.
pub fn lines_of(path: &str) -> Vec<Line> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path} is committed: {e}"));
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let raw = B64.decode(v["raw"].as_str().expect("raw")).expect("base64");
            Line { seq: v["seq"].as_u64().expect("seq"), raw }
        })
        .collect()
}

/// The pinned digests, oldest first; the last is the fixture's head.
fn pinned_digests() -> Vec<String> {
    digests_of(DIGESTS)
}

/// The digests pinned in a committed `.digest` file, each checked to parse.
pub fn digests_of(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path} is committed: {e}"));
    let digests: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    assert!(!digests.is_empty(), "{path} holds no digest");
    for d in &digests {
        Digest::parse(d).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    digests
}

#[test]
fn restores_and_verifies_against_the_pinned_digest() {
    let env = TestEnv::new();
    // The made-up history predates rules the commands now apply (targets
    // adding up to 90%, a metric key, a value recorded twice …), so a plain
    // restore refuses it, naming the first such record; the bytes stay
    // readable and restore with the explicit flag.
    let refused = env.run(&["restore", FIXTURE]).code(2);
    assert!(refused.stderr.contains("record 2: size_bands_set"), "{}", refused.stderr);
    assert!(!env.ledger_dir().exists());
    let restored = env.run(&["restore", FIXTURE, "--skip-revalidation"]).ok();
    assert!(restored.stderr.contains("record 2: size_bands_set"), "{}", restored.stderr);
    let digests = pinned_digests();
    let head = digests.last().unwrap();
    assert!(restored.stdout.contains(&format!("head {head}")), "{}", restored.stdout);
    for d in &digests {
        let run = env.run(&["verify", "--digest", d]).ok();
        assert!(run.stdout.starts_with("ok:"), "{}", run.stdout);
    }
    assert_eq!(&env.digest(), head);
    let json = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(json["ok"], true);
    let n = fixture_lines().len() as u64;
    assert_eq!(json["records"].as_u64(), Some(n));
    // Format-1 records carry no signature: all reported unsigned, none bad.
    assert_eq!(json["signatures"], serde_json::json!({ "signed": 0, "unsigned": n, "bad": [] }));
    // Exporting the restored ledger gives back the fixture, byte for byte
    // (the readable JSON fields included).
    let again = env.path("again.jsonl");
    env.run(&["export", "--output", again.to_str().unwrap()]).ok();
    assert!(std::fs::read(&again).unwrap() == std::fs::read(FIXTURE).unwrap(), "re-export differs");
}

/// The worked examples in docs/events.md are real records: the first line of
/// a fresh ledger's export, and a line of the golden ledger.
#[test]
fn the_worked_examples_in_events_md_are_real() {
    let doc = std::fs::read_to_string(EVENTS_MD).expect("docs/events.md");
    let env = TestEnv::with_ledger();
    let export = env.run(&["export"]).ok().stdout;
    let first = export.lines().next().unwrap();
    let golden = std::fs::read_to_string(FIXTURE).unwrap();
    let line18 = golden.lines().nth(17).unwrap();
    for line in [first, line18] {
        assert!(doc.contains(line), "docs/events.md should quote this export line verbatim:\n{line}");
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let raw = B64.decode(v["raw"].as_str().unwrap()).unwrap();
        let hex: Vec<String> = raw.iter().map(|b| format!("{b:02x}")).collect();
        assert!(doc.contains(&hex.join(" ")), "docs/events.md should show the raw bytes of:\n{line}");
    }
    // Record 1 of a fresh ledger is the same on every machine (the keys that
    // follow it are not): its digest is shown.
    let v: serde_json::Value = serde_json::from_str(first).unwrap();
    let digest = format!("`1:{}`", v["hash"].as_str().unwrap());
    assert!(doc.contains(&digest), "docs/events.md should show the digest {digest}");
}

#[test]
fn every_record_decodes_and_re_encodes_to_the_same_bytes() {
    let lines = fixture_lines();
    assert!(!lines.is_empty());
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.seq, i as u64 + 1, "fixture line {}", i + 1);
        assert_eq!(line.raw[0], codec::FORMAT_V1, "record {}", line.seq);
        let env = codec::decode(&line.raw).unwrap_or_else(|e| panic!("record {}: {e}", line.seq));
        assert_eq!(env.seq, line.seq);
        let again = codec::encode_v1(&env).unwrap();
        assert_eq!(again, line.raw, "record {} re-encodes differently", line.seq);
        // The tag sits where docs/events.md says: after seq, recorded_at and actor.
        assert_eq!(tag_in_bytes(&line.raw), tag(&env.event), "record {}", line.seq);
        assert_eq!(env.event.kind(), KINDS[tag(&env.event)], "record {}", line.seq);
    }
}

/// Reads the event tag from record bytes by hand, as docs/events.md describes.
fn tag_in_bytes(raw: &[u8]) -> usize {
    fn varint(b: &[u8], i: &mut usize) -> u64 {
        let n = match b[*i] {
            0..=250 => 0,
            251 => 2,
            252 => 4,
            253 => 8,
            t => panic!("varint tag {t} is not valid for u64"),
        };
        let v = if n == 0 {
            u64::from(b[*i])
        } else {
            let mut le = [0u8; 8];
            le[..n].copy_from_slice(&b[*i + 1..*i + 1 + n]);
            u64::from_le_bytes(le)
        };
        *i += 1 + n;
        v
    }
    let mut i = 1; // the version byte
    varint(raw, &mut i); // seq
    varint(raw, &mut i); // recorded_at (zigzag)
    let actor_len = varint(raw, &mut i) as usize;
    i += actor_len;
    varint(raw, &mut i) as usize
}

/// The golden ledgers together (format 1, then the signed format 2) hold
/// every event kind: a kind that cannot exist in format 1 (members and
/// keys) is in v2.
#[test]
fn covers_every_event_variant() {
    let mut seen = BTreeSet::new();
    for line in fixture_lines().into_iter().chain(super::golden_v2::fixture_lines()) {
        let env = codec::decode(&line.raw).unwrap();
        seen.insert(env.event.kind());
    }
    let missing: Vec<&str> = KINDS.iter().copied().filter(|k| !seen.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "the golden ledgers have no record of {missing:?}; add them at the END of `golden_history` \
         in tests/it/golden_v2.rs and run `cargo test --test it golden_v2::regenerate -- --ignored` \
         (fixtures/golden/README.md)"
    );
}

#[test]
fn events_md_lists_every_variant_with_its_tag() {
    let doc = std::fs::read_to_string(EVENTS_MD).expect("docs/events.md");
    let start = doc.find("<!-- event-table -->").expect("event-table marker in docs/events.md");
    let end = doc.find("<!-- /event-table -->").expect("closing event-table marker");
    let rows: Vec<(usize, String)> = doc[start..end]
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let tag = cells.get(1)?.parse::<usize>().ok()?;
            Some((tag, cells.get(2)?.trim_matches('`').to_string()))
        })
        .collect();
    let expected: Vec<(usize, String)> = KINDS.iter().enumerate().map(|(i, k)| (i, k.to_string())).collect();
    assert_eq!(rows, expected, "docs/events.md's event table disagrees with the enum");
}

#[test]
fn the_generator_still_writes_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = generate(&dir.path().join("ledger"));
    let committed = std::fs::read(FIXTURE).unwrap();
    assert!(
        fresh.starts_with(&committed),
        "the golden generator no longer reproduces fixtures/golden/v1.jsonl byte for byte: \
         the encoding of an existing event changed, or an existing generator event was edited"
    );
}

/// Writes `fixtures/golden/v1.jsonl` and `v1.digest`. Refuses to change a
/// line that is already there: the committed file must stay a prefix.
#[test]
#[ignore = "writes the golden fixture; run on purpose only"]
fn regenerate() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = generate(&dir.path().join("ledger"));
    if let Ok(committed) = std::fs::read(FIXTURE) {
        assert!(
            fresh.starts_with(&committed),
            "refusing to rewrite released golden records; only new events at the end are allowed"
        );
    }
    let head = {
        let last = fresh.split(|b| *b == b'\n').rfind(|l| !l.is_empty()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(last).unwrap();
        format!("{}:{}", v["seq"], v["hash"].as_str().unwrap())
    };
    let mut digests = std::fs::read_to_string(DIGESTS).unwrap_or_default();
    if digests.lines().last() != Some(head.as_str()) {
        digests.push_str(&head);
        digests.push('\n');
    }
    std::fs::create_dir_all(Path::new(FIXTURE).parent().unwrap()).unwrap();
    std::fs::write(FIXTURE, &fresh).unwrap();
    std::fs::write(DIGESTS, digests).unwrap();
    eprintln!("wrote {FIXTURE} (head {head})");
}

/// Appends events as format-1 records (no signature trailer), as the first
/// release wrote them.
fn put_v1(ledger: &mut Ledger, at: &str, actor: &str, events: Vec<Event>) -> Vec<Digest> {
    let at = Timestamp::parse(at).unwrap();
    let mut prev = ledger.head().map_or(Hash32::ZERO, |h| h.hash);
    let mut records = Vec::new();
    for (seq, event) in (ledger.len() + 1..).zip(events) {
        let env = Envelope { seq, recorded_at: at, actor: actor.to_string(), event };
        let bytes = codec::encode_v1(&env).unwrap();
        prev = candor::ledger::chain::link(&prev, &bytes);
        records.push(StoredRecord { seq, hash: prev, bytes });
    }
    let digests = records.iter().map(|r| Digest { seq: r.seq, hash: r.hash }).collect();
    ledger.append_chained(records, at).unwrap();
    digests
}

/// Builds the golden ledger at `path` and returns its export.
fn generate(path: &Path) -> Vec<u8> {
    let mut ledger = Ledger::create(path).unwrap();
    golden_history(&mut ledger);
    let mut out = Vec::new();
    export::export(&ledger, &mut out).unwrap();
    out
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::ymd(y, m, day).unwrap()
}

fn s(text: &str) -> String {
    text.to_string()
}

/// The golden history. Released records are never edited; new events go at
/// the end, with recording times after the last one.
fn golden_history(ledger: &mut Ledger) {
    let mut put =
        |at: &str, actor: &str, events: Vec<Event>| -> Vec<Digest> { put_v1(ledger, at, actor, events) };
    let usd = |cents: i64| Money(cents);
    let q1 = Period::Quarter { year: 2026, quarter: 1 };

    put(
        "2026-01-05T09:00:00Z",
        "Dana",
        vec![Event::LedgerOpened {
            company: s("Acme Zürich"),
            ceo: s("Dana"),
            leader: s("Lee"),
            currency: s("USD"),
            fiscal_year_start: 1,
            cadence: Cadence::Biweekly,
        }],
    );
    put(
        "2026-01-05T09:05:00Z",
        "Dana",
        vec![
            Event::SizeBandsSet {
                bands: vec![
                    SizeBand { name: s("large"), min: usd(10_000_000), target_share_bp: Some(6_000) },
                    SizeBand { name: s("mid-size"), min: usd(2_500_000), target_share_bp: Some(3_000) },
                    SizeBand { name: s("small"), min: usd(0), target_share_bp: None },
                ],
            },
            Event::ThresholdSet { metric: s("forecast-accuracy"), green_bp: 9_000, amber_bp: 7_500 },
            Event::GoalSet { period: Period::Year { year: 2026 }, amount: usd(480_000_000) },
            Event::GoalSet { period: q1, amount: usd(100_000_000) },
        ],
    );
    // Same recording time as the batch before: times never decrease, but may repeat.
    put(
        "2026-01-05T09:05:00Z",
        "Dana",
        vec![
            Event::DecisionRightSet {
                area: DecisionArea::HireFire,
                right: DecisionRight::ConsultCeo,
                on: d(2026, 1, 5),
            },
            Event::DecisionRightSet {
                area: DecisionArea::Pricing,
                right: DecisionRight::LeaderInforms,
                on: d(2026, 1, 5),
            },
            Event::FocusSet {
                coaching: 40,
                selling: 40,
                new_markets: 20,
                office: 30,
                field: 70,
                on: d(2026, 1, 5),
            },
        ],
    );
    put(
        "2026-01-05T10:00:00Z",
        "Lee",
        vec![
            Event::PlanMinimumRunSet { weeks: 12, from: d(2026, 1, 5) },
            Event::PlanItemAdded {
                id: s("G-1"),
                kind: PlanItemKind::Goal,
                title: s("Renewals reach 60% of bookings"),
                owner: Some(s("Lee")),
                parent: None,
                start: Some(d(2026, 1, 1)),
                due: Some(d(2026, 12, 31)),
                on: d(2026, 1, 5),
            },
            Event::PlanItemAdded {
                id: s("I-1"),
                kind: PlanItemKind::Initiative,
                title: s("Quarterly business reviews with the top 20 accounts"),
                owner: Some(s("Lee")),
                parent: Some(s("G-1")),
                start: None,
                due: Some(d(2026, 6, 30)),
                on: d(2026, 1, 5),
            },
            Event::PlanItemAdded {
                id: s("A-1"),
                kind: PlanItemKind::Activity,
                title: s("Book the first ten reviews"),
                owner: None,
                parent: Some(s("I-1")),
                start: None,
                due: None,
                on: d(2026, 1, 5),
            },
        ],
    );
    put(
        "2026-01-05T10:30:00Z",
        "Lee",
        vec![
            Event::IndicatorDefined {
                name: s("calls-per-day"),
                target_milli: 2_500,
                direction: Direction::AtLeast,
            },
            Event::IndicatorDefined {
                name: s("discount-pct"),
                target_milli: 8_000,
                direction: Direction::AtMost,
            },
            Event::IndicatorDefined {
                name: s("net-new-accounts"),
                target_milli: 2_000,
                direction: Direction::AtLeast,
            },
        ],
    );
    // Sub-second recording time: stored to the microsecond.
    put(
        "2026-01-06T08:15:30.250001Z",
        "Lee",
        vec![
            Event::DealOpened {
                id: s("D-1"),
                account: s("Müller AG"),
                amount: usd(12_000_000),
                close: d(2026, 3, 20),
                stage: Some(s("proposal")),
                probability: Some(60),
                on: d(2026, 1, 6),
            },
            Event::DealOpened {
                id: s("D-2"),
                account: s("Nordwind"),
                amount: usd(3_000_000),
                close: d(2026, 2, 27),
                stage: None,
                probability: None,
                on: d(2026, 1, 6),
            },
        ],
    );
    put(
        "2026-01-06T16:45:00Z",
        "Lee",
        vec![Event::ForecastSubmitted {
            period: q1,
            amount: usd(95_000_000),
            commit: Some(usd(80_000_000)),
            best_case: Some(usd(110_000_000)),
            pipeline: None,
            as_of: d(2026, 1, 6),
            note: Some(s("Two large renewals are still open")),
        }],
    );
    let meeting = put(
        "2026-01-09T11:00:00Z",
        "Dana",
        vec![Event::MeetingHeld {
            date: d(2026, 1, 9),
            attendees: vec![s("Dana"), s("Lee")],
            worked_plan: Some(Answer::Yes),
            results: Some(Answer::Partly),
            adjust: Some(s("Move two reps to renewals until March")),
            note: None,
            rating: Some(4),
        }],
    )[0]
    .seq;
    put(
        "2026-01-09T11:05:00Z",
        "Lee",
        vec![Event::CommitmentMade {
            id: s("C-1"),
            owner: s("Lee"),
            what: s("Call every account over 100k before the next meeting"),
            due: d(2026, 1, 16),
            meeting: Some(meeting),
            on: d(2026, 1, 9),
        }],
    );
    put(
        "2026-01-09T11:06:00Z",
        "Dana",
        vec![Event::CommitmentMade {
            id: s("C-2"),
            owner: s("Dana"),
            what: s("Approve the renewal discount policy"),
            due: d(2026, 1, 23),
            meeting: Some(meeting),
            on: d(2026, 1, 9),
        }],
    );
    put(
        "2026-01-09T11:10:00Z",
        "Lee",
        vec![
            Event::CommitmentMade {
                id: s("C-3"),
                owner: s("Lee"),
                what: s("Draft a partner price list"),
                due: d(2026, 1, 30),
                meeting: None,
                on: d(2026, 1, 9),
            },
            Event::CommitmentMade {
                id: s("C-4"),
                owner: s("Lee"),
                what: s("Send the pipeline review to the board"),
                due: d(2026, 1, 23),
                meeting: None,
                on: d(2026, 1, 9),
            },
        ],
    );
    put(
        "2026-01-12T09:00:00Z",
        "Lee",
        vec![
            Event::ContingencyAdded {
                id: s("K-1"),
                trigger: Trigger::IndicatorBelow {
                    name: s("calls-per-day"),
                    threshold_milli: 2_000,
                    weeks: 2,
                },
                action: s("The CEO joins two customer calls a week"),
                on: d(2026, 1, 12),
            },
            Event::ContingencyAdded {
                id: s("K-2"),
                trigger: Trigger::IndicatorAbove {
                    name: s("discount-pct"),
                    threshold_milli: 12_000,
                    weeks: 3,
                },
                action: s("Discounts above 10% need the CEO's approval"),
                on: d(2026, 1, 12),
            },
            Event::ContingencyAdded {
                id: s("K-3"),
                trigger: Trigger::RevenueGapAbove { amount: usd(20_000_000) },
                action: s("Pull the partner channel launch forward"),
                on: d(2026, 1, 12),
            },
        ],
    );
    put("2026-01-15T17:00:00Z", "Lee", vec![Event::CommitmentDone { id: s("C-1"), on: d(2026, 1, 15) }]);
    put(
        "2026-01-16T09:00:00Z",
        "Lee",
        vec![Event::CommitmentDropped {
            id: s("C-3"),
            reason: s("Superseded by the new pricing"),
            on: d(2026, 1, 16),
        }],
    );
    let indicators = put(
        "2026-01-19T08:00:00Z",
        "Lee",
        vec![
            Event::IndicatorRecorded { name: s("calls-per-day"), year: 2026, week: 3, value_milli: 1_800 },
            Event::IndicatorRecorded {
                name: s("net-new-accounts"),
                year: 2026,
                week: 3,
                value_milli: -1_000,
            },
            Event::IndicatorRecorded { name: s("calls-per-day"), year: 2026, week: 3, value_milli: 1_800 },
        ],
    );
    put(
        "2026-01-19T08:05:00Z",
        "Lee",
        vec![Event::Corrected {
            target: indicators[2].seq,
            replacement: None,
            reason: s("Entered twice by mistake"),
        }],
    );
    put(
        "2026-01-20T10:00:00Z",
        "Lee",
        vec![
            Event::DealChanged {
                id: s("D-1"),
                amount: Some(usd(13_500_000)),
                close: Some(d(2026, 3, 31)),
                stage: Some(s("negotiation")),
                probability: Some(70),
                on: d(2026, 1, 20),
            },
            Event::DealChanged {
                id: s("D-2"),
                amount: None,
                close: None,
                stage: None,
                probability: Some(40),
                on: d(2026, 1, 20),
            },
        ],
    );
    put(
        "2026-01-20T10:30:00Z",
        "Lee",
        vec![Event::ContingencyActedOn {
            id: s("K-1"),
            note: s("Dana joined calls with Müller AG and Nordwind"),
            on: d(2026, 1, 20),
        }],
    );
    put(
        "2026-01-22T12:00:00Z",
        "Dana",
        vec![Event::CommitmentRescheduled {
            id: s("C-2"),
            due: d(2026, 2, 6),
            reason: s("Legal review takes two more weeks"),
            on: d(2026, 1, 22),
        }],
    );
    put(
        "2026-01-23T09:00:00Z",
        "Dana",
        vec![Event::MeetingSkipped { date: d(2026, 1, 23), reason: s("Board meeting") }],
    );
    put("2026-01-26T09:00:00Z", "Lee", vec![Event::CommitmentMissed { id: s("C-4"), on: d(2026, 1, 26) }]);
    put(
        "2026-01-27T14:00:00Z",
        "Lee",
        vec![
            Event::DealRiskFlagged {
                id: s("D-1"),
                reason: s("Our champion left the company"),
                on: d(2026, 1, 27),
            },
            Event::IssueRaised {
                id: s("IS-1"),
                title: s("CRM data is three weeks stale"),
                detail: Some(s("Stages are updated only before the forecast call")),
                on: d(2026, 1, 27),
            },
        ],
    );
    put(
        "2026-02-02T09:00:00Z",
        "Lee",
        vec![
            Event::PlanOptionProposed {
                id: s("O-1"),
                title: s("Hire a renewals specialist"),
                impact: 4,
                effort: 3,
                note: Some(s("Frees two reps for new business")),
                on: d(2026, 2, 2),
            },
            Event::PlanItemCompleted { id: s("A-1"), on: d(2026, 2, 2) },
        ],
    );
    put(
        "2026-02-03T09:00:00Z",
        "Lee",
        vec![Event::DealRiskCleared {
            id: s("D-1"),
            note: Some(s("The new sponsor confirmed the budget")),
            on: d(2026, 2, 3),
        }],
    );
    let actual = put(
        "2026-02-04T09:00:00Z",
        "Dana",
        vec![Event::ActualRecorded {
            period: Period::Month { year: 2026, month: 1 },
            amount: usd(31_250_050),
        }],
    )[0]
    .seq;
    put(
        "2026-02-05T09:00:00Z",
        "Dana",
        vec![
            Event::PlanOptionAdopted { id: s("O-1"), note: None, on: d(2026, 2, 5) },
            Event::PlanChanged {
                what: s("A renewals specialist replaces the second SDR hire"),
                why: s("Renewals are 70% of the gap"),
                effective: d(2026, 3, 1),
                requested_by: s("Lee"),
                on: d(2026, 2, 5),
            },
        ],
    );
    let second = put(
        "2026-02-06T11:00:00Z",
        "Dana",
        vec![Event::MeetingHeld {
            date: d(2026, 2, 6),
            attendees: vec![s("Dana"), s("Lee")],
            worked_plan: Some(Answer::No),
            results: None,
            adjust: None,
            note: Some(s("Short meeting; the plan review moves to next time")),
            rating: None,
        }],
    )[0];
    put(
        "2026-02-06T11:30:00Z",
        "Dana",
        vec![Event::HeadAcknowledged { seq: second.seq, hash: second.hash, by: vec![s("Dana"), s("Lee")] }],
    );
    put(
        "2026-02-10T09:00:00Z",
        "Dana",
        vec![Event::Corrected {
            target: actual,
            replacement: Some(Box::new(Event::ActualRecorded {
                period: Period::Month { year: 2026, month: 1 },
                amount: usd(30_000_000),
            })),
            reason: s("Included a deal that was signed in February"),
        }],
    );
    put(
        "2026-02-13T09:00:00Z",
        "Lee",
        vec![Event::IssueResolved {
            id: s("IS-1"),
            resolution: s("Operations cleans the pipeline every Friday"),
            on: d(2026, 2, 13),
        }],
    );
    put(
        "2026-02-20T09:00:00Z",
        "Lee",
        vec![Event::DealLost { id: s("D-2"), reason: s("Chose a cheaper competitor"), on: d(2026, 2, 20) }],
    );

    // Hiring: Lee moves to the new market; Acme hires a sales leader.
    let competency =
        |key: &str, name: &str, kind: CompetencyKind, question: &str, weight: u32, must_have: bool| {
            Competency {
                key: s(key),
                name: s(name),
                kind,
                questions: vec![s(question)],
                listen_for: vec![s("specific numbers"), s("what they did personally")],
                anchors: Anchors {
                    low: s("vague, credits luck"),
                    mid: s("clear but narrow"),
                    high: s("repeatable method, shared with the team"),
                },
                weight,
                scale: Scale { min: 1, max: 5 },
                must_have,
            }
        };
    put(
        "2026-03-02T09:00:00Z",
        "Dana",
        vec![
            Event::HireTemplateLoaded {
                version: 1,
                template: Template {
                    name: s("Sales leader"),
                    competencies: vec![
                        competency(
                            "team-before",
                            "Team results before and after",
                            CompetencyKind::Results,
                            "What was the performance of the sales team before you took over, and after?",
                            1,
                            false,
                        ),
                        competency(
                            "team-building",
                            "Building the team",
                            CompetencyKind::How,
                            "What did you personally do to build and develop the team?",
                            2,
                            true,
                        ),
                    ],
                },
            },
            Event::CandidateAdded { id: s("c-ana"), name: s("Ana Pérez") },
            Event::CandidateAdded { id: s("c-ben"), name: s("Ben Okafor") },
            Event::PanelistAdded { name: s("Dana") },
            Event::PanelistAdded { name: s("Kim") },
        ],
    );
    let ratings = |a: Option<i32>, b: Option<i32>| {
        vec![
            Rating { key: s("team-before"), value: a, evidence: None },
            Rating {
                key: s("team-building"),
                value: b,
                evidence: b.map_or(Some(s("not covered in the interview")), |_| {
                    Some(s("hired and coached four reps"))
                }),
            },
        ]
    };
    let first_score = put(
        "2026-03-09T15:00:00Z",
        "Dana",
        vec![Event::ScoreSubmitted {
            candidate: s("c-ana"),
            panelist: s("Dana"),
            template_version: 1,
            ratings: ratings(Some(4), None),
            recommend: Recommendation::Yes,
            amends: None,
            reason: None,
        }],
    )[0]
    .seq;
    let kim_ratings = ratings(Some(5), Some(4));
    let salt = Hash32(*blake3::hash(b"golden ledger salt").as_bytes());
    let commitment = {
        let mut h = blake3::Hasher::new();
        h.update(&salt.0);
        h.update(&serde_json::to_vec(&(&kim_ratings, Recommendation::StrongYes)).unwrap());
        Hash32(*h.finalize().as_bytes())
    };
    put(
        "2026-03-09T16:00:00Z",
        "Kim",
        vec![Event::ScoreSealed {
            candidate: s("c-ana"),
            panelist: s("Kim"),
            template_version: 1,
            commitment,
        }],
    );
    put(
        "2026-03-10T09:00:00Z",
        "Dana",
        vec![Event::ScoreSubmitted {
            candidate: s("c-ana"),
            panelist: s("Dana"),
            template_version: 1,
            ratings: ratings(Some(4), Some(3)),
            recommend: Recommendation::Yes,
            amends: Some(first_score),
            reason: Some(s("Forgot to rate team building")),
        }],
    );
    put(
        "2026-03-11T09:00:00Z",
        "Kim",
        vec![Event::ScoreRevealed {
            candidate: s("c-ana"),
            panelist: s("Kim"),
            template_version: 1,
            ratings: kim_ratings,
            recommend: Recommendation::StrongYes,
            salt,
        }],
    );
    put("2026-03-11T10:00:00Z", "Dana", vec![Event::DebriefOpened { candidate: s("c-ana") }]);
    put(
        "2026-03-12T09:00:00Z",
        "Dana",
        vec![Event::HireDecided {
            candidate: s("c-ana"),
            decision: HireDecision::Hire,
            reason: s("Strongest on how she built her last team; panel agreed"),
        }],
    );
    put(
        "2026-03-25T18:00:00Z",
        "Lee",
        vec![Event::DealWon { id: s("D-1"), amount: Some(usd(13_000_000)), on: d(2026, 3, 25) }],
    );
    put(
        "2026-04-01T09:00:00Z",
        "Dana",
        vec![Event::LeaderChanged { name: s("Ana Pérez"), candidate: Some(s("c-ana")), on: d(2026, 4, 1) }],
    );
    // A record stamped in the future by a wrong clock, and the reset that
    // steps back from it: the one place recorded times may go back.
    put(
        "2099-01-01T00:00:00Z",
        "Lee",
        vec![Event::IssueRaised {
            id: s("IS-2"),
            title: s("Written while the laptop's clock said 2099"),
            detail: None,
            on: d(2026, 4, 2),
        }],
    );
    put(
        "2026-04-02T09:00:00Z",
        "Dana",
        vec![Event::ClockReset {
            from: Timestamp::parse("2099-01-01T00:00:00Z").unwrap(),
            reason: s("The laptop's clock was set to 2099"),
        }],
    );
    put(
        "2026-04-06T15:00:00Z",
        "Dana",
        vec![Event::ForecastAgreed {
            period: Period::parse("2026-Q2").unwrap(),
            amount: usd(25_000_000),
            on: d(2026, 4, 6),
            agreed_by: vec![s("Dana"), s("Ana Pérez")],
        }],
    );
    put(
        "2026-04-06T15:05:00Z",
        "Ana Pérez",
        vec![Event::DealRiskAction {
            id: s("D-2"),
            action: s("Meet the CFO with a phased offer"),
            owner: s("Dana"),
            due: d(2026, 4, 17),
            on: d(2026, 4, 6),
        }],
    );
    put(
        "2026-04-07T09:00:00Z",
        "Lee",
        vec![Event::DealsImported {
            source: s("salesforce"),
            as_of: d(2026, 4, 7),
            rows: 12,
            fx: vec![candor::core::event::FxRate { currency: s("EUR"), rate: s("1.08") }],
        }],
    );
    // New events go here, after everything above, with later recording times.
}
