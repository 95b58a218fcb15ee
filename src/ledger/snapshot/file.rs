//! The snapshot file's layout. Entities (commitments, deals) are written in
//! blocks sorted by id without case, so one can be read without the rest;
//! the small part of the state and a table of the blocks close the file.
//!
//! `MAGIC ‖ release (u8 length ‖ bytes) ‖ seq (u64 BE) ‖ hash (32)` then the
//! blocks, then `core ‖ table ‖ core offset (u64 BE) ‖ table offset (u64 BE)
//! ‖ seal (32)`. The seal is blake3 keyed with this machine's key over the
//! header and everything from the core on; the table holds each block's
//! blake3, so the seal covers every byte while a reader checks only the
//! blocks it reads.

use crate::core::state::State;
use crate::core::Hash32;
use crate::ledger::codec;
use std::io::{Read, Seek, SeekFrom, Write};

pub const MAGIC: &[u8; 12] = b"candor-snap6"; // bumped whenever the layout or the shape of `State` changes
pub const RELEASE: &str = env!("CARGO_PKG_VERSION");
/// Bytes of encoded entities per block: a lookup reads and hashes one.
const BLOCK_BYTES: usize = 32 * 1024;
const TRAILER: usize = 8 + 8 + 32;

/// Where one block lies and what it must hash to.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct BlockRef {
    /// The first entry's id, ASCII case folded (the sort key).
    pub first: String,
    pub offset: u64,
    pub len: u32,
    pub hash: [u8; 32],
}

/// The blocks of one kind of entity, in sort order.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    pub count: u64,
    pub blocks: Vec<BlockRef>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub commitments: Section,
    pub deals: Section,
}

/// A snapshot's header and closing part, read and (by the caller) checked.
pub struct Opened {
    pub release: String,
    pub seq: u64,
    pub hash: Hash32,
    /// The state without its entities.
    pub core: Vec<u8>,
    pub table: Table,
    /// The bytes the seal covers, and the seal.
    pub sealed: Vec<u8>,
    pub seal: [u8; 32],
    pub file: std::fs::File,
}

/// The sort key: id without case, then id.
pub fn sort_key(id: &str) -> (String, &str) {
    (id.to_ascii_lowercase(), id)
}

fn header(seq: u64, hash: &Hash32, release: &str) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.push(release.len() as u8);
    h.extend_from_slice(release.as_bytes());
    h.extend_from_slice(&seq.to_be_bytes());
    h.extend_from_slice(&hash.0);
    h
}

/// Writes a snapshot as a stream: the header, then each section's entities
/// in sort order (`sort_key`), then the core and the sealed table.
pub struct Writer<'a> {
    out: &'a mut dyn Write,
    head: Vec<u8>,
    at: u64,
    table: Table,
}

impl<'a> Writer<'a> {
    pub fn start(
        out: &'a mut dyn Write,
        seq: u64,
        hash: &Hash32,
        release: &str,
    ) -> std::io::Result<Writer<'a>> {
        let head = header(seq, hash, release);
        out.write_all(&head)?;
        Ok(Writer { out, at: head.len() as u64, head, table: Table::default() })
    }

    /// Blocks for the section `into` picks from the table.
    pub fn blocks(&mut self, into: fn(&mut Table) -> &mut Section) -> Blocks<'_, 'a> {
        Blocks { writer: self, into, buf: Vec::new(), n: 0, last: None, section: Section::default() }
    }

    /// The core and the table, sealed by `seal` over the header and them.
    pub fn finish(self, core: &State, seal: &dyn Fn(&[u8]) -> [u8; 32]) -> std::io::Result<()> {
        let mut tail = codec::encode_value(core).map_err(invalid)?;
        let table_off = self.at + tail.len() as u64;
        tail.extend_from_slice(&codec::encode_value(&self.table).map_err(invalid)?);
        tail.extend_from_slice(&self.at.to_be_bytes());
        tail.extend_from_slice(&table_off.to_be_bytes());
        let mut sealed = self.head;
        sealed.extend_from_slice(&tail);
        tail.extend_from_slice(&seal(&sealed));
        self.out.write_all(&tail)
    }
}

/// One section being written, a block at a time.
pub struct Blocks<'w, 'a> {
    writer: &'w mut Writer<'a>,
    into: fn(&mut Table) -> &mut Section,
    /// Entries of the open block, each encoded as bincode encodes a tuple.
    buf: Vec<u8>,
    n: u64,
    last: Option<(String, String)>,
    section: Section,
}

