//! `candor meeting ack`: one side's acknowledgement of a meeting's head, on
//! its own key. The other side may have acknowledged at the meeting, on
//! another machine, days before; each signature speaks for its signer only.

use super::hold::abbreviated;
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::record::{batch, Session};
use candor::core::decide::{acknowledge, member};
use candor::core::state::State;
use candor::ledger::Digest;
use candor::report::Format;
use candor::{Error, Result};

#[derive(clap::Args)]
pub struct AckArgs {
    /// The head to acknowledge, as `candor digest` prints it [default: the digest the other side
    /// acknowledged for the latest meeting]
    #[arg(long, value_parser = Digest::parse, value_name = "SEQ:HASH")]
    pub digest: Option<Digest>,
    /// Whose acknowledgement it is: ceo, leader or a name [default: the member whose key signs].
    /// Each side acknowledges only for themselves, on their own key
    #[arg(long = "for", value_name = "NAME")]
    pub on_behalf: Option<String>,
}

pub fn run(ctx: &Context, args: AckArgs) -> Result<()> {
    // Read before the session holds the ledger: is the digest this history's?
    let in_history = match args.digest {
        Some(d) if !batch::active() => Some(names_a_record(ctx, d)?),
        _ => None,
    };
    let session = Session::open(ctx)?;
    let state = &session.state;
    let digest = match args.digest {
        Some(d) => d,
        None => {
            acknowledge::default_digest(state).map(|(seq, hash)| Digest { seq, hash }).ok_or_else(|| {
                Error::input(
                    "--digest",
                    "nobody has acknowledged the latest meeting yet; give the head to acknowledge \
                 (--digest SEQ:HASH, as `candor digest` prints it)",
                )
            })?
        }
    };
    let known = state.acknowledgements.iter().any(|a| a.seq == digest.seq && a.hash == digest.hash);
    if in_history == Some(false) || (in_history.is_none() && !known) {
        return Err(Error::input(
            "--digest",
            format!("{digest} is not a record of this ledger's history; compare with `candor digest` and `candor log`"),
        ));
    }
    let signing = session.signing(ctx, None)?;
    let by = match &args.on_behalf {
        Some(who) => member::find(state, who, "--for")?.name.clone(),
        None => signing.member.clone(),
    };
    // Someone else's name is refused by the rights check, naming the right.
    let event = acknowledge::acknowledge(state, &by, digest.seq, digest.hash)?;
    let meeting = covered_meeting(state, digest.seq);
    let json = ctx.format == Format::Json;
    let written = session.record_signed(ctx, vec![(signing, vec![event])])?;
    if let (false, Some(ack)) = (json, written.last()) {
        emit(&format!(
            "You acknowledged the ledger as of record #{} (hash {}),\n\
             which includes {meeting};\nyour acknowledgement is record #{}.\n",
            digest.seq,
            abbreviated(&digest),
            ack.seq
        ));
    }
    Ok(())
}

/// The latest meeting held at or before record `seq`, in words.
fn covered_meeting(state: &State, seq: u64) -> String {
    state
        .meetings
        .iter()
        .filter(|m| m.held() && m.origin.seq <= seq)
        .max_by_key(|m| m.origin.seq)
        .map_or("no meeting yet".into(), |m| format!("the meeting of {} (record #{})", m.date, m.origin.seq))
}

/// Whether this ledger's record `d.seq` has exactly the hash `d.hash`.
fn names_a_record(ctx: &Context, d: Digest) -> Result<bool> {
    let ledger = ctx.open()?;
    Ok(ledger.record(d.seq)?.is_some_and(|r| r.hash == d.hash))
}
