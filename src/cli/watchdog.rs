//! A deadline on making an append durable. On a full or failing disk sled's
//! flush has been seen to wait for ever while holding the ledger; a process
//! that cannot finish in time says so and exits 3, which releases the lock.
//! Nothing is acknowledged that was not made durable, and sled recovers the
//! log on the next open.

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long one command's append may take to be flushed and synced.
pub const DURABLE_WITHIN: Duration = Duration::from_secs(10);

/// Armed while it lives; dropping it disarms.
pub struct Watchdog {
    _disarm: Sender<()>,
}

impl Watchdog {
    /// `what` the process is doing, in words: "make the append durable".
    pub fn arm(ledger: &std::path::Path, what: &'static str, within: Duration) -> Watchdog {
        let (tx, rx) = channel::<()>();
        let path = ledger.display().to_string();
        std::thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(within) {
                eprintln!(
                    "error: the ledger at {path} could not {what} within {} s (is the disk full or \
                     failing?); nothing was acknowledged",
                    within.as_secs()
                );
                eprintln!(
                    "hint: free space or fix the device, then `candor log` shows whether it was kept; \
                     the ledger needs no repair"
                );
                std::process::exit(3);
            }
        });
        Watchdog { _disarm: tx }
    }
}
