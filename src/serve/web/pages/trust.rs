//! `/`: the trust dashboard, and `/brief`: the weekly brief with the trust
//! signals — the values `candor trust` and `candor brief` render.

use super::{read, today, Response};
use crate::core::brief::{brief, window, Brief};
use crate::core::metrics::dashboard::{dashboard, Signal};
use crate::core::time::Date;
use crate::core::AsOf;
use crate::report::audit::Currency;
use crate::report::brief::change;
use crate::report::brief::html::{body, Extras};
use crate::report::trust_html;
use crate::serve::app::App;
use crate::serve::web::layout::{error_page, page};
use crate::serve::web::session::Viewer;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use maud::{Markup, PreEscaped};
use std::sync::Arc;

/// The dashboard: the same renderer as `candor trust --format html`.
pub fn dashboard_body(list: &[Signal], at: Date, company: &str, cur: Currency) -> Markup {
    PreEscaped(trust_html::body(list, at, company, cur))
}

pub async fn dashboard_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    let at = today(&app);
    let computed = read(&app, &viewer, |s| {
        (dashboard(s, at), s.info().company.clone(), s.info().currency.clone(), s.exponent())
    });
    match computed {
        Ok((list, company, code, exponent)) => {
            let body = dashboard_body(&list, at, &company, Currency { code: &code, exponent });
            page(&viewer, "Trust dashboard", "/", body).into_response()
        }
        Err(r) => *r,
    }
}

/// The HTML brief (the same renderer as `candor brief --format html`),
/// with its trust section and the change on each card since last week.
pub fn brief_body(b: &Brief, extras: &Extras) -> Markup {
    PreEscaped(body(b, extras))
}

pub async fn brief_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    let at = today(&app);
    let computed = read(&app, &viewer, |s| {
        let w = window(s, None, None, Some(at), at)?;
        Ok::<_, crate::Error>((brief(s, w.period, w.since, w.until), dashboard(s, at)))
    });
    match computed {
        Ok(Ok((b, list))) => {
            let earlier = last_week(&app, &b);
            let extras = Extras { last_week: earlier.as_ref(), trust: &list };
            page(&viewer, "Weekly brief", "/brief", brief_body(&b, &extras)).into_response()
        }
        Ok(Err(e)) => error_page(StatusCode::UNPROCESSABLE_ENTITY, Some(&viewer), "No brief", &e.to_string()),
        Err(r) => *r,
    }
}

/// The same brief as the record stood a week before its end, or None
/// before the ledger's opening (the cards then say so).
fn last_week(app: &App, b: &Brief) -> Option<Brief> {
    let then = crate::ledger::replay::state(&app.ledger, Some(AsOf::Date(change::week_before(b)))).ok()?;
    change::last_week(&then, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, state_with};

    #[test]
    fn every_signal_shows_its_status_in_words_not_colour_alone() {
        let s = state_with(vec![]);
        let list = dashboard(&s, d("2026-01-05"));
        let html = dashboard_body(&list, d("2026-01-05"), "Acme", Currency { code: "USD", exponent: 2 })
            .into_string();
        for signal in &list {
            assert!(html.contains(signal.title), "{}", signal.title);
        }
        let worded = ["green: on track", "amber: watch", "red: off track", "no threshold"];
        assert_eq!(worded.iter().map(|w| html.matches(w).count()).sum::<usize>(), list.len(), "{html}");
    }
}
