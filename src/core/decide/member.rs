//! Members and keys: adding people in a role, registering and revoking
//! their public keys. Who may do it is `core::rights`; this judges the
//! values against the members the ledger already knows.

use crate::core::event::Event;
use crate::core::member::{PublicKey, Role};
use crate::core::state::{Member, State};
use crate::core::text;
use crate::error::{Error, FieldContext, Result};

/// `member add`: a new person in `role`, optionally with their key.
pub fn add(state: &State, name: &str, role: Role, key: Option<PublicKey>) -> Result<Event> {
    let name = new_name(state, name, "--name")?;
    if let Some(existing) = state.members.get(&name) {
        if existing.is_active() {
            return Err(Error::input(
                "--name",
                format!(
                    "{name} is already a member ({}); use `member key` to register a key",
                    roles(existing)
                ),
            ));
        }
    }
    match role {
        Role::Ceo => {
            return Err(Error::input(
                "--role",
                "the ledger has its CEO; add the new CEO as an advisor, then `member hand-over --role ceo --to NAME`",
            ))
        }
        Role::Leader => {
            return Err(Error::input(
                "--role",
                "the ledger has its sales leader; add the new leader as an advisor, then `member hand-over --role leader --to NAME` (or hire them: `hire decide --make-leader`)",
            ))
        }
        Role::Panelist | Role::Advisor | Role::Server => {}
    }
    if let Some(key) = key {
        key_is_new(state, &key)?;
        first_key_is_the_ceos(state, &name)?;
    }
    Ok(Event::MemberAdded { name, role, key })
}

/// `member key`: registers another key for a member.
pub fn add_key(state: &State, name: &str, key: PublicKey) -> Result<Event> {
    let member = find(state, name, "--name")?;
    key_is_new(state, &key)?;
    first_key_is_the_ceos(state, &member.name)?;
    Ok(Event::MemberKeyAdded { name: member.name.clone(), key })
}

/// `member remove`: revokes one key (`key`) or the member and all theirs.
pub fn remove(state: &State, name: &str, key: Option<PublicKey>, reason: &str) -> Result<Event> {
    let member = find(state, name, "--name")?;
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    if let Some(key) = key {
        let live = member.live_keys(&state.members).any(|k| *k == key);
        if !live {
            return Err(Error::input("--key", format!("{key} is not a live key of {}", member.name)));
        }
    } else if member.has(Role::Ceo) || member.has(Role::Leader) {
        return Err(Error::input(
            "--name",
            format!(
                "{} is the {}; the CEO and the sales leader change through `member hand-over`, not removal \
                 (revoke a lost key with --key)",
                member.name,
                if member.has(Role::Ceo) { "CEO" } else { "sales leader" }
            ),
        ));
    }
    Ok(Event::MemberRemoved { name: member.name.clone(), key, reason })
}

/// An active member by name or role word, or an error listing the members.
pub fn find<'a>(state: &'a State, who: &str, flag: &str) -> Result<&'a Member> {
    let name = match state.ledger.as_ref() {
        Some(info) => info.resolve(who),
        None => who.trim().to_string(),
    };
    let name = text::person_name(&name).field(flag)?;
    // A name typed in another case still names that one member.
    let folded = name.to_lowercase();
    let mut same_but_case =
        state.members.by_name.values().filter(|m| m.is_active() && m.name.to_lowercase() == folded);
    let by_case = match (same_but_case.next(), same_but_case.next()) {
        (Some(m), None) => Some(m),
        _ => None,
    };
    state.members.get(&name).filter(|m| m.is_active()).or(by_case).ok_or_else(|| {
        if let Some((former, now)) = renamed(state, &name) {
            return Error::input(flag, format!("{former} was renamed {now}; name them {now}"));
        }
        Error::input(flag, format!("{name} is not a member of this ledger; members: {}", list(state)))
    })
}

/// (the former name as recorded, the name now) when `name`, in any case,
/// is a name a member was renamed from.
pub fn renamed<'a>(state: &'a State, name: &str) -> Option<(&'a str, &'a str)> {
    let folded = name.to_lowercase();
    state
        .members
        .former
        .iter()
        .find(|(f, _)| f.to_lowercase() == folded)
        .map(|(f, now)| (f.as_str(), now.as_str()))
}

/// "Dana (ceo), Lee (leader), …" — every active member.
pub fn list(state: &State) -> String {
    let names: Vec<String> = state
        .members
        .by_name
        .values()
        .filter(|m| m.is_active())
        .map(|m| format!("{} ({})", m.name, roles(m)))
        .collect();
    if names.is_empty() {
        "none yet".into()
    } else {
        names.join(", ")
    }
}

fn roles(m: &Member) -> String {
    let r: Vec<&str> = m.roles.iter().map(|r| r.as_str()).collect();
    if r.is_empty() {
        "no role".into()
    } else {
        r.join(", ")
    }
}

/// A name for a new person: normalised, and not confusable with a member.
pub fn new_name(state: &State, name: &str, flag: &str) -> Result<String> {
    let name = text::person_name(name).field(flag)?;
    // `ceo` and `leader` stand for the people in those roles wherever a
    // person is named, so nobody may be called that.
    if matches!(name.to_lowercase().as_str(), "ceo" | "leader" | "sales-leader") {
        return Err(Error::input(flag, format!("'{name}' is a role word; give the person's name")));
    }
    let skeleton = text::skeleton(&name);
    // A former name stays with its person: records written under it would
    // otherwise seem to be the newcomer's.
    if let Some((former, now)) = state.members.former.iter().find(|(f, _)| text::skeleton(f) == skeleton) {
        return Err(Error::input(
            flag,
            format!("'{name}' is the former name of {now} (renamed from '{former}'); a former name is not given to anyone else"),
        ));
    }
    for m in state.members.by_name.values() {
        if m.name != name && text::skeleton(&m.name) == skeleton {
            return Err(Error::input(
                flag,
                format!("'{name}' looks like the member '{}'; use that name, or one that cannot be mistaken for it", m.name),
            ));
        }
    }
    Ok(name)
}

/// Until a key exists, records are unsigned and anyone at the keyboard may
/// claim any name: the first key must be the CEO's (signing its own
/// registration), so nobody else can take the ledger's signing over.
fn first_key_is_the_ceos(state: &State, name: &str) -> Result<()> {
    let ceo = state.ledger.as_ref().map(|l| l.ceo.as_str());
    if state.members.any_key() || ceo == Some(name) {
        return Ok(());
    }
    Err(Error::input(
        "--key",
        format!(
            "no member has a key yet: the ledger's first key must be the CEO's ({}); the CEO registers theirs \
             first with `candor member key --name CEO --key …`",
            ceo.unwrap_or("the CEO")
        ),
    ))
}

fn key_is_new(state: &State, key: &PublicKey) -> Result<()> {
    match state.members.keys.get(key) {
        Some(e) => Err(Error::input(
            "--key",
            format!("{key} is already registered to {}; a key signs for one person", e.member),
        )),
        None => Ok(()),
    }
}
