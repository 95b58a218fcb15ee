//! A synthetic ledger shaped like years of weekly work: deals opened and
//! revised many times, risks, wins and losses, a forecast and a meeting
//! every week with both sides' acknowledgements, commitments made at the
//! meeting and later done, missed or rescheduled, indicators, goals and
//! actuals per quarter. Every record is one a real command would write
//! against the records before it (the unit test re-judges each with the
//! restore rule book), so every report runs on it. Seeded: a run repeats.
//!
//! Pure: the caller appends each week and hands back the hash of the
//! meeting record, which the next week's acknowledgements name.

use crate::core::event::Event;
use crate::core::hash::Hash32;
use crate::core::member::Role;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::time::{Date, Timestamp};
use crate::core::vocab::{Answer, Cadence, Direction};
use chrono::Datelike;

/// Fewer records than this cannot hold a quarter of weekly work.
pub const MIN_COUNT: u64 = 500;
/// About this many records a week on small ledgers, at most ten years.
const PER_WEEK: u64 = 40;
const MIN_WEEKS: u64 = 13;
const MAX_WEEKS: u64 = 520;
const WEEK_MICROS: i64 = 7 * 86_400 * 1_000_000;

const CEO: &str = "Dana";
const LEADER: &str = "Lee";
const STAGES: [&str; 5] = ["Discovery", "Qualified", "Proposal", "Negotiation", "Commit"];
const INDICATORS: [(&str, i64); 3] = [("calls", 40_000), ("meetings", 12_000), ("proposals", 4_000)];

/// Shares of a week's variable records, in thousandths; deal changes take
/// the rest (about 60 %), so a deal lives through several versions.
const OPENED: u64 = 110;
const WON: u64 = 50;
const LOST: u64 = 60;
const FLAGGED: u64 = 35;
const CLEARED: u64 = 30;
const MADE: u64 = 60;
const RESOLVED: u64 = 75;

/// One kind of the week's work.
type Step = fn(&mut Realistic, &mut Build);

/// One week's records, all stamped `at` (one append).
pub struct Week {
    pub at: Timestamp,
    /// (actor, event) in order.
    pub records: Vec<(String, Event)>,
}

struct OpenDeal {
    id: String,
    amount: i64,
    close: Date,
    stage: usize,
    probability: u8,
    at_risk: bool,
    opened: Date,
}

struct OpenCommitment {
    id: String,
    due: Date,
    rescheduled: bool,
}

/// The generator; `next_week` until it returns `None`.
pub struct Realistic {
    count: u64,
    weeks: u64,
    end: Timestamp,
    week: u64,
    /// Records handed out so far (the seq of the last one).
    emitted: u64,
    rng: u64,
    deals: Vec<OpenDeal>,
    deal_ids: u64,
    commitments: Vec<OpenCommitment>,
    commitment_ids: u64,
    last_meeting: Option<u64>,
    quarter: Option<Period>,
    won_in_quarter: i64,
    carry: [u64; 7],
}

impl Realistic {
    /// `count` records in all, the last week stamped `end`.
    pub fn new(count: u64, end: Timestamp, seed: u64) -> Result<Realistic, String> {
        if count < MIN_COUNT {
            return Err(format!("{count} is too few for the realistic shape; give at least {MIN_COUNT}"));
        }
        let weeks = (count / PER_WEEK).clamp(MIN_WEEKS, MAX_WEEKS);
        Ok(Realistic {
            count,
            weeks,
            end,
            week: 0,
            emitted: 0,
            rng: seed ^ 0x9E37_79B9_7F4A_7C15,
            deals: Vec::new(),
            deal_ids: 0,
            commitments: Vec::new(),
            commitment_ids: 0,
            last_meeting: None,
            quarter: None,
            won_in_quarter: 0,
            carry: [0; 7],
        })
    }

    pub fn weeks(&self) -> u64 {
        self.weeks
    }

    /// The record whose hash the next week's acknowledgements name.
    pub fn awaiting_hash(&self) -> Option<u64> {
        self.last_meeting
    }

