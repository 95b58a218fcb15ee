//! Agreement between raters: the intraclass correlation of Shrout & Fleiss
//! (1979), case 2 — every target rated by the same k raters, who are a
//! random sample of raters; absolute agreement (a rater who is harsher
//! across the board counts against agreement).
//!
//! With n targets (rows) and k raters (columns), from the two-way ANOVA:
//!
//! ```text
//! BMS = k·Σᵢ(x̄ᵢ. − x̄)² / (n − 1)                 between targets
//! JMS = n·Σⱼ(x̄.ⱼ − x̄)² / (k − 1)                 between raters
//! EMS = (SS_total − SS_targets − SS_raters) / ((n − 1)(k − 1))
//! ICC(2,1) = (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n)
//! ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS)/n)
//! ```

/// ICC(2,1) (one rater) and ICC(2,k) (the mean of the k raters).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Icc {
    pub single: f64,
    pub average: f64,
}

/// `rows[i][j]` is rater j's rating of target i. None when undefined:
/// fewer than 2 targets or 2 raters, ragged rows, or a zero denominator
/// (e.g. every rating the same).
pub fn icc2(rows: &[Vec<f64>]) -> Option<Icc> {
    let n = rows.len();
    let k = rows.first()?.len();
    if n < 2 || k < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = rows.iter().flatten().sum::<f64>() / (nf * kf);
    let row_means: Vec<f64> = rows.iter().map(|r| r.iter().sum::<f64>() / kf).collect();
    let col_means: Vec<f64> = (0..k).map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / nf).collect();
    let ss_total: f64 = rows.iter().flatten().map(|x| (x - grand).powi(2)).sum();
    let ss_rows = kf * row_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_cols = nf * col_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let bms = ss_rows / (nf - 1.0);
    let jms = ss_cols / (kf - 1.0);
    let ems = ((ss_total - ss_rows - ss_cols) / ((nf - 1.0) * (kf - 1.0))).max(0.0);
    let single_den = bms + (kf - 1.0) * ems + kf * (jms - ems) / nf;
    let average_den = bms + (jms - ems) / nf;
    const TINY: f64 = 1e-12;
    if single_den.abs() < TINY || average_den.abs() < TINY {
        return None;
    }
    let single = (bms - ems) / single_den;
    let average = (bms - ems) / average_den;
    (single.is_finite() && average.is_finite()).then_some(Icc { single, average })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(data: &[&[f64]]) -> Vec<Vec<f64>> {
        data.iter().map(|r| r.to_vec()).collect()
    }

    /// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
    /// Published: ICC(2,1) = .29, ICC(2,4) = .62.
    #[test]
    fn matches_the_published_example() {
        let data = rows(&[
            &[9.0, 2.0, 5.0, 8.0],
            &[6.0, 1.0, 3.0, 2.0],
            &[8.0, 4.0, 6.0, 8.0],
            &[7.0, 1.0, 2.0, 6.0],
            &[10.0, 5.0, 6.0, 9.0],
            &[6.0, 2.0, 4.0, 7.0],
        ]);
        let icc = icc2(&data).unwrap();
        assert!((icc.single - 0.29).abs() < 0.005, "{icc:?}");
        assert!((icc.average - 0.62).abs() < 0.005, "{icc:?}");
        // To more places: 0.28976 and 0.62005.
        assert!((icc.single - 0.289_76).abs() < 1e-4, "{icc:?}");
        assert!((icc.average - 0.620_05).abs() < 1e-4, "{icc:?}");
    }

    #[test]
    fn undefined_cases_are_none() {
        assert_eq!(icc2(&[]), None);
        assert_eq!(icc2(&rows(&[&[3.0, 4.0]])), None, "one target");
        assert_eq!(icc2(&rows(&[&[3.0], &[4.0]])), None, "one rater");
        assert_eq!(icc2(&rows(&[&[3.0, 3.0], &[3.0, 3.0]])), None, "zero variance");
        assert_eq!(icc2(&rows(&[&[3.0, 3.0], &[4.0]])), None, "ragged");
    }

    #[test]
    fn perfect_agreement_is_one_and_a_constant_offset_lowers_it() {
        let same = icc2(&rows(&[&[2.0, 2.0], &[4.0, 4.0], &[5.0, 5.0]])).unwrap();
        assert!((same.single - 1.0).abs() < 1e-12 && (same.average - 1.0).abs() < 1e-12);
        // Rater 2 is one point harsher on every target: consistent, but not
        // in absolute agreement.
        let offset = icc2(&rows(&[&[2.0, 1.0], &[4.0, 3.0], &[5.0, 4.0]])).unwrap();
        assert!(offset.single < 1.0 && offset.single > 0.5, "{offset:?}");
    }
}
