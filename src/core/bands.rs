//! Size bands: a deal's band is derived from its amount and the thresholds
//! set in the ledger, never stored with the deal, so changing the bands
//! re-bands every deal in every report.

use crate::core::event::SizeBand;
use crate::core::money::Money;
use crate::core::text;

/// The band of `amount`: the largest band whose minimum is at most the
/// amount; None when the amount is below every band (or none are set).
pub fn band_of(bands: &[SizeBand], amount: Money) -> Option<&str> {
    bands.iter().filter(|b| b.min <= amount).max_by_key(|b| b.min).map(|b| b.name.as_str())
}

/// Open pipeline in one band (`band` is None for amounts below every band).
#[derive(Debug, PartialEq, Eq)]
pub struct BandMix<'a> {
    pub band: Option<&'a SizeBand>,
    pub deals: usize,
    pub amount: Money,
}

/// How `amounts` spread over `bands` (in the bands' order), so the mix can
/// be set against the agreed target shares. A trailing entry without a band
/// collects the amounts below every band, when there are any.
pub fn mix<'a>(bands: &'a [SizeBand], amounts: impl IntoIterator<Item = Money>) -> Vec<BandMix<'a>> {
    let mut out: Vec<BandMix> =
        bands.iter().map(|b| BandMix { band: Some(b), deals: 0, amount: Money(0) }).collect();
    let mut unbanded = BandMix { band: None, deals: 0, amount: Money(0) };
    for amount in amounts {
        let name = band_of(bands, amount);
        let slot = out.iter_mut().find(|m| m.band.map(|b| b.name.as_str()) == name).unwrap_or(&mut unbanded);
        slot.deals += 1;
        slot.amount = Money(slot.amount.0.saturating_add(amount.0));
    }
    if unbanded.deals > 0 {
        out.push(unbanded);
    }
    out
}

/// Splits `NAME=VALUE`, checking the name.
fn split_spec<'a>(spec: &'a str, value_word: &str) -> Result<(String, &'a str), String> {
    let (name, value) = spec
        .split_once('=')
        .ok_or_else(|| format!("'{spec}' is not NAME={value_word}; e.g. large=250k or large=40"))?;
    let name = text::name(name).map_err(|m| format!("band name '{name}' {m}"))?;
    Ok((name, value))
}

/// `NAME=MIN`, the minimum an amount in any accepted form.
pub fn parse_band(spec: &str, exponent: u32) -> Result<(String, Money), String> {
    let (name, min) = split_spec(spec, "MIN")?;
    let min = Money::parse(min, exponent)?;
    Ok((name, min))
}

/// `NAME=PERCENT`, the share in basis points (`40`, `40%`, `33.33`).
pub fn parse_share(spec: &str) -> Result<(String, u32), String> {
    let (name, percent) = split_spec(spec, "PERCENT")?;
    Ok((name, percent_bp(percent)?))
}

/// A percentage from 0 to 100 with at most two decimals, in basis points.
pub fn percent_bp(text: &str) -> Result<u32, String> {
    let bad = || format!("'{text}' is not a share; expected a percentage from 0 to 100, e.g. 40 or 33.33");
    let t = text.trim().trim_end_matches('%');
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    let frac: u32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let bp = whole * 100 + frac;
    if bp > 10_000 {
        return Err(bad());
    }
    Ok(bp)
}

/// Basis points shown as a percentage (`40`, `33.33`).
pub struct Percent(pub u32);

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 % 100 {
            0 => write!(f, "{}", self.0 / 100),
            r => write!(f, "{}.{r:02}", self.0 / 100),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(name: &str, min: i64) -> SizeBand {
        SizeBand { name: name.into(), min: Money(min), target_share_bp: None }
    }

    #[test]
    fn the_largest_band_whose_minimum_is_reached_wins() {
        let bands = vec![band("large", 100_000), band("mid", 25_000), band("small", 0)];
        assert_eq!(band_of(&bands, Money(250_000)), Some("large"));
        assert_eq!(band_of(&bands, Money(100_000)), Some("large"));
        assert_eq!(band_of(&bands, Money(99_999)), Some("mid"));
        assert_eq!(band_of(&bands, Money(0)), Some("small"));
    }

    #[test]
    fn order_does_not_matter_and_small_amounts_may_have_no_band() {
        let bands = vec![band("mid", 25_000), band("large", 100_000)];
        assert_eq!(band_of(&bands, Money(150_000)), Some("large"));
        assert_eq!(band_of(&bands, Money(24_999)), None);
        assert_eq!(band_of(&[], Money(1)), None);
    }

    #[test]
    fn the_mix_sums_amounts_per_band_and_keeps_the_unbanded_apart() {
        let bands = vec![band("large", 100_000), band("mid", 25_000)];
        let m = mix(&bands, [Money(150_000), Money(30_000), Money(40_000), Money(5)]);
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].deals, m[0].amount), (1, Money(150_000)));
        assert_eq!((m[1].deals, m[1].amount), (2, Money(70_000)));
        assert_eq!((m[2].band, m[2].deals), (None, 1));
        assert_eq!(mix(&bands, []).len(), 2);
    }

    #[test]
    fn band_and_share_specs_parse_exactly() {
        assert_eq!(parse_band("large=250k", 2).unwrap(), ("large".into(), Money(25_000_000)));
        assert_eq!(parse_band(" mid = 1,000 ", 0).unwrap(), ("mid".into(), Money(1_000)));
        assert!(parse_band("large", 2).unwrap_err().contains("NAME=MIN"));
        assert!(parse_band("=5k", 2).unwrap_err().contains("empty"));
        assert!(parse_band("large=lots", 2).unwrap_err().contains("1.25M"));
        assert_eq!(parse_share("large=40").unwrap(), ("large".into(), 4_000));
        assert_eq!(parse_share("mid=33.5%").unwrap().1, 3_350);
        assert_eq!(percent_bp("0.05").unwrap(), 5);
        assert_eq!(percent_bp("100").unwrap(), 10_000);
        assert_eq!(Percent(3_333).to_string(), "33.33");
        assert_eq!(Percent(9_000).to_string(), "90");
        for bad in ["101", "-5", "1.234", "", ".5", "forty", "1e2"] {
            assert!(percent_bp(bad).unwrap_err().contains("percentage"), "{bad}");
        }
    }
}
