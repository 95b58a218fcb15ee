//! Who the ledger knows, in which roles, and which keys sign for them at
//! each point of the chain.
//!
//! The CEO and the sales leader are members from `ledger_opened` (and
//! `leader_changed`); panelists from `panelist_added`; anyone from
//! `member_added`. A key signs for its member from the record after the one
//! that registered it until the record that revoked it.
//!
//! A rename (`member_renamed`) moves the member, roles and keys to the new
//! name; a key then signs for the new name, so records before it check
//! against the old name and records after against the new one, as long as
//! the fold runs along the chain. A hand-over (`role_handed_over`) moves the
//! CEO's or the leader's role; the one who held it stays an advisor.

use crate::core::event::Event;
use crate::core::member::{PublicKey, Role};
use std::collections::{BTreeMap, BTreeSet};

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Members {
    /// By name, as recorded (already normalised).
    pub by_name: BTreeMap<String, Member>,
    /// Every key ever registered: key → (member, registered at, revoked at).
    pub keys: BTreeMap<PublicKey, KeyEntry>,
    /// Every name a member was renamed from → the name they have now. A
    /// former name stays with its person: nobody else may take it.
    #[serde(default)]
    pub former: BTreeMap<String, String>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub roles: BTreeSet<Role>,
    /// Keys in the order they were registered.
    pub keys: Vec<PublicKey>,
    /// The record that removed the member, if one did.
    pub removed_at: Option<u64>,
    pub added_at: u64,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    pub member: String,
    pub registered_at: u64,
    pub revoked_at: Option<u64>,
}

impl KeyEntry {
    /// True when the key may sign record `seq`.
    pub fn signs_at(&self, seq: u64) -> bool {
        self.registered_at < seq && self.revoked_at.is_none_or(|r| seq <= r)
    }
}

impl Member {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_active(&self) -> bool {
        self.removed_at.is_none()
    }

    /// The keys that sign for this member now.
    pub fn live_keys<'a>(&'a self, members: &'a Members) -> impl Iterator<Item = &'a PublicKey> + 'a {
        self.keys.iter().filter(|k| members.keys.get(*k).is_some_and(|e| e.revoked_at.is_none()))
    }
}

impl Members {
    /// Any key registered at all: from then on every record must be signed.
    pub fn any_key(&self) -> bool {
        !self.keys.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Member> {
        self.by_name.get(name)
    }

    /// Active members with `role`.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Member> {
        self.by_name.values().filter(move |m| m.is_active() && m.has(role))
    }

    /// The member `key` signs for at record `seq`, if it may sign there.
    pub fn signer_at(&self, key: &PublicKey, seq: u64) -> Option<&str> {
        self.keys.get(key).filter(|e| e.signs_at(seq)).map(|e| e.member.as_str())
    }

    /// Folds one event at record `seq`.
    pub fn apply(&mut self, seq: u64, event: &Event) {
        match event {
            // A ledger opens once; a later `ledger_opened` names nobody.
            Event::LedgerOpened { ceo, leader, .. } if seq == 1 => {
                self.grant(seq, ceo, Role::Ceo);
                self.grant(seq, leader, Role::Leader);
            }
            Event::LeaderChanged { name, .. } => {
                for m in self.by_name.values_mut() {
                    m.roles.remove(&Role::Leader);
                }
                self.grant(seq, name, Role::Leader);
            }
            Event::PanelistAdded { name } => self.grant(seq, name, Role::Panelist),
            Event::MemberAdded { name, role, key } => {
                if *role == Role::Ceo {
                    for m in self.by_name.values_mut() {
                        m.roles.remove(&Role::Ceo);
                    }
                }
                self.grant(seq, name, *role);
                if let Some(key) = key {
                    self.add_key(seq, name, *key);
                }
            }
            Event::MemberKeyAdded { name, key } => self.add_key(seq, name, *key),
            Event::MemberRemoved { name, key, .. } => self.remove(seq, name, key.as_ref()),
            Event::MemberRenamed { from, to, .. } => self.rename(from, to),
            Event::RoleHandedOver { role, to, .. } => self.hand_over(seq, *role, to),
            _ => {}
        }
    }

    /// True for the events `apply` reads (a verifier folds only these).
    pub fn reads(event: &Event) -> bool {
        matches!(
            event,
            Event::LedgerOpened { .. }
                | Event::LeaderChanged { .. }
                | Event::PanelistAdded { .. }
                | Event::MemberAdded { .. }
                | Event::MemberKeyAdded { .. }
                | Event::MemberRemoved { .. }
                | Event::MemberRenamed { .. }
                | Event::RoleHandedOver { .. }
        )
    }

