//! Ledger benchmark: candor's sled store against a SQLite peer measured in
//! the same run, at several ledger sizes.
//!
//! ```text
//! cargo bench --bench ledger                         # sizes 10000,100000,1000000
//! cargo bench --bench ledger -- --sizes 10000,100000
//! ```
//!
//! For each size N, in a fresh temporary directory, it measures: bulk append
//! through the library; verify in-process and as a fresh `candor verify`
//! process; a full decode; durable single appends in-process and as fresh
//! `candor bench append --count 1` processes; `candor digest` (open + head);
//! peak memory; on-disk size. The peer is a SQLite table
//! `records(seq INTEGER PRIMARY KEY, hash BLOB, bytes BLOB)` in WAL mode with
//! synchronous=FULL, holding the very same record bytes and hashes. Once per
//! run it also measures the floors under a durable append: a bare fdatasync,
//! and a raw sled insert + flush with and without a data sync of its file.
//!
//! Measurements that compare candor with SQLite are interleaved (candor,
//! SQLite, candor, ...) so that both see the same machine; the ratios are
//! what to trust on a shared machine.
//!
//! The binary re-executes itself with `--child OP ARG` for the measurements
//! that need a fresh process of its own: the SQLite and PostgreSQL
//! single-commit peers, the first open timed inside a fresh process, and
//! peak RSS and bytes written read from /proc/self at the child's end.
//!
//! The PostgreSQL peer (`ledger/pg_peer.rs`) runs on a cluster of Debian's
//! PostgreSQL made for the run on a Unix socket in a temporary directory
//! and removed at the end; without PostgreSQL the bench says so and runs
//! the rest.

#[path = "ledger/pg_peer.rs"]
mod pg_peer;

use anyhow::{bail, ensure, Context as _, Result};
use candor::core::{Date, Envelope, Hash32, Timestamp};
use candor::ledger::chain::{link, Hash};
use candor::ledger::{codec, synthetic, verify::verify_in_passes, Ledger};
use rusqlite::config::DbConfig;
use rusqlite::{params, Connection};
use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The recording time of every record (the clock never goes backwards).
const NOW: &str = "2026-01-05T09:00:00Z";
const CANDOR: &str = env!("CARGO_BIN_EXE_candor");
const ACTOR: &str = "bench";
const DEFAULT_SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];
/// Events per `Ledger::append` call during the bulk build.
const BULK_BATCH: u64 = 10_000;
/// In-process durable single appends (and SQLite single commits) per size.
const SINGLE_APPENDS: usize = 200;
/// Fresh processes per whole-process measurement.
const PROCESS_RUNS: usize = 30;
/// In-process opens of the ledger per size.
const OPEN_RUNS: usize = 10;
/// Operations per floor measurement (fdatasync, raw sled).
const FLOOR_OPS: usize = 2_000;
/// Records for the pure CPU measurement (encode + chain, no store).
const CPU_RECORDS: u64 = 200_000;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let sizes = parse_sizes(&args)?;
    let started = Instant::now();
    let now = Timestamp::parse(NOW).map_err(anyhow::Error::msg)?;

    println!("# candor ledger benchmark\n");
    println!("- sizes: {}", sizes.iter().map(|n| group(*n as f64)).collect::<Vec<_>>().join(", "));
    println!("- cores: {}", std::thread::available_parallelism().map_or(0, |n| n.get()));
    println!("- arch: {}", command_line("uname", &["-m"]));
    println!("- rustc: {}", command_line("rustc", &["--version"]));
    println!("- load average at start: {}; pressure: {}", load_average(), pressure());
    println!("- temp dir: {}\n", std::env::temp_dir().display());

    let floors = measure_floors()?;
    print_floors(&floors);

    let cluster = match pg_peer::Cluster::start() {
        Ok(c) => {
            println!("PostgreSQL peer: {}, a cluster made for this run, Unix socket only.\n", c.version);
            Some(c)
        }
        Err(e) => {
            println!("**PostgreSQL peer not run**: {e:#}\n");
            None
        }
    };

    let mut results = Vec::new();
    for &n in &sizes {
        let r = run_size(n, now, cluster.as_ref()).with_context(|| format!("size {n}"))?;
        print_size(&r);
        print_postgres(&r);
        results.push(r);
    }
    print_summary(&results, &floors);
    println!("- load average at end: {}; pressure: {}", load_average(), pressure());
    println!("- total bench time: {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `--sizes 10000,100000` or `--sizes=...`; every other argument (cargo
/// passes `--bench`) is ignored.
fn parse_sizes(args: &[String]) -> Result<Vec<u64>> {
    let mut sizes: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--sizes" {
            sizes = Some(it.next().context("--sizes needs a value, e.g. --sizes 10000,100000")?.clone());
        } else if let Some(v) = a.strip_prefix("--sizes=") {
            sizes = Some(v.to_string());
        }
    }
    let Some(list) = sizes else { return Ok(DEFAULT_SIZES.to_vec()) };
    let parsed: Vec<u64> = list
        .split(',')
        .map(|s| s.trim().replace('_', "").parse::<u64>())
        .collect::<Result<_, _>>()
        .with_context(|| format!("--sizes {list}: expected comma-separated whole numbers"))?;
    ensure!(parsed.iter().all(|n| *n >= 1), "--sizes: every size must be at least 1");
    Ok(parsed)
}

// ---------------------------------------------------------------------------
// Child modes (fresh processes of this binary)
// ---------------------------------------------------------------------------

