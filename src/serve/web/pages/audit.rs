//! `/audit/forecast`: the forecast audit, as `candor audit forecast` gives it.

use super::{read, today, Response};
use crate::core::metrics::{ceiling, forecast};
use crate::report::audit::{forecast as render, Currency};
use crate::serve::app::App;
use crate::serve::web::layout::{doc, page};
use crate::serve::web::session::Viewer;
use axum::extract::State;
use axum::response::IntoResponse;
use std::sync::Arc;

pub async fn forecast_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    let at = today(&app);
    let d = read(&app, &viewer, |s| {
        let a = forecast::audit(s, forecast::Options::default());
        let c = ceiling::ceiling(s, at);
        render::doc(&a, &c, Currency { code: &s.info().currency, exponent: s.exponent() })
    });
    match d {
        Ok(d) => page(&viewer, "Forecast audit", "/audit/forecast", doc(&d)).into_response(),
        Err(r) => *r,
    }
}
