//! A `Doc` laid out for a terminal: text wrapped to the look's width,
//! key/value lists with their values hanging under themselves, tables
//! fitted (`table::terminal_with`), status words coloured when asked.

use super::doc::{Block, Doc};
use super::fit::{hang, width, wrap};
use super::look::{paint_after, Look};
use super::table;

pub fn render(d: &Doc, look: Look) -> String {
    let max = look.columns();
    let mut out = underlined(&d.title, '═', max);
    for b in &d.blocks {
        out.push('\n');
        match b {
            Block::Heading(h) => out.push_str(&underlined(h, '─', max)),
            Block::Text(t) => out.push_str(&wrapped(t, max)),
            Block::Pairs(pairs) => out.push_str(&pairs_text(pairs, look)),
            Block::Table { rows, .. } if rows.is_empty() => out.push_str("(none)\n"),
            Block::Table { headers, rows } => {
                let h: Vec<&str> = headers.iter().map(String::as_str).collect();
                out.push_str(&table::terminal_with(&h, rows, look));
            }
            Block::List(items) => {
                for i in items {
                    out.push_str(&paint_after(&hang("  • ", i, 4, max), "  • ", look));
                }
            }
        }
    }
    out
}

/// Plain text (one or more lines) wrapped to the process's look.
pub fn paragraph(text: &str) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    wrapped(body, super::look::current().columns())
}

fn underlined(title: &str, rule: char, max: Option<usize>) -> String {
    let text = wrapped(title, max);
    let longest = text.lines().map(width).max().unwrap_or(0);
    format!("{text}{}\n", rule.to_string().repeat(longest))
}

fn wrapped(text: &str, max: Option<usize>) -> String {
    match max {
        None => format!("{text}\n"),
        Some(m) => wrap(text, m).into_iter().map(|l| format!("{l}\n")).collect(),
    }
}

/// `key  value` lines, keys in a column; a key column wider than half the
/// line puts each value under its key instead.
fn pairs_text(pairs: &[(String, String)], look: Look) -> String {
    let max = look.columns();
    let keys = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let beside = max.is_none_or(|m| (keys + 2) * 2 <= m);
    let mut out = String::new();
    for (k, v) in pairs {
        if beside {
            let first = format!("{k}{}  ", " ".repeat(keys - width(k)));
            out.push_str(&paint_after(&hang(&first, v, keys + 2, max), &first, look));
        } else {
            out.push_str(&wrapped(k, max));
            out.push_str(&paint_after(&hang("  ", v, 2, max), "  ", look));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_and_nothing_is_lost() {
        let mut d = Doc::new("A title that is rather long for a narrow terminal window");
        d.text(
            "Each signal stands on its own: value, threshold, trend, and the record that most explains it.",
        )
        .pairs(vec![(
            "most explained by".into(),
            "#145 2026-Q1: final forecast 2,350,000 vs actual 2,250,000 (+4%)".into(),
        )])
        .list(vec!["a bullet point that is long enough to need a second line here".into()]);
        let t = render(&d, Look::fitted(30));
        assert!(t.lines().all(|l| width(l) <= 30), "{t}");
        let words = |s: &str| {
            s.split_whitespace()
                .filter(|w| !w.starts_with(['═', '•']))
                .map(str::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(words(&t).contains("final forecast 2,350,000 vs actual 2,250,000 (+4%)"), "{t}");
        let plain = render(&d, Look::PLAIN);
        assert!(
            plain.contains(
                "most explained by  #145 2026-Q1: final forecast 2,350,000 vs actual 2,250,000 (+4%)\n"
            ),
            "{plain}"
        );
    }

    #[test]
    fn a_status_value_is_coloured_only_when_asked() {
        let mut d = Doc::new("T");
        d.pairs(vec![("status".into(), "red".into())]);
        assert!(render(&d, Look { width: Some(80), color: true }).contains("status  \x1b[31mred\x1b[0m"));
        assert!(!render(&d, Look::fitted(80)).contains('\x1b'));
    }
}
