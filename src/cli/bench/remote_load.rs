//! `bench remote-load`: concurrent writers (and readers) against a
//! running `candor serve`, to measure the shared ledger and to prove that
//! nothing acknowledged is lost or taken twice.
//!
//! Each writer is a thread with its own client and its own replica; every
//! append is a real `commitment_made` decided against that replica and sent
//! through `candor::remote::write`, the path `candor --remote … commitment
//! add` takes (pull, re-check on a moved head, sign, post, retry). Readers
//! are `candor --remote URL trust` / `brief` processes run in a loop, each
//! with a replica of its own. At the end a fresh replica pulls the whole
//! chain (verifying every link and signature) and counts the new records.

use crate::cli::context::Context;
use candor::core::decide::commitment::{self, NewCommitment};
use candor::core::state::State;
use candor::core::{Event, Timestamp};
use candor::identity::keys::{self, LocalKey};
use candor::ledger::{codec, verify, Entry, Ledger};
use candor::remote::{replica, write, Client};
use candor::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct LoadArgs {
    /// The server, as `candor serve` printed it
    #[arg(long)]
    url: String,
    /// Concurrent writers, each with its own client and replica
    #[arg(long, default_value_t = 1)]
    clients: usize,
    /// Appends per writer
    #[arg(long, default_value_t = 100)]
    appends: usize,
    /// Reader processes running `trust` and `brief` through --remote while the writers run
    #[arg(long, default_value_t = 0)]
    readers: usize,
    /// Commitment ids are PREFIX<client>-<n> (several loads on one ledger need different ones)
    #[arg(long, default_value = "L")]
    prefix: String,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

/// One writer's figures.
#[derive(Default)]
struct Written {
    /// Latency of each acknowledged append, from its first send.
    latencies: Vec<Duration>,
    acknowledged: Vec<String>,
    retries: usize,
    /// The most retries one append took.
    most_retries: usize,
    failures: Vec<String>,
}

/// The readers' figures.
#[derive(Default)]
struct Read {
    runs: usize,
    failures: usize,
    total: Duration,
}

/// What the server's chain holds after the load.
struct Checked {
    new_records: u64,
    lost: usize,
    duplicated: usize,
    unsigned: u64,
    verified: bool,
}

pub fn run(ctx: &Context, args: LoadArgs) -> Result<()> {
    let url = candor::remote::client::normalise(&args.url)?;
    let key = server_key(ctx, &url)?;
    let scratch =
        tempfile::tempdir().map_err(|e| Error::Usage(format!("cannot make a scratch directory: {e}")))?;
    let fixed_now = std::env::var("CANDOR_NOW").is_ok_and(|v| !v.trim().is_empty()).then_some(ctx.now);
    let before = Client::new(&url, keys::load(&key)?)?.head()?.head.map_or(0, |h| h.seq);

    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..args.readers)
        .map(|r| {
            let (stop, url, dir) = (stop.clone(), url.clone(), scratch.path().join(format!("reader-{r}")));
            std::thread::spawn(move || read_loop(&url, &dir, r, &stop))
        })
        .collect();

    let start = Arc::new(Barrier::new(args.clients + 1));
    let writers: Vec<_> = (0..args.clients)
        .map(|c| {
            let key = key.clone();
            let (url, start) = (url.clone(), start.clone());
            let dir = scratch.path().join(format!("client-{c}"));
            let id = format!("{}{c}-", args.prefix);
            let appends = args.appends;
            std::thread::spawn(move || write_loop(&url, &key, &dir, &id, appends, fixed_now, &start))
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let mut written = Written::default();
    for w in writers {
        let w = w.join().map_err(|_| Error::Usage("a writer thread panicked".into()))??;
        written.latencies.extend(w.latencies);
        written.acknowledged.extend(w.acknowledged);
        written.retries += w.retries;
        written.most_retries = written.most_retries.max(w.most_retries);
        written.failures.extend(w.failures);
    }
    let elapsed = began.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut read = Read::default();
    for r in readers {
        let r = r.join().map_err(|_| Error::Usage("a reader thread panicked".into()))?;
        read.runs += r.runs;
        read.failures += r.failures;
        read.total += r.total;
    }

    let checked = check(&url, &key, &scratch.path().join("check"), before, &args.prefix, &written)?;
    let figures = figures(&args, &written, &read, &checked, elapsed);
    if args.json {
        crate::cli::output::emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&figures).unwrap_or_default()
        ));
    } else {
        crate::cli::output::emit(&table(&figures));
    }
    if checked.lost > 0 || checked.duplicated > 0 || !checked.verified || checked.unsigned > 0 {
        return Err(Error::CheckFailed(format!(
            "the server's chain does not hold exactly what was acknowledged: {} lost, {} duplicated, {} \
             unsigned, verified: {}",
            checked.lost, checked.duplicated, checked.unsigned, checked.verified
        )));
    }
    Ok(())
}

