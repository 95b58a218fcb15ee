//! Who signed each record, judged along the chain (sharing.md § 2). One
//! implementation for `verify` and `restore`: both feed it the records in
//! order and it folds the members as it goes.
//!
//! - Before any key is registered, records may be unsigned (format-1
//!   records, first-release ledgers, synthetic data).
//! - The first key registered must be the CEO's, on a record the CEO signs
//!   with that very key (the bootstrap).
//! - From then on every record is signed by a key registered to the
//!   record's actor at that point of the chain, and changes to members and
//!   keys are made by those allowed to (`rights::check_membership`).
//!
//! A membership change on a bad record is not folded: a key registered by
//! someone without the right signs nothing.

use crate::core::member::{PublicKey, Role};
use crate::core::rights;
use crate::core::state::Members;
use crate::core::Event;
use crate::ledger::chain::Hash;
use crate::ledger::codec::{Decoded, Signature};
use crate::ledger::signing;
use crate::ledger::verify::VerifyFailure;
use std::ops::Range;

/// What the check needs to know of one record. Workers fill it in parallel
/// (the cryptographic check needs only the record and the previous hash);
/// the walk over members is sequential.
#[derive(Clone, Debug)]
pub struct RecordFacts {
    pub seq: u64,
    /// The signature and whether it verifies cryptographically.
    pub signature: Option<(PublicKey, bool)>,
    /// The record's actor (signed records only; empty otherwise).
    pub actor: String,
    /// The event, only when it changes members (`Members::reads`).
    pub event: Option<Event>,
}

impl RecordFacts {
    /// Facts of the decoded record at position `seq` whose previous hash
    /// is `prev` (None when unknown: the signature then does not verify).
    pub fn of(seq: u64, decoded: &Decoded, bytes: &[u8], prev: Option<&Hash>) -> RecordFacts {
        let env = &decoded.envelope;
        let signature =
            decoded.signature.as_ref().map(|s| (s.key, valid(prev, &bytes[..decoded.body_len], s)));
        RecordFacts {
            seq,
            // Only a signed record's actor is compared with its key.
            actor: if signature.is_some() { env.actor.clone() } else { String::new() },
            signature,
            event: Members::reads(&env.event).then(|| env.event.clone()),
        }
    }

    /// True when the record needs the sequential walk beyond a count: it is
    /// signed or changes members.
    pub fn matters(&self) -> bool {
        self.signature.is_some() || self.event.is_some()
    }
}

fn valid(prev: Option<&Hash>, body: &[u8], sig: &Signature) -> bool {
    prev.is_some_and(|p| signing::check(p, body, sig))
}

/// The signature part of a verification.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signatures {
    pub signed: u64,
    /// Of the signed: records a server's key signed for a member (via web).
    pub via_web: u64,
    pub unsigned: u64,
    pub bad: Vec<VerifyFailure>,
}

/// Judges records in order.
#[derive(Clone, Default)]
pub struct SignatureCheck {
    members: Members,
    /// The record that registered the ledger's first key.
    first_key_at: Option<u64>,
    pub tally: Signatures,
}

impl SignatureCheck {
    pub fn new() -> SignatureCheck {
        SignatureCheck::default()
    }

    /// Continues a check from members already folded (a replica's state):
    /// only the records after them are judged.
    pub fn resume(members: Members) -> SignatureCheck {
        let first_key_at = members.keys.values().map(|k| k.registered_at).min();
        SignatureCheck { members, first_key_at, tally: Signatures::default() }
    }

    pub fn members(&self) -> &Members {
        &self.members
    }

    /// Judges one record; returns the reason when it is bad (also kept in
    /// the tally).
    pub fn admit(&mut self, facts: &RecordFacts) -> Option<String> {
        let verdict = self.judge(facts);
        match &verdict {
            Ok(signed) => {
                if *signed {
                    self.tally.signed += 1;
                    if self.is_via_web(facts) {
                        self.tally.via_web += 1;
                    }
                } else {
                    self.tally.unsigned += 1;
                }
                if let Some(event) = &facts.event {
                    let had_key = self.members.any_key();
                    self.members.apply(facts.seq, event);
                    if !had_key && self.members.any_key() {
                        self.first_key_at = Some(facts.seq);
                    }
                }
                None
            }
            Err(reason) => {
                self.tally.bad.push(VerifyFailure { seq: facts.seq, reason: reason.clone() });
                Some(reason.clone())
            }
        }
    }

