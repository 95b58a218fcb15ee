//! Every refusal the server gives: a 4xx (or 5xx) status with a JSON body
//! naming the reason (`protocol::ErrorReply`). The head never moves on one.

use crate::ledger::accept::Refusal;
use crate::ledger::Digest;
use crate::remote::protocol::{ErrorReply, WireHead};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Box<ErrorReply>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: Box::new(ErrorReply {
                error: error.into(),
                message: message.into(),
                field: None,
                seq: None,
                head: None,
            }),
        }
    }

    fn at(mut self, seq: u64) -> ApiError {
        self.body.seq = Some(seq);
        self
    }

    pub fn bad_request(error: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, error, message)
    }

    pub fn bad_request_at(error: &str, seq: u64, message: impl Into<String>) -> ApiError {
        ApiError::bad_request(error, message).at(seq)
    }

    pub fn unauthorized(error: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, error, message)
    }

    pub fn unauthorized_at(error: &str, seq: u64, message: impl Into<String>) -> ApiError {
        ApiError::unauthorized(error, message).at(seq)
    }

    pub fn forbidden(error: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, error, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    pub fn unavailable(error: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, error, message)
    }

    pub fn conflict(error: &str, message: impl Into<String>, head: Option<Digest>) -> ApiError {
        let mut e = ApiError::new(StatusCode::CONFLICT, error, message);
        e.body.head = head.map(WireHead::of);
        e
    }

    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "server", format!("the server failed: {e}"))
    }

    /// A record the rules refuse: a bad signature or a missing right is
    /// 403, anything else about the record is 400.
    pub fn refused(r: Refusal) -> ApiError {
        let status = match r.reason {
            "signature" | "right" => StatusCode::FORBIDDEN,
            _ => StatusCode::BAD_REQUEST,
        };
        let mut e = ApiError::new(status, r.reason, r.message).at(r.seq);
        e.body.field = Some(format!("record {}", r.seq));
        e
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(*self.body)).into_response()
    }
}
