//! The trust dashboard as HTML: one renderer for `candor trust --format
//! html` (a self-contained page), the web dashboard at `/` and the trust
//! section of the HTML brief. The look is the brief's stylesheet; every
//! piece of text is escaped.

use crate::core::metrics::dashboard::Signal;
use crate::core::time::Date;
use crate::report::audit::Currency;
use crate::report::brief::html::STYLE;
use crate::report::doc::escape;
use crate::report::trust::{explanation, show, threshold_text, trend_line};

/// A status as a class and its words, so colour is never the only sign.
fn worded(status: &str) -> (&'static str, &'static str) {
    match status {
        "green" => ("green", "green: on track"),
        "amber" => ("amber", "amber: watch"),
        "red" => ("red", "red: off track"),
        _ => ("na", "no threshold"),
    }
}

/// A status pill: "green: on track" on green, and so on.
pub fn status(status: &str) -> String {
    let (class, words) = worded(status);
    format!("<span class=\"status {class}\">{words}</span>")
}

/// Every signal as a card: value, status, the threshold, the trend and the
/// record that most explains it.
pub fn cards(signals: &[Signal], cur: Currency) -> String {
    let mut s = String::from("<div class=\"signals\">\n");
    for sig in signals {
        let (class, _) = worded(sig.status);
        let why = explanation(sig)
            .map_or(String::new(), |w| format!("<p class=\"why\">Most explained by {}</p>", escape(&w)));
        s.push_str(&format!(
            "<article class=\"signal {class}\" data-signal=\"{key}\" aria-labelledby=\"signal-{key}\">\
             <h2 id=\"signal-{key}\"><span>{title}</span> {status}</h2>\
             <div class=\"value\">{value}</div>\
             <p class=\"measure\">{measure}</p>\
             <p class=\"measure\">Threshold: {threshold}</p>\
             <p class=\"trend\"><span class=\"spark\" aria-hidden=\"true\">{spark}</span> {trend_of}</p>\
             {why}</article>\n",
            key = escape(sig.key),
            title = escape(sig.title),
            status = status(sig.status),
            value = escape(&show(sig.value, sig.unit, cur)),
            measure = escape(sig.measure),
            threshold = escape(&threshold_text(sig, cur)),
            spark = escape(&trend_line(&sig.trend)),
            trend_of = escape(sig.trend_of),
        ));
    }
    s.push_str("</div>\n");
    s
}

/// The dashboard without the page around it: heading, lead and cards.
pub fn body(signals: &[Signal], at: Date, company: &str, cur: Currency) -> String {
    format!(
        "<h1>Trust dashboard — {}</h1>\n<p class=\"lead\">As of {at}. Each signal stands on its own: value, \
         status, threshold, trend, and the record that most explains it. <code>candor audit</code> shows \
         the arithmetic.</p>\n{}",
        escape(company),
        cards(signals, cur)
    )
}

/// `candor trust --format html`: one self-contained page (inline CSS, no
/// script, nothing fetched), readable on screen and in print.
pub fn page(signals: &[Signal], at: Date, company: &str, cur: Currency) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Trust dashboard — {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{}\
         <footer>Computed from the ledger of {} as recorded up to {at}; every figure can be checked with \
         <code>candor audit</code>.</footer>\n</main>\n</body>\n</html>\n",
        escape(company),
        body(signals, at, company, cur),
        escape(company)
    )
}

/// The brief's trust section: each signal's name, value and status on one
/// line; the cards (`cards`) carry the rest.
pub fn compact(signals: &[Signal], at: Date, cur: Currency) -> String {
    let mut s = format!(
        "<section id=\"trust\" class=\"trust\">\n<h2>Trust signals — as of {at}</h2>\n<ul class=\"trust-list\">\n"
    );
    for sig in signals {
        let (class, _) = worded(sig.status);
        s.push_str(&format!(
            "<li class=\"{class}\" data-signal=\"{}\"><span class=\"name\">{}</span> <b>{}</b> {}</li>\n",
            escape(sig.key),
            escape(sig.title),
            escape(&show(sig.value, sig.unit, cur)),
            status(sig.status)
        ));
    }
    s.push_str(
        "</ul>\n<p class=\"note\">Thresholds, trends and the record behind each: \
         <code>candor trust --format html</code>.</p>\n</section>\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::metrics::dashboard::dashboard;
    use crate::core::testing::{d, state_with};

    const USD: Currency = Currency { code: "USD", exponent: 2 };

    #[test]
    fn every_signal_shows_its_status_in_words_and_its_title_escaped() {
        let list = dashboard(&state_with(vec![]), d("2026-01-05"));
        let html = page(&list, d("2026-01-05"), "Acme <&> Co", USD);
        assert!(html.contains("Acme &lt;&amp;&gt; Co") && !html.contains("<&>"));
        assert!(!html.contains("<script") && !html.contains("<link"));
        for signal in &list {
            assert!(html.contains(signal.title), "{}", signal.title);
        }
        let worded = ["green: on track", "amber: watch", "red: off track", "no threshold"];
        assert_eq!(worded.iter().map(|w| html.matches(w).count()).sum::<usize>(), list.len(), "{html}");
        let strip = compact(&list, d("2026-01-05"), USD);
        assert_eq!(strip.matches("<li ").count(), list.len());
    }
}
