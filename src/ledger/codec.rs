//! The record codec: the only module that knows bincode.
//!
//! A record's bytes are one format-version byte followed by the bincode 2
//! (standard config: little-endian, variable-length integers) encoding of the
//! envelope through serde. Changing the encoding means a new version byte
//! here and a decoder for every old one; nothing outside this file changes.
//!
//! Version 2 adds a signature trailer after the envelope: one byte `0`
//! (unsigned) or `1` followed by the signer's 32-byte ed25519 public key
//! and the 64-byte signature (see `ledger::signing` for what it covers).
//! Version 1 records have no trailer and stay valid, reported as unsigned.

use crate::core::Envelope;
use bincode::config::{self, Configuration, Limit, LittleEndian, Varint};

/// The format version written by this release.
pub const FORMAT_VERSION: u8 = 2;
/// The first release's format: no signature trailer.
pub const FORMAT_V1: u8 = 1;
const UNSIGNED: u8 = 0;
const SIGNED: u8 = 1;
/// The bytes of a signed trailer: marker, public key, signature.
pub const SIGNED_TRAILER: usize = 1 + 32 + 64;
/// Largest record accepted, in bytes (guards decoding of hostile input).
pub const MAX_RECORD_BYTES: usize = 256 * 1024;

type Config = Configuration<LittleEndian, Varint, Limit<MAX_RECORD_BYTES>>;

fn config() -> Config {
    config::standard().with_limit::<MAX_RECORD_BYTES>()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("empty record")]
    Empty,
    #[error(
        "unknown record format version {0} (this release reads versions {FORMAT_V1} and {FORMAT_VERSION})"
    )]
    UnknownVersion(u8),
    #[error("undecodable record: {0}")]
    Malformed(String),
    #[error("record is {0} bytes; at most {MAX_RECORD_BYTES} are accepted")]
    TooLarge(usize),
}

/// A record's signature: the key that made it and the signature bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    pub key: crate::core::PublicKey,
    pub bytes: [u8; 64],
}

/// A decoded record: its envelope, its format version, its signature (if
/// any) and how many of its bytes the signature covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub envelope: Envelope,
    pub version: u8,
    pub signature: Option<Signature>,
    /// `bytes[..body_len]` is what the signature covers (with the previous hash).
    pub body_len: usize,
}

/// The body of a version-2 record: version byte and envelope, no trailer yet.
pub fn encode_body(envelope: &Envelope) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![FORMAT_VERSION];
    bincode::serde::encode_into_std_write(envelope, &mut out, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    if out.len() + SIGNED_TRAILER > MAX_RECORD_BYTES {
        return Err(CodecError::TooLarge(out.len() + SIGNED_TRAILER));
    }
    Ok(out)
}

/// Completes a body from `encode_body` with its signature trailer.
pub fn finish(mut body: Vec<u8>, signature: Option<&Signature>) -> Vec<u8> {
    match signature {
        None => body.push(UNSIGNED),
        Some(sig) => {
            body.push(SIGNED);
            body.extend_from_slice(&sig.key.0);
            body.extend_from_slice(&sig.bytes);
        }
    }
    body
}

/// An unsigned version-2 record.
pub fn encode(envelope: &Envelope) -> Result<Vec<u8>, CodecError> {
    Ok(finish(encode_body(envelope)?, None))
}

/// A version-1 record (no trailer), as the first release wrote it. Kept
/// for tests and fixtures that must produce old records.
pub fn encode_v1(envelope: &Envelope) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![FORMAT_V1];
    bincode::serde::encode_into_std_write(envelope, &mut out, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    Ok(out)
}

/// The bytes this release would write for a decoded record: the same
/// version, envelope and trailer. A record from outside that differs was
/// not written by candor (needlessly long integers, say).
pub fn reencode(d: &Decoded) -> Result<Vec<u8>, CodecError> {
    match d.version {
        FORMAT_V1 => encode_v1(&d.envelope),
        _ => Ok(finish(encode_body(&d.envelope)?, d.signature.as_ref())),
    }
}

pub fn decode(bytes: &[u8]) -> Result<Envelope, CodecError> {
    decode_record(bytes).map(|d| d.envelope)
}

