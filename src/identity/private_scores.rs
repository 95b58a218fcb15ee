//! A panelist's sealed scores in clear, kept on their own machine until the
//! debrief (sharing.md § 4). The ledger holds only the commitment; the
//! ratings, evidence, recommendation and salt that open it wait here, in
//! `<keys dir>/scores/<ledger id>/<name>.score`: mode 0600 in 0700
//! directories, refused (as a key file is) when others could read it.
//!
//! The ledger id is derived from the hash of the ledger's first record, so
//! the store follows the ledger wherever its directory is moved or copied.

use super::keys;
use crate::core::decide::hire::score::{self as decide, ScoreInput};
use crate::core::hiring::Rating;
use crate::core::hiring::{seal, Hiring};
use crate::core::state::State;
use crate::core::vocab::Recommendation;
use crate::core::Event;
use crate::core::Hash32;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const FORMAT: &str = "candor private score 1";
/// Far above any real score (nine notes of a few thousand characters).
const MAX_BYTES: u64 = 4 << 20;
const FIELD: &str = "private store";

/// One sealed score in clear: what opens the seal recorded in the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateScore {
    pub format: String,
    pub ledger: Hash32,
    pub candidate: String,
    pub panelist: String,
    pub template_version: u32,
    pub commitment: Hash32,
    pub salt: Hash32,
    pub ratings: Vec<Rating>,
    pub recommend: Recommendation,
}

impl PrivateScore {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        ledger: Hash32,
        candidate: &str,
        panelist: &str,
        template_version: u32,
        commitment: Hash32,
        salt: Hash32,
        ratings: Vec<Rating>,
        recommend: Recommendation,
    ) -> PrivateScore {
        PrivateScore {
            format: FORMAT.into(),
            ledger,
            candidate: candidate.into(),
            panelist: panelist.into(),
            template_version,
            commitment,
            salt,
            ratings,
            recommend,
        }
    }
}

/// The ledger's id: blake3 over the hash of its `ledger_opened` record.
pub fn ledger_id(first_record_hash: &[u8; 32]) -> Hash32 {
    let mut h = blake3::Hasher::new();
    h.update(b"candor ledger id\n");
    h.update(first_record_hash);
    Hash32(*h.finalize().as_bytes())
}

/// The directory of one ledger's private scores on this machine.
pub fn dir(ledger: &Hash32) -> Result<PathBuf> {
    Ok(keys::dir()?.join("scores").join(ledger.to_hex()))
}

/// Where the clear copy of `panelist`'s score for `candidate` is kept. The
/// file name is a hash, so names never shape a path.
pub fn path(ledger: &Hash32, candidate: &str, panelist: &str) -> Result<PathBuf> {
    let mut h = blake3::Hasher::new();
    h.update(candidate.as_bytes());
    h.update(&[0]);
    h.update(panelist.as_bytes());
    let name = &Hash32(*h.finalize().as_bytes()).to_hex()[..32];
    Ok(dir(ledger)?.join(format!("{name}.score")))
}

/// Writes the clear copy (0600, flushed) before its seal is recorded.
pub fn save(score: &PrivateScore) -> Result<PathBuf> {
    let dir = dir(&score.ledger)?;
    if let Some(scores) = dir.parent() {
        keys::create_private_dir(scores)?;
    }
    keys::create_private_dir(&dir)?;
    let path = path(&score.ledger, &score.candidate, &score.panelist)?;
    let text = serde_json::to_string_pretty(score)
        .map_err(|e| Error::Unwritable { path: path.clone(), cause: e.to_string() })?;
    let part = path.with_extension("score.part");
    let unwritable = |p: &Path, e: std::io::Error| Error::Unwritable { path: p.into(), cause: e.to_string() };
    let _ = fs::remove_file(&part);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&part).map_err(|e| unwritable(&part, e))?;
    f.write_all(text.as_bytes()).and_then(|()| f.sync_all()).map_err(|e| unwritable(&part, e))?;
    fs::rename(&part, &path).map_err(|e| unwritable(&path, e))?;
    Ok(path)
}

/// The clear copy of a sealed score, if this machine holds one. Refused
/// when others could read the file, or when it is not a private score of
/// this ledger, candidate and panelist.
pub fn load(ledger: &Hash32, candidate: &str, panelist: &str) -> Result<Option<(PrivateScore, PathBuf)>> {
    let path = path(ledger, candidate, panelist)?;
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::Unreadable { path, cause: e.to_string() }),
    };
    keys::check_private_file(
        &path,
        FIELD,
        "private score file",
        "a sealed score must stay yours alone until the debrief",
    )?;
    let bad = |why: String| Error::input(FIELD, format!("{} is not a private score: {why}", path.display()));
    if meta.len() > MAX_BYTES {
        return Err(bad("too large".into()));
    }
    let text = fs::read_to_string(&path)
        .map_err(|e| Error::Unreadable { path: path.clone(), cause: e.to_string() })?;
    let score: PrivateScore = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    if score.format != FORMAT {
        return Err(bad(format!("unknown format '{}'", score.format)));
    }
    if score.ledger != *ledger || score.candidate != candidate || score.panelist != panelist {
        return Err(bad(format!(
            "it holds {}'s score for {} on another ledger or candidate",
            score.panelist, score.candidate
        )));
    }
    Ok(Some((score, path)))
}

/// Removes a clear copy whose seal could not be recorded.
pub fn discard(path: &Path) {
    let _ = fs::remove_file(path);
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
    save(&score)
}

/// A fresh 32-byte salt from the operating system's random source.
pub fn random_salt() -> Result<Hash32> {
    let mut salt = [0u8; 32];
    getrandom::getrandom(&mut salt)
        .map_err(|e| Error::Usage(format!("cannot get random bytes for the salt: {e}")))?;
    Ok(Hash32(salt))
}

/// Decides a sealed score on `state` (the same `seal` a restore re-runs)
/// and keeps its clear copy in this process's private store. Returns the
/// events to record and where the copy is, to discard it if they are not
/// recorded. The command line and the web form both seal through here.
pub fn seal_and_keep(state: &State, ledger: Hash32, input: &ScoreInput) -> Result<(Vec<Event>, PathBuf)> {
    let salt = random_salt()?;
    let events = decide::seal(state, input.clone(), &salt)?;
    let (_, template) = crate::core::decide::hire::template_for(&Hiring::of(state), input.candidate.trim());
    let ratings = decide::ratings(&template, &input.ratings, &input.evidence)?;
    let recommend = Recommendation::parse(&input.recommend).map_err(|m| Error::input("--recommend", m))?;
    let sealed = events
        .iter()
        .find(|e| matches!(e, Event::ScoreSealed { .. }))
        .ok_or_else(|| Error::Usage("internal: a sealed score records a score_sealed".into()))?;
    let path = keep(ledger, sealed, salt, ratings, recommend)?;
    Ok((events, path))
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
    let (score, _) = match load(ledger, candidate, panelist) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_id_and_file_names_are_hashes() {
        let id = ledger_id(&[1; 32]);
        assert_ne!(id, ledger_id(&[2; 32]));
        let a = path(&id, "c-ana", "Kim");
        let b = path(&id, "c-ana", "Lee");
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_ne!(a, b);
            let name = a.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.ends_with(".score") && !name.contains("Kim"), "{name}");
        }
    }
}
