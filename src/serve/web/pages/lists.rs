//! `/commitments` (the owner marks one done), `/deals`, `/members`: the
//! rows `candor commitment list`, `deal list` and `member list` print.

use super::{api_error_page, read, today, CsrfForm, Response};
use crate::core::decide::commitment as decide;
use crate::core::state::Commitment;
use crate::core::time::Date;
use crate::report::doc::Block;
use crate::report::lists;
use crate::serve::app::App;
use crate::serve::web::layout::page;
use crate::serve::web::session::{check_csrf, Viewer};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use maud::{html, Markup, PreEscaped};
use std::sync::Arc;

/// A table of plain cells, as the brief's tables are drawn (numbers and
/// dates aligned; every cell escaped by `Block::html`).
fn table(headers: &[&str], rows: &[Vec<String>]) -> Markup {
    let block =
        Block::Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows: rows.to_vec() };
    html! { div.table-wrap { (PreEscaped(block.html())) } }
}

/// One commitment as listed, and whether the viewer may mark it done.
pub struct CommitmentLine {
    pub id: String,
    pub cells: Vec<String>,
    pub open: bool,
    pub mine: bool,
}

pub fn commitment_lines<'a>(
    all: impl Iterator<Item = &'a Commitment>,
    member: &str,
    today: Date,
) -> Vec<CommitmentLine> {
    all.map(|c| CommitmentLine {
        id: c.id.clone(),
        cells: lists::commitment_cells(c, today),
        open: lists::commitment_can_be_done(c),
        mine: c.owner == member,
    })
    .collect()
}

pub fn commitments_body(lines: &[CommitmentLine], csrf: &str) -> Markup {
    let (open, closed): (Vec<&CommitmentLine>, Vec<&CommitmentLine>) = lines.iter().partition(|l| l.open);
    let closed_rows: Vec<Vec<String>> = closed.iter().map(|l| l.cells.clone()).collect();
    html! {
        h1 { "Commitments" }
        p.lead { "Who said they would do what, by when — and whether they did. Only a commitment's owner marks it done." }
        section aria-labelledby="open-h" {
            h2 #open-h { "Open" }
            @if open.is_empty() {
                p.none { "(none)" }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            @for h in lists::COMMITMENT_HEADERS { th scope="col" { (h) } }
                            th scope="col" { span.skip { "action" } }
                        } }
                        tbody { @for l in &open { tr {
                            @for c in &l.cells { td { (c) } }
                            td {
                                @if l.mine {
                                    form method="post" action={ "/commitments/" (l.id) "/done" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button.small type="submit" aria-label={ "Mark " (l.id) " done" } { "Mark done" }
                                    }
                                }
                            }
                        } } }
                    }
                }
            }
        }
        section aria-labelledby="closed-h" {
            h2 #closed-h { "Closed" }
            (table(&lists::COMMITMENT_HEADERS, &closed_rows))
        }
    }
}

pub async fn commitments_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    let at = today(&app);
    match read(&app, &viewer, |s| commitment_lines(s.commitments.values(), &viewer.member, at)) {
        Ok(lines) => page(&viewer, "Commitments", "/commitments", commitments_body(&lines, &viewer.csrf))
            .into_response(),
        Err(r) => *r,
    }
}

/// The owner marks a commitment done: the same decision `candor
/// commitment done ID` makes, recorded through the web.
pub async fn commitment_done(
    viewer: Viewer,
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = check_csrf(&viewer, form.csrf.as_deref()) {
        return api_error_page(&viewer, e);
    }
    let at = today(&app);
    match app.record_web(&viewer.member, |state| decide::done(state, &id, None, at).map(|e| vec![e])) {
        Ok(_) => Redirect::to("/commitments").into_response(),
        Err(e) => api_error_page(&viewer, e),
    }
}

pub fn deals_body(rows: &[Vec<String>], currency: &str) -> Markup {
    html! {
        h1 { "Deals" }
        p.lead { "Every deal's current terms, open and closed. Amounts in " (currency) "." }
        section { (table(&lists::DEAL_HEADERS, rows)) }
    }
}

pub async fn deals_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    let at = today(&app);
    let computed = read(&app, &viewer, |s| {
        let rows: Vec<Vec<String>> = s.deals.values().map(|d| lists::deal_cells(s, d, at)).collect();
        (rows, s.info().currency.clone())
    });
    match computed {
        Ok((rows, currency)) => {
            page(&viewer, "Deals", "/deals", deals_body(&rows, &currency)).into_response()
        }
        Err(r) => *r,
    }
}

pub fn members_body(rows: &[Vec<String>]) -> Markup {
    html! {
        h1 { "Members" }
        p.lead { "The people of this ledger, their roles and the keys that sign for them." }
        section { (table(&lists::MEMBER_HEADERS, rows)) }
    }
}

pub async fn members_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    // The server's keys are not anyone's machine: no key is marked "here".
    match read(&app, &viewer, |s| lists::member_cells(&lists::members_json(&s.members, &[]))) {
        Ok(rows) => page(&viewer, "Members", "/members", members_body(&rows)).into_response(),
        Err(r) => *r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, open: bool, mine: bool) -> CommitmentLine {
        CommitmentLine { id: id.into(), cells: vec![id.into(), "x".into()], open, mine }
    }

    #[test]
    fn only_the_owner_of_an_open_commitment_gets_a_mark_done_button_with_the_token() {
        let html = commitments_body(
            &[line("C-1", true, true), line("C-2", true, false), line("C-3", false, true)],
            "tok",
        )
        .into_string();
        assert!(html.contains("action=\"/commitments/C-1/done\""), "{html}");
        assert!(!html.contains("/commitments/C-2/done") && !html.contains("/commitments/C-3/done"), "{html}");
        assert_eq!(html.matches("name=\"csrf\" value=\"tok\"").count(), 1);
    }

    #[test]
    fn cells_are_escaped() {
        let html = deals_body(&[vec!["<b>D-1</b>".into()]], "EUR").into_string();
        assert!(html.contains("&lt;b&gt;D-1") && !html.contains("<b>D-1"), "{html}");
    }
}
