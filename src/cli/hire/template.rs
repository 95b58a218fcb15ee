//! `candor hire template show|load`: the interview template in force, and
//! loading a new version from a TOML or JSON file.

use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::record::Session;
use crate::cli::view::View;
use candor::core::decide::hire as decide;
use candor::core::hiring::file::{self, Syntax};
use candor::core::hiring::{builtin, Hiring, Template};
use candor::core::{AsOf, Event};
use candor::report::doc::Doc;
use candor::report::{json, Format};
use candor::{Error, Result};
use serde_json::json;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum TemplateCommand {
    /// Show the template in force (the built-in one if none is recorded yet)
    Show {
        /// A recorded version instead of the one in force
        #[arg(value_name = "VERSION")]
        number: Option<u32>,
        #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
        as_of: Option<AsOf>,
    },
    /// Record a template from a TOML or JSON file as the next version
    Load {
        /// The template file (.toml or .json; see fixtures/templates/)
        file: PathBuf,
    },
}

pub fn run(ctx: &Context, command: TemplateCommand) -> Result<()> {
    match command {
        TemplateCommand::Show { number, as_of } => show(ctx, number, as_of),
        TemplateCommand::Load { file } => load(ctx, file),
    }
}

fn show(ctx: &Context, version: Option<u32>, as_of: Option<AsOf>) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let view = View::load(ctx, as_of)?;
    let h = Hiring::of(&view.state);
    let recorded = match version {
        Some(n) => Some(h.version(n).ok_or_else(|| {
            let known: Vec<String> = h.templates.iter().map(|v| v.version.to_string()).collect();
            let known = if known.is_empty() { "none yet".into() } else { known.join(", ") };
            Error::input("VERSION", format!("there is no template version {n}; recorded: {known}"))
        })?),
        None => h.current(),
    };
    let template = recorded.map_or_else(builtin::sales_leader, |v| v.template.clone());
    let (number, seq) = (recorded.map(|v| v.version), recorded.map(|v| v.seq));
    emit(&match ctx.format {
        Format::Json => json(&json!({
            "version": number, "recorded_seq": seq, "built_in": recorded.is_none(), "template": template,
        })),
        Format::Md => doc(&template, number, seq).markdown(),
        _ => doc(&template, number, seq).terminal(),
    });
    Ok(())
}

fn doc(t: &Template, version: Option<u32>, seq: Option<u64>) -> Doc {
    let title = match version {
        Some(v) => format!("Template v{v} — {}", t.name),
        None => format!("Template — {} (not recorded yet)", t.name),
    };
    let mut d = Doc::new(title);
    d.pairs(vec![
        (
            "recorded".into(),
            seq.map_or("no: recorded as v1 with the first candidate".into(), |s| format!("#{s}")),
        ),
        ("scale".into(), t.scale().to_string()),
        ("competencies".into(), t.competencies.len().to_string()),
        ("total weight".into(), t.total_weight().to_string()),
    ]);
    let rows = t
        .competencies
        .iter()
        .map(|c| {
            vec![
                c.key.clone(),
                c.name.clone(),
                c.kind.as_str().into(),
                c.weight.to_string(),
                if c.must_have { "yes".into() } else { "—".into() },
            ]
        })
        .collect();
    d.table(&["key", "name", "kind", "weight", "must-have"], rows);
    let scale = t.scale();
    for c in &t.competencies {
        d.heading(format!("{} — {}", c.key, c.name));
        let mut pairs: Vec<(String, String)> =
            c.questions.iter().map(|q| ("ask".to_string(), q.clone())).collect();
        pairs.extend(c.listen_for.iter().map(|l| ("listen for".to_string(), l.clone())));
        pairs.push((format!("{} (low)", scale.min), c.anchors.low.clone()));
        pairs.push((format!("{} (mid)", (scale.min + scale.max) / 2), c.anchors.mid.clone()));
        pairs.push((format!("{} (high)", scale.max), c.anchors.high.clone()));
        d.pairs(pairs);
    }
    d
}

fn load(ctx: &Context, path: PathBuf) -> Result<()> {
    let text = crate::cli::input::read_text(&path, "a template", crate::cli::input::TEMPLATE_LIMIT)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let template = file::parse(&text, Syntax::guess(&name, &text))?;
    let session = Session::open(ctx)?;
    let event = decide::load_template(&session.state, template)?;
    let summary = match &event {
        Event::HireTemplateLoaded { version, template } => format!(
            "template v{version} '{}': {} competencies, scale {}, total weight {}\n",
            template.name,
            template.competencies.len(),
            template.scale(),
            template.total_weight()
        ),
        _ => String::new(),
    };
    session.record(ctx, vec![event])?;
    emit(&summary);
    Ok(())
}
