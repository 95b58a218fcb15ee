//! Judging records that arrive already formed — from a client of the
//! server, or from an export — against the history they continue. One
//! rule book: the chain link and canonical bytes, the signature and its
//! key (`SignatureCheck`), the signer's rights (`core::rights`), and the
//! event's own decide function (`decide::revalidate`). A batch is taken
//! whole or not at all.

use crate::core::decide::revalidate::Checker;
use crate::core::rights;
use crate::core::{Envelope, Event, Timestamp};
use crate::error::{Error, Result};
use crate::ledger::chain::{link, Digest, Hash};
use crate::ledger::codec;
use crate::ledger::export::author_in;
use crate::ledger::signatures::{RecordFacts, SignatureCheck};
use crate::ledger::store::{Ledger, StoredRecord};

/// The history so far, folded for judging what comes next.
pub struct Acceptor {
    signatures: SignatureCheck,
    checker: Checker,
    /// Every record's hash, for acknowledgements that name one.
    hashes: Vec<Hash>,
}

/// Why a record was not taken, and which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub seq: u64,
    /// A short machine-readable reason: `link`, `bytes`, `signature`, `right`, `rules`.
    pub reason: &'static str,
    pub message: String,
}

impl Refusal {
    fn new(seq: u64, reason: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { seq, reason, message: message.into() }
    }

    pub fn into_error(self) -> Error {
        Error::input(format!("record {}", self.seq), format!("{}: {}", self.reason, self.message))
    }
}

impl Default for Acceptor {
    fn default() -> Self {
        Acceptor::new()
    }
}

impl Acceptor {
    /// An acceptor for an empty ledger.
    pub fn new() -> Acceptor {
        Acceptor { signatures: SignatureCheck::new(), checker: Checker::new(Vec::new()), hashes: Vec::new() }
    }

    /// Folds every record of `ledger`, checking each link and signature as
    /// `verify` does (a ledger `verify` refuses is not served). The records
    /// are not judged again by today's decide rules: they were taken under
    /// the rules of their day, as `verify` and every report read them.
    pub fn load(ledger: &Ledger) -> Result<Acceptor> {
        let mut signatures = SignatureCheck::new();
        let mut hashes = Vec::with_capacity(ledger.len() as usize);
        let mut history = Vec::with_capacity(ledger.len() as usize);
        let mut prev = Hash::ZERO;
        for rec in ledger.records() {
            let rec = rec?;
            let refuse = |why: String| load_failed(ledger, Refusal::new(rec.seq, "record", why));
            if link(&prev, &rec.bytes) != rec.hash || rec.seq != hashes.len() as u64 + 1 {
                return Err(refuse("its stored hash or position does not continue the chain".into()));
            }
            let decoded = codec::decode_record(&rec.bytes).map_err(|e| refuse(e.to_string()))?;
            if let Some(why) = signatures.admit(&RecordFacts::of(rec.seq, &decoded, &rec.bytes, Some(&prev)))
            {
                return Err(refuse(why));
            }
            prev = rec.hash;
            hashes.push(rec.hash);
            history.push(decoded.envelope);
        }
        Ok(Acceptor { signatures, checker: Checker::new(history), hashes })
    }

    /// The head of what has been accepted.
    pub fn head(&self) -> Option<Digest> {
        self.hashes.last().map(|h| Digest { seq: self.hashes.len() as u64, hash: *h })
    }

    pub fn state(&self) -> &crate::core::state::State {
        self.checker.state()
    }

    /// When the head record was written.
    pub fn last_recorded_at(&self) -> Option<Timestamp> {
        self.checker.state().last_recorded_at
    }

