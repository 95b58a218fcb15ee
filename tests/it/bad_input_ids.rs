//! Bad-input catalogue: ids that differ from a taken one only by case, and
//! currency codes outside ISO 4217. Each exits 2, names the flag and the
//! existing id (or what is accepted), and leaves the head digest unchanged.

use crate::env::TestEnv;

#[test]
fn an_id_differing_only_by_case_is_refused_for_every_kind() {
    let env = TestEnv::with_ledger();
    let setup: &[&[&str]] = &[
        &["commitment", "add", "--id", "c-1", "--owner", "ceo", "--what", "x", "--due", "2026-01-09"],
        &["deal", "add", "--id", "d-1", "--account", "Hooli", "--amount", "5k", "--close", "2026-03-31"],
        &["plan", "add", "--kind", "goal", "--id", "g-1", "--title", "Renewals"],
        &["plan", "option", "add", "--id", "o-1", "--title", "Hire", "--impact", "3", "--effort", "2"],
        &["indicator", "define", "--name", "calls", "--target", "5"],
        &["contingency", "add", "--id", "k-1", "--revenue-gap-above", "10k", "--action", "Call"],
        &["issue", "raise", "--id", "i-1", "--title", "Pricing"],
        &["--as", "ceo", "hire", "candidate", "add", "--id", "c-ana", "--name", "Ana"],
    ];
    for args in setup {
        env.run(args).ok();
    }
    let clashes: &[(&[&str], &str)] = &[
        (
            &["commitment", "add", "--id", "C-1", "--owner", "ceo", "--what", "x", "--due", "2026-01-09"],
            "'c-1'",
        ),
        (
            &["deal", "add", "--id", "D-1", "--account", "X", "--amount", "5k", "--close", "2026-03-31"],
            "'d-1'",
        ),
        (&["plan", "add", "--kind", "goal", "--id", "G-1", "--title", "Other"], "'g-1'"),
        (
            &["plan", "option", "add", "--id", "O-1", "--title", "Other", "--impact", "3", "--effort", "2"],
            "'o-1'",
        ),
        (&["contingency", "add", "--id", "K-1", "--revenue-gap-above", "10k", "--action", "Call"], "'k-1'"),
        (&["issue", "raise", "--id", "I-1", "--title", "Other"], "'i-1'"),
        (&["--as", "ceo", "hire", "candidate", "add", "--id", "C-ANA", "--name", "Ana again"], "'c-ana'"),
    ];
    for (args, existing) in clashes {
        env.refuses(args, "--id");
        let run = env.run(args);
        assert!(run.stderr.contains(existing), "{args:?}: should name {existing}: {}", run.stderr);
    }
}

#[test]
fn an_unknown_currency_code_is_refused_at_init() {
    let env = TestEnv::new();
    for code in ["ZZZ", "XXX", "ABC"] {
        let run =
            env.run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee", "--currency", code]);
        let run = run.code(2);
        assert!(
            run.stderr.contains("--currency") && run.stderr.contains("ISO 4217"),
            "{code}: {}",
            run.stderr
        );
        assert!(!env.ledger_dir().exists(), "{code} created the ledger");
    }
    let env = TestEnv::new();
    env.run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee", "--currency", "jpy"]).ok();
}

#[test]
fn an_amount_beyond_the_largest_is_refused() {
    let env = TestEnv::with_ledger();
    let goal = ["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount"];
    env.refuses(&[&goal[..], &["92233720368547758.07"]].concat(), "--amount");
    env.refuses(&[&goal[..], &["10,000,000,000,001"]].concat(), "at most");
    env.run(&[&goal[..], &["10,000,000,000,000"]].concat()).ok();
}
