//! Prompts behind a trait: inquire for people, a script for tests. Every
//! value a prompt asks for also has a flag; without a terminal nothing asks.

use candor::core::Date;
use candor::{Error, Result};
use inquire::validator::Validation;
use inquire::InquireError;
use std::rc::Rc;

/// A rule an answer must pass; the message says what is accepted.
pub type Check = Rc<dyn Fn(&str) -> Result<(), String>>;

/// Wraps a validation function as a prompt check.
pub fn check<T>(rule: impl Fn(&str) -> Result<T, String> + 'static) -> Check {
    Rc::new(move |s| rule(s).map(|_| ()))
}

pub trait Prompter {
    /// Free text; `check` gives the message shown for a rejected answer.
    fn text(&mut self, label: &str, default: Option<&str>, check: Check) -> Result<String>;
    /// One of `options` (type to filter); returns its index.
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
    fn text(&mut self, label: &str, default: Option<&str>, check: Check) -> Result<String> {
        let validator = move |s: &str| -> std::result::Result<Validation, inquire::CustomUserError> {
            Ok(match check(s) {
                Ok(()) => Validation::Valid,
                Err(m) => Validation::Invalid(m.into()),
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
            .with_starting_cursor(start.min(options.len().saturating_sub(1)))
            .raw_prompt()
            .map(|o| o.index)
            .map_err(cancelled)
    }

    fn confirm(&mut self, label: &str, default: bool) -> Result<bool> {
        inquire::Confirm::new(label).with_default(default).prompt().map_err(cancelled)
    }
}

/// Answers given in advance, for unit tests of each wizard. `"<esc>"`
/// cancels like Esc; an empty answer takes the default.
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
    fn text(&mut self, _: &str, default: Option<&str>, check: Check) -> Result<String> {
        let a = self.next()?;
        let a = if a.is_empty() { default.unwrap_or("").to_string() } else { a };
        check(&a).map_err(|m| Error::Usage(format!("scripted answer rejected: {m}")))?;
        Ok(a)
    }

    fn select(&mut self, _: &str, options: &[String], start: usize) -> Result<usize> {
        let a = self.next()?;
        if a.is_empty() {
            return Ok(start);
        }
        options
            .iter()
            .position(|o| *o == a || o.starts_with(&format!("{a} ")))
            .ok_or_else(|| Error::Usage(format!("no option {a} in {options:?}")))
    }

    fn confirm(&mut self, _: &str, default: bool) -> Result<bool> {
        let a = self.next()?;
        Ok(if a.is_empty() { default } else { a == "y" })
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

/// Gathers a command's values: the flag's value when given; otherwise a
/// prompt when one may be shown; otherwise the flag is noted as missing and
/// `finish` reports every missing flag at once.
pub struct Ask<'a> {
    prompter: Option<&'a mut dyn Prompter>,
    missing: Vec<&'static str>,
    asked: bool,
}

impl<'a> Ask<'a> {
    pub fn new(prompter: Option<&'a mut dyn Prompter>) -> Ask<'a> {
        Ask { prompter, missing: Vec::new(), asked: false }
    }

    /// Required text. Without a prompt, a missing value returns "".
    pub fn text(
        &mut self,
        value: Option<String>,
        flag: &'static str,
        label: &str,
        rule: Check,
    ) -> Result<String> {
        self.text_with_default(value, flag, label, None, rule)
    }

    pub fn text_with_default(
        &mut self,
        value: Option<String>,
        flag: &'static str,
        label: &str,
        default: Option<&str>,
        rule: Check,
    ) -> Result<String> {
        if let Some(v) = value {
            return Ok(v);
        }
        match self.prompter.as_deref_mut() {
            Some(p) => {
                self.asked = true;
                p.text(label, default, rule)
            }
            None => {
                self.missing.push(flag);
                Ok(String::new())
            }
        }
    }

    /// Optional text: a value given, or (when prompting) an answer that may
    /// be left empty; never missing.
    pub fn optional_text(
        &mut self,
        value: Option<String>,
        label: &str,
        rule: Check,
    ) -> Result<Option<String>> {
        if value.is_some() {
            return Ok(value);
        }
        match self.prompter.as_deref_mut() {
            Some(p) => {
                self.asked = true;
                let empty_ok: Check = Rc::new(move |s| if s.trim().is_empty() { Ok(()) } else { rule(s) });
                let answer = p.text(&format!("{label} (Enter to skip)"), None, empty_ok)?;
                Ok(Some(answer).filter(|a| !a.trim().is_empty()))
            }
            None => Ok(None),
        }
    }

    /// A date with a default: the flag, else a prompt, else the default.
    pub fn date(&mut self, value: Option<Date>, label: &str, default: Date) -> Result<Date> {
        if let Some(v) = value {
            return Ok(v);
        }
        match self.prompter.as_deref_mut() {
            Some(p) => {
                self.asked = true;
                let answer = p.text(label, Some(&default.to_string()), check(Date::parse))?;
                Date::parse(&answer).map_err(Error::Usage)
            }
            None => Ok(default),
        }
    }

    /// A required date (no sensible default without asking).
    pub fn required_date(
        &mut self,
        value: Option<Date>,
        flag: &'static str,
        label: &str,
        suggestion: Date,
    ) -> Result<Option<Date>> {
        if value.is_some() {
            return Ok(value);
        }
        if self.prompter.is_none() {
            self.missing.push(flag);
            return Ok(None);
        }
        self.date(None, label, suggestion).map(Some)
    }

    /// One of `options` (labels); returns the chosen index, or None when missing.
    pub fn choose(
        &mut self,
        flag: &'static str,
        label: &str,
        options: &[String],
        start: usize,
    ) -> Result<Option<usize>> {
        match self.prompter.as_deref_mut() {
            Some(p) if !options.is_empty() => {
                self.asked = true;
                p.select(label, options, start).map(Some)
            }
            _ => {
                self.missing.push(flag);
                Ok(None)
            }
        }
    }

    /// One of `options`, asked when a prompt may be shown, else `default`.
    pub fn choose_or(&mut self, label: &str, options: &[String], default: usize) -> Result<usize> {
        match self.prompter.as_deref_mut() {
            Some(p) => {
                self.asked = true;
                p.select(label, options, default)
            }
            None => Ok(default),
        }
    }

    /// Whether a prompt may be shown.
    pub fn interactive(&self) -> bool {
        self.prompter.is_some()
    }

    /// Reports missing flags; when anything was asked, shows the summary and
    /// asks for confirmation (declining cancels, writing nothing).
    pub fn finish(mut self, summary: &str) -> Result<()> {
        if !self.missing.is_empty() {
            return Err(missing_flags(&self.missing));
        }
        if let (true, Some(p)) = (self.asked, self.prompter.as_deref_mut()) {
            if !p.confirm(&format!("{summary} — record this?"), true)? {
                return Err(Error::Cancelled);
            }
        }
        Ok(())
    }
}