/// Decodes a record of either version, with its signature trailer.
pub fn decode_record(bytes: &[u8]) -> Result<Decoded, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != FORMAT_VERSION && version != FORMAT_V1 {
        return Err(CodecError::UnknownVersion(version));
    }
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(CodecError::TooLarge(bytes.len()));
    }
    let (envelope, read): (Envelope, usize) = bincode::serde::decode_from_slice(body, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    let body_len = 1 + read;
    let trailer = &bytes[body_len..];
    let signature = match (version, trailer) {
        (FORMAT_V1, []) => None,
        (FORMAT_V1, rest) => {
            return Err(CodecError::Malformed(format!("{} trailing bytes after the record", rest.len())))
        }
        (_, [UNSIGNED]) => None,
        (_, [SIGNED, rest @ ..]) if rest.len() == 96 => {
            let mut key = [0u8; 32];
            let mut sig = [0u8; 64];
            key.copy_from_slice(&rest[..32]);
            sig.copy_from_slice(&rest[32..]);
            Some(Signature { key: crate::core::PublicKey(key), bytes: sig })
        }
        (_, rest) => {
            return Err(CodecError::Malformed(format!(
                "a signature trailer of {} bytes; expected 1 (unsigned) or {SIGNED_TRAILER} (signed)",
                rest.len()
            )))
        }
    };
    Ok(Decoded { envelope, version, signature, body_len })
}

/// Encodes a derived value (a projection snapshot). Not a record: no
/// version byte and no size limit; its integrity is the caller's checksum.
pub fn encode_value<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    bincode::serde::encode_to_vec(value, config::standard()).map_err(|e| CodecError::Malformed(e.to_string()))
}

/// `encode_value`, appended to `out`.
pub fn encode_value_into<T: serde::Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), CodecError> {
    bincode::serde::encode_into_std_write(value, out, config::standard())
        .map(|_| ())
        .map_err(|e| CodecError::Malformed(e.to_string()))
}

pub fn decode_value<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (value, read) = bincode::serde::decode_from_slice(bytes, config::standard())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    if read != bytes.len() {
        return Err(CodecError::Malformed("trailing bytes".into()));
    }
    Ok(value)
}

/// What can be read from a record's first bytes without decoding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Peek {
    pub seq: u64,
    pub recorded_at_micros: i64,
    pub tag: u32,
}

/// The event's variant tag, read from the bytes without decoding the
/// record: version byte, seq (varint), recorded_at (zigzag varint), actor
/// (varint length + bytes), then the tag (varint). `None` if malformed.
pub fn peek_event_tag(bytes: &[u8]) -> Option<u32> {
    peek(bytes).map(|p| p.tag)
}

/// Reads seq, recorded time and event tag from a record's first bytes.
pub fn peek(bytes: &[u8]) -> Option<Peek> {
    let (&version, rest) = bytes.split_first()?;
    if version != FORMAT_VERSION && version != FORMAT_V1 {
        return None;
    }
    let (seq, rest) = varint(rest)?;
    let (zigzag, rest) = varint(rest)?;
    let recorded_at_micros = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
    let (len, rest) = varint(rest)?; // actor
    let rest = rest.get(usize::try_from(len).ok()?..)?;
    let (tag, _) = varint(rest)?;
    Some(Peek { seq, recorded_at_micros, tag: u32::try_from(tag).ok()? })
}

/// The seq of a record from its first bytes (version byte, then the seq
/// varint); the rest may be missing. Used to find records in raw files.
pub fn peek_seq(bytes: &[u8]) -> Option<u64> {
    let (&version, rest) = bytes.split_first()?;
    (version == FORMAT_VERSION || version == FORMAT_V1).then(|| varint(rest).map(|(seq, _)| seq))?
}

/// bincode 2's variable-length unsigned integer.
fn varint(b: &[u8]) -> Option<(u64, &[u8])> {
    let (&first, rest) = b.split_first()?;
    let width = match first {
        0..=250 => return Some((u64::from(first), rest)),
        251 => 2,
        252 => 4,
        253 => 8,
        _ => return None,
    };
    let raw = rest.get(..width)?;
    let mut buf = [0u8; 8];
    buf[..width].copy_from_slice(raw);
    Some((u64::from_le_bytes(buf), &rest[width..]))
}

