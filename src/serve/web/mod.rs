//! The web pages (sharing.md § 6): server-rendered HTML that works without
//! JavaScript, for members who will not use a terminal.

pub mod login;
pub mod session;
pub mod write;

use super::app::App;
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// The web side of the server: sessions, and whether cookies are Secure.
#[derive(Default)]
pub struct WebState {
    pub sessions: session::Sessions,
    /// Served over TLS: cookies are marked Secure.
    pub tls: bool,
}

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(home))
        // Sign-in, sign-out (login links and sessions).
        .merge(login::routes())
}

async fn home(viewer: session::Viewer) -> maud::Markup {
    maud::html! { (maud::DOCTYPE) html { head { title { "candor" } } body { h1 { "candor" } p { "Signed in as " (viewer.member) } } } }
}
