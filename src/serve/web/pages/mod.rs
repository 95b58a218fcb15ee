//! Each page: a handler that reads the server's state at its head, builds
//! the same report value the command line renders, and a pure renderer
//! from that value to markup.

pub mod audit;
pub mod hire;
pub mod lists;
pub mod score_form;
pub mod trust;

use super::layout::{error_page, page};
use super::session::Viewer;
use crate::core::state::State;
use crate::core::time::Date;
use crate::serve::app::App;
use crate::serve::error::ApiError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

/// The day pages are evaluated at: the server's clock.
pub fn today(app: &App) -> Date {
    app.now().date()
}

/// A page already made in place of the one asked for (boxed: a response is large).
pub type Shown = Box<Response>;

/// Computes from the state at the head, or says the ledger has no records
/// yet (a report needs the opening record's company and currency).
pub fn read<T>(app: &App, viewer: &Viewer, f: impl FnOnce(&State) -> T) -> Result<T, Shown> {
    // The state is copied out of the writer's lock before the page is
    // built, so a page being rendered never holds up a write.
    let state = app.with_state(|s| s.ledger.is_some().then(|| s.clone()));
    state.map(|s| f(&s)).ok_or_else(|| {
        let body =
            html! { h1 { "No records yet" } p { "The ledger has no opening record; nothing to show." } };
        Box::new(page(viewer, "No records yet", "", body).into_response())
    })
}

/// A refused write or a failed read as a readable page with its status.
pub fn api_error_page(viewer: &Viewer, e: ApiError) -> Response {
    let title = match e.status {
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::NOT_FOUND => "Not found",
        s if s.is_client_error() => "Not recorded",
        _ => "Something went wrong",
    };
    let mut page = error_page(e.status, Some(viewer), title, &e.body.message);
    page.extensions_mut().insert((*e.body).clone());
    page
}

/// A page for something that does not exist.
pub fn not_found(viewer: &Viewer, message: &str) -> Response {
    error_page(StatusCode::NOT_FOUND, Some(viewer), "Not found", message)
}

/// A form that comes back with a CSRF token, and nothing else.
#[derive(serde::Deserialize)]
pub struct CsrfForm {
    pub csrf: Option<String>,
}

/// The CSRF token among a form's fields.
pub fn csrf_of(fields: &[(String, String)]) -> Option<&str> {
    fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str())
}
