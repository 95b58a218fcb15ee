//! `--remote URL`: the ledger is the server's. Before a command runs, the
//! local replica pulls and verifies what it lacks; reports then read the
//! replica, and writes go to the server (`record::remote`).

use super::context::Context;
use candor::core::state::Members;
use candor::identity::{defaults, keys};
use candor::ledger::replay;
use candor::remote::{replica, Client};
use candor::{Error, Result};

/// Commands that work on a ledger of this machine only.
pub fn refuse(command: &str) -> Error {
    Error::Usage(format!(
        "`candor {command}` works on a ledger on this machine, not with --remote; run it where the ledger is \
         (before `candor serve` starts, or on a copy)"
    ))
}

/// Finds a key of this machine the server knows, to sign requests with.
pub fn connect(ctx: &Context, url: &str) -> Result<Client> {
    let mut local = keys::list()?;
    // A server's own key signs only web records, never a member's request.
    local.retain(|k| k.name != candor::identity::server_key::NAME);
    if local.is_empty() {
        return Err(Error::input(
            "--remote",
            "this machine holds no key; make one with `candor key new --name NAME` and ask the CEO to register it \
             with `candor member key`",
        ));
    }
    // The person named by --as first, then this ledger's default signer.
    let default = defaults::get(&ctx.ledger_dir);
    local.sort_by_key(|k| {
        let named = ctx.actor.as_deref() == Some(k.name.as_str());
        let is_default = default.as_deref() == Some(k.name.as_str());
        (!named, !is_default)
    });
    for key in &local {
        let client = Client::new(url, keys::load(key)?)?;
        if client.knows_key()? {
            return Ok(client);
        }
    }
    Err(Error::input(
        "--remote",
        format!(
            "the server at {url} knows none of this machine's keys ({}); the CEO registers yours with \
             `candor --remote {url} member key --name NAME --key ED25519:…`",
            local.iter().map(|k| format!("{} {}", k.name, k.public)).collect::<Vec<_>>().join(", ")
        ),
    ))
}

/// Brings the replica up to the server's head, verifying every record.
pub fn sync(ctx: &Context, client: &Client) -> Result<u64> {
    let replica = replica::open(&ctx.ledger_dir)?;
    // The replica's members are folded only when there is something new to check.
    let members = || match replica.is_empty() {
        true => Ok(Members::default()),
        false => replay::state(&replica, None).map(|s| s.members),
    };
    replica::sync(&replica, members, client)
}
