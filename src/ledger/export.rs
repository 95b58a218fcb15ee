//! JSON Lines export and its inverse. Each line carries the exact record
//! bytes (base64) and the hash chain, so it can be re-verified by anyone
//! (docs/events.md); the decoded fields are there for people to read, and
//! restore refuses a line whose readable fields disagree with its bytes.

use crate::core::decide::revalidate::Checker;
use crate::core::rights;
use crate::core::PublicKey;
use crate::core::{Envelope, Event, Timestamp};
use crate::error::{Error, Result};
use crate::ledger::chain::{link, Digest, Hash};
use crate::ledger::codec::{self, Decoded};
use crate::ledger::signatures::{RecordFacts, SignatureCheck};
use crate::ledger::store::{Ledger, StoredRecord};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::Deserialize;
use std::io::{BufRead, BufWriter, Read, Write};

/// A line as read back. Written by `LineWriter`, which keeps this order.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportLine {
    seq: u64,
    prev: String,
    hash: String,
    raw: String,
    recorded_at: String,
    actor: String,
    /// Absent in a compact export; present (even `null`), it must agree
    /// with the record bytes.
    #[serde(default, deserialize_with = "present")]
    event: Option<serde_json::Value>,
    /// The key that signed the record (`ed25519:…`); absent for an
    /// unsigned record, so unsigned exports read as they always did.
    #[serde(default)]
    signed_by: Option<String>,
}

fn present<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

/// What each export line carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The contract of product.md: the record, its chain, and its decoded
    /// `event` for people to read.
    Full,
    /// Without the decoded `event`: each record is carried once (its
    /// bytes), under 2.5 times their size. Restore accepts both.
    Compact,
}

/// Writes every record, in order, one JSON object a line. Returns the count.
pub fn export(ledger: &Ledger, out: &mut dyn Write) -> Result<u64> {
    export_as(ledger, out, Form::Full)
}

/// `export` in either form, in one pass under the handle it is given.
pub fn export_as(ledger: &Ledger, out: &mut dyn Write, form: Form) -> Result<u64> {
    let mut lines = LineWriter::new(out, form);
    for rec in ledger.records() {
        lines.record(ledger, &rec?)?;
    }
    lines.finish()
}

/// `export_as` for a whole process: the store is read in passes with
/// sled's handle opened again between them (`Ledger::for_each_record`),
/// so memory stays flat however long the history. Returns the count and
/// the ledger, open again.
pub fn export_in_passes(ledger: Ledger, out: &mut dyn Write, form: Form) -> Result<(u64, Ledger)> {
    let path = ledger.path().to_path_buf();
    let mut lines = LineWriter::new(out, form);
    let ledger = ledger.for_each_record(|rec| {
        lines.record_at(&path, &rec)?;
        Ok(true)
    })?;
    Ok((lines.finish()?, ledger))
}

/// Export lines written straight into a buffer, one record at a time:
/// no JSON tree is built, and output reaches `out` in large writes.
struct LineWriter<'a> {
    out: BufWriter<&'a mut dyn Write>,
    form: Form,
    prev: Hash,
    count: u64,
    line: Vec<u8>,
}

impl<'a> LineWriter<'a> {
    fn new(out: &'a mut dyn Write, form: Form) -> LineWriter<'a> {
        LineWriter {
            out: BufWriter::with_capacity(1 << 16, out),
            form,
            prev: Hash::ZERO,
            count: 0,
            line: Vec::new(),
        }
    }

    fn record(&mut self, ledger: &Ledger, rec: &StoredRecord) -> Result<()> {
        self.record_at(ledger.path(), rec)
    }

    fn record_at(&mut self, path: &std::path::Path, rec: &StoredRecord) -> Result<()> {
        let decoded = codec::decode_record(&rec.bytes).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            cause: format!("record {}: {e}", rec.seq),
        })?;
        let signed_by = decoded.signature.map(|s| s.key);
        encode_line(&mut self.line, self.form, &self.prev, rec, &decoded.envelope, signed_by)?;
        self.out.write_all(&self.line).map_err(cannot_write)?;
        self.prev = rec.hash;
        self.count += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<u64> {
        self.out.flush().map_err(cannot_write)?;
        Ok(self.count)
    }
}

fn cannot_write(e: std::io::Error) -> Error {
    Error::Usage(format!("cannot write the export: {e}"))
}

/// The longest export line accepted: a record is a few hundred bytes; a
/// line that never ends (/dev/zero) stops here instead of filling memory.
pub const LINE_LIMIT: usize = 1 << 20;

/// Writes one export line in full form: the record, its decoded envelope
/// and the hash it chains from (salvage writes through here).
pub fn write_line(
    out: &mut dyn Write,
    prev: &Hash,
    rec: &StoredRecord,
    env: &Envelope,
    signed_by: Option<PublicKey>,
) -> Result<()> {
    let mut line = Vec::new();
    encode_line(&mut line, Form::Full, prev, rec, env, signed_by)?;
    out.write_all(&line).map_err(cannot_write)
}

