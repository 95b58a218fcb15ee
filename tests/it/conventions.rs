//! What a command-line tool is expected to have: shell completions, a man
//! page, examples in every command's help, and `list` where people type it.

use crate::env::{finish, TestEnv};
use std::process::Command;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

/// Commands a completion script must offer: top-level and nested ones.
const PATHS: [&[&str]; 9] = [
    &["commitment"],
    &["brief"],
    &["trust"],
    &["completions"],
    &["man"],
    &["commitment", "reschedule"],
    &["deal", "clear-risk"],
    &["member", "login-link"],
    &["plan", "option", "add"],
];

/// How each generator spells "this command can be completed here".
fn offers(shell: &str, script: &str, path: &[&str]) -> bool {
    let (parents, last) = path.split_at(path.len() - 1);
    let last = last[0];
    let semi = format!("candor;{}", path.join(";"));
    match shell {
        // A case label per parent command: `candor__subcmd__deal,clear-risk)`.
        "bash" => {
            let parent: String = parents.iter().map(|p| format!("__subcmd__{p}")).collect();
            script.contains(&format!("candor{parent},{last})"))
        }
        "zsh" => script.contains(&format!(
            "_candor{}_commands()",
            path.iter().map(|p| format!("__subcmd__{p}")).collect::<String>()
        )),
        "fish" => {
            let condition = match parents {
                [] => "__fish_candor_needs_command\"".to_string(),
                [p] => format!("__fish_candor_using_subcommand {p}; and not"),
                [p, q] => {
                    format!("__fish_candor_using_subcommand {p}; and __fish_seen_subcommand_from {q}\"")
                }
                _ => unreachable!("deeper than the commands go"),
            };
            script.lines().any(|l| l.contains(&condition) && l.contains(&format!("-a \"{last}\"")))
        }
        "powershell" => script.contains(&format!("'{semi}' {{")),
        "elvish" => script.contains(&format!("&'{semi}'= {{")),
        _ => unreachable!("{shell}"),
    }
}

#[test]
fn completions_for_each_shell_offer_the_commands_and_their_subcommands() {
    let env = TestEnv::new();
    for shell in SHELLS {
        let script = env.run(&["completions", shell]).ok().stdout;
        for path in PATHS {
            assert!(
                offers(shell, &script, path),
                "{shell} completions do not offer `candor {}`",
                path.join(" ")
            );
        }
    }
}

#[test]
fn the_bash_script_is_valid_bash_and_completes_subcommands_and_flags() {
    let env = TestEnv::new();
    let script = env.path("candor.bash");
    std::fs::write(&script, env.run(&["completions", "bash"]).ok().stdout).expect("write script");
    let syntax = Command::new("bash").arg("-n").arg(&script).output().expect("bash");
    assert!(syntax.status.success(), "bash -n: {}", String::from_utf8_lossy(&syntax.stderr));

    // What Tab offers after each line, as bash's completion calls the function.
    let complete = |words: &[&str]| -> String {
        let cword = words.len() - 1;
        let program = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; _candor candor '{}' '{}'; echo \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "),
            words[cword],
            words[cword - 1],
        );
        let out = Command::new("bash").arg("-c").arg(program).output().expect("bash");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete(&["candor", "commitment", "re"]), "reschedule");
    assert_eq!(complete(&["candor", "deal", "add", "--pro"]), "--probability");
    let top = complete(&["candor", "co"]);
    for name in ["commitment", "contingency", "correct", "completions"] {
        assert!(top.split(' ').any(|w| w == name), "`candor co<Tab>` offers {top:?}, not {name}");
    }
    assert!(
        complete(&["candor", "plan", "li"]).split(' ').any(|w| w == "list"),
        "`plan list` is not offered"
    );
}

#[test]
fn an_unknown_shell_is_refused_naming_the_accepted_ones() {
    let env = TestEnv::new();
    let run = env.run(&["completions", "tcsh"]).code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("'tcsh'"), "{}", run.stderr);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(run.stderr.contains(shell), "the refusal does not name {shell}: {}", run.stderr);
    }
}

#[test]
fn completions_and_the_manual_need_no_ledger_and_no_server() {
    let env = TestEnv::new();
    // No ledger exists, and nothing listens on port 9: neither is opened.
    for args in [
        &["--remote", "http://127.0.0.1:9", "completions", "zsh"][..],
        &["--remote", "http://127.0.0.1:9", "man"],
    ] {
        let run = env.run(args).ok();
        assert!(!run.stdout.is_empty());
    }
    assert!(!env.ledger_dir().exists(), "a ledger was created");
}