/// The first key of this machine the server knows (`--as` first).
fn server_key(ctx: &Context, url: &str) -> Result<LocalKey> {
    let mut local = keys::list()?;
    local.sort_by_key(|k| ctx.actor.as_deref() != Some(k.name.as_str()));
    for key in local {
        if Client::new(url, keys::load(&key)?)?.knows_key()? {
            return Ok(key);
        }
    }
    Err(Error::input("--url", format!("the server at {url} knows none of this machine's keys")))
}

fn write_loop(
    url: &str,
    key: &LocalKey,
    dir: &Path,
    id: &str,
    appends: usize,
    fixed_now: Option<Timestamp>,
    start: &Barrier,
) -> Result<Written> {
    let ready = (|| {
        let client = Client::new(url, keys::load(key)?)?;
        let replica = replica::open(dir)?;
        let mut state = State::default();
        write::refresh(&client, &replica, &mut state)?;
        let member = state
            .members
            .keys
            .get(&client.signer().public())
            .map(|k| k.member.clone())
            .ok_or_else(|| Error::Usage("the key is not registered".into()))?;
        Ok::<_, Error>((client, replica, state, member))
    })();
    // Every writer starts together, even one that could not get ready.
    start.wait();
    let (client, replica, mut state, member) = ready?;
    let mut out = Written::default();
    for n in 0..appends {
        let id = format!("{id}{n}");
        match append_one(&client, &replica, &mut state, &member, &id, fixed_now) {
            Ok((took, retries)) => {
                out.latencies.push(took);
                out.retries += retries;
                out.most_retries = out.most_retries.max(retries);
                out.acknowledged.push(id);
            }
            Err(e) => out.failures.push(format!("{id}: {e}")),
        }
    }
    Ok(out)
}

/// One `commitment add`, as a command run on this replica decides it.
fn append_one(
    client: &Client,
    replica: &Ledger,
    state: &mut State,
    member: &str,
    id: &str,
    fixed_now: Option<Timestamp>,
) -> Result<(Duration, usize)> {
    write::refresh(client, replica, state)?;
    let now = fixed_now.unwrap_or_else(|| Timestamp::from_datetime(chrono::Utc::now()));
    let today = now.date();
    let wanted = NewCommitment {
        id: id.into(),
        owner: member.into(),
        what: format!("Load test commitment {id}"),
        due: today.add_days(7),
        on: None,
        meeting: None,
    };
    let event = commitment::add(state, wanted, today)?;
    let entry = Entry { actor: member.into(), event, signer: Some(client.signer()) };
    let began = Instant::now();
    let sent = write::append(client, replica, state, &[entry], now)?;
    Ok((began.elapsed(), sent.retries))
}

/// Runs `trust` and `brief` through --remote, one after the other, until told to stop.
fn read_loop(url: &str, dir: &Path, r: usize, stop: &AtomicBool) -> Read {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("candor"));
    let mut read = Read::default();
    let reports = ["trust", "brief"];
    let mut i = r;
    while !stop.load(Ordering::Relaxed) {
        let began = Instant::now();
        let ok = std::process::Command::new(&exe)
            .args(["--remote", url, "--no-input", "--format", "json", reports[i % 2]])
            .env("CANDOR_REPLICAS", dir)
            .env_remove("CANDOR_REMOTE")
            .env_remove("CANDOR_LEDGER")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        read.total += began.elapsed();
        read.runs += 1;
        read.failures += usize::from(!ok);
        i += 1;
    }
    read
}

