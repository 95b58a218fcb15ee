//! The brief's charts: forecast against actual by period, say / do by
//! week, and each leading indicator against its target.

use super::svg::{self, Frame};
use crate::core::brief::Brief;
use crate::core::decide::indicator::{format_milli, WeekMark};
use crate::report::doc::escape;

fn major(b: &Brief, minor: i64) -> f64 {
    minor as f64 / 10f64.powi(b.exponent as i32)
}

fn empty(what: &str) -> String {
    format!("<p class=\"no-chart\">{}</p>", escape(what))
}

/// Forecast (standing at the period's end) and actual per period, with
/// the goal, in a drawing `width` wide.
pub fn forecast_vs_actual(b: &Brief, width: f64) -> String {
    let points = &b.forecasts;
    if points.iter().all(|p| p.forecast.is_none() && p.actual.is_none_or(|a| a.0 == 0)) {
        return empty("No forecast or actual is recorded yet: the forecast-against-actual chart starts with the first one.");
    }
    let max = points
        .iter()
        .flat_map(|p| [p.forecast, p.actual, p.goal])
        .flatten()
        .map(|m| major(b, m.0))
        .fold(0.0, f64::max);
    let mut f = Frame::new(width, 250.0, max, points.len());
    let legend =
        [("forecast", "forecast"), ("actual", "actual"), ("to-date", "actual to date"), ("goal", "goal")];
    let mut s = svg::open(&mut f, "forecast", points.len(), "Forecast against actual by period", &legend);
    s.push_str(&svg::grid(&f, svg::compact));
    for (i, p) in points.iter().enumerate() {
        let period = p.period.to_string();
        if let Some(fc) = p.forecast {
            let tip = format!("{period} forecast {}", b.money(fc));
            s.push_str(&svg::bar(&f, i, (0, 2), major(b, fc.0), "forecast", &tip));
        }
        if let Some(a) = p.actual {
            let (class, word) = if p.to_date { ("to-date", "actual to date") } else { ("actual", "actual") };
            s.push_str(&svg::bar(
                &f,
                i,
                (1, 2),
                major(b, a.0),
                class,
                &format!("{period} {word} {}", b.money(a)),
            ));
        }
        if let Some(g) = p.goal {
            s.push_str(&svg::level(&f, major(b, g.0), Some(i), "goal", None));
        }
    }
    let labels: Vec<String> = points.iter().map(|p| p.period.to_string()).collect();
    s.push_str(&svg::x_labels(&f, &labels));
    s.push_str(svg::close());
    s
}

/// Say / do of each owner week by week: kept on time ÷ due, counting the
/// commitments that came due from the first week shown up to that week.
pub fn say_do_by_week(b: &Brief) -> String {
    let series = &b.commitments.weekly;
    let any = series.iter().any(|o| o.weeks.iter().any(|(_, due, _)| *due > 0));
    if !any {
        return empty("No commitment came due in these weeks: the say / do chart starts with the first one.");
    }
    let weeks = series.first().map_or(0, |o| o.weeks.len());
    let mut f = Frame::ratio(720.0, 240.0, weeks).with_label_gutter("90%");
    let classes = ["owner-a", "owner-b", "owner-c", "owner-d"];
    let legend: Vec<(&str, &str)> =
        series.iter().zip(classes.iter().cycle()).map(|(o, c)| (*c, o.owner.as_str())).collect();
    let points: usize = series.iter().map(|o| o.weeks.iter().filter(|w| w.1 > 0).count()).sum();
    let title = "Say / do by week: commitments kept on time ÷ due, running over the weeks shown";
    let mut s = svg::open(&mut f, "say-do", points, title, &legend);
    s.push_str(&svg::grid(&f, |v| format!("{:.0}%", v * 100.0)));
    s.push_str(&svg::level(&f, 0.9, None, "threshold", Some("90%")));
    for (o, class) in series.iter().zip(classes.iter().cycle()) {
        let values: Vec<Option<f64>> = o
            .weeks
            .iter()
            .scan((0usize, 0usize), |(due, kept), (_, d, k)| {
                *due += d;
                *kept += k;
                Some((*due > 0).then(|| *kept as f64 / *due as f64))
            })
            .collect();
        s.push_str(&svg::line(&f, &values, class));
    }
    if let Some(o) = series.first() {
        let labels: Vec<String> = o.weeks.iter().map(|(w, _, _)| format!("W{:02}", w.week)).collect();
        s.push_str(&svg::x_labels(&f, &labels));
    }
    s.push_str(svg::close());
    s
}