    /// Judges `raws` as the records right after the head, in order. Either
    /// every one is taken (and folded in) and returned ready to store, or
    /// none is and the first bad one is named.
    pub fn accept(&mut self, raws: &[Vec<u8>]) -> std::result::Result<Vec<StoredRecord>, Refusal> {
        let saved_signatures = self.signatures.clone();
        let mark = self.checker.mark();
        let saved_len = self.hashes.len();
        let mut out = Vec::with_capacity(raws.len());
        for raw in raws {
            match self.accept_one(raw) {
                Ok(rec) => out.push(rec),
                Err(refusal) => {
                    self.signatures = saved_signatures;
                    self.checker.rollback(mark);
                    self.hashes.truncate(saved_len);
                    return Err(refusal);
                }
            }
        }
        Ok(out)
    }

    fn accept_one(&mut self, raw: &[u8]) -> std::result::Result<StoredRecord, Refusal> {
        let seq = self.hashes.len() as u64 + 1;
        let prev = self.hashes.last().copied().unwrap_or(Hash::ZERO);
        let decoded = codec::decode_record(raw)
            .map_err(|e| Refusal::new(seq, "bytes", format!("not a record: {e}")))?;
        if codec::reencode(&decoded).ok().as_deref() != Some(raw) {
            return Err(Refusal::new(
                seq,
                "bytes",
                "not in canonical form (candor would encode it differently)",
            ));
        }
        if decoded.envelope.seq != seq {
            return Err(Refusal::new(
                seq,
                "link",
                format!("the record says seq {} where {seq} comes next", decoded.envelope.seq),
            ));
        }
        if let Some(why) = self.signatures.admit(&RecordFacts::of(seq, &decoded, raw, Some(&prev))) {
            return Err(Refusal::new(seq, "signature", why));
        }
        let env: Envelope = decoded.envelope;
        if decoded.signature.is_some() {
            let author = author_in(self.checker.history(), &env.event);
            rights::check(self.checker.state(), &env.actor, &env.event, author)
                .map_err(|e| Refusal::new(seq, "right", e.to_string()))?;
        }
        if let Event::HeadAcknowledged { seq: named, hash, .. } = &env.event {
            let at =
                usize::try_from(*named).ok().and_then(|s| s.checked_sub(1)).and_then(|i| self.hashes.get(i));
            if at != Some(hash) {
                return Err(Refusal::new(
                    seq,
                    "rules",
                    "head_acknowledged: its hash is not the hash of the record it names",
                ));
            }
        }
        self.checker.admit(env).map_err(|e| Refusal::new(seq, "rules", e.to_string()))?;
        let hash = link(&prev, raw);
        self.hashes.push(hash);
        Ok(StoredRecord { seq, hash, bytes: raw.to_vec() })
    }
}

fn load_failed(ledger: &Ledger, r: Refusal) -> Error {
    Error::Unreadable {
        path: ledger.path().to_path_buf(),
        cause: format!("record {} does not stand ({}: {}); run `candor verify`", r.seq, r.reason, r.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::ledger_opened;
    use crate::ledger::signing::{chain_entries, Entry};

    fn opening() -> Vec<StoredRecord> {
        let entry = Entry { actor: "Dana".into(), event: ledger_opened(), signer: None };
        chain_entries(Hash::ZERO, 1, vec![entry], Timestamp::from_micros(1_000_000)).unwrap()
    }

    #[test]
    fn the_first_record_is_taken_and_a_repeat_is_refused() {
        let recs = opening();
        let mut a = Acceptor::new();
        let taken = a.accept(&[recs[0].bytes.clone()]).unwrap();
        assert_eq!(taken[0].hash, recs[0].hash);
        assert_eq!(a.head().unwrap().seq, 1);
        let again = a.accept(&[recs[0].bytes.clone()]).unwrap_err();
        assert_eq!((again.seq, again.reason), (2, "link"));
        assert_eq!(a.head().unwrap().seq, 1, "nothing taken");
    }

    #[test]
    fn a_bad_record_in_a_batch_takes_none_of_it() {
        let recs = opening();
        let mut a = Acceptor::new();
        let err = a.accept(&[recs[0].bytes.clone(), vec![1, 2, 3]]).unwrap_err();
        assert_eq!((err.seq, err.reason), (2, "bytes"));
        assert!(a.head().is_none());
        assert_eq!(a.state().last_seq, 0);
    }
}
