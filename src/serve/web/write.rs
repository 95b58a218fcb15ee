//! Records made on a web page: decided against the head under the writer's
//! turn, checked against the signed-in member's rights, signed by the
//! server's own key on their behalf ("via web"), and appended through the
//! same acceptor as every other write.

use crate::core::decide::hire::score::ScoreInput;
use crate::core::decide::hire::{self as hire};
use crate::core::hiring::Hiring;
use crate::core::state::{Origin, State};
use crate::core::{Event, Hash32};
use crate::identity::private_scores::{self, NotHere};
use crate::identity::server_key;
use crate::ledger::chain::Hash;
use crate::ledger::signing::{chain_entries, Entry};
use crate::ledger::Digest;
use crate::serve::app::App;
use crate::serve::error::ApiError;

/// Events to record, each part by its member: who it is for, what it says.
pub type WebParts = Vec<(String, Vec<Event>)>;

impl App {
    /// Decides with `decide` on the state at the head and records the
    /// events as `member`, signed by the server's key.
    pub fn record_web(
        &self,
        member: &str,
        decide: impl FnOnce(&State) -> crate::Result<Vec<Event>>,
    ) -> Result<Vec<Digest>, ApiError> {
        self.record_web_parts(|state| Ok(vec![(member.to_string(), decide(state)?)]))
    }

    /// Like `record_web`, for records by several members in one append
    /// (a debrief and its panelists' reveals).
    pub fn record_web_parts(
        &self,
        decide: impl FnOnce(&State) -> crate::Result<WebParts>,
    ) -> Result<Vec<Digest>, ApiError> {
        let mut acceptor = self.writer()?;
        let key = self.registered_web_key(acceptor.state())?;
        let parts = decide(acceptor.state()).map_err(web_error)?;
        // The member's rights are judged by the acceptor, record by record
        // on the state each one continues (`rights::check`, as for every
        // write): a refusal is a 403 naming the right.
        let entries: Vec<Entry<'_>> = parts
            .into_iter()
            .flat_map(|(member, events)| {
                events.into_iter().map(move |event| Entry { actor: member.clone(), event, signer: Some(key) })
            })
            .collect();
        if entries.is_empty() {
            return Err(ApiError::bad_request("empty", "nothing to record"));
        }
        let head = acceptor.head();
        // Recorded times never go backwards, whatever clock wrote the last.
        let now = acceptor.last_recorded_at().map_or(self.now(), |last| last.max(self.now()));
        let (prev, first) = head.map_or((Hash::ZERO, 1), |h| (h.hash, h.seq + 1));
        let records = chain_entries(prev, first, entries, now).map_err(web_error)?;
        let raws: Vec<Vec<u8>> = records.into_iter().map(|r| r.bytes).collect();
        self.accept_and_append(&mut acceptor, &raws)
    }

    /// The server's key, when the ledger registers it to a current server
    /// member; otherwise the refusal that says how to register it.
    fn registered_web_key(&self, state: &State) -> Result<&crate::ledger::Signer, ApiError> {
        let Some(key) = self.web_key.as_ref() else {
            return Err(ApiError::unavailable(
                "web_key",
                "this server has no key of its own; web writes are off",
            ));
        };
        let public = key.public();
        let registered = state.members.keys.get(&public).is_some_and(|e| {
            e.revoked_at.is_none()
                && state
                    .members
                    .get(&e.member)
                    .is_some_and(|m| m.is_active() && m.has(crate::core::Role::Server))
        });
        if registered {
            return Ok(key);
        }
        Err(ApiError::unavailable(
            "web_key",
            format!(
                "the ledger does not register this server's key, so it cannot sign web records; the CEO runs: \
                 candor --remote URL member add --name \"{}\" --role server --key {public}",
                server_key::NAME
            ),
        ))
    }

    /// A panelist's score from the web form: the ledger gets the seal, the
    /// clear score waits in the server's private store until the debrief.
    pub fn seal_score_web(&self, panelist: &str, input: ScoreInput) -> Result<Vec<Digest>, ApiError> {
        let ledger =
            self.ledger_id().ok_or_else(|| ApiError::bad_request("empty", "the ledger has no records"))?;
        let input = ScoreInput { panelist: panelist.to_string(), ..input };
        let mut kept = None;
        let result = self.record_web(panelist, |state| {
            let (events, path) = private_scores::seal_and_keep(state, ledger, &input)?;
            kept = Some(path);
            Ok(events)
        });
        if let (Err(_), Some(path)) = (&result, &kept) {
            // Nothing was recorded: the clear copy has no seal to open.
            private_scores::discard(path);
        }
        result
    }

    /// The CEO opens a candidate's debrief from the web: the debrief and a
    /// reveal of every seal whose clear copy the server holds, in one append.
    pub fn open_debrief_web(&self, ceo: &str, candidate: &str) -> Result<Vec<Digest>, ApiError> {
        let ledger = self.ledger_id();
        self.record_web_parts(|state| {
            let event = hire::debrief(state, candidate)?;
            let Event::DebriefOpened { candidate: id } = &event else { unreachable!("a debrief opens") };
            let mut after = state.clone();
            after.apply(Origin { seq: after.last_seq + 1, recorded_at: self.now() }, ceo, &event);
            let id = id.clone();
            let mut parts = vec![(ceo.to_string(), vec![event])];
            parts.extend(ledger.map(|l| held_reveals(&after, &l, &id)).unwrap_or_default());
            Ok(parts)
        })
    }

    /// Reveals the scores this server holds for `candidate` whose debrief
    /// is open (after a debrief opened from the command line). Nothing to
    /// reveal is not an error.
    pub fn reveal_held(&self, candidate: &str) -> Result<Vec<Digest>, ApiError> {
        let Some(ledger) = self.ledger_id() else { return Ok(Vec::new()) };
        let any = self.with_state(|state| !held_reveals(state, &ledger, candidate).is_empty());
        if !any || self.web_key.is_none() {
            return Ok(Vec::new());
        }
        self.record_web_parts(|state| Ok(held_reveals(state, &ledger, candidate)))
    }
}

/// The reveal of every open seal of `candidate` whose clear copy is in this
/// process's private store, each as its panelist.
fn held_reveals(state: &State, ledger: &Hash32, candidate: &str) -> WebParts {
    let h = Hiring::of(state);
    let mut parts = Vec::new();
    for p in &h.panel {
        if h.open_seal(candidate, &p.name).is_none() {
            continue;
        }
        match private_scores::reveal_event(state, ledger, candidate, &p.name) {
            Ok(event) => parts.push((p.name.clone(), vec![event])),
            Err(NotHere::Absent) => {}
            Err(NotHere::Refused(e)) => {
                eprintln!("candor serve: {}'s score for {candidate} stays sealed: {e}", p.name)
            }
        }
    }
    parts
}

/// A decide function's refusal, as the API answers it: bad input is a 400
/// naming the field; anything else is the server's failure.
pub fn web_error(e: crate::Error) -> ApiError {
    match e {
        crate::Error::Input { field, message } => {
            let mut err = ApiError::bad_request("input", format!("{field}: {message}"));
            err.body.field = Some(field);
            err
        }
        crate::Error::Usage(m) => ApiError::bad_request("input", m),
        other => ApiError::internal(other),
    }
}
