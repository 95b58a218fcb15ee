//! Placeholder replaced by the restore branch's rule book at merge.
use crate::core::state::State;
use crate::core::Envelope;
use crate::error::{Error, Result};

pub fn revalidate_all(_state: &State, _envs: &[Envelope]) -> Result<()> {
    Err(Error::Usage("re-validation is not built yet".into()))
}