    /// A run of unsigned records that change no member (counted, not
    /// looked at one by one while no key exists).
    pub fn admit_unsigned(&mut self, seqs: Range<u64>) {
        if self.members.any_key() {
            for seq in seqs {
                let reason = self.unsigned_reason();
                self.tally.bad.push(VerifyFailure { seq, reason });
            }
        } else {
            self.tally.unsigned += seqs.end.saturating_sub(seqs.start);
        }
    }

    fn unsigned_reason(&self) -> String {
        format!(
            "unsigned record after the ledger's first key (registered by record {}): every record from then on \
             must be signed",
            self.first_key_at.unwrap_or(0)
        )
    }

    /// Ok(true) signed and good, Ok(false) unsigned and allowed, Err(why).
    fn judge(&self, f: &RecordFacts) -> Result<bool, String> {
        // Only record 1 opens a ledger: another `ledger_opened` would name
        // a second CEO to the member fold.
        if f.seq != 1 && matches!(f.event, Some(Event::LedgerOpened { .. })) {
            return Err("ledger_opened after record 1: a ledger is opened once".into());
        }
        if let Some(event) = &f.event {
            if let Some(k) = registered_key(event) {
                if let Some(e) = self.members.keys.get(k) {
                    return Err(format!(
                        "registers {k}, a key already registered to {} by record {}",
                        e.member, e.registered_at
                    ));
                }
            }
        }
        let Some((key, valid)) = f.signature else {
            if self.members.any_key() {
                return Err(self.unsigned_reason());
            }
            // Before any key, records may be unsigned, but a key is
            // registered only by a signed record (the CEO's bootstrap).
            return match f.event.as_ref().and_then(registered_key) {
                Some(k) => Err(format!(
                    "an unsigned record registers {k}: the ledger's first key must be the CEO's, signing its own \
                     registration"
                )),
                None => Ok(false),
            };
        };
        if !valid {
            return Err(format!(
                "bad signature: the signature by {key} does not verify over the previous record's hash and \
                 this record's bytes (forged, altered or moved)"
            ));
        }
        if !self.members.any_key() {
            return self.bootstrap(f, &key).map(|()| true);
        }
        let Some(entry) = self.members.keys.get(&key) else {
            return Err(format!("signed by {key}, a key this ledger never registered"));
        };
        if entry.registered_at >= f.seq {
            return Err(format!(
                "signed by {key}, the key this very record registers; a new key signs only the records after \
                 its registration"
            ));
        }
        if let Some(revoked) = entry.revoked_at.filter(|r| *r < f.seq) {
            return Err(format!(
                "signed by {key} of {}, a key revoked by record {revoked}: a removed key signs nothing after \
                 its removal",
                entry.member
            ));
        }
        if entry.member != f.actor {
            return self.via_web(f, &key, &entry.member).map(|()| true);
        }
        if self.members.get(&f.actor).is_some_and(|m| m.has(Role::Server)) {
            return Err(format!(
                "signed by {key} as {}, a server: a server's key signs only for members, via web",
                f.actor
            ));
        }
        if let Some(event) = &f.event {
            rights::check_membership(&self.members, &f.actor, event).map_err(|e| e.to_string())?;
        }
        Ok(true)
    }

    /// A record whose key is not its actor's: good only when the key is a
    /// server's (a member in the role `server`), signing on its web pages
    /// for another current member — never a server — and never a change to
    /// members or keys, which only members' own keys make.
    fn via_web(&self, f: &RecordFacts, key: &PublicKey, holder: &str) -> Result<(), String> {
        let is_server = |name: &str| self.members.get(name).is_some_and(|m| m.has(Role::Server));
        if !self.members.get(holder).is_some_and(|m| m.is_active()) || !is_server(holder) {
            return Err(format!("signed by {holder}'s key {key}, but the record says it is by {}", f.actor));
        }
        if !self.members.get(&f.actor).is_some_and(|m| m.is_active()) || is_server(&f.actor) {
            return Err(format!(
                "signed via web by {holder}'s key {key} for {}, who is not a current member",
                f.actor
            ));
        }
        if f.event.is_some() {
            return Err(format!(
                "signed via web by {holder}'s key {key} for {}, but it changes members or keys: only members' \
                 own keys do that",
                f.actor
            ));
        }
        Ok(())
    }

