//! `candor hire candidate add|list` and `candor hire panel add|list`.

use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::{check, rule, shared, Ask, Terminal};
use crate::cli::record::{prompter, Session};
use crate::cli::view::View;
use candor::core::decide::hire as decide;
use candor::core::decide::next_id;
use candor::core::hiring::report::{report, Status};
use candor::core::hiring::Hiring;
use candor::core::{text, AsOf, PublicKey};
use candor::report::{json, table, Format};
use candor::Result;
use serde_json::json;

#[derive(clap::Subcommand)]
pub enum CandidateCommand {
    /// Add a candidate (the first one records the built-in template if none was loaded)
    Add {
        /// Identifier, e.g. c-ana [prompt default: made from the name]
        #[arg(long)]
        id: Option<String>,
        /// The candidate's full name
        #[arg(long)]
        name: Option<String>,
    },
    /// List candidates: who has submitted and sealed, debrief, decision (no ratings)
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

#[derive(clap::Subcommand)]
pub enum PanelCommand {
    /// Add a panelist (a name, or ceo / leader); --key also registers their key
    Add {
        #[arg(long)]
        name: Option<String>,
        /// The panelist's public key (ed25519:<64 hex>, from `candor key new` on their machine)
        #[arg(long, value_name = "ed25519:HEX")]
        key: Option<String>,
    },
    /// List the panel and whom each panelist has scored
    List {
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
}

/// A readable id from a name, ASCII letters and digits only (`Ana Pérez` →
/// `c-ana-prez`); the next free `c-n` when that is empty or taken.
fn suggested_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let slug: String = name
        .to_ascii_lowercase()
        .split_whitespace()
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let id = format!("c-{slug}");
    if slug.is_empty() || id.len() > text::MAX_ID || taken(&id) {
        next_id("c", taken)
    } else {
        id
    }
}

pub fn candidate(ctx: &Context, command: CandidateCommand) -> Result<()> {
    let (id, name) = match command {
        CandidateCommand::List { as_of } => return list_candidates(ctx, as_of),
        CandidateCommand::Add { id, name } => (id, name),
    };
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let st = shared(&ask, state);
    let events = ask.settle(|ask| {
        let name_st = st.clone();
        let name_rule = rule(move |s| decide::candidate_name(&name_st, s));
        let name = ask.text(name.clone(), "--name", "Candidate's name:", name_rule)?;
        let h = Hiring::of(state);
        let taken = |i: &str| h.candidates.iter().any(|c| c.id.eq_ignore_ascii_case(i));
        let default_id = suggested_id(&name, taken);
        let id_st = st.clone();
        let id_rule = rule(move |s| decide::new_candidate_id(&Hiring::of(&id_st), s));
        let id = ask.text_with_default(id.clone(), "--id", "Candidate id:", Some(&default_id), id_rule)?;
        let summary = format!("Add candidate {id} ({name})");
        Ok((decide::add_candidate(state, &id, &name)?, summary))
    })?;
    session.record(ctx, events)?;
    Ok(())
}

fn list_candidates(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = View::load(ctx, as_of)?;
    let r = report(&Hiring::of(&view.state));
    let text = match ctx.format {
        Format::Json => json(&json!({
            "as_of": view.at.to_string(),
            "candidates": r.candidates.iter().map(|c| json!({
                "candidate": c.id, "name": c.name, "template_version": c.template_version,
                "submitted": c.named(Status::Submitted), "sealed": c.named(Status::Sealed),
                "missing": c.named(Status::Missing),
                "debrief_open": !c.blind(), "debrief_seq": c.debrief,
                "decision": c.decision.as_ref().map(|d| json!({"decision": d.decision.as_str(), "reason": d.reason, "seq": d.seq})),
            })).collect::<Vec<_>>(),
        })),
        format => {
            let rows: Vec<Vec<String>> = r
                .candidates
                .iter()
                .map(|c| {
                    let names = |s: Status| {
                        let n = c.named(s);
                        if n.is_empty() {
                            "—".to_string()
                        } else {
                            n.join(", ")
                        }
                    };
                    vec![
                        c.id.clone(),
                        c.name.clone(),
                        c.template_version.map_or("—".into(), |v| format!("v{v}")),
                        names(Status::Submitted),
                        names(Status::Sealed),
                        c.debrief.map_or("not yet".into(), |s| format!("open (#{s})")),
                        c.decision.as_ref().map_or("—".into(), |d| d.decision.to_string()),
                    ]
                })
                .collect();
            let headers = ["candidate", "name", "template", "submitted", "sealed", "debrief", "decision"];
            render(format, &headers, &rows)
        }
    };
    emit(&text);
    Ok(())
}

fn render(format: Format, headers: &[&str], rows: &[Vec<String>]) -> String {
    if format == Format::Md {
        table::markdown(headers, rows)
    } else if rows.is_empty() {
        "(none)\n".into()
    } else {
        table::terminal(headers, rows)
    }
}

pub fn panel(ctx: &Context, command: PanelCommand) -> Result<()> {
    let (name, key) = match command {
        PanelCommand::List { as_of } => return list_panel(ctx, as_of),
        PanelCommand::Add { name, key } => (name, key),
    };
    let key = match key {
        Some(k) => Some(PublicKey::parse(&k).map_err(|m| candor::Error::input("--key", m))?),
        None => None,
    };
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let events = ask.settle(|ask| {
        let name =
            ask.text(name.clone(), "--name", "Panelist's name (or ceo / leader):", check(text::name))?;
        let with_key = key.map_or(String::new(), |k| format!(" with the key {k}"));
        let summary = format!("Add {name} to the panel{with_key}");
        Ok((decide::add_panelist_with_key(&session.state, &name, key)?, summary))
    })?;
    session.record(ctx, events)?;
    Ok(())
}

fn list_panel(ctx: &Context, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = View::load(ctx, as_of)?;
    let h = Hiring::of(&view.state);
    let scored = |name: &str| -> Vec<String> {
        h.candidates
            .iter()
            .filter(|c| h.current_scores(&c.id).iter().any(|s| s.panelist == name))
            .map(|c| c.id.clone())
            .collect()
    };
    let sealed = |name: &str| -> Vec<String> {
        h.seals
            .iter()
            .filter(|s| s.panelist == name && s.revealed.is_none())
            .map(|s| s.candidate.clone())
            .collect()
    };
    let text = match ctx.format {
        Format::Json => json(&json!({
            "as_of": view.at.to_string(),
            "panel": h.panel.iter().map(|p| json!({
                "name": p.name, "seq": p.seq, "scored": scored(&p.name), "sealed": sealed(&p.name),
            })).collect::<Vec<_>>(),
        })),
        format => {
            let list = |v: Vec<String>| if v.is_empty() { "—".to_string() } else { v.join(", ") };
            let rows: Vec<Vec<String>> = h
                .panel
                .iter()
                .map(|p| {
                    vec![p.name.clone(), format!("#{}", p.seq), list(scored(&p.name)), list(sealed(&p.name))]
                })
                .collect();
            render(format, &["panelist", "added", "scored", "sealed"], &rows)
        }
    };
    emit(&text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_ids_are_readable_and_free() {
        assert_eq!(suggested_id("Ana Pérez", |_| false), "c-ana-prez");
        assert_eq!(suggested_id("Ana Pérez", |i| i == "c-ana-prez"), "c-1");
        assert_eq!(suggested_id("李", |_| false), "c-1");
    }
}