/// One chart per leading indicator: weekly values against the target line.
pub fn indicators(b: &Brief) -> String {
    let ind = &b.indicators;
    if ind.rows.is_empty() {
        return empty("No leading indicator is defined yet.");
    }
    // Weeks before any indicator was tracked are left out (at least four shown).
    let first = ind
        .rows
        .iter()
        .filter_map(|r| r.marks.iter().position(|m| *m != WeekMark::Untracked))
        .min()
        .unwrap_or(0)
        .min(ind.weeks.len().saturating_sub(4));
    let weeks = &ind.weeks[first..];
    let mut out = String::new();
    for r in &ind.rows {
        let marks = &r.marks[first..];
        let values: Vec<i64> = marks
            .iter()
            .filter_map(|m| match m {
                WeekMark::Hit(v) | WeekMark::Miss(v) => Some(*v),
                _ => None,
            })
            .collect();
        let max = values.iter().copied().chain([r.target_milli]).max().unwrap_or(0) as f64 / 1000.0;
        let label = format!("target {}", format_milli(r.target_milli));
        let mut f = Frame::new(440.0, 210.0, max * 1.1, weeks.len()).with_label_gutter(&label);
        let title = format!("{} against its target of {}", r.name, format_milli(r.target_milli));
        let legend = [("hit", "on target"), ("miss", "off target"), ("target-key", "target")];
        let mut s = svg::open(&mut f, "indicator", values.len(), &title, &legend);
        s.push_str(&svg::grid(&f, svg::compact));
        for (i, (w, m)) in weeks.iter().zip(marks).enumerate() {
            match m {
                WeekMark::Hit(v) | WeekMark::Miss(v) => {
                    let class = if matches!(m, WeekMark::Hit(_)) { "hit" } else { "miss" };
                    let tip = format!("{w}: {} ({})", format_milli(*v), m.word());
                    s.push_str(&svg::bar(&f, i, (0, 1), *v as f64 / 1000.0, class, &tip));
                }
                WeekMark::Missing => s.push_str(&svg::level(&f, 0.0, Some(i), "missing", None)),
                WeekMark::Untracked => {}
            }
        }
        let labels: Vec<String> = weeks.iter().map(|w| format!("W{:02}", w.week)).collect();
        s.push_str(&svg::x_labels(&f, &labels));
        s.push_str(&svg::level(&f, r.target_milli as f64 / 1000.0, None, "target", Some(&label)));
        s.push_str(svg::close());
        out.push_str(&format!("<figure>{s}<figcaption>{}</figcaption></figure>", escape(&title)));
    }
    out
}

/// New and won value week by week (the flow behind the trends).
pub fn flow(b: &Brief) -> String {
    let weeks = &b.trends.weeks;
    if weeks.iter().all(|w| w.new_value == 0 && w.won_value == 0 && w.lost_value == 0) {
        return empty("No deal was opened, won or lost in these weeks.");
    }
    let max = weeks.iter().flat_map(|w| [w.new_value, w.won_value, w.lost_value]).max().unwrap_or(0);
    let mut f = Frame::new(720.0, 220.0, major(b, max), weeks.len());
    let legend = [("new", "new opportunities"), ("won", "won"), ("lost", "lost")];
    let points = weeks.iter().filter(|w| w.new_value + w.won_value + w.lost_value > 0).count();
    let mut s = svg::open(&mut f, "flow", points, "Value of new, won and lost deals by week", &legend);
    s.push_str(&svg::grid(&f, svg::compact));
    for (i, w) in weeks.iter().enumerate() {
        let label = w.week.map_or(String::new(), |x| format!("W{:02}", x.week));
        for (part, (class, v)) in
            [("new", w.new_value), ("won", w.won_value), ("lost", w.lost_value)].into_iter().enumerate()
        {
            if v > 0 {
                let tip = format!("{label}: {class} {}", b.money(crate::core::money::Money(v)));
                s.push_str(&svg::bar(&f, i, (part, 3), major(b, v), class, &tip));
            }
        }
    }
    let labels: Vec<String> =
        weeks.iter().map(|w| w.week.map_or(String::new(), |x| format!("W{:02}", x.week))).collect();
    s.push_str(&svg::x_labels(&f, &labels));
    s.push_str(svg::close());
    s
}
