//! Green / amber thresholds per metric: defaults from metrics.md, which a
//! ledger can override with a `threshold_set` event.

use crate::core::state::State;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    pub green: f64,
    pub amber: f64,
    /// Whether a higher value is better (say/do) or worse (WAPE).
    pub higher_is_better: bool,
    /// Set by the ledger rather than the default.
    pub overridden: bool,
}

/// The metrics that have thresholds, with their defaults.
pub const DEFAULTS: &[(&str, f64, f64, bool)] = &[
    ("forecast_accuracy", 0.05, 0.15, false), // WAPE of the final forecast
    ("commitments", 0.90, 0.75, true),        // say/do
    ("slips", 0.20, 0.40, false),             // slip rate of the last closed quarter
    ("bad_news_early", 0.70, 0.50, true),     // early-warning rate
    ("meeting_cadence", 0.90, 0.75, true),    // adherence
    ("leading_indicators", 0.80, 0.60, true), // hit rate
    ("plan_stability", 0.0, 1.0, false),      // premature changes
    ("calibration", 0.15, 0.25, false),       // Brier score
    ("pipeline_health", 3.0, 2.0, true),      // coverage of the remaining gap
    ("pipeline_hygiene", 0.10, 0.25, false),  // share of open value overdue or stale
    ("stale_days", 21.0, 21.0, false),        // days without a record (the green level is used)
];

pub fn is_known(metric: &str) -> bool {
    DEFAULTS.iter().any(|(k, ..)| *k == metric)
}

/// The threshold in force for `metric`.
pub fn threshold(state: &State, metric: &str) -> Option<Threshold> {
    let (_, green, amber, higher) = DEFAULTS.iter().find(|(k, ..)| *k == metric)?;
    Some(match state.thresholds.get(metric) {
        Some(f) => Threshold {
            green: f64::from(f.value.0) / 10_000.0,
            amber: f64::from(f.value.1) / 10_000.0,
            higher_is_better: *higher,
            overridden: true,
        },
        None => Threshold { green: *green, amber: *amber, higher_is_better: *higher, overridden: false },
    })
}

impl Threshold {
    /// `green`, `amber` or `red` for a value; `n/a` when undefined.
    pub fn status(&self, value: Option<f64>) -> &'static str {
        let Some(v) = value else { return "n/a" };
        let meets = |limit: f64| if self.higher_is_better { v >= limit } else { v <= limit };
        if meets(self.green) {
            "green"
        } else if meets(self.amber) {
            "amber"
        } else {
            "red"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::given;

    #[test]
    fn defaults_and_overrides() {
        let s = given(&[]);
        let t = threshold(&s, "commitments").unwrap();
        assert_eq!(
            (t.status(Some(0.95)), t.status(Some(0.8)), t.status(Some(0.5)), t.status(None)),
            ("green", "amber", "red", "n/a")
        );
        let w = threshold(&s, "forecast_accuracy").unwrap();
        assert_eq!(
            (w.status(Some(0.05)), w.status(Some(0.10)), w.status(Some(0.2))),
            ("green", "amber", "red")
        );
        let s = given(&[(
            "2026-01-05",
            Event::ThresholdSet { metric: "commitments".into(), green_bp: 8_000, amber_bp: 6_000 },
        )]);
        let t = threshold(&s, "commitments").unwrap();
        assert!(t.overridden);
        assert_eq!(t.status(Some(0.85)), "green");
        assert!(threshold(&s, "nope").is_none());
    }
}
