//! Deciding to open a ledger: raw answers in, a validated event out.

use crate::core::event::Event;
use crate::core::money::validate_currency;
use crate::core::text;
use crate::core::vocab::Cadence;
use crate::error::{FieldContext, Result};

/// What `init` was given, before validation.
#[derive(Clone, Debug, Default)]
pub struct OpeningAnswers {
    pub company: String,
    pub ceo: String,
    pub leader: String,
    pub currency: String,
    pub fiscal_year_start: u8,
    pub cadence: Cadence,
}

/// Validates the answers; each error names its flag.
pub fn decide_opening(a: &OpeningAnswers) -> Result<Event> {
    let company = text::name(&a.company).field("--company")?;
    let ceo = person(&a.ceo, "--ceo")?;
    let leader = person(&a.leader, "--leader")?;
    let currency = validate_currency(&a.currency).field("--currency")?;
    if !(1..=12).contains(&a.fiscal_year_start) {
        return Err(crate::Error::input(
            "--fiscal-year-start",
            format!("'{}' is not a month; expected 1 to 12 (1 = January)", a.fiscal_year_start),
        ));
    }
    leader_apart(&ceo, &leader)?;
    Ok(Event::LedgerOpened {
        company,
        ceo,
        leader,
        currency,
        fiscal_year_start: a.fiscal_year_start,
        cadence: a.cadence,
    })
}

/// A person's name (NFC, nothing invisible) that is not a role word: the
/// words `ceo` and `leader` stand for the people in those roles.
/// The sales leader is a different person from the CEO, by a name nobody
/// can mistake for the CEO's.
pub fn leader_apart(ceo: &str, leader: &str) -> Result<()> {
    if ceo == leader {
        return Err(crate::Error::input("--leader", "must name a different person from --ceo"));
    }
    if text::skeleton(ceo) == text::skeleton(leader) {
        return Err(crate::Error::input(
            "--leader",
            format!(
                "'{leader}' looks like the CEO's name '{ceo}'; give names nobody can mistake for each other"
            ),
        ));
    }
    Ok(())
}

/// A person's name, not a role word.
pub fn person(given: &str, flag: &str) -> Result<String> {
    let name = text::person_name(given).field(flag)?;
    if matches!(name.to_lowercase().as_str(), "ceo" | "leader" | "sales-leader") {
        return Err(crate::Error::input(flag, format!("'{name}' is a role word; give the person's name")));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers() -> OpeningAnswers {
        OpeningAnswers {
            company: "Acme".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "usd".into(),
            fiscal_year_start: 4,
            cadence: Cadence::Weekly,
        }
    }

    #[test]
    fn valid_answers_open_a_ledger() {
        let Event::LedgerOpened { currency, .. } = decide_opening(&answers()).unwrap() else { panic!() };
        assert_eq!(currency, "USD");
    }

    #[test]
    fn each_bad_answer_names_its_flag() {
        type Mutation = fn(&mut OpeningAnswers);
        let cases: Vec<(Mutation, &str)> = vec![
            (|a| a.company = " ".into(), "--company"),
            (|a| a.ceo = "x".repeat(300), "--ceo"),
            (|a| a.leader = "Dana".into(), "--leader"),
            (|a| a.leader = "DANA".into(), "--leader"),
            (|a| a.leader = "D\u{430}na".into(), "--leader"),
            (|a| a.leader = "Le\u{200B}e".into(), "--leader"),
            (|a| a.ceo = "\u{202E}anaD".into(), "--ceo"),
            (|a| a.ceo = "ceo".into(), "--ceo"),
            (|a| a.currency = "dollars".into(), "--currency"),
            (|a| a.fiscal_year_start = 13, "--fiscal-year-start"),
        ];
        for (mutate, flag) in cases {
            let mut a = answers();
            mutate(&mut a);
            let err = decide_opening(&a).unwrap_err().to_string();
            assert!(err.starts_with(flag), "{err}");
        }
    }

    #[test]
    fn names_are_stored_in_nfc() {
        let a = OpeningAnswers { ceo: "Jose\u{301}".into(), ..answers() };
        let Event::LedgerOpened { ceo, .. } = decide_opening(&a).unwrap() else { panic!() };
        assert_eq!(ceo, "Jos\u{e9}");
    }
}
