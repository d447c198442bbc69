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

/// Votes per key: the summed weights of its votes by label (in [`crate::Label::ALL`] order),
/// kept by [`StrVotes`] and [`TextVotes`]. Most keys are voted for with one label: they keep
/// that label and its sum in 8 bytes, and only keys voted for with several keep all seven sums
/// (in their `many`), so that text of distinct names (a key per mention) costs half as much as
/// a map to seven sums. The sums are the same additions in the same order as in seven sums
/// from zero.
///
/// The votes for one key: one label and its sum, or an index into a list of seven sums.
#[derive(Clone, Copy)]
enum Vote {
    One(u8, f32),
    Many(u32),
}

impl Vote {
    /// Adds `weight` to the sum of `label`; `many` holds the sums of keys voted for with several.
    fn add(&mut self, many: &mut Vec<[f32; 7]>, label: usize, weight: f32) {
        match self {
            Vote::One(l, sum) if usize::from(*l) == label => *sum += weight,
            v => {
                let k = match *v {
                    Vote::One(l, sum) => {
                        let mut all = [0f32; 7];
                        all[usize::from(l)] = sum;
                        many.push(all);
                        *v = Vote::Many(many.len() as u32 - 1);
                        many.len() - 1
                    }
                    Vote::Many(k) => k as usize,
                };
                many[k][label] += weight;
            }
        }
    }

    /// The seven sums.
    fn sums(self, many: &[[f32; 7]]) -> [f32; 7] {
        match self {
            Vote::One(l, sum) => {
                let mut all = [0f32; 7];
                all[usize::from(l)] = sum;
                all
            }
            Vote::Many(k) => many[k as usize],
        }
    }
}

/// Votes for strings the map keeps itself, in a [`Strings`] (16 bytes an entry, and the
/// key's bytes end to end with the others' rather than a heap block each).
#[derive(Default)]
pub(crate) struct StrVotes {
    by_key: Strings<Vote>,
    many: Vec<[f32; 7]>,
}

impl StrVotes {
    /// Adds `weight` to the sum of `label` (an index into `Label::ALL`) for `key`.
    pub fn add(&mut self, key: &str, label: usize, weight: f32) {
        match self.by_key.get_mut(key) {
            Some(v) => v.add(&mut self.many, label, weight),
            // As seven sums from zero: `0.0 + weight`.
            None => self.by_key.insert_new(key, Vote::One(label as u8, 0.0 + weight)),
        }
    }

    /// The sums of the votes for `key`, if it has any.
    pub fn get(&self, key: &str) -> Option<[f32; 7]> {
        Some(self.by_key.get(key)?.sums(&self.many))
    }
}

/// Votes for pieces of one text, kept as where they stand in it (16 bytes an entry, where
/// a `&str` key takes 24).
pub(crate) struct TextVotes<'t> {
    text: &'t str,
    by_key: hashbrown::HashTable<(u32, u32, Vote)>,
    many: Vec<[f32; 7]>,
    hasher: foldhash::fast::RandomState,
}

impl<'t> TextVotes<'t> {
    pub fn new(text: &'t str) -> TextVotes<'t> {
        TextVotes { text, by_key: hashbrown::HashTable::new(), many: Vec::new(), hasher: foldhash::fast::RandomState::default() }
    }

    fn key<'b>(text: &'b str, e: &(u32, u32, Vote)) -> &'b [u8] {
        &text.as_bytes()[e.0 as usize..e.0 as usize + e.1 as usize]
    }

    /// Adds `weight` to the sum of `label` (an index into `Label::ALL`) for `key`, a piece of
    /// the text.
    pub fn add(&mut self, key: &'t str, label: usize, weight: f32) {
        use std::hash::BuildHasher;
        let k = key.as_bytes();
        let (text, hasher) = (self.text, &self.hasher);
        let hash = hasher.hash_one(k);
        match self.by_key.find_mut(hash, |e| Self::key(text, e) == k) {
            Some(e) => e.2.add(&mut self.many, label, weight),
            None => {
                // Where the piece stands (the text is at most MAX_INPUT_BYTES: inside `u32`).
                let at = key.as_ptr() as usize - text.as_ptr() as usize;
                debug_assert!(text.get(at..at + key.len()) == Some(key));
                // As seven sums from zero: `0.0 + weight`.
                let e = (at as u32, key.len() as u32, Vote::One(label as u8, 0.0 + weight));
                self.by_key.insert_unique(hash, e, |e| hasher.hash_one(Self::key(text, e)));
            }
        }
    }

    /// The sums of the votes for `key`, if it has any.
    pub fn get(&self, key: &str) -> Option<[f32; 7]> {
        use std::hash::BuildHasher;
        let k = key.as_bytes();
        let e = self.by_key.find(self.hasher.hash_one(k), |e| Self::key(self.text, e) == k)?;
        Some(e.2.sums(&self.many))
    }
}

