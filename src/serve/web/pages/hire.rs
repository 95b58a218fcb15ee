//! Hiring: `/hire` the candidates; `/hire/{candidate}` — the scoring form
//! for a panelist who has not scored, the blind report before the debrief
//! (who has scored, never what), the CEO's "Open debrief" button, and the
//! full report after it (the value `candor hire report` renders).

use super::score_form::{self, Entered, Problems};
use super::{api_error_page, csrf_of, not_found, read, today, CsrfForm, Response};
use crate::core::decide::hire::{find, template_for};
use crate::core::hiring::report::{report, CandidateView, Report, Status};
use crate::core::hiring::{Hiring, Template};
use crate::core::member::Role;
use crate::core::state::State as Ledger;
use crate::report::doc::Doc;
use crate::serve::app::App;
use crate::serve::web::layout::{doc, page};
use crate::serve::web::session::{check_csrf, Viewer};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use maud::{html, Markup};
use std::sync::Arc;

/// A candidate's status in words, blind before the debrief.
fn progress(c: &CandidateView) -> String {
    if let Some(d) = &c.decision {
        return format!("decided: {} (#{})", d.decision, d.seq);
    }
    match c.debrief {
        Some(seq) => format!("debrief open (#{seq})"),
        None => {
            let done = c.panelists.iter().filter(|p| p.status != Status::Missing).count();
            format!("blind — {done} of {} scored", c.panelists.len())
        }
    }
}

pub fn candidates_body(r: &Report, viewer: &str) -> Markup {
    html! {
        h1 { "Hiring" }
        p.lead { "Scores are sealed until the CEO opens a candidate's debrief; until then each page shows who has scored, never what." }
        section {
            @if r.candidates.is_empty() {
                p.none { "(no candidates yet)" }
            } @else {
                div.table-wrap { table {
                    thead { tr { th scope="col" { "candidate" } th scope="col" { "name" } th scope="col" { "status" } th scope="col" { "you" } } }
                    tbody { @for c in &r.candidates { tr {
                        td { a href={ "/hire/" (c.id) } { (c.id) } }
                        td { (c.name) }
                        td { (progress(c)) }
                        td { (yours(c, viewer)) }
                    } } }
                } }
            }
        }
    }
}

/// The viewer's own part for a candidate.
fn yours(c: &CandidateView, viewer: &str) -> &'static str {
    match c.panelists.iter().find(|p| p.name == viewer) {
        None => "",
        Some(p) if p.status != Status::Missing => "scored",
        Some(_) if c.blind() && c.decision.is_none() => "to score",
        Some(_) => "not scored",
    }
}

pub async fn candidates_page(viewer: Viewer, State(app): State<Arc<App>>) -> Response {
    match read(&app, &viewer, |s| report(&Hiring::of(s))) {
        Ok(r) => page(&viewer, "Hiring", "/hire", candidates_body(&r, &viewer.member)).into_response(),
        Err(r) => *r,
    }
}

/// What one candidate's page is built from, computed at the head.
pub struct CandidateFacts {
    pub view: CandidateView,
    /// The template a new score is given on.
    pub template: Template,
    /// The viewer may score now: on the panel, not scored, blind, undecided.
    pub may_score: bool,
    pub viewer_scored: Option<u64>,
    pub is_ceo: bool,
    /// The full report (`candor hire report --candidate`), once the debrief is open.
    pub full: Option<Doc>,
}

/// None when there is no such candidate.
pub fn facts(
    s: &Ledger,
    candidate: &str,
    viewer: &str,
    at: crate::core::time::Date,
) -> Option<CandidateFacts> {
    let h = Hiring::of(s);
    let id = find(&h, candidate, "candidate").ok()?.id.clone();
    let r = report(&h);
    let view = r.candidates.iter().find(|c| c.id == id)?.clone();
    let mine = view.panelists.iter().find(|p| p.name == viewer);
    let viewer_scored = mine.filter(|p| p.status != Status::Missing).and_then(|p| p.seq);
    let may_score =
        mine.is_some_and(|p| p.status == Status::Missing) && view.blind() && view.decision.is_none();
    let is_ceo = s.members.by_name.get(viewer).is_some_and(|m| m.roles.contains(&Role::Ceo));
    let full = (!view.blind()).then(|| crate::report::hire::doc(&r, at, &s.info().company, Some(&id)));
    Some(CandidateFacts { template: template_for(&h, &id).1, view, may_score, viewer_scored, is_ceo, full })
}

pub fn candidate_body(f: &CandidateFacts, csrf: &str, entered: &Entered, problems: &Problems) -> Markup {
    let c = &f.view;
    html! {
        @if let Some(full) = &f.full {
            (doc(full))
        } @else {
            h1 { (c.id) " — " (c.name) }
            p.lead { (progress(c)) }
            @if f.may_score {
                section aria-labelledby="score-h" {
                    h2 #score-h { "Your score" }
                    (score_form::form(&c.id, &f.template, csrf, entered, problems))
                }
            } @else if let Some(seq) = f.viewer_scored {
                p.notice role="status" { "Your score is sealed in record #" (seq) ". Nobody reads it until the debrief opens." }
            }
            section aria-labelledby="blind-h" {
                h2 #blind-h { "Blind until the debrief" }
                p { "Who has scored — never what. The ratings, evidence and recommendations are revealed when the CEO opens the debrief." }
                div.table-wrap { table {
                    thead { tr { th scope="col" { "panelist" } th scope="col" { "status" } th scope="col" { "record" } } }
                    tbody { @for p in &c.panelists { tr {
                        td { (p.name) }
                        td { (match p.status { Status::Missing => "pending", Status::Sealed => "scored (sealed)", Status::Submitted => "scored" }) }
                        td { (p.seq.map_or(String::new(), |s| format!("#{s}"))) }
                    } } }
                } }
                @if f.is_ceo && c.decision.is_none() {
                    form method="post" action={ "/hire/" (c.id) "/debrief" } {
                        input type="hidden" name="csrf" value=(csrf);
                        p { "Opening the debrief reveals every sealed score the server holds and shows the full report to everyone." }
                        button type="submit" { "Open debrief" }
                    }
                }
            }
        }
    }
}

