//! The weekly brief, rendered: the same `core::brief::Brief` value as a
//! terminal document, Markdown, JSON, or one self-contained HTML page.

mod acks;
mod agreed;
pub mod change;
mod charts;
pub mod html;
mod hygiene;
pub mod json;
mod review;
pub mod sections;
mod svg;

pub use acks::acks_text;
pub use html::{html, html_with, Extras};
pub use json::acks_json;
pub use json::json;
pub use sections::{doc, sections, Section};
