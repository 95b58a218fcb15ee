//! A report as a document: headings, text, key/value lists and tables,
//! rendered to the terminal or to Markdown (and HTML for the brief).

use super::table;

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(String),
    Text(String),
    Pairs(Vec<(String, String)>),
    Table { headers: Vec<String>, rows: Vec<Vec<String>> },
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

    pub fn terminal(&self) -> String {
        let mut out = format!("{}\n{}\n", self.title, "═".repeat(self.title.chars().count()));
        for b in &self.blocks {
            out.push('\n');
            match b {
                Block::Heading(h) => out.push_str(&format!("{h}\n{}\n", "─".repeat(h.chars().count()))),
                Block::Text(t) => out.push_str(&format!("{t}\n")),
                Block::Pairs(pairs) => {
                    let width = pairs.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
                    for (k, v) in pairs {
                        out.push_str(&format!("{k:<width$}  {v}\n"));
                    }
                }
                Block::Table { headers, rows } => {
                    if rows.is_empty() {
                        out.push_str("(none)\n");
                    } else {
                        let h: Vec<&str> = headers.iter().map(String::as_str).collect();
                        out.push_str(&table::terminal(&h, rows));
                    }
                }
            }
        }
        out
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
            }
        }
        out
    }
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
}
