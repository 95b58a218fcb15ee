//! `candor man`: one manual page, candor(1), for the tool and every
//! command in it, as roff on stdout.
//!
//! One page rather than a page per command: it installs as one file, and
//! `/commitment add` in the pager finds a command and its flags.

use super::examples;
use super::output::emit_bytes;
use candor::Result;
use clap::{Arg, ArgAction, Command};
use clap_mangen::roff::{bold, italic, roman, Inline, Roff};
use clap_mangen::Man;

#[derive(clap::Args)]
pub struct ManArgs {}

pub const LONG_ABOUT: &str =
    "Print candor's manual page, as roff: the global options, then every command with \
its options and examples, the exit codes and the environment.

Save it where man looks (see the examples), or read it at once with `candor man | man -l -`.";

/// The one-line description `whatis candor` shows.
const NAME_LINE: &str = "the facts a CEO and a sales leader agree on, in a ledger anyone can verify";

pub fn run(_args: ManArgs) -> Result<()> {
    emit_bytes(&render(super::command()));
    Ok(())
}

/// The whole page. Writes go to memory, where they cannot fail.
pub fn render(mut cmd: Command) -> Vec<u8> {
    cmd.build();
    let man = Man::new(cmd.clone()).manual("candor manual");
    let mut out = Vec::new();
    let _ = man.render_title(&mut out);
    // The tool's own about is a paragraph; NAME wants one line (whatis, apropos).
    let mut name = Roff::new();
    name.control("SH", ["NAME"]).text([roman(format!("candor - {NAME_LINE}"))]);
    let _ = name.to_writer(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in visible(&cmd) {
        command_section(&mut roff, sub, "candor");
    }
    roff.control("SH", ["EXAMPLES"]);
    examples_block(&mut roff, "");
    trailer(&mut roff);
    let _ = roff.to_writer(&mut out);
    let _ = man.render_version_section(&mut out);
    out
}

/// The commands a user can call: not hidden, and not clap's `help`.
fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// One command: `.SS candor deal add`, what it does, its usage, its own
/// options (the global ones are listed once, above), its examples, then
/// its subcommands in turn.
fn command_section(roff: &mut Roff, cmd: &Command, parent: &str) {
    let path = format!("{parent} {}", cmd.get_name());
    roff.control("SS", [path.as_str()]);
    if let Some(about) = cmd.get_long_about().or_else(|| cmd.get_about()) {
        paragraphs(roff, &about.to_string());
    }
    let usage = cmd.clone().bin_name(&path).render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    roff.control("PP", []).text([bold(usage)]);
    for arg in cmd.get_arguments().filter(|a| own(a)) {
        roff.control("TP", []).text(arg_header(arg)).text([roman(arg_help(arg))]);
    }
    let key = path.trim_start_matches("candor").trim();
    if examples::for_path(key).is_some() {
        roff.control("PP", []).text([italic("Examples:")]);
        examples_block(roff, key);
    }
    for sub in visible(cmd) {
        command_section(roff, sub, &path);
    }
}

/// An argument of this command itself: not a global one, not hidden, not
/// `--help` or `--version`.
fn own(arg: &Arg) -> bool {
    let generated = matches!(arg.get_action(), ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong)
        || matches!(arg.get_action(), ArgAction::Version);
    !arg.is_global_set() && !arg.is_hide_set() && !generated
}

/// `--id <ID>` for an option, `<ID>` or `[ID]` for a positional argument.
fn arg_header(arg: &Arg) -> Vec<Inline> {
    let value = arg
        .get_value_names()
        .map(|v| v.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    match arg.get_long() {
        None => {
            let (open, close) = if arg.is_required_set() { ("<", ">") } else { ("[", "]") };
            vec![italic(format!("{open}{value}{close}"))]
        }
        Some(long) if takes_value => {
            vec![bold(format!("--{long}")), roman(" "), italic(format!("<{value}>"))]
        }
        Some(long) => vec![bold(format!("--{long}"))],
    }
}

/// The help text, with the default and the accepted values clap shows.
fn arg_help(arg: &Arg) -> String {
    let mut help = arg.get_long_help().or_else(|| arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() && !help.contains("[default") {
        help.push_str(&format!(" [default: {}]", defaults.join(", ")));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_string())
        .collect();
    if !possible.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&format!(" [possible values: {}]", possible.join(", ")));
    }
    help.trim().to_string()
}

/// Text whose blank lines start a new paragraph.
fn paragraphs(roff: &mut Roff, text: &str) {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(para.trim())]);
    }
}

/// A command's examples, as they are typed: lines kept as they are (the
/// examples are at most 73 columns, so they fit 80 beside the page's margin).
fn examples_block(roff: &mut Roff, path: &str) {
    let Some(list) = examples::for_path(path) else { return };
    roff.control("nf", []);
    for (i, (what, invocation)) in list.iter().enumerate() {
        if !what.is_empty() {
            if i > 0 {
                roff.text([roman("")]);
            }
            roff.text([italic(format!("# {what}"))]);
        }
        for line in invocation.lines() {
            roff.text([roman(line)]);
        }
    }
    roff.control("fi", []);
}

/// What every page of a command-line tool ends with: exit status and
/// environment.
fn trailer(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        ("0", "Success."),
        (
            "1",
            "A check failed: verify found a break, or a report found nothing where something was required.",
        ),
        (
            "2",
            "Bad usage or bad input; nothing was written. The message names the field and what is accepted.",
        ),
        (
            "3",
            "The ledger is missing, locked by another process, unreadable, read-only or out of space, \
               or a server cannot be reached or its history diverged.",
        ),
        ("130", "Cancelled at a prompt; nothing was written."),
    ] {
        roff.control("TP", []).text([bold(code)]).text([roman(meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in [
        ("CANDOR_LEDGER", "The ledger directory, as --ledger."),
        ("CANDOR_ACTOR", "Whose local key signs, as --as."),
        ("CANDOR_REMOTE", "The server whose ledger to use, as --remote."),
        ("CANDOR_NOW", "The recording clock (RFC 3339), for scripts and tests."),
        ("CANDOR_KEYS", "Where this machine's private keys are kept [default: ~/.config/candor/keys]."),
        ("CANDOR_CA_CERT", "A private certificate authority to trust for --remote."),
        ("NO_COLOR", "When set to anything, status words are not coloured (with --color auto)."),
    ] {
        roff.control("TP", []).text([bold(name)]).text([roman(meaning)]);
    }
}
