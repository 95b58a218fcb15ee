//! Writing exports by hand, as someone holding the codec, the hash function
//! and (some of) the members' private keys would.

use crate::env::TestEnv;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use candor::core::Envelope;
use candor::ledger::chain::{link, Hash};
use candor::ledger::codec;
use candor::ledger::Signer;
use serde_json::json;
use std::collections::HashMap;

/// The private keys on `env`'s machine, by member name (read from the key
/// files under its HOME).
pub fn signers(env: &TestEnv) -> HashMap<String, Signer> {
    let dir = env.path(".config/candor/keys");
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ed25519") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let field = |f: &str| text.lines().find_map(|l| l.strip_prefix(f)).unwrap().trim().to_string();
        let seed = candor::core::Hash32::from_hex(&field("secret:")).unwrap().0;
        out.insert(field("name:"), Signer::from_seed(seed));
    }
    out
}

/// One record's bytes after `prev`: signed by `signer`, or unsigned.
pub fn record(prev: &Hash, env: &Envelope, signer: Option<&Signer>) -> Vec<u8> {
    let body = codec::encode_body(env).unwrap();
    let sig = signer.map(|s| s.sign(prev, &body));
    codec::finish(body, sig.as_ref())
}

/// An export of `records` (raw bytes, in order), chained from the start.
pub fn export(records: &[Vec<u8>]) -> String {
    let mut prev = Hash::ZERO;
    let mut out = String::new();
    for raw in records {
        let d = codec::decode_record(raw).unwrap();
        let hash = link(&prev, raw);
        let line = json!({
            "seq": d.envelope.seq,
            "prev": prev.to_hex(),
            "hash": hash.to_hex(),
            "raw": B64.encode(raw),
            "recorded_at": d.envelope.recorded_at.to_string(),
            "actor": d.envelope.actor,
            "event": serde_json::to_value(&d.envelope.event).unwrap(),
        });
        let mut line = line;
        if let Some(sig) = d.signature {
            line["signed_by"] = json!(sig.key.to_string());
        }
        out.push_str(&format!("{line}\n"));
        prev = hash;
    }
    out
}

/// `envs` encoded and chained, each signed by its actor's key when one is
/// in `keys` and the record is not the first (which `init` leaves unsigned).
pub fn signed_export(envs: &[Envelope], keys: &HashMap<String, Signer>) -> String {
    let mut prev = Hash::ZERO;
    let mut records = Vec::new();
    for env in envs {
        let signer = keys.get(&env.actor).filter(|_| env.seq > 1);
        let raw = record(&prev, env, signer);
        prev = link(&prev, &raw);
        records.push(raw);
    }
    export(&records)
}
