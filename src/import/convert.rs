//! An export's amount in the ledger's currency: exact when it is already
//! in that currency, converted at the `--fx` rate (rounded half up to the
//! currency's minor unit) when it is not.

use super::amount::Amount;
use super::read::Table;
use super::row::Field;
use super::ImportError;
use crate::core::money::{Money, MAX_MINOR};
use crate::core::state::State;
use crate::error::Result;

/// `CUR=RATE`: one unit of CUR is worth RATE units of the ledger's currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rate {
    pub currency: String,
    pub units: u128,
    pub scale: u32,
    /// As given, for the record.
    pub text: String,
}

impl Rate {
    pub fn parse(spec: &str) -> Result<Rate, String> {
        let bad = || {
            format!(
                "'{spec}' is not CUR=RATE; expected e.g. EUR=1.08 (one EUR is 1.08 of the ledger's currency)"
            )
        };
        let (code, rate) = spec.split_once('=').ok_or_else(bad)?;
        let currency = crate::core::money::validate_currency(code)?;
        let rate = rate.trim();
        let (int, frac) = rate.split_once('.').unwrap_or((rate, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || int.len() + frac.len() > 18 {
            return Err(bad());
        }
        let units: u128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
        if units == 0 {
            return Err(format!("'{spec}' is a rate of zero; a rate must be more than 0"));
        }
        Ok(Rate { currency, units, scale: frac.len() as u32, text: rate.to_string() })
    }
}

/// The amount in minor units of a currency with `exponent` decimals.
pub fn to_money(a: &Amount, exponent: u32, rate: Option<&Rate>) -> Result<Money, String> {
    let (units, scale) = match rate {
        Some(r) => (a.units.checked_mul(r.units), a.scale + r.scale),
        None => (Some(a.units), a.scale),
    };
    let too_large = || format!("is too large; at most {} is accepted", Money(MAX_MINOR).format(exponent));
    let units = units.ok_or_else(too_large)?;
    let minor = if scale <= exponent {
        units.checked_mul(10u128.pow(exponent - scale)).ok_or_else(too_large)?
    } else {
        let unit = 10u128.checked_pow(scale - exponent).ok_or_else(too_large)?;
        let (q, r) = (units / unit, units % unit);
        match rate {
            None if r != 0 => return Err(format!("has more decimals than the currency's {exponent}")),
            None => q,
            Some(_) => q + u128::from(r * 2 >= unit),
        }
    };
    i64::try_from(minor).ok().filter(|m| *m <= MAX_MINOR).map(Money).ok_or_else(too_large)
}

/// Every row's amount in the ledger's currency; rows in another currency
/// without a rate are refused together, by row number.
pub(super) fn row_amounts(state: &State, table: &Table, fx: &[Rate]) -> Result<Vec<Money>> {
    let ledger_currency = &state.info().currency;
    let mut foreign: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let currency = row.amount.currency.as_deref().unwrap_or(ledger_currency);
        let rate = match currency == ledger_currency {
            true => None,
            false => match fx.iter().find(|r| r.currency == currency) {
                Some(r) => Some(r),
                None => {
                    foreign.push((row.row, currency.to_string()));
                    continue;
                }
            },
        };
        let money = to_money(&row.amount, state.exponent(), rate)
            .map_err(|m| ImportError::new(row.row, table.column(Field::Amount), m))?;
        out.push(money);
    }
    if let Some((first, currency)) = foreign.first() {
        let rows: Vec<String> = foreign.iter().take(20).map(|(r, _)| r.to_string()).collect();
        let more =
            if foreign.len() > 20 { format!(" and {} more", foreign.len() - 20) } else { String::new() };
        return Err(ImportError::new(
            *first,
            table.column(Field::Amount),
            format!(
                "rows {}{more} are in another currency than the ledger's {ledger_currency}; give --fx {currency}=RATE \
                 (one {currency} in {ledger_currency})",
                rows.join(", ")
            ),
        )
        .into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_exactly_or_at_the_rate() {
        let a = super::super::amount::parse("1,000.50").unwrap();
        assert_eq!(to_money(&a, 2, None), Ok(Money(100_050)));
        assert!(to_money(&a, 0, None).is_err());
        let r = Rate::parse("eur=1.085").unwrap();
        assert_eq!(to_money(&a, 2, Some(&r)), Ok(Money(108_554)));
        assert!(Rate::parse("EUR=0").is_err());
        assert!(Rate::parse("EUR").is_err());
        assert!(Rate::parse("XXQ=1").is_err());
    }
}