impl Blocks<'_, '_> {
    /// Adds an entity; ids must come in strictly increasing sort order.
    pub fn push<T: serde::Serialize>(&mut self, id: &str, value: &T) -> std::io::Result<()> {
        let key = (id.to_ascii_lowercase(), id.to_string());
        if self.last.as_ref().is_some_and(|last| *last >= key) {
            return Err(std::io::Error::other(format!("entity {id} out of order")));
        }
        if self.n == 0 {
            self.section.blocks.push(BlockRef { first: key.0.clone(), offset: 0, len: 0, hash: [0; 32] });
        }
        self.last = Some(key);
        codec::encode_value_into(&mut self.buf, &(id, value)).map_err(invalid)?;
        self.n += 1;
        self.section.count += 1;
        if self.buf.len() >= BLOCK_BYTES {
            self.close_block()?;
        }
        Ok(())
    }

    fn close_block(&mut self) -> std::io::Result<()> {
        if self.n == 0 {
            return Ok(());
        }
        // The block reads back as a Vec of tuples: its length, then them.
        let mut bytes = codec::encode_value(&self.n).map_err(invalid)?;
        bytes.append(&mut self.buf);
        let block = self.section.blocks.last_mut().expect("opened with its first entry");
        (block.offset, block.len, block.hash) =
            (self.writer.at, bytes.len() as u32, *blake3::hash(&bytes).as_bytes());
        self.writer.out.write_all(&bytes)?;
        self.writer.at += bytes.len() as u64;
        self.n = 0;
        Ok(())
    }

    /// Closes the section and enters it in the table.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.close_block()?;
        *(self.into)(&mut self.writer.table) = std::mem::take(&mut self.section);
        Ok(())
    }
}

fn invalid(e: codec::CodecError) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())
}

/// Opens a snapshot file and reads its header, core and table (not the
/// blocks). None if it is not a snapshot of this layout.
pub fn open(path: &std::path::Path) -> Option<Opened> {
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut start = vec![0u8; (MAGIC.len() + 1 + 255 + 40).min(len as usize)];
    file.read_exact(&mut start).ok()?;
    let rest = start.strip_prefix(MAGIC.as_slice())?;
    let (&release_len, rest) = rest.split_first()?;
    let (release, rest) = rest.split_at_checked(release_len as usize)?;
    let (seq, rest) = rest.split_at_checked(8)?;
    let hash = rest.get(..32)?;
    let header_len = MAGIC.len() + 1 + release_len as usize + 40;
    let trailer_at = len.checked_sub(TRAILER as u64)?;
    file.seek(SeekFrom::Start(trailer_at)).ok()?;
    let mut trailer = [0u8; TRAILER];
    file.read_exact(&mut trailer).ok()?;
    let core_off = u64::from_be_bytes(trailer[..8].try_into().ok()?);
    let table_off = u64::from_be_bytes(trailer[8..16].try_into().ok()?);
    if core_off < header_len as u64 || table_off < core_off || table_off > trailer_at {
        return None;
    }
    let mut sealed = start[..header_len].to_vec();
    let tail_len = usize::try_from(len - 32 - core_off).ok()?;
    let mut tail = vec![0u8; tail_len];
    file.seek(SeekFrom::Start(core_off)).ok()?;
    file.read_exact(&mut tail).ok()?;
    let core_len = (table_off - core_off) as usize;
    let table = codec::decode_value(tail.get(core_len..tail_len - 16)?).ok()?;
    let core = tail[..core_len].to_vec();
    sealed.extend_from_slice(&tail);
    Some(Opened {
        release: std::str::from_utf8(release).ok()?.to_string(),
        seq: u64::from_be_bytes(seq.try_into().ok()?),
        hash: Hash32(hash.try_into().ok()?),
        core,
        table,
        sealed,
        seal: trailer[16..].try_into().ok()?,
        file,
    })
}

/// Whether `block` lies inside a file of `len` bytes: a forged table may
/// name any length, and nothing is allocated past the file.
fn within(len: u64, block: &BlockRef) -> bool {
    block.offset.checked_add(u64::from(block.len)).is_some_and(|end| end <= len)
}

/// Reads one block and checks it against its hash in the table.
pub fn read_block<T: serde::de::DeserializeOwned>(
    file: &std::fs::File,
    block: &BlockRef,
) -> Option<Vec<(String, T)>> {
    use std::os::unix::fs::FileExt;
    if !within(file.metadata().ok()?.len(), block) {
        return None;
    }
    let mut bytes = vec![0u8; block.len as usize];
    file.read_exact_at(&mut bytes, block.offset).ok()?;
    if blake3::hash(&bytes).as_bytes() != &block.hash {
        return None;
    }
    codec::decode_value(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_past_the_end_of_the_file_is_refused_without_reading() {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, b"short").unwrap();
        let block = |offset, len| BlockRef { first: "a".into(), offset, len, hash: [0; 32] };
        assert!(within(5, &block(0, 5)) && within(5, &block(5, 0)));
        assert!(!within(5, &block(0, 6)), "one byte past the end");
        assert!(!within(5, &block(1, u32::MAX)));
        assert!(!within(5, &block(u64::MAX, 10)), "an offset that wraps");
        assert!(read_block::<u32>(&file, &block(1, u32::MAX)).is_none());
    }
}
