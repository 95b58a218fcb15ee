//! `candor serve`: share this machine's ledger with its members over HTTP
//! (the API `--remote` speaks, and the web pages).

use super::context::Context;
use candor::core::{Role, Timestamp};
use candor::identity::server_key;
use candor::identity::used_links::UsedLinks;
use candor::serve::{self, App, Options, Tls};
use candor::{Error, Result};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:7420", value_name = "ADDR:PORT")]
    listen: SocketAddr,
    /// TLS certificate chain (PEM); without it, serve plain HTTP behind a TLS proxy
    #[arg(long, requires = "tls_key", value_name = "PEM")]
    tls_cert: Option<PathBuf>,
    /// TLS private key (PEM)
    #[arg(long, requires = "tls_cert", value_name = "PEM")]
    tls_key: Option<PathBuf>,
    /// Mark session cookies Secure although this process serves plain HTTP:
    /// a TLS proxy in front of it speaks HTTPS to the browsers
    #[arg(long)]
    secure_cookies: bool,
    /// Take each record's time from the client (scripted fixtures and tests);
    /// times still never go backwards
    #[arg(long)]
    allow_client_clock: bool,
}

pub fn run(ctx: &Context, args: ServeArgs) -> Result<()> {
    let ledger = ctx.open_for_write()?;
    let app = App::new(ledger, args.allow_client_clock, clock(ctx))?;
    if !app.with_state(|s| s.members.any_key()) {
        return Err(Error::Usage(
            "this ledger has no member keys yet, so nobody could sign a write; open it with `candor init` \
             (which makes the CEO's key) before serving it"
                .into(),
        ));
    }
    let records = app.head().map_or(0, |h| h.seq);
    let tls = args.tls_cert.zip(args.tls_key).map(|(cert, key)| Tls { cert, key });
    let scheme = if tls.is_some() { "https" } else { "http" };
    // The server's own key signs web records for the signed-in member.
    let (key, signer, made) = server_key::load_or_create()?;
    let ledger_id = app.ledger_id().ok_or_else(|| Error::Usage("the ledger has no records".into()))?;
    let mut app = app.with_web_key(signer, UsedLinks::open(&ledger_id)?);
    app.web.tls = tls.is_some() || args.secure_cookies;
    let registered = app.with_state(|s| {
        s.members.keys.get(&key.public).is_some_and(|e| {
            e.revoked_at.is_none()
                && s.members.get(&e.member).is_some_and(|m| m.is_active() && m.has(Role::Server))
        })
    });
    let options = Options { listen: args.listen, tls };
    let dir = ctx.ledger_dir.display().to_string();
    // A few more workers than cores: a page's write or a sign-in's sync
    // runs on its worker, and must not stall everyone on a small machine.
    let workers = std::thread::available_parallelism().map_or(4, |n| n.get()).max(4);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    let app = Arc::new(app);
    let served = runtime.block_on(serve::serve(serve::router(app.clone()), options, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "candor serve: listening on {scheme}://{addr} ({dir}, {records} records)");
        let _ = writeln!(out, "  members: candor --remote {scheme}://{addr} <command>; stop with Ctrl-C");
        let made = if made { ", made now" } else { "" };
        let _ = writeln!(out, "  web key: {} ({}{made})", key.public, key.path.display());
        if !registered {
            let _ = writeln!(
                out,
                "  web writes are off until the CEO registers this key:\n    candor --remote {scheme}://{addr} \
                 member add --name \"{}\" --role server --key {}",
                server_key::NAME,
                key.public
            );
        }
        let _ = out.flush();
    }));
    // Appends run on blocking threads: the runtime waits for them as it
    // drops, and the writer's turn is taken once more to be sure.
    drop(runtime);
    app.quiesce();
    served?;
    println!("candor serve: stopped; every acknowledged write is on disk");
    Ok(())
}

/// The server's recording clock: the machine's, or CANDOR_NOW when a
/// test fixes it.
fn clock(ctx: &Context) -> serve::Clock {
    if std::env::var("CANDOR_NOW").is_ok_and(|v| !v.trim().is_empty()) {
        let fixed = ctx.now;
        Arc::new(move || fixed)
    } else {
        Arc::new(|| Timestamp::from_datetime(chrono::Utc::now()))
    }
}
