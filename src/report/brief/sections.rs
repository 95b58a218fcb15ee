//! The brief as document sections, in agenda order. The terminal, Markdown
//! and HTML views all render these blocks; HTML adds charts beside them.

use crate::core::brief::Brief;
use crate::core::decide::indicator::{format_milli, WeekMark};
use crate::core::decide::plan_review::ItemStatus;
use crate::core::money::Money;
use crate::core::vocab::Direction;
use crate::report::doc::{pct, sparkline, Block, Doc};

/// Starts the line of weekly sparklines (HTML draws a chart instead).
pub const WEEK_BY_WEEK: &str = "Value week by week";

/// How many of the reviewed weeks the indicator table shows.
pub const SHOWN_WEEKS: usize = 6;

pub struct Section {
    /// Stable name of the section (`revenue`, `changes`, …), for charts and anchors.
    pub key: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Section {
    fn new(key: &'static str, title: impl Into<String>) -> Section {
        Section { key, title: title.into(), blocks: Vec::new() }
    }

    fn text(&mut self, t: impl Into<String>) -> &mut Section {
        self.blocks.push(Block::Text(t.into()));
        self
    }

    fn pairs(&mut self, pairs: Vec<(&str, String)>) -> &mut Section {
        self.blocks.push(Block::Pairs(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()));
        self
    }

    fn table(&mut self, headers: &[&str], rows: Vec<Vec<String>>) -> &mut Section {
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
    vec![
        revenue(b),
        big_deals(b),
        changes(b),
        risks(b),
        plan(b),
        commitments(b),
        indicators(b),
        trends(b),
        issues(b),
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
            ]
        })
        .collect();
    s.table(&["deal", "account", "amount", "close", "at risk since", "days", "reason"], rows);
    s
}

fn plan(b: &Brief) -> Section {
    let p = &b.plan;
    let mut s = Section::new("plan", "5. The plan");
    let run = match p.run {
        None => "none agreed".to_string(),
        Some(r) if p.run_passed => {
            format!("{} weeks from {}: passed on {} — the plan may be judged", r.weeks, r.from, r.passes_on)
        }
        Some(r) => format!(
            "{} weeks from {}: passes on {} — let the plan work until then",
            r.weeks, r.from, r.passes_on
        ),
    };
    s.pairs(vec![("minimum run", run)]);
    s.text("Initiatives and activities due by the next meeting, overdue, or completed since the last one:");
    let rows = p
        .due
        .iter()
        .map(|i| {
            let status = match i.status {
                ItemStatus::Done(on) => format!("done {on}"),
                other => other.word().to_string(),
            };
            vec![
                i.id.clone(),
                i.kind.to_string(),
                i.title.clone(),
                i.owner.clone().unwrap_or_else(|| "—".into()),
                i.due.map_or("—".into(), |d| d.to_string()),
                status,
            ]
        })
        .collect();
    s.table(&["id", "kind", "title", "owner", "due", "status"], rows);
    s.text("Options under consideration, best impact for effort first:");
    let rows = p
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            vec![
                (i + 1).to_string(),
                o.id.clone(),
                o.title.clone(),
                o.impact.to_string(),
                o.effort.to_string(),
            ]
        })
        .collect();
    s.table(&["rank", "id", "option", "impact", "effort"], rows);
    s.text("Plan changes since the last meeting:");
    let rows = p
        .changes
        .iter()
        .map(|c| {
            vec![
                c.on.to_string(),
                c.what.clone(),
                c.why.clone(),
                c.effective.to_string(),
                c.requested_by.clone(),
                if c.premature { "yes".into() } else { "no".into() },
            ]
        })
        .collect();
    s.table(&["agreed", "what", "why", "from", "asked by", "premature"], rows);
    s
}

fn commitments(b: &Brief) -> Section {
    let c = &b.commitments;
    let mut s = Section::new("commitments", "6. Commitments");
    s.text("Due since the last meeting, and any still overdue — both sides:");
    let rows = c
        .due
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.owner.clone(),
                r.what.clone(),
                r.due.to_string(),
                r.class.as_str().replace('_', " "),
                r.reason.clone(),
            ]
        })
        .collect();
    s.table(&["id", "owner", "what", "due", "status", "why"], rows);
    let rows = c
        .owners
        .iter()
        .map(|o| {
            vec![
                o.owner.clone(),
                o.all_time.due().to_string(),
                o.all_time.kept_on_time.to_string(),
                pct(o.all_time.say_do()),
                pct(o.last_13_weeks.say_do()),
            ]
        })
        .collect();
    s.text("Say / do (kept on time ÷ due):");
    s.table(&["owner", "due", "kept on time", "say/do", "last 13 weeks"], rows);
    s
}

