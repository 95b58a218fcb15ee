//! `candor init`: open a ledger, by flags or by a short interview.

use super::context::Context;
use super::output::emit;
use super::prompt::{missing_flags, Prompter, Terminal};
use candor::core::money::validate_currency;
use candor::core::opening::{decide_opening, OpeningAnswers};
use candor::core::text;
use candor::core::vocab::Cadence;
use candor::ledger::Ledger;
use candor::{Error, Result};

#[derive(clap::Args, Default)]
pub struct InitArgs {
    /// Company name
    #[arg(long)]
    company: Option<String>,
    /// The CEO's name
    #[arg(long)]
    ceo: Option<String>,
    /// The sales leader's name
    #[arg(long)]
    leader: Option<String>,
    /// Currency code (ISO 4217) [default: USD]
    #[arg(long)]
    currency: Option<String>,
    /// First month of the fiscal year, 1–12 [default: 1]
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=12))]
    fiscal_year_start: Option<u8>,
    /// How often CEO and sales leader meet: weekly or biweekly [default: weekly]
    #[arg(long, value_parser = Cadence::parse)]
    cadence: Option<Cadence>,
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    let answers = if ctx.interactive { interview(&mut Terminal, args)? } else { from_flags(args)? };
    let event = decide_opening(&answers)?;
    let actor = ctx.actor.clone().unwrap_or_else(|| answers.ceo.trim().to_string());
    let mut ledger = Ledger::create(&ctx.ledger_dir)?;
    let head = ledger.append(&actor, vec![event], ctx.now)?;
    emit(&format!(
        "Opened the ledger for {} at {}\nhead {}\n",
        answers.company.trim(),
        ctx.ledger_dir.display(),
        head[0]
    ));
    Ok(())
}

fn from_flags(args: InitArgs) -> Result<OpeningAnswers> {
    let mut missing = Vec::new();
    for (value, flag) in [(&args.company, "--company"), (&args.ceo, "--ceo"), (&args.leader, "--leader")] {
        if value.is_none() {
            missing.push(flag);
        }
    }
    if !missing.is_empty() {
        return Err(missing_flags(&missing));
    }
    Ok(OpeningAnswers {
        company: args.company.unwrap_or_default(),
        ceo: args.ceo.unwrap_or_default(),
        leader: args.leader.unwrap_or_default(),
        currency: args.currency.unwrap_or_else(|| "USD".into()),
        fiscal_year_start: args.fiscal_year_start.unwrap_or(1),
        cadence: args.cadence.unwrap_or(Cadence::Weekly),
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Asks for what the flags did not give, then confirms before writing.
fn interview(p: &mut dyn Prompter, args: InitArgs) -> Result<OpeningAnswers> {
    let name_check: fn(&str) -> Result<(), String> = |s| text::name(s).map(|_| ());
    let mut ask_name = |value: Option<String>, label: &str| -> Result<String> {
        match value {
            Some(v) => Ok(v),
            None => p.text(label, None, name_check),
        }
    };
    let company = ask_name(args.company, "Company name:")?;
    let ceo = ask_name(args.ceo, "CEO's name:")?;
    let leader = ask_name(args.leader, "Sales leader's name:")?;
    let currency = match args.currency {
        Some(c) => c,
        None => p.text("Currency (ISO code):", Some("USD"), |s| validate_currency(s).map(|_| ()))?,
    };
    let fiscal_year_start = match args.fiscal_year_start {
        Some(m) => m,
        None => {
            let months: Vec<String> = MONTHS.iter().map(|m| m.to_string()).collect();
            p.select("Fiscal year starts in:", &months, 0)? as u8 + 1
        }
    };
    let cadence = match args.cadence {
        Some(c) => c,
        None => {
            let options: Vec<String> = Cadence::ALL.iter().map(|c| c.to_string()).collect();
            Cadence::ALL[p.select("Meeting cadence:", &options, 0)?]
        }
    };
    let answers = OpeningAnswers { company, ceo, leader, currency, fiscal_year_start, cadence };
    let summary = format!(
        "Open a ledger for {} (CEO {}, sales leader {}, {}, fiscal year from {}, {} meetings)?",
        answers.company.trim(),
        answers.ceo.trim(),
        answers.leader.trim(),
        answers.currency.trim().to_ascii_uppercase(),
        MONTHS[usize::from(answers.fiscal_year_start.clamp(1, 12)) - 1],
        answers.cadence
    );
    if p.confirm(&summary, true)? {
        Ok(answers)
    } else {
        Err(Error::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::prompt::Scripted;

    #[test]
    fn interview_asks_for_everything_missing_then_confirms() {
        let mut p = Scripted::new(&["Acme", "Dana", "Lee", "", "April", "biweekly", "y"]);
        let a = interview(&mut p, InitArgs::default()).unwrap();
        assert_eq!((a.company.as_str(), a.currency.as_str(), a.fiscal_year_start), ("Acme", "USD", 4));
        assert_eq!(a.cadence, Cadence::Biweekly);
        assert!(p.0.is_empty());
    }

    #[test]
    fn interview_skips_what_flags_gave() {
        let args =
            InitArgs { company: Some("Acme".into()), fiscal_year_start: Some(7), ..Default::default() };
        let mut p = Scripted::new(&["Dana", "Lee", "EUR", "weekly", "y"]);
        let a = interview(&mut p, args).unwrap();
        assert_eq!((a.ceo.as_str(), a.currency.as_str(), a.fiscal_year_start), ("Dana", "EUR", 7));
    }

    #[test]
    fn declining_or_escaping_cancels() {
        let mut p = Scripted::new(&["Acme", "Dana", "Lee", "", "January", "weekly", "n"]);
        assert!(matches!(interview(&mut p, InitArgs::default()), Err(Error::Cancelled)));
        let mut p = Scripted::new(&["Acme", "<esc>"]);
        assert!(matches!(interview(&mut p, InitArgs::default()), Err(Error::Cancelled)));
    }

    #[test]
    fn without_a_terminal_missing_flags_are_listed() {
        let err = from_flags(InitArgs { ceo: Some("Dana".into()), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("--company, --leader"), "{err}");
    }
}
