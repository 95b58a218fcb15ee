//! Prompts behind a trait: inquire for people, a script for tests. Every
//! value a prompt asks for also has a flag; without a terminal nothing asks.
//! A value the command would refuse is refused at its prompt; "No" at the
//! summary goes back to one answer (`settle`, in `edit`).

mod answers;
mod edit;

use answers::{Answers, Recall};
use candor::core::state::State;
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

/// Wraps a rule of the core (its error names a flag) as a prompt check: the
/// prompt shows the rule's own message, so both say the same thing.
pub fn rule<T>(core_rule: impl Fn(&str) -> Result<T> + 'static) -> Check {
    Rc::new(move |s| core_rule(s).map(|_| ()).map_err(message))
}

/// A date prompt's check: the date must parse, then pass `core_rule`.
pub fn date_rule(core_rule: impl Fn(Date) -> Result<()> + 'static) -> Check {
    Rc::new(move |s| core_rule(Date::parse(s)?).map_err(message))
}

/// The state a prompt's checks judge against. inquire keeps a check past
/// any borrow, so the checks share a copy, made only when a prompt may be
/// shown: flags and replay scripts never pay for it.
pub fn shared(ask: &Ask, state: &State) -> Rc<State> {
    Rc::new(if ask.interactive() { state.clone() } else { State::default() })
}

/// What a refusal says to the person at a prompt (the flag is theirs to
/// read in `--help`, not at the prompt).
pub fn message(e: Error) -> String {
    match e {
        Error::Input { message, .. } => message,
        other => other.to_string(),
    }
}

pub trait Prompter {
    /// Free text; `check` gives the message shown for a rejected answer.
    fn text(&mut self, label: &str, default: Option<&str>, check: Check) -> Result<String>;
    /// One of `options` (type to filter); returns its index.
    fn select(&mut self, label: &str, options: &[String], start: usize) -> Result<usize>;
    fn confirm(&mut self, label: &str, default: bool) -> Result<bool>;
    /// A line for the person between prompts (why an answer was refused).
    fn say(&mut self, line: &str) {
        eprintln!("{line}");
    }
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
/// cancels like Esc; an empty answer takes the default. What the wizard
/// said and the labels it asked are kept for the test to read.
#[cfg(test)]
pub struct Scripted {
    pub answers: std::collections::VecDeque<String>,
    pub said: Vec<String>,
    pub asked: Vec<String>,
}

#[cfg(test)]
impl Scripted {
    pub fn new(answers: &[&str]) -> Scripted {
        Scripted {
            answers: answers.iter().map(|s| s.to_string()).collect(),
            said: Vec::new(),
            asked: Vec::new(),
        }
    }

    /// Whether every answer was used.
    pub fn done(&self) -> bool {
        self.answers.is_empty()
    }

    fn next(&mut self) -> Result<String> {
        match self.answers.pop_front() {
            Some(a) if a == "<esc>" => Err(Error::Cancelled),
            Some(a) => Ok(a),
            None => Err(Error::Usage("script ran out of answers".into())),
        }
    }
}

#[cfg(test)]
impl Prompter for Scripted {
    fn text(&mut self, label: &str, default: Option<&str>, check: Check) -> Result<String> {
        self.asked.push(format!("{label} [{}]", default.unwrap_or("")));
        let a = self.next()?;
        let a = if a.is_empty() { default.unwrap_or("").to_string() } else { a };
        check(&a).map_err(|m| Error::Usage(format!("scripted answer rejected: {m}")))?;
        Ok(a)
    }

    fn select(&mut self, label: &str, options: &[String], start: usize) -> Result<usize> {
        self.asked.push(label.to_string());
        let a = self.next()?;
        if a.is_empty() {
            return Ok(start);
        }
        options
            .iter()
            .position(|o| *o == a || o.starts_with(&format!("{a} ")))
            .ok_or_else(|| Error::Usage(format!("no option {a} in {options:?}")))
    }

    fn confirm(&mut self, label: &str, default: bool) -> Result<bool> {
        self.asked.push(label.to_string());
        let a = self.next()?;
        Ok(if a.is_empty() { default } else { a == "y" })
    }

