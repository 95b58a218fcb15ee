//! What `candor demo` says by default: what was built, each scenario in a
//! few lines with the figures that carry its story, and the exact commands
//! to see more. A pure function of what was built, so it can be read at 80
//! columns in a test without a terminal.

use candor::core::metrics::dashboard::Signal;
use candor::core::Date;
use candor::report::audit::Currency;
use candor::report::fit::wrap;
use candor::report::look::{paint, Look};
use candor::report::trust::show;
use std::path::Path;

/// One scenario as replayed and verified.
pub struct Built {
    /// The folder under the demo's directory, e.g. `manufacturing`.
    pub name: &'static str,
    pub company: String,
    pub currency: String,
    pub exponent: u32,
    pub commands: usize,
    pub records: u64,
    pub head: String,
    /// The scenario's last day: every figure is as of it.
    pub last_day: Date,
    pub signals: Vec<Signal>,
}

/// The signals both stories are told by, so the two can be compared.
const TOLD_BY: [&str; 3] = ["bad_news_early", "commitments", "meeting_cadence"];

/// What each scenario is about.
pub fn plot(name: &str) -> &'static str {
    match name {
        "manufacturing" => {
            "The sales leader plans well but tells the CEO late: risks flagged late or never, \
             forecasts optimistic until the quarter's last week, meetings skipped, two big deals \
             slipping quarter after quarter."
        }
        _ => {
            "Large programs fill the pipeline while mid-size wins bring the revenue. The two meet \
             almost every week and keep most commitments; after the agreed minimum run the plan \
             turns to mid-size clients — which works."
        }
    }
}

pub fn story(built: &[Built], root: &Path, look: Look) -> String {
    let max = look.columns().unwrap_or(usize::MAX);
    let mut out = String::new();
    let para = |text: &str, out: &mut String| {
        for l in wrap(text, max.min(4096)) {
            out.push_str(&l);
            out.push('\n');
        }
    };
    para("candor demo — two companies' first months, replayed into a throw-away ledger.", &mut out);
    for b in built {
        let plot = plot(b.name);
        out.push('\n');
        para(
            &format!(
                "{} ({}, {}): {} commands, {} records, verified (head {}). {plot}",
                b.company,
                b.name,
                b.currency,
                b.commands,
                b.records,
                short_head(&b.head)
            ),
            &mut out,
        );
        let cur = Currency { code: &b.currency, exponent: b.exponent };
        for key in TOLD_BY {
            let Some(s) = b.signals.iter().find(|s| s.key == key) else { continue };
            out.push_str(&format!(
                "  {:<22} {:>7}  {}\n",
                s.title,
                show(s.value, s.unit, cur),
                paint(s.status, look)
            ));
        }
    }
    let day = built.first().map_or(String::new(), |b| b.last_day.to_string());
    out.push('\n');
    para(&format!("The figures are as of {day}, the scenarios' last day. To see more:"), &mut out);
    out.push_str(&format!("  cd {}\n", root.display()));
    for cmd in ["trust", "brief", "audit forecast"] {
        out.push_str(&format!("  candor --ledger manufacturing {cmd} --as-of {day}\n"));
    }
    out.push_str("  candor demo --full        (every report of both scenarios)\n");
    para("The services scenario: the same commands with --ledger services.", &mut out);
    out.push('\n');
    para(
        &format!(
            "The ledgers and the demo people's keys stay in {} until you remove it; your own \
             keys directory is not touched.",
            root.display()
        ),
        &mut out,
    );
    out
}

/// `SEQ:HASH` with the hash cut to 12 digits: enough to recognise it.
fn short_head(head: &str) -> String {
    match head.split_once(':') {
        Some((seq, hash)) if hash.len() > 12 => format!("{seq}:{}…", &hash[..12]),
        _ => head.to_string(),
    }
}
