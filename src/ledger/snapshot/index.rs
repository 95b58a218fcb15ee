//! Entities read from the snapshot's blocks one at a time. A block that no
//! longer matches the sealed table (the file was changed while it was open)
//! is never believed: the answer then comes from a fold of the log itself.

use super::file::{self, BlockRef, Section};
use crate::core::state::{Entities, EntityIndex, State};
use crate::ledger::replay;
use crate::ledger::store::{Ledger, Reopen};
use std::sync::{Arc, Mutex, OnceLock};

/// Blocks kept decoded: consecutive lookups (`C-1`, `C-2` …) share a few.
const CACHED_BLOCKS: usize = 8;

/// What both sections share: the open file and the way back to the log.
pub struct Source {
    file: std::fs::File,
    seq: u64,
    /// The way back to the log for the fallback fold; it does not keep the
    /// ledger open (a command releases it while a prompt waits).
    log: Reopen,
    file_path: std::path::PathBuf,
    /// Whether the file may be removed once found wrong (not on a read-only ledger).
    may_remove: bool,
    folded: OnceLock<State>,
}

impl Source {
    pub fn new(file: std::fs::File, seq: u64, ledger: &Ledger) -> Arc<Source> {
        let may_remove = !ledger.is_read_only();
        Arc::new(Source {
            file,
            seq,
            log: ledger.reopen_later(),
            file_path: super::path(ledger),
            may_remove,
            folded: OnceLock::new(),
        })
    }

    /// The state as of the snapshot's record, folded from the log; the
    /// file that failed is removed so that the next command rebuilds it.
    /// When even the log cannot be read, no answer is better than a wrong
    /// one: the command stops here (exit 3), before anything is written.
    fn folded_log(&self) -> &State {
        self.folded.get_or_init(|| {
            if self.may_remove {
                let _ = std::fs::remove_file(&self.file_path);
            }
            match self.log.ledger().and_then(|ledger| replay::fresh_state(&ledger, self.seq)) {
                Ok(state) => state,
                Err(e) => {
                    eprintln!(
                        "error: {} changed while it was read, and the log could not be read in its place: {e}\n\
                         hint: nothing was written; run the command again",
                        self.file_path.display()
                    );
                    std::process::exit(3)
                }
            }
        })
    }
}

/// A block's entries, decoded.
type Block<T> = Arc<Vec<(String, T)>>;

pub struct SnapshotIndex<T> {
    source: Arc<Source>,
    section: Section,
    /// The same entities in a folded state, when the file cannot be believed.
    pick: fn(&State) -> &Entities<T>,
    cache: Mutex<Vec<(usize, Block<T>)>>,
}

impl<T> SnapshotIndex<T> {
    pub fn new(source: Arc<Source>, section: Section, pick: fn(&State) -> &Entities<T>) -> Self {
        SnapshotIndex { source, section, pick, cache: Mutex::new(Vec::new()) }
    }
}

impl<T: Clone + serde::de::DeserializeOwned + Send + Sync> SnapshotIndex<T> {
    fn block(&self, i: usize) -> Option<Block<T>> {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = cache.iter().position(|(b, _)| *b == i) {
            let hit = cache.remove(at);
            cache.push(hit.clone());
            return Some(hit.1);
        }
        let read = Arc::new(file::read_block(&self.source.file, &self.section.blocks[i])?);
        if cache.len() >= CACHED_BLOCKS {
            cache.remove(0);
        }
        cache.push((i, read.clone()));
        Some(read)
    }

    /// The blocks that may hold folded ids from `from` on, for as long as
    /// a block's first id still `fits`: the one before the first block
    /// starting at or after `from` may hold some too.
    fn blocks_from(&self, from: &str, fits: impl Fn(&str) -> bool) -> std::ops::Range<usize> {
        let blocks: &[BlockRef] = &self.section.blocks;
        let first = blocks.partition_point(|b| b.first.as_str() < from).saturating_sub(1);
        first..first + blocks[first..].iter().take_while(|b| fits(&b.first)).count()
    }

    /// Entries whose folded id is `folded`, from the blocks that may hold
    /// them; None if one of those blocks cannot be believed.
    fn folded_entries(&self, folded: &str) -> Option<Vec<(String, T)>> {
        let mut found = Vec::new();
        for i in self.blocks_from(folded, |first| first <= folded) {
            let block = self.block(i)?;
            found.extend(block.iter().filter(|(id, _)| id.eq_ignore_ascii_case(folded)).cloned());
        }
        Some(found)
    }

    /// The entities as folded from the log.
    fn fallback(&self) -> &Entities<T> {
        (self.pick)(self.source.folded_log())
    }
}

impl<T: Clone + serde::de::DeserializeOwned + Send + Sync> EntityIndex<T> for SnapshotIndex<T> {
    fn get(&self, id: &str) -> Option<T> {
        match self.folded_entries(&id.to_ascii_lowercase()) {
            Some(found) => found.into_iter().find(|(k, _)| k == id).map(|(_, v)| v),
            None => self.fallback().get(id).cloned(),
        }
    }

    fn same_folded(&self, id: &str) -> Vec<String> {
        match self.folded_entries(&id.to_ascii_lowercase()) {
            Some(found) => found.into_iter().map(|(k, _)| k).collect(),
            None => self.fallback().keys().filter(|k| k.eq_ignore_ascii_case(id)).cloned().collect(),
        }
    }

    fn folded_ids_starting(&self, folded_prefix: &str) -> Vec<String> {
        let mut found = Vec::new();
        let under = |first: &str| first <= folded_prefix || first.starts_with(folded_prefix);
        for i in self.blocks_from(folded_prefix, under) {
            let Some(block) = file::read_block::<T>(&self.source.file, &self.section.blocks[i]) else {
                return self
                    .fallback()
                    .keys()
                    .map(|k| k.to_ascii_lowercase())
                    .filter(|k| k.starts_with(folded_prefix))
                    .collect();
            };
            found.extend(
                block.iter().map(|(id, _)| id.to_ascii_lowercase()).filter(|k| k.starts_with(folded_prefix)),
            );
        }
        found
    }

    fn each(&self, f: &mut dyn FnMut(String, T)) {
        for block in &self.section.blocks {
            match file::read_block::<T>(&self.source.file, block) {
                // Blocks that match the sealed table are true as far as they go.
                Some(entries) => entries.into_iter().for_each(|(k, v)| f(k, v)),
                None => {
                    for (k, v) in self.fallback().iter() {
                        f(k.clone(), v.clone());
                    }
                    return;
                }
            }
        }
    }
}
