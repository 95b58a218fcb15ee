//! `candor serve`: one process owns the sled ledger and everyone else
//! talks to it (sharing.md § 5) — the JSON API for `--remote` and the web
//! pages. Handlers parse, call `App` (which calls the same acceptor,
//! rights and decide functions as the command line) and render.

pub mod api;
pub mod app;
pub mod body;
pub mod error;
mod listen;
pub mod web;

pub use app::{App, Clock};
pub use listen::{serve, Options, Tls};

use axum::Router;
use std::sync::Arc;

/// Every route the server answers.
pub fn router(app: Arc<App>) -> Router {
    web::routes().merge(api::routes()).with_state(app)
}