fn render(viewer: &Viewer, f: &CandidateFacts, entered: &Entered, problems: &Problems) -> Markup {
    let title = format!("{} — {}", f.view.id, f.view.name);
    page(viewer, &title, "/hire", candidate_body(f, &viewer.csrf, entered, problems))
}

fn load(app: &App, viewer: &Viewer, candidate: &str) -> Result<CandidateFacts, super::Shown> {
    let at = today(app);
    read(app, viewer, |s| facts(s, candidate, &viewer.member, at))?
        .ok_or_else(|| Box::new(not_found(viewer, &format!("There is no candidate '{candidate}'."))))
}

pub async fn candidate_page(viewer: Viewer, State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match load(&app, &viewer, &id) {
        Ok(f) => render(&viewer, &f, &Entered::default(), &Problems::default()).into_response(),
        Err(r) => *r,
    }
}

/// The panelist's form: judged field by field, then sealed by the server.
pub async fn score_post(
    viewer: Viewer,
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = check_csrf(&viewer, csrf_of(&fields)) {
        return api_error_page(&viewer, e);
    }
    let f = match load(&app, &viewer, &id) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let entered = Entered::from_fields(&fields);
    let input = entered.input(&f.view.id, &viewer.member);
    if let Err(problems) = score_form::check(&f.template, &entered) {
        return (StatusCode::BAD_REQUEST, render(&viewer, &f, &entered, &problems)).into_response();
    }
    match app.seal_score_web(&viewer.member, input) {
        Ok(_) => Redirect::to(&format!("/hire/{}", f.view.id)).into_response(),
        Err(e) if f.may_score => {
            let problems = Problems { summary: Some(e.body.message.clone()), ..Problems::default() };
            (e.status, render(&viewer, &f, &entered, &problems)).into_response()
        }
        Err(e) => api_error_page(&viewer, e),
    }
}

/// The CEO opens the debrief.
pub async fn debrief_post(
    viewer: Viewer,
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = check_csrf(&viewer, form.csrf.as_deref()) {
        return api_error_page(&viewer, e);
    }
    let f = match load(&app, &viewer, &id) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match app.open_debrief_web(&viewer.member, &f.view.id) {
        Ok(_) => Redirect::to(&format!("/hire/{}", f.view.id)).into_response(),
        Err(e) => api_error_page(&viewer, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::decide::hire::{debrief, score::reveal, score::seal, score::ScoreInput};
    use crate::core::event::Event;
    use crate::core::hash::Hash32;
    use crate::core::hiring::builtin::sales_leader;
    use crate::core::testing::{d, state_with};

    const KIMS_NOTE: &str = "walked us through three levers she pulled";

    fn panel() -> Vec<Event> {
        vec![
            Event::HireTemplateLoaded { version: 1, template: sales_leader() },
            Event::CandidateAdded { id: "c-ana".into(), name: "Ana Ruiz".into() },
            Event::PanelistAdded { name: "Kim".into() },
            Event::PanelistAdded { name: "Sam".into() },
        ]
    }

    fn kims_score() -> ScoreInput {
        let t = sales_leader();
        ScoreInput {
            candidate: "c-ana".into(),
            panelist: "Kim".into(),
            ratings: t.competencies.iter().map(|c| format!("{}={}", c.key, t.scale().max)).collect(),
            evidence: t.competencies.iter().map(|c| format!("{}={KIMS_NOTE}", c.key)).collect(),
            recommend: "strong-yes".into(),
            amends: false,
            reason: None,
        }
    }

    fn page_for(events: Vec<Event>, viewer: &str) -> String {
        let s = state_with(events);
        let f = facts(&s, "c-ana", viewer, d("2026-01-05")).expect("candidate");
        candidate_body(&f, "tok", &Entered::default(), &Problems::default()).into_string()
    }

    #[test]
    fn before_the_debrief_a_panelist_sees_who_scored_and_never_what() {
        let mut events = panel();
        events.extend(seal(&state_with(events.clone()), kims_score(), &Hash32([7; 32])).unwrap());
        let sams = page_for(events.clone(), "Sam");
        assert!(sams.contains("Seal my score") && sams.contains("scored (sealed)"), "{sams}");
        assert!(!sams.contains(KIMS_NOTE) && !sams.contains("strong-yes</td>"), "{sams}");
        let kims = page_for(events, "Kim");
        assert!(kims.contains("Your score is sealed") && !kims.contains("Seal my score"), "{kims}");
        assert!(!kims.contains("Open debrief"), "only the CEO opens the debrief");
    }

    #[test]
    fn after_the_debrief_the_full_report_shows_the_evidence() {
        let mut events = panel();
        let salt = Hash32([7; 32]);
        events.extend(seal(&state_with(events.clone()), kims_score(), &salt).unwrap());
        events.push(debrief(&state_with(events.clone()), "c-ana").unwrap());
        events.push(reveal(&state_with(events.clone()), kims_score(), &salt.to_hex()).unwrap());
        let html = page_for(events, "Sam");
        assert!(html.contains(KIMS_NOTE) && !html.contains("Seal my score"), "{html}");
    }

    #[test]
    fn a_missing_candidate_has_no_page() {
        assert!(facts(&state_with(panel()), "c-zed", "Sam", d("2026-01-05")).is_none());
    }
}
