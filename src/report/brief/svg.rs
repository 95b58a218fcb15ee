//! Small inline SVG charts: no script, no external resources, every label
//! escaped. Each chart carries `data-chart` and `data-points` so a test (or
//! a reader of the source) can see what it plots.

use crate::report::doc::escape;

const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 30.0;
/// The size of every label, in the drawing's units (style.css says the same).
pub const FONT: f64 = 11.0;
/// The widest a slot's bars are drawn together.
const MAX_BARS_WIDTH: f64 = 200.0;
/// A legend row's height.
const LEGEND_ROW: f64 = 18.0;

/// The drawing's size, the value range of the y axis and the slots along x.
/// `top` grows when the legend needs a second row; `right` when a level's
/// label sits in the gutter right of the plot.
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub max: f64,
    pub slots: usize,
    top: f64,
    right: f64,
}

/// How wide `text` is drawn at `FONT`, erring wide: the advance widths of
/// DejaVu Sans (the widest of the usual sans-serif fonts) by character
/// class. Labels are placed from this so they neither collide nor leave
/// the drawing, whatever font the reader has.
pub fn text_width(text: &str) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            ' ' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.34,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '-' => 0.45,
            'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' => 1.0,
            '0'..='9' => 0.64,
            c if c.is_uppercase() => 0.76,
            _ => 0.64,
        })
        .sum();
    em * FONT
}

/// The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at
/// least `v`, so the grid lines fall on round values.
pub fn nice(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let scale = 10f64.powf(v.log10().floor());
    let steps = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0];
    steps.iter().map(|s| s * scale).find(|n| *n >= v * 0.999_999).unwrap_or(10.0 * scale)
}

impl Frame {
    /// A frame of `width` × `height` whose y axis runs from 0 to a round
    /// number at least `max`.
    pub fn new(width: f64, height: f64, max: f64, slots: usize) -> Frame {
        Frame { width, height, max: nice(max), slots: slots.max(1), top: TOP, right: RIGHT }
    }

    /// A frame for shares: 0 to 100 %.
    pub fn ratio(width: f64, height: f64, slots: usize) -> Frame {
        Frame { width, height, max: 1.0, slots: slots.max(1), top: TOP, right: RIGHT }
    }

    /// Room right of the plot for a level's label (`level` puts it there,
    /// beside its line, never over the bars).
    pub fn with_label_gutter(mut self, label: &str) -> Frame {
        self.right = RIGHT.max(text_width(label) + 10.0);
        self
    }

    pub fn y(&self, v: f64) -> f64 {
        let plot = self.height - self.top - BOTTOM;
        self.top + plot * (1.0 - (v / self.max).clamp(0.0, 1.0))
    }

    /// The right edge of the plot.
    fn plot_right(&self) -> f64 {
        self.width - self.right
    }

    pub fn slot_width(&self) -> f64 {
        (self.plot_right() - LEFT) / self.slots as f64
    }

    /// Left edge of slot `i`.
    pub fn x(&self, i: usize) -> f64 {
        LEFT + self.slot_width() * i as f64
    }

    pub fn center(&self, i: usize) -> f64 {
        self.x(i) + self.slot_width() / 2.0
    }
}

/// Opens a chart: the svg element, its accessible title and the legend.
/// The legend wraps onto more rows when one would run past the drawing,
/// and the plot moves down to make room (so call this before drawing).
pub fn open(f: &mut Frame, kind: &str, points: usize, title: &str, legend: &[(&str, &str)]) -> String {
    let mut keys = String::new();
    let (mut x, mut row) = (LEFT, 0.0);
    for (class, label) in legend {
        let w = 16.0 + text_width(label);
        if x > LEFT && x + w > f.width - RIGHT {
            (x, row) = (LEFT, row + 1.0);
        }
        let y = 8.0 + row * LEGEND_ROW;
        keys.push_str(&format!(
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\" rx=\"2\"/>\
             <text class=\"legend\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 16.0,
            y + 10.0,
            escape(label)
        ));
        x += w + 14.0;
    }
    f.top = TOP + row * LEGEND_ROW;
    f.height += row * LEGEND_ROW;
    format!(
        "<svg class=\"chart\" data-chart=\"{kind}\" data-points=\"{points}\" viewBox=\"0 0 {} {}\" \
         role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>{keys}",
        f.width,
        f.height,
        escape(title)
    )
}

