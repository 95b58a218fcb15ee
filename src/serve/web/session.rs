//! Who is signed in: a session cookie (HttpOnly, SameSite=Strict, Secure
//! under TLS) set by a one-time login link, and the CSRF token every form
//! of that session carries.

use crate::core::Timestamp;
pub use crate::serve::app::machine_now;
use crate::serve::app::App;
use crate::serve::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const COOKIE: &str = "candor_session";
/// How long a web session lasts.
pub const SESSION_MICROS: i64 = 12 * 3600 * 1_000_000;

/// A signed-in member, as a handler sees them.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub member: String,
    /// The token every form of this session must post back.
    pub csrf: String,
}

#[derive(Clone, Debug)]
struct Entry {
    member: String,
    csrf: String,
    expires: Timestamp,
}

/// Sessions live in the server's memory: a restart signs everyone out.
#[derive(Default)]
pub struct Sessions {
    inner: Mutex<HashMap<String, Entry>>,
}

impl Sessions {
    /// Starts a session for `member`; returns the cookie value.
    pub fn start(&self, member: &str, now: Timestamp) -> crate::Result<String> {
        let id = random_token()?;
        let csrf = random_token()?;
        let entry = Entry {
            member: member.into(),
            csrf,
            expires: Timestamp::from_micros(now.micros() + SESSION_MICROS),
        };
        self.lock().insert(id.clone(), entry);
        Ok(id)
    }

    pub fn end(&self, id: &str) {
        self.lock().remove(id);
    }

    fn get(&self, id: &str, now: Timestamp) -> Option<Viewer> {
        let mut map = self.lock();
        match map.get(id) {
            Some(e) if e.expires > now => Some(Viewer { member: e.member.clone(), csrf: e.csrf.clone() }),
            Some(_) => {
                map.remove(id);
                None
            }
            None => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// 32 random bytes, hex.
pub fn random_token() -> crate::Result<String> {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).map_err(|e| crate::Error::Usage(format!("no randomness: {e}")))?;
    Ok(crate::core::Hash32(b).to_hex())
}

/// The session id in the request's cookies, if any.
pub fn cookie_value(parts: &Parts) -> Option<String> {
    cookie_in(&parts.headers)
}

/// The session id in these headers' cookies, if any.
pub fn cookie_in(headers: &axum::http::HeaderMap) -> Option<String> {
    headers.get_all(axum::http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        v.split(';').find_map(|c| c.trim().strip_prefix(&format!("{COOKIE}=")).map(str::to_string))
    })
}

impl FromRequestParts<Arc<App>> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Viewer, Response> {
        let now = machine_now();
        let viewer = cookie_value(parts).and_then(|id| app.web.sessions.get(&id, now));
        // A member removed since signing in is signed out.
        match viewer {
            Some(v) if app.members().get(&v.member).is_some_and(|m| m.is_active()) => Ok(v),
            _ => Err(Redirect::to("/signin").into_response()),
        }
    }
}

/// Refuses a form post whose CSRF token is not the session's.
pub fn check_csrf(viewer: &Viewer, token: Option<&str>) -> Result<(), ApiError> {
    match token {
        Some(t) if constant_time_eq(t.as_bytes(), viewer.csrf.as_bytes()) => Ok(()),
        _ => Err(ApiError::forbidden(
            "csrf",
            "the form's CSRF token is missing or wrong; reload the page and submit it again",
        )),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
