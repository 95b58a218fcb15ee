//! Template files, TOML or JSON: parsed into a template, then validated
//! with errors that name the field (`competencies[3].weight`, counting
//! competencies from 1 as they appear in the file).

use super::{Anchors, Competency, Scale, Template};
use crate::core::text;
use crate::core::vocab::CompetencyKind;
use crate::error::{Error, FieldContext, Result};
use serde::Deserialize;
use std::collections::BTreeSet;

/// Weights are small whole numbers, so a reader can weigh them in their head.
pub const MAX_WEIGHT: u32 = 10;
/// More competencies than this is no longer one interview.
pub const MAX_COMPETENCIES: usize = 30;
/// Longest competency key (it is typed as `--rating KEY=N`).
pub const MAX_KEY: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Json,
}

impl Syntax {
    /// By the file name's extension; otherwise JSON when it starts like JSON.
    pub fn guess(file_name: &str, text: &str) -> Syntax {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Syntax::Json
        } else if lower.ends_with(".toml") || !text.trim_start().starts_with('{') {
            Syntax::Toml
        } else {
            Syntax::Json
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTemplate {
    name: Option<String>,
    scale: Option<FileScale>,
    competencies: Option<Vec<FileCompetency>>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileScale {
    min: i64,
    max: i64,
}

/// A question or a list of them: one string is accepted as a list of one.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCompetency {
    key: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    questions: Option<OneOrMany>,
    listen_for: Option<OneOrMany>,
    anchors: Option<FileAnchors>,
    weight: Option<i64>,
    scale: Option<FileScale>,
    must_have: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAnchors {
    low: Option<String>,
    mid: Option<String>,
    high: Option<String>,
}

/// Parses and validates a template file's text.
pub fn parse(text: &str, syntax: Syntax) -> Result<Template> {
    let file: FileTemplate = match syntax {
        Syntax::Toml => toml::from_str(text).map_err(|e| {
            Error::input("FILE", format!("is not a valid TOML template: {}", e.to_string().trim()))
        })?,
        Syntax::Json => serde_json::from_str(text)
            .map_err(|e| Error::input("FILE", format!("is not a valid JSON template: {e}")))?,
    };
    validate(from_file(file)?)
}

fn required<T>(value: Option<T>, field: &str) -> Result<T> {
    value.ok_or_else(|| Error::input(field, "is missing"))
}

fn scale_of(s: FileScale, field: &str) -> Result<Scale> {
    let int = |v: i64| i32::try_from(v).map_err(|_| Error::input(field, format!("{v} is out of range")));
    Ok(Scale { min: int(s.min)?, max: int(s.max)? })
}

fn list(value: Option<OneOrMany>, field: &str) -> Result<Vec<String>> {
    Ok(match required(value, field)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Fills the defaults (weight 1, the template's scale or 1–5, not a
/// must-have) and turns the file's shape into a template.
fn from_file(file: FileTemplate) -> Result<Template> {
    let name = required(file.name, "name")?;
    let default_scale = match file.scale {
        Some(s) => scale_of(s, "scale")?,
        None => Scale::DEFAULT,
    };
    let competencies = required(file.competencies, "competencies")?;
    let mut out = Vec::with_capacity(competencies.len());
    for (i, c) in competencies.into_iter().enumerate() {
        let at = |f: &str| format!("competencies[{}].{f}", i + 1);
        let key = required(c.key, &at("key"))?;
        let name = required(c.name, &at("name"))?;
        let kind = required(c.kind, &at("kind"))?;
        let kind = CompetencyKind::parse(&kind).field(&at("kind"))?;
        let weight = match c.weight {
            None => 1,
            Some(w) => u32::try_from(w).map_err(|_| {
                Error::input(
                    at("weight"),
                    format!("{w} is not accepted; weights are whole numbers from 1 to {MAX_WEIGHT}"),
                )
            })?,
        };
        let anchors = required(c.anchors, &at("anchors"))?;
        out.push(Competency {
            key,
            name,
            kind,
            questions: list(c.questions, &at("questions"))?,
            listen_for: list(c.listen_for, &at("listen_for"))?,
            anchors: Anchors {
                low: required(anchors.low, &at("anchors.low"))?,
                mid: required(anchors.mid, &at("anchors.mid"))?,
                high: required(anchors.high, &at("anchors.high"))?,
            },
            weight,
            scale: match c.scale {
                Some(s) => scale_of(s, &at("scale"))?,
                None => default_scale,
            },
            must_have: c.must_have.unwrap_or(false),
        });
    }
    Ok(Template { name, competencies: out })
}

/// A competency key: lowercase letters, digits and '-', starting with a letter.
pub fn key(value: &str) -> Result<String, String> {
    let v = value.trim();
    let ok = !v.is_empty()
        && v.len() <= MAX_KEY
        && v.starts_with(|c: char| c.is_ascii_lowercase())
        && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(v.to_string())
    } else {
        Err(format!(
            "'{value}' is not a competency key; expected 1–{MAX_KEY} lowercase letters, digits or '-', starting with a letter"
        ))
    }
}

fn texts(items: &[String], field: &str, what: &str) -> Result<Vec<String>> {
    if items.is_empty() {
        return Err(Error::input(field, format!("needs at least one {what}")));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, s)| text::text(s, text::MAX_TEXT).field(&format!("{field}[{}]", i + 1)))
        .collect()
}

/// Checks a template whatever its source: at least one competency, unique
/// keys, small positive weights, one scale with min < max, every anchor
/// and question written. Returns it with its text trimmed.
pub fn validate(t: Template) -> Result<Template> {
    let name = text::name(&t.name).field("name")?;
    if t.competencies.is_empty() {
        return Err(Error::input("competencies", "needs at least one competency"));
    }
    if t.competencies.len() > MAX_COMPETENCIES {
        return Err(Error::input(
            "competencies",
            format!("has {}; at most {MAX_COMPETENCIES} fit in one interview", t.competencies.len()),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut scale: Option<Scale> = None;
    let mut competencies = Vec::with_capacity(t.competencies.len());
    for (i, c) in t.competencies.into_iter().enumerate() {
        let at = |f: &str| format!("competencies[{}].{f}", i + 1);
        let key = key(&c.key).field(&at("key"))?;
        if !seen.insert(key.clone()) {
            return Err(Error::input(
                at("key"),
                format!("'{key}' is used twice; each competency needs its own key"),
            ));
        }
        if c.weight == 0 || c.weight > MAX_WEIGHT {
            return Err(Error::input(
                at("weight"),
                format!(
                    "{key}: {} is not accepted; weights are whole numbers from 1 to {MAX_WEIGHT}",
                    c.weight
                ),
            ));
        }
        let s = c.scale;
        if s.min >= s.max {
            return Err(Error::input(
                at("scale"),
                format!("{key}: min {} must be below max {}", s.min, s.max),
            ));
        }
        if s.min < 0 || s.max > 10 {
            return Err(Error::input(
                at("scale"),
                format!("{key}: {s} is not accepted; a scale lies within 0–10"),
            ));
        }
        match scale {
            Some(first) if first != s => {
                return Err(Error::input(
                    at("scale"),
                    format!(
                        "{key}: {s} differs from {first}; one scale per template keeps the scores comparable"
                    ),
                ))
            }
            _ => scale = Some(s),
        }
        let anchor = |v: &str, f: &str| text::text(v, text::MAX_TEXT).field(&at(f));
        competencies.push(Competency {
            name: text::name(&c.name).field(&at("name"))?,
            kind: c.kind,
            questions: texts(&c.questions, &at("questions"), "question")?,
            listen_for: texts(&c.listen_for, &at("listen_for"), "thing to listen for")?,
            anchors: Anchors {
                low: anchor(&c.anchors.low, "anchors.low")?,
                mid: anchor(&c.anchors.mid, "anchors.mid")?,
                high: anchor(&c.anchors.high, "anchors.high")?,
            },
            weight: c.weight,
            scale: s,
            must_have: c.must_have,
            key,
        });
    }
    Ok(Template { name, competencies })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "Sales leader"
[scale]
min = 1
max = 5

[[competencies]]
key = "drivers"
name = "What drove the sales"
kind = "how"
questions = "What did you implement to drive sales, and why?"
listen_for = ["a diagnosis"]
weight = 2
must_have = true
anchors = { low = "activity list", mid = "some reasons", high = "diagnosis and measures" }

[[competencies]]
key = "team-before"
name = "Team results"
kind = "results"
questions = ["Before and after?"]
listen_for = ["team numbers"]
anchors = { low = "none", mid = "some", high = "clear" }
"#;

    fn err(text: &str) -> String {
        parse(text, Syntax::Toml).unwrap_err().to_string()
    }

    #[test]
    fn parses_toml_with_defaults() {
        let t = parse(GOOD, Syntax::Toml).unwrap();
        assert_eq!(t.keys(), ["drivers", "team-before"]);
        assert_eq!(t.competencies[0].questions.len(), 1);
        assert_eq!((t.competencies[1].weight, t.competencies[1].must_have), (1, false));
        assert_eq!(t.scale(), Scale::DEFAULT);
        assert_eq!(t.total_weight(), 3);
    }

    #[test]
    fn parses_json_of_the_stored_shape() {
        let t = parse(GOOD, Syntax::Toml).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(parse(&json, Syntax::Json).unwrap(), t);
        assert_eq!(Syntax::guess("x.txt", &json), Syntax::Json);
        assert_eq!(Syntax::guess("x.toml", &json), Syntax::Toml);
    }

    #[test]
    fn refuses_malformed_templates_naming_the_field() {
        let cases: Vec<(String, &str)> = vec![
            (GOOD.replace("key = \"team-before\"", "key = \"drivers\""), "competencies[2].key"),
            (GOOD.replace("weight = 2", "weight = 0"), "competencies[1].weight"),
            (GOOD.replace("weight = 2", "weight = 11"), "competencies[1].weight"),
            (GOOD.replace("weight = 2", "weight = -1"), "competencies[1].weight"),
            (GOOD.replace("weight = 2", "weight = 1.5"), "FILE"),
            (GOOD.replace("max = 5", "max = 1"), "competencies[1].scale"),
            (GOOD.replace("mid = \"some\", ", ""), "competencies[2].anchors.mid"),
            (GOOD.replace("high = \"clear\"", "high = \" \""), "competencies[2].anchors.high"),
            (GOOD.replace("kind = \"how\"", "kind = \"skill\""), "competencies[1].kind"),
            (GOOD.replace("key = \"drivers\"", "key = \"Drivers Now\""), "competencies[1].key"),
            (
                GOOD.replace("listen_for = [\"team numbers\"]", "listen_for = []"),
                "competencies[2].listen_for",
            ),
            (GOOD.replace("name = \"Sales leader\"", ""), "name"),
            (GOOD.replace("must_have = true", "mustHave = true"), "FILE"),
            ("name = \"x\"\ncompetencies = []".into(), "competencies"),
            ("name = \"x\"".into(), "competencies"),
            ("this is not toml".into(), "FILE"),
        ];
        for (text, field) in cases {
            let e = err(&text);
            assert!(e.starts_with(field), "expected {field}: {e}");
        }
        let mixed =
            GOOD.replacen("kind = \"results\"", "kind = \"results\"\nscale = { min = 1, max = 7 }", 1);
        assert!(err(&mixed).contains("one scale per template"));
        assert!(parse("{\"name\": 1}", Syntax::Json).unwrap_err().to_string().starts_with("FILE"));
    }
}
