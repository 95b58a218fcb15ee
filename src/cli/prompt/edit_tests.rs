use super::super::{check, Ask, Scripted};
use candor::{Error, Result};

/// A two-question wizard: a name, and a number that must be above 10
/// (refused only by the "decision", to try the way back from it).
fn wizard(ask: &mut Ask) -> Result<(String, u32)> {
    ask.settle(|ask| {
        let name = ask.text(None, "--name", "Name:", check(candor::core::text::name))?;
        let n = ask.text_with_default(
            None,
            "--count",
            "Count:",
            Some("12"),
            check(|s| s.parse::<u32>().map_err(|e| e.to_string())),
        )?;
        let n: u32 = n.parse().unwrap_or(0);
        if n <= 10 {
            return Err(Error::input("--count", format!("{n} is not above 10")));
        }
        Ok(((name.clone(), n), format!("{name} × {n}")))
    })
}

#[test]
fn yes_at_the_summary_returns_the_answers() {
    let mut p = Scripted::new(&["Ann", "", "y"]);
    assert_eq!(wizard(&mut Ask::new(Some(&mut p))).unwrap(), ("Ann".into(), 12));
    assert!(p.done());
}

#[test]
fn no_edits_one_answer_with_its_old_value_as_default_and_keeps_the_rest() {
    let mut p = Scripted::new(&["Ann", "15", "n", "Name:", "Bea", "y"]);
    assert_eq!(wizard(&mut Ask::new(Some(&mut p))).unwrap(), ("Bea".into(), 15));
    assert!(p.done());
    // Only the chosen answer was asked again, its old value the default.
    assert_eq!(p.asked.iter().filter(|l| l.starts_with("Name:")).count(), 2);
    assert!(p.asked.contains(&"Name: [Ann]".to_string()), "{:?}", p.asked);
    assert_eq!(p.asked.iter().filter(|l| l.starts_with("Count:")).count(), 1);
}

#[test]
fn enter_in_the_edit_keeps_the_old_answer() {
    let mut p = Scripted::new(&["Ann", "15", "n", "Count:", "", "y"]);
    assert_eq!(wizard(&mut Ask::new(Some(&mut p))).unwrap(), ("Ann".into(), 15));
}

#[test]
fn cancel_or_escape_in_the_edit_list_cancels() {
    let mut p = Scripted::new(&["Ann", "15", "n", "Cancel"]);
    assert!(matches!(wizard(&mut Ask::new(Some(&mut p))), Err(Error::Cancelled)));
    let mut p = Scripted::new(&["Ann", "15", "n", "<esc>"]);
    assert!(matches!(wizard(&mut Ask::new(Some(&mut p))), Err(Error::Cancelled)));
}

#[test]
fn a_refusal_after_the_last_prompt_goes_back_to_the_answer_it_names() {
    // 7 passes the prompt's check but not the decision: the message is
    // said, the edit list starts on Count, and Enter picks it.
    let mut p = Scripted::new(&["Ann", "7", "", "20", "y"]);
    assert_eq!(wizard(&mut Ask::new(Some(&mut p))).unwrap(), ("Ann".into(), 20));
    assert_eq!(p.said, vec!["--count: 7 is not above 10".to_string()]);
    assert!(p.asked.contains(&"Count: [7]".to_string()), "{:?}", p.asked);
}

#[test]
fn without_a_terminal_it_runs_once_and_names_every_missing_flag() {
    let err = wizard(&mut Ask::new(None)).unwrap_err();
    assert!(err.to_string().contains("--name, --count"), "{err}");
}

#[test]
fn a_choice_is_kept_while_its_option_is_still_there() {
    let options: Vec<String> = vec!["weekly".into(), "biweekly".into()];
    let mut p = Scripted::new(&["biweekly", "Ann", "n", "Name:", "Bea", "y"]);
    let mut ask = Ask::new(Some(&mut p));
    let got = ask
        .settle(|ask| {
            let i = ask.choose_or("Cadence:", &options, 0)?;
            let name = ask.text(None, "--name", "Name:", check(candor::core::text::name))?;
            Ok(((i, name.clone()), name))
        })
        .unwrap();
    assert_eq!(got, (1, "Bea".to_string()));
    assert!(p.done());
}