    /// True when the record's key belongs to someone other than its actor
    /// (a server signing via web); call after `admit` accepted it.
    pub fn is_via_web(&self, f: &RecordFacts) -> bool {
        f.signature.is_some_and(|(k, _)| self.members.keys.get(&k).is_some_and(|e| e.member != f.actor))
    }

    /// The ledger's first key: the CEO's, registering itself.
    fn bootstrap(&self, f: &RecordFacts, key: &PublicKey) -> Result<(), String> {
        let registers = match &f.event {
            Some(Event::MemberKeyAdded { name, key: k }) => Some((name, k)),
            Some(Event::MemberAdded { name, key: Some(k), .. }) => Some((name, k)),
            _ => None,
        };
        let is_ceo = |name: &str| self.members.get(name).is_some_and(|m| m.is_active() && m.has(Role::Ceo));
        match registers {
            Some((name, k)) if k == key && *name == f.actor && is_ceo(name) => Ok(()),
            Some((name, _)) if !is_ceo(name) => Err(format!(
                "the ledger's first key must be the CEO's, but this record registers a key for {name}"
            )),
            Some(_) => Err(format!(
                "the CEO's first key must sign its own registration, as the CEO; this record is signed by \
                 {key} as {}",
                f.actor
            )),
            None => Err(format!(
                "signed by {key} before any key is registered; the first signed record registers the CEO's key"
            )),
        }
    }
}

