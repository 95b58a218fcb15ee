//! `candor replay FILE`: run a script of candor commands into a ledger.
//!
//! A script line is `@RFC3339-TIME command args…`: the time is the
//! recording clock for that line (it must not go backwards). Arguments are
//! split on white space; "double quotes" keep spaces, `\"` is a quote.
//! Blank lines and lines starting with `#` are ignored. Every line goes
//! through the same validation as typing it; the first refused line stops
//! the replay and says which line it was.

use super::context::Context;
use super::Cli;
use candor::core::Timestamp;
use candor::{Error, Result};
use clap::Parser;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ReplayArgs {
    /// A script of candor commands, one per line
    file: PathBuf,
    /// Print each command's output (quiet by default)
    #[arg(long)]
    verbose: bool,
}

pub fn run(ctx: &Context, args: ReplayArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| Error::input("FILE", format!("cannot read {}: {e}", args.file.display())))?;
    let lines = replay_script(&ctx.ledger_dir, &text, args.verbose)?;
    eprintln!("replayed {lines} commands from {} into {}", args.file.display(), ctx.ledger_dir.display());
    Ok(())
}

/// Replays `script` into the ledger at `dir`; returns the number of commands.
pub fn replay_script(dir: &Path, script: &str, verbose: bool) -> Result<usize> {
    let mut count = 0;
    for (n, raw) in script.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at_line = |e: Error| relabel(e, n + 1);
        let (time, rest) = line
            .strip_prefix('@')
            .and_then(|l| l.split_once(char::is_whitespace))
            .ok_or_else(|| Error::input(format!("line {}", n + 1), "expected '@TIME command …'"))?;
        let now = Timestamp::parse(time).map_err(|m| Error::input(format!("line {}", n + 1), m))?;
        let words = split_words(rest).map_err(|m| Error::input(format!("line {}", n + 1), m))?;
        let mut argv: Vec<String> = vec!["candor".into(), "--no-input".into(), "--ledger".into()];
        argv.push(dir.to_string_lossy().into_owned());
        argv.extend(words);
        let cli = Cli::try_parse_from(&argv).map_err(|e| {
            Error::input(format!("line {}", n + 1), e.to_string().lines().next().unwrap_or("").to_string())
        })?;
        let quiet = !verbose;
        super::output::set_quiet(quiet);
        let outcome = super::run_at(cli, Some(now));
        super::output::set_quiet(false);
        outcome.map_err(at_line)?;
        count += 1;
    }
    Ok(count)
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
