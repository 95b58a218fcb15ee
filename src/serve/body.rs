//! Request bodies: read whole, but never more than a limit and never
//! slower than a deadline, so a large or slow client gets a 4xx instead
//! of holding the server.

use super::error::ApiError;
use axum::body::Body;
use axum::http::StatusCode;
use http_body_util::BodyExt;
use std::time::Duration;

/// A write of a few thousand records fits well inside this.
pub const API_LIMIT: usize = 8 << 20;
/// A web form (a score with its notes).
pub const FORM_LIMIT: usize = 256 << 10;
/// The longest a client may take to send its body.
pub const BODY_DEADLINE: Duration = Duration::from_secs(10);

/// Refuses a body whose announced length is over `limit` before reading it.
pub fn check_length(headers: &axum::http::HeaderMap, limit: usize) -> Result<(), ApiError> {
    let announced = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match announced {
        Some(n) if n > limit as u64 => {
            Err(ApiError::too_large(format!("the request body is over the {} KiB allowed", limit >> 10)))
        }
        _ => Ok(()),
    }
}

pub async fn read(body: Body, limit: usize) -> Result<Vec<u8>, ApiError> {
    let limited = http_body_util::Limited::new(body, limit);
    match tokio::time::timeout(BODY_DEADLINE, limited.collect()).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            format!("the request body did not arrive within {} seconds", BODY_DEADLINE.as_secs()),
        )),
        Ok(Err(e)) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            Err(ApiError::too_large(format!("the request body is over the {} KiB allowed", limit >> 10)))
        }
        Ok(Err(e)) => Err(ApiError::bad_request("body", format!("the request body could not be read: {e}"))),
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
    }
}
