//! The page around every page: one inline stylesheet (the brief's, plus a
//! few rules for navigation and forms), the navigation, who is signed in
//! and the sign-out form.

use super::session::Viewer;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const WEB_STYLE: &str = include_str!("web.css");

/// The pages in the navigation: (path, label).
const NAV: [(&str, &str); 7] = [
    ("/", "Trust"),
    ("/brief", "Brief"),
    ("/audit/forecast", "Forecast audit"),
    ("/commitments", "Commitments"),
    ("/deals", "Deals"),
    ("/members", "Members"),
    ("/hire", "Hiring"),
];

/// A whole page for a signed-in member; `here` is the navigation entry
/// it belongs to.
pub fn page(viewer: &Viewer, title: &str, here: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                a.skip href="#content" { "Skip to the content" }
                header.top {
                    div.bar {
                        nav aria-label="Pages" {
                            @for (path, label) in NAV {
                                @if path == here {
                                    a href=(path) aria-current="page" { (label) }
                                } @else {
                                    a href=(path) { (label) }
                                }
                            }
                        }
                        div.who {
                            span { "Signed in as " strong #signed-in { (viewer.member) } }
                            form method="post" action="/signout" {
                                input type="hidden" name="csrf" value=(viewer.csrf);
                                button.quiet type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main #content { (body) }
            }
        }
    }
}

/// A page that says what went wrong, with the status it goes with.
pub fn error_page(status: StatusCode, viewer: Option<&Viewer>, title: &str, message: &str) -> Response {
    let body = html! {
        h1 { (title) }
        p.form-error role="alert" { (message) }
        p { a href="/" { "Back to the trust dashboard" } }
    };
    let markup = match viewer {
        Some(v) => page(v, title, "", body),
        None => bare(title, body),
    };
    super::negotiate::with_reason(
        (status, markup).into_response(),
        super::negotiate::reason_of(status),
        message,
    )
}

/// Every page's head: the title, a phone-sized viewport, the one stylesheet.
fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " — candor" }
            style { (PreEscaped(crate::report::brief::html::STYLE)) (PreEscaped(WEB_STYLE)) }
        }
    }
}

/// A page for someone not signed in.
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body { main #content { (body) } }
        }
    }
}

/// A report document (the same `Doc` the terminal and Markdown show) as
/// HTML; every piece of text in it is escaped by `Block::html`.
pub fn doc(d: &crate::report::doc::Doc) -> Markup {
    use crate::report::doc::Block;
    // A card per heading, as the brief's sections are.
    let mut groups: Vec<Vec<&Block>> = vec![Vec::new()];
    for block in &d.blocks {
        if matches!(block, Block::Heading(_)) && groups.last().is_some_and(|g| !g.is_empty()) {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut() {
            g.push(block);
        }
    }
    html! {
        h1 { (d.title) }
        @for group in groups.iter().filter(|g| !g.is_empty()) {
            section {
                @for block in group {
                    @match block {
                        Block::Table { .. } => div.table-wrap { (PreEscaped(block.html())) },
                        _ => (PreEscaped(block.html())),
                    }
                }
            }
        }
    }
}

/// A status word from the thresholds as a class and a label, so the
/// colour is never the only sign (the trust renderer's own pill).
pub fn status(status: &str) -> Markup {
    PreEscaped(crate::report::trust_html::status(status))
}
