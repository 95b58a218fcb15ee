//! Which local key signs a command's records (sharing.md § 1).
//!
//! `--as NAME|ceo|leader` picks the member; without it, the one member
//! this machine holds a registered key for signs, else the machine's
//! default for this ledger (`candor key default`). Nobody is ever made up:
//! a name the ledger does not know is refused with the list of members.
//! Before any member has a key (a ledger from the first release) records
//! are unsigned, and `--as` still must name a member.

use super::context::Context;
use candor::core::decide::member;
use candor::core::state::State;
use candor::core::Role;
use candor::identity::{defaults, keys, LocalKey};
use candor::ledger::Signer;
use candor::{Error, Result};

/// The member a command records as, and the key that signs for them.
pub struct Signing {
    pub member: String,
    pub signer: Option<Signer>,
}

impl Signing {
    /// "signed by Dana (ed25519:1a2b3c4d…)", or "unsigned" before keys.
    pub fn describe(&self) -> String {
        describe(&self.member, self.signer.as_ref().map(Signer::public))
    }
}

/// "signed by Dana with ed25519:1a2b3c4d…", or unsigned before keys.
pub fn describe(member: &str, key: Option<candor::core::PublicKey>) -> String {
    match key {
        Some(k) => format!("signed by {member} with {}…", &k.to_string()[..16]),
        None => format!("by {member}, unsigned (no member has a key yet)"),
    }
}

/// Resolves who signs: `who` (a name or role word, e.g. from `--as`), else
/// the machine's one member, else its default for this ledger.
pub fn resolve(ctx: &Context, state: &State, who: Option<&str>) -> Result<Signing> {
    let flag = "--as";
    let named = match who {
        Some(w) => Some(member::find(state, w, flag)?.name.clone()),
        None => None,
    };
    if !state.members.any_key() {
        let member = named.unwrap_or_else(|| state.info().leader.clone());
        return Ok(Signing { member, signer: None });
    }
    let usable = usable_keys(state)?;
    let chosen = match named {
        Some(name) => usable.into_iter().find(|(m, _)| *m == name).ok_or_else(|| {
            Error::input(
                flag,
                format!(
                    "no key for {name} on this machine; {name} makes one with `candor key new --name \"{name}\"` \
                     and the CEO registers it with `candor member key`"
                ),
            )
        })?,
        None => pick_default(ctx, state, usable)?,
    };
    let (member, local) = chosen;
    let signer = keys::load(&local)?;
    Ok(Signing { member, signer: Some(signer) })
}

/// Local keys that sign for an active member of this ledger now.
pub(super) fn usable_keys(state: &State) -> Result<Vec<(String, LocalKey)>> {
    Ok(keys::list()?
        .into_iter()
        .filter_map(|k| {
            let entry = state.members.keys.get(&k.public)?;
            // A server's key signs only web records, for others.
            let active =
                state.members.get(&entry.member).is_some_and(|m| m.is_active() && !m.has(Role::Server));
            (entry.revoked_at.is_none() && active).then(|| (entry.member.clone(), k))
        })
        .collect())
}

fn pick_default(ctx: &Context, state: &State, usable: Vec<(String, LocalKey)>) -> Result<(String, LocalKey)> {
    let mut names: Vec<&str> = usable.iter().map(|(m, _)| m.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let wanted = match names.as_slice() {
        [] => {
            return Err(Error::input(
                "--as",
                format!(
                    "no key on this machine signs for a member of this ledger (members: {}); make one with \
                     `candor key new --name NAME` and ask the CEO to register it with `candor member key`",
                    member::list(state)
                ),
            ))
        }
        [one] => one.to_string(),
        several => match defaults::get(&ctx.ledger_dir).filter(|d| several.contains(&d.as_str())) {
            Some(d) => d,
            None => {
                return Err(Error::input(
                    "--as",
                    format!(
                    "this machine holds keys for {}; say who is recording with --as NAME, or set a default \
                         with `candor key default NAME`",
                    several.join(" and ")
                ),
                ))
            }
        },
    };
    usable.into_iter().find(|(m, _)| *m == wanted).ok_or_else(|| Error::input("--as", "no usable key"))
}
