//! `deal bands`: set the size bands and the agreed pipeline mix, or (without
//! flags) show the bands in force and how the open pipeline spreads over them.

use super::view::{currency, render};
use crate::cli::context::Context;
use crate::cli::output::emit;
use candor::core::bands::{mix, Percent};
use candor::core::AsOf;
use candor::ledger::replay;
use candor::report::{json, Format};
use candor::{Error, Result};
use serde_json::json;

#[derive(clap::Args, Clone)]
pub struct BandsArgs {
    /// A band and the smallest amount in it, e.g. --band large=250k --band mid=50k (repeat per band)
    #[arg(long = "band", value_name = "NAME=MIN")]
    bands: Vec<String>,
    /// The agreed share of open pipeline value for a band, e.g. --target large=40 (all add up to 100)
    #[arg(long = "target", value_name = "NAME=PERCENT")]
    targets: Vec<String>,
    /// Show the bands in force at this point
    #[arg(long, value_parser = AsOf::parse, value_name = "DATE|SEQ")]
    as_of: Option<AsOf>,
}

impl BandsArgs {
    /// Without --band or --target the command shows the bands in force.
    pub fn shows(&self) -> bool {
        self.bands.is_empty() && self.targets.is_empty()
    }

    pub fn into_specs(self) -> Result<(Vec<String>, Vec<String>)> {
        if self.as_of.is_some() {
            return Err(Error::input(
                "--as-of",
                "only applies when showing the bands; new bands take effect now",
            ));
        }
        Ok((self.bands, self.targets))
    }
}

/// `deal bands` without flags: the bands in force and the open pipeline's
/// mix across them, against the agreed targets.
pub fn show(ctx: &Context, a: BandsArgs) -> Result<()> {
    ctx.require_format(&[Format::Table, Format::Json, Format::Md])?;
    let state = replay::state(&ctx.open()?, a.as_of)?;
    let open = state.deals.values().filter(|d| d.is_open()).map(|d| d.current().amount);
    let mix = mix(&state.size_bands, open);
    let total: i64 = mix.iter().fold(0, |s, m| s.saturating_add(m.amount.0));
    let share = |amount: i64| (total > 0).then(|| amount as f64 / total as f64);
    let text = match ctx.format {
        Format::Json => json(&json!({
            "currency": currency(&state),
            "bands": mix.iter().map(|m| json!({
                "name": m.band.map(|b| b.name.as_str()),
                "min": m.band.map(|b| b.min.0),
                "target_share": m.band.and_then(|b| b.target_share_bp).map(|bp| f64::from(bp) / 10_000.0),
                "open_deals": m.deals,
                "open_amount": m.amount.0,
                "open_share": share(m.amount.0),
            })).collect::<Vec<_>>(),
            "open_total": total,
        })),
        _ if state.size_bands.is_empty() => {
            "No size bands are set; set them with `candor deal bands --band large=250k --band mid=50k`.\n"
                .into()
        }
        format => {
            let headers = ["band", "from", "target", "open deals", "open amount", "open share"];
            let pct = |x: Option<f64>| {
                x.map_or("—".into(), |x| format!("{}%", Percent((x * 10_000.0).round() as u32)))
            };
            let rows: Vec<Vec<String>> = mix
                .iter()
                .map(|m| {
                    vec![
                        m.band.map_or("(below every band)".into(), |b| b.name.clone()),
                        m.band.map_or(String::new(), |b| state.money(b.min)),
                        m.band
                            .and_then(|b| b.target_share_bp)
                            .map_or("—".into(), |bp| format!("{}%", Percent(bp))),
                        m.deals.to_string(),
                        state.money(m.amount),
                        pct(share(m.amount.0)),
                    ]
                })
                .collect();
            render(format, &headers, &rows)
        }
    };
    emit(&text);
    Ok(())
}
