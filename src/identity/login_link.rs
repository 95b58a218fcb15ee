//! One-time web login links (sharing.md § 6): a self-contained token the
//! server can check without sharing a secret with anyone. It names the
//! member, when it expires (machine clock), a random nonce (so the server
//! can take each link once), and the public key of the member who issued
//! it, and is signed by that key under a domain line of its own. The server
//! decides whether the issuer may sign the member in (the CEO, or the
//! member themself) from the ledger at its head.
//!
//! Bytes: version (1) ‖ issuer key (32) ‖ expires µs (i64 BE) ‖ nonce (16) ‖
//! member length (u16 BE) ‖ member (UTF-8) ‖ signature (64), base64url
//! without padding. Nothing of it is written to the ledger.

use crate::core::{PublicKey, Timestamp};
use crate::ledger::signing::{check_message, Signer};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;

/// Domain separation: these bytes sign login links and nothing else.
pub const DOMAIN: &[u8] = b"candor login v1\n";
const VERSION: u8 = 1;
/// The longest a link may live.
pub const MAX_LIFETIME_MICROS: i64 = 7 * 24 * 3600 * 1_000_000;
/// Far above any member name; bounds what the server decodes.
const MAX_TOKEN_CHARS: usize = 2048;

/// A login link's contents, checked or about to be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginLink {
    pub member: String,
    pub expires: Timestamp,
    pub nonce: [u8; 16],
    pub issuer: PublicKey,
}

impl LoginLink {
    /// A new link for `member`, valid until `expires`, with a fresh nonce.
    pub fn new(member: &str, expires: Timestamp, issuer: PublicKey) -> crate::Result<LoginLink> {
        let mut nonce = [0u8; 16];
        getrandom::getrandom(&mut nonce)
            .map_err(|e| crate::Error::Usage(format!("no randomness for a login link: {e}")))?;
        Ok(LoginLink { member: member.into(), expires, nonce, issuer })
    }

    fn body(&self) -> Vec<u8> {
        let name = self.member.as_bytes();
        let mut b = Vec::with_capacity(1 + 32 + 8 + 16 + 2 + name.len());
        b.push(VERSION);
        b.extend_from_slice(&self.issuer.0);
        b.extend_from_slice(&self.expires.micros().to_be_bytes());
        b.extend_from_slice(&self.nonce);
        b.extend_from_slice(&(name.len().min(u16::MAX as usize) as u16).to_be_bytes());
        b.extend_from_slice(name);
        b
    }

    fn message(body: &[u8]) -> Vec<u8> {
        [DOMAIN, body].concat()
    }

    /// The token: signed by `signer`, whose public key must be the issuer's.
    pub fn sign(&self, signer: &Signer) -> crate::Result<String> {
        if signer.public() != self.issuer || self.member.len() > u16::MAX as usize {
            return Err(crate::Error::Usage("internal: a login link is signed by its issuer".into()));
        }
        let body = self.body();
        let sig = signer.sign_message(&LoginLink::message(&body));
        Ok(B64URL.encode([body.as_slice(), &sig].concat()))
    }

    /// The nonce as text (what the server remembers once the link is used).
    pub fn nonce_hex(&self) -> String {
        self.nonce.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Decodes a token and checks its signature by the key it names. Who
    /// the issuer is, and whether the link has expired or been used, is
    /// for the caller to judge.
    pub fn verify(token: &str) -> Result<LoginLink, LinkError> {
        if token.len() > MAX_TOKEN_CHARS {
            return Err(LinkError::Malformed("too long"));
        }
        let raw = B64URL.decode(token.trim()).map_err(|_| LinkError::Malformed("not base64url"))?;
        let fixed = 1 + 32 + 8 + 16 + 2;
        if raw.len() < fixed + 64 {
            return Err(LinkError::Malformed("too short"));
        }
        let (body, sig) = raw.split_at(raw.len() - 64);
        if body[0] != VERSION {
            return Err(LinkError::Malformed("unknown version"));
        }
        let issuer = PublicKey(body[1..33].try_into().expect("32 bytes"));
        let expires = Timestamp::from_micros(i64::from_be_bytes(body[33..41].try_into().expect("8 bytes")));
        let nonce: [u8; 16] = body[41..57].try_into().expect("16 bytes");
        let len = u16::from_be_bytes(body[57..59].try_into().expect("2 bytes")) as usize;
        if body.len() != fixed + len {
            return Err(LinkError::Malformed("wrong length"));
        }
        let member =
            std::str::from_utf8(&body[fixed..]).map_err(|_| LinkError::Malformed("member is not text"))?;
        let sig: [u8; 64] = sig.try_into().expect("64 bytes");
        if !check_message(&issuer, &LoginLink::message(body), &sig) {
            return Err(LinkError::BadSignature);
        }
        Ok(LoginLink { member: member.into(), expires, nonce, issuer })
    }

    pub fn expired(&self, now: Timestamp) -> bool {
        self.expires <= now
    }
}

/// Why a token is not a login link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Malformed(&'static str),
    BadSignature,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Malformed(why) => write!(f, "this is not a candor login link ({why})"),
            LinkError::BadSignature => {
                f.write_str("this login link's signature does not verify (altered or forged)")
            }
        }
    }
}

