//! The JSON API the command line speaks (`--remote`): the head, the
//! records after a seq, and signed writes. Every request is signed by a
//! member's key; every error is JSON.

use super::app::App;
use super::body;
use super::error::ApiError;
use crate::remote::protocol::{AppendReply, AppendRequest, HeadReply, RecordsReply, WireHead, API, PAGE};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route(&format!("{API}/head"), get(head))
        .route(&format!("{API}/records"), get(records))
        .route(&format!("{API}/append"), post(append))
        .fallback(not_found)
}

async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(format!("no such page: {}", req.uri().path()))
}

/// Reads the body (bounded in size and time) and checks the signature.
async fn signed(app: &App, req: Request) -> Result<(String, Vec<u8>, String), ApiError> {
    let method = req.method().clone();
    let path = req.uri().path_and_query().map_or_else(|| req.uri().path().to_string(), |p| p.to_string());
    let headers = req.headers().clone();
    app.precheck(&headers)?;
    body::check_length(&headers, body::API_LIMIT)?;
    let bytes = body::read(req.into_body(), body::API_LIMIT).await?;
    let member = app.authenticate(&headers, method.as_str(), &path, &bytes)?;
    Ok((member, bytes, path))
}

async fn head(State(app): State<Arc<App>>, req: Request) -> Response {
    if let Err(e) = signed(&app, req).await {
        return e.into_response();
    }
    Json(HeadReply {
        head: app.head().map(WireHead::of),
        now: app.now().to_string(),
        allow_client_clock: app.allow_client_clock,
    })
    .into_response()
}

async fn records(State(app): State<Arc<App>>, req: Request) -> Response {
    let (_, _, path) = match signed(&app, req).await {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let after = match query_u64(&path, "after") {
        Ok(a) => a.unwrap_or(0),
        Err(e) => return e.into_response(),
    };
    let app2 = app.clone();
    let read = tokio::task::spawn_blocking(move || {
        let mut tries = 0;
        loop {
            match app2.records(after, PAGE) {
                Err(e) if e.body.error == "retry" && tries < 3 => tries += 1,
                other => return other,
            }
        }
    })
    .await;
    match read {
        Ok(Ok((head, records))) => {
            Json(RecordsReply { head: head.map(WireHead::of), records }).into_response()
        }
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}

async fn append(State(app): State<Arc<App>>, req: Request) -> Response {
    if req.method() != Method::POST {
        return ApiError::bad_request("method", "POST a write").into_response();
    }
    let (_, bytes, _) = match signed(&app, req).await {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let request: AppendRequest = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            return ApiError::bad_request("body", format!("not an append request: {e}")).into_response();
        }
    };
    let app2 = app.clone();
    match tokio::task::spawn_blocking(move || app2.append(request)).await {
        Ok(Ok(digests)) => {
            Json(AppendReply { appended: digests.into_iter().map(WireHead::of).collect() }).into_response()
        }
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}

/// One unsigned integer from the query string.
fn query_u64(path_and_query: &str, name: &str) -> Result<Option<u64>, ApiError> {
    let Some((_, query)) = path_and_query.split_once('?') else { return Ok(None) };
    for pair in query.split('&') {
        if let Some(v) = pair.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            return v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::bad_request("query", format!("{name}: expected a whole number")));
        }
    }
    Ok(None)
}