/// Strings kept end to end in one buffer (grown by a quarter at a time: doubling would leave
/// up to half unused), with the hasher the [`KeyTable`]s over them place their entries by.
#[derive(Default)]
pub(crate) struct KeyBytes {
    bytes: Vec<u8>,
    hasher: foldhash::fast::RandomState,
}

impl KeyBytes {
    fn hash(&self, key: &[u8]) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one(key)
    }

    /// The `len` bytes at `at`.
    fn of(&self, at: u32, len: u32) -> &[u8] {
        &self.bytes[at as usize..at as usize + len as usize]
    }

    /// Appends `key`; where it starts.
    pub fn push(&mut self, key: &str) -> u32 {
        if self.bytes.capacity() - self.bytes.len() < key.len() {
            self.bytes.reserve_exact((self.bytes.len() / 4).max(key.len()).max(256));
        }
        // The keys are pieces of a text of at most MAX_INPUT_BYTES, a few per mention, folded:
        // far inside `u32`.
        let at = self.bytes.len() as u32;
        self.bytes.extend_from_slice(key.as_bytes());
        at
    }
}

/// A map of strings kept in a [`KeyBytes`] (which several tables may share) to `V`: an entry
/// is the key's place in it and the value, 8 bytes and `V`, where a map of boxed `str`s takes
/// 16 and a heap block a key.
pub(crate) struct KeyTable<V>(hashbrown::HashTable<(u32, u32, V)>);

impl<V> Default for KeyTable<V> {
    fn default() -> KeyTable<V> {
        KeyTable(hashbrown::HashTable::new())
    }
}

impl<V> KeyTable<V> {
    /// Whether the table holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entry of `key`: where it stands in `keys`, its length and its value.
    pub fn entry(&self, keys: &KeyBytes, key: &str) -> Option<&(u32, u32, V)> {
        self.find(keys, key)
    }

    fn find(&self, keys: &KeyBytes, key: &str) -> Option<&(u32, u32, V)> {
        let k = key.as_bytes();
        self.0.find(keys.hash(k), |e| keys.of(e.0, e.1) == k)
    }

    /// The value of `key`.
    pub fn get(&self, keys: &KeyBytes, key: &str) -> Option<&V> {
        self.find(keys, key).map(|e| &e.2)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, keys: &KeyBytes, key: &str) -> Option<&mut V> {
        let k = key.as_bytes();
        self.0.find_mut(keys.hash(k), |e| keys.of(e.0, e.1) == k).map(|e| &mut e.2)
    }

    /// Adds `key`, which is not in the table yet, with `value`; `at` is where `key` already
    /// stands in `keys`, if it does (otherwise it is appended).
    pub fn insert_new(&mut self, keys: &mut KeyBytes, key: &str, at: Option<u32>, value: V) {
        let at = at.unwrap_or_else(|| keys.push(key));
        let keys = &*keys;
        self.0.insert_unique(keys.hash(key.as_bytes()), (at, key.len() as u32, value), |e| keys.hash(keys.of(e.0, e.1)));
    }

    /// [`KeyTable::insert_new`] unless `key` is in the table already.
    pub fn insert(&mut self, keys: &mut KeyBytes, key: &str, at: Option<u32>, value: V) {
        if self.find(keys, key).is_none() {
            self.insert_new(keys, key, at, value);
        }
    }
}

/// A map of strings to `V` (a set, with `()`) with a [`KeyBytes`] of its own.
pub(crate) struct Strings<V> {
    keys: KeyBytes,
    table: KeyTable<V>,
}

impl<V> Default for Strings<V> {
    fn default() -> Strings<V> {
        Strings { keys: KeyBytes::default(), table: KeyTable::default() }
    }
}

impl<V> Strings<V> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.table.get(&self.keys, key)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.table.get_mut(&self.keys, key)
    }

    /// Whether `key` is in the map.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Adds `key`, which is not in the map yet, with `value`.
    pub fn insert_new(&mut self, key: &str, value: V) {
        self.table.insert_new(&mut self.keys, key, None, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_sum_as_seven_sums_from_zero() {
        let votes = [("a", 0, 0.3), ("b", 2, 0.7), ("a", 0, 0.1), ("a", 3, 0.45), ("c", 6, -0.0), ("a", 0, 0.2), ("b", 2, 1e-8)];
        let mut strings = StrVotes::default();
        let text = "a b c d";
        let mut pieces = TextVotes::new(text);
        let mut plain: Map<&str, [f32; 7]> = Map::default();
        for (k, l, w) in votes {
            strings.add(k, l, w);
            pieces.add(&text[text.find(k).unwrap()..][..k.len()], l, w);
            plain.entry(k).or_default()[l] += w;
        }
        for k in ["a", "b", "c", "d"] {
            assert_eq!(strings.get(k).map(|v| v.map(f32::to_bits)), plain.get(k).map(|v| v.map(f32::to_bits)), "{k}");
            assert_eq!(pieces.get(k).map(|v| v.map(f32::to_bits)), plain.get(k).map(|v| v.map(f32::to_bits)), "{k}");
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
