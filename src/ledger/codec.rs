//! The record codec: the only module that knows bincode.
//!
//! A record's bytes are one format-version byte followed by the bincode 2
//! (standard config: little-endian, variable-length integers) encoding of the
//! envelope through serde. Changing the encoding means a new version byte
//! here and a decoder for every old one; nothing outside this file changes.

use crate::core::Envelope;
use bincode::config::{self, Configuration, Limit, LittleEndian, Varint};

/// The format version written by this release.
pub const FORMAT_VERSION: u8 = 1;
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
    #[error("unknown record format version {0} (this release reads version {FORMAT_VERSION})")]
    UnknownVersion(u8),
    #[error("undecodable record: {0}")]
    Malformed(String),
    #[error("record is {0} bytes; at most {MAX_RECORD_BYTES} are accepted")]
    TooLarge(usize),
}

pub fn encode(envelope: &Envelope) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![FORMAT_VERSION];
    bincode::serde::encode_into_std_write(envelope, &mut out, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    if out.len() > MAX_RECORD_BYTES {
        return Err(CodecError::TooLarge(out.len()));
    }
    Ok(out)
}

pub fn decode(bytes: &[u8]) -> Result<Envelope, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != FORMAT_VERSION {
        return Err(CodecError::UnknownVersion(version));
    }
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(CodecError::TooLarge(bytes.len()));
    }
    let (envelope, read): (Envelope, usize) = bincode::serde::decode_from_slice(body, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    if read != body.len() {
        return Err(CodecError::Malformed(format!("{} trailing bytes after the record", body.len() - read)));
    }
    Ok(envelope)
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
        let mut v2 = bytes.clone();
        v2[0] = 2;
        assert_eq!(decode(&v2), Err(CodecError::UnknownVersion(2)));
        assert!(matches!(decode(&bytes[..bytes.len() - 1]), Err(CodecError::Malformed(_))));
        bytes.push(0);
        assert!(matches!(decode(&bytes), Err(CodecError::Malformed(_))));
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
