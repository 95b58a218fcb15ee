//! Members: the people a ledger knows, their roles, and the public keys
//! that sign for them. Values only; the fold is `state::members`.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An ed25519 public key, printed `ed25519:<64 hex>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey(pub [u8; 32]);

pub const KEY_PREFIX: &str = "ed25519:";

impl PublicKey {
    /// Parses `ed25519:<64 hex>` (the prefix is required).
    pub fn parse(s: &str) -> Result<PublicKey, String> {
        let s = s.trim();
        let hex = s.strip_prefix(KEY_PREFIX).ok_or_else(|| {
            format!("'{s}' is not a public key; expected ed25519:<64 hex digits> as `candor key new` prints")
        })?;
        let hash = crate::core::Hash32::from_hex(hex).map_err(|_| {
            format!("'{s}' is not a public key; expected ed25519:<64 hex digits> as `candor key new` prints")
        })?;
        Ok(PublicKey(hash.0))
    }

    /// The first 8 hex digits, enough to tell keys apart in a table.
    pub fn short(&self) -> String {
        crate::core::Hash32(self.0).to_hex()[..8].to_string()
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{KEY_PREFIX}{}", crate::core::Hash32(self.0))
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            self.0.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PublicKey, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            PublicKey::parse(&s).map_err(de::Error::custom)
        } else {
            <[u8; 32]>::deserialize(d).map(PublicKey)
        }
    }
}

/// What a member is to the ledger. A person may hold several roles (a CEO
/// may sit on a hiring panel).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Ceo,
    Leader,
    Panelist,
    Advisor,
    /// A server's own key, signing records made on its web pages on behalf
    /// of the signed-in member ("via web"). It holds no right of its own.
    /// Last in the enum: the tag bytes of the roles before it never change.
    Server,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Ceo, Role::Leader, Role::Panelist, Role::Advisor, Role::Server];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Ceo => "ceo",
            Role::Leader => "leader",
            Role::Panelist => "panelist",
            Role::Advisor => "advisor",
            Role::Server => "server",
        }
    }

    pub fn parse(s: &str) -> Result<Role, String> {
        let s = s.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not a role; expected ceo, leader, panelist, advisor or server"))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_print_and_parse() {
        let k = PublicKey([0xab; 32]);
        assert_eq!(k.to_string(), format!("ed25519:{}", "ab".repeat(32)));
        assert_eq!(PublicKey::parse(&k.to_string()), Ok(k));
        assert!(PublicKey::parse(&"ab".repeat(32)).is_err());
        assert!(PublicKey::parse("ed25519:abc").is_err());
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{k}\""));
    }

    #[test]
    fn roles_parse() {
        assert_eq!(Role::parse("CEO"), Ok(Role::Ceo));
        assert_eq!(Role::parse("server"), Ok(Role::Server));
        assert!(Role::parse("boss").unwrap_err().contains("ceo, leader, panelist, advisor or server"));
    }
}
