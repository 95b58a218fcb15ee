//! The trust dashboard: for each metric, the value, its threshold, the
//! trend, and the one record that most explains it. No composite score.

use super::commitments::Class;
use super::thresholds::{threshold, Threshold};
use super::{bad_news, cadence, calibration, commitments, forecast, hygiene, pipeline, ratio, slips};
use crate::core::decide::{contingency, indicator, plan_review};
use crate::core::period::Period;
use crate::core::state::State;
use crate::core::time::Date;

/// How a figure reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Ratio,
    SignedRatio,
    Days,
    Score,
    Multiple,
    Count,
    Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub key: String,
    pub value: Option<f64>,
    pub unit: Unit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub key: &'static str,
    pub title: &'static str,
    /// What the headline value is.
    pub measure: &'static str,
    pub value: Option<f64>,
    pub unit: Unit,
    pub threshold: Option<Threshold>,
    pub status: &'static str,
    /// Oldest first; what each point is is said in `trend_of`.
    pub trend: Vec<Option<f64>>,
    pub trend_of: &'static str,
    pub figures: Vec<Figure>,
    /// (record, why it matters)
    pub explained_by: Option<(u64, String)>,
    /// For a signal over complete weeks: the week in progress so far, in
    /// words, counted in no figure.
    pub in_progress: Option<String>,
}

fn fig(key: impl Into<String>, value: Option<f64>, unit: Unit) -> Figure {
    Figure { key: key.into(), value, unit }
}

fn signal(
    state: &State,
    key: &'static str,
    title: &'static str,
    measure: &'static str,
    value: Option<f64>,
    unit: Unit,
) -> Signal {
    let threshold = threshold(state, key);
    let status = threshold.map_or("n/a", |t| t.status(value));
    Signal {
        key,
        title,
        measure,
        value,
        unit,
        threshold,
        status,
        trend: Vec::new(),
        trend_of: "",
        figures: Vec::new(),
        explained_by: None,
        in_progress: None,
    }
}

/// The `n` fiscal quarters up to the one holding `at`, oldest first.
fn last_quarters(at: Date, fs: u8, n: usize) -> Vec<Period> {
    let mut quarters = vec![Period::quarter_of(at, fs)];
    while quarters.len() < n {
        let earliest = quarters[quarters.len() - 1];
        quarters.push(Period::quarter_of(earliest.first_day(fs).add_days(-1), fs));
    }
    quarters.reverse();
    quarters
}

pub fn dashboard(state: &State, at: Date) -> Vec<Signal> {
    vec![
        forecast_signal(state),
        commitments_signal(state, at),
        slips_signal(state, at),
        bad_news_signal(state, at),
        cadence_signal(state, at),
        indicators_signal(state, at),
        plan_signal(state, at),
        calibration_signal(state),
        pipeline_signal(state, at),
        hygiene_signal(state, at),
    ]
}

fn hygiene_signal(state: &State, at: Date) -> Signal {
    let h = hygiene::hygiene(state, at);
    let mut s = signal(
        state,
        "pipeline_hygiene",
        "Pipeline hygiene",
        "share of the quarter's open pipeline value overdue or stale (lower is better)",
        h.share,
        Unit::Ratio,
    );
    s.figures = vec![
        fig("overdue_deals", Some(h.overdue.len() as f64), Unit::Count),
        fig("stale_deals", Some(h.stale.len() as f64), Unit::Count),
        fig("flagged_value", Some(h.flagged_value.0 as f64), Unit::Money),
        fig("open_value", Some(h.open_value.0 as f64), Unit::Money),
        fig("stale_days", Some(h.stale_days as f64), Unit::Days),
    ];
    // The same share at the end of each of the last four weeks.
    s.trend =
        (1..4).rev().map(|i| hygiene::hygiene(state, at.add_days(-7 * i)).share).chain([h.share]).collect();
    s.trend_of = "share overdue or stale at the end of each of the last four weeks";
    s.explained_by = h.overdue.first().or(h.stale.first()).map(|a| {
        let why = match a.days_overdue {
            Some(n) => format!("closing {} passed {n} days ago", a.close),
            None => format!("no record for {} days", a.days_since_record),
        };
        (a.seq, format!("deal {} ({}) {}: {why}", a.id, a.account, state.money(a.amount)))
    });
    s
}

