//! The summary and what follows it, once for every wizard: "Yes" records,
//! "No" offers each answer to change (or Cancel), and the wizard runs again
//! with the other answers kept. A whole-record refusal found after the last
//! prompt goes back the same way, to the answer it names.

use super::answers::Answer;
use super::{missing_flags, Ask, Prompter};
use candor::{Error, Result};

/// The edit list's last choice: leave without recording.
pub const CANCEL: &str = "Cancel (record nothing)";

/// Room for an answer in the edit list, so a line fits 80 columns.
const SHOWN: usize = 40;

impl<'a> Ask<'a> {
    /// Runs `gather` (the wizard: prompts, then the decision and its
    /// summary) until the person says "Yes" to the summary. Without a
    /// terminal, or when flags gave everything, it runs once and asks nothing.
    pub fn settle<T>(&mut self, mut gather: impl FnMut(&mut Ask<'a>) -> Result<(T, String)>) -> Result<T> {
        // Flags found missing before the wizard's loop (asked outside it)
        // stay missing in every run.
        let before = std::mem::take(&mut self.missing);
        loop {
            self.missing.clone_from(&before);
            self.answers.begin();
            let outcome = gather(self);
            self.answers.end();
            if !self.missing.is_empty() {
                return Err(missing_flags(&self.missing));
            }
            let asked = self.asked;
            let Some(p) = self.prompter.as_deref_mut().filter(|_| asked) else {
                return outcome.map(|(value, _)| value);
            };
            let start = match outcome {
                Ok((value, summary)) => {
                    if p.confirm(&format!("{summary} — record this?"), true)? {
                        return Ok(value);
                    }
                    0
                }
                // A rule over the whole record: back to the answer it names.
                Err(Error::Input { field, message }) => match self.answers.of_flag(&field) {
                    Some(i) => {
                        p.say(&format!("{field}: {message}"));
                        i
                    }
                    None => return Err(Error::Input { field, message }),
                },
                Err(other) => return Err(other),
            };
            let i = choose_answer(p, self.answers.asked(), start)?;
            self.answers.edit(i);
        }
    }
}

/// Which answer to change: each with the person's answer, then Cancel.
fn choose_answer(p: &mut dyn Prompter, asked: &[Answer], start: usize) -> Result<usize> {
    let mut options: Vec<String> =
        asked.iter().map(|a| format!("{} {}", a.label.trim_end(), shorten(&a.shown))).collect();
    options.push(CANCEL.to_string());
    let i = p.select("Change which answer? (Esc cancels)", &options, start)?;
    if i >= asked.len() {
        return Err(Error::Cancelled);
    }
    Ok(i)
}

fn shorten(s: &str) -> String {
    candor::report::fit::cut(s.lines().next().unwrap_or(""), SHOWN)
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
