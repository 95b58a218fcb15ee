//! The brief as one self-contained HTML page: inline CSS, inline SVG
//! charts, no script and nothing fetched from the network; readable on a
//! laptop screen and in print. All user text is escaped.

use super::change::{week_over_week, Better, Change, WEEK};
use super::charts;
use super::sections::{intro, reconciliation, sections, title, Section, WEEK_BY_WEEK};
use crate::core::brief::Brief;
use crate::core::metrics::dashboard::Signal;
use crate::core::money::Money;
use crate::report::audit::Currency;
use crate::report::doc::{escape, Block};
use crate::report::trust_html;

/// The brief's stylesheet; the web pages share it.
pub const STYLE: &str = include_str!("style.css");

/// What the HTML brief shows beside the brief itself: the same brief as of
/// a week earlier (for the change on each figure card) and the trust
/// signals as of `until`. Left empty, the page says there is nothing to
/// compare with and has no trust section.
#[derive(Default)]
pub struct Extras<'a> {
    /// The same brief (same period) as the record stood `WEEK` days before `until`.
    pub last_week: Option<&'a Brief>,
    pub trust: &'a [Signal],
}

pub fn html(b: &Brief) -> String {
    html_with(b, &Extras::default())
}

/// The whole page, with the week-over-week changes and trust signals.
pub fn html_with(b: &Brief, extras: &Extras) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        escape(&title(b)),
        body(b, extras)
    )
}

/// The brief's content (header, sections, footer) without the page around
/// it, for a page that has its own (the web brief).
pub fn body(b: &Brief, extras: &Extras) -> String {
    let mut out = format!(
        "<header>\n<h1>Weekly brief — {}</h1>\n<p class=\"window\">{} · what changed from {} to {}</p>\n\
         <p class=\"intro\">{}</p>\n{}{}</header>\n",
        escape(&b.company),
        b.period,
        b.since,
        b.until,
        escape(&intro(b)),
        kpis(b, extras.last_week),
        compared(b, extras.last_week)
    );
    if !extras.trust.is_empty() {
        let cur = Currency { code: &b.currency, exponent: b.exponent };
        out.push_str(&trust_html::compact(extras.trust, b.until, cur));
    }
    for s in sections(b) {
        out.push_str(&section(b, &s));
    }
    out.push_str(&format!(
        "<footer>Computed from the ledger of {} as recorded up to {}; every figure can be checked with \
         <code>candor audit</code>. Money in {}.</footer>\n",
        escape(&b.company),
        b.until,
        escape(&b.currency)
    ));
    out
}

fn kpi(label: &str, value: &str, note: &str, tone: &str, (change, better): (Change, Better)) -> String {
    format!(
        "<div class=\"kpi {tone}\"><div class=\"label\">{}</div><div class=\"value\">{}</div>\
         <div class=\"change {}\">{}</div><div class=\"note\">{}</div></div>",
        escape(label),
        escape(value),
        change.tone(better),
        escape(&change.text()),
        escape(note)
    )
}

/// What the changes on the cards compare with, in words.
fn compared(b: &Brief, last_week: Option<&Brief>) -> String {
    let day = b.until.add_days(-WEEK);
    let what = match last_week {
        Some(_) => format!(
            "Changes on the cards: against the same brief as the record stood on {day}, {WEEK} days before {}.",
            b.until
        ),
        None => format!("No changes on the cards: there is no brief as of {day} to compare with."),
    };
    format!("<p class=\"compared\">{}</p>\n", escape(&what))
}

fn kpis(b: &Brief, last_week: Option<&Brief>) -> String {
    let c = week_over_week(b, last_week);
    let r = &b.revenue;
    let share = match r.goal {
        Some(g) if g.0 > 0 => format!("{:.0}% of the goal", r.actual_to_date.0 as f64 * 100.0 / g.0 as f64),
        _ => String::new(),
    };
    let n = |m: Money| m.format(b.exponent);
    let (gap, gap_note, tone) = match r.gap {
        None => ("—".to_string(), "no goal set".to_string(), ""),
        Some(g) if g.0 > 0 => (n(g), "still to close".to_string(), ""),
        Some(g) => (n(Money(-g.0)), "above the goal".to_string(), "good"),
    };
    let cur = &b.currency;
    let coverage = r.coverage.map_or("—".into(), |c| format!("{c:.2}×"));
    let cover_tone = match r.coverage {
        Some(c) if c < 1.0 => "bad",
        _ => "",
    };
    format!(
        "<div class=\"kpis\">{}{}{}{}{}</div>\n",
        kpi(
            &format!("goal, {cur}"),
            &r.goal.map_or("—".into(), n),
            &b.period.to_string(),
            "",
            (c.goal, Better::Neither)
        ),
        kpi(&format!("actual to date, {cur}"), &n(r.actual_to_date), &share, "", (c.actual, Better::Higher)),
        kpi(&format!("gap, {cur}"), &gap, &gap_note, tone, (c.gap, Better::Lower)),
        kpi(
            &format!("open pipeline, {cur}"),
            &n(r.open_in_period),
            &format!("closing in {} (on {})", b.period, b.until),
            "",
            (c.pipeline, Better::Higher)
        ),
        kpi(
            "coverage of the gap",
            &coverage,
            "open pipeline ÷ gap",
            cover_tone,
            (c.coverage, Better::Higher)
        ),
    )
}

