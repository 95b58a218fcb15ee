//! The hash chain: `hash(n) = blake3(hash(n-1) ‖ bytes(n))`, `hash(0)` = 32
//! zero bytes. A digest `SEQ:HASH` names one exact history.

use crate::core::Hash32;
use std::fmt;

pub type Hash = Hash32;

/// The hash of a record, given the hash of the one before it.
pub fn link(prev: &Hash, record: &[u8]) -> Hash {
    let mut h = blake3::Hasher::new();
    h.update(&prev.0);
    h.update(record);
    Hash32(*h.finalize().as_bytes())
}

/// A point in history: the sequence number and hash of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest {
    pub seq: u64,
    pub hash: Hash,
}

impl Digest {
    /// Parses `SEQ:HASH` (HASH: 64 hex digits).
    pub fn parse(s: &str) -> Result<Digest, String> {
        let (seq, hash) = s.trim().split_once(':').ok_or_else(|| {
            format!("'{s}' is not a digest; expected SEQ:HASH as printed by `candor digest`")
        })?;
        let seq: u64 = seq
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| format!("'{seq}' is not a sequence number; expected a whole number from 1"))?;
        Ok(Digest { seq, hash: Hash32::from_hex(hash)? })
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_is_blake3_of_prev_then_bytes() {
        let mut concat = vec![0u8; 32];
        concat.extend_from_slice(b"abc");
        assert_eq!(link(&Hash32::ZERO, b"abc").0, *blake3::hash(&concat).as_bytes());
    }

    #[test]
    fn digest_parse() {
        let d = Digest { seq: 7, hash: Hash32([0xab; 32]) };
        assert_eq!(Digest::parse(&d.to_string()).unwrap(), d);
        assert!(Digest::parse("7").is_err());
        assert!(Digest::parse("0:".to_string().as_str()).is_err());
        assert!(Digest::parse(&format!("x:{}", Hash32::ZERO)).is_err());
        assert!(Digest::parse("7:abc").is_err());
    }
}
