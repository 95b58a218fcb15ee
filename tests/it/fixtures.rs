//! The scenario fixtures (`fixtures/scenarios/*.candor`): each replays into a
//! fresh ledger through `candor replay`, verifies, and its reports as of
//! 2026-07-06 match figures computed by hand from the script. The
//! arithmetic is in the comments; amounts there are in whole currency units,
//! the JSON holds minor units (× 100).
//!
//! metrics.md § 10 rule 5 (late-recorded facts count when recorded) changes
//! none of these figures: in both scripts every commitment step, risk flag,
//! deal outcome and meeting is recorded on its date or the day after; only
//! the deals brought over from the CRM are dated weeks back, and a deal's
//! opening is not a timeliness fact.

use crate::env::TestEnv;
use serde_json::Value;
use std::path::PathBuf;

/// Monday of 2026-W28: Q2 has closed and 2026-W27 is the last complete week.
const AS_OF: &str = "2026-07-06";

/// One scenario replayed once into its own temporary ledger.
struct Scenario {
    env: TestEnv,
}

impl Scenario {
    fn replay(name: &str) -> Scenario {
        let script: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", "scenarios", name].iter().collect();
        let env = TestEnv::new();
        env.run(&["replay", script.to_str().expect("a UTF-8 path")]).ok();
        let verify = env.run(&["verify", "--format", "json"]).ok().json();
        assert_eq!(verify["ok"], true, "{name}: {verify}");
        assert_eq!(verify["first_bad_seq"], Value::Null);
        Scenario { env }
    }

    /// `args` as JSON, as of `as_of`.
    fn at(&self, as_of: &str, args: &[&str]) -> Value {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--as-of", as_of, "--format", "json"]);
        self.env.run(&all).ok().json()
    }

    /// `args` as JSON, as of 2026-07-06.
    fn report(&self, args: &[&str]) -> Value {
        self.at(AS_OF, args)
    }

    /// The brief as JSON as of `as_of`, the clock set to that day.
    fn brief(&mut self, as_of: &str) -> Value {
        self.env.at(&format!("{as_of}T12:00:00Z"));
        self.at(as_of, &["brief"])
    }
}

/// Whole currency units → minor units.
fn cents(units: i64) -> i64 {
    units * 100
}

#[track_caller]
fn close(value: &Value, expected: f64) {
    let got = value.as_f64().unwrap_or_else(|| panic!("expected a number near {expected}, got {value}"));
    assert!((got - expected).abs() < 1e-12, "expected {expected}, got {got}");
}

/// The entry of `list` whose `key` is `value`.
#[track_caller]
fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .and_then(|items| items.iter().find(|i| i[key] == value))
        .unwrap_or_else(|| panic!("no entry with {key} = {value} in {list}"))
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

