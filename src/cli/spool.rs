//! Output gathered while the ledger is open and printed after it is
//! released, so a reader on a slow pipe (`candor log | less`) never keeps
//! anyone else out. Small output stays in memory; a long history spills to
//! an anonymous temporary file, so memory stays flat.

use super::output::emit_bytes;
use std::fs::File;
use std::io::{Read, Seek, Write};

const IN_MEMORY: usize = 8 << 20;

#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<File>,
}

impl Spool {
    pub fn push(&mut self, text: &str) {
        self.push_bytes(text.as_bytes());
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        if self.file.is_none() && self.memory.len() + bytes.len() > IN_MEMORY {
            // No temporary directory: keep it in memory rather than fail.
            if let Ok(mut f) = tempfile::tempfile() {
                if f.write_all(&self.memory).is_ok() {
                    self.memory.clear();
                    self.file = Some(f);
                }
            }
        }
        let written = match self.file.as_mut() {
            Some(f) => f.write_all(bytes).is_ok(),
            None => false,
        };
        if !written {
            self.memory.extend_from_slice(bytes);
        }
    }

    /// Prints everything gathered; call once the ledger is released.
    pub fn emit(mut self) {
        if let Some(mut f) = self.file.take() {
            if f.rewind().is_ok() {
                let mut chunk = vec![0u8; 1 << 20];
                while let Ok(n) = f.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    emit_bytes(&chunk[..n]);
                }
            }
        }
        emit_bytes(&self.memory);
    }
}

/// A `Write` into a spool, for writers that produce bytes (the export).
pub struct SpoolWriter<'a>(pub &'a mut Spool);

impl Write for SpoolWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push_bytes(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