/// The key an event registers, if it registers one.
fn registered_key(event: &Event) -> Option<&PublicKey> {
    match event {
        Event::MemberKeyAdded { key, .. } | Event::MemberAdded { key: Some(key), .. } => Some(key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(seq: u64, actor: &str, sig: Option<(PublicKey, bool)>, event: Option<Event>) -> RecordFacts {
        RecordFacts { seq, signature: sig, actor: actor.into(), event }
    }

    #[test]
    fn the_ceo_bootstraps_and_then_everything_is_signed() {
        let (dana, lee) = (PublicKey([1; 32]), PublicKey([2; 32]));
        let mut c = SignatureCheck::new();
        assert_eq!(c.admit(&facts(1, "Dana", None, Some(crate::core::testing::ledger_opened()))), None);
        c.admit_unsigned(2..4);
        let boot = Event::MemberKeyAdded { name: "Dana".into(), key: dana };
        assert_eq!(c.admit(&facts(4, "Dana", Some((dana, true)), Some(boot))), None);
        let lee_key = Event::MemberKeyAdded { name: "Lee".into(), key: lee };
        assert!(
            c.admit(&facts(5, "Lee", Some((lee, true)), Some(lee_key.clone()))).is_some(),
            "not yet Lee's"
        );
        assert_eq!(c.admit(&facts(6, "Dana", Some((dana, true)), Some(lee_key))), None);
        assert_eq!(c.admit(&facts(7, "Lee", Some((lee, true)), None)), None);
        assert!(c.admit(&facts(8, "Dana", Some((lee, true)), None)).unwrap().contains("Lee's key"));
        assert!(c.admit(&facts(9, "Lee", Some((lee, false)), None)).unwrap().contains("bad signature"));
        c.admit_unsigned(10..11);
        let t = &c.tally;
        assert_eq!((t.signed, t.unsigned), (3, 3));
        assert_eq!(t.bad.iter().map(|b| b.seq).collect::<Vec<_>>(), [5, 8, 9, 10]);
    }

    #[test]
    fn only_the_ceo_signing_with_the_key_itself_bootstraps() {
        let k = PublicKey([1; 32]);
        let mut c = SignatureCheck::new();
        c.admit(&facts(1, "Dana", None, Some(crate::core::testing::ledger_opened())));
        let for_lee = Event::MemberKeyAdded { name: "Lee".into(), key: k };
        assert!(c.admit(&facts(2, "Lee", Some((k, true)), Some(for_lee))).unwrap().contains("CEO's"));
        let other = Event::MemberKeyAdded { name: "Dana".into(), key: PublicKey([3; 32]) };
        assert!(c.admit(&facts(3, "Dana", Some((k, true)), Some(other))).is_some());
        assert!(!c.members().any_key(), "bad records register nothing");
        assert!(c.admit(&facts(4, "Dana", Some((k, true)), None)).is_some());
    }

    #[test]
    fn a_server_key_signs_for_current_members_but_never_changes_members() {
        let (dana, web) = (PublicKey([1; 32]), PublicKey([9; 32]));
        let mut c = SignatureCheck::new();
        c.admit(&facts(1, "Dana", None, Some(crate::core::testing::ledger_opened())));
        let boot = Event::MemberKeyAdded { name: "Dana".into(), key: dana };
        assert_eq!(c.admit(&facts(2, "Dana", Some((dana, true)), Some(boot))), None);
        let add = Event::MemberAdded { name: "candor web".into(), role: Role::Server, key: Some(web) };
        assert_eq!(c.admit(&facts(3, "Dana", Some((dana, true)), Some(add))), None);
        assert_eq!(c.admit(&facts(4, "Lee", Some((web, true)), None)), None, "via web for Lee");
        let rekey = Event::MemberKeyAdded { name: "Lee".into(), key: PublicKey([7; 32]) };
        let why = c.admit(&facts(5, "Lee", Some((web, true)), Some(rekey))).unwrap();
        assert!(why.contains("changes members or keys"), "{why}");
        assert!(c.admit(&facts(6, "candor web", Some((web, true)), None)).is_some(), "never for a server");
        assert!(c.admit(&facts(7, "Mallory", Some((web, true)), None)).is_some(), "only for members");
        // A CEO's key is not a server's: it signs only for the CEO.
        assert!(c.admit(&facts(8, "Lee", Some((dana, true)), None)).unwrap().contains("Dana's key"));
        let removed = Event::MemberRemoved { name: "candor web".into(), key: None, reason: "stolen".into() };
        assert_eq!(c.admit(&facts(9, "Dana", Some((dana, true)), Some(removed))), None);
        assert!(c.admit(&facts(10, "Lee", Some((web, true)), None)).unwrap().contains("revoked"));
        assert_eq!((c.tally.signed, c.tally.via_web), (4, 1));
    }

    #[test]
    fn a_key_signs_under_the_old_name_before_a_rename_and_the_new_one_after() {
        let (dana, lee) = (PublicKey([1; 32]), PublicKey([2; 32]));
        let mut c = SignatureCheck::new();
        c.admit(&facts(1, "Dana", None, Some(crate::core::testing::ledger_opened())));
        let boot = Event::MemberKeyAdded { name: "Dana".into(), key: dana };
        assert_eq!(c.admit(&facts(2, "Dana", Some((dana, true)), Some(boot))), None);
        let lee_key = Event::MemberKeyAdded { name: "Lee".into(), key: lee };
        assert_eq!(c.admit(&facts(3, "Dana", Some((dana, true)), Some(lee_key))), None);
        assert_eq!(c.admit(&facts(4, "Lee", Some((lee, true)), None)), None);
        let by_lee = Event::MemberRenamed { from: "Dana".into(), to: "Dania".into(), reason: "x".into() };
        let why = c.admit(&facts(5, "Lee", Some((lee, true)), Some(by_lee))).unwrap();
        assert!(why.contains("missing right 'members'"), "{why}");
        let own = Event::MemberRenamed { from: "Lee".into(), to: "Leigh".into(), reason: "typo".into() };
        assert_eq!(c.admit(&facts(6, "Lee", Some((lee, true)), Some(own))), None, "one's own name");
        assert!(c.admit(&facts(7, "Lee", Some((lee, true)), None)).is_some(), "the old name signs no more");
        assert_eq!(c.admit(&facts(8, "Leigh", Some((lee, true)), None)), None);
        let over = Event::RoleHandedOver {
            role: Role::Ceo,
            to: "Leigh".into(),
            reason: "x".into(),
            on: crate::core::Date::parse("2026-01-05").unwrap(),
        };
        let why = c.admit(&facts(9, "Leigh", Some((lee, true)), Some(over.clone()))).unwrap();
        assert!(why.contains("missing right"), "only the CEO hands over: {why}");
        assert_eq!(c.admit(&facts(10, "Dana", Some((dana, true)), Some(over))), None);
        let key = Event::MemberKeyAdded { name: "Dana".into(), key: PublicKey([3; 32]) };
        assert_eq!(c.admit(&facts(11, "Leigh", Some((lee, true)), Some(key))), None, "now the CEO's rights");
        assert!(!c.tally.bad.is_empty() && c.tally.bad.iter().all(|b| [5, 7, 9].contains(&b.seq)));
    }
}
