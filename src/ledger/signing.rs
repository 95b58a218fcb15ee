//! Signing and checking records (record format 2).
//!
//! A signature covers `DOMAIN ‖ hash(previous record) ‖ body`, where body
//! is the record's bytes up to its signature trailer (version byte and
//! envelope). Binding the previous hash means a signed record cannot be
//! moved or replayed elsewhere in the chain; the chain hash of the record
//! covers the trailer, so the signature cannot be stripped or swapped
//! without breaking every later link.

use crate::core::{Envelope, PublicKey};
use crate::ledger::chain::{link, Hash};
use crate::ledger::codec::{self, Signature};
use crate::ledger::StoredRecord;
use crate::{Error, Result};
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};

/// Domain separation: these bytes sign candor records and nothing else.
pub const DOMAIN: &[u8] = b"candor record v2\n";

/// A member's private key, loaded for signing.
pub struct Signer {
    key: SigningKey,
}

impl Signer {
    /// From the 32-byte secret seed.
    pub fn from_seed(seed: [u8; 32]) -> Signer {
        Signer { key: SigningKey::from_bytes(&seed) }
    }

    /// A new key from the operating system's random source.
    pub fn generate() -> Result<(Signer, [u8; 32])> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| Error::Usage(format!("cannot make a key: {e}")))?;
        Ok((Signer::from_seed(seed), seed))
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.key.verifying_key().to_bytes())
    }

    /// Signs the body of a record that will follow `prev`.
    pub fn sign(&self, prev: &Hash, body: &[u8]) -> Signature {
        let sig = self.key.sign(&message(prev, body));
        Signature { key: self.public(), bytes: sig.to_bytes() }
    }
}

impl Signer {
    /// Signs a message of another domain (a request, a login link); the
    /// caller's message starts with its own domain line, never a record's.
    pub fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        debug_assert!(!message.starts_with(DOMAIN));
        self.key.sign(message).to_bytes()
    }
}

/// True when `sig` is `key`'s strict signature of `message`.
pub fn check_message(key: &PublicKey, message: &[u8], sig: &[u8; 64]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(&key.0) else { return false };
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(sig)).is_ok()
}

fn message(prev: &Hash, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(DOMAIN.len() + 32 + body.len());
    m.extend_from_slice(DOMAIN);
    m.extend_from_slice(&prev.0);
    m.extend_from_slice(body);
    m
}

/// True when `sig` is a valid signature by its key of `body` after `prev`.
/// Strict verification: no malleable or small-order keys.
pub fn check(prev: &Hash, body: &[u8], sig: &Signature) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(&sig.key.0) else { return false };
    let signature = ed25519_dalek::Signature::from_bytes(&sig.bytes);
    key.verify_strict(&message(prev, body), &signature).is_ok()
}

/// One record to append: who it is by, what it says, and the key that
/// signs it (None only before any member has a key, or for synthetic data).
pub struct Entry<'a> {
    pub actor: String,
    pub event: crate::core::Event,
    pub signer: Option<&'a Signer>,
}

/// Encodes, signs and chains entries after `prev` (the head hash), from
/// `first_seq`, all stamped `now`.
pub fn chain_entries(
    prev: Hash,
    first_seq: u64,
    entries: Vec<Entry<'_>>,
    now: crate::core::Timestamp,
) -> Result<Vec<StoredRecord>> {
    let mut prev = prev;
    let mut out = Vec::with_capacity(entries.len());
    for (seq, entry) in (first_seq..).zip(entries) {
        let envelope = Envelope { seq, recorded_at: now, actor: entry.actor, event: entry.event };
        let body = codec::encode_body(&envelope).map_err(|e| Error::input("record", e.to_string()))?;
        let signature = entry.signer.map(|s| s.sign(&prev, &body));
        let bytes = codec::finish(body, signature.as_ref());
        prev = link(&prev, &bytes);
        out.push(StoredRecord { seq, hash: prev, bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::ledger_opened;

    #[test]
    fn a_signature_binds_the_previous_hash_and_the_body() {
        let signer = Signer::from_seed([3; 32]);
        let prev = Hash::ZERO;
        let recs = chain_entries(
            prev,
            1,
            vec![Entry { actor: "Dana".into(), event: ledger_opened(), signer: Some(&signer) }],
            crate::core::Timestamp::from_micros(0),
        )
        .unwrap();
        let d = codec::decode_record(&recs[0].bytes).unwrap();
        let sig = d.signature.unwrap();
        assert_eq!(sig.key, signer.public());
        let body = &recs[0].bytes[..d.body_len];
        assert!(check(&prev, body, &sig));
        assert!(!check(&crate::core::Hash32([1; 32]), body, &sig), "moved after another record");
        let mut other = body.to_vec();
        *other.last_mut().unwrap() ^= 1;
        assert!(!check(&prev, &other, &sig), "changed bytes");
        let forged = Signature { key: Signer::from_seed([4; 32]).public(), ..sig };
        assert!(!check(&prev, body, &forged), "someone else's key on the same signature");
    }
}
