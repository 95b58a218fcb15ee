//! Text measured as the terminal shows it: columns, not bytes or chars
//! (wide characters take two, colour codes none), cut with "…" or
//! wrapped at word boundaries.

use unicode_width::UnicodeWidthChar;

/// The columns `text` takes on a terminal; ANSI colour codes take none.
pub fn width(text: &str) -> usize {
    let mut cols = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters… final byte in @..~
            for k in chars.by_ref() {
                if ('@'..='~').contains(&k) && k != '[' {
                    break;
                }
            }
            continue;
        }
        cols += c.width().unwrap_or(0);
    }
    cols
}

/// The widest line of a (possibly multi-line) text.
pub fn widest_line(text: &str) -> usize {
    text.lines().map(width).max().unwrap_or(0)
}

/// `text` (plain, one line) in at most `max` columns, ending with "…" when cut.
pub fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// `text` padded with spaces to `cols` columns.
pub fn pad(text: &str, cols: usize) -> String {
    let w = width(text);
    format!("{text}{}", " ".repeat(cols.saturating_sub(w)))
}

/// `text` (plain) broken into lines of at most `max` columns, at spaces
/// where it can, mid-word where one word is longer than a line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let sep = usize::from(!line.is_empty());
            if width(&line) + sep + width(word) <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than a line is broken where the line ends.
            let mut rest = word;
            while width(rest) > max {
                let mut used = 0;
                let at = rest
                    .char_indices()
                    .find(|(_, c)| {
                        used += c.width().unwrap_or(0);
                        used > max
                    })
                    .map_or(rest.len(), |(i, _)| i);
                let at = if at == 0 { rest.chars().next().map_or(rest.len(), char::len_utf8) } else { at };
                lines.push(rest[..at].to_string());
                rest = &rest[at..];
            }
            line.push_str(rest);
        }
        lines.push(line);
    }
    lines
}

/// `text` wrapped to `max` columns, every line after the first indented
/// by `indent` spaces (so continuation lines read as one item).
pub fn hang(first: &str, text: &str, indent: usize, max: Option<usize>) -> String {
    let Some(max) = max else { return format!("{first}{text}\n") };
    let room_first = max.saturating_sub(width(first)).max(1);
    let room_rest = max.saturating_sub(indent).max(1);
    let mut out = String::new();
    let mut lines = wrap(text, room_first).into_iter();
    let head = lines.next().unwrap_or_default();
    out.push_str(&format!("{first}{head}\n"));
    let rest: Vec<String> = lines.collect();
    for l in wrap(&rest.join(" "), room_rest) {
        if !l.is_empty() {
            out.push_str(&format!("{}{l}\n", " ".repeat(indent)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_columns_not_bytes_and_ignores_colour() {
        assert_eq!(width("green ≤ 5.0%"), 12);
        assert_eq!(width("\x1b[31mred\x1b[0m"), 3);
        assert_eq!(width("日本"), 4);
    }

    #[test]
    fn cuts_with_an_ellipsis_within_the_limit() {
        assert_eq!(cut("Recruit a second engineer", 10), "Recruit a…");
        assert_eq!(width(&cut("Recruit a second engineer", 10)), 10);
        assert_eq!(cut("short", 10), "short");
    }

    #[test]
    fn wraps_at_spaces_and_breaks_a_word_longer_than_a_line() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        for l in wrap("a very long line of words that goes on and on", 12) {
            assert!(width(&l) <= 12, "{l}");
        }
        let h = hang("key  ", "one two three four five", 5, Some(14));
        assert_eq!(h, "key  one two\n     three\n     four five\n");
    }
}
