//! `candor replay FILE`: run a script of candor commands into a ledger.
//!
//! A script line is `@RFC3339-TIME command args…`: the time is the
//! recording clock for that line (it must not go backwards). Arguments are
//! split on white space; "double quotes" keep spaces, `\"` is a quote.
//! Blank lines and lines starting with `#` are ignored. Every line goes
//! through the same validation as typing it, against the state the lines
//! before it built; the whole script is then written as one durable append.
//! The first refused line stops the replay, says which line it was, and
//! nothing is written. With `--each`, each line is written on its own (the
//! older, slower way) and a refused line says which records the lines
//! before it recorded. A script records only into its ledger: a line that
//! writes a file elsewhere is refused before any line runs.

use super::context::Context;
use super::input::{read_text, SCRIPT_LIMIT};
use super::{record, Cli, Command};
use candor::core::Timestamp;
use candor::ledger::{Digest, Ledger};
use candor::{Error, Result};
use clap::{CommandFactory, FromArgMatches};
use std::cell::RefCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How deep scripts may replay other scripts.
pub const MAX_DEPTH: usize = 8;
/// How many lines the scripts a replay names may add up to, counted every
/// time one is named: twenty scripts naming twenty others four deep is
/// 160,000 lines to check and run, and one more level would be millions.
pub const NESTED_LINES: usize = 200_000;

thread_local! {
    /// The script files being replayed, outermost first: a script that
    /// replays one of them would recurse until the stack overflows.
    static REPLAYING: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
    /// Lines of nested scripts named so far by the outermost script's check,
    /// each counted every time it is named.
    static NESTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Scripts already checked under the outermost replay, with the lines
    /// they expand to: each file is read and parsed once, however often named.
    static CHECKED: RefCell<std::collections::HashMap<PathBuf, usize>> = RefCell::new(Default::default());
}

#[derive(clap::Args)]
pub struct ReplayArgs {
    /// A script of candor commands, one per line
    file: PathBuf,
    /// Print each command's output (quiet by default)
    #[arg(long)]
    verbose: bool,
    /// Write each line durably on its own (slower; a refused line leaves the lines before it written)
    #[arg(long)]
    each: bool,
}

pub fn run(ctx: &Context, args: ReplayArgs) -> Result<()> {
    let text = read_text(&args.file, "a replay script", SCRIPT_LIMIT)?;
    let key = identity(&args.file);
    if REPLAYING.with(|r| r.borrow().is_empty()) {
        NESTED.with(|c| c.set(0));
        CHECKED.with(|c| c.borrow_mut().clear());
    }
    REPLAYING.with(|r| r.borrow_mut().push(key));
    let outcome = match args.each || record::batch::active() {
        true => replay_script(&ctx.ledger_dir, &text, args.verbose),
        false => replay_batched(&ctx.ledger_dir, &text, args.verbose),
    };
    REPLAYING.with(|r| r.borrow_mut().pop());
    let lines = outcome?;
    eprintln!("replayed {lines} commands from {} into {}", args.file.display(), ctx.ledger_dir.display());
    Ok(())
}

/// Replays `script` as one durable append: every line decides against the
/// state the lines before it built; a refused line writes nothing.
pub fn replay_batched(dir: &Path, script: &str, verbose: bool) -> Result<usize> {
    record::batch::begin(dir);
    let outcome = replay_script(dir, script, verbose);
    let written = record::batch::finish(outcome.is_ok());
    let count = outcome?;
    written?;
    Ok(count)
}

/// Replays `script` into the ledger at `dir`; returns the number of commands.
/// Inside a batch the lines only decide; otherwise each line is written.
/// Every line is parsed and checked first (and every script it replays), so
/// a malformed or forbidden line anywhere writes nothing.
pub fn replay_script(dir: &Path, script: &str, verbose: bool) -> Result<usize> {
    let mut stack = REPLAYING.with(|r| r.borrow().clone());
    // The outermost check counts every nested line; a nested script's own
    // check, when it runs, was already counted there.
    let outermost = stack.len() <= 1;
    let lines = check(dir, script, &mut stack);
    if outermost {
        NESTED.with(|c| c.set(0));
    }
    let lines = lines?;
    // Inside a batch nothing is written before its end: no head to compare.
    let batched = record::batch::active();
    let before = if batched { None } else { head_of(dir) };
    let mut count = 0;
    for (n, now, cli) in lines {
        super::output::set_quiet(!verbose);
        let outcome = super::run_at(cli, Some(now));
        super::output::set_quiet(false);
        if let Err(e) = outcome {
            let e = relabel(e, n);
            return Err(if batched { e } else { stopped(dir, before, e, n) });
        }
        count += 1;
    }
    Ok(count)
}

/// Parses every line; refuses one that would write outside the ledger, and
/// a replay of a script already being replayed (or nested too deep).
fn check(dir: &Path, script: &str, stack: &mut Vec<PathBuf>) -> Result<Vec<(usize, Timestamp, Cli)>> {
    let mut lines = Vec::new();
    // Built once: building clap's command tree costs more than parsing a line.
    let mut parser = Cli::command();
    for (i, raw) in script.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |m: String| Error::input(format!("line {n}"), m);
        let (time, rest) = line
            .strip_prefix('@')
            .and_then(|l| l.split_once(char::is_whitespace))
            .ok_or_else(|| bad("expected '@TIME command …'".into()))?;
        let now = Timestamp::parse(time).map_err(bad)?;
        let words = split_words(rest).map_err(bad)?;
        // The ledger directory goes in as given (not lossily), so that
        // `writes_outside` can compare it exactly.
        let mut argv: Vec<OsString> = vec!["candor".into(), "--no-input".into(), "--ledger".into()];
        argv.push(dir.as_os_str().to_owned());
        argv.extend(words.into_iter().map(OsString::from));
        let cli = parser
            .try_get_matches_from_mut(&argv)
            .and_then(|m| Cli::from_arg_matches(&m))
            .map_err(|e| bad(e.to_string().lines().next().unwrap_or("").to_string()))?;
        if let Some(what) = writes_outside(&cli, dir) {
            return Err(bad(format!(
                "{what} writes outside the ledger; a replay script may only record into its ledger \
                 (nothing of the script was run)"
            )));
        }
        if let Command::Replay(nested) = &cli.command {
            check_nested(dir, &nested.file, n, stack)?;
        }
        lines.push((n, now, cli));
    }
    Ok(lines)
}

