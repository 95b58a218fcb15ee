//! `candor key new|list|default`: this machine's private keys, which
//! member of the ledger each signs for, and who signs by default here.

use super::context::Context;
use super::output::emit;
use candor::core::decide::member;
use candor::core::state::State;
use candor::core::text;
use candor::error::FieldContext;
use candor::identity::{defaults, keys};
use candor::ledger::{replay, Ledger};
use candor::report::{json, table, Format};
use candor::{Error, Result};
use serde_json::json;

#[derive(clap::Args)]
pub struct KeyArgs {
    #[command(subcommand)]
    command: KeyCommand,
}

#[derive(clap::Subcommand)]
enum KeyCommand {
    /// Make a key on this machine and print its public half to register
    /// (e.g. candor key new --name "Lee Park")
    New {
        /// Whose key it is (as the ledger knows them)
        #[arg(long)]
        name: String,
    },
    /// The keys on this machine and the member each signs for in this ledger
    List,
    /// Who signs here when --as is not given (e.g. candor key default leader)
    Default {
        /// A member with a key on this machine (a name, ceo or leader)
        name: String,
    },
}

pub fn run(ctx: &Context, args: KeyArgs) -> Result<()> {
    match args.command {
        KeyCommand::New { name } => new(&name),
        KeyCommand::List => list(ctx),
        KeyCommand::Default { name } => set_default(ctx, &name),
    }
}

fn new(name: &str) -> Result<()> {
    let name = text::person_name(name).field("--name")?;
    let key = keys::create(&name)?;
    emit(&format!(
        "{}\nA new key for {name} is at {} (mode 0600; keep it private, back it up).\n\
         Send the line above to the CEO, who registers it with:\n  candor member key --name \"{name}\" --key {}\n",
        key.public,
        key.path.display(),
        key.public
    ));
    Ok(())
}

/// The ledger's state when one exists here (keys are listed without it).
fn ledger_state(ctx: &Context) -> Result<Option<State>> {
    if !ctx.ledger_dir.join("db").exists() {
        return Ok(None);
    }
    let ledger: Ledger = ctx.open()?;
    Ok(Some(replay::state(&ledger, None)?))
}

fn list(ctx: &Context) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = ledger_state(ctx)?;
    let default = defaults::get(&ctx.ledger_dir);
    let rows: Vec<serde_json::Value> = keys::list()?
        .into_iter()
        .map(|k| {
            let entry = state.as_ref().and_then(|s| s.members.keys.get(&k.public));
            let status = match entry {
                None => "not registered in this ledger",
                Some(e) if e.revoked_at.is_some() => "revoked",
                Some(_) => "signs",
            };
            json!({
                "name": k.name,
                "key": k.public.to_string(),
                "path": k.path.display().to_string(),
                "member": entry.map(|e| e.member.clone()),
                "status": status,
                "default": entry.is_some_and(|e| Some(&e.member) == default.as_ref()),
            })
        })
        .collect();
    emit(&match ctx.format {
        Format::Json => json(&json!({ "keys": rows })),
        format => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let s = |k: &str| r[k].as_str().unwrap_or("—").to_string();
                    let member = match r["default"].as_bool() {
                        Some(true) => format!("{} (default)", s("member")),
                        _ => s("member"),
                    };
                    vec![s("name"), format!("{}…", &s("key")[..16]), member, s("status"), s("path")]
                })
                .collect();
            if cells.is_empty() {
                "No keys on this machine. Make one with `candor key new --name NAME`.\n".into()
            } else {
                table::render(format, &["made for", "key", "member", "status", "file"], &cells)
            }
        }
    });
    Ok(())
}

fn set_default(ctx: &Context, who: &str) -> Result<()> {
    let state = ledger_state(ctx)?.ok_or_else(|| Error::Missing(ctx.ledger_dir.clone()))?;
    let m = member::find(&state, who, "NAME")?;
    let holds = super::signer::usable_keys(&state)?.iter().any(|(member, _)| *member == m.name);
    if !holds {
        return Err(Error::input("NAME", format!("no key for {} on this machine", m.name)));
    }
    defaults::set(&ctx.ledger_dir, &m.name)?;
    emit(&format!("{} signs by default for {} on this machine\n", m.name, ctx.ledger_dir.display()));
    Ok(())
}