fn mark_cell(mark: WeekMark) -> String {
    match mark {
        WeekMark::Hit(v) => format!("{} ✓", format_milli(v)),
        WeekMark::Miss(v) => format!("{} ✗", format_milli(v)),
        WeekMark::Missing => "—".into(),
        WeekMark::Untracked => String::new(),
    }
}

fn indicators(b: &Brief) -> Section {
    let ind = &b.indicators;
    let mut s = Section::new("indicators", "7. Leading indicators and contingencies");
    let skip = ind.weeks.len().saturating_sub(SHOWN_WEEKS);
    let mut headers = vec!["indicator".to_string(), "target".to_string()];
    headers.extend(ind.weeks.iter().skip(skip).map(|w| format!("W{:02}", w.week)));
    headers.push(format!("hit rate ({} wk)", ind.weeks.len()));
    let mut rows: Vec<Vec<String>> = ind
        .rows
        .iter()
        .map(|r| {
            let sign = if r.direction == Direction::AtLeast { "≥" } else { "≤" };
            let mut row = vec![r.name.clone(), format!("{sign} {}", format_milli(r.target_milli))];
            row.extend(r.marks.iter().skip(skip).map(|m| mark_cell(*m)));
            row.push(pct(r.hit_rate));
            row
        })
        .collect();
    if !rows.is_empty() {
        let mut worked = vec!["plan worked".to_string(), "share hit".to_string()];
        worked.extend(ind.plan_worked.iter().skip(skip).map(|v| pct(*v)));
        worked.push(String::new());
        rows.push(worked);
    }
    s.blocks.push(Block::Table { headers, rows });
    s.text("Contingencies triggered, with the action agreed in advance:");
    let rows = b
        .contingencies
        .iter()
        .map(|c| vec![c.id.clone(), c.trigger.clone(), c.since.to_string(), c.action.clone(), c.why.clone()])
        .collect();
    s.table(&["id", "trigger", "since", "agreed action", "why"], rows);
    s
}

fn trends(b: &Brief) -> Section {
    let t = &b.trends;
    let mut s = Section::new("trends", format!("8. Trends — the last {} weeks", t.weeks.len()));
    s.pairs(vec![
        ("new opportunities", format!("{} worth {}", t.totals.new_count, m(b, t.totals.new_value))),
        ("won", format!("{} worth {}", t.totals.won_count, m(b, t.totals.won_value))),
        ("lost", format!("{} worth {}", t.totals.lost_count, m(b, t.totals.lost_value))),
        (
            "win rate",
            format!(
                "{} by count, {} by value",
                pct(t.totals.win_rate_by_count()),
                pct(t.totals.win_rate_by_value())
            ),
        ),
        ("average won deal", t.average_won_size.map_or("—".into(), |v| m(b, v.round() as i64))),
        (
            "sales cycle",
            match (t.cycle_days_mean, t.cycle_days_median) {
                (Some(mean), Some(median)) => format!("{mean:.0} days on average, median {median:.0}"),
                _ => "—".into(),
            },
        ),
    ]);
    let spark = |values: Vec<i64>| {
        let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
        sparkline(&values.iter().map(|v| Some(*v as f64 / max)).collect::<Vec<_>>())
    };
    s.text(format!(
        "{WEEK_BY_WEEK}: new {}  won {}  lost {}",
        spark(t.weeks.iter().map(|w| w.new_value).collect()),
        spark(t.weeks.iter().map(|w| w.won_value).collect()),
        spark(t.weeks.iter().map(|w| w.lost_value).collect()),
    ));
    if !t.mix.is_empty() {
        let rows = t
            .mix
            .iter()
            .map(|x| vec![x.band.clone(), b.money(x.value), pct(x.share), pct(x.target_share)])
            .collect();
        s.table(&["size band", "open pipeline", "share", "agreed share"], rows);
    }
    s
}

fn issues(b: &Brief) -> Section {
    let mut s = Section::new("issues", "9. Issues raised by either side");
    let rows = b
        .issues
        .iter()
        .map(|i| {
            let status = match &i.resolved {
                Some((on, how)) => format!("resolved {on}: {how}"),
                None if i.new => "open (new)".into(),
                None => "open".into(),
            };
            vec![i.id.clone(), i.title.clone(), i.raised_by.clone(), i.raised_on.to_string(), status]
        })
        .collect();
    s.table(&["id", "issue", "raised by", "on", "status"], rows);
    s
}

fn questions(b: &Brief) -> Section {
    let mut s = Section::new("questions", "10. The three questions");
    for (i, q) in b.questions.iter().enumerate() {
        s.text(format!("{}. {}", i + 1, q.text));
        s.blocks.push(Block::List(q.facts.clone()));
    }
    s
}