    /// The next week's records; `meeting_hash` is the hash of record
    /// `awaiting_hash()` as the ledger chained it.
    pub fn next_week(&mut self, meeting_hash: Option<Hash32>) -> Option<Week> {
        if self.week >= self.weeks {
            return None;
        }
        let k = self.week;
        self.week += 1;
        let at = Timestamp::from_micros(self.end.micros() - (self.weeks - 1 - k) as i64 * WEEK_MICROS);
        // Up to this week's share of the whole (the first week may run over).
        let target = (self.count * (k + 1) / self.weeks).saturating_sub(self.emitted) as usize;
        let mut w =
            Build { today: at.date(), records: Vec::with_capacity(target), first_seq: self.emitted + 1 };
        if k == 0 {
            self.open(&mut w);
        }
        if let (Some(seq), Some(hash)) = (self.last_meeting, meeting_hash) {
            for by in [CEO, LEADER] {
                w.push(by, Event::HeadAcknowledged { seq, hash, by: vec![by.into()] });
            }
        }
        self.quarter_turn(&mut w);
        // Fixed at the end of the week: indicators, forecast, meeting.
        let fixed = INDICATORS.len() + 2;
        let variable = target.saturating_sub(w.records.len() + fixed) as u64;
        self.variable_work(&mut w, variable);
        self.indicators(&mut w);
        self.forecast(&mut w);
        let meeting = w.next_seq();
        w.push(CEO, self.meeting(w.today));
        self.last_meeting = Some(meeting);
        // Commitments made at the meeting fill the week up to its share.
        while w.records.len() < target {
            self.make_commitment(&mut w, meeting);
        }
        self.emitted += w.records.len() as u64;
        Some(Week { at, records: w.records })
    }

    fn open(&mut self, w: &mut Build) {
        w.push(
            CEO,
            Event::LedgerOpened {
                company: "Bench Industries".into(),
                ceo: CEO.into(),
                leader: LEADER.into(),
                currency: "USD".into(),
                fiscal_year_start: 1,
                cadence: Cadence::Weekly,
            },
        );
        w.push(CEO, Event::MemberAdded { name: "Avery".into(), role: Role::Advisor, key: None });
        for (name, target) in INDICATORS {
            w.push(
                LEADER,
                Event::IndicatorDefined {
                    name: name.into(),
                    target_milli: target,
                    direction: Direction::AtLeast,
                },
            );
        }
    }

    /// At the first week of a quarter: the last quarter's actual (what was
    /// won in it), and this quarter's goal.
    fn quarter_turn(&mut self, w: &mut Build) {
        let quarter = Period::quarter_of(w.today, 1);
        if self.quarter == Some(quarter) {
            return;
        }
        // A quarter with nothing won yet (the first: deals take weeks to
        // close) has no actual to record.
        if let Some(last) = self.quarter.replace(quarter).filter(|_| self.won_in_quarter > 0) {
            w.push(CEO, Event::ActualRecorded { period: last, amount: Money(self.won_in_quarter) });
        }
        self.won_in_quarter = 0;
        let scale = (self.count / self.weeks).max(1) as i64;
        // About what a quarter's wins come to, so some quarters hit it.
        let goal = Money(scale * 6_000_000 + self.rand(1_000) as i64 * 100_000);
        w.push(CEO, Event::GoalSet { period: quarter, amount: goal });
    }

    /// Deals and commitments: `budget` records shared by rate, the rest
    /// deal changes (or new deals when none is open).
    fn variable_work(&mut self, w: &mut Build, budget: u64) {
        let shares = [OPENED, WON, LOST, FLAGGED, CLEARED, MADE, RESOLVED];
        let mut n = [0u64; 7];
        for (i, share) in shares.iter().enumerate() {
            self.carry[i] += budget * share;
            n[i] = self.carry[i] / 1000;
            self.carry[i] %= 1000;
        }
        // Commitments made are the meeting's (after it); keep their room.
        let end = w.records.len() + (budget - n[5]) as usize;
        let room = (end - w.records.len()) as u64;
        self.resolve_commitments(w, n[6].min(room));
        let steps: [(u64, Step); 5] = [
            (n[0], Realistic::open_deal),
            (n[3], Realistic::flag_risk),
            (n[4], Realistic::clear_risk),
            (n[1], |g, w| g.close_deal(w, true)),
            (n[2], |g, w| g.close_deal(w, false)),
        ];
        for (times, step) in steps {
            for _ in 0..times {
                if w.records.len() < end {
                    step(self, w);
                }
            }
        }
        while w.records.len() < end {
            if self.deals.is_empty() {
                self.open_deal(w);
            } else {
                self.change_deal(w);
            }
        }
    }