/// Pulls the whole chain into a fresh replica (every link and signature
/// checked as it comes), verifies it, and counts the load's records.
fn check(url: &str, key: &LocalKey, dir: &Path, before: u64, prefix: &str, w: &Written) -> Result<Checked> {
    let client = Client::new(url, keys::load(key)?)?;
    let replica = replica::open(dir)?;
    let pulled = replica::sync(&replica, || Ok(Default::default()), &client).is_ok();
    let verification = verify::verify(&replica, None)?;
    let verified = pulled && verification.failure.is_none() && verification.signatures.bad.is_empty();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut unsigned = 0;
    for rec in replica.records_from(before + 1) {
        let rec = rec?;
        let decoded = codec::decode_record(&rec.bytes).map_err(|e| Error::CheckFailed(e.to_string()))?;
        unsigned += u64::from(decoded.signature.is_none());
        if let Event::CommitmentMade { id, .. } = decoded.envelope.event {
            if id.starts_with(prefix) {
                *seen.entry(id).or_default() += 1;
            }
        }
    }
    let lost = w.acknowledged.iter().filter(|id| !seen.contains_key(*id)).count();
    let duplicated = seen.values().map(|n| n - 1).sum::<usize>();
    // A failed write must not have landed either.
    let stray = seen.keys().filter(|id| !w.acknowledged.contains(id)).count();
    Ok(Checked {
        new_records: replica.len().saturating_sub(before),
        lost: lost + stray,
        duplicated,
        unsigned,
        verified,
    })
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn figures(args: &LoadArgs, w: &Written, r: &Read, c: &Checked, elapsed: Duration) -> serde_json::Value {
    let mut sorted = w.latencies.clone();
    sorted.sort();
    let secs = elapsed.as_secs_f64();
    let round = |x: f64| (x * 100.0).round() / 100.0;
    serde_json::json!({
        "clients": args.clients,
        "appends_per_client": args.appends,
        "readers": args.readers,
        "acknowledged": w.acknowledged.len(),
        "failed": w.failures.len(),
        "first_failures": w.failures.iter().take(3).collect::<Vec<_>>(),
        "seconds": round(secs),
        "appends_per_second": round(w.acknowledged.len() as f64 / secs.max(1e-9)),
        "latency_ms": {
            "p50": round(percentile(&sorted, 0.50)),
            "p99": round(percentile(&sorted, 0.99)),
            "max": round(percentile(&sorted, 1.0)),
        },
        "retries": w.retries,
        "most_retries_of_one_append": w.most_retries,
        "reader_runs": r.runs,
        "reader_failures": r.failures,
        "reader_ms_mean": round(r.total.as_secs_f64() * 1000.0 / (r.runs.max(1) as f64)),
        "check": {
            "new_records": c.new_records,
            "expected": w.acknowledged.len(),
            "lost": c.lost,
            "duplicated": c.duplicated,
            "unsigned": c.unsigned,
            "verified": c.verified,
        },
    })
}

fn table(f: &serde_json::Value) -> String {
    let c = &f["check"];
    let l = &f["latency_ms"];
    format!(
        "clients {} × {} appends, {} readers\n\
         acknowledged {} (failed {}) in {} s: {} appends/s\n\
         latency p50 {} ms, p99 {} ms, max {} ms; retries {} (at most {} for one append)\n\
         readers: {} reports ({} failed), {} ms each on average\n\
         check: {} new records for {} acknowledged; lost {}, duplicated {}, unsigned {}, chain verified: {}\n",
        f["clients"],
        f["appends_per_client"],
        f["readers"],
        f["acknowledged"],
        f["failed"],
        f["seconds"],
        f["appends_per_second"],
        l["p50"],
        l["p99"],
        l["max"],
        f["retries"],
        f["most_retries_of_one_append"],
        f["reader_runs"],
        f["reader_failures"],
        f["reader_ms_mean"],
        c["new_records"],
        c["expected"],
        c["lost"],
        c["duplicated"],
        c["unsigned"],
        c["verified"],
    )
}
