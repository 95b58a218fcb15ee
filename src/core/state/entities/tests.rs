use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// An index over a fixed map that counts how often it is asked.
struct Fixed {
    map: BTreeMap<String, u32>,
    gets: AtomicUsize,
    scans: AtomicUsize,
}

impl EntityIndex<u32> for Fixed {
    fn get(&self, id: &str) -> Option<u32> {
        self.gets.fetch_add(1, Ordering::SeqCst);
        self.map.get(id).copied()
    }
    fn same_folded(&self, id: &str) -> Vec<String> {
        self.map.keys().filter(|k| k.eq_ignore_ascii_case(id)).cloned().collect()
    }
    fn folded_ids_starting(&self, folded_prefix: &str) -> Vec<String> {
        self.map.keys().map(|k| k.to_ascii_lowercase()).filter(|k| k.starts_with(folded_prefix)).collect()
    }
    fn each(&self, f: &mut dyn FnMut(String, u32)) {
        self.scans.fetch_add(1, Ordering::SeqCst);
        self.map.iter().for_each(|(k, v)| f(k.clone(), *v));
    }
}

fn backed() -> (Arc<Fixed>, Entities<u32>) {
    let map = [("A-1", 1), ("A-2", 2), ("b-3", 3)].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let index = Arc::new(Fixed { map, gets: AtomicUsize::new(0), scans: AtomicUsize::new(0) });
    (index.clone(), Entities::over(index))
}

#[test]
fn lookups_read_one_entity_once_and_never_scan() {
    let (index, e) = backed();
    assert_eq!(e.get("A-2"), Some(&2));
    assert_eq!(e.get("A-2"), Some(&2));
    assert_eq!(e.get("Z-9"), None);
    assert_eq!(e.get("Z-9"), None);
    assert_eq!(index.gets.load(Ordering::SeqCst), 2, "each id, found or not, is asked once");
    assert_eq!(e.case_clash("B-3").as_deref(), Some("b-3"));
    assert_eq!(e.case_clash("b-3"), None);
    let taken = |id: &str| e.contains_key(id) || e.case_clash(id).is_some();
    assert!(taken("a-1") && !taken("A-3"));
    assert_eq!(index.scans.load(Ordering::SeqCst), 0);
}

#[test]
fn changes_overlay_the_index_and_iteration_merges_them() {
    let (index, mut e) = backed();
    *e.get_mut("A-1").unwrap() = 10;
    e.insert("C-4".into(), 4);
    assert_eq!(e.get("A-1"), Some(&10));
    assert!(e.get_mut("nope").is_none());
    let all: Vec<(String, u32)> = e.iter().map(|(k, v)| (k.clone(), *v)).collect();
    assert_eq!(all, vec![("A-1".into(), 10), ("A-2".into(), 2), ("C-4".into(), 4), ("b-3".into(), 3)]);
    assert_eq!(e.len(), 4);
    assert_eq!(index.scans.load(Ordering::SeqCst), 1);
    // A change after iterating keeps the merged view true.
    *e.get_mut("A-2").unwrap() = 20;
    assert_eq!(e.values().copied().collect::<Vec<_>>(), vec![10, 20, 4, 3]);
    assert!(e.is_loaded());
}

#[test]
fn a_case_clash_is_found_in_the_overlay_too() {
    let (_, mut e) = backed();
    e.insert("Dx".into(), 5);
    assert_eq!(e.case_clash("DX").as_deref(), Some("Dx"));
}

#[test]
fn without_an_index_it_is_a_plain_map() {
    let mut e: Entities<u32> = Entities::default();
    assert!(e.is_empty() && e.is_loaded());
    e.insert("x".into(), 1);
    assert_eq!((e.len(), e["x"]), (1, 1));
    let copy = e.clone();
    assert_eq!(copy.get("x"), Some(&1));
}

#[test]
fn the_next_free_id_skips_taken_ones_in_the_index_and_the_overlay_without_lookups() {
    let (index, mut e) = backed();
    e.insert("a-3".into(), 3);
    let next = |e: &Entities<u32>, prefix: &str| crate::core::decide::next_free_entity_id(prefix, e);
    assert_eq!(next(&e, "A"), "A-4");
    assert_eq!(next(&e, "B"), "B-1");
    assert_eq!(index.gets.load(Ordering::SeqCst), 0);
    assert_eq!(index.scans.load(Ordering::SeqCst), 0);
    e.len();
    assert_eq!(next(&e, "b"), "b-1", "b-3 is taken, b-1 is not");
}
