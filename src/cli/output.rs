//! Terminal output: stdout that tolerates a closed pipe, and errors with a hint.

use candor::report::look::Look;
use candor::Error;
use std::io::{IsTerminal, Write};

thread_local! {
    /// Set while a script replays, so its commands do not print.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

thread_local! {
    /// A write run with `--format json` and no person at the terminal:
    /// what it records, and any note it prints, become one JSON object.
    static WRITE_JSON: std::cell::RefCell<Option<Written>> = const { std::cell::RefCell::new(None) };
}

#[derive(Default)]
struct Written {
    records: Vec<serde_json::Value>,
    notes: String,
}

/// From here on this command's stdout is held until `finish_write`, so a
/// script reading `--format json` from a write gets one object.
pub fn hold_for_json() {
    WRITE_JSON.with(|w| {
        w.borrow_mut().get_or_insert_with(Written::default);
    });
}

/// Notes what was recorded, for `--format json`: held until the command
/// ends, or printed now when nothing is held (a person at the terminal).
pub fn recorded(records: Vec<serde_json::Value>) {
    let held = WRITE_JSON.with(|w| match w.borrow_mut().as_mut() {
        Some(written) => {
            written.records.extend(records.iter().cloned());
            true
        }
        None => false,
    });
    if !held {
        emit(&candor::report::json(&serde_json::json!({ "records": records })));
    }
}

/// Ends a held write: `{"records": [...], "notes": [...]}` when something
/// was recorded, otherwise whatever was printed, as it was.
pub fn finish_write() {
    let Some(written) = WRITE_JSON.with(|w| w.borrow_mut().take()) else { return };
    if written.records.is_empty() {
        emit(&written.notes);
        return;
    }
    let mut object = serde_json::json!({ "records": written.records });
    let notes: Vec<&str> = written.notes.lines().filter(|l| !l.trim().is_empty()).collect();
    if !notes.is_empty() {
        object["notes"] = serde_json::json!(notes);
    }
    emit(&candor::report::json(&object));
}

pub fn set_quiet(quiet: bool) {
    QUIET.with(|q| q.set(quiet));
}

/// True while output is suppressed (so callers can skip building it).
pub fn is_quiet() -> bool {
    QUIET.with(|q| q.get())
}

/// How wide terminal output may be, and whether status words are coloured
/// (`color` is already resolved from `--color`, NO_COLOR and TERM).
///
/// The width is COLUMNS when it is set to a number (as `ls` honours it,
/// terminal or not), else the terminal's own width when stdout is one;
/// a pipe or a file gets every cell whole. `--wide` turns fitting off.
pub fn look(wide: bool, color: bool) -> Look {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&c| c > 0);
    let width = match (wide, columns) {
        (true, _) => None,
        (false, Some(c)) => Some(c),
        (false, None) => terminal_size().map(|(cols, _)| cols),
    };
    Look { width: width.map(|w| w.max(candor::report::look::NARROWEST)), color }
}

/// The terminal's columns and rows when stdout is one (the guided meeting
/// pages by the rows; tables fit the columns).
pub fn terminal_size() -> Option<(u16, u16)> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, h)| (w.0, h.0)).filter(|&(w, h)| w > 0 && h > 0)
}

/// Prints to stdout; a reader that went away (`| head`) ends the process quietly.
pub fn emit(text: &str) {
    emit_bytes(text.as_bytes());
}

/// `emit` for bytes that are already text (a spooled report in pieces).
pub fn emit_bytes(bytes: &[u8]) {
    if QUIET.with(|q| q.get()) {
        return;
    }
    let held = WRITE_JSON.with(|w| match w.borrow_mut().as_mut() {
        Some(written) => {
            written.notes.push_str(&String::from_utf8_lossy(bytes));
            true
        }
        None => false,
    });
    if held {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Prints the error and a hint to stderr; returns the exit code.
pub fn report_error(e: &Error) -> i32 {
    eprintln!("error: {e}");
    let hint = match e {
        Error::Input { .. } => Some("nothing was written"),
        Error::PartlyWritten { .. } => {
            Some("`candor log` lists what was recorded; the lines from the stopped one on were not run")
        }
        Error::Locked(_) => Some("another candor command is running on this ledger"),
        Error::Unwritable { .. } => Some(
            "nothing new was acknowledged; free space or fix the device and try again — the ledger needs \
             no repair, and `candor log` shows whether the last record was kept",
        ),
        Error::ReadOnly { .. } => Some(
            "verify, digest, export, log, show and the reports read a read-only ledger; record into a writable one",
        ),
        Error::Unreadable { .. } => {
            Some("`candor verify` checks the store; `candor restore` rebuilds it from an export")
        }
        _ => None,
    };
    if let Some(h) = hint {
        eprintln!("hint: {h}");
    }
    e.exit_code()
}
