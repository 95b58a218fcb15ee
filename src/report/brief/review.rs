//! The review sections of the brief: the plan, commitments, indicators and
//! contingencies, trends, issues, and the three questions.

use super::sections::{Section, WEEK_BY_WEEK};
use crate::core::brief::Brief;
use crate::core::decide::indicator::{format_milli, WeekMark};
use crate::core::decide::plan_review::ItemStatus;
use crate::core::money::Money;
use crate::core::vocab::Direction;
use crate::report::doc::{pct, sparkline, Block};

/// How many of the reviewed weeks the indicator table shows.
pub const SHOWN_WEEKS: usize = 6;

fn m(b: &Brief, v: i64) -> String {
    b.money(Money(v))
}

pub(super) fn plan(b: &Brief) -> Section {
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

pub(super) fn commitments(b: &Brief) -> Section {
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

pub(super) fn indicators(b: &Brief) -> Section {
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
    if !ind.this_week.rows.is_empty() {
        s.text(crate::report::audit::indicators::this_week_line(&ind.this_week));
    }
    s.text("Contingencies triggered, with the action agreed in advance:");
    let rows = b
        .contingencies
        .iter()
        .map(|c| vec![c.id.clone(), c.trigger.clone(), c.since.to_string(), c.action.clone(), c.why.clone()])
        .collect();
    s.table(&["id", "trigger", "since", "agreed action", "why"], rows);
    s
}

pub(super) fn trends(b: &Brief) -> Section {
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
    if let Some(week) = t.in_progress.week {
        let now = &t.in_progress;
        s.text(format!(
            "{week} (in progress, in none of the figures above): {} new worth {}, {} won worth {}, {} lost worth {} so far.",
            now.new_count,
            m(b, now.new_value),
            now.won_count,
            m(b, now.won_value),
            now.lost_count,
            m(b, now.lost_value)
        ));
    }
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

pub(super) fn issues(b: &Brief) -> Section {
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

pub(super) fn questions(b: &Brief) -> Section {
    let mut s = Section::new("questions", "10. The three questions");
    for (i, q) in b.questions.iter().enumerate() {
        s.text(format!("{}. {}", i + 1, q.text));
        s.blocks.push(Block::List(q.facts.clone()));
    }
    s
}