    fn open_deal(&mut self, w: &mut Build) {
        self.deal_ids += 1;
        let id = format!("D-{}", self.deal_ids);
        // $5k to $200k, in cents.
        let amount = (5 + self.rand(195) as i64) * 100_000;
        let close = w.today.add_days(21 + self.rand(100) as i64);
        let probability = 10 + 5 * self.rand(4) as u8;
        let account = format!("{} {}", ACCOUNTS[self.rand(ACCOUNTS.len() as u64) as usize], self.deal_ids);
        w.push(
            LEADER,
            Event::DealOpened {
                id: id.clone(),
                account,
                amount: Money(amount),
                close,
                stage: Some(STAGES[0].into()),
                probability: Some(probability),
                on: w.today,
            },
        );
        self.deals.push(OpenDeal {
            id,
            amount,
            close,
            stage: 0,
            probability,
            at_risk: false,
            opened: w.today,
        });
    }

    /// A revision of one or two terms, each to a value it does not have.
    fn change_deal(&mut self, w: &mut Build) {
        let i = self.rand(self.deals.len() as u64) as usize;
        let which = self.rand(4);
        let also = self.rand(8);
        let today = w.today;
        let (amount_step, days, prob_step) =
            (self.rand(30) as i64, self.rand(35) as i64, self.rand(10) as u8);
        let d = &mut self.deals[i];
        let (mut amount, mut close, mut stage, mut probability) = (None, None, None, None);
        if which == 0 || also == 0 {
            // Up or down 1–30 %, never to zero.
            let pct = if amount_step % 2 == 0 { 100 + amount_step + 1 } else { 100 - amount_step - 1 };
            let next = (d.amount * pct / 100).max(100_000);
            d.amount = if next == d.amount { next + 100 } else { next };
            amount = Some(Money(d.amount));
        }
        if which == 1 || also == 1 {
            let from = if d.close < today { today } else { d.close };
            d.close = from.add_days(7 + days);
            close = Some(d.close);
        }
        if which == 2 || also == 2 {
            d.stage = if d.stage + 1 < STAGES.len() { d.stage + 1 } else { d.stage - 1 };
            stage = Some(STAGES[d.stage].to_string());
        }
        if which == 3 || also == 3 || (amount.is_none() && close.is_none() && stage.is_none()) {
            let up = d.probability.saturating_add(prob_step + 1);
            d.probability = if up <= 95 { up } else { d.probability - prob_step - 1 };
            probability = Some(d.probability);
        }
        let id = d.id.clone();
        w.push(LEADER, Event::DealChanged { id, amount, close, stage, probability, on: today });
    }

    fn flag_risk(&mut self, w: &mut Build) {
        if let Some(i) = self.pick_deal(|d| !d.at_risk) {
            self.deals[i].at_risk = true;
            let id = self.deals[i].id.clone();
            let reason = "Champion left the account; the budget owner has not replied to two calls".into();
            w.push(LEADER, Event::DealRiskFlagged { id, reason, on: w.today });
        }
    }

    fn clear_risk(&mut self, w: &mut Build) {
        if let Some(i) = self.pick_deal(|d| d.at_risk) {
            self.deals[i].at_risk = false;
            let id = self.deals[i].id.clone();
            let note = Some("Met the new budget owner; the project stays funded".into());
            w.push(LEADER, Event::DealRiskCleared { id, note, on: w.today });
        }
    }

    /// Closes a deal open for eight weeks or more, or due to close, if
    /// one comes up: deals live for a quarter or so, revised meanwhile.
    fn close_deal(&mut self, w: &mut Build, won: bool) {
        let (settled, today) = (w.today.add_days(-56), w.today);
        let Some(i) = self.pick_deal(|d| d.opened <= settled || d.close <= today) else { return };
        let d = self.deals.swap_remove(i);
        let event = if won {
            self.won_in_quarter += d.amount;
            Event::DealWon { id: d.id, amount: None, on: w.today }
        } else {
            Event::DealLost { id: d.id, reason: "Chose a competitor on price".into(), on: w.today }
        };
        w.push(LEADER, event);
    }

    /// A few random tries for an open deal that fits, else none.
    fn pick_deal(&mut self, fits: impl Fn(&OpenDeal) -> bool) -> Option<usize> {
        for _ in 0..8 {
            if self.deals.is_empty() {
                return None;
            }
            let i = self.rand(self.deals.len() as u64) as usize;
            if fits(&self.deals[i]) {
                return Some(i);
            }
        }
        None
    }

    fn make_commitment(&mut self, w: &mut Build, meeting: u64) {
        self.commitment_ids += 1;
        let id = format!("C-{}", self.commitment_ids);
        let owner = if self.commitment_ids % 3 == 0 { CEO } else { LEADER };
        let due = w.today.add_days(7 * (1 + self.rand(3) as i64));
        w.push(
            owner,
            Event::CommitmentMade {
                id: id.clone(),
                owner: owner.into(),
                what: format!(
                    "Call the top ten accounts in the north-east region and confirm their renewal dates ({id}); \
                     send a summary with next steps and risks before the weekly meeting"
                ),
                due,
                meeting: Some(meeting),
                on: w.today,
            },
        );
        self.commitments.push(OpenCommitment { id, due, rescheduled: false });
    }