pub fn close() -> &'static str {
    "</svg>"
}

/// Horizontal grid lines with labels at 0, ¼, ½, ¾ and the top of the range.
pub fn grid(f: &Frame, label: impl Fn(f64) -> String) -> String {
    let mut s = String::new();
    for k in 0..=4 {
        let v = f.max * f64::from(k) / 4.0;
        let y = f.y(v);
        s.push_str(&format!(
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            f.plot_right(),
            LEFT - 6.0,
            y + 4.0,
            escape(&label(v))
        ));
    }
    s
}

/// Labels under the slots, as many as fit: every `step`-th one, counted
/// back from the last (the latest week is always named), where `step` is
/// the fewest slots the widest label needs with a gap either side.
pub fn x_labels(f: &Frame, labels: &[String]) -> String {
    let widest = labels.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    let step = ((widest + 8.0) / f.slot_width()).ceil().max(1.0) as usize;
    let last = labels.len().saturating_sub(1);
    labels
        .iter()
        .enumerate()
        .filter(|(i, l)| (last - i) % step == 0 && !l.is_empty())
        .map(|(i, l)| {
            format!(
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                f.center(i),
                f.height - BOTTOM + 16.0,
                escape(l)
            )
        })
        .collect()
}

/// A bar from 0 to `v` inside slot `i`: `part` of `parts` side-by-side bars.
pub fn bar(f: &Frame, i: usize, (part, parts): (usize, usize), v: f64, class: &str, tip: &str) -> String {
    // Bars stay bars when a wide drawing has few slots.
    let inner = (f.slot_width() * 0.7).min(MAX_BARS_WIDTH);
    let w = inner / parts as f64;
    let x = f.x(i) + (f.slot_width() - inner) / 2.0 + w * part as f64;
    let y = f.y(v);
    format!(
        "<rect class=\"{class}\" data-value=\"{v}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
        (w - 2.0).max(1.0),
        (f.y(0.0) - y).max(0.0),
        escape(tip)
    )
}

/// A horizontal dashed line at `v` across the plot, or across slot `i` only.
pub fn level(f: &Frame, v: f64, slot: Option<usize>, class: &str, label: Option<&str>) -> String {
    let (x1, x2) = match slot {
        Some(i) => {
            let half = (f.slot_width() * 0.4).min(MAX_BARS_WIDTH * 0.6);
            (f.center(i) - half, f.center(i) + half)
        }
        None => (LEFT, f.plot_right()),
    };
    let y = f.y(v);
    let mut s = format!("<line class=\"{class}\" data-value=\"{v}\" x1=\"{x1:.1}\" x2=\"{x2:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>");
    if let Some(l) = label {
        // In the gutter beside the line's end (see `with_label_gutter`):
        // inside the plot it would sit on the bars.
        s.push_str(&format!(
            "<text class=\"axis {class}-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            f.plot_right() + 4.0,
            y + FONT * 0.35,
            escape(l)
        ));
    }
    s
}

/// A line through the slots with values; a missing value breaks the line.
pub fn line(f: &Frame, values: &[Option<f64>], class: &str) -> String {
    let mut s = String::new();
    let mut path = String::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let cmd = if path.is_empty() { 'M' } else { 'L' };
                path.push_str(&format!("{cmd}{:.1},{:.1} ", f.center(i), f.y(*v)));
                s.push_str(&format!(
                    "<circle class=\"{class}\" data-value=\"{v}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\"/>",
                    f.center(i),
                    f.y(*v)
                ));
            }
            None if !path.is_empty() => {
                s.push_str(&format!("<path class=\"{class}\" d=\"{}\"/>", path.trim_end()));
                path.clear();
            }
            None => {}
        }
    }
    if !path.is_empty() {
        s.push_str(&format!("<path class=\"{class}\" d=\"{}\"/>", path.trim_end()));
    }
    s
}

