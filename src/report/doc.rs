//! A report as a document: headings, text, key/value lists and tables,
//! rendered to the terminal or to Markdown (and HTML for the brief).

use super::table;

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(String),
    Text(String),
    Pairs(Vec<(String, String)>),
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Bullet points.
    List(Vec<String>),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn new(title: impl Into<String>) -> Doc {
        Doc { title: title.into(), blocks: Vec::new() }
    }

    pub fn heading(&mut self, h: impl Into<String>) -> &mut Doc {
        self.blocks.push(Block::Heading(h.into()));
        self
    }

    pub fn text(&mut self, t: impl Into<String>) -> &mut Doc {
        self.blocks.push(Block::Text(t.into()));
        self
    }

    pub fn pairs(&mut self, pairs: Vec<(String, String)>) -> &mut Doc {
        self.blocks.push(Block::Pairs(pairs));
        self
    }

    pub fn table(&mut self, headers: &[&str], rows: Vec<Vec<String>>) -> &mut Doc {
        self.blocks.push(Block::Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows });
        self
    }

    pub fn list(&mut self, items: Vec<String>) -> &mut Doc {
        self.blocks.push(Block::List(items));
        self
    }

    /// The document for a terminal, in the process's look (`look::set`).
    pub fn terminal(&self) -> String {
        super::page::render(self, super::look::current())
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        for b in &self.blocks {
            out.push('\n');
            match b {
                Block::Heading(h) => out.push_str(&format!("## {h}\n")),
                Block::Text(t) => out.push_str(&format!("{t}\n")),
                Block::Pairs(pairs) => {
                    for (k, v) in pairs {
                        out.push_str(&format!("- **{k}**: {v}\n"));
                    }
                }
                Block::Table { headers, rows } => {
                    if rows.is_empty() {
                        out.push_str("_(none)_\n");
                    } else {
                        let h: Vec<&str> = headers.iter().map(String::as_str).collect();
                        out.push_str(&table::markdown(&h, rows));
                    }
                }
                Block::List(items) => {
                    for i in items {
                        out.push_str(&format!("- {}\n", i.replace('\n', " ")));
                    }
                }
            }
        }
        out
    }
}

impl Block {
    /// The block as an HTML fragment; every piece of text is escaped.
    pub fn html(&self) -> String {
        match self {
            Block::Heading(h) => format!("<h2>{}</h2>\n", escape(h)),
            Block::Text(t) => format!("<p>{}</p>\n", escape(t).replace('\n', "<br>")),
            Block::Pairs(pairs) => {
                let rows: String = pairs
                    .iter()
                    .map(|(k, v)| format!("<div><dt>{}</dt><dd>{}</dd></div>", escape(k), escape(v)))
                    .collect();
                format!("<dl class=\"pairs\">{rows}</dl>\n")
            }
            Block::Table { rows, .. } if rows.is_empty() => "<p class=\"none\">(none)</p>\n".into(),
            Block::Table { headers, rows } => {
                let head: String = headers.iter().map(|h| format!("<th>{}</th>", escape(h))).collect();
                let body: String = rows
                    .iter()
                    .map(|r| {
                        let cells: String = r
                            .iter()
                            .map(|c| match cell_class(c) {
                                Some(class) => format!("<td class=\"{class}\">{}</td>", escape(c)),
                                None => format!("<td>{}</td>", escape(c)),
                            })
                            .collect();
                        format!("<tr>{cells}</tr>")
                    })
                    .collect();
                format!("<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n")
            }
            Block::List(items) => {
                let li: String = items.iter().map(|i| format!("<li>{}</li>", escape(i))).collect();
                format!("<ul>{li}</ul>\n")
            }
        }
    }
}

/// How a table cell is shown in HTML: a mark (hit / miss) or a number
/// (aligned right); plain text otherwise.
fn cell_class(cell: &str) -> Option<&'static str> {
    let t = cell.trim();
    if t.ends_with('✓') {
        return Some("hit");
    }
    if t.ends_with('✗') {
        return Some("miss");
    }
    let b = t.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        return Some("date");
    }
    let body =
        t.split_once(' ').filter(|(code, _)| code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()));
    let body = body.map_or(t, |(_, rest)| rest).trim_start_matches(['-', '+', '−']);
    let numeric = body.starts_with(|c: char| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || ",.%×".contains(c));
    numeric.then_some("num")
}

/// Text made safe to place in HTML, inside elements and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A ratio as a percentage with one decimal, or "—" when undefined.
pub fn pct(r: Option<f64>) -> String {
    r.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

/// A signed ratio as a percentage (bias).
pub fn signed_pct(r: Option<f64>) -> String {
    r.map_or("—".into(), |v| format!("{:+.1}%", v * 100.0))
}

/// A small bar chart line: each value in [0,1] as a block character.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            Some(x) => BARS[((x.clamp(0.0, 1.0) * 7.0).round()) as usize],
            None => '·',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_ways() {
        let mut d = Doc::new("T");
        d.heading("H").pairs(vec![("a".into(), "1".into())]).table(&["x"], vec![]);
        assert!(d.terminal().contains("a  1"));
        assert!(d.markdown().contains("## H\n") && d.markdown().contains("_(none)_"));
        assert_eq!(sparkline(&[Some(0.0), Some(1.0), None]), "▁█·");
        assert_eq!(pct(Some(0.1234)), "12.3%");
        assert_eq!(signed_pct(Some(-0.05)), "-5.0%");
    }

    #[test]
    fn html_escapes_every_piece_of_text_and_marks_numbers() {
        let t = Block::Table {
            headers: vec!["<h>".into()],
            rows: vec![vec!["a & \"b\"".into(), "USD 1,250".into(), "4 ✓".into(), "12.5%".into()]],
        };
        let html = t.html();
        assert!(
            html.contains("<th>&lt;h&gt;</th>") && html.contains("<td>a &amp; &quot;b&quot;</td>"),
            "{html}"
        );
        assert!(
            html.contains("<td class=\"num\">USD 1,250</td>") && html.contains("class=\"hit\""),
            "{html}"
        );
        assert!(html.contains("<td class=\"num\">12.5%</td>"), "{html}");
        assert_eq!(Block::List(vec!["<script>".into()]).html(), "<ul><li>&lt;script&gt;</li></ul>\n");
        assert_eq!(escape("it's"), "it&#39;s");
        assert_eq!(cell_class("2026-01-28 (new)"), Some("date"));
    }
}
