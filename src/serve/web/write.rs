//! Records made on a web page: decided against the head under the writer's
//! turn, checked against the signed-in member's rights, signed by the
//! server's own key on their behalf ("via web"), and appended through the
//! same acceptor as every other write.

use crate::core::decide::hire::score::ScoreInput;
use crate::core::state::State;
use crate::core::Event;
use crate::ledger::Digest;
use crate::serve::app::App;
use crate::serve::error::ApiError;

impl App {
    /// Decides with `decide` on the state at the head and records the
    /// events as `member`, signed by the server's key.
    pub fn record_web(
        &self,
        member: &str,
        decide: impl FnOnce(&State) -> crate::Result<Vec<Event>>,
    ) -> Result<Vec<Digest>, ApiError> {
        let _ = (member, decide);
        Err(ApiError::unavailable("web_key", "web writes are not available yet"))
    }

    /// A panelist's score from the web form: the ledger gets the seal, the
    /// clear score waits in the server's private store until the debrief.
    pub fn seal_score_web(&self, panelist: &str, input: ScoreInput) -> Result<Vec<Digest>, ApiError> {
        let _ = (panelist, input);
        Err(ApiError::unavailable("web_key", "web scoring is not available yet"))
    }

    /// The CEO opens a candidate's debrief from the web: the debrief and a
    /// reveal of every seal whose clear copy the server holds, in one append.
    pub fn open_debrief_web(&self, ceo: &str, candidate: &str) -> Result<Vec<Digest>, ApiError> {
        let _ = (ceo, candidate);
        Err(ApiError::unavailable("web_key", "web debriefs are not available yet"))
    }
}