/// Parses a lifetime: a number and a unit, m (minutes), h (hours) or d
/// (days), e.g. 15m, 2h, 24h, 7d; at most 7 days.
pub fn parse_lifetime(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let bad = || format!("'{s}' is not a lifetime; expected a number and m, h or d (e.g. 15m, 2h, 24h, 7d)");
    let unit = s.chars().last().ok_or_else(bad)?;
    let n: i64 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let per = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 24 * 3600,
        _ => return Err(bad()),
    };
    let micros = n.checked_mul(per * 1_000_000).ok_or_else(bad)?;
    if micros <= 0 {
        return Err(format!("'{s}': a login link must live for at least a minute"));
    }
    if micros > MAX_LIFETIME_MICROS {
        return Err(format!("'{s}': a login link lives at most 7 days (7d)"));
    }
    Ok(micros)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(signer: &Signer) -> LoginLink {
        LoginLink::new("Kim Ito", Timestamp::from_micros(1_000), signer.public()).unwrap()
    }

    #[test]
    fn a_signed_link_verifies_and_says_what_it_was_made_for() {
        let signer = Signer::from_seed([7; 32]);
        let l = link(&signer);
        let token = l.sign(&signer).unwrap();
        assert!(!token.contains('=') && !token.contains('/') && !token.contains('+'), "url-safe: {token}");
        assert_eq!(LoginLink::verify(&token), Ok(l.clone()));
        assert!(l.expired(Timestamp::from_micros(1_000)) && !l.expired(Timestamp::from_micros(999)));
        let other = link(&signer);
        assert_ne!(l.nonce, other.nonce, "each link is new");
    }

    #[test]
    fn an_altered_or_forged_link_is_refused() {
        let signer = Signer::from_seed([7; 32]);
        let l = link(&signer);
        let mut raw = B64URL.decode(l.sign(&signer).unwrap()).unwrap();
        // A later expiry in place of the signed one.
        raw[40] ^= 0x01;
        assert_eq!(LoginLink::verify(&B64URL.encode(&raw)), Err(LinkError::BadSignature));
        // Someone else's key named as the issuer, signed by another key.
        let mallory = Signer::from_seed([8; 32]);
        let forged = LoginLink { issuer: signer.public(), ..l.clone() };
        assert!(forged.sign(&mallory).is_err(), "a signer signs only links naming its own key");
        let mut raw =
            B64URL.decode(LoginLink { issuer: mallory.public(), ..l }.sign(&mallory).unwrap()).unwrap();
        raw[1..33].copy_from_slice(&signer.public().0);
        assert_eq!(LoginLink::verify(&B64URL.encode(&raw)), Err(LinkError::BadSignature));
        for junk in ["", "!!!", "AAAA", &"A".repeat(5000)] {
            assert!(matches!(LoginLink::verify(junk), Err(LinkError::Malformed(_))), "{junk:.10}");
        }
    }

    #[test]
    fn lifetimes_parse_and_are_capped() {
        assert_eq!(parse_lifetime("15m"), Ok(15 * 60 * 1_000_000));
        assert_eq!(parse_lifetime("24h"), Ok(24 * 3600 * 1_000_000));
        assert_eq!(parse_lifetime("7d"), Ok(MAX_LIFETIME_MICROS));
        for bad in ["8d", "0h", "-1h", "h", "12", "2w", "", "99999999999999999d"] {
            assert!(parse_lifetime(bad).is_err(), "{bad}");
        }
    }
}