fn child(args: &[String]) -> Result<()> {
    let op = args.first().map(String::as_str).unwrap_or("");
    let arg = args.get(1).map(PathBuf::from).unwrap_or_default();
    let now = Timestamp::parse(NOW).map_err(anyhow::Error::msg)?;
    match op {
        "noop" => Ok(()),
        "sqlite-commit" => sqlite_commit_one(&arg, false, now),
        "sqlite-commit-nockpt" => sqlite_commit_one(&arg, true, now),
        "pg-commit" => {
            // A fresh process connects, reads the last hash, commits one row.
            let mut client = pg_peer::connect(arg.to_str().context("socket dir")?)?;
            let (seq, prev) = pg_peer::head(&mut client)?;
            pg_peer::insert_one(&mut client, seq + 1, &prev, &encode_event(seq + 1, now)?)?;
            Ok(())
        }
        "rss-verify" => {
            let (v, ledger) = verify_in_passes(Ledger::open(&arg)?, None)?;
            ensure!(v.ok(), "verify failed: {:?}", v.failure);
            drop(ledger);
            child_report()?;
            Ok(())
        }
        "open-time" => {
            // The first open in a fresh process, timed from inside it.
            let t = Instant::now();
            let ledger = Ledger::open(&arg)?;
            black_box(ledger.head().context("empty ledger")?);
            let opened = t.elapsed();
            drop(ledger);
            println!("{}", opened.as_nanos());
            Ok(())
        }
        "rss-rawscan" => {
            // sled alone, opened with a 1 MiB cache, reading every value once.
            let db =
                sled::Config::new().path(&arg).cache_capacity(1024 * 1024).flush_every_ms(None).open()?;
            let mut bytes = 0usize;
            for kv in db.iter() {
                bytes += kv?.1.len();
            }
            black_box(bytes);
            drop(db);
            child_report()?;
            Ok(())
        }
        "rss-digest" => {
            let ledger = Ledger::open(&arg)?;
            black_box(ledger.head().context("empty ledger")?);
            drop(ledger);
            child_report()?;
            Ok(())
        }
        "rss-append" => {
            let mut ledger = Ledger::open(&arg)?;
            let seq = ledger.len() + 1;
            ledger.append(ACTOR, vec![synthetic::event(seq, now.date())], now)?;
            drop(ledger);
            child_report()?;
            Ok(())
        }
        other => bail!("unknown child mode {other:?}"),
    }
}