    /// Commitments come due on meeting days (a whole number of weeks
    /// after the one they were made at): most are done that day, some are
    /// moved (once, before they pass), some left to pass and then done late
    /// or missed. At most `budget` records, oldest first.
    fn resolve_commitments(&mut self, w: &mut Build, budget: u64) {
        let (today, mut left, mut i) = (w.today, budget, 0);
        while left > 0 && i < self.commitments.len() {
            if self.commitments[i].due > today {
                i += 1;
                continue;
            }
            let roll = self.rand(100);
            let c = &mut self.commitments[i];
            let id = c.id.clone();
            let event = match (c.due == today, roll) {
                (true, 0..=7) if !c.rescheduled => {
                    c.rescheduled = true;
                    c.due = today.add_days(7);
                    let reason = "Waiting on the customer's procurement team".into();
                    w.push(LEADER, Event::CommitmentRescheduled { id, due: c.due, reason, on: today });
                    left -= 1;
                    i += 1;
                    continue;
                }
                (true, 8..=17) => {
                    i += 1;
                    continue;
                }
                (false, 0..=49) => Event::CommitmentMissed { id, on: today },
                _ => Event::CommitmentDone { id, on: today },
            };
            self.commitments.remove(i);
            w.push(LEADER, event);
            left -= 1;
        }
    }

    fn indicators(&mut self, w: &mut Build) {
        let week = w.today.0.iso_week();
        for (name, target) in INDICATORS {
            // Around the target: some weeks hit, some miss.
            let value_milli = target / 2 + self.rand(target as u64) as i64 / 1000 * 1000;
            w.push(
                LEADER,
                Event::IndicatorRecorded {
                    name: name.into(),
                    year: week.year(),
                    week: week.week() as u8,
                    value_milli,
                },
            );
        }
    }

    /// The leader's forecast for this quarter: won so far plus a weighted
    /// share of what is open.
    fn forecast(&mut self, w: &mut Build) {
        let period = Period::quarter_of(w.today, 1);
        let last = period.last_day(1);
        let (mut pipeline, mut weighted) = (0i64, 0i64);
        for d in self.deals.iter().filter(|d| d.close <= last) {
            pipeline += d.amount;
            weighted += d.amount * i64::from(d.probability) / 100;
        }
        let commit = self.won_in_quarter + weighted / 2;
        let amount = (self.won_in_quarter + weighted).max(commit).max(1);
        w.push(
            LEADER,
            Event::ForecastSubmitted {
                period,
                amount: Money(amount),
                commit: Some(Money(commit)),
                best_case: Some(Money(amount + pipeline / 4)),
                pipeline: Some(Money(pipeline)),
                as_of: w.today,
                note: None,
            },
        );
    }

    fn meeting(&mut self, today: Date) -> Event {
        let answer = |r: u64| match r {
            0..=5 => Answer::Yes,
            6..=8 => Answer::Partly,
            _ => Answer::No,
        };
        Event::MeetingHeld {
            date: today,
            attendees: vec![CEO.into(), LEADER.into()],
            worked_plan: Some(answer(self.rand(10))),
            results: Some(answer(self.rand(10))),
            adjust: Some("Move two reps to the renewals that close this quarter".into()),
            note: None,
            rating: Some(3 + self.rand(3) as u8),
        }
    }

    /// splitmix64: small, seeded, the same on every machine.
    fn rand(&mut self, below: u64) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below.max(1)
    }
}

const ACCOUNTS: [&str; 8] = [
    "Northwind Traders",
    "Contoso Manufacturing",
    "Fabrikam Logistics",
    "Tailspin Freight",
    "Wingtip Packaging",
    "Adventure Works",
    "Litware Metals",
    "Proseware Tools",
];

/// The week being written: its day and records, and the seq of its first.
struct Build {
    today: Date,
    records: Vec<(String, Event)>,
    first_seq: u64,
}

impl Build {
    fn push(&mut self, actor: &str, event: Event) {
        self.records.push((actor.to_string(), event));
    }

    fn next_seq(&self) -> u64 {
        self.first_seq + self.records.len() as u64
    }
}

#[cfg(test)]
#[path = "realistic_tests.rs"]
mod tests;
