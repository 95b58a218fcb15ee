//! The PostgreSQL peer: a cluster of Debian's PostgreSQL (15 or later)
//! made for the run in a temporary directory, listening only on a Unix
//! socket there, stopped and removed when the bench ends (on failure too:
//! `Drop`). The table holds the very records and hashes candor stores:
//! `records(seq bigint PRIMARY KEY, hash bytea, bytes bytea)`, with the
//! server's defaults for durability (fsync on, synchronous_commit on).
//!
//! As root (PostgreSQL refuses to run as root) initdb, pg_ctl and the
//! server run as the `postgres` user through `runuser`, and the directory
//! belongs to that user.

use anyhow::{bail, ensure, Context as _, Result};
use candor::ledger::chain::{link, Hash};
use candor::ledger::codec;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;
use postgres::{Client, NoTls};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A running cluster; dropping it stops the server and removes the directory.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    run_as: Option<String>,
    pub version: String,
}

impl Cluster {
    /// initdb + start; an error says why (not installed, refused to start).
    pub fn start() -> Result<Cluster> {
        let bin = binaries()
            .context("no PostgreSQL 15+ under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)")?;
        let dir = tempfile::Builder::new().prefix("candor-bench-pg-").tempdir()?;
        let run_as = is_root().then(|| "postgres".to_string());
        if let Some(user) = &run_as {
            chown_to(dir.path(), user)?;
        }
        let version = run(&bin.join("postgres"), None, &["--version"])?.trim().to_string();
        let data = dir.path().join("data");
        let data_arg = data.to_str().context("temp path is not UTF-8")?;
        run(
            &bin.join("initdb"),
            run_as.as_deref(),
            &["-D", data_arg, "--auth=trust", "-U", "postgres", "-E", "UTF8"],
        )
        .context("initdb")?;
        let cluster = Cluster { dir, bin, run_as, version };
        let socket = cluster.socket_dir();
        let log = cluster.dir.path().join("server.log");
        let options = format!("-c listen_addresses='' -k {socket}");
        run(
            &cluster.bin.join("pg_ctl"),
            cluster.run_as.as_deref(),
            &[
                "-D",
                data_arg,
                "-l",
                log.to_str().unwrap_or_default(),
                "-o",
                &options,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )
        .with_context(|| format!("pg_ctl start (log: {})", fs::read_to_string(&log).unwrap_or_default()))?;
        Ok(cluster)
    }

    pub fn socket_dir(&self) -> String {
        self.dir.path().display().to_string()
    }

    pub fn connect(&self) -> Result<Client> {
        connect(&self.socket_dir())
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let data = data.to_string_lossy();
        if let Err(e) =
            run(&self.bin.join("pg_ctl"), self.run_as.as_deref(), &["-D", &data, "-m", "fast", "-w", "stop"])
        {
            eprintln!("[bench] postgres: stop failed: {e:#}");
        }
    }
}

pub fn connect(socket_dir: &str) -> Result<Client> {
    Ok(Client::connect(&format!("host={socket_dir} user=postgres dbname=postgres"), NoTls)?)
}

/// The newest /usr/lib/postgresql/<major>/bin with major ≥ 15.
fn binaries() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let major: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            (major >= 15 && bin.join("initdb").exists()).then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    run(Path::new("id"), None, &["-u"]).map(|s| s.trim() == "0").unwrap_or(false)
}

fn chown_to(path: &Path, user: &str) -> Result<()> {
    let uid: u32 = run(Path::new("id"), None, &["-u", user])?.trim().parse()?;
    let gid: u32 = run(Path::new("id"), None, &["-g", user])?.trim().parse()?;
    std::os::unix::fs::chown(path, Some(uid), Some(gid))?;
    Ok(())
}

/// Runs a program (as `user` through runuser when given); its stdout, or
/// an error with its stderr.
fn run(program: &Path, user: Option<&str>, args: &[&str]) -> Result<String> {
    let mut c = match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    };
    // The server inherits pg_ctl's stdout unless told otherwise; -l sends
    // its log to a file, and stdin/stdout here must not keep the bench waiting.
    let out = c.args(args).stdin(Stdio::null()).stderr(Stdio::piped()).stdout(Stdio::piped()).output()?;
    if !out.status.success() {
        bail!("{} {}: {}", program.display(), args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

/// Creates the table and loads `records` (seq, bytes) with one binary COPY
/// in one transaction, chaining inside the timed loop as the other stores
/// do; timed to the durable commit.
pub fn bulk_load(
    client: &mut Client,
    records: impl Iterator<Item = Result<(u64, Vec<u8>)>>,
) -> Result<Duration> {
    client.batch_execute(
        "DROP TABLE IF EXISTS records; \
         CREATE TABLE records(seq bigint PRIMARY KEY, hash bytea NOT NULL, bytes bytea NOT NULL)",
    )?;
    let t = Instant::now();
    let mut tx = client.transaction()?;
    {
        let sink = tx.copy_in("COPY records (seq, hash, bytes) FROM STDIN (FORMAT binary)")?;
        let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::BYTEA, Type::BYTEA]);
        let mut prev = Hash::ZERO;
        for item in records {
            let (seq, bytes) = item?;
            prev = link(&prev, &bytes);
            writer.write(&[&(seq as i64), &&prev.0[..], &bytes])?;
        }
        writer.finish()?;
    }
    tx.commit()?;
    Ok(t.elapsed())
}

/// Verify's peer: a fresh connection streams every row in order, decodes
/// it and re-hashes the chain, checking every stored hash and seq.
pub fn scan(socket_dir: &str, n: u64) -> Result<Duration> {
    let t = Instant::now();
    let mut client = connect(socket_dir)?;
    let mut rows =
        client.query_raw("SELECT seq, hash, bytes FROM records ORDER BY seq", std::iter::empty::<i64>())?;
    let mut prev = Hash::ZERO;
    let mut expected = 1u64;
    while let Some(row) = rows.next()? {
        let seq = row.get::<_, i64>(0) as u64;
        let stored: &[u8] = row.get(1);
        let bytes: &[u8] = row.get(2);
        let envelope = codec::decode(bytes)?;
        ensure!(seq == expected && envelope.seq == seq, "postgres: seq {seq}, expected {expected}");
        let h = link(&prev, bytes);
        ensure!(h.0[..] == *stored, "postgres: hash mismatch at {seq}");
        prev = h;
        expected += 1;
    }
    ensure!(expected - 1 == n, "postgres scan saw {} rows", expected - 1);
    Ok(t.elapsed())
}

/// The last (seq, hash) of the table.
pub fn head(client: &mut Client) -> Result<(u64, Hash)> {
    let row = client.query_one("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1", &[])?;
    let hash: &[u8] = row.get(1);
    Ok((
        row.get::<_, i64>(0) as u64,
        candor::core::Hash32(hash.try_into().context("stored hash is not 32 bytes")?),
    ))
}

/// One chained row in its own (autocommit, durable) transaction.
pub fn insert_one(client: &mut Client, seq: u64, prev: &Hash, bytes: &[u8]) -> Result<Hash> {
    let h = link(prev, bytes);
    client.execute(
        "INSERT INTO records(seq, hash, bytes) VALUES ($1, $2, $3)",
        &[&(seq as i64), &&h.0[..], &bytes],
    )?;
    Ok(h)
}

/// Table, index and TOAST bytes.
pub fn table_bytes(client: &mut Client) -> Result<u64> {
    let row = client.query_one("SELECT pg_total_relation_size('records')", &[])?;
    Ok(row.get::<_, i64>(0) as u64)
}
