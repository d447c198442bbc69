//! A fast hasher for the engine's string-keyed tables (the gazetteers, alias indexes and
//! per-document evidence), in place of the standard library's SipHash, which dominated their
//! look-ups.
//!
//! Words are mixed eight bytes at a time with one multiplication each and finished with a
//! full avalanche, so that the hash table's bucket bits and control bits are both well spread.
//! Tables whose keys come from the document are seeded per process ([`Seeded`]), so that no
//! fixed set of strings collides for every run; the gazetteers' fixed keys use [`Fixed`].

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hasher state.
#[derive(Clone, Copy, Debug)]
pub struct FastHasher {
    h: u64,
}

impl FastHasher {
    #[inline]
    fn mix(&mut self, w: u64) {
        self.h = (self.h.rotate_left(23) ^ w).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.mix(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i) | 0x100);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.mix(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // fmix64 of MurmurHash3: every input bit reaches every output bit.
        let mut h = self.h;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Builds [`FastHasher`]s with one fixed seed: for tables of fixed keys.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fixed;

impl BuildHasher for Fixed {
    type Hasher = FastHasher;
    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher { h: K }
    }
}

/// Builds [`FastHasher`]s with a seed drawn once per process: for tables of the document's
/// strings.
#[derive(Clone, Copy, Debug)]
pub struct Seeded(u64);

impl Default for Seeded {
    fn default() -> Self {
        static SEED: OnceLock<u64> = OnceLock::new();
        Seeded(*SEED.get_or_init(|| std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64) | 1))
    }
}

impl BuildHasher for Seeded {
    type Hasher = FastHasher;
    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher { h: self.0 }
    }
}

/// A hash map keyed by the document's strings.
pub type Map<K, V> = HashMap<K, V, Seeded>;
/// A hash map of fixed keys.
pub type FixedMap<K, V> = HashMap<K, V, Fixed>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn distinct_short_keys_hash_apart() {
        let b = Fixed;
        let words = ["", "a", "a\0", "ab", "ba", "abcdefgh", "abcdefgh\0", "abcdefghi", "Norway", "Norwegian"];
        let hashes: HashSet<u64> = words.iter().map(|w| b.hash_one(w)).collect();
        assert_eq!(hashes.len(), words.len());
        let mut m: Map<String, usize> = Map::default();
        for (i, w) in words.iter().enumerate() {
            m.insert((*w).to_owned(), i);
        }
        assert_eq!(m.get("Norway"), Some(&8));
    }
}
