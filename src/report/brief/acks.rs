//! "Both sides agree" in the brief: for each meeting in the interval, each
//! side's acknowledgement of its head (who, in which record, when) or that
//! it is still pending.

use super::sections::Section;
use crate::core::brief::Brief;
use crate::core::decide::acknowledge::MeetingAcks;

pub(super) fn section(b: &Brief) -> Section {
    let mut s = Section::new("acknowledgements", "9b. Acknowledgements — both sides agree on the record");
    if b.meetings.is_empty() {
        s.text(format!("No meeting held from {} to {}.", b.since, b.until));
        return s;
    }
    let rows = b
        .meetings
        .iter()
        .map(|m| vec![m.date.to_string(), format!("#{}", m.seq), acks_text(&m.acks)])
        .collect();
    s.table(&["meeting", "record", "acknowledged"], rows);
    s
}

/// "Lee #68 on 2026-02-02 (67:1a2b3c4d…), Dana pending" — one line.
pub fn acks_text(acks: &MeetingAcks) -> String {
    let mut parts: Vec<String> = acks
        .acks
        .iter()
        .map(|a| {
            let hash = a.digest.1.to_string();
            let unsigned = if a.shared { ", for both, unsigned" } else { "" };
            format!("{} #{} on {} ({}:{}…{unsigned})", a.by, a.seq, a.at.date(), a.digest.0, &hash[..8])
        })
        .collect();
    parts.extend(acks.pending.iter().map(|p| format!("{p} pending (candor meeting ack)")));
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(", ")
    }
}
