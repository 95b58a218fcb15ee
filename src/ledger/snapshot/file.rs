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

/// Writes a snapshot of `core` (the state without entities) and its
/// entities to `out`, sealed by `seal` over the sealed bytes.
pub fn write<C, D>(
    out: &mut dyn Write,
    (seq, hash, release): (u64, &Hash32, &str),
    core: &State,
    commitments: &[(&String, &C)],
    deals: &[(&String, &D)],
    seal: &dyn Fn(&[u8]) -> [u8; 32],
) -> std::io::Result<()>
where
    C: serde::Serialize,
    D: serde::Serialize,
{
    let head = header(seq, hash, release);
    out.write_all(&head)?;
    let mut at = head.len() as u64;
    let mut table = Table::default();
    table.commitments = write_blocks(out, &mut at, commitments)?;
    table.deals = write_blocks(out, &mut at, deals)?;
    let mut tail = codec::encode_value(core).map_err(invalid)?;
    let table_off = at + tail.len() as u64;
    tail.extend_from_slice(&codec::encode_value(&table).map_err(invalid)?);
    tail.extend_from_slice(&at.to_be_bytes());
    tail.extend_from_slice(&table_off.to_be_bytes());
    let mut sealed = head;
    sealed.extend_from_slice(&tail);
    tail.extend_from_slice(&seal(&sealed));
    out.write_all(&tail)
}

/// Entries must come sorted by `sort_key`.
fn write_blocks<T: serde::Serialize>(
    out: &mut dyn Write,
    at: &mut u64,
    entries: &[(&String, &T)],
) -> std::io::Result<Section> {
    let mut section = Section { count: entries.len() as u64, blocks: Vec::new() };
    let mut start = 0;
    let mut size = 0;
    for (i, (id, _)) in entries.iter().enumerate() {
        size += id.len() + 64; // an estimate; blocks need only be roughly even
        if size >= BLOCK_BYTES || i + 1 == entries.len() {
            let block = &entries[start..=i];
            let bytes = codec::encode_value(&block).map_err(invalid)?;
            section.blocks.push(BlockRef {
                first: block[0].0.to_ascii_lowercase(),
                offset: *at,
                len: bytes.len() as u32,
                hash: *blake3::hash(&bytes).as_bytes(),
            });
            out.write_all(&bytes)?;
            *at += bytes.len() as u64;
            (start, size) = (i + 1, 0);
        }
    }
    Ok(section)
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

/// Reads one block and checks it against its hash in the table.
pub fn read_block<T: serde::de::DeserializeOwned>(
    file: &std::fs::File,
    block: &BlockRef,
) -> Option<Vec<(String, T)>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0u8; block.len as usize];
    file.read_exact_at(&mut bytes, block.offset).ok()?;
    if blake3::hash(&bytes).as_bytes() != &block.hash {
        return None;
    }
    codec::decode_value(&bytes).ok()
}

/// Whether every block hashes to what the table says (read as a stream).
pub fn blocks_intact(opened: &Opened) -> bool {
    use std::os::unix::fs::FileExt;
    let mut buf = Vec::new();
    [&opened.table.commitments, &opened.table.deals].iter().flat_map(|s| &s.blocks).all(|b| {
        buf.resize(b.len as usize, 0);
        opened.file.read_exact_at(&mut buf, b.offset).is_ok() && blake3::hash(&buf).as_bytes() == &b.hash
    })
}
