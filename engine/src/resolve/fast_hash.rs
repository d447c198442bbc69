//! Hash maps for the engine's string-keyed tables (the gazetteers, alias indexes and
//! per-document evidence), with `foldhash` in place of the standard library's SipHash, which
//! dominated their look-ups.
//!
//! Tables whose keys come from the document are seeded per process ([`Map`]), so that no fixed
//! set of strings collides in every run; the gazetteers' fixed keys use a fixed seed
//! ([`FixedMap`]). Nothing the engine outputs depends on a table's iteration order.

use std::collections::HashMap;

/// A hash map keyed by the document's strings.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// A hash map of fixed keys.
pub type FixedMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold() {
        let words = ["", "a", "a\0", "ab", "ba", "abcdefgh", "abcdefgh\0", "abcdefghi", "Norway", "Norwegian"];
        let mut m: Map<String, usize> = Map::default();
        let mut f: FixedMap<&str, usize> = FixedMap::default();
        for (i, w) in words.iter().enumerate() {
            m.insert((*w).to_owned(), i);
            f.insert(w, i);
        }
        assert_eq!(m.len(), words.len());
        assert_eq!(m.get("Norway"), Some(&8));
        assert_eq!(f.get("a\0"), Some(&2));
    }
}
