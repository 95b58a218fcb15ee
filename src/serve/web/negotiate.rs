//! What every web answer carries: `Cache-Control: no-store` (pages hold a
//! CSRF token and, after a debrief, evidence), and for a refusal, JSON to a
//! client that did not ask for HTML — the same `{error, message}` body the
//! API answers with — while a browser gets the readable page.

use crate::remote::protocol::ErrorReply;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Marks a refusal page with the reason a JSON client is given.
pub fn with_reason(mut response: Response, error: &str, message: &str) -> Response {
    response.extensions_mut().insert(ErrorReply {
        error: error.into(),
        message: message.into(),
        field: None,
        seq: None,
        head: None,
    });
    response
}

/// A reason word for a status whose page named none.
pub fn reason_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 415 | 422 => "bad_request",
        403 => "forbidden",
        404 => "not_found",
        405 => "method",
        408 => "timeout",
        410 => "gone",
        413 => "too_large",
        _ => "server",
    }
}

pub async fn negotiate(request: Request, next: Next) -> Response {
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let status = response.status();
    if wants_html || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if is_json {
        return response;
    }
    let body = response.extensions().get::<ErrorReply>().cloned().unwrap_or_else(|| ErrorReply {
        error: reason_of(status).into(),
        message: status.canonical_reason().unwrap_or("refused").to_lowercase(),
        field: None,
        seq: None,
        head: None,
    });
    let mut json = (status, Json(body)).into_response();
    json.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    json
}
