//! `/`: the trust dashboard, and `/brief`: the weekly brief with the trust
//! signals — the values `candor trust` and `candor brief` render.

use super::{read, today, Response};
use crate::core::brief::{brief, window, Brief};
use crate::core::metrics::dashboard::{dashboard, Signal};
use crate::core::time::Date;
use crate::report::audit::Currency;
use crate::report::trust::{explanation, show, threshold_text, trend_line};
use crate::serve::app::App;
use crate::serve::web::layout::{error_page, page, status};
use crate::serve::web::session::Viewer;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use maud::{html, Markup, PreEscaped};
use std::sync::Arc;

/// Every signal as a card: value, status (a colour and its word), the
/// threshold, the trend and the record that most explains it.
pub fn signals(signals: &[Signal], cur: Currency) -> Markup {
    html! {
        div.signals {
            @for s in signals {
                @let class = if matches!(s.status, "green" | "amber" | "red") { s.status } else { "na" };
                article class={ "signal " (class) } aria-labelledby={ "signal-" (s.key) } {
                    h2 id={ "signal-" (s.key) } { span { (s.title) } (status(s.status)) }
                    div.value { (show(s.value, s.unit, cur)) }
                    p.measure { (s.measure) }
                    p.measure { "Threshold: " (threshold_text(s, cur)) }
                    p.trend {
                        span.spark aria-hidden="true" { (trend_line(&s.trend)) }
                        " " (s.trend_of)
                    }
                    @if let Some(why) = explanation(s) {
                        p.why { "Most explained by " (why) }
                    }
                }
            }
        }
    }
}

pub fn dashboard_body(list: &[Signal], at: Date, company: &str, cur: Currency) -> Markup {
    html! {
        h1 { "Trust dashboard — " (company) }
        p.lead {
            "As of " (at) ". Each signal stands on its own: value, status, threshold, trend, and the record that most \
             explains it. " code { "candor audit" } " shows the arithmetic."
        }
        (signals(list, cur))
    }
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
/// then the trust signals.
pub fn brief_body(b: &Brief, list: &[Signal], cur: Currency) -> Markup {
    html! {
        (PreEscaped(crate::report::brief::html::body(b)))
        section #trust {
            h2 { "Trust signals" }
            (signals(list, cur))
        }
    }
}

pub async fn brief_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    let at = today(&app);
    let computed = read(&app, &viewer, |s| {
        let w = window(s, None, None, Some(at), at)?;
        Ok::<_, crate::Error>((brief(s, w.period, w.since, w.until), dashboard(s, at)))
    });
    match computed {
        Ok(Ok((b, list))) => {
            let cur = Currency { code: &b.currency, exponent: b.exponent };
            page(&viewer, "Weekly brief", "/brief", brief_body(&b, &list, cur)).into_response()
        }
        Ok(Err(e)) => error_page(StatusCode::UNPROCESSABLE_ENTITY, Some(&viewer), "No brief", &e.to_string()),
        Err(r) => *r,
    }
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
