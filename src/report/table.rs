//! Plain rows rendered as a terminal table or a Markdown table.

use comfy_table::{presets, ContentArrangement, Table};

/// Markdown for `--format md`, a terminal table otherwise.
pub fn render(format: super::Format, headers: &[&str], rows: &[Vec<String>]) -> String {
    if format == super::Format::Md {
        markdown(headers, rows)
    } else {
        terminal(headers, rows)
    }
}

pub fn terminal(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(headers.iter().copied());
    for row in rows {
        t.add_row(row.iter().map(String::as_str));
    }
    format!("{t}\n")
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

    #[test]
    fn markdown_escapes_pipes() {
        let md = markdown(&["a", "b"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(md, "| a | b |\n|---|---|\n| x\\|y | z |\n");
    }
}
