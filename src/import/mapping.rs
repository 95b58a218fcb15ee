//! Which column holds which field, and which stages end a deal: the CRM's
//! own headers, adjusted by `--map COLUMN=FIELD` and `--map STAGE=won|lost`.

use super::row::{Field, Outcome};
use super::{hubspot, pipedrive, salesforce};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Salesforce,
    Hubspot,
    Pipedrive,
    Csv,
}

impl Source {
    pub fn parse(s: &str) -> Result<Source, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "salesforce" => Ok(Source::Salesforce),
            "hubspot" => Ok(Source::Hubspot),
            "pipedrive" => Ok(Source::Pipedrive),
            "csv" => Ok(Source::Csv),
            _ => Err(format!("'{s}' is not a source; expected salesforce, hubspot, pipedrive or csv")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Source::Salesforce => "salesforce",
            Source::Hubspot => "hubspot",
            Source::Pipedrive => "pipedrive",
            Source::Csv => "csv",
        }
    }

    fn headers(self, field: Field) -> &'static [&'static str] {
        match self {
            Source::Salesforce => salesforce::headers(field),
            Source::Hubspot => hubspot::headers(field),
            Source::Pipedrive => pipedrive::headers(field),
            Source::Csv => &[],
        }
    }
}

/// The source with the user's `--map` entries.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub source: Source,
    columns: Vec<(String, Field)>,
    stages: Vec<(String, Outcome)>,
}

impl Mapping {
    /// `specs`: `COLUMN=FIELD` (a field name) or `STAGE=won|lost`.
    pub fn new(source: Source, specs: &[String]) -> Result<Mapping, String> {
        let mut m = Mapping { source, columns: Vec::new(), stages: Vec::new() };
        for spec in specs {
            let (left, right) = spec
                .split_once('=')
                .filter(|(l, r)| !l.trim().is_empty() && !r.trim().is_empty())
                .ok_or_else(|| format!("'{spec}' is not COLUMN=FIELD or STAGE=won|lost"))?;
            let left = left.trim().to_string();
            match right.trim().to_ascii_lowercase().as_str() {
                "won" => m.stages.push((left, Outcome::Won)),
                "lost" => m.stages.push((left, Outcome::Lost { reason: None })),
                _ => {
                    let field = Field::parse(right).ok_or_else(|| {
                        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                        format!(
                            "'{right}' is not a field; expected one of {}, or won / lost",
                            names.join(", ")
                        )
                    })?;
                    m.columns.push((left, field));
                }
            }
        }
        Ok(m)
    }

    /// The headers that may hold `field`, the user's first.
    pub fn headers(&self, field: Field) -> Vec<&str> {
        let mapped = self.columns.iter().filter(|(_, f)| *f == field).map(|(c, _)| c.as_str());
        mapped.chain(self.source.headers(field).iter().copied()).collect()
    }

    /// How a row's stage (and status, where the CRM has one) ends the deal;
    /// `None` for a status the source does not know.
    pub fn outcome(&self, stage: &str, status: &str, has_status: bool) -> Option<Outcome> {
        if let Some((_, o)) = self.stages.iter().find(|(s, _)| s.eq_ignore_ascii_case(stage.trim())) {
            return Some(o.clone());
        }
        match self.source {
            Source::Salesforce => salesforce::outcome(stage, status),
            Source::Hubspot => hubspot::outcome(stage, status),
            Source::Pipedrive => pipedrive::outcome(stage, status),
            Source::Csv if has_status => pipedrive::outcome(stage, status),
            Source::Csv => match stage.trim().to_ascii_lowercase().as_str() {
                "won" => Some(Outcome::Won),
                "lost" => Some(Outcome::Lost { reason: None }),
                _ => hubspot::outcome(stage, status),
            },
        }
    }
}
