//! Win probabilities as CRMs export them: `40`, `40%`, `40.0`, or a
//! fraction `0.4`. A number with a decimal point of at most 1 is a
//! fraction; anything else is percent. Only whole percents are kept (as
//! when typed), so `0.455` is refused rather than rounded.

pub const ACCEPTED: &str = "expected a probability such as 40, 40% or 0.4";

pub fn parse(text: &str) -> Result<u8, String> {
    let bad = |why: &str| format!("'{text}' {why}; {ACCEPTED}");
    let t = text.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let (int, frac) = number.split_once(['.', ',']).unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) || int.len() > 3 || frac.len() > 6 {
        return Err(bad("is not a probability"));
    }
    let int_value: u32 =
        if int.is_empty() { 0 } else { int.parse().map_err(|_| bad("is not a probability"))? };
    let frac = frac.trim_end_matches('0');
    // Hundredths of a percent, exactly.
    let fraction_form = !percent && number.contains(['.', ',']) && int_value <= 1;
    let shift = if fraction_form { 2 } else { 0 };
    let whole = int_value * 10u32.pow(shift)
        + frac
            .get(..(shift as usize).min(frac.len()))
            .map_or(0, |f| f.parse::<u32>().unwrap_or(0) * 10u32.pow(shift - f.len() as u32));
    if frac.len() > shift as usize {
        return Err(bad("is not a whole percent"));
    }
    u8::try_from(whole).ok().filter(|p| *p <= 100).ok_or_else(|| bad("is more than 100%"))
}

/// Prints a probability the way `parse` reads it back.
pub fn print(p: u8) -> String {
    format!("{p}%")
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn forms() {
        for (t, p) in [
            ("40", 40),
            ("40%", 40),
            ("0.4", 40),
            ("0.45", 45),
            ("40.0", 40),
            ("1.0", 100),
            ("0", 0),
            ("100 %", 100),
            ("1", 1),
            (".5", 50),
        ] {
            assert_eq!(parse(t), Ok(p), "{t}");
        }
        for t in ["", "abc", "101", "0.455", "40.5", "-5", "1.5", "%"] {
            assert!(parse(t).is_err(), "{t}");
        }
    }
}
