//! How terminal output looks: how wide it may be and whether status words
//! are coloured. Set once per command from the command line's options
//! (`cli::run_at`); renderers take a `Look` so tests can render at 80
//! columns without a terminal, and the everyday entry points read the
//! process's one setting.

use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    /// The most columns a line may take; `None` prints every cell whole
    /// (a pipe, a file, `--wide`).
    pub width: Option<u16>,
    /// Status words in colour (ANSI); the words stay either way.
    pub color: bool,
}

/// 0 stands for "no limit".
static WIDTH: AtomicU16 = AtomicU16::new(0);
static COLOR: AtomicBool = AtomicBool::new(false);

/// The narrowest layout we attempt: below this, lines are cut hard.
pub const NARROWEST: u16 = 20;

impl Look {
    /// Full content, no colour: pipes, files, Markdown.
    pub const PLAIN: Look = Look { width: None, color: false };

    pub fn fitted(width: u16) -> Look {
        Look { width: Some(width.max(NARROWEST)), color: false }
    }

    /// The width as a number of columns, if limited.
    pub fn columns(&self) -> Option<usize> {
        self.width.map(usize::from)
    }
}

/// Sets the process's look (the command line does this once per command).
pub fn set(look: Look) {
    WIDTH.store(look.width.map_or(0, |w| w.max(NARROWEST)), Ordering::Relaxed);
    COLOR.store(look.color, Ordering::Relaxed);
}

/// The process's look: plain and unlimited unless the command line set it.
pub fn current() -> Look {
    let w = WIDTH.load(Ordering::Relaxed);
    Look { width: (w > 0).then_some(w), color: COLOR.load(Ordering::Relaxed) }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Bad,
    Warn,
    Good,
}

impl Tone {
    fn code(self) -> &'static str {
        match self {
            Tone::Bad => "31",
            Tone::Warn => "33",
            Tone::Good => "32",
        }
    }
}

/// Status words and their tone, longest first so "done late" wins over "done".
const WORDS: [(&str, Tone); 22] = [
    ("not acknowledged", Tone::Warn),
    ("acknowledged", Tone::Good),
    ("rescheduled", Tone::Warn),
    ("kept late", Tone::Warn),
    ("done late", Tone::Warn),
    ("triggered", Tone::Bad),
    ("on track", Tone::Good),
    ("off track", Tone::Bad),
    ("overdue", Tone::Bad),
    ("at risk", Tone::Bad),
    ("pending", Tone::Warn),
    ("slipped", Tone::Bad),
    ("missed", Tone::Bad),
    ("failed", Tone::Bad),
    ("amber", Tone::Warn),
    ("green", Tone::Good),
    ("kept", Tone::Good),
    ("done", Tone::Good),
    ("lost", Tone::Bad),
    ("met", Tone::Good),
    ("red", Tone::Bad),
    ("won", Tone::Good),
];

/// The status word a piece of text starts with (the whole text, or the
/// word followed by a space, a comma or a parenthesis), and its tone.
///
/// A status word ends the words of its cell (what follows is a date, a
/// figure or punctuation), so free text that merely begins with one ("Red
/// Rock Mining", "Lost deals review", "met the board") is left alone.
pub fn status_word(text: &str) -> Option<(&'static str, Tone)> {
    let lower = text.trim_start().to_ascii_lowercase();
    WORDS.iter().copied().find(|(w, _)| {
        lower.strip_prefix(w).is_some_and(|rest| {
            let after = rest.trim_start();
            let ends_words = after.chars().next().is_none_or(|c| !c.is_alphabetic());
            (rest.is_empty()
                || rest.starts_with(char::is_whitespace)
                || rest.starts_with([',', '(', ':', '.']))
                && ends_words
        })
    })
}

/// `text` whose first line begins with `lead` (a bullet, a label moved under
/// its row) with the value after it painted, so a status word keeps its colour.
pub fn paint_after(text: &str, lead: &str, look: Look) -> String {
    match text.strip_prefix(lead) {
        Some(rest) => format!("{lead}{}", paint(rest, look)),
        None => text.to_string(),
    }
}

/// `text` with its leading status word coloured when the look says so;
/// the text itself never changes, so the word is never the only signal.
pub fn paint(text: &str, look: Look) -> String {
    if !look.color {
        return text.to_string();
    }
    let Some((word, tone)) = status_word(text) else { return text.to_string() };
    let lead = text.len() - text.trim_start().len();
    let (head, tail) = text.split_at(lead + word.len());
    format!("{}\x1b[{}m{}\x1b[0m{tail}", &head[..lead], tone.code(), &head[lead..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_only_the_leading_status_word_and_only_in_colour() {
        let on = Look { width: None, color: true };
        assert_eq!(paint("red", on), "\x1b[31mred\x1b[0m");
        assert_eq!(paint("done late (2026-01-02)", on), "\x1b[33mdone late\x1b[0m (2026-01-02)");
        assert_eq!(
            paint("missed (2026-01-02), done 2026-01-05", on),
            "\x1b[31mmissed\x1b[0m (2026-01-02), done 2026-01-05"
        );
        assert_eq!(paint("redo the deck", on), "redo the deck");
        assert_eq!(paint("Red Rock Mining", on), "Red Rock Mining");
        assert_eq!(paint("Lost deals review", on), "Lost deals review");
        assert_eq!(paint("met the board", on), "met the board");
        assert_eq!(paint("green", Look::PLAIN), "green");
        assert_eq!(status_word("Won 2026-03-01"), Some(("won", Tone::Good)));
    }
}