/// The tag `peek_event_tag` returns for an event of the same variant as `e`.
pub fn tag_of(e: &crate::core::Event) -> Option<u32> {
    let probe = Envelope {
        seq: 1,
        recorded_at: crate::core::Timestamp::from_micros(0),
        actor: String::new(),
        event: e.clone(),
    };
    peek_event_tag(&encode(&probe).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{vocab::Cadence, Event, Timestamp};

    fn sample() -> Envelope {
        Envelope {
            seq: 1,
            recorded_at: Timestamp::from_micros(1_767_225_600_000_000),
            actor: "Dana".into(),
            event: Event::LedgerOpened {
                company: "Acme".into(),
                ceo: "Dana".into(),
                leader: "Lee".into(),
                currency: "USD".into(),
                fiscal_year_start: 1,
                cadence: Cadence::Weekly,
            },
        }
    }

    #[test]
    fn round_trips_and_starts_with_the_version() {
        let bytes = encode(&sample()).unwrap();
        assert_eq!(bytes[0], FORMAT_VERSION);
        assert_eq!(decode(&bytes).unwrap(), sample());
    }

    #[test]
    fn rejects_unknown_versions_truncation_and_trailing_bytes() {
        let mut bytes = encode(&sample()).unwrap();
        assert_eq!(decode(&[]), Err(CodecError::Empty));
        let mut v3 = bytes.clone();
        v3[0] = 3;
        assert_eq!(decode(&v3), Err(CodecError::UnknownVersion(3)));
        assert!(matches!(decode(&bytes[..bytes.len() - 1]), Err(CodecError::Malformed(_))));
        bytes.push(0);
        assert!(matches!(decode(&bytes), Err(CodecError::Malformed(_))));
    }

    #[test]
    fn peeks_the_event_tag_without_decoding() {
        let mut env = sample();
        env.seq = 70_000; // a multi-byte varint
        env.actor = "x".repeat(300);
        assert_eq!(peek_event_tag(&encode(&env).unwrap()), Some(0));
        env.event = Event::MeetingSkipped {
            date: crate::core::Date::parse("2026-01-05").unwrap(),
            reason: "r".into(),
        };
        assert_eq!(peek_event_tag(&encode(&env).unwrap()), tag_of(&env.event));
        assert_ne!(tag_of(&env.event), Some(0));
        assert_eq!(peek_event_tag(&[1, 255]), None);
        assert_eq!(peek(&encode_v1(&env).unwrap()), peek(&encode(&env).unwrap()));
        let p = peek(&encode(&env).unwrap()).unwrap();
        assert_eq!((p.seq, p.recorded_at_micros), (70_000, env.recorded_at.micros()));
        env.recorded_at = crate::core::Timestamp::from_micros(-5);
        assert_eq!(peek(&encode(&env).unwrap()).unwrap().recorded_at_micros, -5);
    }

    #[test]
    fn reads_version_1_and_signed_version_2() {
        let v1 = encode_v1(&sample()).unwrap();
        assert_eq!(v1[0], 1);
        let d = decode_record(&v1).unwrap();
        assert_eq!((d.version, d.signature, d.body_len), (1, None, v1.len()));
        let sig = Signature { key: crate::core::PublicKey([7; 32]), bytes: [9; 64] };
        let body = encode_body(&sample()).unwrap();
        let signed = finish(body.clone(), Some(&sig));
        assert_eq!(signed.len(), body.len() + SIGNED_TRAILER);
        let d = decode_record(&signed).unwrap();
        assert_eq!((d.version, d.signature, d.body_len, d.envelope), (2, Some(sig), body.len(), sample()));
        assert!(decode(&signed[..signed.len() - 1]).is_err(), "a cut signature");
        let mut v1_with_trailer = v1.clone();
        v1_with_trailer.push(0);
        assert!(decode(&v1_with_trailer).is_err());
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        let base = encode(&sample()).unwrap();
        for i in 0..base.len() {
            for bit in 0..8 {
                let mut b = base.clone();
                b[i] ^= 1 << bit;
                let _ = decode(&b);
            }
        }
        let _ = decode(&[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    }
}
