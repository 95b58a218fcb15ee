//! Sign-in by a one-time login link (`candor member login-link`), and
//! sign-out. Opening a link shows a button; only the button's POST takes
//! the link, so a link-preview bot fetching it does not use it up.

use super::session::{self, machine_now, Viewer, COOKIE, SESSION_MICROS};
use crate::identity::login_link::{LoginLink, MAX_LIFETIME_MICROS};
use crate::serve::app::App;
use crate::serve::error::ApiError;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use maud::{html, Markup};
use std::collections::HashMap;
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/signin", get(how_to_sign_in))
        .route("/signin/{token}", get(confirm).post(sign_in))
        .route("/signout", get(confirm_sign_out).post(sign_out))
}

/// Why a link does not sign anyone in; the status a browser is shown.
#[derive(Debug)]
pub struct LinkRefused {
    pub status: StatusCode,
    pub message: String,
}

impl LinkRefused {
    fn new(status: StatusCode, message: impl Into<String>) -> LinkRefused {
        LinkRefused { status, message: message.into() }
    }
}

impl App {
    /// Who a login link signs in, judged on the ledger at the head: its
    /// signature, its issuer's key (registered to a current member), the
    /// issuer's right to sign this member in, the member, and its expiry.
    /// Does not use the link up.
    pub fn check_login_link(&self, token: &str) -> Result<LoginLink, LinkRefused> {
        let link =
            LoginLink::verify(token).map_err(|e| LinkRefused::new(StatusCode::BAD_REQUEST, e.to_string()))?;
        // The issuing command caps a link's life; a hand-made one is held
        // to the same cap here.
        if link.expires.micros().saturating_sub(machine_now().micros()) > MAX_LIFETIME_MICROS {
            return Err(LinkRefused::new(
                StatusCode::BAD_REQUEST,
                "this login link is valid for longer than the 7 days a link may be; ask for a new one",
            ));
        }
        if link.expired(machine_now()) {
            return Err(LinkRefused::new(
                StatusCode::GONE,
                format!("this login link expired at {}; ask for a new one", link.expires),
            ));
        }
        let issuer = self.member_of_key(&link.issuer).ok_or_else(|| {
            LinkRefused::new(
                StatusCode::FORBIDDEN,
                format!("this login link was signed by {}, which is not a current member's key", link.issuer),
            )
        })?;
        self.with_state(|s| crate::core::rights::check_login_link(&s.members, &issuer, &link.member))
            .map_err(|e| LinkRefused::new(StatusCode::FORBIDDEN, e.to_string()))?;
        Ok(link)
    }

    /// Whether the link can still be used: the landing page says so
    /// before anyone presses the button.
    pub fn login_link_fresh(&self, token: &str) -> Result<LoginLink, LinkRefused> {
        let link = self.check_login_link(token)?;
        if self.used_links.as_ref().is_some_and(|u| u.was_taken(&link.nonce_hex())) {
            return Err(used_up());
        }
        Ok(link)
    }

    /// Checks a login link and takes it: true once, never again (the
    /// server remembers it across restarts). Returns the member signed in.
    pub fn use_login_link(&self, token: &str) -> Result<String, LinkRefused> {
        let link = self.check_login_link(token)?;
        let used = self.used_links.as_ref().ok_or_else(|| {
            LinkRefused::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "this server takes no login links (it has no key store)",
            )
        })?;
        match used.take(&link.nonce_hex()) {
            Ok(true) => Ok(link.member),
            Ok(false) => Err(used_up()),
            Err(e) => Err(LinkRefused::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("cannot record the link's use: {e}"),
            )),
        }
    }
}

fn used_up() -> LinkRefused {
    LinkRefused::new(
        StatusCode::GONE,
        "this login link was already used; a link signs in once — ask for a new one",
    )
}

async fn how_to_sign_in() -> Markup {
    page(
        "Sign in",
        html! {
            h1 { "Sign in to candor" }
            p { "You sign in with a one-time link. Ask your CEO for one, or make one for yourself on a machine that holds your key:" }
            pre { code { "candor --remote URL member login-link --name \"Your Name\"" } }
            p { "A link works once and expires (24 hours unless it says otherwise)." }
        },
    )
}

/// The link's landing page: who it signs in, and a button (POST).
async fn confirm(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    match app.login_link_fresh(&token) {
        Ok(link) => page(
            "Sign in",
            html! {
                h1 { "Sign in to candor" }
                form method="post" action={ "/signin/" (token) } {
                    button type="submit" { "Sign in as " (link.member) }
                }
                p { "This link works once." }
            },
        )
        .into_response(),
        Err(refused) => refused_page(refused),
    }
}

async fn sign_in(State(app): State<Arc<App>>, Path(token): Path<String>, headers: HeaderMap) -> Response {
    // Another site's page must not sign this browser in as someone else
    // (login CSRF): browsers say where a form post comes from.
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()).unwrap_or("none");
    if !matches!(site, "same-origin" | "none") {
        return refused_page(LinkRefused::new(
            StatusCode::FORBIDDEN,
            "a sign-in must come from this server's own page; open the link itself",
        ));
    }
    let member = match app.use_login_link(&token) {
        Ok(m) => m,
        Err(refused) => return refused_page(refused),
    };
    let id = match app.web.sessions.start(&member, machine_now()) {
        Ok(id) => id,
        Err(e) => return ApiError::internal(e).into_response(),
    };
    let cookie = format!(
        "{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}",
        SESSION_MICROS / 1_000_000,
        if app.web.tls { "; Secure" } else { "" }
    );
    see_other("/", &cookie)
}

/// A page with the sign-out button (every page may carry the same form).
async fn confirm_sign_out(viewer: Viewer) -> Markup {
    page(
        "Sign out",
        html! {
            h1 { "Sign out" }
            p { "Signed in as " (viewer.member) "." }
            (sign_out_form(&viewer))
        },
    )
}

/// The sign-out form, with the session's CSRF token.
pub fn sign_out_form(viewer: &Viewer) -> Markup {
    html! {
        form method="post" action="/signout" {
            input type="hidden" name="csrf" value=(viewer.csrf);
            button type="submit" { "Sign out" }
        }
    }
}

async fn sign_out(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    // A post that is not a form carries no token: refused as one without it.
    let token = form.as_ref().ok().and_then(|Form(f)| f.get("csrf")).map(String::as_str);
    if let Err(e) = session::check_csrf(&viewer, token) {
        return e.into_response();
    }
    if let Some(id) = session::cookie_in(&headers) {
        app.web.sessions.end(&id);
    }
    let secure = if app.web.tls { "; Secure" } else { "" };
    see_other("/signin", &format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"))
}

fn see_other(to: &'static str, cookie: &str) -> Response {
    let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

fn refused_page(refused: LinkRefused) -> Response {
    let body = page(
        "Not signed in",
        html! {
            h1 { "This link does not sign you in" }
            p { (refused.message) }
            p { a href="/signin" { "How to get a login link" } }
        },
    );
    let reason = super::negotiate::reason_of(refused.status);
    super::negotiate::with_reason((refused.status, body).into_response(), reason, &refused.message)
}

/// The sign-in pages: the pages' own look, for someone not signed in.
fn page(title: &str, body: Markup) -> Markup {
    super::layout::bare(title, body)
}