/// A short amount for an axis: 1.2M, 250k, 900.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let (n, suffix) = if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let text =
        if (n - n.round()).abs() < 0.05 || n.abs() >= 100.0 { format!("{n:.0}") } else { format!("{n:.1}") };
    format!("{text}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_amounts_and_broken_lines() {
        assert_eq!(
            (compact(1_250_000.0), compact(250_000.0), compact(900.0), compact(0.0)),
            ("1.2M".into(), "250k".into(), "900".into(), "0".into())
        );
        let f = Frame::ratio(300.0, 200.0, 3);
        let l = line(&f, &[Some(0.5), None, Some(1.0)], "s");
        assert_eq!(l.matches("<path").count(), 2, "{l}");
        assert_eq!(l.matches("<circle").count(), 2);
        let b = bar(&f, 0, (0, 1), 0.5, "actual", "<x>");
        assert!(b.contains("<title>&lt;x&gt;</title>"), "{b}");
        assert_eq!((nice(1.76e6), nice(10.3), nice(8.0), nice(0.0), nice(41.0)), (2e6, 12.0, 8.0, 1.0, 50.0));
    }

    fn xs(svg: &str) -> Vec<f64> {
        svg.split(" x=\"").skip(1).map(|t| t.split('"').next().unwrap().parse().unwrap()).collect()
    }

    #[test]
    fn week_labels_thin_out_to_what_fits_and_keep_the_latest() {
        let labels: Vec<String> = (14..=26).map(|w| format!("W{w}")).collect();
        let narrow = Frame::new(440.0, 210.0, 10.0, labels.len()).with_label_gutter("target 8");
        let shown = x_labels(&narrow, &labels);
        assert!(shown.contains(">W26<"), "the latest week is named: {shown}");
        let at = xs(&shown);
        assert!(at.len() < labels.len() && at.len() >= 5, "{shown}");
        let room = text_width("W26") + 8.0;
        assert!(at.windows(2).all(|p| p[1] - p[0] >= room), "labels closer than their width: {at:?}");
        let wide = Frame::new(1040.0, 210.0, 10.0, labels.len());
        assert_eq!(xs(&x_labels(&wide, &labels)).len(), labels.len(), "every week when there is room");
    }

    #[test]
    fn a_levels_label_sits_beside_its_line_inside_the_drawing() {
        let label = "target 40";
        let f = Frame::new(440.0, 210.0, 50.0, 13).with_label_gutter(label);
        let line = level(&f, 40.0, None, "target", Some(label));
        let x2: f64 = line.split("x2=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let text_x = xs(&line[line.find("<text").unwrap()..])[0];
        assert!(text_x > x2, "the label starts right of the line's end (off the bars): {line}");
        assert!(text_x + text_width(label) <= f.width, "and ends inside the drawing: {line}");
    }

    #[test]
    fn a_legend_too_long_for_one_row_wraps_and_moves_the_plot_down() {
        let mut f = Frame::ratio(440.0, 200.0, 4);
        let names = ["Alexandra Konstantinopoulou", "Maximilian Oberhauser-Schmidt", "Lee"];
        let legend: Vec<(&str, &str)> = names.iter().map(|n| ("owner-a", *n)).collect();
        let top = f.y(1.0);
        let s = open(&mut f, "say-do", 1, "t", &legend);
        assert!(f.y(1.0) > top, "the plot starts below the legend's second row");
        assert!(s.contains("viewBox=\"0 0 440 218\""), "{s}");
        assert!(xs(&s).iter().all(|x| *x < 440.0));
    }
}