/// A fresh process opens the SQLite peer, reads the last hash, and commits
/// one chained record with synchronous=FULL. With `no_checkpoint`, closing
/// the connection does not checkpoint the WAL into the main file (SQLite's
/// default close does, and that costs another sync).
fn sqlite_commit_one(db: &Path, no_checkpoint: bool, now: Timestamp) -> Result<()> {
    let conn = Connection::open(db)?;
    if no_checkpoint {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    let (seq, hash): (i64, Vec<u8>) =
        conn.query_row("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let seq = seq as u64 + 1;
    let bytes = encode_event(seq, now)?;
    let prev = Hash32(hash.as_slice().try_into().context("stored hash is not 32 bytes")?);
    let h = link(&prev, &bytes);
    conn.execute(
        "INSERT INTO records(seq, hash, bytes) VALUES (?1, ?2, ?3)",
        params![seq as i64, &h.0[..], bytes],
    )?;
    Ok(())
}

/// Prints this process's peak RSS (KiB) and the bytes it has written so far.
fn child_report() -> Result<()> {
    let hwm = proc_status_kib(&fs::read_to_string("/proc/self/status")?, "VmHWM:")
        .context("no VmHWM in /proc/self/status")?;
    println!("{hwm} {}", written_bytes()?);
    Ok(())
}

/// Bytes this process has passed to write-type system calls (`wchar` in
/// /proc/self/io): what the store asked the kernel to write, whether or not
/// it reached the disk before the file was deleted.
fn written_bytes() -> Result<u64> {
    let io = fs::read_to_string("/proc/self/io")?;
    io.lines()
        .find_map(|l| l.strip_prefix("wchar:"))
        .and_then(|v| v.trim().parse().ok())
        .context("no wchar in /proc/self/io")
}

fn proc_status_kib(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn encode_event(seq: u64, now: Timestamp) -> Result<Vec<u8>> {
    let envelope =
        Envelope { seq, recorded_at: now, actor: ACTOR.into(), event: synthetic::event(seq, now.date()) };
    Ok(codec::encode(&envelope)?)
}

fn candor(ledger: &Path) -> Command {
    let mut c = Command::new(CANDOR);
    c.arg("--ledger").arg(ledger).arg("--no-input").env("CANDOR_NOW", NOW);
    c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

fn this_binary(op: &str, arg: &Path) -> Result<Command> {
    let mut c = Command::new(std::env::current_exe()?);
    c.arg("--child").arg(op).arg(arg);
    c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    Ok(c)
}

/// Wall time of one fresh process, spawn to exit; fails on a non-zero exit.
fn time_process(cmd: &mut Command) -> Result<Duration> {
    let t = Instant::now();
    let out = cmd.output()?;
    let d = t.elapsed();
    ensure!(
        out.status.success(),
        "{:?} failed ({}): {}",
        cmd,
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(d)
}

fn time_processes(runs: usize, mut make: impl FnMut() -> Result<Command>) -> Result<Vec<Duration>> {
    (0..runs).map(|_| time_process(&mut make()?)).collect()
}

/// Runs a process and polls /proc/<pid>/status for VmHWM every 0.5 ms until
/// it exits. The last reading before exit is a lower bound of the peak.
fn polled_peak_kib(cmd: &mut Command) -> Result<u64> {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Some(status) = child.try_wait()? {
            ensure!(status.success(), "{cmd:?} failed ({status})");
            return Ok(peak);
        }
        if let Some(kib) = fs::read_to_string(&status_path).ok().and_then(|s| proc_status_kib(&s, "VmHWM:")) {
            peak = peak.max(kib);
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// Peak RSS (KiB) and bytes written, reported by a child of this binary at its end.
fn self_report(op: &str, arg: &Path) -> Result<(u64, u64)> {
    let out = this_binary(op, arg)?.stdout(Stdio::piped()).output()?;
    ensure!(out.status.success(), "child {op} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace().map(str::parse::<u64>);
    match (fields.next(), fields.next()) {
        (Some(Ok(kib)), Some(Ok(written))) => Ok((kib, written)),
        _ => bail!("child {op} printed {text:?}"),
    }
}

/// sled's `blobs/` directory: number of files and their bytes.
fn blob_files(ledger: &Path) -> Result<(u64, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    for entry in fs::read_dir(ledger.join("blobs"))? {
        files += 1;
        bytes += entry?.metadata()?.len();
    }
    Ok((files, bytes))
}

/// CPU and I/O pressure (PSI `some avg10`, % of time some task waited), a
/// sign of other work on the machine.
fn pressure() -> String {
    let read = |what: &str| {
        fs::read_to_string(format!("/proc/pressure/{what}"))
            .ok()
            .and_then(|s| s.lines().next().and_then(|l| l.split_whitespace().nth(1)).map(|v| v.to_string()))
            .unwrap_or_else(|| "n/a".into())
    };
    format!("cpu {}, io {}", read("cpu"), read("io"))
}

fn dir_bytes(path: &Path) -> Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut apparent = 0;
    let mut allocated = 0;
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            let (a, b) = dir_bytes(&entry.path())?;
            apparent += a;
            allocated += b;
        } else {
            apparent += meta.len();
            allocated += meta.blocks() * 512;
        }
    }
    Ok((apparent, allocated))
}

/// Sorted copy; percentiles are nearest-rank.
struct Stats(Vec<Duration>);

impl Stats {
    fn new(mut v: Vec<Duration>) -> Stats {
        v.sort();
        Stats(v)
    }
    fn pct(&self, p: f64) -> Duration {
        let rank = ((p / 100.0) * self.0.len() as f64).ceil().max(1.0) as usize;
        self.0[rank.min(self.0.len()) - 1]
    }
    fn median(&self) -> Duration {
        self.pct(50.0)
    }
    fn mean(&self) -> Duration {
        self.0.iter().sum::<Duration>() / self.0.len() as u32
    }
    fn max(&self) -> Duration {
        *self.0.last().expect("non-empty")
    }
}

fn rate(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

/// 1234567.8 → "1,234,568".
fn group(x: f64) -> String {
    let s = format!("{:.0}", x);
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn command_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

// ---------------------------------------------------------------------------
// Floors under a durable append (once per run)
// ---------------------------------------------------------------------------

struct Floors {
    fdatasync: Stats,
    sled_flush: Stats,
    sled_flush_sync: Stats,
}

fn measure_floors() -> Result<Floors> {
    let tmp = tempfile::Builder::new().prefix("candor-bench-floor-").tempdir()?;
    let value = vec![0x5a_u8; 230];

    // A bare write + fdatasync of 230 bytes.
    let path = tmp.path().join("plain");
    let mut file = fs::OpenOptions::new().create(true).append(true).open(&path)?;
    let mut fdatasync = Vec::with_capacity(FLOOR_OPS);
    for _ in 0..FLOOR_OPS {
        let t = Instant::now();
        file.write_all(&value)?;
        file.sync_data()?;
        fdatasync.push(t.elapsed());
    }
    drop(file);

    // Raw sled, configured as candor configures it; candor's sync() reopens
    // the `db` file for every data sync, so this does too.
    let run_sled = |name: &str, sync: bool| -> Result<Stats> {
        let dir = tmp.path().join(name);
        let db =
            sled::Config::new().path(&dir).cache_capacity(64 * 1024 * 1024).flush_every_ms(None).open()?;
        let mut times = Vec::with_capacity(FLOOR_OPS);
        for i in 0..FLOOR_OPS as u64 {
            let t = Instant::now();
            db.insert(i.to_be_bytes(), value.as_slice())?;
            db.flush()?;
            if sync {
                fs::File::open(dir.join("db"))?.sync_data()?;
            }
            times.push(t.elapsed());
        }
        Ok(Stats::new(times))
    };
    let sled_flush = run_sled("sled-flush", false)?;
    let sled_flush_sync = run_sled("sled-flush-sync", true)?;
    Ok(Floors { fdatasync: Stats::new(fdatasync), sled_flush, sled_flush_sync })
}

fn print_floors(f: &Floors) {
    println!("## Floors under one durable append ({} ops each, 230-byte values)\n", FLOOR_OPS);
    println!("| path | mean | p50 | p99 | ops/s (1/mean) |");
    println!("|---|---|---|---|---|");
    for (name, s) in [
        ("write + fdatasync, plain file", &f.fdatasync),
        ("sled insert + flush", &f.sled_flush),
        ("sled insert + flush + sync_data(db)", &f.sled_flush_sync),
    ] {
        println!(
            "| {name} | {} | {} | {} | {} |",
            ms(s.mean()),
            ms(s.median()),
            ms(s.pct(99.0)),
            group(1.0 / s.mean().as_secs_f64())
        );
    }
    println!();
}

/// The SQLite peer's verify: full scan + decode + re-hash, one thread, on a
/// fresh connection; checks every stored hash and sequence number.
fn sqlite_scan(db: &Path, n: u64) -> Result<Duration> {
    let t = Instant::now();
    let conn = Connection::open(db)?;
    let mut stmt = conn.prepare("SELECT seq, hash, bytes FROM records ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut prev = Hash::ZERO;
    let mut expected = 1u64;
    while let Some(row) = rows.next()? {
        let seq = row.get::<_, i64>(0)? as u64;
        let stored = row.get_ref(1)?.as_blob()?;
        let bytes = row.get_ref(2)?.as_blob()?;
        let envelope = codec::decode(bytes)?;
        ensure!(seq == expected && envelope.seq == seq, "sqlite: seq {seq}, expected {expected}");
        let h = link(&prev, bytes);
        ensure!(h.0[..] == *stored, "sqlite: hash mismatch at {seq}");
        prev = h;
        expected += 1;
    }
    ensure!(expected - 1 == n, "sqlite scan saw {} rows", expected - 1);
    Ok(t.elapsed())
}

// ---------------------------------------------------------------------------
// One size
// ---------------------------------------------------------------------------

struct SizeResult {
    n: u64,
    cpu_encode_chain: f64,
    bulk: Duration,
    sqlite_bulk: Duration,
    open_inproc: Stats,
    verify_inproc: Stats,
    verify_proc: Stats,
    sqlite_scan: Stats,
    decode: Stats,
    raw_bytes: u64,
    disk: (u64, u64),
    sqlite_disk: (u64, u64),
    rss_verify_polled: u64,
    rss_verify_self: u64,
    rss_digest_self: u64,
    rss_append_self: u64,
    rss_rawscan: u64,
    written_verify_child: u64,
    written_digest_child: u64,
    written_append_child: u64,
    bulk_written: u64,
    sqlite_bulk_written: u64,
    single_written: u64,
    sqlite_single_written: u64,
    blobs: (u64, u64),
    pressure_start: String,
    pressure_end: String,
    single_inproc: Stats,
    sqlite_single_inproc: Stats,
    append_proc: Stats,
    sqlite_commit_proc: Stats,
    sqlite_commit_nockpt_proc: Stats,
    digest_proc: Stats,
    rebuild: Duration,
    trust_first: Duration,
    trust_after: Stats,
    first_open: Stats,
    candor_start: Stats,
    self_start: Stats,
    /// The PostgreSQL peer's figures, or why there are none.
    postgres: Result<PgSize, String>,
}

struct PgSize {
    bulk: Duration,
    scan: Stats,
    single_inproc: Stats,
    commit_proc: Stats,
    table_bytes: u64,
}

/// The PostgreSQL peer at one size: the same records and hashes, loaded,
/// scanned and appended to right after candor's and SQLite's runs.
fn postgres_size(cluster: &pg_peer::Cluster, n: u64, now: Timestamp, rounds: usize) -> Result<PgSize> {
    let mut client = cluster.connect()?;
    let bulk = pg_peer::bulk_load(&mut client, (1..=n).map(|seq| Ok((seq, encode_event(seq, now)?))))?;
    let table_bytes = pg_peer::table_bytes(&mut client)?;
    eprintln!("[bench] N = {n}: postgres bulk {}", secs(bulk));
    let socket = cluster.socket_dir();
    let scan = Stats::new((0..rounds).map(|_| pg_peer::scan(&socket, n)).collect::<Result<_>>()?);
    let (mut seq, mut prev) = pg_peer::head(&mut client)?;
    let mut single = Vec::with_capacity(SINGLE_APPENDS);
    for _ in 0..SINGLE_APPENDS {
        seq += 1;
        let t = Instant::now();
        let bytes = encode_event(seq, now)?;
        prev = pg_peer::insert_one(&mut client, seq, &prev, &bytes)?;
        single.push(t.elapsed());
    }
    drop(client);
    let commit_proc =
        Stats::new(time_processes(PROCESS_RUNS, || this_binary("pg-commit", Path::new(&socket)))?);
    eprintln!(
        "[bench] N = {n}: postgres scan {}, fresh commit {}",
        secs(scan.median()),
        ms(commit_proc.median())
    );
    Ok(PgSize { bulk, scan, single_inproc: Stats::new(single), commit_proc, table_bytes })
}

fn run_size(n: u64, now: Timestamp, cluster: Option<&pg_peer::Cluster>) -> Result<SizeResult> {
    eprintln!("[bench] N = {n}: start");
    let pressure_start = pressure();
    let tmp = tempfile::Builder::new().prefix("candor-bench-").tempdir()?;
    let ldir = tmp.path().join("ledger");
    let sdir = tmp.path().join("sqlite");
    fs::create_dir(&sdir)?;
    let sdb = sdir.join("peer.db");
    let today: Date = now.date();

    // The pure CPU cost of making the records: build, encode, chain.
    let cpu_n = n.min(CPU_RECORDS);
    let t = Instant::now();
    let mut prev = Hash::ZERO;
    for seq in 1..=cpu_n {
        prev = link(&prev, &encode_event(seq, now)?);
    }
    black_box(prev);
    let cpu_encode_chain = rate(cpu_n, t.elapsed());

    // 1. Bulk append through the library, batches of BULK_BATCH events.
    let written_before = written_bytes()?;
    let t = Instant::now();
    let mut ledger = Ledger::create(&ldir)?;
    let mut next = 1;
    while next <= n {
        let last = (next + BULK_BATCH - 1).min(n);
        let events = (next..=last).map(|i| synthetic::event(i, today)).collect();
        ledger.append(ACTOR, events, now)?;
        next = last + 1;
    }
    let bulk = t.elapsed();
    let bulk_written = written_bytes()? - written_before;
    ensure!(ledger.len() == n, "bulk append left {} records, expected {n}", ledger.len());
    drop(ledger);
    eprintln!("[bench] N = {n}: bulk append {}", secs(bulk));

    // 9a. SQLite peer: the same records, one transaction, durable commit.
    let written_before = written_bytes()?;
    let t = Instant::now();
    {
        let mut conn = Connection::open(&sdb)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(
            "CREATE TABLE records(seq INTEGER PRIMARY KEY, hash BLOB NOT NULL, bytes BLOB NOT NULL)",
        )?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO records(seq, hash, bytes) VALUES (?1, ?2, ?3)")?;
            let mut prev = Hash::ZERO;
            for seq in 1..=n {
                let bytes = encode_event(seq, now)?;
                prev = link(&prev, &bytes);
                insert.execute(params![seq as i64, &prev.0[..], bytes])?;
            }
        }
        tx.commit()?;
    }
    let sqlite_bulk = t.elapsed();
    let sqlite_bulk_written = written_bytes()? - written_before;
    eprintln!("[bench] N = {n}: sqlite bulk {}", secs(sqlite_bulk));

    // 8. Sizes, right after the bulk loads, with both stores closed.
    let disk = dir_bytes(&ldir)?;
    let blobs = blob_files(&ldir)?;
    let sqlite_disk = dir_bytes(&sdir)?;

    // Open + head, re-opened in this process (sled's thread pool is already
    // running here, unlike in a fresh process).
    let mut opens = Vec::with_capacity(OPEN_RUNS);
    for _ in 0..OPEN_RUNS {
        let t = Instant::now();
        let ledger = Ledger::open(&ldir)?;
        let head = ledger.head();
        opens.push(t.elapsed());
        ensure!(head.map(|d| d.seq) == Some(n), "head after open: {head:?}");
    }

    // 2, 3 and 9b: verify, full decode and the SQLite scan in interleaved
    // rounds, so that both stores see the same machine. Each round opens the
    // ledger afresh (sled's cache cold, the OS page cache warm), as the
    // SQLite scan uses a fresh connection.
    let rounds = if n >= 1_000_000 { 3 } else { 5 };
    let mut verify_times = Vec::with_capacity(rounds);
    let mut decode_times = Vec::with_capacity(rounds);
    let mut scan_times = Vec::with_capacity(rounds);
    let mut raw_bytes = 0u64;
    for _ in 0..rounds {
        {
            let ledger = Ledger::open(&ldir)?;
            let t = Instant::now();
            let (v, _ledger) = verify_in_passes(ledger, None)?;
            verify_times.push(t.elapsed());
            ensure!(v.ok() && v.records == n, "verify: {:?}, {} records", v.failure, v.records);
        }
        {
            let ledger = Ledger::open(&ldir)?;
            let t = Instant::now();
            let mut count = 0u64;
            raw_bytes = 0;
            for item in ledger.envelopes(u64::MAX) {
                let (record, envelope) = item?;
                raw_bytes += record.bytes.len() as u64;
                count += 1;
                black_box(envelope);
            }
            decode_times.push(t.elapsed());
            ensure!(count == n, "decode saw {count} records");
        }
        scan_times.push(sqlite_scan(&sdb, n)?);
    }
    let verify_inproc = Stats::new(verify_times);
    let decode = Stats::new(decode_times);
    let sqlite_scan = Stats::new(scan_times);
    eprintln!(
        "[bench] N = {n}: verify {}, decode {}, sqlite scan {}",
        secs(verify_inproc.median()),
        secs(decode.median()),
        secs(sqlite_scan.median())
    );

    // 2b. Whole-process verify, and 7. peak memory.
    let verify_proc = Stats::new(time_processes(rounds, || {
        let mut c = candor(&ldir);
        c.arg("verify");
        Ok(c)
    })?);
    let rss_verify_polled = {
        let mut c = candor(&ldir);
        c.arg("verify");
        polled_peak_kib(&mut c)?
    };
    let (rss_verify_self, written_verify_child) = self_report("rss-verify", &ldir)?;
    let (rss_digest_self, written_digest_child) = self_report("rss-digest", &ldir)?;
    let (rss_rawscan, _) = self_report("rss-rawscan", &ldir)?;
    eprintln!("[bench] N = {n}: verify process {}", secs(verify_proc.median()));

    // 6. Open + head in fresh processes, interleaved with bare process starts.
    let mut digest_proc = Vec::with_capacity(PROCESS_RUNS);
    let mut first_open = Vec::with_capacity(PROCESS_RUNS);
    let mut candor_start = Vec::with_capacity(PROCESS_RUNS);
    let mut self_start = Vec::with_capacity(PROCESS_RUNS);
    for _ in 0..PROCESS_RUNS {
        digest_proc.push(time_process(candor(&ldir).arg("digest"))?);
        let out = this_binary("open-time", &ldir)?.stdout(Stdio::piped()).output()?;
        ensure!(out.status.success(), "open-time: {}", String::from_utf8_lossy(&out.stderr).trim());
        first_open.push(Duration::from_nanos(String::from_utf8_lossy(&out.stdout).trim().parse()?));
        candor_start.push(time_process(Command::new(CANDOR).arg("--version").stdout(Stdio::null()))?);
        self_start.push(time_process(&mut this_binary("noop", Path::new("-"))?)?);
    }

    // 7b. The projection: a full rebuild in-process (no snapshot), then
    // `candor trust` as a fresh process — first without a snapshot (it folds
    // and leaves one), then after it.
    let snapshot_file = ldir.join(candor::ledger::snapshot::FILE);
    let _ = fs::remove_file(&snapshot_file);
    let rebuild = {
        let ledger = Ledger::open(&ldir)?;
        let t = Instant::now();
        let state = candor::ledger::replay::state(&ledger, None)?;
        let d = t.elapsed();
        ensure!(state.last_seq == n, "the rebuild folded {} of {n} records", state.last_seq);
        d
    };
    let _ = fs::remove_file(&snapshot_file);
    let trust_first = time_process(candor(&ldir).arg("trust"))?;
    let trust_after = Stats::new(time_processes(5, || {
        let mut c = candor(&ldir);
        c.arg("trust");
        Ok(c)
    })?);
    eprintln!(
        "[bench] N = {n}: rebuild {}, trust first {}, after {}",
        secs(rebuild),
        ms(trust_first),
        ms(trust_after.median())
    );

    // 4. Durable single appends in-process, interleaved with SQLite
    // single-row commits (synchronous=FULL) in the same process.
    let mut ledger = Ledger::open(&ldir)?;
    let conn = Connection::open(&sdb)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    let (last, hash): (i64, Vec<u8>) =
        conn.query_row("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut prev = Hash32(hash.as_slice().try_into()?);
    let mut insert = conn.prepare("INSERT INTO records(seq, hash, bytes) VALUES (?1, ?2, ?3)")?;
    let mut single = Vec::with_capacity(SINGLE_APPENDS);
    let mut sqlite_single = Vec::with_capacity(SINGLE_APPENDS);
    let mut single_written = 0;
    let mut sqlite_single_written = 0;
    for i in 1..=SINGLE_APPENDS as u64 {
        let seq = ledger.len() + 1;
        let event = synthetic::event(seq, today);
        let before = written_bytes()?;
        let t = Instant::now();
        ledger.append(ACTOR, vec![event], now)?;
        single.push(t.elapsed());
        single_written += written_bytes()? - before;

        let seq = last as u64 + i;
        let before = written_bytes()?;
        let t = Instant::now();
        let bytes = encode_event(seq, now)?;
        prev = link(&prev, &bytes);
        insert.execute(params![seq as i64, &prev.0[..], bytes])?;
        sqlite_single.push(t.elapsed());
        sqlite_single_written += written_bytes()? - before;
    }
    drop(insert);
    drop(conn);
    let after_single = ledger.len();
    drop(ledger);
    let single_inproc = Stats::new(single);
    let sqlite_single_inproc = Stats::new(sqlite_single);
    eprintln!("[bench] N = {n}: single appends {}", ms(single_inproc.mean()));

    // 5. Durable single append in fresh processes, interleaved with the
    // SQLite peer: a fresh process that opens the db and commits one row.
    let mut append_proc = Vec::with_capacity(PROCESS_RUNS);
    let mut sqlite_commit_proc = Vec::with_capacity(PROCESS_RUNS);
    let mut sqlite_commit_nockpt_proc = Vec::with_capacity(PROCESS_RUNS);
    for _ in 0..PROCESS_RUNS {
        append_proc.push(time_process(candor(&ldir).args([
            "bench",
            "append",
            "--count",
            "1",
            "--unchecked",
        ]))?);
        sqlite_commit_proc.push(time_process(&mut this_binary("sqlite-commit", &sdb)?)?);
        sqlite_commit_nockpt_proc.push(time_process(&mut this_binary("sqlite-commit-nockpt", &sdb)?)?);
    }
    let check = Ledger::open(&ldir)?.len();
    ensure!(check == after_single + PROCESS_RUNS as u64, "after whole-process appends: {check} records");
    let (rss_append_self, written_append_child) = self_report("rss-append", &ldir)?;
    let postgres = match cluster {
        Some(c) => postgres_size(c, n, now, rounds).map_err(|e| format!("{e:#}")),
        None => Err("PostgreSQL did not start (see above)".into()),
    };
    eprintln!("[bench] N = {n}: done");

    Ok(SizeResult {
        n,
        cpu_encode_chain,
        bulk,
        sqlite_bulk,
        open_inproc: Stats::new(opens),
        verify_inproc,
        verify_proc,
        sqlite_scan,
        decode,
        raw_bytes,
        disk,
        sqlite_disk,
        rss_verify_polled,
        rss_verify_self,
        rss_digest_self,
        rss_append_self,
        rss_rawscan,
        written_verify_child,
        written_digest_child,
        written_append_child,
        bulk_written,
        sqlite_bulk_written,
        single_written,
        sqlite_single_written,
        blobs,
        pressure_start,
        pressure_end: pressure(),
        single_inproc,
        sqlite_single_inproc,
        append_proc: Stats::new(append_proc),
        sqlite_commit_proc: Stats::new(sqlite_commit_proc),
        sqlite_commit_nockpt_proc: Stats::new(sqlite_commit_nockpt_proc),
        digest_proc: Stats::new(digest_proc),
        rebuild,
        trust_first,
        trust_after,
        first_open: Stats::new(first_open),
        candor_start: Stats::new(candor_start),
        self_start: Stats::new(self_start),
        postgres,
    })
}

/// candor, PostgreSQL and SQLite side by side at one size.
fn print_postgres(r: &SizeResult) {
    let n = r.n;
    let pg = match &r.postgres {
        Ok(pg) => pg,
        Err(why) => {
            println!("PostgreSQL peer at N = {}: **not measured** — {why}\n", group(n as f64));
            return;
        }
    };
    println!("### N = {}: candor, PostgreSQL, SQLite\n", group(n as f64));
    println!(
        "| metric | candor | peer: PostgreSQL (defaults: fsync, synchronous_commit on) | peer: SQLite |"
    );
    println!("|---|---|---|---|");
    println!(
        "| bulk load of the same records (events/s) | {} ({}), `append` calls of {} | {} ({}), one binary COPY in one transaction | {} ({}), one transaction |",
        group(rate(n, r.bulk)),
        secs(r.bulk),
        group(BULK_BATCH as f64),
        group(rate(n, pg.bulk)),
        secs(pg.bulk),
        group(rate(n, r.sqlite_bulk)),
        secs(r.sqlite_bulk)
    );
    println!(
        "| verify / scan + decode + re-hash, fresh connection, median of {} | {} ({}/s) | {} ({}/s) | {} ({}/s) |",
        pg.scan.0.len(),
        secs(r.verify_inproc.median()),
        group(rate(n, r.verify_inproc.median())),
        secs(pg.scan.median()),
        group(rate(n, pg.scan.median())),
        secs(r.sqlite_scan.median()),
        group(rate(n, r.sqlite_scan.median()))
    );
    println!(
        "| one durable append, in-process, {} calls: mean / p50 / p99 | {} / {} / {} | autocommit INSERT: {} / {} / {} | {} / {} / {} |",
        SINGLE_APPENDS,
        ms(r.single_inproc.mean()),
        ms(r.single_inproc.median()),
        ms(r.single_inproc.pct(99.0)),
        ms(pg.single_inproc.mean()),
        ms(pg.single_inproc.median()),
        ms(pg.single_inproc.pct(99.0)),
        ms(r.sqlite_single_inproc.mean()),
        ms(r.sqlite_single_inproc.median()),
        ms(r.sqlite_single_inproc.pct(99.0))
    );
    println!(
        "| a fresh process that appends one record, {} runs: median / p90 | {} / {} | connect + read head + INSERT: {} / {} | {} / {} |",
        PROCESS_RUNS,
        ms(r.append_proc.median()),
        ms(r.append_proc.pct(90.0)),
        ms(pg.commit_proc.median()),
        ms(pg.commit_proc.pct(90.0)),
        ms(r.sqlite_commit_proc.median()),
        ms(r.sqlite_commit_proc.pct(90.0))
    );
    println!(
        "| size (× raw record bytes) | {} ({:.2}×), the ledger directory | {} ({:.2}×), table + index (`pg_total_relation_size`) | {} ({:.2}×), db + WAL |",
        mib(r.disk.0),
        r.disk.0 as f64 / r.raw_bytes as f64,
        mib(pg.table_bytes),
        pg.table_bytes as f64 / r.raw_bytes as f64,
        mib(r.sqlite_disk.0),
        r.sqlite_disk.0 as f64 / r.raw_bytes as f64
    );
    println!();
}

fn range(s: &Stats) -> String {
    format!("{}–{}", secs(s.pct(0.0)), secs(s.max()))
}

fn print_size(r: &SizeResult) {
    let n = r.n;
    let at = if n == 1_000_000 { "" } else { " (stated for 1 M)" };
    println!("## N = {} records\n", group(n as f64));
    println!("| metric | candor | peer: SQLite WAL, synchronous=FULL | target (quality.md){at} |");
    println!("|---|---|---|---|");
    println!(
        "| bulk append, {} events per `append` call (events/s) | {} ({}) | {} ({}), one transaction | ≤ 2 s for 1 M (≥ 500,000/s); peer: SQLite bulk |",
        group(BULK_BATCH as f64),
        group(rate(n, r.bulk)),
        secs(r.bulk),
        group(rate(n, r.sqlite_bulk)),
        secs(r.sqlite_bulk)
    );
    println!(
        "| verify, in-process, median of {} (records/s) | {} ({}; range {}) | scan + decode + re-hash: {} ({}; range {}) | ≤ 0.5 s (≥ 2,000,000/s); beat SQLite |",
        r.verify_inproc.0.len(),
        group(rate(n, r.verify_inproc.median())),
        secs(r.verify_inproc.median()),
        range(&r.verify_inproc),
        group(rate(n, r.sqlite_scan.median())),
        secs(r.sqlite_scan.median()),
        range(&r.sqlite_scan)
    );
    println!(
        "| `candor verify`, whole process, median of {} | {} (range {}) | — | ≤ 0.5 s |",
        r.verify_proc.0.len(),
        secs(r.verify_proc.median()),
        range(&r.verify_proc)
    );
    println!(
        "| full decode, `envelopes(u64::MAX)`, median of {} (records/s) | {} ({}) | — | projection rebuild ≥ 2,000,000/s (decode is its floor) |",
        r.decode.0.len(),
        group(rate(n, r.decode.median())),
        secs(r.decode.median())
    );
    println!(
        "| durable single append, in-process, {} calls: mean / p50 / p99 | {} / {} / {} | one-row commit: {} / {} / {} | — |",
        SINGLE_APPENDS,
        ms(r.single_inproc.mean()),
        ms(r.single_inproc.median()),
        ms(r.single_inproc.pct(99.0)),
        ms(r.sqlite_single_inproc.mean()),
        ms(r.sqlite_single_inproc.median()),
        ms(r.sqlite_single_inproc.pct(99.0))
    );
    println!(
        "| durable single append, whole process (`candor bench append --count 1 --unchecked`), {} runs: median / p90 | {} / {} | fresh process, one commit: {} / {}; without checkpoint on close: {} / {} | ≤ 25 ms; within 2× of SQLite |",
        PROCESS_RUNS,
        ms(r.append_proc.median()),
        ms(r.append_proc.pct(90.0)),
        ms(r.sqlite_commit_proc.median()),
        ms(r.sqlite_commit_proc.pct(90.0)),
        ms(r.sqlite_commit_nockpt_proc.median()),
        ms(r.sqlite_commit_nockpt_proc.pct(90.0))
    );
    println!(
        "| open + head, whole process (`candor digest`), median of {} | {} (p90 {}) | — | reports ≤ 100 ms |",
        PROCESS_RUNS,
        ms(r.digest_proc.median()),
        ms(r.digest_proc.pct(90.0))
    );
    println!(
        "| full projection rebuild, in-process, no snapshot (events/s) | {} ({}) | — | ≥ 2,000,000/s |",
        group(rate(r.n, r.rebuild)),
        secs(r.rebuild)
    );
    println!(
        "| `candor trust`, whole process: first (folds, writes the snapshot) / after, median of 5 | {} / {} | — | ≤ 100 ms after the first |",
        ms(r.trust_first),
        ms(r.trust_after.median())
    );
    println!(
        "| `Ledger::open` + head: first open in a fresh process (timed inside it) / re-open in a warm process, medians | {} / {} | — | — |",
        ms(r.first_open.median()),
        ms(r.open_inproc.median())
    );
    println!(
        "| process start: `candor --version` / bench binary no-op, medians | {} / {} | — | — |",
        ms(r.candor_start.median()),
        ms(r.self_start.median())
    );
    println!(
        "| peak RSS of verify: `candor verify` polled / in-process child | {} / {} | — | ≤ 200 MB |",
        mib(r.rss_verify_polled * 1024),
        mib(r.rss_verify_self * 1024)
    );
    println!(
        "| peak RSS, in-process child: open + head / one durable append | {} / {} | — | ≤ 200 MB |",
        mib(r.rss_digest_self * 1024),
        mib(r.rss_append_self * 1024)
    );
    println!(
        "| peak RSS of a raw sled scan of the same store, cache_capacity 1 MiB (child) | {} | — | — |",
        mib(r.rss_rawscan * 1024)
    );
    println!(
        "| bytes written by the process: bulk append (× raw record bytes) | {} ({:.2}×) | {} ({:.2}×) | — |",
        mib(r.bulk_written),
        r.bulk_written as f64 / r.raw_bytes as f64,
        mib(r.sqlite_bulk_written),
        r.sqlite_bulk_written as f64 / r.raw_bytes as f64
    );
    println!(
        "| bytes written per durable single append, in-process (mean of {}) | {} | {} | — |",
        SINGLE_APPENDS,
        group(r.single_written as f64 / SINGLE_APPENDS as f64),
        group(r.sqlite_single_written as f64 / SINGLE_APPENDS as f64)
    );
    println!(
        "| bytes written by a fresh process (in-process child): open + head / verify / one append | {} / {} / {} | — | — |",
        group(r.written_digest_child as f64),
        group(r.written_verify_child as f64),
        group(r.written_append_child as f64)
    );
    println!(
        "| on-disk size, apparent (× raw record bytes, {}) | {} ({:.2}×; `blobs/`: {} in {} files) | {} ({:.2}×) | ≤ 2× raw |",
        mib(r.raw_bytes),
        mib(r.disk.0),
        r.disk.0 as f64 / r.raw_bytes as f64,
        mib(r.blobs.1),
        r.blobs.0,
        mib(r.sqlite_disk.0),
        r.sqlite_disk.0 as f64 / r.raw_bytes as f64
    );
    println!(
        "| CPU only: build + encode + chain, one thread, first {} records (records/s) | {} | — | — |",
        group(n.min(CPU_RECORDS) as f64),
        group(r.cpu_encode_chain)
    );
    println!();
    println!(
        "Mean record: {:.0} bytes. Sizes on disk are taken right after the bulk loads, both stores closed \
         (allocated: candor {}, SQLite {}). Pressure (PSI some avg10, %) at start: {}; at end: {}.\n",
        r.raw_bytes as f64 / n as f64,
        mib(r.disk.1),
        mib(r.sqlite_disk.1),
        r.pressure_start,
        r.pressure_end
    );
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

fn print_summary(results: &[SizeResult], floors: &Floors) {
    println!("## Summary\n");
    println!("Growth with the ledger (µs per record for the bulk paths; medians):\n");
    println!(
        "| N | bulk | SQLite bulk | verify | SQLite scan | decode | `candor verify` | `candor digest` | whole-process append | SQLite fresh-process commit | verify peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let per = |d: Duration, n: u64| format!("{:.3}", d.as_secs_f64() * 1e6 / n as f64);
    for r in results {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            group(r.n as f64),
            per(r.bulk, r.n),
            per(r.sqlite_bulk, r.n),
            per(r.verify_inproc.median(), r.n),
            per(r.sqlite_scan.median(), r.n),
            per(r.decode.median(), r.n),
            secs(r.verify_proc.median()),
            ms(r.digest_proc.median()),
            ms(r.append_proc.median()),
            ms(r.sqlite_commit_proc.median()),
            mib(r.rss_verify_polled.max(r.rss_verify_self) * 1024)
        );
    }
    println!();
    let Some(r) = results.iter().max_by_key(|r| r.n) else { return };
    println!("Targets, checked at the largest size run (N = {}):\n", group(r.n as f64));
    let peak =
        r.rss_verify_polled.max(r.rss_verify_self).max(r.rss_digest_self).max(r.rss_append_self) * 1024;
    let verify = r.verify_inproc.median();
    let scan = r.sqlite_scan.median();
    let lines = [
        (
            "verify ≤ 0.5 s, in-process",
            verify <= Duration::from_millis(500),
            format!("{} ({} records/s)", secs(verify), group(rate(r.n, verify))),
        ),
        (
            "verify ≤ 0.5 s, whole process",
            r.verify_proc.median() <= Duration::from_millis(500),
            secs(r.verify_proc.median()),
        ),
        (
            "verify beats SQLite scan + verify",
            verify < scan,
            format!("{:.2}× SQLite's speed", scan.as_secs_f64() / verify.as_secs_f64()),
        ),
        match &r.postgres {
            Ok(pg) => (
                "verify beats PostgreSQL scan + verify",
                verify < pg.scan.median(),
                format!("{:.2}× PostgreSQL's speed", pg.scan.median().as_secs_f64() / verify.as_secs_f64()),
            ),
            Err(why) => ("verify beats PostgreSQL scan + verify", false, format!("not measured: {why}")),
        },
        (
            "bulk append ≤ 2 s per 1 M (≥ 500,000/s)",
            rate(r.n, r.bulk) >= 500_000.0,
            format!("{} events/s", group(rate(r.n, r.bulk))),
        ),
        (
            "durable append, whole process ≤ 25 ms",
            r.append_proc.median() <= Duration::from_millis(25),
            format!("median {}", ms(r.append_proc.median())),
        ),
        (
            "durable append, whole process within 2× of a SQLite fresh-process commit",
            r.append_proc.median().as_secs_f64() <= 2.0 * r.sqlite_commit_proc.median().as_secs_f64(),
            format!(
                "{:.2}× (against SQLite without checkpoint on close: {:.2}×)",
                r.append_proc.median().as_secs_f64() / r.sqlite_commit_proc.median().as_secs_f64(),
                r.append_proc.median().as_secs_f64() / r.sqlite_commit_nockpt_proc.median().as_secs_f64()
            ),
        ),
        ("peak memory ≤ 200 MB (largest reading)", peak <= 200 * 1000 * 1000, mib(peak)),
        (
            "on-disk ≤ 2× raw record bytes",
            r.disk.0 <= 2 * r.raw_bytes,
            format!(
                "{:.2}× (SQLite {:.2}×)",
                r.disk.0 as f64 / r.raw_bytes as f64,
                r.sqlite_disk.0 as f64 / r.raw_bytes as f64
            ),
        ),
        (
            "decode ≥ 2,000,000/s (floor of the projection-rebuild target)",
            rate(r.n, r.decode.median()) >= 2_000_000.0,
            format!("{} records/s", group(rate(r.n, r.decode.median()))),
        ),
    ];
    for (what, ok, figure) in lines {
        println!("- {what}: **{}** — {figure}", verdict(ok));
    }
    println!(
        "- bulk append against SQLite's one-transaction insert (quality.md names the peer, no ratio): {:.2}× SQLite's speed",
        r.sqlite_bulk.as_secs_f64() / r.bulk.as_secs_f64()
    );
    println!(
        "- floors: write + fdatasync {} mean; sled insert + flush {} mean; sled insert + flush + sync_data {} mean; \
         candor single append in-process at this size {} mean",
        ms(floors.fdatasync.mean()),
        ms(floors.sled_flush.mean()),
        ms(floors.sled_flush_sync.mean()),
        ms(r.single_inproc.mean())
    );
    println!();
}