/// What in a script line would write a file beside or outside the ledger.
fn writes_outside(cli: &Cli, dir: &Path) -> Option<&'static str> {
    match &cli.command {
        _ if cli.ledger.as_deref() != Some(dir) => Some("--ledger"),
        Command::Export(a) if a.output.is_some() => Some("export --output"),
        Command::Brief(a) if a.output.is_some() => Some("brief --output"),
        Command::Demo(_) => Some("demo"),
        Command::Salvage(_) => Some("salvage --output"),
        Command::Bench(_) => Some("bench"),
        _ => None,
    }
}

fn check_nested(dir: &Path, file: &Path, n: usize, stack: &mut Vec<PathBuf>) -> Result<()> {
    let key = identity(file);
    let field = format!("line {n}");
    if stack.contains(&key) {
        return Err(Error::input(
            field,
            format!("replay {} includes itself at line {n}; a script cannot replay itself, directly or through another", file.display()),
        ));
    }
    if stack.len() >= MAX_DEPTH {
        return Err(Error::input(
            field,
            format!("replay {} nests scripts deeper than {MAX_DEPTH}", file.display()),
        ));
    }
    // A script checked before expands to what it did then: its subtree had
    // no cycle, so it cannot lead back to anything on the stack now.
    if let Some(lines) = CHECKED.with(|c| c.borrow().get(&key).copied()) {
        return count_nested(lines, file, &field);
    }
    let text = read_text(file, "a replay script", SCRIPT_LIMIT).map_err(|e| relabel(e, n))?;
    let before = NESTED.with(|c| c.get());
    count_nested(text.lines().count(), file, &field)?;
    stack.push(key.clone());
    let outcome = check(dir, &text, stack).map_err(|e| relabel(e, n));
    stack.pop();
    let expanded = NESTED.with(|c| c.get()) - before;
    CHECKED.with(|c| c.borrow_mut().insert(key, expanded));
    outcome.map(|_| ())
}

/// Adds `lines` to the nested lines named so far, refusing past the limit.
fn count_nested(lines: usize, file: &Path, field: &str) -> Result<()> {
    if REPLAYING.with(|r| r.borrow().len()) > 1 {
        return Ok(()); // a nested script running: counted by the outermost check
    }
    let total = NESTED.with(|c| {
        c.set(c.get().saturating_add(lines));
        c.get()
    });
    if total > NESTED_LINES {
        return Err(Error::input(
            field.to_string(),
            format!(
                "replay {}: the scripts this replay names add up to more than {NESTED_LINES} lines \
                 (each counted every time it is named); replay them one after another instead",
                file.display()
            ),
        ));
    }
    Ok(())
}

/// A file's identity for the include check: its canonical path when it has one.
fn identity(file: &Path) -> PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf())
}

fn head_of(dir: &Path) -> Option<Digest> {
    Ledger::open(dir).ok().and_then(|l| l.head())
}

/// The error for a line that failed: unchanged when nothing was written,
/// else it says which records the lines before it recorded.
fn stopped(dir: &Path, before: Option<Digest>, e: Error, n: usize) -> Error {
    let after = head_of(dir);
    match after {
        Some(head) if after != before => {
            let from = before.map_or(1, |b| b.seq + 1);
            let records = if from == head.seq {
                format!("record {from}")
            } else {
                format!("records {from}–{}", head.seq)
            };
            // Exit 2 promises that nothing was written; a failure of the
            // disk keeps its own 3.
            let exit = match e.exit_code() {
                2 => 1,
                other => other,
            };
            Error::PartlyWritten {
                message: format!(
                    "{e}\nthe replay stopped at line {n}; the lines before it were recorded: {records} (head {head})"
                ),
                exit,
            }
        }
        _ => e,
    }
}

fn relabel(e: Error, line: usize) -> Error {
    match e {
        Error::Input { field, message } => Error::input(format!("line {line}: {field}"), message),
        Error::Usage(m) => Error::Usage(format!("line {line}: {m}")),
        other => other,
    }
}

/// Splits on white space, keeping "double-quoted" words together.
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_quotes = false;
    let mut has_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_quotes => match chars.next() {
                Some(next) => word.push(next),
                None => return Err("a line ends with a backslash".into()),
            },
            '"' => {
                in_quotes = !in_quotes;
                has_word = true;
            }
            c if c.is_whitespace() && !in_quotes => {
                if has_word {
                    words.push(std::mem::take(&mut word));
                    has_word = false;
                }
            }
            c => {
                word.push(c);
                has_word = true;
            }
        }
    }
    if in_quotes {
        return Err("a quote is not closed".into());
    }
    if has_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[test]
    fn words_and_quotes() {
        assert_eq!(
            split_words(r#"a "b c" "" d\e "x \"y\"""#).unwrap(),
            vec!["a", "b c", "", "d\\e", "x \"y\""]
        );
        assert!(split_words("\"open").is_err());
    }
}
