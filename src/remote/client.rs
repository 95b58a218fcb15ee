//! HTTP to a candor server: every request signed by a member's key,
//! bounded in time, and every answer either what was asked or an error
//! with the server's reason.

use super::protocol::{self, AppendReply, AppendRequest, ErrorReply, HeadReply, RecordsReply, WireHead, API};
use crate::core::Timestamp;
use crate::ledger::{Digest, Signer, StoredRecord};
use crate::{Error, Result};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::time::Duration;

/// How long one request may take, from connect to the last byte.
const REQUEST_DEADLINE: Duration = Duration::from_secs(60);
/// The largest answer read (a page of records is far smaller).
const REPLY_LIMIT: u64 = 256 << 20;

pub struct Client {
    base: String,
    agent: ureq::Agent,
    signer: Signer,
}

/// What became of a write.
pub enum Posted {
    /// On disk at the server, these are the new records' digests.
    Appended(Vec<Digest>),
    /// The head moved first: read, check again, sign again.
    Moved(Option<Digest>),
}

/// An answer that is not a success.
enum Failure {
    Status(u16, ErrorReply),
    Transport(String),
}

impl Client {
    /// A client of the server at `url` that signs its requests with `signer`.
    pub fn new(url: &str, signer: Signer) -> Result<Client> {
        let base = normalise(url)?;
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_DEADLINE))
            .http_status_as_error(false)
            .tls_config(tls_config()?)
            .build();
        Ok(Client { base, agent: config.into(), signer })
    }

    pub fn url(&self) -> &str {
        &self.base
    }

    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    pub fn head(&self) -> Result<HeadReply> {
        self.get(&format!("{API}/head")).map_err(|f| self.error(f))
    }

    /// Whether the server knows this client's key (a 403 `unknown_key` is no).
    pub fn knows_key(&self) -> Result<bool> {
        match self.get::<HeadReply>(&format!("{API}/head")) {
            Ok(_) => Ok(true),
            Err(Failure::Status(403, e)) if e.error == "unknown_key" => Ok(false),
            Err(f) => Err(self.error(f)),
        }
    }

    /// The records after `after` (a page; ask again until the head).
    pub fn records(&self, after: u64) -> Result<RecordsReply> {
        self.get(&format!("{API}/records?after={after}")).map_err(|f| self.error(f))
    }

    /// Posts records that continue `after`.
    pub fn append(&self, after: Option<Digest>, records: &[StoredRecord]) -> Result<Posted> {
        let request = AppendRequest {
            after: after.map(WireHead::of),
            records: records.iter().map(|r| B64.encode(&r.bytes)).collect(),
        };
        let body = serde_json::to_vec(&request).map_err(|e| Error::Usage(e.to_string()))?;
        match self.send::<AppendReply>("POST", &format!("{API}/append"), &body) {
            Ok(reply) => {
                let digests =
                    reply.appended.iter().map(WireHead::digest).collect::<std::result::Result<_, _>>();
                digests.map(Posted::Appended).map_err(|m| self.bad_reply(m))
            }
            Err(Failure::Status(409, e)) if e.error == "head_moved" => {
                Ok(Posted::Moved(e.head.and_then(|h| h.digest().ok())))
            }
            Err(f) => Err(self.error(f)),
        }
    }

    fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> std::result::Result<T, Failure> {
        self.send("GET", path, &[])
    }

    fn send<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: &[u8],
    ) -> std::result::Result<T, Failure> {
        let now = Timestamp::from_datetime(chrono::Utc::now());
        let headers = protocol::sign_request(&self.signer, method, path, now, body);
        let url = format!("{}{path}", self.base);
        let result = if method == "POST" {
            let mut req = self.agent.post(&url).header("content-type", "application/json");
            for (k, v) in &headers {
                req = req.header(*k, v);
            }
            req.send(body)
        } else {
            let mut req = self.agent.get(&url);
            for (k, v) in &headers {
                req = req.header(*k, v);
            }
            req.call()
        };
        let mut response = result.map_err(|e| Failure::Transport(e.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(REPLY_LIMIT)
            .read_to_vec()
            .map_err(|e| Failure::Transport(format!("reading the answer: {e}")))?;
        if (200..300).contains(&status) {
            return serde_json::from_slice(&bytes)
                .map_err(|e| Failure::Transport(format!("the answer is not what candor serve sends: {e}")));
        }
        let reply = serde_json::from_slice::<ErrorReply>(&bytes).unwrap_or_else(|_| ErrorReply {
            error: "http".into(),
            message: format!(
                "HTTP {status}: {}",
                String::from_utf8_lossy(&bytes).chars().take(200).collect::<String>()
            ),
            field: None,
            seq: None,
            head: None,
        });
        Err(Failure::Status(status, reply))
    }

    /// A refusal names its field and exits 2, as locally; a server that
    /// cannot be reached or fails is exit 3.
    fn error(&self, f: Failure) -> Error {
        match f {
            Failure::Status(status, e) if (400..500).contains(&status) => {
                let field = e.field.unwrap_or_else(|| "server".into());
                Error::input(
                    field,
                    format!("{} ({}; the server at {} refused it)", e.message, e.error, self.base),
                )
            }
            Failure::Status(status, e) => {
                Error::Remote(format!("the server at {} failed (HTTP {status}): {}", self.base, e.message))
            }
            Failure::Transport(why) => {
                Error::Remote(format!("cannot reach the server at {}: {why}", self.base))
            }
        }
    }

    fn bad_reply(&self, why: String) -> Error {
        Error::Remote(format!(
            "the server at {} answered something candor serve does not send: {why}",
            self.base
        ))
    }
}

/// `http(s)://host[:port][/prefix]`, without a trailing slash.
pub fn normalise(url: &str) -> Result<String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(url.to_string()),
        _ => Err(Error::input(
            "--remote",
            format!("'{url}' is not a server address; expected http://HOST:PORT or https://HOST (as `candor serve` prints)"),
        )),
    }
}

/// The certificate authorities a client trusts: the web's (webpki roots),
/// or only those in the PEM file `CANDOR_CA_CERT` names (a private
/// deployment with its own authority or a self-signed certificate).
fn tls_config() -> Result<ureq::tls::TlsConfig> {
    use ureq::tls::{parse_pem, PemItem, RootCerts, TlsConfig};
    let Some(path) = std::env::var_os("CANDOR_CA_CERT").filter(|p| !p.is_empty()) else {
        return Ok(TlsConfig::builder().build());
    };
    let bad = |why: String| Error::input("CANDOR_CA_CERT", why);
    let pem =
        std::fs::read(&path).map_err(|e| bad(format!("cannot read {}: {e}", path.to_string_lossy())))?;
    let certs: Vec<_> = parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        return Err(bad("holds no PEM certificate".into()));
    }
    Ok(TlsConfig::builder().root_certs(RootCerts::new_with_certs(&certs)).build())
}