fn forecast_signal(state: &State) -> Signal {
    // The leader's quarters; months beside them, never summed in (§ 10.1–10.3).
    let a = forecast::audit(state, forecast::Options::default());
    let months = forecast::audit(
        state,
        forecast::Options { granularity: forecast::Granularity::Month, ..forecast::Options::default() },
    );
    let mut s = signal(
        state,
        "forecast_accuracy",
        "Forecast error (WAPE)",
        "WAPE of the leader's final quarter forecasts (lower is better)",
        a.final_.wape,
        Unit::Ratio,
    );
    s.figures = vec![
        fig("bias_final", a.final_.bias, Unit::SignedRatio),
        fig("bias_at_start", a.at_start.bias, Unit::SignedRatio),
        fig("within_10pct_final", a.final_.within_10pct, Unit::Ratio),
        fig("normalized_bias_final", a.final_.normalized_bias, Unit::Score),
        fig("periods_scored", Some(a.periods_scored as f64), Unit::Count),
        fig("commit_hit_rate", a.commit_hit_rate, Unit::Ratio),
    ];
    if !months.periods.is_empty() {
        s.figures.push(fig("wape_final_month", months.final_.wape, Unit::Ratio));
        s.figures.push(fig("months_scored", Some(months.final_.periods as f64), Unit::Count));
    }
    let scored: Vec<&forecast::PeriodAudit> = a.periods.iter().filter(|p| p.scored).collect();
    s.trend =
        scored.iter().rev().take(8).rev().map(|p| p.final_.as_ref().and_then(|x| x.abs_pct_error)).collect();
    s.trend_of = "final forecast error by period (last 8)";
    s.explained_by = scored
        .iter()
        .filter_map(|p| Some((p, p.final_.as_ref()?)))
        .max_by(|(_, x), (_, y)| {
            x.abs_pct_error.partial_cmp(&y.abs_pct_error).unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(p, x)| {
            let bias = x.bias.map_or(String::new(), |b| format!(" ({:+.0}%)", b * 100.0));
            (
                x.seq,
                format!(
                    "{}: final forecast {} vs actual {}{bias}",
                    p.period,
                    state.money(x.amount),
                    state.money(p.actual.unwrap_or_default())
                ),
            )
        });
    if let Some(flag) = a.flag {
        s.figures.push(fig(format!("flag:{flag}"), Some(1.0), Unit::Count));
    }
    if let Some(flag) = months.flag {
        s.figures.push(fig(format!("flag:{flag}:month"), Some(1.0), Unit::Count));
    }
    s
}

fn commitments_signal(state: &State, at: Date) -> Signal {
    let a = commitments::audit(state, at);
    let mut total = commitments::Tally::default();
    let mut figures = Vec::new();
    for o in &a.owners {
        figures.push(fig(format!("say_do:{}", o.owner), o.all_time.say_do(), Unit::Ratio));
        figures.push(fig(format!("say_do_13w:{}", o.owner), o.last_13_weeks.say_do(), Unit::Ratio));
        total.kept_on_time += o.all_time.kept_on_time;
        total.kept_late += o.all_time.kept_late;
        total.missed += o.all_time.missed;
        total.open_overdue += o.all_time.open_overdue;
    }
    let mut s = signal(
        state,
        "commitments",
        "Commitments kept",
        "say/do, all owners, all time",
        total.say_do(),
        Unit::Ratio,
    );
    s.figures = figures;
    // say/do of the commitments due in each of the last four 4-week windows.
    s.trend = (0..4)
        .rev()
        .map(|i| {
            let (from, to) = (at.add_days(-28 * (i + 1) + 1), at.add_days(-28 * i));
            let due: Vec<_> =
                a.commitments.iter().filter(|c| from <= c.commitment.due && c.commitment.due <= to).collect();
            let counted = due.iter().filter(|c| !matches!(c.class, Class::Dropped | Class::Open)).count();
            let kept = due.iter().filter(|c| c.class == Class::KeptOnTime).count();
            ratio(kept as f64, counted as f64)
        })
        .collect();
    s.trend_of = "say/do of commitments due in each of the last four 4-week windows";
    s.explained_by = a
        .commitments
        .iter()
        .filter(|c| c.class == Class::OpenOverdue)
        .min_by_key(|c| c.commitment.due)
        .or_else(|| {
            a.commitments.iter().filter(|c| c.class == Class::Missed).max_by_key(|c| c.commitment.due)
        })
        .map(|c| {
            (
                c.commitment.origin.seq,
                format!("{} ({}): {} — {}", c.commitment.id, c.commitment.owner, c.commitment.what, c.reason),
            )
        });
    s
}

fn slips_signal(state: &State, at: Date) -> Signal {
    let a = slips::audit(state, at);
    let last = a.periods.iter().rev().find(|p| p.slip_rate.is_some());
    let mut s = signal(
        state,
        "slips",
        "Slips",
        "slip rate of the last closed quarter",
        last.and_then(|p| p.slip_rate),
        Unit::Ratio,
    );
    s.figures = vec![
        fig("chronic_deals", Some(a.chronic.len() as f64), Unit::Count),
        fig("recycled_share", a.recycled_share, Unit::Ratio),
        fig("pushed_value_last_quarter", last.map(|p| p.pushed_value.0 as f64), Unit::Money),
    ];
    s.trend = a.periods.iter().rev().take(4).rev().map(|p| p.slip_rate).collect();
    s.trend_of = "slip rate of the last four closed quarters";
    // Slips per deal, the latest one's record, and the order deals first
    // slipped in (ties go to the later), kept in a map: thousands of deals.
    let mut per_deal: std::collections::HashMap<&str, (usize, u64, usize)> = std::collections::HashMap::new();
    for slip in &a.slips {
        let first = per_deal.len();
        let e = per_deal.entry(&slip.deal).or_insert((0, slip.seq, first));
        e.0 += 1;
        e.1 = e.1.max(slip.seq);
    }
    s.explained_by = per_deal
        .iter()
        .map(|(id, (n, seq, first))| (id, n, seq, first))
        .max_by_key(|(_, n, seq, first)| (**n, **seq, **first))
        .map(|(id, n, seq, _)| (id, n, seq))
        .map(|(id, n, seq)| (*seq, format!("deal {id} slipped {n} time{}", if *n == 1 { "" } else { "s" })));
    s
}

fn bad_news_signal(state: &State, at: Date) -> Signal {
    let a = bad_news::audit(state, at);
    let mut s = signal(
        state,
        "bad_news_early",
        "Bad news early",
        "share of losses, slips and overdue deals flagged a day or more before",
        a.early_warning_rate,
        Unit::Ratio,
    );
    s.figures = vec![
        fig("median_lead_days", a.median_lead_days, Unit::Days),
        fig("negative_outcomes", Some(a.outcomes.len() as f64), Unit::Count),
    ];
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    s.trend = last_quarters(at, fs, 4)
        .iter()
        .map(|q| {
            let inside: Vec<_> = a.outcomes.iter().filter(|o| q.contains(o.date, fs)).collect();
            ratio(inside.iter().filter(|o| o.flagged.is_some()).count() as f64, inside.len() as f64)
        })
        .collect();
    s.trend_of = "early-warning rate by quarter (last four)";
    s.explained_by = a.outcomes.iter().rev().find(|o| o.flagged.is_none()).map(|o| {
        let what = match o.kind {
            bad_news::OutcomeKind::Lost => "was lost",
            bad_news::OutcomeKind::Slip => "slipped",
            bad_news::OutcomeKind::Overdue => "went overdue, nothing recorded,",
        };
        let why = match &o.flag {
            Some(f) if f.recorded_late() => {
                format!("its risk flag #{} was recorded late, on {}", f.seq, f.counts_on)
            }
            _ => "with no risk flag before".to_string(),
        };
        (o.seq, format!("deal {} {what} on {} {why}", o.deal, o.date))
    });
    s
}

fn cadence_signal(state: &State, at: Date) -> Signal {
    let a = cadence::audit(state, at);
    let mut s = signal(
        state,
        "meeting_cadence",
        "Meeting cadence",
        "share of weeks with a meeting held",
        a.adherence,
        Unit::Ratio,
    );
    s.figures = vec![
        fig("streak", Some(a.streak as f64), Unit::Count),
        fig("three_questions", a.three_questions, Unit::Ratio),
        fig("weeks_counted", Some(a.windows.len() as f64), Unit::Count),
    ];
    s.trend = a
        .windows
        .iter()
        .rev()
        .take(13)
        .rev()
        .map(|w| Some(if w.held.is_empty() { 0.0 } else { 1.0 }))
        .collect();
    s.trend_of = "held (1) or not (0), last 13 weeks";
    s.explained_by = a.windows.iter().rev().find(|w| w.held.is_empty()).map(|w| match w.skipped.first() {
        Some((seq, reason)) => (*seq, format!("{} skipped: {reason}", w.first)),
        None => (0, format!("{}: no meeting and no skip recorded", w.first)),
    });
    s.in_progress = a
        .in_progress
        .as_ref()
        .map(|w| format!("{} (in progress, not counted yet): {}", w.label(), w.so_far()));
    if let (true, Some(w)) = (a.windows.is_empty(), &a.in_progress) {
        // No figure yet: say why, and what this week holds.
        let (seq, what) = match (w.held.first(), w.skipped.first()) {
            (Some(seq), _) => (*seq, "meeting held"),
            (None, Some((seq, _))) => (*seq, "skipped"),
            (None, None) => (0, "no meeting yet"),
        };
        s.explained_by = Some((seq, format!("no complete week yet; {} in progress: {what}", w.label())));
    }
    s
}

fn indicators_signal(state: &State, at: Date) -> Signal {
    let weeks = indicator::last_weeks(at, 13);
    let mut hits = 0usize;
    let mut counted = 0usize;
    let mut figures = Vec::new();
    for i in state.indicators.values() {
        let marks: Vec<indicator::WeekMark> = weeks
            .iter()
            .map(|w| indicator::mark(i, *w))
            .filter(|m| *m != indicator::WeekMark::Untracked)
            .collect();
        counted += marks.len();
        hits += marks.iter().filter(|m| matches!(m, indicator::WeekMark::Hit(_))).count();
        figures.push(fig(format!("hit_rate:{}", i.name), indicator::hit_rate(i, &weeks), Unit::Ratio));
    }
    let mut s = signal(
        state,
        "leading_indicators",
        "Leading indicators",
        "weeks on target, all indicators, last 13 weeks",
        ratio(hits as f64, counted as f64),
        Unit::Ratio,
    );
    let firing: Vec<(&crate::core::state::Contingency, contingency::Firing)> =
        state.contingencies.values().filter_map(|c| Some((c, contingency::firing(state, c, at)?))).collect();
    figures.push(fig("contingencies_triggered", Some(firing.len() as f64), Unit::Count));
    s.figures = figures;
    s.trend = weeks.iter().map(|w| indicator::plan_worked(state, *w)).collect();
    s.trend_of = "plan worked: share of indicators hit, week by week (last 13)";
    let now = super::in_progress::indicators(state, at);
    if !now.rows.is_empty() {
        s.in_progress = Some(format!(
            "{} (in progress, not counted yet): {} of {} recorded so far, {} on target",
            now.week,
            now.recorded(),
            now.rows.len(),
            now.hit()
        ));
    }
    s.explained_by = firing
        .iter()
        .min_by_key(|(_, f)| f.since)
        .map(|(c, f)| {
            (
                c.origin.seq,
                format!(
                    "contingency {} triggered since {}: {} — agreed action: {}",
                    c.id, f.since, f.why, c.action
                ),
            )
        })
        .or_else(|| {
            state
                .indicators
                .values()
                .filter_map(|i| Some((i, indicator::hit_rate(i, &weeks)?)))
                .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
                .map(|(i, r)| (i.origin.seq, format!("{} on target {:.0}% of weeks", i.name, r * 100.0)))
        });
    s
}

fn plan_signal(state: &State, at: Date) -> Signal {
    let plan = &state.plan;
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let premature = plan_review::premature_changes(plan);
    let mut s = signal(
        state,
        "plan_stability",
        "Plan stability",
        "changes made before the agreed minimum run time",
        Some(premature.len() as f64),
        Unit::Count,
    );
    let per_quarter = plan_review::changes_per_quarter(plan, fs);
    let mut figures = vec![fig("changes", Some(plan.changes.len() as f64), Unit::Count)];
    for (q, who, n) in &per_quarter {
        figures.push(fig(format!("changes:{q}:{who}"), Some(*n as f64), Unit::Count));
    }
    if let Some(run) = plan_review::current_run(plan) {
        figures.push(fig("minimum_run_weeks", Some(f64::from(run.weeks)), Unit::Count));
        figures.push(fig("minimum_run_passed", Some(if run.passed(at) { 1.0 } else { 0.0 }), Unit::Count));
    }
    s.figures = figures;
    s.trend = last_quarters(at, fs, 4)
        .iter()
        .map(
            |q| Some(per_quarter.iter().filter(|(p, _, _)| p == q).map(|(_, _, n)| *n).sum::<usize>() as f64),
        )
        .collect();
    s.trend_of = "plan changes per quarter (last four)";
    s.explained_by = premature
        .last()
        .map(|c| {
            (
                c.origin.seq,
                format!("premature change asked by {} on {}: {} — {}", c.requested_by, c.on, c.what, c.why),
            )
        })
        .or_else(|| {
            plan.changes
                .last()
                .map(|c| (c.origin.seq, format!("latest change, asked by {}: {}", c.requested_by, c.what)))
        });
    s
}

fn calibration_signal(state: &State) -> Signal {
    let a = calibration::audit(state);
    let mut s = signal(
        state,
        "calibration",
        "Win-probability calibration",
        "Brier score (0 is perfect)",
        a.brier,
        Unit::Score,
    );
    s.figures = vec![fig("closed_deals_with_probability", Some(a.deals.len() as f64), Unit::Count)];
    s.trend = a.bands.iter().map(|b| b.win_rate).collect();
    s.trend_of = "win rate by probability band 0–20 … 80–100";
    s.explained_by = a
        .deals
        .iter()
        .max_by(|x, y| {
            let err =
                |d: &(String, u8, bool, u64)| (f64::from(d.1) / 100.0 - if d.2 { 1.0 } else { 0.0 }).abs();
            err(x).partial_cmp(&err(y)).unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(id, p, won, seq)| {
            (*seq, format!("deal {id} at {p}% was {}", if *won { "won" } else { "lost" }))
        });
    s
}

fn pipeline_signal(state: &State, at: Date) -> Signal {
    let h = pipeline::health(state, at);
    let mut s = signal(
        state,
        "pipeline_health",
        "Pipeline health",
        "coverage: open pipeline in the quarter / remaining gap",
        h.coverage,
        Unit::Multiple,
    );
    s.figures = vec![
        fig("win_rate_by_count", h.totals.win_rate_by_count(), Unit::Ratio),
        fig("win_rate_by_value", h.totals.win_rate_by_value(), Unit::Ratio),
        fig("average_won_size", h.average_won_size, Unit::Money),
        fig("cycle_days_mean", h.cycle_days_mean, Unit::Days),
        fig("new_opportunities_13w", Some(h.totals.new_count as f64), Unit::Count),
        fig("remaining_gap", h.remaining_gap.map(|m| m.0 as f64), Unit::Money),
    ];
    for m in &h.mix {
        s.figures.push(fig(format!("mix:{}", m.band), m.share, Unit::Ratio));
    }
    s.trend = h.weeks.iter().map(|w| Some(w.new_value as f64)).collect();
    s.trend_of = "new pipeline value per week (last 13)";
    let now = &h.in_progress;
    s.in_progress = now.week.map(|w| {
        format!(
            "{w} (in progress, not counted yet): {} new worth {}, {} won, {} lost so far",
            now.new_count,
            state.money(crate::core::money::Money(now.new_value)),
            now.won_count,
            now.lost_count
        )
    });
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    s.explained_by = state
        .deals
        .values()
        .filter(|d| d.is_open() && h.period.contains(d.current().close, fs))
        .max_by_key(|d| d.current().amount)
        .map(|d| {
            (
                d.current().seq,
                format!("largest open deal in {}: {} ({})", h.period, d.id, state.money(d.current().amount)),
            )
        });
    s
}
