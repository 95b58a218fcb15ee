//! `candor member add|key|remove|list`: the people of the ledger, their
//! roles and the public keys that sign for them. Only the CEO changes
//! them; a member may add a key for themselves (rotation).

mod login;
mod people;

use super::context::Context;
use super::output::emit;
use super::record::Session;
use super::signer::Signing;
use super::view::View;
use candor::core::decide::member as decide;
use candor::core::{AsOf, Date, PublicKey, Role};
use candor::identity::keys;
use candor::report::{json, lists, table, Format};
use candor::{Error, Result};
use serde_json::json;

#[derive(clap::Args)]
pub struct MemberArgs {
    #[command(subcommand)]
    command: MemberCommand,
}

#[derive(clap::Subcommand)]
enum MemberCommand {
    /// Add a person in a role, optionally with their public key
    /// (e.g. candor member add --name "Kim Ito" --role panelist --key ed25519:…)
    Add {
        #[arg(long)]
        name: String,
        /// panelist, advisor, or server (a `candor serve` key that signs web records for members;
        /// the CEO and the sales leader come with the ledger)
        #[arg(long, value_parser = Role::parse)]
        role: Role,
        /// Their public key, as `candor key new` printed it on their machine
        #[arg(long, value_parser = PublicKey::parse)]
        key: Option<PublicKey>,
    },
    /// Register a member's public key: their first, or another (rotation)
    Key {
        /// The member (a name, ceo or leader)
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = PublicKey::parse)]
        key: PublicKey,
    },
    /// Revoke a member (and every key of theirs), or with --key one lost key
    Remove {
        #[arg(long)]
        name: String,
        /// Revoke only this key; the member stays
        #[arg(long, value_parser = PublicKey::parse)]
        key: Option<PublicKey>,
        #[arg(long)]
        reason: String,
    },
    /// A one-time link that signs NAME in to the web pages (the CEO for
    /// anyone, a member for themselves). Nothing is written to the ledger:
    /// a link is not a fact. With --remote it points at that server.
    LoginLink {
        /// The member the link signs in (a name, ceo or leader)
        #[arg(long)]
        name: String,
        /// How long it works: e.g. 15m, 2h, 24h, 7d (at most 7d)
        #[arg(long, default_value = "24h", value_name = "DURATION")]
        expires: String,
        /// The server's address, without --remote [default: http://127.0.0.1:7420]
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Correct a member's name (a typo at init, a changed name): the person,
    /// roles and keys stay; reports show the new name, the log keeps records
    /// as written (e.g. candor member rename --name Dna --to Dana --reason "typo at init")
    Rename {
        /// The member as named now (a name, ceo or leader)
        #[arg(long)]
        name: Option<String>,
        /// The new name
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Hand the CEO's or the sales leader's role to another member, who has a
    /// key; the one who held it stays an advisor
    /// (e.g. candor member hand-over --role leader --to "Kim Ito" --reason "Lee moves to EMEA")
    HandOver {
        /// ceo or leader
        #[arg(long, value_parser = Role::parse)]
        role: Option<Role>,
        /// The member who takes the role (add them first with `member add --role advisor --key …`)
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        /// The day the role passes [default: today]
        #[arg(long, value_parser = Date::parse)]
        on: Option<Date>,
    },
    /// Every member, their roles and keys
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

pub fn run(ctx: &Context, args: MemberArgs) -> Result<()> {
    match args.command {
        MemberCommand::Add { name, role, key } => {
            let session = Session::open(ctx)?;
            let event = decide::add(&session.state, &name, role, key)?;
            session.record(ctx, vec![event]).map(drop)
        }
        MemberCommand::Key { name, key } => {
            let session = Session::open(ctx)?;
            let event = decide::add_key(&session.state, &name, key)?;
            if session.state.members.any_key() {
                return session.record(ctx, vec![event]).map(drop);
            }
            // The ledger's first key (a ledger from before keys): it must be
            // the CEO's, on this machine, and it signs its own registration.
            let first = first_key(&session, ctx, key)?;
            session.record_signed(ctx, vec![(first, vec![event])]).map(drop)
        }
        MemberCommand::Remove { name, key, reason } => {
            let session = Session::open(ctx)?;
            let event = decide::remove(&session.state, &name, key, &reason)?;
            session.record(ctx, vec![event]).map(drop)
        }
        MemberCommand::LoginLink { name, expires, url } => login::run(ctx, &name, &expires, url.as_deref()),
        MemberCommand::Rename { name, to, reason } => people::rename(ctx, name, to, reason),
        MemberCommand::HandOver { role, to, reason, on } => people::hand_over(ctx, role, to, reason, on),
        MemberCommand::List { as_of } => list(ctx, as_of),
    }
}

fn first_key(session: &Session, ctx: &Context, key: PublicKey) -> Result<Signing> {
    let ceo = session.state.info().ceo.clone();
    // decide::member::add_key has refused any first key but the CEO's.
    if let Some(who) = &ctx.actor {
        if decide::find(&session.state, who, "--as")?.name != ceo {
            return Err(Error::input(
                "right",
                format!("{who} may not register keys: missing right 'members' (the CEO only)"),
            ));
        }
    }
    let local = keys::find(&key)?.ok_or_else(|| {
        Error::input("--key", format!("{key} is not on this machine; the first key signs its own registration, so register it where it was made"))
    })?;
    let signer = keys::load(&local)?;
    Ok(Signing { member: ceo, signer: Some(signer) })
}

fn list(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = View::load(ctx, as_of)?;
    let members = &view.state.members;
    let local: Vec<PublicKey> = keys::list().unwrap_or_default().into_iter().map(|k| k.public).collect();
    let rows = lists::members_json(members, &local);
    let changes = &view.state.people_changes;
    emit(&match ctx.format {
        Format::Json => json(&json!({ "members": rows, "changes": people::changes_json(changes) })),
        format => {
            let mut out = table::render(format, &lists::MEMBER_HEADERS, &lists::member_cells(&rows));
            if !changes.is_empty() {
                out.push_str("\nPeople changes\n");
                out.push_str(&table::render(format, &people::CHANGE_HEADERS, &people::change_cells(changes)));
            }
            out
        }
    });
    Ok(())
}
