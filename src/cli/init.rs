//! `candor init`: open a ledger, by flags or by a short interview.

use super::context::Context;
use super::output::emit;
use super::prompt::{check, rule, Ask, Prompter, Terminal};
use candor::core::money::validate_currency;
use candor::core::opening::{decide_opening, leader_apart, person, OpeningAnswers};
use candor::core::text;
use candor::core::vocab::Cadence;
use candor::core::Event;
use candor::identity::{defaults, keys, LocalKey};
use candor::ledger::{Entry, Ledger};
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
    /// Also make the sales leader's key on this machine (one machine shared
    /// by both), and make the leader this ledger's default signer here
    #[arg(long)]
    leader_key_here: bool,
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    ctx.check_recording_clock()?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(ctx.interactive.then_some(&mut terminal as &mut dyn Prompter));
    let args_leader_here = args.leader_key_here;
    let (answers, event) = ask.settle(|ask| {
        let answers = gather(ask, &args)?;
        let event = decide_opening(&answers)?;
        let summary = summary(&answers);
        Ok(((answers, event), summary))
    })?;
    let (ceo, leader) = match &event {
        Event::LedgerOpened { ceo, leader, .. } => (ceo.clone(), leader.clone()),
        _ => unreachable!("decide_opening opens the ledger"),
    };
    if let Some(who) = &ctx.actor {
        if !who.eq_ignore_ascii_case("ceo") && *who != ceo {
            return Err(Error::input("--as", format!("the CEO ({ceo}) opens the ledger; {who} may not")));
        }
    }
    // The CEO's key signs from the first key on; the leader's only when
    // both work on this machine.
    let ceo_key = key_for(&ceo)?;
    let leader_key = if args_leader_here { Some(key_for(&leader)?) } else { None };
    let ceo_signer = keys::load(&ceo_key)?;
    // The leader's key signs nothing here, but must load where it was made.
    if let Some(k) = &leader_key {
        keys::load(k)?;
    }
    let mut entries = vec![
        Entry { actor: ceo.clone(), event, signer: None },
        // The first key is registered by a record it signs itself.
        Entry {
            actor: ceo.clone(),
            event: Event::MemberKeyAdded { name: ceo.clone(), key: ceo_key.public },
            signer: Some(&ceo_signer),
        },
    ];
    if let Some(k) = &leader_key {
        entries.push(Entry {
            actor: ceo.clone(),
            event: Event::MemberKeyAdded { name: leader.clone(), key: k.public },
            signer: Some(&ceo_signer),
        });
    }
    super::record::hold_json(ctx);
    let exponent = candor::core::money::currency_exponent(&answers.currency);
    let said = super::record::Said::of_entries(&entries, exponent);
    let head = match super::record::batch::active() {
        true => super::record::batch::open_new(ctx, entries)?.into_iter().collect::<Vec<_>>(),
        false => {
            let mut ledger = Ledger::create(&ctx.ledger_dir)?;
            let watchdog = super::watchdog::Watchdog::arm(
                &ctx.ledger_dir,
                "make the append durable",
                super::watchdog::DURABLE_WITHIN,
            );
            let head = ledger.append_entries(entries, ctx.now);
            drop(ledger);
            drop(watchdog);
            head?
        }
    };
    if args_leader_here {
        defaults::set(&ctx.ledger_dir, &leader)?;
    }
    let last = head.last().copied().ok_or_else(|| Error::Usage("nothing was recorded".into()))?;
    let mut out =
        format!("Opened the ledger for {} at {}\n", answers.company.trim(), ctx.ledger_dir.display());
    out.push_str(&format!("{ceo} (CEO) signs with {} ({})\n", ceo_key.public, ceo_key.path.display()));
    match &leader_key {
        Some(k) => out.push_str(&format!(
            "{leader} (sales leader) signs with {} ({}); records made here are signed by {leader} unless --as says otherwise\n",
            k.public,
            k.path.display()
        )),
        None => out.push_str(&format!(
            "{leader} (sales leader) has no key yet: on their machine they run `candor key new --name \"{leader}\"` \
             and send you the public key; you register it with `candor member key --name \"{leader}\" --key ed25519:…`\n"
        )),
    }
    out.push_str(&format!("head {last}\n"));
    emit(&out);
    if ctx.format == candor::report::Format::Json {
        super::output::recorded(said.records(&head));
    }
    Ok(())
}

