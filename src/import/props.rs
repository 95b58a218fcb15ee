//! Property tests of the value parsers: no input makes them panic, and
//! what they print they read back as the same value.

use super::amount::{self, Amount};
use super::{date, probability};
use crate::core::time::Date;
use proptest::prelude::*;

fn any_amount() -> impl Strategy<Value = Amount> {
    let currency = prop::option::of(prop::sample::select(vec!["USD", "EUR", "GBP", "JPY", "CHF"]));
    (0u128..1_000_000_000_000_000_000, 0u32..7, currency).prop_map(|(units, scale, currency)| Amount {
        units,
        scale,
        currency: currency.map(str::to_string),
    })
}

/// Strings made of what amounts, dates and probabilities are made of.
fn value_like() -> impl Strategy<Value = String> {
    prop::string::string_regex(r"[0-9.,%$€£¥ '/:\-TUSDEReur\u{a0}]{0,24}").expect("a valid pattern")
}

proptest! {
    #[test]
    fn no_text_makes_a_parser_panic(s in any::<String>(), t in value_like()) {
        for text in [&s, &t] {
            let _ = amount::parse(text);
            let _ = date::parse(text, None);
            let _ = date::parse(text, Some(date::Order::DayFirst));
            let _ = date::forced_order(text);
            let _ = probability::parse(text);
        }
    }

    #[test]
    fn an_amount_reads_back_as_printed(a in any_amount()) {
        let back = amount::parse(&amount::print(&a)).map_err(TestCaseError::fail)?;
        prop_assert_eq!(back.normalized(), a.normalized());
        prop_assert_eq!(back.currency, a.currency);
    }

    #[test]
    fn grouped_amounts_read_as_their_value(units in 0u64..10_000_000_000_000, cents in 0u32..100) {
        let grouped = crate::core::money::Money(units as i64).format(0);
        let us = amount::parse(&format!("${grouped}.{cents:02}")).map_err(TestCaseError::fail)?;

        prop_assert_eq!(us.normalized(), Amount { units: units as u128 * 100 + cents as u128, scale: 2, currency: None }.normalized());
        let eu_text = format!("{},{cents:02} €", grouped.replace(',', "."));
        let eu2 = amount::parse(&eu_text).map_err(TestCaseError::fail)?;
        prop_assert_eq!(eu2.normalized(), us.normalized());
    }

    #[test]
    fn a_date_reads_back_in_every_form(days in 693_596i32..767_009) {
        let d = Date::from_days_from_ce(days).expect("a valid day");
        prop_assert_eq!(date::parse(&date::print(d), None), Ok(d));
        let (y, m, day) = (d.0.format("%Y"), d.0.format("%-m"), d.0.format("%-d"));
        prop_assert_eq!(date::parse(&format!("{m}/{day}/{y}"), Some(date::Order::MonthFirst)), Ok(d));
        prop_assert_eq!(date::parse(&format!("{day}/{m}/{y}"), Some(date::Order::DayFirst)), Ok(d));
        prop_assert_eq!(date::parse(&format!("{day}.{m}.{y}"), None), Ok(d));
        prop_assert_eq!(date::parse(&format!("{d} 00:00"), None), Ok(d));
    }

    #[test]
    fn a_probability_reads_back_in_every_form(p in 0u8..=100) {
        prop_assert_eq!(probability::parse(&probability::print(p)), Ok(p));
        prop_assert_eq!(probability::parse(&p.to_string()), Ok(p));
        let fraction = format!("{}.{:02}", p / 100, p % 100);
        prop_assert_eq!(probability::parse(&fraction), Ok(p));
    }
}
