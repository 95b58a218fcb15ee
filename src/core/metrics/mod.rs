//! Trust metrics (metrics.md): pure projections over the state as of a
//! date. Each returns a report value with the records it was computed
//! from; rendering lives in `report`.

pub mod actuals;
pub mod answers;
pub mod bad_news;
pub mod cadence;
pub mod calibration;
pub mod ceiling;
pub mod changes;
pub mod commitments;
pub mod dashboard;
pub mod forecast;
pub mod granularity;
pub mod hygiene;
pub mod in_progress;
pub mod pipeline;
pub mod slips;
pub mod thresholds;
pub mod timely;
pub mod weeks;

/// `num / den`, or `None` when the denominator is zero.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// The median of a list (mean of the middle two for an even count).
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] as f64 } else { (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_ratio() {
        assert_eq!(median(&mut [3, 1, 2]), Some(2.0));
        assert_eq!(median(&mut [4, 1, 2, 3]), Some(2.5));
        assert_eq!(median(&mut []), None);
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
    }
}
