//! Overriding a trust metric's green / amber thresholds (stored in basis
//! points of the metric's unit).

use crate::core::event::Event;
use crate::core::metrics::thresholds::{threshold, DEFAULTS};
use crate::core::state::State;
use crate::error::{Error, Result};

/// Parses `90%` (a percentage) or a plain number in the metric's unit.
pub fn parse_level(text: &str, ratio_metric: bool) -> std::result::Result<f64, String> {
    let t = text.trim();
    let bad = || {
        format!("'{text}' is not a threshold; expected e.g. 90% or 0.9 (or a number in the metric's unit)")
    };
    let value = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map_err(|_| bad())? / 100.0,
        None => t.parse::<f64>().map_err(|_| bad())?,
    };
    if !value.is_finite() || !(0.0..=1_000.0).contains(&value) {
        return Err(bad());
    }
    if ratio_metric && value > 1.0 {
        return Err(format!("'{text}' is above 100%; this metric is a share — write e.g. 90% or 0.9"));
    }
    Ok(value)
}

/// Metrics whose value is a share in [0, 1].
pub fn is_ratio(metric: &str) -> bool {
    !matches!(metric, "plan_stability" | "calibration" | "pipeline_health" | "stale_days")
}

pub fn set(state: &State, metric: &str, green: &str, amber: &str) -> Result<Event> {
    let metric = metric.trim();
    let Some(current) = threshold(state, metric) else {
        let known: Vec<&str> = DEFAULTS.iter().map(|(k, ..)| *k).collect();
        return Err(Error::input(
            "--metric",
            format!("'{metric}' is not a metric with a threshold; expected one of: {}", known.join(", ")),
        ));
    };
    let ratio = is_ratio(metric);
    let green = parse_level(green, ratio).map_err(|m| Error::input("--green", m))?;
    let amber = parse_level(amber, ratio).map_err(|m| Error::input("--amber", m))?;
    let ordered = if current.higher_is_better { green >= amber } else { green <= amber };
    if !ordered {
        let side = if current.higher_is_better { "at least" } else { "at most" };
        return Err(Error::input(
            "--amber",
            format!(
                "green must be {side} amber for {metric} (higher is {})",
                if current.higher_is_better { "better" } else { "worse" }
            ),
        ));
    }
    let bp = |v: f64| (v * 10_000.0).round() as i32;
    if current.overridden && bp(current.green) == bp(green) && bp(current.amber) == bp(amber) {
        return Err(Error::input(
            "--green",
            format!("{metric} already has these thresholds; nothing would change"),
        ));
    }
    Ok(Event::ThresholdSet { metric: metric.to_string(), green_bp: bp(green), amber_bp: bp(amber) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::given;

    #[test]
    fn thresholds_are_checked_and_ordered() {
        let s = given(&[]);
        let e = set(&s, "commitments", "80%", "0.6").unwrap();
        assert_eq!(e, Event::ThresholdSet { metric: "commitments".into(), green_bp: 8_000, amber_bp: 6_000 });
        assert!(set(&s, "commitments", "60%", "80%").unwrap_err().to_string().starts_with("--amber"));
        assert!(set(&s, "commitments", "90", "80%").unwrap_err().to_string().starts_with("--green"));
        assert!(set(&s, "nope", "1", "1").unwrap_err().to_string().starts_with("--metric"));
        assert!(set(&s, "pipeline_health", "4", "2.5").is_ok());
        assert!(set(&s, "forecast_accuracy", "10%", "5%").is_err(), "lower is better: green ≤ amber");
        assert!(parse_level("abc", true).is_err());
    }
}
