//! Output that fits: at 80 × 24 no line is wider than the terminal, `--wide`
//! turns fitting off, and status words are coloured only on a terminal
//! (or with `--color always`), never in a pipe.

use crate::env::TestEnv;
use crate::tty::{self, Tty};
use unicode_width::UnicodeWidthStr;

/// The scenario's last day: reports about it are full of long records.
const LAST_DAY: &str = "2026-07-03T18:00:00Z";

fn manufacturing() -> TestEnv {
    let env = TestEnv::new();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/scenarios/manufacturing.candor");
    env.run(&["replay", script]).ok();
    env
}

/// Runs `candor ARGS` in an 80 × 24 terminal until it exits; every line it
/// printed, scrolled off or not, with the terminal's own wrapping undone.
fn at_80(env: &TestEnv, args: &[&str]) -> String {
    let t = Tty::start_sized(env, LAST_DAY, args, 80, 24);
    assert_eq!(t.exit_code(), 0, "{}", t.history());
    t.history()
}

fn too_wide(text: &str) -> Vec<String> {
    text.lines().filter(|l| l.width() > 80).map(|l| format!("{} columns: {l}", l.width())).collect()
}

#[test]
fn trust_and_brief_fit_an_80_column_terminal() {
    if !tty::available() {
        return;
    }
    let env = manufacturing();
    for args in [&["trust"][..], &["brief"], &["audit", "forecast"], &["commitment", "list"]] {
        let out = at_80(&env, args);
        assert!(out.lines().count() > 20, "{args:?} printed too little to judge:\n{out}");
        assert_eq!(too_wide(&out), Vec::<String>::new(), "{args:?}:\n{out}");
    }
    // Fitting moves "why" under its row instead of wrapping the grid.
    let trust = at_80(&env, &["trust"]);
    assert!(
        trust.lines().any(|l| l.starts_with("Commitments kept") && l.contains("≥ 90.0% / ≥ 75.0%")),
        "{trust}"
    );
    assert!(trust.contains("  why: #185 C-12 (Marcus Reyes)"), "{trust}");
}

#[test]
fn the_demo_fits_an_80_column_terminal_in_two_screens() {
    if !tty::available() {
        return;
    }
    let env = TestEnv::new();
    let out = at_80(&env, &["demo"]);
    assert_eq!(too_wide(&out), Vec::<String>::new(), "{out}");
    assert!(out.lines().filter(|l| !l.is_empty()).count() <= 48, "{out}");
    assert!(out.contains("candor --ledger manufacturing trust --as-of 2026-07-03"), "{out}");
    std::fs::remove_dir_all(crate::demo::demo_dir(&out)).unwrap();
}

#[test]
fn wide_turns_fitting_off() {
    if !tty::available() {
        return;
    }
    let env = manufacturing();
    let out = at_80(&env, &["--wide", "trust"]);
    assert!(!too_wide(&out).is_empty(), "--wide kept every line within 80 columns:\n{out}");
    assert!(out.lines().any(|l| l.starts_with("Commitments kept") && l.contains("#185 C-12")), "{out}");
}

#[test]
fn a_pipe_gets_every_cell_whole_and_no_colour() {
    let env = manufacturing();
    let piped = env.run(&["trust", "--as-of", "2026-07-03"]).ok().stdout;
    assert!(!piped.contains('\x1b'), "{piped}");
    // Without a terminal nothing is fitted: the grid keeps "why" in its row.
    assert!(piped.lines().any(|l| l.starts_with("Commitments kept") && l.contains("#185 C-12")), "{piped}");
    let mut no_color = env.command(&["trust", "--as-of", "2026-07-03", "--color", "auto"]);
    no_color.env("NO_COLOR", "1").env("COLUMNS", "80");
    let plain = crate::env::finish(no_color.output().unwrap()).ok().stdout;
    assert!(!plain.contains('\x1b'), "{plain}");
    assert_eq!(too_wide(&plain), Vec::<String>::new(), "COLUMNS=80 fits a pipe too:\n{plain}");
}

#[test]
fn color_always_paints_status_words_and_keeps_widths_visible() {
    let env = manufacturing();
    let mut always = env.command(&["trust", "--as-of", "2026-07-03", "--color", "always"]);
    always.env("COLUMNS", "80");
    let out = crate::env::finish(always.output().unwrap()).ok().stdout;
    assert!(out.contains("\x1b[31mred\x1b[0m") && out.contains("\x1b[32mgreen\x1b[0m"), "{out}");
    let visible =
        out.replace("\x1b[31m", "").replace("\x1b[32m", "").replace("\x1b[33m", "").replace("\x1b[0m", "");
    assert_eq!(too_wide(&visible), Vec::<String>::new(), "{visible}");
    // Columns line up on the visible text: the threshold column starts at
    // the same place on a red row and a green row.
    let col = |title: &str| visible.lines().find(|l| l.starts_with(title)).and_then(|l| l.find(['≥', '≤']));
    let (red, green) = (col("Commitments kept"), col("Forecast error (WAPE)"));
    assert!(red.is_some() && green.is_some(), "both rows have a threshold: {visible}");
    assert_eq!(red, green, "{visible}");
}

#[test]
fn a_terminal_gets_colour_unless_told_otherwise() {
    if !tty::available() {
        return;
    }
    let env = manufacturing();
    let t = Tty::start_sized(&env, LAST_DAY, &["trust"], 80, 24);
    assert_eq!(t.exit_code(), 0);
    assert!(t.history_in_colour().contains("\x1b[31m"), "{}", t.history_in_colour());
    let t = Tty::start_sized(&env, LAST_DAY, &["--color", "never", "trust"], 80, 24);
    assert_eq!(t.exit_code(), 0);
    assert!(!t.history_in_colour().contains("\x1b[31m"), "{}", t.history_in_colour());
}