/// The page as `man -l` shows it in an 80-column terminal, or None (with a
/// notice) where man is not installed and CANDOR_REQUIRE_MAN is not 1.
fn rendered_man_page(env: &TestEnv) -> Option<String> {
    if Command::new("man").arg("--version").output().is_err() {
        if std::env::var("CANDOR_REQUIRE_MAN").as_deref() == Ok("1") {
            panic!("man is required (CANDOR_REQUIRE_MAN=1) but not installed (Debian: man-db)");
        }
        eprintln!("NOTICE: man not installed (Debian: man-db): skipping the man page rendering test");
        return None;
    }
    let page = env.path("candor.1");
    std::fs::write(&page, env.run(&["man"]).ok().stdout).expect("write page");
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LANG", "C.UTF-8")
        .env("MAN_DISABLE_SECCOMP", "1")
        .output()
        .expect("man");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "man -l failed: {stderr}");
    assert!(!stderr.contains("warning"), "the page makes troff warn: {stderr}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_man_page_renders_with_man_and_covers_every_command() {
    let env = TestEnv::new();
    let Some(text) = rendered_man_page(&env) else { return };
    assert!(text.starts_with("candor(1)"), "{}", &text[..text.len().min(200)]);
    for heading in
        ["NAME", "SYNOPSIS", "GLOBAL OPTIONS", "COMMANDS", "EXAMPLES", "EXIT STATUS", "ENVIRONMENT"]
    {
        assert!(text.lines().any(|l| l == heading), "no {heading} section");
    }
    for command in
        ["candor commitment add", "candor deal clear-risk", "candor hire template load", "candor completions"]
    {
        assert!(text.lines().any(|l| l.trim() == command), "no section for `{command}`");
    }
    // A command's own flags and examples are in its section.
    let section = text.split("   candor deal add\n").nth(1).expect("deal add section");
    let section = section.split("\n   candor ").next().unwrap_or_default();
    assert!(section.contains("--probability"), "{section}");
    assert!(section.contains("candor deal add --id D-1"), "{section}");
    let wide: Vec<&str> = text.lines().filter(|l| l.chars().count() > 80).collect();
    assert!(wide.is_empty(), "lines wider than the 80-column page: {wide:#?}");
}

/// Every command path `candor --help` leads to, through the help itself.
fn command_paths(env: &TestEnv) -> Vec<String> {
    let mut paths = Vec::new();
    let mut todo = vec![String::new()];
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.split_whitespace().collect();
        args.push("--help");
        let help = env.run(&args).ok().stdout;
        let listed =
            help.split("\nCommands:\n").nth(1).map(|rest| rest.split("\n\n").next().unwrap_or_default());
        // A command's line starts two spaces in; a wrapped description, further.
        for line in listed.unwrap_or_default().lines().filter(|l| !l.starts_with("   ")) {
            let name = line.split_whitespace().next().unwrap_or_default();
            if !name.is_empty() && name != "help" {
                todo.push(format!("{path} {name}").trim().to_string());
            }
        }
        paths.push(path);
    }
    paths
}

#[test]
fn every_command_s_help_fits_80_columns_has_examples_of_it_and_puts_global_options_apart() {
    let env = TestEnv::new();
    let paths = command_paths(&env);
    assert!(paths.len() > 100, "only {} commands found through help", paths.len());
    for must in ["commitment add", "plan option add", "completions", "man"] {
        assert!(paths.iter().any(|p| p == must), "`{must}` not reached through help");
    }
    for path in &paths {
        let mut args: Vec<&str> = path.split_whitespace().collect();
        args.push("--help");
        // As an 80-column terminal shows it (clap reads COLUMNS).
        let help = finish(env.command(&args).env("COLUMNS", "80").output().expect("run candor")).ok().stdout;
        // Help wraps at the terminal's width; the usage line is never wrapped.
        let wide: Vec<&str> =
            help.lines().filter(|l| l.chars().count() > 80 && !l.starts_with("Usage:")).collect();
        assert!(wide.is_empty(), "`candor {path} --help` is wider than 80 columns: {wide:#?}");
        let examples = help
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("`candor {path} --help` has no Examples:\n{help}"));
        let calls_it = examples.lines().any(|l| l.starts_with("  candor ") && l.contains(path.as_str()));
        assert!(calls_it, "the examples of `candor {path}` do not show it:\n{examples}");
        let (own, global) =
            help.split_once("\nGlobal options:\n").unwrap_or_else(|| panic!("`{path}`: no Global options"));
        assert!(
            global.contains("--ledger <DIR>") && !own.contains("--ledger"),
            "`{path}`: --ledger not apart"
        );
    }
}

#[test]
fn plan_list_and_expect_list_are_visible_aliases_of_show() {
    let env = TestEnv::with_ledger();
    env.run(&[
        "plan",
        "add",
        "--kind",
        "goal",
        "--id",
        "G-1",
        "--title",
        "Grow",
        "--owner",
        "ceo",
        "--due",
        "2026-06-30",
    ])
    .ok();
    env.run(&["--as", "ceo", "expect", "set", "--area", "pricing", "--right", "consult-ceo-first"]).ok();
    for noun in ["plan", "expect"] {
        let help = env.run(&[noun, "--help"]).ok().stdout;
        let show = help.lines().find(|l| l.trim_start().starts_with("show ")).unwrap_or_default();
        assert!(show.contains("[alias: list]"), "`{noun} --help`: {show:?}");
        let listed = env.run(&[noun, "list", "--format", "json"]).ok().stdout;
        assert_eq!(listed, env.run(&[noun, "show", "--format", "json"]).ok().stdout);
        assert!(listed.contains(if noun == "plan" { "G-1" } else { "consult" }), "{listed}");
    }
}
