//! The guided meeting's screen: a section cut into pages that fit the
//! terminal, so each is read before it scrolls away, and prose wrapped at
//! the classic 80 columns.

use crate::cli::output::emit;
use crate::cli::prompt::{check, Prompter};
use candor::report::brief::Section;
use candor::Result;

/// The terminal's size in lines and columns: `LINES` and `COLUMNS` when
/// set, else the terminal's own, else the classic 24 × 80; sections are
/// cut to fit it, at the width tables fit (`output::look`).
#[derive(Clone, Copy, Debug)]
pub struct Screen {
    pub rows: usize,
    pub cols: usize,
}

impl Screen {
    pub fn of_terminal() -> Screen {
        let lines = std::env::var("LINES").ok().and_then(|v| v.trim().parse::<u16>().ok()).filter(|&v| v > 0);
        let rows = lines.or_else(|| crate::cli::output::terminal_size().map(|(_, rows)| rows)).unwrap_or(24);
        // The width every table and paragraph of the command fits (`output::look`).
        let cols = candor::report::look::current().width.unwrap_or(80);
        Screen { rows: usize::from(rows).max(12), cols: usize::from(cols).max(20) }
    }
}

/// Rows kept free below a section: the prompt's line; a menu of actions
/// needs its options, its help line and a note above it too.
const PROMPT_ROWS: usize = 1;
const MENU_ROWS: usize = 7;

/// The section, a page at a time: one taller than the terminal waits for
/// Enter between pages, so its start is read before it scrolls away.
pub fn show(p: &mut dyn Prompter, screen: Screen, section: &Section) -> Result<()> {
    let text = format!("{}\n", section.doc().terminal());
    let kept =
        if ["risks", "commitments", "issues"].contains(&section.key) { MENU_ROWS } else { PROMPT_ROWS };
    let rows = screen.rows.saturating_sub(kept).max(4);
    for (n, page) in pages(&text, &section.title, rows, screen.cols).iter().enumerate() {
        if n > 0 {
            p.text(
                &format!("More of {} — press Enter", section.title),
                None,
                check(|_| Ok::<(), String>(())),
            )?;
        }
        emit(page);
    }
    Ok(())
}

/// `text` cut into pages of at most `rows` terminal rows (a line wider
/// than `cols` takes more than one), at a blank line between blocks when
/// one falls in the page's second half; each page after the first starts
/// with the title, marked as continued.
pub fn pages(text: &str, title: &str, rows: usize, cols: usize) -> Vec<String> {
    let height = |line: &str| candor::report::fit::width(line).div_ceil(cols.max(1)).max(1);
    let continued = [format!("{title} (continued)"), String::new()];
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut page: Vec<String> = Vec::new();
    for line in text.lines() {
        let used: usize = page.iter().map(|l| height(l)).sum();
        if !page.is_empty() && used + height(line) > rows {
            let start = if out.is_empty() { 0 } else { continued.len() };
            let cut = page.iter().rposition(|l| l.is_empty()).filter(|&i| i > start && i >= page.len() / 2);
            // A one-line lead-in ("Plan changes since …:") goes with what it introduces.
            let cut = cut.map(|i| match i.checked_sub(2) {
                Some(j) if j > start && page[j].is_empty() && page[i - 1].ends_with(':') => j,
                _ => i,
            });
            let carried = cut.map_or(Vec::new(), |i| page.split_off(i + 1));
            out.push(std::mem::take(&mut page));
            page = continued.iter().cloned().chain(carried).collect();
        }
        page.push(line.to_string());
    }
    if !page.is_empty() {
        out.push(page);
    }
    out.into_iter().map(|p| format!("{}\n", p.join("\n"))).collect()
}

/// Prose wrapped at the width tables fit (80 columns when none is set),
/// each paragraph (line) apart.
pub fn wrap(text: &str) -> String {
    let width = candor::report::look::current().columns().unwrap_or(80);
    candor::report::fit::wrap(text, width).join("\n")
}
