//! Amounts as CRMs export them: `120000`, `120,000.00`, `$120,000.00`,
//! `USD 120,000.00`, `120.000,00 €`, `1 234,50 EUR`. The decimal separator
//! is the last of `.` or `,` when both appear; a lone `,` or `.` followed by
//! one or two digits is a decimal point, a lone `,` before exactly three
//! digits groups thousands (as candor reads typed amounts), and a lone `.`
//! before exactly three digits is refused as ambiguous (1.500 is 1.5 in one
//! locale and 1,500 in another). Spaces and apostrophes group thousands.
//! No float is used: the value is kept as an integer and a decimal scale.

/// An exact decimal amount, with the currency the cell itself states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// The value times 10^scale.
    pub units: u128,
    pub scale: u32,
    pub currency: Option<String>,
}

impl Amount {
    /// The value without trailing zeros: equal values compare equal.
    pub fn normalized(&self) -> (u128, u32) {
        let (mut units, mut scale) = (self.units, self.scale);
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        (units, scale)
    }
}

/// The largest number of digits accepted (far above any deal).
const MAX_DIGITS: usize = 24;

pub const ACCEPTED: &str = "expected an amount such as 120000, 120,000.00, $120,000.00, USD 120,000.00 or \
     120.000,00 €";

const SYMBOLS: [(&str, &str); 5] = [("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY")];

pub fn parse(text: &str) -> Result<Amount, String> {
    let bad = |why: &str| format!("'{text}' {why}; {ACCEPTED}");
    let (number, currency) = split_currency(text.trim()).ok_or_else(|| bad("is not an amount"))?;
    if number.starts_with('-') || number.starts_with('(') {
        return Err(bad("is negative"));
    }
    let (int, frac) = split_decimal(number).map_err(|why| bad(&why))?;
    let int = ungroup(int).ok_or_else(|| bad("has misplaced thousands separators"))?;
    if int.is_empty() && frac.is_empty() {
        return Err(bad("is not an amount"));
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("is not an amount"));
    }
    let digits = format!("{int}{frac}");
    if digits.trim_start_matches('0').len() > MAX_DIGITS || frac.len() > 12 {
        return Err(bad("is too large"));
    }
    let units = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| bad("is not an amount"))? };
    Ok(Amount { units, scale: frac.len() as u32, currency })
}

/// Prints an amount so that `parse` reads back the same value: trailing
/// zeros dropped, and a fourth decimal added where three would be ambiguous.
pub fn print(a: &Amount) -> String {
    let unit = 10u128.pow(a.scale);
    let mut s = (a.units / unit).to_string();
    if a.scale > 0 {
        let frac = format!("{:0width$}", a.units % unit, width = a.scale as usize);
        let frac = frac.trim_end_matches('0');
        match frac.len() {
            0 => {}
            3 => s.push_str(&format!(".{frac}0")),
            _ => s.push_str(&format!(".{frac}")),
        }
    }
    match &a.currency {
        Some(c) => format!("{c} {s}"),
        None => s,
    }
}

/// Takes a leading or trailing currency code or symbol off the number.
fn split_currency(t: &str) -> Option<(&str, Option<String>)> {
    for (sym, code) in SYMBOLS {
        if let Some(rest) = t.strip_prefix(sym).or_else(|| t.strip_suffix(sym)) {
            return Some((rest.trim(), Some(code.to_string())));
        }
    }
    let code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic());
    if let Some((head, rest)) = t.split_once(' ').filter(|(h, _)| code(h)) {
        return Some((rest.trim(), Some(head.to_ascii_uppercase())));
    }
    if let Some((rest, tail)) = t.rsplit_once(' ').filter(|(_, c)| code(c)) {
        return Some((rest.trim(), Some(tail.to_ascii_uppercase())));
    }
    Some((t, None))
}

/// Splits at the decimal separator (see the module comment).
fn split_decimal(n: &str) -> Result<(&str, &str), String> {
    let (dot, comma) = (n.rfind('.'), n.rfind(','));
    let at =
        match (dot, comma) {
            (Some(d), Some(c)) => Some(d.max(c)),
            (Some(d), None) if n.matches('.').count() == 1 => match n.len() - d - 1 {
                3 if could_group(&n[..d]) => return Err(
                    "is ambiguous: the '.' may group thousands or mark decimals (write 1,500.00 or 1.500,00)"
                        .into(),
                ),
                _ => Some(d),
            },
            (None, Some(c)) if n.matches(',').count() == 1 && n.len() - c - 1 != 3 => Some(c),
            _ => None,
        };
    Ok(match at {
        Some(i) => (&n[..i], &n[i + 1..]),
        None => (n, ""),
    })
}

/// Whether digits before a separator could be the first group of thousands.
fn could_group(int: &str) -> bool {
    (1..=3).contains(&int.len()) && !int.starts_with('0')
}

/// The digits of an integer part, its thousands separators checked.
fn ungroup(int: &str) -> Option<String> {
    let groups: Vec<&str> = int.split([',', '.', ' ', '\u{a0}', '\u{202f}', '\'']).collect();
    let digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let shaped =
        groups.len() == 1 || ((1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3));
    let mut separators = int.chars().filter(|c| !c.is_ascii_digit());
    let first = separators.next();
    let one_kind = separators.all(|c| Some(c) == first);
    (digits && shaped && one_kind).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(t: &str) -> (u128, u32, Option<String>) {
        let a = parse(t).unwrap();
        (a.units, a.scale, a.currency)
    }

    #[test]
    fn crm_formats() {
        assert_eq!(v("120000"), (120000, 0, None));
        assert_eq!(v("120,000.00"), (12000000, 2, None));
        assert_eq!(v("$120,000.00"), (12000000, 2, Some("USD".into())));
        assert_eq!(v("USD 120,000.00"), (12000000, 2, Some("USD".into())));
        assert_eq!(v("120.000,00 €"), (12000000, 2, Some("EUR".into())));
        assert_eq!(v("1 234,5 EUR"), (12345, 1, Some("EUR".into())));
        assert_eq!(v("120,000"), (120000, 0, None));
        assert_eq!(v("1.5"), (15, 1, None));
    }

    #[test]
    fn refusals() {
        assert_eq!(v("0.500"), (500, 3, None));
        assert_eq!(v("1234.500"), (1234500, 3, None));
        for t in ["", "abc", "-5", "1.500", "1,2,3", "12,34.567,8", "1.000.000,00.5", "$", "1 2"] {
            assert!(parse(t).is_err(), "{t}");
        }
    }
}
