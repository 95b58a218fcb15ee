//! The three questions and the rating, asked with no answer chosen in
//! advance: Enter alone is refused and the question asked again, so
//! every answer recorded is one somebody gave.

use crate::cli::prompt::{check, Prompter};
use candor::core::decide::meeting::{self, NO_ADJUSTMENT};
use candor::core::vocab::Answer;
use candor::Result;

/// Typed to record the meeting without a rating.
pub const NO_RATING: &str = "skip";

/// yes, partly or no — the word or its first letter; nothing is assumed.
pub fn parse_answer(s: &str) -> std::result::Result<Answer, String> {
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err("choose an answer: type yes, partly or no".into());
    }
    Answer::ALL
        .iter()
        .copied()
        .find(|a| a.as_str() == t || (t.len() == 1 && a.as_str().starts_with(&t)))
        .ok_or_else(|| format!("'{}' is not an answer; type yes, partly or no", s.trim()))
}

pub fn answer(p: &mut dyn Prompter, question: &str) -> Result<Answer> {
    let a = p.text(&format!("{question} (yes, partly or no)"), None, check(parse_answer))?;
    parse_answer(&a).map_err(candor::Error::Usage)
}

/// How and when, or "none"; an empty answer is not taken as "none".
pub fn parse_adjustment(s: &str) -> std::result::Result<String, String> {
    if s.trim().is_empty() {
        return Err(format!("say how and when, or type {NO_ADJUSTMENT} to keep the plan as it is"));
    }
    meeting::adjustment(s).map_err(|e| e.to_string())
}

pub fn adjustment(p: &mut dyn Prompter) -> Result<String> {
    let label = format!("Do we adjust the plan — how and when? (or {NO_ADJUSTMENT} to keep it)");
    let a = p.text(&label, None, check(parse_adjustment))?;
    parse_adjustment(&a).map_err(candor::Error::Usage)
}

/// 1–10, or "skip" for no rating; an empty answer is neither.
pub fn parse_rating(s: &str) -> std::result::Result<Option<u8>, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case(NO_RATING) {
        return Ok(None);
    }
    if t.is_empty() {
        return Err(format!("type a rating from 1 to 10, or {NO_RATING} to record no rating"));
    }
    let r: u8 = t
        .parse()
        .map_err(|_| format!("'{t}' is not a rating; type a whole number from 1 to 10, or {NO_RATING}"))?;
    meeting::rating(r).map(Some)
}

pub fn rating(p: &mut dyn Prompter) -> Result<Option<u8>> {
    let label = format!("How useful was this meeting, 1–10? ({NO_RATING} for no rating)");
    let a = p.text(&label, None, check(parse_rating))?;
    parse_rating(&a).map_err(candor::Error::Usage)
}
