//! The recording clock: how far ahead of the machine a record may be
//! stamped, and the one way back from a record stamped in the future.

use crate::core::event::Event;
use crate::core::text;
use crate::core::time::Timestamp;
use crate::error::{Error, Result};

/// How far a recording time may run ahead of the machine's clock (clock
/// skew between machines, not a way to date facts in the future).
pub const MAX_AHEAD_MICROS: i64 = 5 * 60 * 1_000_000;
/// The environment variable that lets fixtures record at any time.
pub const ALLOW_FUTURE_ENV: &str = "CANDOR_ALLOW_FUTURE_CLOCK";

/// Whether a record stamped `at` may follow one stamped `last`: recorded
/// times never decrease, except by a clock reset from exactly `last`.
pub fn may_follow(last: Timestamp, at: Timestamp, event: &Event) -> bool {
    at >= last || matches!(event, Event::ClockReset { from, .. } if *from == last)
}

/// Refuses a recording time earlier than the last record's (`last`).
pub fn check_not_before(last: Option<Timestamp>, now: Timestamp) -> Result<()> {
    match last {
        Some(last) if now < last => Err(Error::input(
            "clock",
            format!(
                "the recording time {now} is earlier than the last record's ({last}); recorded times \
                 never go backwards — check the system clock or CANDOR_NOW"
            ),
        )),
        _ => Ok(()),
    }
}

/// Whether `at` is more than five minutes ahead of `machine`.
pub fn is_ahead(at: Timestamp, machine: Timestamp) -> bool {
    at.micros().saturating_sub(machine.micros()) > MAX_AHEAD_MICROS
}

/// Refuses a proposed recording time more than five minutes from the
/// recording clock `now`, either way (a server judging a client's time).
pub fn check_near(at: Timestamp, now: Timestamp) -> std::result::Result<(), String> {
    if at.micros().abs_diff(now.micros()) > MAX_AHEAD_MICROS as u64 {
        return Err(format!(
            "recorded_at {at} is more than 5 minutes from the server's clock ({now}); check this machine's clock"
        ));
    }
    Ok(())
}

/// Refuses a recording time more than five minutes ahead of the machine.
pub fn check_not_ahead(now: Timestamp, machine: Timestamp) -> Result<()> {
    if is_ahead(now, machine) {
        return Err(Error::input(
            "clock",
            format!(
                "the recording time {now} is more than 5 minutes ahead of this machine's clock ({machine}); \
                 check CANDOR_NOW and the system clock (fixtures that must record in the future set \
                 {ALLOW_FUTURE_ENV}=1)"
            ),
        ));
    }
    Ok(())
}

/// Refuses a write after a record stamped in the future, saying how to
/// recover; None when the head is not ahead of the machine.
pub fn check_head(head_at: Option<Timestamp>, now: Timestamp, machine: Timestamp) -> Result<()> {
    match head_at {
        Some(head) if now < head && is_ahead(head, machine) => Err(Error::input(
            "clock",
            format!(
                "the last record is stamped {head}, ahead of this machine's clock ({machine}), so nothing \
                 can be recorded after it at the real time. If this machine's clock is right, record the \
                 step back once: `candor clock reset --reason TEXT`"
            ),
        )),
        _ => Ok(()),
    }
}

/// The record that steps the clock back from a head stamped in the future.
/// It is made at the real time: never more than five minutes from the
/// machine's clock either way (a reset cannot rewind time), and never
/// before the ledger was opened.
pub fn reset(
    head_at: Option<Timestamp>,
    opened_at: Option<Timestamp>,
    now: Timestamp,
    machine: Timestamp,
    reason: &str,
) -> Result<Event> {
    let reason = text::text(reason, text::MAX_TEXT).map_err(|m| Error::input("--reason", m))?;
    if is_ahead(now, machine) || is_ahead(machine, now) {
        return Err(Error::input(
            "clock",
            format!(
                "a clock reset is recorded at the real time; {now} is more than 5 minutes from this \
                 machine's clock ({machine}) — leave CANDOR_NOW unset"
            ),
        ));
    }
    if let Some(opened) = opened_at.filter(|o| now < *o) {
        return Err(Error::input(
            "clock",
            format!("{now} is before the ledger was opened ({opened}); a reset cannot step back past it"),
        ));
    }
    match head_at {
        Some(head) if now < head && is_ahead(head, machine) => Ok(Event::ClockReset { from: head, reason }),
        Some(head) => Err(Error::input(
            "clock",
            format!(
                "the last record ({head}) is not ahead of this machine's clock ({machine}); there is \
                 nothing to reset"
            ),
        )),
        None => Err(Error::input("clock", "the ledger has no records; there is nothing to reset")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn five_minutes_ahead_is_skew_and_a_second_more_is_refused() {
        let machine = t("2026-12-01T10:00:00Z");
        assert!(check_not_ahead(t("2026-12-01T10:05:00Z"), machine).is_ok());
        let e = check_not_ahead(t("2026-12-01T10:05:01Z"), machine).unwrap_err().to_string();
        assert!(e.contains("clock") && e.contains(ALLOW_FUTURE_ENV), "{e}");
        assert!(check_not_ahead(t("2026-01-01T00:00:00Z"), machine).is_ok(), "the past is fine");
    }

    #[test]
    fn a_future_head_blocks_real_time_writes_until_reset() {
        let machine = t("2026-12-01T10:00:00Z");
        let head = Some(t("2099-01-01T00:00:00Z"));
        let e = check_head(head, machine, machine).unwrap_err().to_string();
        assert!(e.contains("candor clock reset"), "{e}");
        let opened = Some(t("2026-01-05T00:00:00Z"));
        let event = reset(head, opened, machine, machine, "the server's clock was wrong").unwrap();
        assert_eq!(
            event,
            Event::ClockReset {
                from: t("2099-01-01T00:00:00Z"),
                reason: "the server's clock was wrong".into()
            }
        );
        // A head that is merely later than a fixture's clock is not a future head.
        assert!(
            reset(Some(t("2026-11-30T00:00:00Z")), opened, t("2026-11-29T23:58:00Z"), machine, "x").is_err()
        );
        assert!(check_head(Some(t("2026-11-30T00:00:00Z")), machine, machine).is_ok());
        assert!(reset(head, opened, machine, machine, "").is_err(), "a reason is required");
        // A reset cannot rewind time: not away from the real clock, not before the opening.
        assert!(reset(head, opened, t("2020-01-01T00:00:00Z"), machine, "x").is_err());
        let early = t("2020-01-01T00:00:00Z");
        assert!(reset(head, opened, early, early, "x").is_err(), "before the opening");
    }
}
