//! `candor salvage DIR --output FILE`: the verified prefix of a damaged
//! store, written as an export that `candor restore` accepts.

use super::output::emit;
use candor::ledger::export::write_line;
use candor::ledger::salvage::{salvage, Outcome};
use candor::ledger::Hash;
use candor::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub const LONG_ABOUT: &str =
    "Recover the longest verified prefix of a damaged store's chain, without sled, as an export.

Reads every file under DIR as raw bytes (sled refuses a damaged store as a whole), finds the record \
frames, and keeps records 1, 2, ... for as long as each one links to the one before it and decodes. \
It says where it stopped and whether it reached the store's head.

Exit codes: 0 at least record 1 was recovered and written; 1 nothing could be recovered (no file is \
left behind); 2 FILE already exists (it is never overwritten); 3 DIR cannot be read.";

#[derive(clap::Args)]
pub struct SalvageArgs {
    /// The ledger directory to read (only read, never written)
    dir: PathBuf,
    /// Where to write the recovered records as JSON Lines, as `candor export` writes them; must not exist
    #[arg(long, short)]
    output: PathBuf,
}

pub fn run(args: SalvageArgs) -> Result<()> {
    // The damaged store is evidence: nothing is ever written inside it.
    let parent = args.output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let (Ok(dir), Ok(out_dir)) = (fs::canonicalize(&args.dir), fs::canonicalize(parent)) {
        if out_dir.starts_with(&dir) {
            return Err(Error::input(
                "--output",
                "is inside the directory being salvaged; write it elsewhere",
            ));
        }
    }
    let write_err = |e: std::io::Error| Error::Usage(format!("cannot write {}: {e}", args.output.display()));
    let file = OpenOptions::new().write(true).create_new(true).open(&args.output).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!("{} already exists; salvage never overwrites a file", args.output.display()))
        } else {
            write_err(e)
        }
    })?;
    let mut out = BufWriter::new(file);
    let mut prev = Hash::ZERO;
    let result = salvage(&args.dir, |rec, d| {
        write_line(&mut out, &prev, rec, &d.envelope, d.signature.map(|s| s.key))?;
        prev = rec.hash;
        Ok(())
    })
    .and_then(|o| out.flush().map(|_| o).map_err(write_err));
    drop(out);
    let outcome = match result {
        Ok(o) if o.records > 0 => o,
        Ok(o) => {
            let _ = fs::remove_file(&args.output);
            return Err(Error::CheckFailed(format!(
                "nothing could be recovered from {}: no valid record 1 found in {} files{}",
                args.dir.display(),
                o.files,
                rejected(&o)
            )));
        }
        Err(e) => {
            let _ = fs::remove_file(&args.output);
            return Err(e);
        }
    };
    File::open(&args.output).and_then(|f| f.sync_all()).map_err(write_err)?;
    emit(&summary(&outcome, &args));
    Ok(())
}

fn summary(o: &Outcome, args: &SalvageArgs) -> String {
    let n = o.records;
    let last = o.last.map_or(String::new(), |d| format!("last {d}\n"));
    let written = format!(
        "wrote {}; `candor restore {}` rebuilds a ledger from it\n",
        args.output.display(),
        args.output.display()
    );
    if o.reached_head() {
        return format!("recovered all {n} records up to the head (record {n})\n{last}{written}");
    }
    let place = o.last_at.as_ref().map_or(String::new(), |(f, at)| {
        format!(" (the store is damaged after offset {at} of {})", f.display())
    });
    let head = match o.head {
        Some(h) if h > n => format!("the store's head names record {h}: records {}..={h} are lost\n", n + 1),
        Some(_) => "the store's head was not found past these records; later records may be lost\n".into(),
        None => "no head marker was found; later records may be lost\n".into(),
    };
    format!(
        "recovered records 1..={n}; stopped: no valid record {} found{place}{}\n{head}{last}{written}",
        n + 1,
        rejected(o)
    )
}

fn rejected(o: &Outcome) -> String {
    match o.rejected_next {
        0 => String::new(),
        k => format!("; {k} damaged copies of it did not verify"),
    }
}
