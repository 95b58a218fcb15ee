//! `candor export` and `candor restore FILE`.

use super::context::Context;
use super::output::emit;
use super::spool::{Spool, SpoolWriter};
use candor::core::decide::clock;
use candor::ledger::export::{check_export, export_in_passes, read_export, restore_into, Form};
use candor::ledger::Ledger;
use candor::{Error, Result};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub(super) output: Option<PathBuf>,
    /// Leave out each line's decoded `event`: every record is carried once,
    /// as its exact bytes (`raw`), a third smaller; `restore` and
    /// docs/verify_export.py read both forms
    #[arg(long)]
    pub(super) compact: bool,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// A file written by `candor export`
    file: PathBuf,
    /// Restore even when an event breaks today's rules (an export written
    /// by an older release); the chain is still verified, and the first
    /// refused record is reported
    #[arg(long)]
    skip_revalidation: bool,
}

pub fn export(ctx: &Context, args: ExportArgs) -> Result<()> {
    let ledger = ctx.open()?;
    let form = if args.compact { Form::Compact } else { Form::Full };
    let write_err = |e: std::io::Error| Error::Usage(format!("cannot write the export: {e}"));
    match args.output {
        Some(path) => {
            let mut file = File::create(&path).map_err(write_err)?;
            let (n, ledger) = export_in_passes(ledger, &mut file, form)?;
            drop(ledger);
            eprintln!("exported {n} records to {}", path.display());
        }
        None => {
            let mut out = Spool::default();
            let (_, ledger) = export_in_passes(ledger, &mut SpoolWriter(&mut out), form)?;
            drop(ledger);
            out.emit();
        }
    }
    Ok(())
}

pub fn restore(ctx: &Context, args: RestoreArgs) -> Result<()> {
    if ctx.ledger_dir.join("db").exists() {
        match Ledger::open(&ctx.ledger_dir) {
            Err(Error::Missing(_)) => {}
            Err(e) => return Err(e),
            Ok(_) => {
                return Err(Error::Usage(format!(
                    "a ledger already exists at {}; restore writes into a new or empty directory only",
                    ctx.ledger_dir.display()
                )))
            }
        }
    }
    // A pipe or a FIFO cannot be read twice: refuse it before anything.
    if !std::fs::metadata(&args.file).is_ok_and(|m| m.is_file()) {
        return Err(Error::input(
            "FILE",
            format!(
                "{} is not a regular file; restore reads its file twice (check, then write), so save the \
                 export to a file first",
                args.file.display()
            ),
        ));
    }
    let open = || -> Result<Box<dyn BufRead>> {
        let f = File::open(&args.file)
            .map_err(|e| Error::input("FILE", format!("cannot open {}: {e}", args.file.display())))?;
        Ok(Box::new(BufReader::new(f)))
    };
    // First pass: every line verified and every event re-validated before
    // the ledger directory is touched.
    let (expected, last_at) = match check_export(&mut *open()?).map_err(|e| in_file(e, &args.file)) {
        Err(e @ Error::Input { .. }) if args.skip_revalidation => {
            eprintln!("warning: {e}; restored anyway (--skip-revalidation)");
            let mut last_at = None;
            let head = read_export(&mut *open()?, |_, at| {
                last_at = Some(at);
                Ok(())
            })
            .map_err(|e| in_file(e, &args.file))?;
            (head, last_at)
        }
        other => other?,
    };
    // A history that ends in the future would refuse every real-time write.
    if let Some(at) = last_at.filter(|_| !ctx.allow_future) {
        clock::check_not_ahead(at, ctx.machine_now).map_err(|e| in_file(e, &args.file))?;
    }
    let mut ledger = Ledger::create(&ctx.ledger_dir)?;
    let head = restore_into(&mut ledger, &mut *open()?, expected).map_err(|e| in_file(e, &args.file))?;
    emit(&format!("restored {} records into {}\nhead {head}\n", head.seq, ctx.ledger_dir.display()));
    Ok(())
}

/// Names the file in an error about its content.
fn in_file(e: Error, file: &std::path::Path) -> Error {
    match e {
        Error::Input { field, message } => Error::input(format!("{}: {field}", file.display()), message),
        other => other,
    }
}
