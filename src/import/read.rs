//! A CSV export read into rows: headers matched case-insensitively (a
//! UTF-8 byte-order mark and surrounding spaces ignored), every value
//! parsed, the first refused value named by row and column.

use super::date::{self, Order};
use super::mapping::Mapping;
use super::row::{Field, Outcome, Row};
use super::{amount, probability, ImportError};
use crate::core::text;
use std::collections::BTreeMap;

/// The rows of an export and the header each field was read from.
#[derive(Debug)]
pub struct Table {
    pub rows: Vec<Row>,
    pub columns: BTreeMap<Field, String>,
}

impl Table {
    /// The header a field was read from (for errors found later).
    pub fn column(&self, field: Field) -> String {
        self.columns.get(&field).cloned().unwrap_or_else(|| field.name().to_string())
    }
}

/// Reads `text`; `progress` is told how many bytes have been read so far.
pub fn read(
    text: &str,
    mapping: &Mapping,
    order: Option<Order>,
    progress: &mut dyn FnMut(u64),
) -> Result<Table, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::new(
            1,
            "header",
            "the file is empty; expected a header row and one row per deal",
        ));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(&e, 1))?.clone();
    let index = locate(&headers, mapping)?;
    let mut raw = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_error(&e, i + 2))?;
        if i % 4096 == 0 {
            progress(record.position().map_or(0, |p| p.byte()));
        }
        raw.push(record);
    }
    progress(text.len() as u64);
    let order = order.map_or_else(|| file_order(&raw, &index), |o| Ok(Some(o)))?;
    let columns: BTreeMap<Field, String> = index.iter().map(|(f, (_, h))| (*f, h.clone())).collect();
    let ctx =
        RowContext { columns: &columns, mapping, order, has_status: index.contains_key(&Field::Status) };
    let rows = raw
        .iter()
        .enumerate()
        .map(|(i, r)| ctx.row(i + 2, &|f| cell(&index, r, f)))
        .collect::<Result<_, _>>()?;
    Ok(Table { rows, columns })
}

type Index = BTreeMap<Field, (usize, String)>;

/// The trimmed value of `field` in a record ("" when the export has no such column).
fn cell<'r>(index: &Index, r: &'r csv::StringRecord, f: Field) -> &'r str {
    index.get(&f).and_then(|(i, _)| r.get(*i)).unwrap_or("").trim()
}

fn csv_error(e: &csv::Error, row: usize) -> ImportError {
    let row = e.position().map_or(row, |p| p.record() as usize + 1);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("has {len} fields where the header has {expected_len}; a field with a comma or a line break must be in double quotes")
        }
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text; save the export as CSV UTF-8".into(),
        _ => format!("cannot be read as CSV: {e}"),
    };
    ImportError::new(row, "(whole row)", message)
}

/// Finds the column of each field; a required one missing is refused.
fn locate(
    headers: &csv::StringRecord,
    mapping: &Mapping,
) -> Result<BTreeMap<Field, (usize, String)>, ImportError> {
    let clean = |h: &str| h.trim().to_lowercase(); // the BOM went with the text's
    let mut index = BTreeMap::new();
    for field in Field::ALL {
        let names = mapping.headers(field);
        let found = names.iter().find_map(|n| headers.iter().position(|h| clean(h) == clean(n)));
        match found {
            Some(i) => {
                index.insert(field, (i, headers[i].trim().to_string()));
            }
            None if field.required() => {
                let expected = match names.is_empty() {
                    true => String::new(),
                    false => format!(
                        "expected {} or ",
                        names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(" / ")
                    ),
                };
                return Err(ImportError::new(
                    1,
                    field.name(),
                    format!(
                        "no column holds the deal's {}; {expected}--map COLUMN={}",
                        field.name(),
                        field.name()
                    ),
                ));
            }
            None => {}
        }
    }
    Ok(index)
}

/// The order of slash dates, when the file's own dates settle it.
fn file_order(raw: &[csv::StringRecord], index: &Index) -> Result<Option<Order>, ImportError> {
    let mut seen: Option<(Order, usize)> = None;
    for (i, r) in raw.iter().enumerate() {
        for f in [Field::Close, Field::Created] {
            let Some(o) = date::forced_order(cell(index, r, f)) else { continue };
            match seen {
                Some((s, at)) if s != o => {
                    return Err(ImportError::new(
                        i + 2,
                        index[&f].1.clone(),
                        format!("'{}' puts the day first where row {at} puts the month first (or the other way); give --date-format mdy or dmy", cell(index, r, f)),
                    ))
                }
                None => seen = Some((o, i + 2)),
                _ => {}
            }
        }
    }
    Ok(seen.map(|(o, _)| o))
}

struct RowContext<'a> {
    columns: &'a BTreeMap<Field, String>,
    mapping: &'a Mapping,
    order: Option<Order>,
    has_status: bool,
}

impl RowContext<'_> {
    fn row<'c>(&self, n: usize, cell: &dyn Fn(Field) -> &'c str) -> Result<Row, ImportError> {
        let bad = |f: Field| {
            let column = self.columns.get(&f).cloned().unwrap_or_else(|| f.name().into());
            move |m: String| ImportError::new(n, column, m)
        };
        let optional = |f: Field| Some(cell(f)).filter(|v| !v.is_empty());
        let id = text::id(cell(Field::Id)).map_err(bad(Field::Id))?;
        let account = text::name(cell(Field::Account))
            .map_err(|m| bad(Field::Account)(format!("'{}' {m}", cell(Field::Account))))?;
        // Names and reasons may span lines in a quoted field; CRLF inside one is one line break.
        let multiline = |f: Field, v: &str| match v.contains('\r') {
            true => text::text(&v.replace("\r\n", "\n"), text::MAX_TEXT).map_err(bad(f)),
            false => text::text(v, text::MAX_TEXT).map_err(bad(f)),
        };
        let name = optional(Field::Name).map(|v| multiline(Field::Name, v)).transpose()?;
        let mut amount = amount::parse(cell(Field::Amount)).map_err(bad(Field::Amount))?;
        if let Some(code) = optional(Field::Currency) {
            let code = crate::core::money::validate_currency(code).map_err(bad(Field::Currency))?;
            match &amount.currency {
                Some(c) if *c != code && !(c == "USD" && cell(Field::Amount).contains('$')) => {
                    return Err(bad(Field::Amount)(format!(
                        "'{}' is in {c}, but the currency column says {code}",
                        cell(Field::Amount)
                    )))
                }
                _ => amount.currency = Some(code),
            }
        }
        let close = date::parse(cell(Field::Close), self.order).map_err(bad(Field::Close))?;
        let created = optional(Field::Created)
            .map(|v| date::parse(v, self.order).map_err(bad(Field::Created)))
            .transpose()?;
        let stage = optional(Field::Stage).map(|v| text::name(v).map_err(bad(Field::Stage))).transpose()?;
        let probability = optional(Field::Probability)
            .map(|v| probability::parse(v).map_err(bad(Field::Probability)))
            .transpose()?;
        let status = cell(Field::Status);
        let outcome =
            self.mapping.outcome(stage.as_deref().unwrap_or(""), status, self.has_status).ok_or_else(
                || bad(Field::Status)(format!("'{status}' is not a deal status; expected open, won or lost")),
            )?;
        let outcome = match outcome {
            Outcome::Lost { .. } => {
                let reason =
                    optional(Field::LostReason).map(|v| multiline(Field::LostReason, v)).transpose()?;
                Outcome::Lost { reason }
            }
            other => other,
        };
        Ok(Row { row: n, id, account, name, amount, close, stage, probability, outcome, created })
    }
}
