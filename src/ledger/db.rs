//! sled's handle, closed safely after an I/O failure.
//!
//! sled flushes when its handle is dropped, and after a failed write on a
//! full disk that flush waits for ever: an open that failed half-way, or an
//! append whose flush failed, would then hang the process at exit holding
//! the lock. Once a sled operation has failed, the handle is left to the
//! end of the process instead of being closed; the operating system
//! releases the lock, and sled recovers from its log on the next open.

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Db {
    inner: Option<sled::Db>,
    failed: AtomicBool,
}

impl Db {
    pub fn new(db: sled::Db) -> Db {
        Db { inner: Some(db), failed: AtomicBool::new(false) }
    }

    /// Records that an operation failed: the handle will not be flushed on close.
    pub fn failed(&self) {
        self.failed.store(true, Ordering::SeqCst);
    }

    /// `result`, noting a failure.
    pub fn watch<T>(&self, result: sled::Result<T>) -> sled::Result<T> {
        if result.is_err() {
            self.failed();
        }
        result
    }
}

impl Deref for Db {
    type Target = sled::Db;

    fn deref(&self) -> &sled::Db {
        // Only `drop` takes it out.
        self.inner.as_ref().expect("sled handle present until drop")
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if self.failed.load(Ordering::SeqCst) {
            std::mem::forget(self.inner.take());
        }
    }
}
