//! Prompts behind a trait: inquire for people, a script for tests. Every
//! value a prompt asks for also has a flag; without a terminal nothing asks.

use candor::{Error, Result};
use inquire::InquireError;

pub trait Prompter {
    /// Free text; `check` returns the message shown for a rejected answer.
    fn text(
        &mut self,
        label: &str,
        default: Option<&str>,
        check: fn(&str) -> Result<(), String>,
    ) -> Result<String>;
    /// One of `options`; returns its index.
    fn select(&mut self, label: &str, options: &[String], start: usize) -> Result<usize>;
    fn confirm(&mut self, label: &str, default: bool) -> Result<bool>;
}

/// The real terminal.
pub struct Terminal;

fn cancelled(e: InquireError) -> Error {
    match e {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Error::Cancelled,
        other => Error::Usage(format!("prompt failed: {other}")),
    }
}

impl Prompter for Terminal {
    fn text(
        &mut self,
        label: &str,
        default: Option<&str>,
        check: fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        let validator =
            move |s: &str| -> std::result::Result<inquire::validator::Validation, inquire::CustomUserError> {
                Ok(match check(s) {
                    Ok(()) => inquire::validator::Validation::Valid,
                    Err(m) => inquire::validator::Validation::Invalid(m.into()),
                })
            };
        let mut p = inquire::Text::new(label).with_validator(validator);
        if let Some(d) = default {
            p = p.with_default(d);
        }
        p.prompt().map_err(cancelled)
    }

    fn select(&mut self, label: &str, options: &[String], start: usize) -> Result<usize> {
        inquire::Select::new(label, options.to_vec())
            .with_starting_cursor(start)
            .raw_prompt()
            .map(|o| o.index)
            .map_err(cancelled)
    }

    fn confirm(&mut self, label: &str, default: bool) -> Result<bool> {
        inquire::Confirm::new(label).with_default(default).prompt().map_err(cancelled)
    }
}

/// Answers given in advance, for unit tests of each wizard. An answer of
/// `"<esc>"` cancels, like Esc at a real prompt.
#[cfg(test)]
pub struct Scripted(pub std::collections::VecDeque<String>);

#[cfg(test)]
impl Scripted {
    pub fn new(answers: &[&str]) -> Scripted {
        Scripted(answers.iter().map(|s| s.to_string()).collect())
    }

    fn next(&mut self) -> Result<String> {
        match self.0.pop_front() {
            Some(a) if a == "<esc>" => Err(Error::Cancelled),
            Some(a) => Ok(a),
            None => Err(Error::Usage("script ran out of answers".into())),
        }
    }
}

#[cfg(test)]
impl Prompter for Scripted {
    fn text(
        &mut self,
        _: &str,
        default: Option<&str>,
        check: fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        let a = self.next()?;
        let a = if a.is_empty() { default.unwrap_or("").to_string() } else { a };
        check(&a).map_err(|m| Error::Usage(format!("scripted answer rejected: {m}")))?;
        Ok(a)
    }

    fn select(&mut self, _: &str, options: &[String], _: usize) -> Result<usize> {
        let a = self.next()?;
        options.iter().position(|o| *o == a).ok_or_else(|| Error::Usage(format!("no option {a}")))
    }

    fn confirm(&mut self, _: &str, _: bool) -> Result<bool> {
        Ok(self.next()? == "y")
    }
}

/// The error for values that are missing when no prompt may be shown.
pub fn missing_flags(flags: &[&str]) -> Error {
    Error::Usage(format!(
        "missing {}; give {} as flags (prompts need a terminal, and --no-input turns them off)",
        flags.join(", "),
        if flags.len() == 1 { "it" } else { "them" }
    ))
}
