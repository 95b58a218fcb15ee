//! Hidden measurement helpers (`remote-load` lives in `bench/`). `bench append` writes synthetic records one
//! durable append at a time and prints each sequence number only after the
//! append is on disk — the crash test kills it and checks every printed one.

mod remote_load;

use super::context::Context;
use candor::ledger::{synthetic, Ledger};
use candor::Result;
use std::io::Write;

#[derive(clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: BenchCommand,
}

/// What a filled ledger looks like.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Shape {
    Commitments,
    Realistic,
}

#[derive(clap::Subcommand)]
enum BenchCommand {
    /// Append COUNT synthetic records, one durable append each
    Append {
        #[arg(long, default_value_t = 1)]
        count: u64,
        /// Skip reading the state (no rights check, unsigned records): the
        /// store's append alone, for a ledger without keys
        #[arg(long)]
        unchecked: bool,
    },
    /// Create a ledger of COUNT synthetic records (record 1 opens it), in bulk
    Fill {
        #[arg(long)]
        count: u64,
        /// Sign them: record 2 registers the CEO's key (a fixed test seed,
        /// never a real key), which signs every record after it
        #[arg(long)]
        signed: bool,
        /// commitments: COUNT distinct commitments in one day; realistic:
        /// years of weekly work (deals revised many times, forecasts, meetings)
        #[arg(long, value_enum, default_value_t = Shape::Commitments)]
        shape: Shape,
        /// The realistic shape's seed: the same seed, the same ledger
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Print a synthetic CRM export of ROWS open deals (seeded, repeatable)
    CrmExport {
        #[arg(long, value_parser = candor::import::Source::parse)]
        source: candor::import::Source,
        #[arg(long)]
        rows: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Read a CSV file with the csv crate alone and print its record count (the floor for import)
    CsvFloor { file: std::path::PathBuf },
    /// Concurrent writers and readers against a running `candor serve`: throughput, latency, and a check
    /// that the chain holds every acknowledged append exactly once
    RemoteLoad(remote_load::LoadArgs),
    /// Print the record count and the sum of the records' encoded lengths (raw record bytes)
    RawBytes,
    /// Print a replay script of LINES deal commands (one add, then updates), one second apart
    ReplayScript {
        #[arg(long)]
        lines: usize,
    },
}

pub fn run(ctx: &Context, args: BenchArgs) -> Result<()> {
    ctx.check_recording_clock()?;
    match args.what {
        BenchCommand::CrmExport { source, rows, seed } => {
            super::output::emit(&candor::import::generate::export(source, rows, seed));
            Ok(())
        }
        BenchCommand::CsvFloor { file } => {
            let text = super::input::read_text(&file, "a CSV file", super::input::EXPORT_LIMIT)?;
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let count = reader.records().filter(|r| r.is_ok()).count();
            super::output::emit(&format!("{count}\n"));
            Ok(())
        }
        BenchCommand::RemoteLoad(args) => remote_load::run(ctx, args),
        BenchCommand::RawBytes => {
            let ledger = Ledger::open(&ctx.ledger_dir)?;
            let (mut records, mut bytes) = (0u64, 0u64);
            for r in ledger.records() {
                records += 1;
                bytes += r?.bytes.len() as u64;
            }
            super::output::emit(&format!("{records} records, {bytes} bytes\n"));
            Ok(())
        }
        BenchCommand::ReplayScript { lines } => {
            super::output::emit(&replay_script(lines));
            Ok(())
        }
        BenchCommand::Fill { shape: Shape::Realistic, signed: true, .. } => {
            Err(candor::Error::input("--signed", "signs only the commitments shape; leave out --signed"))
        }
        BenchCommand::Fill { count, shape: Shape::Realistic, seed, .. } => fill_realistic(ctx, count, seed),
        BenchCommand::Fill { count, signed: false, .. } => {
            let mut ledger = Ledger::create(&ctx.ledger_dir)?;
            let on = ctx.today();
            let mut next = 1;
            while next <= count {
                let last = (next + 9_999).min(count);
                ledger.append("bench", (next..=last).map(|i| synthetic::event(i, on)).collect(), ctx.now)?;
                next = last + 1;
            }
            Ok(())
        }
        BenchCommand::Fill { count, signed: true, .. } => fill_signed(ctx, count),
        BenchCommand::Append { count, unchecked: true } => {
            let mut ledger = Ledger::open_for_write(&ctx.ledger_dir)?;
            let actor = ctx.actor.clone().unwrap_or_else(|| "bench".into());
            let mut out = std::io::stdout().lock();
            for _ in 0..count {
                let i = ledger.len() + 1;
                let d = ledger.append(&actor, vec![synthetic::event(i, ctx.today())], ctx.now)?;
                let _ = writeln!(out, "{}", d[0].seq);
                let _ = out.flush();
            }
            Ok(())
        }
        BenchCommand::Append { count, unchecked: false } => {
            let mut ledger = Ledger::open_for_write(&ctx.ledger_dir)?;
            let mut out = std::io::stdout().lock();
            // A ledger with keys takes only signed records (verify would
            // flag anything else): synthetic records are signed by the
            // member who would sign here, and only if that member may
            // record them (they are commitments, and count in reports).
            let state = candor::ledger::replay::state(&ledger, None)?;
            let signing = match state.members.any_key() {
                true => Some(super::signer::resolve(ctx, &state, ctx.actor.as_deref())?),
                false => None,
            };
            let actor = match &signing {
                Some(s) => s.member.clone(),
                None => ctx.actor.clone().unwrap_or_else(|| "bench".into()),
            };
            let signer = signing.as_ref().and_then(|s| s.signer.as_ref());
            for _ in 0..count {
                let i = ledger.len() + 1;
                let event = synthetic::event(i, ctx.today());
                if signing.is_some() {
                    candor::core::rights::check(&state, &actor, &event, None)
                        .map_err(|e| candor::Error::input("right", e.to_string()))?;
                }
                let entry = candor::ledger::Entry { actor: actor.clone(), event, signer };
                let d = ledger.append_entries(vec![entry], ctx.now)?;
                let _ = writeln!(out, "{}", d[0].seq);
                let _ = out.flush();
            }
            Ok(())
        }
    }
}

/// A synthetic ledger whose records are signed by the CEO named in record
/// 1, with a key from a fixed seed: measures verify's signature checks.
fn fill_signed(ctx: &Context, count: u64) -> Result<()> {
    let ceo = candor::ledger::Signer::from_seed([0xBE; 32]);
    let mut ledger = Ledger::create(&ctx.ledger_dir)?;
    let on = ctx.today();
    let mut next = 1;
    while next <= count {
        let last = (next + 9_999).min(count);
        let entries = (next..=last)
            .map(|i| {
                let event = match i {
                    2 => candor::core::Event::MemberKeyAdded { name: "Dana".into(), key: ceo.public() },
                    _ => synthetic::event(i, on),
                };
                candor::ledger::Entry { actor: "Dana".into(), event, signer: (i > 1).then_some(&ceo) }
            })
            .collect();
        ledger.append_entries(entries, ctx.now)?;
        next = last + 1;
    }
    Ok(())
}

/// A ledger shaped like years of weekly work, one durable append a week,
/// the last week stamped at the command's clock.
fn fill_realistic(ctx: &Context, count: u64, seed: u64) -> Result<()> {
    let mut weeks = synthetic::realistic::Realistic::new(count, ctx.now, seed)
        .map_err(|e| candor::Error::input("--count", e))?;
    let mut ledger = Ledger::create(&ctx.ledger_dir)?;
    let mut meeting_hash = None;
    while let Some(week) = weeks.next_week(meeting_hash) {
        let entries = week
            .records
            .into_iter()
            .map(|(actor, event)| candor::ledger::Entry { actor, event, signer: None })
            .collect();
        let digests = ledger.append_entries(entries, week.at)?;
        meeting_hash =
            weeks.awaiting_hash().and_then(|seq| digests.iter().find(|d| d.seq == seq)).map(|d| d.hash);
    }
    Ok(())
}

/// A script a sales leader might type over years: deals opened, then their
/// amounts revised, each line a second after the one before.
fn replay_script(lines: usize) -> String {
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z").expect("a valid time");
    let mut out =
        String::from("@2026-01-05T08:00:00Z init --company Bench --ceo Dana --leader Lee --currency USD --leader-key-here\n");
    for i in 0..lines.saturating_sub(1) {
        let at =
            (start + chrono::Duration::seconds(i as i64)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let deal = i / 4;
        let line = match i % 4 {
            0 => format!(
                "deal add --id D-{deal} --account \"Account {deal}\" --amount {}k --close 2026-12-31",
                10 + deal % 90
            ),
            n => format!("deal update D-{deal} --amount {}k", 10 + deal % 90 + n),
        };
        out.push_str(&format!("@{at} {line}\n"));
    }
    out
}
