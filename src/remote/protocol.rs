//! What the server and its clients say to each other over HTTP: JSON
//! bodies, the raw record bytes in base64, and a signed request header so
//! only the ledger's members read it. Both sides use these types.

use crate::core::{PublicKey, Timestamp};
use crate::ledger::{Digest, Hash, Signer};
use serde::{Deserialize, Serialize};

/// The API's path prefix.
pub const API: &str = "/api/v1";
/// How many records one pull returns at most.
pub const PAGE: u64 = 2000;
/// A request's signed time must be this close to the server's clock.
pub const REQUEST_SKEW_MICROS: i64 = 5 * 60 * 1_000_000;

pub const KEY_HEADER: &str = "candor-key";
pub const TIME_HEADER: &str = "candor-time";
pub const SIGNATURE_HEADER: &str = "candor-signature";

/// A head as it travels: seq and hash in hex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireHead {
    pub seq: u64,
    pub hash: String,
}

impl WireHead {
    pub fn of(d: Digest) -> WireHead {
        WireHead { seq: d.seq, hash: d.hash.to_hex() }
    }

    pub fn digest(&self) -> Result<Digest, String> {
        Ok(Digest { seq: self.seq, hash: Hash::from_hex(&self.hash).map_err(|e| format!("hash: {e}"))? })
    }
}

/// `GET /api/v1/head`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HeadReply {
    pub head: Option<WireHead>,
    /// The server's recording clock.
    pub now: String,
    /// Whether the server takes the client's clock (fixtures).
    pub allow_client_clock: bool,
}

/// One record as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WireRecord {
    pub seq: u64,
    pub hash: String,
    /// The record's exact bytes, base64.
    pub raw: String,
}

/// `GET /api/v1/records?after=N`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordsReply {
    pub head: Option<WireHead>,
    pub records: Vec<WireRecord>,
}

/// `POST /api/v1/append`: records that continue `after`, signed by their members.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendRequest {
    pub after: Option<WireHead>,
    /// Each record's exact bytes, base64.
    pub records: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AppendReply {
    pub appended: Vec<WireHead>,
}

/// Every error: a status, a reason word clients act on, and a sentence.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorReply {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The server's head, when the write lost a race.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<WireHead>,
}

/// What a request's signature covers: method, path with query, the time
/// and the body's hash, under a domain of its own (never a record's).
pub fn request_message(method: &str, path_and_query: &str, time: Timestamp, body: &[u8]) -> Vec<u8> {
    format!(
        "candor request v1\n{method}\n{path_and_query}\n{}\n{}",
        time.micros(),
        blake3::hash(body).to_hex()
    )
    .into_bytes()
}

/// The three headers that sign a request with `signer`.
pub fn sign_request(
    signer: &Signer,
    method: &str,
    path_and_query: &str,
    time: Timestamp,
    body: &[u8],
) -> [(&'static str, String); 3] {
    let sig = signer.sign_message(&request_message(method, path_and_query, time, body));
    [
        (KEY_HEADER, signer.public().to_string()),
        (TIME_HEADER, time.micros().to_string()),
        (SIGNATURE_HEADER, hex(&sig)),
    ]
}

/// Checks a request signature; returns the key that made it.
pub fn check_request(
    key: &str,
    time: &str,
    signature: &str,
    method: &str,
    path_and_query: &str,
    body: &[u8],
) -> Result<(PublicKey, Timestamp), String> {
    let key = PublicKey::parse(key).map_err(|e| format!("{KEY_HEADER}: {e}"))?;
    let micros: i64 = time.trim().parse().map_err(|_| format!("{TIME_HEADER}: expected microseconds"))?;
    let time = Timestamp::from_micros(micros);
    let bytes =
        unhex64(signature.trim()).ok_or_else(|| format!("{SIGNATURE_HEADER}: expected 128 hex digits"))?;
    if !crate::ledger::signing::check_message(
        &key,
        &request_message(method, path_and_query, time, body),
        &bytes,
    ) {
        return Err("the request signature does not verify".into());
    }
    Ok((key, time))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex64(s: &str) -> Option<[u8; 64]> {
    if s.len() != 128 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 64];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}