fn section(b: &Brief, s: &Section) -> String {
    let mut out = format!("<section id=\"{}\" class=\"{}\">\n<h2>{}</h2>\n", s.key, s.key, escape(&s.title));
    match s.key {
        "questions" => out.push_str(&questions(b)),
        _ => {
            for block in &s.blocks {
                match block {
                    Block::Text(t) if t.starts_with("open_end =") => out.push_str(&reconcile(b)),
                    Block::Text(t) if t.starts_with(WEEK_BY_WEEK) => out.push_str(&scroll(&charts::flow(b))),
                    // The figures at the top of the page say it already.
                    Block::Pairs(_) if s.key == "revenue" => {}
                    other => out.push_str(&other.html()),
                }
            }
        }
    }
    match s.key {
        // The column's full width on a screen; on a phone (style.css picks
        // one) the narrower drawing, so its labels stay readable.
        "revenue" => out.push_str(&format!(
            "<div class=\"wide-only\">{}</div><div class=\"narrow-only\">{}</div>",
            charts::forecast_vs_actual(b, 1040.0),
            scroll(&charts::forecast_vs_actual(b, 720.0))
        )),
        "commitments" => out.push_str(&scroll(&charts::say_do_by_week(b))),
        "indicators" => out.push_str(&format!("<div class=\"charts\">{}</div>", charts::indicators(b))),
        _ => {}
    }
    out.push_str("</section>\n");
    out
}

/// A chart that scrolls sideways on a phone rather than shrink its labels away.
fn scroll(chart: &str) -> String {
    format!("<div class=\"chart-scroll\">{chart}</div>")
}

/// The reconciliation as terms one can add up by eye, then the formula.
fn reconcile(b: &Brief) -> String {
    let t = &b.changes.terms;
    let n = |v: i64| escape(&Money(v).format(b.exponent));
    let term = |label: &str, v: i64| format!("<div class=\"term\"><b>{}</b><span>{label}</span></div>", n(v));
    let op = |o: &str| format!("<div class=\"op\">{o}</div>");
    let mut s = String::from("<div class=\"reconcile\">");
    s.push_str(&term("open at start", t.open_start));
    for (o, label, v) in [
        ("+", "new", t.new),
        ("+", "pulled in", t.pulled_in),
        ("−", "pushed out", t.pushed_out),
        ("+", "increased", t.increased),
        ("−", "decreased", t.decreased),
        ("−", "won", t.won),
        ("−", "lost", t.lost),
    ] {
        s.push_str(&op(o));
        s.push_str(&term(label, v));
    }
    s.push_str(&op("="));
    s.push_str(&format!(
        "<div class=\"term total\"><b>{}</b><span>open at end</span></div></div>",
        n(t.open_end)
    ));
    let [formula, numbers] = reconciliation(b);
    let verdict = if t.reconciled_end() == t.open_end {
        "<span class=\"ok\">reconciles exactly</span>"
    } else {
        "<span class=\"broken\">does not reconcile</span>"
    };
    s.push_str(&format!(
        "<p class=\"formula\">{}<br>{}<br>{verdict}</p>\n",
        escape(&formula),
        escape(&numbers)
    ));
    s
}

fn questions(b: &Brief) -> String {
    let mut s = String::new();
    for (i, q) in b.questions.iter().enumerate() {
        let facts: String = q.facts.iter().map(|f| format!("<li>{}</li>", escape(f))).collect();
        s.push_str(&format!(
            "<div class=\"q\"><h3>{}. {}</h3><ul>{facts}</ul><div class=\"answer\"></div></div>\n",
            i + 1,
            escape(q.text)
        ));
    }
    s
}