/// Lowercase hex, as `Hash::to_hex` writes it, without a string per byte.
fn push_hex(line: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        line.push(DIGITS[usize::from(b >> 4)]);
        line.push(DIGITS[usize::from(b & 0xf)]);
    }
}

/// One line, keys in the order of docs/events.md § 6, ending in `\n`.
fn encode_line(
    line: &mut Vec<u8>,
    form: Form,
    prev: &Hash,
    rec: &StoredRecord,
    env: &Envelope,
    signed_by: Option<PublicKey>,
) -> Result<()> {
    let json = |e: serde_json::Error| Error::CheckFailed(format!("record {}: {e}", rec.seq));
    line.clear();
    // Hex and base64 never need JSON escapes; the other strings go through serde_json.
    let _ = write!(line, "{{\"seq\":{},\"prev\":\"", rec.seq);
    push_hex(line, &prev.0);
    line.extend_from_slice(b"\",\"hash\":\"");
    push_hex(line, &rec.hash.0);
    line.extend_from_slice(b"\",\"raw\":\"");
    let start = line.len();
    line.resize(start + base64::encoded_len(rec.bytes.len(), true).unwrap_or(0), 0);
    let written =
        B64.encode_slice(&rec.bytes, &mut line[start..]).map_err(|e| Error::CheckFailed(e.to_string()))?;
    line.truncate(start + written);
    line.extend_from_slice(b"\",\"recorded_at\":");
    serde_json::to_writer(&mut *line, &env.recorded_at.to_string()).map_err(json)?;
    line.extend_from_slice(b",\"actor\":");
    serde_json::to_writer(&mut *line, &env.actor).map_err(json)?;
    if form == Form::Full {
        line.extend_from_slice(b",\"event\":");
        serde_json::to_writer(&mut *line, &env.event).map_err(json)?;
    }
    if let Some(key) = signed_by {
        line.extend_from_slice(b",\"signed_by\":");
        serde_json::to_writer(&mut *line, &key.to_string()).map_err(json)?;
    }
    line.extend_from_slice(b"}\n");
    Ok(())
}

/// Reads an export, checking every line (chain, bytes, readable fields,
/// clock, signatures), and hands each verified record to `sink`. Returns the head.
pub fn read_export(
    input: &mut dyn BufRead,
    mut sink: impl FnMut(StoredRecord, Timestamp) -> Result<()>,
) -> Result<Option<Digest>> {
    let mut signatures = SignatureCheck::new();
    let mut prev = Hash::ZERO;
    let mut last_time: Option<Timestamp> = None;
    let mut seq = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = (&mut *input)
            .take(LINE_LIMIT as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::input("export", format!("cannot read: {e}")))?;
        if n == 0 {
            break;
        }
        seq += 1;
        let bad = |why: String| Error::input(format!("export line {seq}"), why);
        if n > LINE_LIMIT {
            return Err(bad(format!("is longer than the {} MiB allowed for one record", LINE_LIMIT >> 20)));
        }
        let text = std::str::from_utf8(&buf).map_err(|_| bad("is not valid UTF-8".into()))?;
        let line: ExportLine = serde_json::from_str(text.trim_end_matches(['\n', '\r'])).map_err(|e| {
            bad(format!("is not an export record ({e}); expected the JSON written by `candor export`"))
        })?;
        let (decoded, record) = check_line(&line, seq, &prev).map_err(bad)?;
        if let Some(why) = signatures.admit(&RecordFacts::of(seq, &decoded, &record.bytes, Some(&prev))) {
            return Err(bad(format!("signature: {why}")));
        }
        let env = decoded.envelope;
        if last_time.is_some_and(|t| !crate::core::decide::clock::may_follow(t, env.recorded_at, &env.event))
        {
            return Err(bad("recorded_at goes backwards".into()));
        }
        last_time = Some(env.recorded_at);
        prev = record.hash;
        sink(record, env.recorded_at)?;
    }
    if seq == 0 {
        return Err(Error::input("export", "is empty; expected one JSON record a line"));
    }
    Ok(Some(Digest { seq, hash: prev }))
}

