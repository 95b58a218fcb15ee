//! `candor demo --serve`: the manufacturing scenario's ledger served with
//! its pages, a candidate and a panel, and a sign-in link for each demo
//! member, so a newcomer can click through what the CEO, the sales leader
//! and a panelist see. Everything stays in the throw-away directory.

use crate::cli::output::emit;
use crate::cli::Cli;
use candor::core::Timestamp;
use candor::identity::{keys, server_key};
use candor::ledger::Ledger;
use candor::{Error, Result};
use clap::Parser;
use std::net::SocketAddr;
use std::path::Path;

const PANELISTS: [&str; 2] = ["Priya Shah", "Tom Berg"];

/// Sets the served ledger up and serves it until Ctrl-C.
pub fn run(dir: &Path, listen: SocketAddr) -> Result<()> {
    let listen = with_free_port(listen)?;
    let at = Ledger::open(dir)?.last_recorded_at();
    let ledger = dir.to_str().ok_or_else(|| Error::Usage("the demo directory is not UTF-8".into()))?;
    let (web, _, _) = server_key::load_or_create()?;
    let mut lines: Vec<Vec<String>> = vec![
        args(&[
            "member",
            "add",
            "--name",
            server_key::NAME,
            "--role",
            "server",
            "--key",
            &web.public.to_string(),
        ]),
        args(&["hire", "candidate", "add", "--id", "c-alex", "--name", "Alex Morgan"]),
        args(&["hire", "panel", "add", "--name", "ceo"]),
    ];
    for name in PANELISTS {
        let key = keys::create(name)?;
        lines.push(args(&["hire", "panel", "add", "--name", name, "--key", &key.public.to_string()]));
    }
    // The set-up's confirmations would bury the links.
    crate::cli::output::set_quiet(true);
    let set_up = lines.iter().try_for_each(|line| as_ceo(ledger, line, at));
    crate::cli::output::set_quiet(false);
    set_up?;
    let url = format!("http://{listen}");
    emit(&format!(
        "\n▶ Serving the manufacturing demo at {url} — open a link below in a browser (each works once).\n"
    ));
    for who in ["ceo", "leader", PANELISTS[0], PANELISTS[1]] {
        as_ceo(ledger, &args(&["member", "login-link", "--name", who, "--url", &url]), at)?;
    }
    as_ceo(ledger, &args(&["serve", "--listen", &listen.to_string()]), None)
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn as_ceo(ledger: &str, line: &[String], at: Option<Timestamp>) -> Result<()> {
    let mut argv = vec!["candor", "--no-input", "--ledger", ledger, "--as", "ceo"];
    argv.extend(line.iter().map(String::as_str));
    let cli = Cli::try_parse_from(&argv).map_err(|e| Error::Usage(e.to_string()))?;
    crate::cli::run_at(cli, at)
}

/// Port 0 picks a free port now, so the links can name it before the
/// server starts.
fn with_free_port(listen: SocketAddr) -> Result<SocketAddr> {
    if listen.port() != 0 {
        return Ok(listen);
    }
    let probe = std::net::TcpListener::bind(listen).map_err(|e| Error::input("--listen", e.to_string()))?;
    probe.local_addr().map_err(|e| Error::input("--listen", e.to_string()))
}
