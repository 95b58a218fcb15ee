//! The brief as document sections, in agenda order. The terminal, Markdown
//! and HTML views all render these blocks; HTML adds charts beside them.

use crate::core::brief::Brief;
use crate::core::money::Money;
use crate::report::doc::{Block, Doc};

/// Starts the line of weekly sparklines (HTML draws a chart instead).
pub const WEEK_BY_WEEK: &str = "Value week by week";

pub struct Section {
    /// Stable name of the section (`revenue`, `changes`, …), for charts and anchors.
    pub key: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Section {
    pub(super) fn new(key: &'static str, title: impl Into<String>) -> Section {
        Section { key, title: title.into(), blocks: Vec::new() }
    }

    pub(super) fn text(&mut self, t: impl Into<String>) -> &mut Section {
        self.blocks.push(Block::Text(t.into()));
        self
    }

    pub(super) fn pairs(&mut self, pairs: Vec<(&str, String)>) -> &mut Section {
        self.blocks.push(Block::Pairs(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()));
        self
    }

    pub(super) fn table(&mut self, headers: &[&str], rows: Vec<Vec<String>>) -> &mut Section {
        self.blocks.push(Block::Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows });
        self
    }

    /// The section alone, as a document (the guided meeting shows one at a time).
    pub fn doc(&self) -> Doc {
        Doc { title: self.title.clone(), blocks: self.blocks.clone() }
    }
}

/// The title of the whole brief.
pub fn title(b: &Brief) -> String {
    format!("Weekly brief — {}, {} (since {} until {})", b.company, b.period, b.since, b.until)
}

/// What the brief covers, in one paragraph.
pub fn intro(b: &Brief) -> String {
    let since = match b.last_meeting {
        Some((date, seq)) if date == b.since => format!("the meeting of {date} (record {seq})"),
        _ => b.since.to_string(),
    };
    format!(
        "{} and {}: {} runs {} to {}. What changed is counted from {since} to {}.",
        b.ceo, b.leader, b.period, b.period_first, b.period_last, b.until
    )
}

pub fn doc(b: &Brief) -> Doc {
    let mut d = Doc::new(title(b));
    d.text(intro(b));
    for s in sections(b) {
        d.heading(s.title);
        d.blocks.extend(s.blocks);
    }
    d
}

pub fn sections(b: &Brief) -> Vec<Section> {
    use super::agreed::{comparison, expectations, forecast};
    use super::review::{commitments, indicators, issues, plan, questions, trends};
    vec![
        revenue(b),
        forecast(b),
        big_deals(b),
        changes(b),
        risks(b),
        super::hygiene::section(b),
        plan(b),
        expectations(b),
        commitments(b),
        indicators(b),
        trends(b),
        comparison(b),
        issues(b),
        super::acks::section(b),
        questions(b),
    ]
}

fn m(b: &Brief, v: i64) -> String {
    b.money(Money(v))
}

fn revenue(b: &Brief) -> Section {
    let r = &b.revenue;
    let mut s = Section::new("revenue", format!("1. Revenue — {}", b.period));
    let gap = match r.gap {
        None => "— (no goal set)".to_string(),
        Some(g) if g.0 >= 0 => b.money(g),
        Some(g) => format!("none — the goal is passed by {}", m(b, -g.0)),
    };
    let coverage = match r.coverage {
        Some(c) => format!("{c:.2}× the gap"),
        None => "—".into(),
    };
    s.pairs(vec![
        ("goal", r.goal.map_or("— (not set)".into(), |g| b.money(g))),
        ("actual to date", b.money(r.actual_to_date)),
        ("gap", gap),
        ("open pipeline closing in the period", b.money(r.open_in_period)),
        ("coverage of the gap", coverage),
    ]);
    s
}

fn big_deals(b: &Brief) -> Section {
    let mut s = Section::new("big_deals", "2. Big deals won or closing");
    s.text(match &b.big_deals.band {
        Some(band) => format!("Deals in the largest size band ({band}) won or expected to close in {}: celebrate the wins, plan the capacity the rest need.", b.period),
        None => format!("No size bands are set: the largest deals won or expected to close in {}.", b.period),
    });
    let rows = b
        .big_deals
        .deals
        .iter()
        .map(|d| {
            let status = match (d.won_on, d.at_risk) {
                (Some(on), _) => format!("won {on}"),
                (None, true) => "open, at risk".into(),
                (None, false) => "open".into(),
            };
            vec![
                d.id.clone(),
                d.account.clone(),
                b.money(d.amount),
                d.close.to_string(),
                d.stage.clone().unwrap_or_else(|| "—".into()),
                d.probability.map_or("—".into(), |p| format!("{p}%")),
                status,
            ]
        })
        .collect();
    s.table(&["deal", "account", "amount", "close", "stage", "probability", "status"], rows);
    s
}

/// The reconciliation as a formula and as numbers, exactly as computed.
pub fn reconciliation(b: &Brief) -> [String; 2] {
    let t = &b.changes.terms;
    let n = |v: i64| Money(v).format(b.exponent);
    let check = if t.reconciled_end() == t.open_end { "✓" } else { "✗ does not reconcile" };
    [
        "open_end = open_start + new + pulled_in − pushed_out + increased − decreased − won − lost"
            .to_string(),
        format!(
            "{} = {} + {} + {} − {} + {} − {} − {} − {}  {check} ({})",
            n(t.open_end),
            n(t.open_start),
            n(t.new),
            n(t.pulled_in),
            n(t.pushed_out),
            n(t.increased),
            n(t.decreased),
            n(t.won),
            n(t.lost),
            b.currency
        ),
    ]
}

fn changes(b: &Brief) -> Section {
    let mut s = Section::new("changes", format!("3. What changed in the pipeline since {}", b.since));
    s.text(format!(
        "Open pipeline expected to close in {} on {} and on {}; each deal counts under one reason.",
        b.period, b.since, b.until
    ));
    let [formula, numbers] = reconciliation(b);
    s.text(format!("{formula}\n{numbers}"));
    let rows: Vec<Vec<String>> = b
        .changed
        .iter()
        .filter(|c| c.reason != "unchanged")
        .map(|c| {
            vec![
                c.id.clone(),
                c.account.clone(),
                c.reason.to_string(),
                b.money(c.amount_start),
                b.money(c.amount_end),
            ]
        })
        .collect();
    let unchanged = b.changed.len() - rows.len();
    s.table(&["deal", "account", "reason", "at start", "at end"], rows);
    if unchanged > 0 {
        s.text(format!("{unchanged} more deal{} unchanged.", if unchanged == 1 { "" } else { "s" }));
    }
    s
}

fn risks(b: &Brief) -> Section {
    let mut s = Section::new("risks", "4. Risks");
    let rows = b
        .risks
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.account.clone(),
                b.money(r.amount),
                r.close.to_string(),
                format!("{}{}", r.since, if r.new { " (new)" } else { "" }),
                r.days.to_string(),
                r.reason.clone(),
                r.action.as_ref().map_or("— none agreed".into(), |a| {
                    format!("{} ({}, by {})", a.action, a.owner, a.due)
                }),
            ]
        })
        .collect();
    s.table(
        &["deal", "account", "amount", "close", "at risk since", "days", "reason", "what is being done"],
        rows,
    );
    s
}