    /// The name `name` stands for now: itself, or the name its member was
    /// renamed to (historic records keep the name they were written with).
    pub fn current_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.former.get(name).map_or(name, String::as_str)
    }

    fn rename(&mut self, from: &str, to: &str) {
        // decide refuses a rename onto a taken name; a record that did it
        // anyway changes nothing rather than merging two people.
        if from == to || self.by_name.contains_key(to) {
            return;
        }
        let Some(mut m) = self.by_name.remove(from) else { return };
        m.name = to.to_string();
        for k in &m.keys {
            if let Some(e) = self.keys.get_mut(k) {
                e.member = to.to_string();
            }
        }
        self.by_name.insert(to.to_string(), m);
        // A member renamed back to a former name takes it back.
        self.former.remove(to);
        for current in self.former.values_mut() {
            if current == from {
                *current = to.to_string();
            }
        }
        self.former.insert(from.to_string(), to.to_string());
    }

    fn hand_over(&mut self, seq: u64, role: Role, to: &str) {
        if !matches!(role, Role::Ceo | Role::Leader) {
            return;
        }
        for m in self.by_name.values_mut() {
            if m.name != to && m.roles.remove(&role) {
                m.roles.insert(Role::Advisor);
            }
        }
        self.grant(seq, to, role);
        if let Some(m) = self.by_name.get_mut(to) {
            m.roles.remove(&Role::Advisor);
        }
    }

    fn grant(&mut self, seq: u64, name: &str, role: Role) {
        let m = self.by_name.entry(name.to_string()).or_insert_with(|| Member {
            name: name.to_string(),
            roles: BTreeSet::new(),
            keys: Vec::new(),
            removed_at: None,
            added_at: seq,
        });
        m.roles.insert(role);
        m.removed_at = None;
    }

    fn add_key(&mut self, seq: u64, name: &str, key: PublicKey) {
        // A key signs for one person, from its first registration (a
        // second registration would move it or undo its revocation).
        if self.keys.contains_key(&key) {
            return;
        }
        if let Some(m) = self.by_name.get_mut(name) {
            m.keys.push(key);
        }
        self.keys.insert(key, KeyEntry { member: name.to_string(), registered_at: seq, revoked_at: None });
    }

    fn remove(&mut self, seq: u64, name: &str, key: Option<&PublicKey>) {
        let Some(m) = self.by_name.get_mut(name) else { return };
        let revoke: Vec<PublicKey> = match key {
            Some(k) => vec![*k],
            None => {
                m.removed_at = Some(seq);
                m.roles.clear();
                m.keys.clone()
            }
        };
        for k in revoke {
            if let Some(e) = self.keys.get_mut(&k) {
                e.revoked_at.get_or_insert(seq);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sign_between_registration_and_revocation() {
        let (k1, k2) = (PublicKey([1; 32]), PublicKey([2; 32]));
        let mut m = Members::default();
        m.apply(1, &crate::core::testing::ledger_opened());
        assert!(!m.any_key());
        m.apply(2, &Event::MemberKeyAdded { name: "Dana".into(), key: k1 });
        assert_eq!(m.signer_at(&k1, 2), None, "a key signs only after the record that registered it");
        assert_eq!(m.signer_at(&k1, 3), Some("Dana"));
        m.apply(4, &Event::MemberKeyAdded { name: "Lee".into(), key: k2 });
        m.apply(6, &Event::MemberRemoved { name: "Lee".into(), key: Some(k2), reason: "lost".into() });
        assert_eq!(m.signer_at(&k2, 6), Some("Lee"), "the revoking record itself is the last");
        assert_eq!(m.signer_at(&k2, 7), None);
        assert!(m.get("Lee").unwrap().is_active(), "revoking one key leaves the member");
        m.apply(8, &Event::MemberRemoved { name: "Dana".into(), key: None, reason: "left".into() });
        assert_eq!(m.signer_at(&k1, 9), None);
        assert!(!m.get("Dana").unwrap().is_active());
    }

    #[test]
    fn a_rename_moves_roles_and_keys_and_keeps_the_former_name() {
        let k = PublicKey([1; 32]);
        let mut m = Members::default();
        m.apply(1, &crate::core::testing::ledger_opened());
        m.apply(2, &Event::MemberKeyAdded { name: "Dana".into(), key: k });
        m.apply(3, &Event::MemberRenamed { from: "Dana".into(), to: "Dania".into(), reason: "typo".into() });
        assert!(m.get("Dana").is_none());
        assert!(m.get("Dania").unwrap().has(Role::Ceo));
        assert_eq!(m.signer_at(&k, 4), Some("Dania"));
        assert_eq!(m.current_name("Dana"), "Dania");
        m.apply(4, &Event::MemberRenamed { from: "Dania".into(), to: "Dani".into(), reason: "again".into() });
        assert_eq!(m.current_name("Dana"), "Dani", "every former name follows to the name now");
        m.apply(5, &Event::MemberRenamed { from: "Dani".into(), to: "Lee".into(), reason: "taken".into() });
        assert!(m.get("Dani").is_some(), "a rename onto a member's name changes nothing");
    }

    #[test]
    fn a_hand_over_moves_the_role_and_the_holder_stays_an_advisor() {
        let mut m = Members::default();
        m.apply(1, &crate::core::testing::ledger_opened());
        m.apply(2, &Event::MemberAdded { name: "Kim".into(), role: Role::Advisor, key: None });
        let on = crate::core::Date::parse("2026-01-05").unwrap();
        m.apply(
            3,
            &Event::RoleHandedOver { role: Role::Ceo, to: "Kim".into(), reason: "retired".into(), on },
        );
        let kim = m.get("Kim").unwrap();
        assert!(kim.has(Role::Ceo) && !kim.has(Role::Advisor));
        let dana = m.get("Dana").unwrap();
        assert!(!dana.has(Role::Ceo) && dana.has(Role::Advisor) && dana.is_active());
        assert!(m.get("Lee").unwrap().has(Role::Leader), "the other side is untouched");
    }

    #[test]
    fn roles_follow_the_ledger() {
        let mut m = Members::default();
        m.apply(1, &crate::core::testing::ledger_opened());
        m.apply(2, &Event::PanelistAdded { name: "Dana".into() });
        assert!(m.get("Dana").unwrap().has(Role::Ceo) && m.get("Dana").unwrap().has(Role::Panelist));
        m.apply(
            3,
            &Event::LeaderChanged {
                name: "Kim".into(),
                candidate: None,
                on: crate::core::Date::parse("2026-01-05").unwrap(),
            },
        );
        assert!(!m.get("Lee").unwrap().has(Role::Leader));
        assert_eq!(m.with_role(Role::Leader).map(|m| m.name.as_str()).collect::<Vec<_>>(), ["Kim"]);
    }
}
