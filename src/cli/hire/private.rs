//! Between the ledger and a panelist's private store: which ledger the
//! store belongs to, sealing a score into it, and the reveal it holds.

use crate::cli::context::Context;
use candor::core::decide::hire::score::{self as decide, ScoreInput};
use candor::core::hiring::{seal, Hiring, Rating};
use candor::core::state::State;
use candor::core::vocab::Recommendation;
use candor::core::{Event, Hash32};
use candor::identity::private_scores::{self, PrivateScore};
use candor::{Error, Result};
use std::path::PathBuf;

/// This ledger's id for the private stores, read before a session holds
/// the ledger (it is opened briefly, read-only).
pub fn ledger_id(ctx: &Context) -> Result<Hash32> {
    let ledger = ctx.open()?;
    let first = ledger.record(1)?.ok_or_else(|| Error::Usage("the ledger has no records".into()))?;
    Ok(private_scores::ledger_id(&first.hash.0))
}

/// Writes the clear copy of the score `seal_event` commits to. Returns
/// where it was written, so it can be discarded if the seal is not recorded.
pub fn keep(
    ledger: Hash32,
    seal_event: &Event,
    salt: Hash32,
    ratings: Vec<Rating>,
    recommend: Recommendation,
) -> Result<PathBuf> {
    let Event::ScoreSealed { candidate, panelist, template_version, commitment } = seal_event else {
        return Err(Error::Usage("internal: only a seal is kept privately".into()));
    };
    if !seal::opens(commitment, &salt, &ratings, recommend) {
        return Err(Error::Usage("internal: the clear copy does not open its own seal".into()));
    }
    let score = PrivateScore::new(
        ledger,
        candidate,
        panelist,
        *template_version,
        *commitment,
        salt,
        ratings,
        recommend,
    );
    private_scores::save(&score)
}

/// Why a sealed score could not be revealed from this machine.
pub enum NotHere {
    /// No clear copy in this machine's store.
    Absent,
    /// A copy is here but it is refused (readable by others, not a score,
    /// or it does not open the seal).
    Refused(Error),
}

/// The `score_revealed` for `panelist`'s sealed score of `candidate`, from
/// the private store; decided by the same rule as any reveal (the debrief
/// must be open, the values must open the seal).
pub fn reveal_event(
    state: &State,
    ledger: &Hash32,
    candidate: &str,
    panelist: &str,
) -> std::result::Result<Event, NotHere> {
    let h = Hiring::of(state);
    let Some(open) = h.open_seal(candidate, panelist) else {
        return Err(NotHere::Refused(Error::input(
            "--panelist",
            format!("{panelist} has no sealed score for {candidate} to reveal"),
        )));
    };
    let (score, _) = match private_scores::load(ledger, candidate, panelist) {
        Ok(Some(found)) => found,
        Ok(None) => return Err(NotHere::Absent),
        Err(e) => return Err(NotHere::Refused(e)),
    };
    if score.commitment != open.commitment {
        return Err(NotHere::Refused(Error::input(
            "seal",
            format!(
                "the private copy of {panelist}'s score for {candidate} was kept for another seal than the one \
                 recorded in #{}; it cannot be revealed",
                open.seq
            ),
        )));
    }
    let input = ScoreInput {
        candidate: candidate.into(),
        panelist: panelist.into(),
        ratings: score.ratings.iter().map(|r| format!("{}={}", r.key, r.shown())).collect(),
        evidence: score
            .ratings
            .iter()
            .filter_map(|r| r.evidence.as_ref().map(|e| format!("{}={e}", r.key)))
            .collect(),
        recommend: score.recommend.to_string(),
        ..ScoreInput::default()
    };
    decide::reveal(state, input, &score.salt.to_hex()).map_err(NotHere::Refused)
}