/// Per period: (period, actual, [(amount, error) at start, at mid, final]),
/// in whole currency units.
type Expected = [(&'static str, i64, [(i64, i64); 3]); 8];

#[track_caller]
/// Quarters are in the default audit, months in `--granularity month` (never
/// the two together: metrics.md § 10.2).
fn check_periods(quarters: &Value, months: &Value, expected: &Expected) {
    for (period, actual, points) in expected {
        let audit = if period.contains("-Q") { quarters } else { months };
        let p = find(&audit["periods"], "period", period);
        assert_eq!(p["actual"], cents(*actual), "{period} actual");
        assert_eq!(p["scored"], true, "{period}");
        for (key, (amount, error)) in ["at_start", "at_mid", "final"].iter().zip(points) {
            assert_eq!(p[key]["amount"], cents(*amount), "{period} {key} amount");
            assert_eq!(p[key]["error"], cents(*error), "{period} {key} error");
            let ape = error.abs() as f64 / *actual as f64;
            close(&p[key]["abs_pct_error"], ape);
            close(&p[key]["accuracy"], 1.0 - ape);
            close(&p[key]["bias"], *error as f64 / *actual as f64);
        }
    }
}

// ── Kessler Precision Parts (manufacturing.candor, USD) ────────────────────

/// Forecasts by Marcus (as of Mondays); actuals by month, the quarter being
/// the sum of its months. February was recorded as 704,000 and corrected to
/// 740,000. Reference points: the forecast standing at the first day (else
/// the first one within 7 days), at first day + floor(days / 2) (Jan 16,
/// Feb 15, Mar 16, Apr 16, May 16, Jun 16; Q1 Feb 15, Q2 May 16) and at the
/// last day.
///
/// | period | actual    | start                  | mid                    | final                  |
/// | 01     | 700,000   | 820,000 (Jan 5) +120k  | 820,000 (Jan 5) +120k  | 780,000 (Jan 19) +80k  |
/// | Q1     | 2,250,000 | 2.60M (Dec 29) +350k   | 2.58M (Feb 9) +330k    | 2.35M (Mar 30) +100k   |
/// | 02     | 740,000   | 800,000 (Feb 2) +60k   | 800,000 (Feb 2) +60k   | 770,000 (Feb 16) +30k  |
/// | 03     | 810,000   | 1.00M (Mar 2) +190k    | 960,000 (Mar 16) +150k | 960,000 (Mar 16) +150k |
/// | 04     | 790,000   | 900,000 (Apr 6) +110k  | 900,000 (Apr 6) +110k  | 850,000 (Apr 20) +60k  |
/// | Q2     | 2,490,000 | 2.90M (Mar 30) +410k   | 2.82M (May 11) +330k   | 2.56M (Jun 29) +70k    |
/// | 05     | 820,000   | 950,000 (May 4) +130k  | 950,000 (May 4) +130k  | 900,000 (May 18) +80k  |
/// | 06     | 880,000   | 1.05M (Jun 1) +170k    | 990,000 (Jun 15) +110k | 990,000 (Jun 15) +110k |
const MANUFACTURING_PERIODS: Expected = [
    ("2026-01", 700_000, [(820_000, 120_000), (820_000, 120_000), (780_000, 80_000)]),
    ("2026-Q1", 2_250_000, [(2_600_000, 350_000), (2_580_000, 330_000), (2_350_000, 100_000)]),
    ("2026-02", 740_000, [(800_000, 60_000), (800_000, 60_000), (770_000, 30_000)]),
    ("2026-03", 810_000, [(1_000_000, 190_000), (960_000, 150_000), (960_000, 150_000)]),
    ("2026-04", 790_000, [(900_000, 110_000), (900_000, 110_000), (850_000, 60_000)]),
    ("2026-Q2", 2_490_000, [(2_900_000, 410_000), (2_820_000, 330_000), (2_560_000, 70_000)]),
    ("2026-05", 820_000, [(950_000, 130_000), (950_000, 130_000), (900_000, 80_000)]),
    ("2026-06", 880_000, [(1_050_000, 170_000), (990_000, 110_000), (990_000, 110_000)]),
];

#[test]
fn manufacturing_replays_verifies_and_matches_the_hand_computed_reports() {
    let mut s = Scenario::replay("manufacturing.candor");

    // ── Forecast accuracy and bias ──
    let f = s.report(&["audit", "forecast"]);
    let fm = s.report(&["audit", "forecast", "--granularity", "month"]);
    assert_eq!(f["currency"], "USD");
    assert_eq!((f["granularity"].as_str(), fm["granularity"].as_str()), (Some("quarter"), Some("month")));
    check_periods(&f, &fm, &MANUFACTURING_PERIODS);
    // Quarters (the default; months are never summed in, § 10.2). Σ actual = 2,250 + 2,490
    // = 4,740 (thousands). Final: Σ|F − A| = 100 + 70 = 170, both errors positive.
    let sum = &f["summary"];
    assert_eq!(sum["periods_scored"], 2);
    close(&sum["wape_final"], 170.0 / 4_740.0); // 0.0359
    close(&sum["bias_final"], 170.0 / 4_740.0);
    // At start: 350 + 410 = 760; at mid: 330 + 330 = 660.
    close(&sum["wape_at_start"], 760.0 / 4_740.0); // 0.1603
    close(&sum["bias_at_start"], 760.0 / 4_740.0);
    close(&sum["wape_at_mid"], 660.0 / 4_740.0);
    // |e| / A: Q1 100 / 2,250 = 4.4 %, Q2 70 / 2,490 = 2.8 % → within 5 % and 10 %: 2 / 2.
    close(&sum["within_10pct_final"], 1.0);
    close(&sum["within_5pct_final"], 1.0);
    // Normalized bias = 170 / 170 = 1, but two quarters are fewer than three: no flag.
    close(&sum["normalized_bias_final"], 1.0);
    assert_eq!(sum["flag"], Value::Null);
    // Commit: Q1 2.25M (Mar 30) against 2,250,000 → reached; Q2 2.48M (Jun 29) against
    // 2,490,000 → reached; Q3 not scored. 2 / 2.
    close(&sum["commit_hit_rate"], 1.0);
    assert_eq!(sum["commit_periods"], 2);
    // Every forecast is Marcus's: one forecaster, the same summary.
    assert_eq!(f["scored_by"], "Marcus Reyes");
    assert_eq!(f["forecasters"].as_array().map(Vec::len), Some(1));
    assert_eq!(f["forecasters"][0]["summary"]["wape_final"], sum["wape_final"]);
    // Months: Σ actual = 700 + 740 + 810 + 790 + 820 + 880 = 4,740. Final Σ|e| = 80 + 30 +
    // 150 + 60 + 80 + 110 = 510; at start 120 + 60 + 190 + 110 + 130 + 170 = 780; at mid
    // 120 + 60 + 150 + 110 + 130 + 110 = 680. Within 10 %: Feb 4.1 %, Apr 7.6 %, May 9.8 %
    // (not Jan 11.4 %, Mar 18.5 %, Jun 12.5 %) → 3 / 6; within 5 %: Feb → 1 / 6. Every
    // error is positive over six months: embellishment.
    let sum = &fm["summary"];
    assert_eq!(sum["periods_scored"], 6);
    close(&sum["wape_final"], 510.0 / 4_740.0); // 0.1076
    close(&sum["wape_at_start"], 780.0 / 4_740.0);
    close(&sum["wape_at_mid"], 680.0 / 4_740.0);
    close(&sum["within_10pct_final"], 3.0 / 6.0);
    close(&sum["within_5pct_final"], 1.0 / 6.0);
    assert_eq!(sum["flag"], "embellishment");
    // The Q1 forecast entered on Apr 8 as of Mar 31 (8 days late) is listed, marked
    // backdated, and not scored: Q1's final stays the Mar 30 forecast.
    let q1 = find(&f["periods"], "period", "2026-Q1");
    let late = find(&q1["forecasts"], "as_of", "2026-03-31");
    assert_eq!((late["amount"].as_i64(), late["backdated"].as_bool()), (Some(cents(2_260_000)), Some(true)));
    assert_eq!(q1["forecasts"].as_array().unwrap().iter().filter(|r| r["backdated"] == true).count(), 1);
    assert_eq!(q1["forecasts"][0]["by"], "Marcus Reyes");
    // The Q3 forecast has no actual yet: listed, not scored.
    let q3 = find(&f["periods"], "period", "2026-Q3");
    assert_eq!((q3["actual"].is_null(), q3["scored"].as_bool()), (true, Some(false)));
    // With --include-backdated, Q1's final is the Mar 31 forecast: 2,260,000 − 2,250,000 =
    // +10,000, so the quarters' Σ|F − A| = 10 + 70 = 80.
    let with_late = s.report(&["audit", "forecast", "--include-backdated"]);
    let q1 = find(&with_late["periods"], "period", "2026-Q1");
    assert_eq!(
        (q1["final"]["amount"].as_i64(), q1["final"]["error"].as_i64()),
        (Some(cents(2_260_000)), Some(cents(10_000)))
    );
    close(&with_late["summary"]["wape_final"], 80.0 / 4_740.0); // 170 − 100 + 10 = 80
                                                                // Before the correction (Mar 5) February's actual read 704,000: final 770,000 → +66,000.
    let before = s.at("2026-03-04", &["audit", "forecast", "--granularity", "month"]);
    let feb = find(&before["periods"], "period", "2026-02");
    assert_eq!(
        (feb["actual"].as_i64(), feb["final"]["error"].as_i64()),
        (Some(cents(704_000)), Some(cents(66_000)))
    );
    let after = s.at("2026-03-05", &["audit", "forecast", "--granularity", "month"]);
    assert_eq!(find(&after["periods"], "period", "2026-02")["actual"], cents(740_000));

    // ── Commitments (say / do) ──
    // Helen (CEO): C-2 done Jan 22 (due Jan 23) on time; C-7 done Mar 12 (due Mar 13) on time;
    // C-11 moved Apr 15 from Apr 17 to Apr 24 (before its date), done Apr 29 → late.
    // due = 2 + 1 = 3, say/do = 2 / 3. Last 13 weeks (due Apr 6 … Jul 6): C-11 only → 0 / 1.
    // Marcus: on time C-1 (Jan 15 ≤ Jan 16), C-4 (moved Feb 11 to Feb 27, done Feb 26),
    // C-8 (Mar 27 = due), C-10 (Apr 22 ≤ Apr 24); late C-3 (Feb 4 > Jan 30), C-13 (Jun 30 >
    // Jun 26); missed C-5 (marked Feb 24), C-6 (moved Mar 10 after its Mar 6 date, done Mar 19);
    // open overdue C-12 (due May 29); dropped C-9 (Apr 3, before Apr 10); open C-14 (Jul 10).
    // due = 4 + 2 + 2 + 1 = 9, say/do = 4 / 9. Last 13 weeks: C-10 on time, C-13 late,
    // C-12 overdue (C-9 dropped) → 1 / 3.
    let c = s.report(&["audit", "commitments"]);
    let owners = c["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 2);
    let helen = &owners[0];
    assert_eq!(helen["owner"], "Helen Kessler");
    let tally = |o: &Value| {
        ["due", "kept_on_time", "kept_late", "missed", "open_overdue", "rescheduled_before_due", "dropped"]
            .map(|k| o[k].as_u64().unwrap())
    };
    assert_eq!(tally(helen), [3, 2, 1, 0, 0, 1, 0]);
    close(&helen["say_do"], 2.0 / 3.0);
    assert_eq!(helen["last_13_weeks"]["due"], 1);
    close(&helen["last_13_weeks"]["say_do"], 0.0);
    let marcus = &owners[1];
    assert_eq!(marcus["owner"], "Marcus Reyes");
    assert_eq!(tally(marcus), [9, 4, 2, 2, 1, 1, 1]);
    assert_eq!(marcus["open"], 1);
    close(&marcus["say_do"], 4.0 / 9.0);
    assert_eq!(tally(&marcus["last_13_weeks"]), [3, 1, 1, 0, 1, 0, 1]);
    close(&marcus["last_13_weeks"]["say_do"], 1.0 / 3.0);
    let c6 = find(&c["commitments"], "id", "C-6");
    assert_eq!((c6["class"].as_str(), c6["done_after_miss"].as_str()), (Some("missed"), Some("2026-03-19")));

    // ── Slips ──
    // Q1: open on Jan 1 and expected in Q1: D-101 480k, D-102 350k, D-103, D-104, D-105,
    // D-106, D-107, D-108 150k = 8. Not closed in Q1: D-101 (→ May 29 on Mar 24), D-102
    // (→ Apr 30 on Mar 30), D-108 (→ Apr 30 on Mar 31) → 3 / 8; pushed 480 + 350 + 150 = 980k.
    // Q2: open on Apr 1 and expected in Q2: D-101 (460k since Mar 24), D-102, D-108, D-109,
    // D-111, D-112 300k, D-113, D-114 = 8. Not closed in Q2: D-101 (→ Aug 28), D-112
    // (→ Jul 31, 280k) → 2 / 8; pushed at the Apr 1 amounts: 460 + 300 = 760k.
    let sl = s.report(&["audit", "slips"]);
    assert_eq!(sl["slips"].as_array().unwrap().len(), 5);
    let q4 = find(&sl["periods"], "period", "2025-Q4");
    assert_eq!(q4["slip_rate"], Value::Null, "nothing was expected in Q4 2025");
    let q1 = find(&sl["periods"], "period", "2026-Q1");
    assert_eq!(q1["expected_at_start"].as_array().unwrap().len(), 8);
    assert_eq!(ids(&q1["not_closed"]), ["D-101", "D-102", "D-108"]);
    close(&q1["slip_rate"], 3.0 / 8.0);
    assert_eq!(q1["pushed_value"], cents(980_000));
    let q2 = find(&sl["periods"], "period", "2026-Q2");
    assert_eq!(q2["expected_at_start"].as_array().unwrap().len(), 8);
    assert_eq!(ids(&q2["not_closed"]), ["D-101", "D-112"]);
    close(&q2["slip_rate"], 2.0 / 8.0);
    assert_eq!(q2["pushed_value"], cents(760_000));
    assert_eq!(sl["chronic"], serde_json::json!([{"deal": "D-101", "slips": 2}]));
    // Q3's open pipeline: D-101 460k, D-112 280k (both slipped), D-118 90k, D-119 35k,
    // D-120 650k → 740 / 1,515.
    assert_eq!(sl["current_period"], "2026-Q3");
    close(&sl["recycled_share"], 740.0 / 1_515.0);

    // ── Bad news early ──
    // Outcomes: D-104 lost Mar 10 (never flagged); D-101 slip recorded Mar 24, its close
    // Mar 20 had passed → counts from Mar 21 (flag Mar 24: after); D-102 slip recorded Mar 30,
    // close Mar 27 passed → counts from Mar 28 (flagged Mar 27: 1 day, not 3 — § 10.4);
    // D-108 slip Mar 31 (never); D-113 lost Apr 22 (flagged Apr 14: 8); D-109 lost Jun 12
    // (flagged May 20: 23); D-112 slip Jun 17 (same day); D-101 slip recorded Jun 24, close
    // May 29 passed → counts from May 30 (flag cleared Apr 20); D-116 lost Jun 29 (never).
    // No deal is open past its close date on Jul 6. 3 of 9 early; median of 1, 8, 23 = 8.
    let r = s.report(&["audit", "risks"]);
    assert_eq!(r["outcomes"].as_array().unwrap().len(), 9);
    let early: Vec<(String, i64)> = r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["flagged_early"] == true)
        .map(|o| (o["deal"].as_str().unwrap().to_string(), o["lead_days"].as_i64().unwrap()))
        .collect();
    assert_eq!(early, [("D-102".to_string(), 1), ("D-113".to_string(), 8), ("D-109".to_string(), 23)]);
    let d101: Vec<&str> = r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["deal"] == "D-101")
        .map(|o| o["date"].as_str().unwrap())
        .collect();
    assert_eq!(d101, ["2026-03-21", "2026-05-30"]);
    close(&r["early_warning_rate"], 3.0 / 9.0);
    close(&r["median_lead_days"], 8.0);

    // ── Meeting cadence ──
    // Weeks W02 (first meeting, Jan 6) … W27 = 26. Not held: W04, W07, W11, W17, W22 (skips
    // recorded), W08, W20 (nothing recorded) → 19 / 26. Streak W23 … W27 = 5. Three questions
    // answered in 16 of the 19 held (not Feb 3, Apr 14, Jun 9).
    let cad = s.report(&["audit", "cadence"]);
    assert_eq!((cad["weeks_counted"].as_u64(), cad["weeks_held"].as_u64()), (Some(26), Some(19)));
    close(&cad["adherence"], 19.0 / 26.0);
    assert_eq!(cad["streak"], 5);
    assert_eq!(cad["held_meetings"], 19);
    close(&cad["three_questions"], 16.0 / 19.0);
    // "Did we work the plan?" against the indicators (§ 10.6): Mar 3 answered yes for W09
    // (qualified meetings 7 < 8, quotes 3 < 5: 0 %) → differs. Jan 13 yes at 50 % (W02) is
    // not below one half; no meeting answered no.
    assert_eq!(cad["answers_differing"], 1);
    let mar3 = find(&cad["answers"], "date", "2026-03-03");
    assert_eq!((mar3["worked_plan"].as_str(), mar3["differs"].as_bool()), (Some("yes"), Some(true)));
    close(&mar3["plan_worked"], 0.0);

    // ── Trust dashboard ──
    let t = s.report(&["trust"]);
    let status = |key: &str| t[key]["status"].as_str().unwrap_or_default().to_string();
    // The quarters' WAPE, 170 / 4,740 = 0.036 ≤ 0.05; the months' 510 / 4,740 beside it,
    // where six optimistic months raise the embellishment flag.
    close(&t["forecast_accuracy"]["value"], 170.0 / 4_740.0);
    assert_eq!(status("forecast_accuracy"), "green");
    assert_eq!(t["forecast_accuracy"]["title"], "Forecast error (WAPE)");
    close(&t["forecast_accuracy"]["figures"]["wape_final_month"], 510.0 / 4_740.0);
    assert_eq!(t["forecast_accuracy"]["figures"]["flag:embellishment:month"], 1.0);
    assert_eq!(t["forecast_accuracy"]["figures"].get("flag:embellishment"), None);
    close(&t["commitments"]["value"], 6.0 / 12.0); // (2 + 4) / (3 + 9) < 0.75
    assert_eq!(status("commitments"), "red");
    close(&t["slips"]["value"], 0.25); // Q2, the last closed quarter: 0.20 < 0.25 ≤ 0.40
    assert_eq!(status("slips"), "amber");
    close(&t["slips"]["figures"]["pushed_value_last_quarter"], cents(760_000) as f64);
    assert_eq!(status("bad_news_early"), "red"); // 0.33 < 0.50
    assert_eq!(status("meeting_cadence"), "red"); // 0.73 < 0.75
                                                  // Brier over the 15 closed deals, last probability before close (won = 1):
                                                  // D-105 .8 → .04, D-107 .6 → .16, D-103 .5 → .25, D-104 .6 lost → .36, D-110 .5 → .25,
                                                  // D-106 .75 → .0625, D-113 .5 lost → .25, D-102 .7 → .09, D-108 .7 → .09, D-111 .6 → .16,
                                                  // D-114 .4 → .36, D-117 .6 → .16, D-109 .5 lost → .25, D-115 .6 → .16, D-116 .4 lost → .16;
                                                  // Σ = 2.8025 → 0.1868: green ≤ 0.15 < amber ≤ 0.25.
    close(&t["calibration"]["value"], 2.8025 / 15.0);
    assert_eq!(status("calibration"), "amber");
    // Coverage: open pipeline expected in Q3 1,515k / (Q3 goal 2,700k − 0 recorded) = 0.56.
    close(&t["pipeline_health"]["value"], 1_515.0 / 2_700.0);
    assert_eq!(status("pipeline_health"), "red");
    close(&t["pipeline_health"]["figures"]["mix:large"], 1_390.0 / 1_515.0); // 460 + 280 + 650
                                                                             // Pipeline hygiene (§ 10.4): of the 1,515k open in Q3, nothing is overdue; stale (no
                                                                             // record for 21 days or more on Jul 6): D-118 90k (last record May 20: 47 days), D-119
                                                                             // 35k (Jun 3: 33), D-120 650k (Jun 10: 26) → 775 / 1,515 = 0.51 > 0.25.
    close(&t["pipeline_hygiene"]["value"], 775.0 / 1_515.0);
    assert_eq!(status("pipeline_hygiene"), "red");
    assert_eq!(t["pipeline_hygiene"]["figures"]["stale_deals"], 3.0);
    // A forecast that cannot happen (§ 10.7): Q3 forecast 2.9M (Jun 29) > nothing recorded
    // in July + 1,515k open in Q3.
    let c = &s.report(&["audit", "forecast"])["ceiling"];
    assert_eq!(
        (c["forecast"].as_i64(), c["could_close"].as_i64()),
        (Some(cents(2_900_000)), Some(cents(1_515_000)))
    );
    assert_eq!(c["exceeds"], true);
    let b = s.brief(AS_OF);
    assert_eq!(b["ceiling"]["exceeds"], true);
    let stale: Vec<&str> = b["stale"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(stale, ["D-118", "D-119", "D-120"]);
    assert_eq!(b["overdue"], serde_json::json!([]));
    // On Jun 23 D-101 (close May 29) was silently overdue, 25 days: the brief lists it.
    let b = s.brief("2026-06-23");
    assert_eq!(
        (b["overdue"][0]["id"].as_str(), b["overdue"][0]["days_overdue"].as_i64()),
        (Some("D-101"), Some(25))
    );

    // ── Leading indicators, the contingency, the plan ──
    // Last 13 weeks W15 … W27. Qualified meetings (≥ 8): 8 9 10 8 9 9 8 10 8 9 hit, W16 7,
    // W21 7, W22 6 missed → 10 / 13. Quotes sent (≥ 5): only W22 (4) missed → 12 / 13.
    let ind = s.report(&["indicator", "list"]);
    close(&find(&ind["indicators"], "name", "Qualified meetings")["hit_rate"], 10.0 / 13.0);
    close(&find(&ind["indicators"], "name", "Quotes sent")["hit_rate"], 12.0 / 13.0);
    // Quotes sent below 5 in W08 (4), W09 (3), W10 (2): triggered once W10 is complete,
    // from Monday Mar 9 (the 1-on-1 that day was skipped); acted on at the Mar 17 meeting.
    let triggered = s.at("2026-03-16", &["contingency", "list"]);
    let ct = find(&triggered["contingencies"], "id", "CT-1");
    assert_eq!((ct["triggered"].as_bool(), ct["since"].as_str()), (Some(true), Some("2026-03-09")));
    let now = s.report(&["contingency", "list"]);
    let ct = find(&now["contingencies"], "id", "CT-1");
    assert_eq!((ct["triggered"].as_bool(), ct["acted"][0]["on"].as_str()), (Some(false), Some("2026-03-17")));
    // Helen's Feb 24 change takes effect Mar 2, inside the 13-week run from Jan 12 (passes
    // Apr 13): premature. Marcus's May 5 change (effective May 11) is not.
    let plan = s.report(&["plan", "show"]);
    assert_eq!(plan["premature_changes"], 1);
    let premature: Vec<(&str, bool)> = plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["requested_by"].as_str().unwrap(), c["premature"].as_bool().unwrap()))
        .collect();
    assert_eq!(premature, [("Helen Kessler", true), ("Marcus Reyes", false)]);
}