    fn say(&mut self, line: &str) {
        self.said.push(line.to_string());
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
/// `settle` reports every missing flag at once.
pub struct Ask<'a> {
    prompter: Option<&'a mut dyn Prompter>,
    missing: Vec<&'static str>,
    asked: bool,
    answers: Answers,
}

impl<'a> Ask<'a> {
    pub fn new(prompter: Option<&'a mut dyn Prompter>) -> Ask<'a> {
        Ask { prompter, missing: Vec::new(), asked: false, answers: Answers::default() }
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
        if self.prompter.is_none() {
            self.missing.push(flag);
            return Ok(String::new());
        }
        let answer = self.ask_text(label, default, rule)?;
        self.answers.keep(label, flag, answer.clone(), answer.clone());
        Ok(answer)
    }

    /// Asks (or recalls) one text answer; the caller keeps it.
    fn ask_text(&mut self, label: &str, default: Option<&str>, rule: Check) -> Result<String> {
        let recalled = self.answers.recall(label);
        let Some(p) = self.prompter.as_deref_mut() else {
            return Err(Error::Usage(format!("no terminal to ask: {label}")));
        };
        self.asked = true;
        match recalled {
            Recall::Fresh => p.text(label, default, rule),
            Recall::Edit(a) => p.text(label, Some(&a.value), rule),
            Recall::Keep(a) => match rule(&a.value) {
                Ok(()) => Ok(a.value),
                // Another answer changed what this one must be.
                Err(why) => {
                    p.say(&format!("{} {}: {why}", label.trim_end_matches([':', '?']), a.value));
                    p.text(label, Some(&a.value), rule)
                }
            },
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
        if value.is_some() || self.prompter.is_none() {
            return Ok(value);
        }
        let empty_ok: Check = Rc::new(move |s| if s.trim().is_empty() { Ok(()) } else { rule(s) });
        let label = format!("{label} (Enter to skip)");
        let answer = self.ask_text(&label, None, empty_ok)?;
        let shown = if answer.trim().is_empty() { "(none)".to_string() } else { answer.clone() };
        self.answers.keep(&label, "", answer.clone(), shown);
        Ok(Some(answer).filter(|a| !a.trim().is_empty()))
    }

    /// A date with a default, whose prompt refuses what `rule` refuses
    /// (`date_rule` builds one from a core rule).
    pub fn date_with(
        &mut self,
        value: Option<Date>,
        flag: &'static str,
        label: &str,
        default: Date,
        rule: Check,
    ) -> Result<Date> {
        if let Some(v) = value {
            return Ok(v);
        }
        if self.prompter.is_none() {
            return Ok(default);
        }
        let answer = self.ask_text(label, Some(&default.to_string()), rule)?;
        let date = Date::parse(&answer).map_err(Error::Usage)?;
        self.answers.keep(label, flag, answer, date.to_string());
        Ok(date)
    }

    /// A required date whose prompt refuses what `rule` refuses.
    pub fn required_date_with(
        &mut self,
        value: Option<Date>,
        flag: &'static str,
        label: &str,
        suggestion: Date,
        rule: Check,
    ) -> Result<Option<Date>> {
        if value.is_some() {
            return Ok(value);
        }
        if self.prompter.is_none() {
            self.missing.push(flag);
            return Ok(None);
        }
        self.date_with(None, flag, label, suggestion, rule).map(Some)
    }

    /// Asks (or recalls) one choice among `options`.
    fn ask_select(
        &mut self,
        flag: &'static str,
        label: &str,
        options: &[String],
        start: usize,
    ) -> Result<usize> {
        let recalled = self.answers.recall(label);
        let Some(p) = self.prompter.as_deref_mut() else {
            return Err(Error::Usage(format!("no terminal to ask: {label}")));
        };
        self.asked = true;
        // An earlier choice counts only if the same option is still there.
        let earlier = |a: &answers::Answer| {
            a.value.parse::<usize>().ok().filter(|&i| options.get(i).is_some_and(|o| *o == a.shown))
        };
        let i = match recalled {
            Recall::Keep(a) if earlier(&a).is_some() => earlier(&a).unwrap_or(start),
            Recall::Edit(a) => p.select(label, options, earlier(&a).unwrap_or(start))?,
            _ => p.select(label, options, start)?,
        };
        self.answers.keep(label, flag, i.to_string(), options.get(i).cloned().unwrap_or_default());
        Ok(i)
    }

    /// One of `options` (labels); returns the chosen index, or None when missing.
    pub fn choose(
        &mut self,
        flag: &'static str,
        label: &str,
        options: &[String],
        start: usize,
    ) -> Result<Option<usize>> {
        if self.prompter.is_none() || options.is_empty() {
            self.missing.push(flag);
            return Ok(None);
        }
        self.ask_select(flag, label, options, start).map(Some)
    }

    /// One of `options`, asked when a prompt may be shown, else `default`.
    pub fn choose_or(&mut self, label: &str, options: &[String], default: usize) -> Result<usize> {
        if self.prompter.is_none() {
            return Ok(default);
        }
        self.ask_select("", label, options, default)
    }

    /// Whether the prompt `label` will be shown in this run: not when an
    /// earlier run's answer is kept (a wizard run again after "No").
    pub fn will_ask(&self, label: &str) -> bool {
        self.prompter.is_some() && !matches!(self.answers.recall(label), answers::Recall::Keep(_))
    }

    /// Whether a prompt may be shown.
    pub fn interactive(&self) -> bool {
        self.prompter.is_some()
    }
}
