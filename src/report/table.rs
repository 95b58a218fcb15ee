//! Plain rows rendered as a terminal table or a Markdown table.
//!
//! A terminal table fits the look's width: when the whole grid is too
//! wide, its widest columns (never the first, which names the row) leave
//! the grid and are printed under each row as `header: value`, wrapped;
//! only when the remaining grid is still too wide are cells cut with "…".
//! Without a width (a pipe, a file, `--wide`) every cell is printed whole.

use super::fit::{cut, hang, pad, widest_line, width};
use super::look::{self, paint, paint_after, Look};

/// Columns between two cells.
const GAP: usize = 2;
/// How far the lines under a row are indented.
const UNDER: usize = 2;

/// Markdown for `--format md`, a terminal table otherwise.
pub fn render(format: super::Format, headers: &[&str], rows: &[Vec<String>]) -> String {
    if format == super::Format::Md {
        markdown(headers, rows)
    } else {
        terminal(headers, rows)
    }
}

/// A terminal table in the process's look (see `look::set`).
pub fn terminal(headers: &[&str], rows: &[Vec<String>]) -> String {
    terminal_with(headers, rows, look::current())
}

/// A terminal table laid out for `look`.
pub fn terminal_with(headers: &[&str], rows: &[Vec<String>], look: Look) -> String {
    let ncols = rows.iter().map(Vec::len).chain([headers.len()]).max().unwrap_or(0);
    if ncols == 0 {
        return String::new();
    }
    let cell = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_default();
    let header = |i: usize| headers.get(i).copied().unwrap_or("").to_string();
    let natural: Vec<usize> = (0..ncols)
        .map(|i| rows.iter().map(|r| widest_line(&cell(r, i))).chain([width(&header(i))]).max().unwrap_or(0))
        .collect();
    let (grid, widths) = arrange(&natural, look.columns());
    let under: Vec<usize> = (0..ncols).filter(|i| !grid.contains(i)).collect();

    let mut out = String::new();
    let head: Vec<String> = grid.iter().map(|&i| cut(&header(i), widths[i])).collect();
    out.push_str(&line(&head, &grid, &widths));
    let rule: Vec<String> = grid.iter().map(|&i| "─".repeat(widths[i])).collect();
    out.push_str(&line(&rule, &grid, &widths));
    // A cell's lines beyond its first make the row taller.
    for r in rows {
        let cells: Vec<Vec<String>> =
            grid.iter().map(|&i| cell(r, i).split('\n').map(str::to_string).collect()).collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let parts: Vec<String> = grid
                .iter()
                .zip(&cells)
                .map(|(&i, c)| paint(&cut(c.get(k).map_or("", String::as_str), widths[i]), look))
                .collect();
            out.push_str(&line(&parts, &grid, &widths));
        }
        for &i in &under {
            let value = cell(r, i).replace('\n', " ");
            if value.trim().is_empty() {
                continue;
            }
            let label = format!("{}{}: ", " ".repeat(UNDER), header(i));
            let text = hang(&label, &value, UNDER * 2, look.columns());
            out.push_str(&paint_after(&text, &label, look));
        }
    }
    out
}

/// One line of the grid: cells padded to their column, the last one not
/// (no trailing spaces).
fn line(parts: &[String], grid: &[usize], widths: &[usize]) -> String {
    let mut s = String::new();
    for (k, (p, &i)) in parts.iter().zip(grid).enumerate() {
        if k > 0 {
            s.push_str(&" ".repeat(GAP));
        }
        if k + 1 == parts.len() {
            s.push_str(p);
        } else {
            s.push_str(&pad(p, widths[i]));
        }
    }
    let trimmed = s.trim_end().len();
    s.truncate(trimmed);
    s.push('\n');
    s
}

/// Which columns stay in the grid, and each column's width: all of them
/// at their natural width when that fits (or there is no limit); else the
/// widest leave the grid one by one; else the widest left are narrowed.
fn arrange(natural: &[usize], limit: Option<usize>) -> (Vec<usize>, Vec<usize>) {
    let mut grid: Vec<usize> = (0..natural.len()).collect();
    let mut widths = natural.to_vec();
    let Some(limit) = limit else { return (grid, widths) };
    let total = |grid: &[usize], widths: &[usize]| -> usize {
        grid.iter().map(|&i| widths[i]).sum::<usize>() + GAP * grid.len().saturating_sub(1)
    };
    while total(&grid, &widths) > limit && grid.len() > 1 {
        let widest = grid[1..].iter().copied().max_by_key(|&i| (natural[i], std::cmp::Reverse(i)));
        grid.retain(|&i| Some(i) != widest);
    }
    while total(&grid, &widths) > limit {
        let Some(&widest) = grid.iter().max_by_key(|&&i| widths[i]) else { break };
        if widths[widest] <= 1 {
            break;
        }
        widths[widest] -= 1;
    }
    (grid, widths)
}

pub fn markdown(headers: &[&str], rows: &[Vec<String>]) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("| {} |\n", headers.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(headers.len())));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "C-1".into(),
                "Marcus Reyes".into(),
                "Recruit a second field sales engineer before the trade fair in Hanover".into(),
                "overdue".into(),
            ],
            vec!["C-2".into(), "Helen Kessler".into(), "Price list".into(), "done (2026-01-09)".into()],
        ]
    }

    #[test]
    fn markdown_escapes_pipes() {
        let md = markdown(&["a", "b"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(md, "| a | b |\n|---|---|\n| x\\|y | z |\n");
    }

    #[test]
    fn without_a_width_every_cell_is_whole_on_one_line() {
        let t = terminal_with(&["id", "owner", "what", "status"], &rows(), Look::PLAIN);
        assert_eq!(t.lines().count(), 4, "{t}");
        assert!(t.contains("before the trade fair in Hanover  overdue"), "{t}");
    }

    #[test]
    fn at_forty_columns_the_widest_column_goes_under_its_row_whole() {
        let t = terminal_with(&["id", "owner", "what", "status"], &rows(), Look::fitted(40));
        assert!(t.lines().all(|l| width(l) <= 40), "{t}");
        assert!(t.lines().next().unwrap().starts_with("id   owner"), "{t}");
        assert!(t.contains("  what: Recruit a second field sales"), "{t}");
        assert!(t.contains("Hanover"), "nothing is lost:\n{t}");
    }

    #[test]
    fn a_grid_too_wide_even_alone_is_cut_with_an_ellipsis() {
        let long = vec![vec!["x".repeat(50)]];
        let t = terminal_with(&["only"], &long, Look::fitted(20));
        assert!(t.lines().all(|l| width(l) <= 20) && t.contains('…'), "{t}");
    }

    #[test]
    fn status_words_are_coloured_and_still_aligned() {
        let look = Look { width: Some(80), color: true };
        let t = terminal_with(
            &["id", "status", "made"],
            &[
                vec!["C-1".into(), "overdue".into(), "x".into()],
                vec!["C-22".into(), "open".into(), "y".into()],
            ],
            look,
        );
        assert!(t.contains("\x1b[31moverdue\x1b[0m  x"), "{t}");
        assert!(t.contains("C-22  open     y"), "{t}");
        assert!(!terminal_with(&["s"], &[vec!["overdue".into()]], Look::PLAIN).contains('\x1b'));
    }
}
