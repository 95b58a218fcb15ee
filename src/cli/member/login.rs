//! `candor member login-link`: a one-time web sign-in link, signed by the
//! issuer's own key. The CEO may make one for any member, a member only for
//! themselves. Nothing is written to the ledger: a link is not a fact.

use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::signer;
use crate::cli::view::View;
use candor::core::decide::member as decide;
use candor::core::{rights, Role, Timestamp};
use candor::identity::login_link::{parse_lifetime, LoginLink};
use candor::{Error, Result};

/// Where a link points when there is no --remote and no --url.
pub const DEFAULT_BASE: &str = "http://127.0.0.1:7420";

pub fn run(ctx: &Context, name: &str, expires: &str, url: Option<&str>) -> Result<()> {
    let lifetime = parse_lifetime(expires).map_err(|m| Error::input("--expires", m))?;
    let base = match (&ctx.remote, url) {
        (Some(client), _) => client.url().to_string(),
        (None, Some(u)) => candor::remote::client::normalise(u).map_err(|e| match e {
            Error::Input { message, .. } => Error::input("--url", message),
            other => other,
        })?,
        (None, None) => DEFAULT_BASE.to_string(),
    };
    let view = View::load(ctx, None)?;
    let state = &view.state;
    let member = decide::find(state, name, "--name")?;
    if member.has(Role::Server) {
        return Err(Error::input(
            "--name",
            format!("{} is a server's key, not a person; it never signs in", member.name),
        ));
    }
    let member = member.name.clone();
    let issuer = signer::resolve(ctx, state, ctx.actor.as_deref())?;
    let Some(key) = issuer.signer.as_ref() else {
        return Err(Error::input(
            "--as",
            "no member has a key yet; a login link is signed by its issuer's key (`candor key new`)",
        ));
    };
    rights::check_login_link(&state.members, &issuer.member, &member)
        .map_err(|e| Error::input("right", e.to_string()))?;
    // The server judges expiry by its machine's clock, never a fixed one.
    let until = Timestamp::from_micros(ctx.machine_now.micros().saturating_add(lifetime));
    let token = LoginLink::new(&member, until, key.public())?.sign(key)?;
    emit(&format!(
        "{base}/signin/{token}\n  signs {member} in to the web pages once, until {until}; issued by {} (nothing \
         is written to the ledger)\n",
        issuer.member
    ));
    Ok(())
}
