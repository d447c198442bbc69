//! Hash maps for the engine's string-keyed tables (the gazetteers, alias indexes and
//! per-document evidence), with `foldhash` in place of the standard library's SipHash, which
//! dominated their look-ups.
//!
//! Tables whose keys come from the document are seeded per process ([`Map`]), so that no fixed
//! set of strings collides in every run; the gazetteers' fixed keys use a fixed seed
//! ([`FixedMap`]). Nothing the engine outputs depends on a table's iteration order.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// A hash map keyed by the document's strings.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set of the document's strings.
pub type Set<K> = HashSet<K, foldhash::fast::RandomState>;
/// A hash map of fixed keys.
pub type FixedMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Votes per key: the summed weights of its votes by label (in [`crate::Label::ALL`] order).
/// Most keys are voted for with one label: they keep that label and its sum in 8 bytes, and
/// only keys voted for with several keep all seven sums, so that text of distinct names (a key
/// per mention) costs half as much as a map to seven sums. The sums are the same additions in
/// the same order as in seven sums from zero.
pub(crate) struct Votes<K> {
    by_key: Map<K, Vote>,
    many: Vec<[f32; 7]>,
}

/// The votes for one key: one label and its sum, or an index into [`Votes::many`].
#[derive(Clone, Copy)]
enum Vote {
    One(u8, f32),
    Many(u32),
}

impl<K> Default for Votes<K> {
    fn default() -> Votes<K> {
        Votes { by_key: Map::default(), many: Vec::new() }
    }
}

impl<K: std::hash::Hash + Eq> Votes<K> {
    /// Adds `weight` to the sum of `label` (an index into `Label::ALL`) for `key`.
    pub fn add(&mut self, key: K, label: usize, weight: f32) {
        let v = match self.by_key.entry(key) {
            // As seven sums from zero: `0.0 + weight`.
            Entry::Vacant(e) => {
                e.insert(Vote::One(label as u8, 0.0 + weight));
                return;
            }
            Entry::Occupied(e) => e.into_mut(),
        };
        match v {
            Vote::One(l, sum) if usize::from(*l) == label => *sum += weight,
            v => {
                let k = match *v {
                    Vote::One(l, sum) => {
                        let mut all = [0f32; 7];
                        all[usize::from(l)] = sum;
                        self.many.push(all);
                        *v = Vote::Many(self.many.len() as u32 - 1);
                        self.many.len() - 1
                    }
                    Vote::Many(k) => k as usize,
                };
                self.many[k][label] += weight;
            }
        }
    }

    /// The sums of the votes for `key`, if it has any.
    pub fn get<Q: std::hash::Hash + Eq + ?Sized>(&self, key: &Q) -> Option<[f32; 7]>
    where
        K: std::borrow::Borrow<Q>,
    {
        Some(match *self.by_key.get(key)? {
            Vote::One(l, sum) => {
                let mut all = [0f32; 7];
                all[usize::from(l)] = sum;
                all
            }
            Vote::Many(k) => self.many[k as usize],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_sum_as_seven_sums_from_zero() {
        let votes = [("a", 0, 0.3), ("b", 2, 0.7), ("a", 0, 0.1), ("a", 3, 0.45), ("c", 6, -0.0), ("a", 0, 0.2), ("b", 2, 1e-8)];
        let mut compact: Votes<&str> = Votes::default();
        let mut plain: Map<&str, [f32; 7]> = Map::default();
        for (k, l, w) in votes {
            compact.add(k, l, w);
            plain.entry(k).or_default()[l] += w;
        }
        for k in ["a", "b", "c", "d"] {
            assert_eq!(compact.get(k).map(|v| v.map(f32::to_bits)), plain.get(k).map(|v| v.map(f32::to_bits)), "{k}");
        }
    }

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