/// This machine's key for `name`: the one made for that name before (a
/// second ledger on the same machine), else a new one.
fn key_for(name: &str) -> Result<LocalKey> {
    match keys::list()?.into_iter().find(|k| k.name == name) {
        Some(k) => Ok(k),
        None => keys::create(name),
    }
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

/// Takes each value from its flag, or asks for it, or notes it missing.
fn gather(ask: &mut Ask, args: &InitArgs) -> Result<OpeningAnswers> {
    let company = ask.text(args.company.clone(), "--company", "Company name:", check(text::name))?;
    let ceo = ask.text(args.ceo.clone(), "--ceo", "CEO's name:", rule(|s| person(s, "--ceo")))?;
    // Refused here when it is (or looks like) the CEO's name.
    let ceo_name = person(&ceo, "--ceo").unwrap_or_default();
    let leader_rule = rule(move |s| leader_apart(&ceo_name, &person(s, "--leader")?));
    let leader = ask.text(args.leader.clone(), "--leader", "Sales leader's name:", leader_rule)?;
    let currency = match args.currency.clone() {
        Some(c) => c,
        None if ask.interactive() => ask.text_with_default(
            None,
            "--currency",
            "Currency (ISO code):",
            Some("USD"),
            check(validate_currency),
        )?,
        None => "USD".into(),
    };
    let fiscal_year_start = match args.fiscal_year_start {
        Some(m) => m,
        None => {
            let months: Vec<String> = MONTHS.iter().map(|m| m.to_string()).collect();
            ask.choose_or("Fiscal year starts in:", &months, 0)? as u8 + 1
        }
    };
    let cadence = match args.cadence {
        Some(c) => c,
        None => {
            let options: Vec<String> = Cadence::ALL.iter().map(|c| c.to_string()).collect();
            Cadence::ALL[ask.choose_or("Meeting cadence:", &options, 0)?]
        }
    };
    Ok(OpeningAnswers { company, ceo, leader, currency, fiscal_year_start, cadence })
}

fn summary(a: &OpeningAnswers) -> String {
    format!(
        "Open a ledger for {} (CEO {}, sales leader {}, {}, fiscal year from {}, {} meetings)",
        a.company.trim(),
        a.ceo.trim(),
        a.leader.trim(),
        a.currency.trim().to_ascii_uppercase(),
        MONTHS[usize::from(a.fiscal_year_start.clamp(1, 12)) - 1],
        a.cadence
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::prompt::Scripted;

    fn interview(p: &mut Scripted, args: InitArgs) -> Result<OpeningAnswers> {
        Ask::new(Some(p)).settle(|ask| {
            let a = gather(ask, &args)?;
            let summary = summary(&a);
            Ok((a, summary))
        })
    }

    #[test]
    fn interview_asks_for_everything_missing_then_confirms() {
        let mut p = Scripted::new(&["Acme", "Dana", "Lee", "", "April", "biweekly", "y"]);
        let a = interview(&mut p, InitArgs::default()).unwrap();
        assert_eq!((a.company.as_str(), a.currency.as_str(), a.fiscal_year_start), ("Acme", "USD", 4));
        assert_eq!(a.cadence, Cadence::Biweekly);
        assert!(p.done());
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
    fn declining_then_cancel_or_escaping_cancels() {
        let mut p = Scripted::new(&["Acme", "Dana", "Lee", "", "January", "weekly", "n", "Cancel"]);
        assert!(matches!(interview(&mut p, InitArgs::default()), Err(Error::Cancelled)));
        let mut p = Scripted::new(&["Acme", "<esc>"]);
        assert!(matches!(interview(&mut p, InitArgs::default()), Err(Error::Cancelled)));
    }

    #[test]
    fn the_ceo_s_name_is_refused_as_the_leader_s_at_its_prompt() {
        let args = InitArgs { company: Some("Acme".into()), ..Default::default() };
        let mut p = Scripted::new(&["Dana", "dana", "", "", "", "y"]);
        let err = interview(&mut p, args).unwrap_err();
        assert!(err.to_string().contains("the CEO's name"), "{err}");
    }

    #[test]
    fn no_at_the_summary_changes_one_answer() {
        let args = InitArgs { company: Some("Acme".into()), ..Default::default() };
        let mut p = Scripted::new(&["Dana", "Lee", "", "", "", "n", "Sales leader's name:", "Lou", "y"]);
        let a = interview(&mut p, args).unwrap();
        assert_eq!((a.ceo.as_str(), a.leader.as_str()), ("Dana", "Lou"));
        assert!(p.done());
    }

    #[test]
    fn without_a_terminal_missing_flags_are_listed_and_defaults_apply() {
        let mut ask = Ask::new(None);
        let args = InitArgs { ceo: Some("Dana".into()), ..Default::default() };
        let a = gather(&mut ask, &args).unwrap();
        assert_eq!((a.currency.as_str(), a.fiscal_year_start, a.cadence), ("USD", 1, Cadence::Weekly));
        let err = Ask::new(None).settle(|ask| Ok((gather(ask, &args)?, String::new()))).unwrap_err();
        assert!(err.to_string().contains("--company, --leader"), "{err}");
    }
}
