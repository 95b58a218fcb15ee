//! Calibration of win probabilities (metrics.md §8): the Brier score of the
//! last probability recorded before each deal closed.

use crate::core::state::{DealStatus, State};

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Lower and upper bound in percent (the last band includes 100).
    pub from: u8,
    pub to: u8,
    pub deals: usize,
    pub mean_probability: Option<f64>,
    pub win_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    /// (deal, probability %, won, closing record)
    pub deals: Vec<(String, u8, bool, u64)>,
    pub brier: Option<f64>,
    pub bands: Vec<Band>,
}

pub fn audit(state: &State) -> Audit {
    let mut deals = Vec::new();
    for deal in state.deals.values() {
        let v = deal.current();
        let won = match v.status {
            DealStatus::Won { .. } => true,
            DealStatus::Lost { .. } => false,
            DealStatus::Open => continue,
        };
        // The closing version carries the last probability recorded before it.
        if let Some(p) = v.probability {
            deals.push((deal.id.clone(), p, won, v.seq));
        }
    }
    let n = deals.len() as f64;
    let brier = (!deals.is_empty()).then(|| {
        deals
            .iter()
            .map(|(_, p, won, _)| (f64::from(*p) / 100.0 - if *won { 1.0 } else { 0.0 }).powi(2))
            .sum::<f64>()
            / n
    });
    let bands = (0..5u8)
        .map(|i| {
            let (from, to) = (i * 20, i * 20 + 20);
            let inside: Vec<&(String, u8, bool, u64)> = deals
                .iter()
                .filter(|(_, p, _, _)| *p >= from && (*p < to || (to == 100 && *p == 100)))
                .collect();
            let count = inside.len() as f64;
            Band {
                from,
                to,
                deals: inside.len(),
                mean_probability: (count > 0.0)
                    .then(|| inside.iter().map(|(_, p, _, _)| f64::from(*p) / 100.0).sum::<f64>() / count),
                win_rate: (count > 0.0)
                    .then(|| inside.iter().filter(|(_, _, w, _)| *w).count() as f64 / count),
            }
        })
        .collect();
    Audit { deals, brier, bands }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::*;

    fn with_p(id: &str, p: u8) -> Event {
        Event::DealChanged {
            id: id.into(),
            amount: None,
            close: None,
            stage: None,
            probability: Some(p),
            on: d("2026-01-06"),
        }
    }

    #[test]
    fn brier_uses_the_last_probability_before_close() {
        let s = given(&[
            ("2026-01-05", opened("A", 1, "2026-03-01", "2026-01-05")),
            ("2026-01-05", opened("B", 1, "2026-03-01", "2026-01-05")),
            ("2026-01-05", opened("C", 1, "2026-03-01", "2026-01-05")),
            ("2026-01-06", with_p("A", 50)),
            ("2026-01-06", with_p("A", 80)),
            ("2026-01-06", with_p("B", 30)),
            ("2026-01-07", won("A", "2026-01-07")),
            ("2026-01-07", lost("B", "2026-01-07")),
            ("2026-01-07", won("C", "2026-01-07")), // no probability: left out
        ]);
        let a = audit(&s);
        assert_eq!(a.deals.len(), 2);
        // ((0.8 − 1)² + (0.3 − 0)²) / 2 = (0.04 + 0.09) / 2
        assert!((a.brier.unwrap() - 0.065).abs() < 1e-12);
        assert_eq!(a.bands[4].deals, 1);
        assert_eq!(a.bands[1].win_rate, Some(0.0));
    }
}