// ── Adler & Voss Consulting (services.candor, EUR) ─────────────────────────

/// Forecasts by Jonas swing with the large deals; one monthly forecast each
/// (at start = mid = final).
///
/// | period | actual    | start                  | mid                    | final                  |
/// | 01     | 430,000   | 480,000 (Jan 5) +50k   | same                   | same                   |
/// | Q1     | 1,400,000 | 1.75M (Dec 29) +350k   | 1.65M (Feb 9) +250k    | 1.33M (Mar 30) −70k    |
/// | 02     | 460,000   | 440,000 (Feb 2) −20k   | same                   | same                   |
/// | 03     | 510,000   | 560,000 (Mar 2) +50k   | same                   | same                   |
/// | 04     | 500,000   | 470,000 (Apr 6) −30k   | same                   | same                   |
/// | Q2     | 1,680,000 | 1.90M (Mar 30) +220k   | 1.56M (May 11) −120k   | 1.72M (Jun 29) +40k    |
/// | 05     | 560,000   | 520,000 (May 4) −40k   | same                   | same                   |
/// | 06     | 620,000   | 590,000 (Jun 1) −30k   | same                   | same                   |
const SERVICES_PERIODS: Expected = [
    ("2026-01", 430_000, [(480_000, 50_000), (480_000, 50_000), (480_000, 50_000)]),
    ("2026-Q1", 1_400_000, [(1_750_000, 350_000), (1_650_000, 250_000), (1_330_000, -70_000)]),
    ("2026-02", 460_000, [(440_000, -20_000), (440_000, -20_000), (440_000, -20_000)]),
    ("2026-03", 510_000, [(560_000, 50_000), (560_000, 50_000), (560_000, 50_000)]),
    ("2026-04", 500_000, [(470_000, -30_000), (470_000, -30_000), (470_000, -30_000)]),
    ("2026-Q2", 1_680_000, [(1_900_000, 220_000), (1_560_000, -120_000), (1_720_000, 40_000)]),
    ("2026-05", 560_000, [(520_000, -40_000), (520_000, -40_000), (520_000, -40_000)]),
    ("2026-06", 620_000, [(590_000, -30_000), (590_000, -30_000), (590_000, -30_000)]),
];

