//! Renderers: a report value in, text out. Reports compute once; tables,
//! Markdown and JSON are different views of the same value.

pub mod audit;
pub mod brief;
pub mod doc;
pub mod fit;
pub mod hire;
pub mod lists;
pub mod look;
pub mod page;
pub mod table;
pub mod trust;
pub mod trust_html;

use serde::Serialize;

/// Output formats shared by every report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Md,
    Html,
}

impl Format {
    /// The word `--format` takes for it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
        }
    }

    pub fn parse(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Md),
            "html" => Ok(Format::Html),
            _ => Err(format!("'{s}' is not a format; expected table, json or md (html where stated)")),
        }
    }
}

/// One JSON object, pretty-printed, with a trailing newline.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
