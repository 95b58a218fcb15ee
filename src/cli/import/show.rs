//! What an import did (or, with --dry-run, would do): a table or JSON.

use crate::cli::context::Context;
use crate::cli::output::emit;
use candor::core::Date;
use candor::import::{Change, Missing, Plan, Source, Table};
use candor::report::{table, Format};
use candor::Result;
use serde_json::json;

pub struct Summary {
    pub as_of: Date,
    pub source: &'static str,
    pub rows: usize,
    pub changes: Vec<Change>,
    pub records: usize,
    pub missing: Vec<Missing>,
    pub skipped_closed: usize,
    pub dry_run: bool,
}

impl Summary {
    /// Takes the plan's changes; its events stay for the append.
    pub fn new(source: Source, as_of: Date, table: &Table, plan: &mut Plan, dry_run: bool) -> Summary {
        Summary {
            as_of,
            source: source.name(),
            rows: table.rows.len(),
            changes: std::mem::take(&mut plan.changes),
            records: plan.events.len(),
            missing: std::mem::take(&mut plan.missing),
            skipped_closed: plan.skipped_closed,
            dry_run,
        }
    }
}

/// A table shows the first changes; JSON has them all.
const TABLE_ROWS: usize = 50;

pub fn print(ctx: &Context, s: &Summary) -> Result<()> {
    emit(&match ctx.format {
        Format::Json => json_text(s),
        _ => table_text(s),
    });
    Ok(())
}

fn json_text(s: &Summary) -> String {
    let value = json!({
        "as_of": s.as_of.to_string(),
        "source": s.source,
        "rows": s.rows,
        "dry_run": s.dry_run,
        "records": s.records,
        "changes": s.changes,
        "missing": s.missing,
        "skipped_closed": s.skipped_closed,
    });
    format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default())
}

fn table_text(s: &Summary) -> String {
    let verb = if s.dry_run { "would record" } else { "recorded" };
    let mut out = format!(
        "{} rows from {} as of {}: {} changes; {verb} {} records{}\n",
        s.rows,
        s.source,
        s.as_of,
        s.changes.len(),
        s.records,
        if s.dry_run { " (dry run: nothing was written)" } else { "" }
    );
    if !s.changes.is_empty() {
        let rows: Vec<Vec<String>> = s
            .changes
            .iter()
            .take(TABLE_ROWS)
            .map(|c| {
                vec![
                    c.id.clone(),
                    c.kind.to_string(),
                    c.field.unwrap_or("").to_string(),
                    c.from.clone().unwrap_or_default(),
                    c.to.clone().unwrap_or_default(),
                    what(c).to_string(),
                ]
            })
            .collect();
        out.push_str(&table::terminal(&["id", "kind", "field", "from", "to", "what"], &rows));
        if s.changes.len() > TABLE_ROWS {
            out.push_str(&format!(
                "… and {} more changes (--format json lists every one)\n",
                s.changes.len() - TABLE_ROWS
            ));
        }
    }
    if s.skipped_closed > 0 {
        let (deals, were) = if s.skipped_closed == 1 { ("deal", "was") } else { ("deals", "were") };
        out.push_str(&format!(
            "{} won or lost {deals} the ledger never knew {were} left out (closed before they were tracked)\n",
            s.skipped_closed
        ));
    }
    if !s.missing.is_empty() {
        out.push_str(&format!(
            "{} open {} not in the export: {}\n",
            s.missing.len(),
            if s.missing.len() == 1 { "deal is" } else { "deals are" },
            s.missing
                .iter()
                .map(|m| format!("{} ({}, {})", m.id, m.account, m.amount))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !s.changes.iter().any(|c| c.to.as_deref() == Some("lost: absent from CRM export")) {
            out.push_str("nothing was recorded for them; --missing lost records them lost\n");
        }
    }
    out
}

/// A close date moved later is a slip, earlier a pull-in.
fn what(c: &Change) -> &'static str {
    match (c.field, &c.from, &c.to) {
        (Some("close"), Some(from), Some(to)) if to > from => "slip",
        (Some("close"), Some(_), Some(_)) => "pull-in",
        (None, _, _) => "new deal",
        (Some("status"), _, Some(to)) if to == "won" => "won",
        (Some("status"), _, _) => "lost",
        _ => "",
    }
}
