//! The web pages (sharing.md § 6): server-rendered HTML that works without
//! JavaScript, for members who will not use a terminal.

pub mod layout;
pub mod login;
pub mod negotiate;
pub mod pages;
pub mod session;
pub mod write;

use super::app::App;
use axum::routing::{get, post};
use axum::Router;
use pages::{audit, hire, lists, trust};
use std::sync::Arc;

/// The web side of the server: sessions, and whether cookies are Secure.
#[derive(Default)]
pub struct WebState {
    pub sessions: session::Sessions,
    /// Served over TLS, here or at a proxy in front: cookies are marked Secure.
    pub tls: bool,
}

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(trust::dashboard_page))
        .route("/brief", get(trust::brief_page))
        .route("/audit/forecast", get(audit::forecast_page))
        .route("/commitments", get(lists::commitments_page))
        .route("/commitments/{id}/done", post(lists::commitment_done))
        .route("/deals", get(lists::deals_page))
        .route("/members", get(lists::members_page))
        .route("/hire", get(hire::candidates_page))
        .route("/hire/{candidate}", get(hire::candidate_page))
        .route("/hire/{candidate}/score", post(hire::score_post))
        .route("/hire/{candidate}/debrief", post(hire::debrief_post))
        // Sign-in, sign-out (login links and sessions).
        .merge(login::routes())
        // A form is small and comes quickly: a bigger or slower body is a
        // 413 or 408, never a connection held open.
        .layer(axum::extract::DefaultBodyLimit::max(super::body::FORM_LIMIT))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            super::body::BODY_DEADLINE,
        ))
        .layer(axum::middleware::from_fn(negotiate::negotiate))
}
