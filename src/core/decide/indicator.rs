//! Leading indicators: defined with a weekly target and a direction, then
//! one value per ISO week; judged as hit, miss or missing (metrics.md § 6).

use crate::core::event::Event;
use crate::core::metrics::weeks::Week;
use crate::core::state::{Indicator, State};
use crate::core::text;
use crate::core::time::Date;
use crate::core::vocab::Direction;
use crate::error::{Error, FieldContext, Result};

const ACCEPTED: &str = "expected a number with up to 3 decimals, e.g. 12, 2.5 or 0.125";

/// Parses a number with up to three decimals into thousandths, exactly.
pub fn parse_milli(s: &str) -> std::result::Result<i64, String> {
    let t = s.trim();
    let bad = |why: &str| format!("'{s}' {why}; {ACCEPTED}");
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !numeric(int) || !numeric(frac) || (digits.contains('.') && frac.is_empty()) {
        return Err(bad("is not a number"));
    }
    if frac.len() > 3 {
        return Err(bad("has more than 3 decimals"));
    }
    let whole: i64 = int.parse().map_err(|_| bad("is too large"))?;
    let part: i64 = format!("{frac:0<3}").parse().map_err(|_| bad("is not a number"))?;
    let milli =
        whole.checked_mul(1000).and_then(|w| w.checked_add(part)).ok_or_else(|| bad("is too large"))?;
    Ok(if negative { -milli } else { milli })
}

/// Thousandths back to the shortest decimal text: 2500 → "2.5".
pub fn format_milli(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let (whole, part) = (v.unsigned_abs() / 1000, v.unsigned_abs() % 1000);
    if part == 0 {
        return format!("{sign}{whole}");
    }
    let frac = format!("{part:03}");
    format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
}

/// "≥ 12" or "≤ 3": the target with its direction.
pub fn target_text(i: &Indicator) -> String {
    let sign = match i.direction {
        Direction::AtLeast => "≥",
        Direction::AtMost => "≤",
    };
    format!("{sign} {}", format_milli(i.target_milli))
}

/// The indicator named `name` (case does not matter), or an error listing them.
pub fn find<'a>(state: &'a State, name: &str, flag: &str) -> Result<&'a Indicator> {
    let wanted = name.trim().to_lowercase();
    state.indicators.values().find(|i| i.name.to_lowercase() == wanted).ok_or_else(|| {
        let known: Vec<&str> = state.indicators.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() {
            "none is defined yet; define one with `candor indicator define`".to_string()
        } else {
            format!("defined: {}", known.join(", "))
        };
        Error::input(flag, format!("there is no indicator '{}'; {known}", name.trim()))
    })
}

/// A new indicator's name: well formed and not defined yet (case ignored).
pub fn new_name(state: &State, name: &str) -> Result<String> {
    let name = text::name(name).field("--name")?;
    if let Ok(existing) = find(state, &name, "--name") {
        return Err(Error::input(
            "--name",
            format!("indicator '{}' is already defined (target {})", existing.name, target_text(existing)),
        ));
    }
    Ok(name)
}

pub fn define(state: &State, name: &str, target: &str, direction: Direction) -> Result<Event> {
    let name = new_name(state, name)?;
    let target_milli = parse_milli(target).field("--target")?;
    Ok(Event::IndicatorDefined { name, target_milli, direction })
}

pub fn record(state: &State, name: &str, week: Week, value: &str, today: Date) -> Result<Event> {
    let indicator = find(state, name, "--name")?;
    week_open(indicator, week, today)?;
    let value_milli = parse_milli(value).field("--value")?;
    Ok(Event::IndicatorRecorded {
        name: indicator.name.clone(),
        year: week.year,
        week: week.week,
        value_milli,
    })
}

/// A week that may take a value: begun, and without one yet.
pub fn week_open(indicator: &Indicator, week: Week, today: Date) -> Result<()> {
    if week.monday() > today {
        return Err(Error::input(
            "--week",
            format!(
                "{week} has not started yet (it starts on {}); record a week once it has begun",
                week.monday()
            ),
        ));
    }
    if let Some((v, origin)) = indicator.values.get(&(week.year, week.week)) {
        return Err(Error::input(
            "--week",
            format!(
                "{week} already has a value for '{}' ({}, record {seq}); a recorded value is fixed with \
                 `candor correct {seq} --set value_milli=N --reason …` (N in thousandths: 22.5 is 22500)",
                indicator.name,
                format_milli(*v),
                seq = origin.seq,
            ),
        ));
    }
    Ok(())
}

/// The `n` complete weeks before `today`, oldest first: the window lists
/// and hit rates are judged over (a week still running is not judged).
pub fn last_weeks(today: Date, n: usize) -> Vec<Week> {
    let last = Week::last_complete_before(today);
    let first = (1..n).fold(last, |w, _| w.prev());
    first.through(last)
}

/// How one week of one indicator went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekMark {
    Hit(i64),
    Miss(i64),
    /// No value recorded: shown, and counted as not hit.
    Missing,
    /// Before the indicator was tracked: shown, not counted.
    Untracked,
}

impl WeekMark {
    pub fn word(self) -> &'static str {
        match self {
            WeekMark::Hit(_) => "hit",
            WeekMark::Miss(_) => "miss",
            WeekMark::Missing => "missing",
            WeekMark::Untracked => "untracked",
        }
    }
}

/// The first week an indicator counts in: the week it was defined, or an
/// earlier week it was given a value for. A new indicator is not failed for
/// the weeks before anyone agreed to track it.
pub fn tracked_from(i: &Indicator) -> Week {
    let defined = Week::of(i.origin.recorded_at.date());
    let first_value = i.values.keys().next().map(|&(year, week)| Week { year, week });
    first_value.map_or(defined, |f| f.min(defined))
}

pub fn mark(i: &Indicator, week: Week) -> WeekMark {
    match i.values.get(&(week.year, week.week)) {
        Some(&(v, _)) if i.hit(v) => WeekMark::Hit(v),
        Some(&(v, _)) => WeekMark::Miss(v),
        None if week < tracked_from(i) => WeekMark::Untracked,
        None => WeekMark::Missing,
    }
}

/// metrics.md § 6 `hit_rate` over `weeks`: hits / weeks counted (missing
/// weeks count as not hit); `None` when no week counts yet.
pub fn hit_rate(i: &Indicator, weeks: &[Week]) -> Option<f64> {
    let marks: Vec<WeekMark> =
        weeks.iter().map(|w| mark(i, *w)).filter(|m| *m != WeekMark::Untracked).collect();
    let hits = marks.iter().filter(|m| matches!(m, WeekMark::Hit(_))).count();
    (!marks.is_empty()).then(|| hits as f64 / marks.len() as f64)
}

/// metrics.md § 6 `plan_worked(week)`: the share of indicators tracked that
/// week that were hit; `None` when none was tracked.
pub fn plan_worked(state: &State, week: Week) -> Option<f64> {
    let marks: Vec<WeekMark> =
        state.indicators.values().map(|i| mark(i, week)).filter(|m| *m != WeekMark::Untracked).collect();
    let hits = marks.iter().filter(|m| matches!(m, WeekMark::Hit(_))).count();
    (!marks.is_empty()).then(|| hits as f64 / marks.len() as f64)
}

#[cfg(test)]
#[path = "indicator_tests.rs"]
mod tests;
