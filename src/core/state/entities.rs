//! Entities by id (deals, commitments): every one in memory after a fold,
//! or read one at a time from an index kept beside the log (the projection
//! snapshot), so that a command touching one deal does not load a million.
//!
//! Lookups by id read only what they need; iterating (reports) loads every
//! entity once, merged with what changed since the index was written. The
//! index is the edge's business (`ledger::snapshot`); this type only asks it.

use crate::core::text;
use elsa::sync::FrozenMap;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Where entities not changed since the snapshot are read from.
pub trait EntityIndex<T>: Send + Sync {
    /// The entity with exactly this id.
    fn get(&self, id: &str) -> Option<T>;
    /// Every id equal to `id` when ASCII case is ignored.
    fn same_folded(&self, id: &str) -> Vec<String>;
    /// Every id, ASCII case folded, that starts with `folded_prefix`.
    fn folded_ids_starting(&self, folded_prefix: &str) -> Vec<String>;
    /// Calls `f` with every entity (any order; an id may come twice, the
    /// later one standing).
    fn each(&self, f: &mut dyn FnMut(String, T));
}

pub struct Entities<T> {
    /// Entities folded in memory: all of them, or those changed since `index`.
    known: BTreeMap<String, T>,
    index: Option<Arc<dyn EntityIndex<T>>>,
    /// What `index` answered (misses too), so each id is read once.
    fetched: FrozenMap<String, Box<Option<T>>>,
    /// The merged view, built the first time someone iterates.
    all: OnceLock<BTreeMap<String, T>>,
}

impl<T> Default for Entities<T> {
    fn default() -> Self {
        Entities { known: BTreeMap::new(), index: None, fetched: FrozenMap::new(), all: OnceLock::new() }
    }
}

impl<T: Clone> Entities<T> {
    /// Entities read on demand from `index`.
    pub fn over(index: Arc<dyn EntityIndex<T>>) -> Self {
        Entities { index: Some(index), ..Entities::default() }
    }

    /// Whether every entity is in memory (no index left to ask).
    pub fn is_loaded(&self) -> bool {
        self.index.is_none() || self.all.get().is_some()
    }

    /// What is in memory and, if not every entity is, the index behind it:
    /// for a writer that streams the index rather than loading it.
    pub fn parts(&self) -> (&BTreeMap<String, T>, Option<&dyn EntityIndex<T>>) {
        match (self.all.get(), &self.index) {
            (Some(all), _) => (all, None),
            (None, None) => (&self.known, None),
            (None, Some(index)) => (&self.known, Some(index.as_ref())),
        }
    }

    /// Every entity, keyed by id (loads them all when an index backs this).
    pub fn map(&self) -> &BTreeMap<String, T> {
        let Some(index) = &self.index else { return &self.known };
        self.all.get_or_init(|| {
            let mut merged = BTreeMap::new();
            index.each(&mut |id, value| {
                merged.insert(id, value);
            });
            merged.extend(self.known.iter().map(|(k, v)| (k.clone(), v.clone())));
            merged
        })
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        if let Some(found) = self.known.get(id) {
            return Some(found);
        }
        if let Some(all) = self.all.get() {
            return all.get(id);
        }
        let index = self.index.as_ref()?;
        if let Some(answer) = self.fetched.get(id) {
            return answer.as_ref();
        }
        self.fetched.insert(id.to_string(), Box::new(index.get(id))).as_ref()
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Every entity in memory and the index dropped: for changes to many.
    fn materialize(&mut self) {
        if self.index.is_some() {
            self.map();
            self.known = self.all.take().unwrap_or_default();
            self.index = None;
            self.fetched = FrozenMap::new();
        }
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        if self.all.get().is_some() {
            self.materialize();
        }
        if !self.known.contains_key(id) {
            let from_index = self.get(id).cloned()?;
            self.fetched.as_mut().remove(id);
            self.known.insert(id.to_string(), from_index);
        }
        self.known.get_mut(id)
    }

    pub fn insert(&mut self, id: String, value: T) -> Option<T> {
        if self.all.get().is_some() {
            self.materialize();
        }
        let before = self.fetched.as_mut().remove(&id).and_then(|b| *b);
        self.known.insert(id, value).or(before)
    }

    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.materialize();
        self.known.remove(id)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.materialize();
        self.known.values_mut()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map().keys()
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.map().values()
    }

    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, String, T> {
        self.map().iter()
    }

    pub fn len(&self) -> usize {
        self.map().len()
    }

    pub fn is_empty(&self) -> bool {
        match &self.index {
            None => self.known.is_empty(),
            Some(_) => self.known.is_empty() && self.map().is_empty(),
        }
    }

    /// An existing id that differs from `id` by ASCII case alone.
    pub fn case_clash(&self, id: &str) -> Option<String> {
        if self.is_loaded() {
            return text::case_clash(id, self.map()).map(str::to_string);
        }
        if let Some(found) = text::case_clash(id, &self.known) {
            return Some(found.to_string());
        }
        let index = self.index.as_ref()?;
        index.same_folded(id).into_iter().find(|other| other != id)
    }

    /// Every id starting with `prefix`, ASCII case folded: read from the
    /// index once (for a free `PREFIX-n`), not one lookup per number tried.
    pub fn folded_ids_starting(&self, prefix: &str) -> std::collections::HashSet<String> {
        let prefix = prefix.to_ascii_lowercase();
        let under = |ids: &mut dyn Iterator<Item = String>| -> Vec<String> {
            ids.map(|k| k.to_ascii_lowercase()).filter(|k| k.starts_with(&prefix)).collect()
        };
        let mut taken: std::collections::HashSet<String> = match &self.index {
            Some(index) if !self.is_loaded() => index.folded_ids_starting(&prefix).into_iter().collect(),
            _ => under(&mut self.map().keys().cloned()).into_iter().collect(),
        };
        taken.extend(under(&mut self.known.keys().cloned()));
        taken
    }
}

impl<T: Clone> Clone for Entities<T> {
    fn clone(&self) -> Self {
        Entities {
            known: self.known.clone(),
            index: self.index.clone(),
            fetched: FrozenMap::new(),
            all: self.all.clone(),
        }
    }
}

impl<T: std::fmt::Debug + Clone> std::fmt::Debug for Entities<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.map().iter()).finish()
    }
}

impl<T: Clone> std::ops::Index<&str> for Entities<T> {
    type Output = T;

    fn index(&self, id: &str) -> &T {
        self.get(id).unwrap_or_else(|| panic!("no entity {id}"))
    }
}

impl<T: Clone> std::ops::Index<&String> for Entities<T> {
    type Output = T;

    fn index(&self, id: &String) -> &T {
        &self[id.as_str()]
    }
}

impl<'a, T: Clone> IntoIterator for &'a Entities<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = std::collections::btree_map::Iter<'a, String, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Clone> FromIterator<(String, T)> for Entities<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        Entities { known: iter.into_iter().collect(), ..Entities::default() }
    }
}

impl<T: serde::Serialize + Clone> serde::Serialize for Entities<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map().serialize(s)
    }
}

impl<'de, T: serde::Deserialize<'de> + Clone> serde::Deserialize<'de> for Entities<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Entities { known: BTreeMap::deserialize(d)?, ..Entities::default() })
    }
}

#[cfg(test)]
mod tests;