fn check_line(line: &ExportLine, seq: u64, prev: &Hash) -> Result<(Decoded, StoredRecord), String> {
    if line.seq != seq {
        return Err(format!(
            "has seq {} where {seq} was expected (missing, duplicated or reordered lines)",
            line.seq
        ));
    }
    // Compared as text: exports are lowercase hex, and only the exact form
    // written by `export` is accepted.
    if line.prev != prev.to_hex() {
        return Err("prev does not equal the previous line's hash (broken link)".into());
    }
    let hash = Hash::from_hex(&line.hash).map_err(|e| format!("hash: {e}"))?;
    if line.hash != hash.to_hex() {
        return Err("hash: expected 64 lowercase hex digits, as `candor export` writes".into());
    }
    let raw = B64.decode(&line.raw).map_err(|e| format!("raw is not base64: {e}"))?;
    if link(prev, &raw) != hash {
        return Err("hash is not blake3(prev ‖ raw): the record bytes or its hash were altered".into());
    }
    let decoded = codec::decode_record(&raw).map_err(|e| format!("raw: {e}"))?;
    let env = &decoded.envelope;
    if seq == 1 && !matches!(env.event, crate::core::Event::LedgerOpened { .. }) {
        return Err("record 1 is not ledger_opened; every ledger starts with the record that opens it".into());
    }
    // The decoder tolerates needlessly long integer encodings; an export
    // from outside must carry exactly the bytes candor would write.
    if codec::reencode(&decoded).ok().as_deref() != Some(raw.as_slice()) {
        return Err(
            "raw is not in canonical form (it decodes, but candor would encode it differently)".into()
        );
    }
    let readable_ok = env.seq == seq
        && Timestamp::parse(&line.recorded_at).ok() == Some(env.recorded_at)
        && env.actor == line.actor
        && line
            .event
            .as_ref()
            .is_none_or(|shown| serde_json::to_value(&env.event).ok().as_ref() == Some(shown));
    if !readable_ok {
        return Err("seq, recorded_at, actor or event disagree with the record bytes".into());
    }
    let key = decoded.signature.map(|s| s.key.to_string());
    // Absent exactly when unsigned: a reader without a decoder finds the
    // trailer by it (docs/events.md § 8).
    if line.signed_by != key {
        return Err("signed_by disagrees with the signature in the record bytes".into());
    }
    Ok((decoded, StoredRecord { seq, hash, bytes: raw }))
}

/// The first pass of a restore: every line verified, and every event
/// re-validated in order with the rules of the live commands
/// (`decide::revalidate`), before anything is written. Returns the head.
/// Returns the head and when its record was written.
pub fn check_export(input: &mut dyn BufRead) -> Result<(Option<Digest>, Option<Timestamp>)> {
    let mut checker = Checker::new(Vec::new());
    // Every record's hash so far (32 bytes a record), for acknowledgements.
    let mut hashes: Vec<Hash> = Vec::new();
    let head = read_export(input, |rec, _| {
        let decoded = codec::decode_record(&rec.bytes)
            .map_err(|e| Error::input(format!("record {}", rec.seq), e.to_string()))?;
        // A signed record is held to the rights of its signer (the record's
        // actor, whose key read_export has checked) on the state before it;
        // unsigned records come from before identity and are not. As a live
        // command does, the event's own rules are judged first.
        let env = decoded.envelope;
        let right = match decoded.signature {
            Some(_) => {
                let author = author_in(checker.history(), &env.event);
                rights::check(checker.state(), &env.actor, &env.event, author).err()
            }
            None => None,
        };
        // An acknowledgement names a record of this history: the one just
        // before it, or (the other side's, given later) an earlier one.
        if let Event::HeadAcknowledged { seq, hash, .. } = &env.event {
            let named = usize::try_from(*seq).ok().and_then(|s| s.checked_sub(1)).and_then(|i| hashes.get(i));
            if named != Some(hash) {
                return Err(Error::input(
                    format!("record {}", rec.seq),
                    "head_acknowledged: its hash is not the hash of the record it names",
                ));
            }
        }
        hashes.push(rec.hash);
        checker.admit(env)?;
        match right {
            Some(e) => Err(Error::input(format!("record {}", rec.seq), format!("right: {e}"))),
            None => Ok(()),
        }
    })?;
    Ok((head, checker.state().last_recorded_at))
}

/// Who wrote the record a correction targets, from the records before it.
pub fn author_in<'a>(history: &'a [Envelope], event: &Event) -> Option<&'a str> {
    let Event::Corrected { target, .. } = event else { return None };
    let index = usize::try_from(target.checked_sub(1)?).ok()?;
    history.get(index).map(|env| env.actor.as_str())
}

/// Writes a verified export into an empty ledger, re-verifying every line
/// as it goes; `expected` is the head the first pass found.
pub fn restore_into(
    ledger: &mut Ledger,
    input: &mut dyn BufRead,
    expected: Option<Digest>,
) -> Result<Digest> {
    if !ledger.is_empty() {
        return Err(Error::Usage(format!(
            "the ledger at {} already holds records; restore writes into an empty ledger only",
            ledger.path().display()
        )));
    }
    let mut pending: Vec<StoredRecord> = Vec::new();
    let mut last_time = Timestamp::from_micros(0);
    let head = read_export(input, |rec, t| {
        pending.push(rec);
        last_time = t;
        if pending.len() >= 64 * 1024 {
            ledger.append_chained(std::mem::take(&mut pending), t)?;
        }
        Ok(())
    })?;
    ledger.append_chained(pending, last_time)?;
    if head != expected {
        return Err(Error::CheckFailed("the export changed while it was being restored".into()));
    }
    head.ok_or_else(|| Error::input("export", "is empty"))
}