#[test]
fn services_replays_verifies_and_matches_the_hand_computed_reports() {
    let mut s = Scenario::replay("services.candor");

    // ── Forecast accuracy and bias ──
    let f = s.report(&["audit", "forecast"]);
    let fm = s.report(&["audit", "forecast", "--granularity", "month"]);
    assert_eq!(f["currency"], "EUR");
    check_periods(&f, &fm, &SERVICES_PERIODS);
    // Quarters: Σ actual = 1,400 + 1,680 = 3,080 (thousands). Final: Σ|e| = 70 + 40 = 110,
    // Σe = −70 + 40 = −30.
    let sum = &f["summary"];
    assert_eq!(sum["periods_scored"], 2);
    close(&sum["wape_final"], 110.0 / 3_080.0); // 0.0357
    close(&sum["bias_final"], -30.0 / 3_080.0);
    // At start: Σ|e| = 350 + 220 = 570 = Σe.
    close(&sum["wape_at_start"], 570.0 / 3_080.0);
    close(&sum["bias_at_start"], 570.0 / 3_080.0);
    // At mid: Σ|e| = 250 + 120 = 370, Σe = 250 − 120 = 130.
    close(&sum["wape_at_mid"], 370.0 / 3_080.0);
    close(&sum["bias_at_mid"], 130.0 / 3_080.0);
    // Q1 70 / 1,400 = exactly 5 %, Q2 40 / 1,680 = 2.4 % → within 5 % and 10 %: 2 / 2.
    close(&sum["within_10pct_final"], 1.0);
    close(&sum["within_5pct_final"], 1.0);
    // Normalized bias −30 / 110 = −0.27 over two quarters: no flag.
    close(&sum["normalized_bias_final"], -30.0 / 110.0);
    assert_eq!(sum["flag"], Value::Null);
    // Commit: Q1 1.3M (Mar 30) against 1,400,000, Q2 1.68M (Jun 29) against 1,680,000 → 2 / 2.
    close(&sum["commit_hit_rate"], 1.0);
    // Months: Σ actual = 430 + 460 + 510 + 500 + 560 + 620 = 3,080; errors +50, −20, +50,
    // −30, −40, −30: Σ|e| = 220, Σe = −20. Within 10 %: all but January (11.6 %) → 5 / 6;
    // within 5 %: Feb 4.3 %, Jun 4.8 % → 2 / 6. Normalized bias −20 / 220: no flag.
    let sum = &fm["summary"];
    assert_eq!(sum["periods_scored"], 6);
    close(&sum["wape_final"], 220.0 / 3_080.0); // 0.0714
    close(&sum["bias_final"], -20.0 / 3_080.0);
    close(&sum["within_10pct_final"], 5.0 / 6.0);
    close(&sum["within_5pct_final"], 2.0 / 6.0);
    assert_eq!(sum["flag"], Value::Null);
    // The June 8 number logged on June 19 (11 days late) is backdated.
    let q2 = find(&f["periods"], "period", "2026-Q2");
    assert_eq!(find(&q2["forecasts"], "as_of", "2026-06-08")["backdated"], true);

    // ── Commitments (say / do) ──
    // Katrin: on time C-2, C-6, C-9 (moved Mar 25 from Mar 27 to Apr 10, done Apr 9), C-12,
    // C-17; late C-15 (Jun 10 > Jun 5) → 5 / 6. Last 13 weeks (due Apr 6 … Jul 6): C-9,
    // C-12, C-17 on time, C-15 late → 3 / 4.
    // Jonas: on time C-1, C-3, C-4, C-5 (moved Feb 17 from Feb 20 to Mar 6, done Mar 5), C-8,
    // C-10, C-11, C-14; late C-7 (Apr 2 > Mar 27); missed C-16 (marked Jun 22); dropped C-13
    // (May 18, before May 29); open C-18 (Jul 10) → 8 / 10. Last 13 weeks: C-10, C-11, C-14
    // on time, C-16 missed (C-13 dropped) → 3 / 4.
    let c = s.report(&["audit", "commitments"]);
    let owners = c["owners"].as_array().unwrap();
    let tally = |o: &Value| {
        ["due", "kept_on_time", "kept_late", "missed", "open_overdue", "rescheduled_before_due", "dropped"]
            .map(|k| o[k].as_u64().unwrap())
    };
    let katrin = &owners[0];
    assert_eq!(katrin["owner"], "Katrin Adler");
    assert_eq!(tally(katrin), [6, 5, 1, 0, 0, 1, 0]);
    close(&katrin["say_do"], 5.0 / 6.0);
    assert_eq!(tally(&katrin["last_13_weeks"]), [4, 3, 1, 0, 0, 1, 0]);
    close(&katrin["last_13_weeks"]["say_do"], 0.75);
    let jonas = &owners[1];
    assert_eq!(jonas["owner"], "Jonas Brenner");
    assert_eq!(tally(jonas), [10, 8, 1, 1, 0, 1, 1]);
    assert_eq!(jonas["open"], 1);
    close(&jonas["say_do"], 0.8);
    assert_eq!(tally(&jonas["last_13_weeks"]), [4, 3, 0, 1, 0, 0, 1]);
    close(&jonas["last_13_weeks"]["say_do"], 0.75);

    // ── Slips ──
    // Q1: expected on Jan 1: S-01 600k, S-03, S-04, S-05, S-06 450k, S-07 = 6 (Rhein, S-02,
    // opened Jan 19). Not closed: S-01 (→ Apr 30 on Feb 2), S-06 (→ Jun 26 on Mar 20) → 2 / 6;
    // pushed 600 + 450 = 1,050k.
    // Q2: expected on Apr 1: S-01 600k, S-02, S-06 450k, S-09 350k, S-10, S-11, S-12 = 7.
    // Not closed: S-01 (→ Jul 31, 550k), S-06 (→ Sep 25), S-09 (→ Aug 28) → 3 / 7;
    // pushed 600 + 450 + 350 = 1,400k.
    let sl = s.report(&["audit", "slips"]);
    assert_eq!(sl["slips"].as_array().unwrap().len(), 6);
    let q1 = find(&sl["periods"], "period", "2026-Q1");
    assert_eq!(q1["expected_at_start"].as_array().unwrap().len(), 6);
    assert_eq!(ids(&q1["not_closed"]), ["S-01", "S-06"]);
    close(&q1["slip_rate"], 2.0 / 6.0);
    assert_eq!(q1["pushed_value"], cents(1_050_000));
    let q2 = find(&sl["periods"], "period", "2026-Q2");
    assert_eq!(q2["expected_at_start"].as_array().unwrap().len(), 7);
    assert_eq!(ids(&q2["not_closed"]), ["S-01", "S-06", "S-09"]);
    close(&q2["slip_rate"], 3.0 / 7.0);
    assert_eq!(q2["pushed_value"], cents(1_400_000));
    assert_eq!(
        sl["chronic"],
        serde_json::json!([{"deal": "S-01", "slips": 2}, {"deal": "S-06", "slips": 2}])
    );
    // Q3's open pipeline: S-01 550k, S-06 450k, S-09 350k (slipped), S-17 700k, S-18 75k,
    // S-20 120k → 1,350 / 2,245.
    close(&sl["recycled_share"], 1_350.0 / 2_245.0);

    // ── Bad news early ──
    // Flagged early: S-01 slip Feb 2 (flag Jan 26: 7), S-02 slip Mar 16 (Mar 2: 14), S-01 slip
    // Apr 27 (re-flagged Apr 20: 7), S-09 slip May 26 (May 12: 14), S-06 slip Jun 19 (Jun 12:
    // 7), S-02 lost Jun 22 (re-flagged Jun 8: 14), S-15 lost Jun 24 (Jun 16: 8). Not: S-05 lost
    // Mar 11, S-06 slip Mar 20. 7 / 9; median of 7 7 7 8 14 14 14 = 8.
    let r = s.report(&["audit", "risks"]);
    assert_eq!(r["outcomes"].as_array().unwrap().len(), 9);
    close(&r["early_warning_rate"], 7.0 / 9.0);
    close(&r["median_lead_days"], 8.0);

    // ── Meeting cadence ──
    // W02 … W27 = 26 weeks; skipped W08 (Feb 16) and W20 (May 11) → 24 / 26; streak W21 … W27
    // = 7; the Apr 27 meeting did not reach the plan question → 23 / 24.
    let cad = s.report(&["audit", "cadence"]);
    assert_eq!((cad["weeks_counted"].as_u64(), cad["weeks_held"].as_u64()), (Some(26), Some(24)));
    close(&cad["adherence"], 24.0 / 26.0);
    assert_eq!(cad["streak"], 7);
    close(&cad["three_questions"], 23.0 / 24.0);
    // "Did we work the plan?" against the indicators (§ 10.6): Jan 19 answered yes for W03
    // (mid-size meetings 3 < 4, proposals 2 < 3: 0 %); Mar 9 answered yes for W10 (3 after
    // the correction < 4, 2 < 3: 0 %). Both differ from the indicators.
    let differs: Vec<&str> = cad["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["differs"] == true)
        .map(|a| a["date"].as_str().unwrap())
        .collect();
    assert_eq!(differs, ["2026-01-19", "2026-03-09"]);

    // ── Trust dashboard ──
    let t = s.report(&["trust"]);
    let status = |key: &str| t[key]["status"].as_str().unwrap_or_default().to_string();
    close(&t["forecast_accuracy"]["value"], 110.0 / 3_080.0); // quarters only: 0.036
    assert_eq!(status("forecast_accuracy"), "green");
    close(&t["forecast_accuracy"]["figures"]["wape_final_month"], 220.0 / 3_080.0);
    close(&t["commitments"]["value"], 13.0 / 16.0); // (5 + 8) / (6 + 10) = 0.81
    assert_eq!(status("commitments"), "amber");
    close(&t["slips"]["value"], 3.0 / 7.0); // 0.43 > 0.40
    assert_eq!(status("slips"), "red");
    assert_eq!(status("bad_news_early"), "green"); // 0.78 ≥ 0.70
    assert_eq!(status("meeting_cadence"), "green"); // 0.92 ≥ 0.90
                                                    // Brier over 14 closed deals: S-03 .8 → .04; S-04, S-07, S-10, S-11, S-16, S-19 .6 won →
                                                    // .16 each (.96); S-08, S-12, S-13 .5 won → .25 each (.75); S-05 .5 lost → .25; S-14 .7
                                                    // → .09; S-02, S-15 .4 lost → .16 each (.32). Σ = 2.41 → 0.172.
    close(&t["calibration"]["value"], 2.41 / 14.0);
    // Open pipeline by band against the agreed 30 / 60 / 10: large 550 + 450 + 350 + 700 =
    // 2,050, mid 75 + 120 = 195, small 0, of 2,245.
    let mix = &t["pipeline_health"]["figures"];
    close(&mix["mix:large"], 2_050.0 / 2_245.0);
    close(&mix["mix:mid"], 195.0 / 2_245.0);
    close(&mix["mix:small"], 0.0);
    // Coverage: 2,245k open in Q3 / (Q3 goal 1,650k − 0) = 1.36 < 2.
    close(&t["pipeline_health"]["value"], 2_245.0 / 1_650.0);
    // Pipeline hygiene: of the 2,245k open in Q3 none is overdue; stale on Jul 6: S-01 550k
    // (last record Apr 27: 70 days), S-17 700k (May 12: 55), S-09 350k and S-18 75k (May 26:
    // 41) → 1,675 / 2,245 = 0.75. The Q3 forecast 1.8M ≤ 2,245k: it can happen.
    close(&t["pipeline_health"]["value"], 2_245.0 / 1_650.0);
    close(&t["pipeline_hygiene"]["value"], 1_675.0 / 2_245.0);
    assert_eq!(status("pipeline_hygiene"), "red");
    assert_eq!(s.report(&["audit", "forecast"])["ceiling"]["exceeds"], false);

    // ── § 10.1 and § 10.8: Katrin's own Q3 view (1.5M, Jul 3) is listed under Q3 and
    // scored as hers; the ceiling and the brief use Jonas's 1.8M. Both agreed 1.65M.
    let f = s.report(&["audit", "forecast"]);
    assert_eq!(f["scored_by"], "Jonas Brenner");
    let by: Vec<&str> =
        f["forecasters"].as_array().unwrap().iter().map(|x| x["by"].as_str().unwrap()).collect();
    assert_eq!(by, ["Jonas Brenner", "Katrin Adler"]);
    // Katrin forecast no scored quarter: her WAPE is undefined, Jonas's is the summary's.
    assert_eq!(f["forecasters"][1]["summary"]["wape_final"], Value::Null);
    close(&f["forecasters"][0]["summary"]["wape_final"], 110.0 / 3_080.0);
    let q3 = find(&f["periods"], "period", "2026-Q3");
    assert_eq!(find(&q3["forecasts"], "by", "Katrin Adler")["amount"], cents(1_500_000));
    assert_eq!(f["ceiling"]["forecast"], cents(1_800_000));
    let b = s.brief(AS_OF);
    assert_eq!(b["forecast"]["leader"]["amount"], cents(1_800_000));
    assert_eq!(b["forecast"]["agreed"]["amount"], cents(1_650_000));
    assert_eq!(b["forecast"]["agreed"]["agreed_by"], serde_json::json!(["Katrin Adler", "Jonas Brenner"]));
    // § 10.9: S-06's risk carries what is done about it; S-01 and S-09 have none agreed.
    let s06 = find(&b["risks"], "id", "S-06");
    assert_eq!(
        (s06["action_owner"].as_str(), s06["action_by"].as_str()),
        (Some("Jonas Brenner"), Some("2026-07-17"))
    );
    assert_eq!(find(&b["risks"], "id", "S-01")["action"], Value::Null);
    assert_eq!(status("pipeline_health"), "red");

    // ── The correction, the revenue-gap contingency, the plan ──
    // W10's "Mid-size meetings" was recorded as 30 and corrected to 3. As of Mar 30 (weeks W02
    // … W13; W01 untracked): hits W06 4, W07 5, W08 4, W09 5, W11 4, W12 5, W13 4 → 7 / 12
    // (8 / 12 had the 30 stood).
    let ind = s.at("2026-03-30", &["indicator", "list"]);
    let mid = find(&ind["indicators"], "name", "Mid-size meetings");
    close(&mid["hit_rate"], 7.0 / 12.0);
    assert_eq!(find(&mid["weeks"], "week", "2026-W10")["value"], 3.0);
    // Gap above 400k: Q1 1,500k − 430k (January) = 1,070k on Feb 3; acted Feb 9. Q2 opens with
    // the whole 1,600k goal as the gap; acted Apr 13. Q3's 1,650k gap is open on Jul 6.
    let gap = |as_of: &str| {
        let list = s.at(as_of, &["contingency", "list"]);
        let ct = find(&list["contingencies"], "id", "CT-1").clone();
        (ct["triggered"].as_bool().unwrap(), ct["since"].as_str().map(str::to_string))
    };
    assert_eq!(gap("2026-02-03"), (true, Some("2026-01-01".into())));
    assert_eq!(gap("2026-02-09"), (false, None));
    assert_eq!(gap("2026-04-01"), (true, Some("2026-04-01".into())));
    assert_eq!(gap(AS_OF), (true, Some("2026-07-01".into())));
    // Katrin's Apr 13 change comes after the 10-week run from Jan 12 (passed Mar 23). Jonas's
    // change is made on Jun 29, inside the 12-week run from Apr 13 (it passes Jul 6), so it is
    // premature — metrics.md §7 counts changes *made* before the run time passed, even though
    // this one takes effect on Jul 6.
    let plan = s.report(&["plan", "show"]);
    assert_eq!(plan["premature_changes"], 1);
    assert_eq!(plan["changes"].as_array().unwrap().len(), 2);
    assert_eq!(plan["minimum_run"]["passes_on"], "2026-07-06");
}

/// product.md: "`candor trust --format json`: one key per metric in metrics.md",
/// including § 6 (leading indicators, hit rate over the last 13 weeks) and § 7
/// (plan stability, premature changes).
#[test]
fn trust_shows_leading_indicators_and_plan_stability() {
    // Manufacturing: hits over W15 … W27 are 10 / 13 and 12 / 13 → 22 / 26 = 0.85 ≥ 0.80
    // green (the mean of the two rates is the same, both count 13 weeks); one premature
    // change: green ≤ 0 < amber ≤ 1.
    let t = Scenario::replay("manufacturing.candor").report(&["trust"]);
    close(&t["leading_indicators"]["value"], 22.0 / 26.0);
    assert_eq!(t["leading_indicators"]["status"], "green");
    close(&t["plan_stability"]["value"], 1.0);
    assert_eq!(t["plan_stability"]["status"], "amber");
    // Services: every week of both indicators hit; one premature change (Jonas, made Jun 29
    // inside the run that passes Jul 6): amber.
    let t = Scenario::replay("services.candor").report(&["trust"]);
    close(&t["leading_indicators"]["value"], 1.0);
    close(&t["plan_stability"]["value"], 1.0);
    assert_eq!(t["plan_stability"]["status"], "amber");
}
