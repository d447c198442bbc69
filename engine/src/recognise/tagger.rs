//! The learned entity tagger: an averaged structured perceptron over hashed features, decoded
//! with Viterbi over BIO tags.
//!
//! * **Features** ([`Featurizer`]): lower-cased form, exact form, word shape, prefixes and
//!   suffixes, neighbouring words and shapes (window -2..+2), position in the sentence, heading
//!   and credit lines, and document-level evidence (is the same word written in lower case
//!   elsewhere in the document; is it capitalised in mid-sentence elsewhere). Every feature is
//!   a 32-bit hash. Each distinct token of a document (in tagging, each that a scored token
//!   reads) is hashed into a table of what its neighbours' features read (the features that
//!   read only the token itself, and their weights, are worked out once for a word met three
//!   times or more, where it is met for the others); the document keeps one word index per
//!   token.
//! * **Model** ([`Model`]): the pruned, quantised weights (one row of [`TAGS`] signed bytes per
//!   kept feature) and the tag transition scores, compiled in from `engine/data/tagger.bin`,
//!   which `dossier train` builds from the open corpora (see `engine/data/TAGGER.md`).
//! * **Decoding**: Viterbi forward and backward passes give each tagged span a max-marginal
//!   margin (how much worse the best analysis that does not tag this span is), turned into a
//!   confidence in `0..1` for [`crate::resolve`]'s weighing against the other recognisers.

use std::ops::Range;
use std::sync::OnceLock;

use super::entities::gazetteer::{self, Lists};
use super::{Candidate, Source, What};
use crate::resolve::fast_hash::TextVotes;
use crate::segment::{Segments, SentenceKind, Token, TokenKind};
use crate::{Label, Span};

/// Number of tags: `O`, then `B-` and `I-` for each label in [`Label::ALL`] order.
pub const TAGS: usize = 1 + 2 * Label::ALL.len();

/// Number of features every token gets.
pub const FEATURES: usize = 35;

/// The tag `B-label` (`begin == true`) or `I-label`.
pub fn tag_of(label: Label, begin: bool) -> usize {
    let k = Label::ALL.iter().position(|&l| l == label).unwrap_or(0);
    1 + 2 * k + usize::from(!begin)
}

/// The label of a tag (`None` for `O`) and whether it begins a span.
pub fn label_of(tag: usize) -> Option<(Label, bool)> {
    if tag == 0 || tag >= TAGS {
        return None;
    }
    Some((Label::ALL[(tag - 1) / 2], (tag - 1).is_multiple_of(2)))
}

/// Whether tag `to` may follow tag `from` (`None`: the start of a sentence) in BIO.
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    match label_of(to) {
        Some((l, false)) => from.and_then(label_of).is_some_and(|(m, _)| m == l),
        _ => true,
    }
}

// ---------------------------------------------------------------------------------------------
// Hashing

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

#[inline]
fn finish(h: u64) -> u32 {
    let h = h ^ (h >> 29);
    let h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (h ^ (h >> 32)) as u32
}

/// What a token looks like, coarsely.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Lower = 1,
    Title = 2,
    Caps = 3,
    Number = 4,
    Punct = 5,
    Other = 6,
    Boundary = 7,
}

impl Class {
    /// The class of a token of `kind` with `letters` letters, `upper` of them upper-case, and
    /// whether the first letter is.
    fn of(kind: TokenKind, letters: usize, upper: usize, first_upper: bool) -> Class {
        match kind {
            TokenKind::Word if letters > 1 && upper == letters => Class::Caps,
            TokenKind::Word if first_upper => Class::Title,
            TokenKind::Word => Class::Lower,
            TokenKind::Number => Class::Number,
            TokenKind::Punct => Class::Punct,
            TokenKind::Symbol => Class::Other,
        }
    }
}

/// Hashes of one token, computed once per token and combined into features.
#[derive(Clone, Copy)]
struct TokenHashes {
    /// Hash of the lower-cased form (also the key of its document evidence).
    lower: u64,
    form: u64,
    shape: u64,
    prefix: [u64; 3],
    suffix: [u64; 4],
    class: Class,
    /// Word cluster of the lower-cased form (`NO_CLUSTER` if none).
    cluster: u64,
    /// Cue class: 0 none, 1 title, 2 organisation cue, 3 place cue, 4 event cue.
    cue: u64,
}

/// The cluster of words the clusters do not know.
const NO_CLUSTER: u64 = 0x1_0000;

const BOUNDARY: TokenHashes = TokenHashes {
    lower: 0xB0B0,
    form: 0xB0B1,
    shape: 0xB0B2,
    prefix: [0xB0B3; 3],
    suffix: [0xB0B4; 4],
    class: Class::Boundary,
    cluster: 0x2_0000,
    cue: 9,
};

fn shape_code(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if (c as u32) < 128 {
        c as u8
    } else {
        b'*'
    }
}

/// [`shape_code`] of each ASCII char.
const ASCII_SHAPE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            other => other,
        };
        b += 1;
    }
    t
};

/// The cue a capitalised word gives: 1 a title ([`TITLES`]), 2 an organisation's word
/// ([`ORG_CUES`]), 3 a place's ([`PLACE_CUES`]), 4 an event's ([`EVENT_CUES`]), 0 none; a word in
/// two lists takes the first. One look-up in place of a scan of the four lists (226 words).
fn cue_of(word: &str) -> u64 {
    static CUES: OnceLock<crate::resolve::fast_hash::FixedMap<&'static str, u8>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        let mut m = crate::resolve::fast_hash::FixedMap::default();
        // Later lists first, so that an earlier list's cue overwrites a later one's.
        for (cue, list) in [(4u8, EVENT_CUES), (3, PLACE_CUES), (2, ORG_CUES), (1, TITLES)] {
            for &w in list {
                m.insert(w, cue);
            }
        }
        m
    });
    cues.get(word).map_or(0, |&c| u64::from(c))
}

fn hash_token(word: &str, kind: TokenKind) -> TokenHashes {
    hash_text::<true>(word, kind)
}

/// [`hash_token`], or with `FULL` false only the hashes that [`Word`] does not keep (form,
/// lower-cased form, prefixes and suffixes): the shape, class and cue are left as for a word of
/// no letters, for the caller to take from its [`Word`] (the same loop, less of it).
#[inline]
fn hash_text<const FULL: bool>(word: &str, kind: TokenKind) -> TokenHashes {
    let mut lower = 0x1234u64;
    let mut form = 0x5678u64;
    let mut shape = 0x9abcu64;
    let mut last_code = 0u8;
    let mut run = 0u8;
    let mut shape_len = 0;
    let mut prefix = [0u64; 3];
    let mut n = 0usize;
    let mut upper = 0usize;
    let mut letters = 0usize;
    let mut first_upper = false;
    // The last four lower-cased chars, for suffixes.
    let mut tail = [0u32; 4];
    // The same steps for each char, written out twice below (a closure called from the two
    // loops is not inlined).
    macro_rules! step {
        ($c:expr) => {{
            let c: char = $c;
            form = mix(form, c as u64);
            let ascii = c.is_ascii();
            if FULL {
                let code = if ascii { ASCII_SHAPE[c as usize] } else { shape_code(c) };
                if code == last_code {
                    run = run.saturating_add(1);
                } else {
                    run = 0;
                }
                // Shape: runs longer than 2 collapse, at most 8 codes.
                if run < 2 && shape_len < 8 {
                    shape = mix(shape, code as u64);
                    shape_len += 1;
                }
                last_code = code;
            }
            if FULL && c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                    if n == 0 {
                        first_upper = true;
                    }
                }
            }
            let mut fold = |l: char| {
                lower = mix(lower, l as u64);
                if n < 3 {
                    prefix[n] = lower;
                }
                tail = [tail[1], tail[2], tail[3], l as u32];
            };
            // ASCII lower-cases to one char: no case-mapping iterator for it.
            if ascii {
                fold(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(fold);
            }
            n += 1;
        }};
    }
    // ASCII text (most words) a byte at a time: the same chars, without decoding UTF-8, and
    // the Unicode property tests fold to ASCII ranges.
    if word.is_ascii() {
        for b in word.bytes() {
            step!(char::from(b));
        }
    } else {
        for c in word.chars() {
            step!(c);
        }
    }
    for p in n.min(3)..3 {
        prefix[p] = mix(prefix[n.clamp(1, 3) - 1], 0xFF);
    }
    let mut suffix = [0u64; 4];
    for (k, s) in suffix.iter_mut().enumerate() {
        let len = k + 1;
        let mut h = 0x7777u64 + len as u64;
        for &c in &tail[4 - len..] {
            h = mix(h, c as u64);
        }
        *s = h;
    }
    let class = Class::of(kind, letters, upper, first_upper);
    let cue = if !FULL || kind != TokenKind::Word || !first_upper { 0 } else { cue_of(word) };
    TokenHashes { lower, form, shape, prefix, suffix, class, cluster: NO_CLUSTER, cue }
}

/// Capitalised words that end or make organisations' names.
const ORG_CUES: &[&str] = &[
    "Party", "Ministry", "Department", "University", "College", "School", "Institute", "Inc.", "Inc", "Corp.", "Corp",
    "Corporation", "Company", "Co.", "Ltd", "Ltd.", "LLC", "PLC", "Group", "Holdings", "Bank", "Agency", "Council",
    "Committee", "Commission", "Association", "Federation", "Union", "League", "Club", "FC", "United", "Records",
    "Airlines", "Airways", "Army", "Navy", "Force", "Forces", "Guard", "Police", "Service", "Services", "Office",
    "Organization", "Organisation", "Foundation", "Society", "Church", "Court", "Parliament", "Assembly", "Senate",
    "Congress", "Government", "Administration", "Bureau", "Authority", "Board", "Brigade", "Division", "Regiment",
    "Battalion", "Corps", "Front", "Movement", "Network", "News", "Times", "Post", "Press", "Radio", "TV", "Television",
    "Studios", "Entertainment", "Media", "Systems", "Technologies", "Motors", "Industries", "International", "Team",
];

/// Capitalised words that end places' names.
const PLACE_CUES: &[&str] = &[
    "River", "Lake", "Mountain", "Mountains", "Mount", "Island", "Islands", "Sea", "Ocean", "Bay", "Valley", "County",
    "Province", "Region", "Oblast", "State", "City", "Town", "Village", "Street", "Road", "Avenue", "Square", "Park",
    "Bridge", "Airport", "Station", "Port", "Peninsula", "Desert", "Strait", "Gulf", "Coast", "Hill", "Hills", "Creek",
    "District", "Township", "Canyon", "Falls", "Forest", "Beach", "Cape",
];

/// Capitalised words that end or start events' names.
const EVENT_CUES: &[&str] = &[
    "War", "Battle", "Summit", "Conference", "Olympics", "Games", "Cup", "Championship", "Championships", "Election",
    "Elections", "Revolution", "Festival", "Awards", "Crisis", "Operation", "Hurricane", "Storm", "Massacre", "Siege",
    "Offensive", "Uprising", "Treaty", "Accords", "Forum",
];

/// The key of a word in [`Clusters`]: a hash of its lower-cased form.
pub fn word_key(word: &str) -> u32 {
    finish(hash_token(word, TokenKind::Word).lower)
}

/// Word clusters learned from the corpora's raw text: word key ([`word_key`]) to cluster.
#[derive(Default)]
pub struct Clusters {
    /// Open-addressing table of (key, cluster + 1); cluster 0 marks an empty slot.
    slots: Vec<(u32, u16)>,
    /// How far a word key is shifted right before lookup (the model keeps its top bits).
    shift: u32,
}

impl Clusters {
    /// Builds the table from (key, cluster) pairs.
    pub fn new(pairs: &[(u32, u8)]) -> Clusters {
        Clusters::with_shift(pairs, 0)
    }

    /// Builds the table from (key, cluster) pairs whose keys are word keys shifted right by
    /// `shift` (below 32).
    fn with_shift(pairs: &[(u32, u8)], shift: u32) -> Clusters {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u16); cap];
        for &(k, c) in pairs {
            let mut s = slot_of(k, mask);
            while slots[s].1 != 0 && slots[s].0 != k {
                s = (s + 1) & mask;
            }
            slots[s] = (k, u16::from(c) + 1);
        }
        Clusters { slots, shift }
    }

    /// The cluster of a word key.
    pub fn get(&self, key: u32) -> Option<u8> {
        if self.slots.is_empty() {
            return None;
        }
        let key = key >> self.shift;
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, mask);
        loop {
            let (k, c) = self.slots[s];
            if c == 0 {
                return None;
            }
            if k == key {
                return Some((c - 1) as u8);
            }
            s = (s + 1) & mask;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Document evidence and the document's words

/// Number of features that read nothing but the token itself (its text, kind, word cluster and
/// document evidence): features 0 to 8, 20, 27 and 28.
const OWN: usize = 12;

/// A distinct token of a document (its exact text and kind), hashed once however often it
/// occurs. It keeps what its neighbours' features read (40 bytes): its own features, which
/// read its other hashes, are worked out again from its text where they are weighed
/// ([`Featurizer::own`]), once per word met fewer than [`WEIGHED_FROM`] times, once in all for
/// the others. Text whose words never repeat costs a word per token or two.
struct Word {
    /// Where one of its occurrences stands (to compare others with, and to hash again).
    start: u32,
    len: u32,
    /// Hashes of its lower-cased form (also its key for document evidence), shape and last
    /// three characters ([`TokenHashes`]).
    lower: u64,
    shape: u64,
    suffix2: u64,
    /// Its word cluster ([`TokenHashes::cluster`]).
    cluster: u32,
    /// Its cue class ([`TokenHashes::cue`]).
    cue: u8,
    class: Class,
    kind: TokenKind,
    /// [`SEEN_LOWER`], [`SEEN_CAPITALISED`], [`OPENER`], and in the two bits from [`EV_SHIFT`]
    /// the document evidence of its lower-cased form as features read it (bit 0: written in
    /// lower case somewhere; bit 1: capitalised inside a sentence somewhere).
    flags: u8,
    /// How often it occurs (in [`Featurizer::for_tagging`], among the tokens read), up to 255
    /// (the edge word counts as often met).
    count: u8,
}

/// [`Word::flags`]: one of its occurrences is written in lower case.
const SEEN_LOWER: u8 = 1;
/// [`Word::flags`]: one of its occurrences is capitalised other than at the start of a
/// sentence or a heading.
const SEEN_CAPITALISED: u8 = 2;
/// [`Word::flags`]: an opening quote or bracket (capitals after one say little).
const OPENER: u8 = 4;
/// [`Word::flags`]: where the document evidence of its lower-cased form starts (two bits).
const EV_SHIFT: u8 = 3;

/// How often a word must occur to have its weights kept ([`Weights`]): a word met twice costs
/// one more weighing where it is met than 192 bytes of kept sums save.
const WEIGHED_FROM: u8 = 3;

impl Word {
    /// The word of a token of `kind` at `start..start + len` with hashes `h`.
    fn new(start: usize, len: usize, kind: TokenKind, h: &TokenHashes, opener: bool) -> Word {
        Word {
            start: start as u32,
            len: len as u32,
            lower: h.lower,
            shape: h.shape,
            suffix2: h.suffix[2],
            cluster: h.cluster as u32,
            cue: h.cue as u8,
            class: h.class,
            kind,
            flags: if opener { OPENER } else { 0 },
            count: 1,
        }
    }

    /// The document evidence of its lower-cased form, as features read it.
    #[inline]
    fn ev_code(&self) -> u64 {
        u64::from((self.flags >> EV_SHIFT) & 3)
    }

    /// Its text: one of its occurrences in `text`.
    #[inline]
    fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start as usize..(self.start + self.len) as usize).unwrap_or("")
    }

    /// Whether its weights are kept ([`WEIGHED_FROM`]).
    #[inline]
    fn weighed(&self) -> bool {
        self.count >= WEIGHED_FROM
    }
}

/// The word that stands for the edges of a sentence.
const EDGE: u32 = 0;

/// The word that stands for a plain word ([`is_plain`]) that no scored token reads
/// ([`Featurizer::for_tagging`]): not hashed, only its class (lower case) is read.
const UNREAD_WORD: u32 = 1;

/// The word that stands for a plain mark that no scored token reads (its class is read).
const UNREAD_MARK: u32 = 2;

/// The first word of a document's own (those before it stand in for tokens).
const FIRST_WORD: usize = 3;

/// The distinct tokens of a document: an open-addressing table from text and kind to [`Word`].
struct Words {
    list: Vec<Word>,
    /// Index into `list` plus one; 0 marks an empty slot. Its length is a power of two.
    slots: Vec<u32>,
}

/// A hash of a token's bytes and kind, for [`Words`] (any good spread will do: the table
/// compares the text itself).
#[inline]
fn text_hash(bytes: &[u8], kind: TokenKind) -> u64 {
    let mut h = kind as u64 ^ (bytes.len() as u64) << 8;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, load_le(c));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, load_le(rest));
    }
    h ^ (h >> 29)
}

/// The first eight bytes of `b` (all of them if fewer, the rest zero) read as a little-endian
/// integer: for the few bytes of a word, two overlapping loads and a shift in place of a copy
/// into a zeroed buffer (a memcpy call each).
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    match *b {
        [] => 0,
        [a] => u64::from(a),
        [a, b1, ..] if n < 4 => u64::from(u16::from_le_bytes([a, b1])) | u64::from(u16::from_le_bytes([b[n - 2], b[n - 1]])) << ((n - 2) * 8),
        [a, b1, c, d, ..] if n < 8 => {
            u64::from(u32::from_le_bytes([a, b1, c, d])) | u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]])) << ((n - 4) * 8)
        }
        [a, b1, c, d, e, f, g, k, ..] => u64::from_le_bytes([a, b1, c, d, e, f, g, k]),
        _ => 0,
    }
}

/// Whether `a` and `b`, of the same length, hold the same bytes: eight at a time, without a
/// call to memcmp for a few bytes.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    (&mut x).zip(&mut y).all(|(p, q)| load_le(p) == load_le(q)) && load_le(x.remainder()) == load_le(y.remainder())
}

impl Words {
    fn new() -> Words {
        let mut edge = Word::new(0, 0, TokenKind::Symbol, &BOUNDARY, false);
        edge.count = u8::MAX;
        // The stand-ins for unread tokens: their class (for "a word came before") and nothing
        // else is read; met no times, they are never weighed.
        let unread = |kind, class| Word { count: 0, ..Word::new(0, 0, kind, &TokenHashes { class, ..BOUNDARY }, false) };
        let list = vec![edge, unread(TokenKind::Word, Class::Lower), unread(TokenKind::Punct, Class::Punct)];
        Words { list, slots: vec![0; 64] }
    }

    /// The word of token `t` of `text`, added (hashed) when it is new.
    fn id(&mut self, text: &str, t: &Token, clusters: &Clusters) -> u32 {
        // Bytes, not `str`: no char-boundary checks where `start` and `end` are a token's.
        let bytes = text.as_bytes().get(t.start()..t.end()).unwrap_or_default();
        let kind = t.kind();
        let bits = self.slots.len().trailing_zeros();
        let mask = self.slots.len() - 1;
        let mut s = (text_hash(bytes, kind).wrapping_mul(K) >> (64 - bits)) as usize;
        loop {
            let e = self.slots[s];
            if e == 0 {
                break;
            }
            let w = &mut self.list[e as usize - 1];
            // Lengths first, then bytes.
            if w.len as usize == bytes.len()
                && w.kind == kind
                && text.as_bytes().get(w.start as usize..w.start as usize + bytes.len()).is_some_and(|b| same_bytes(b, bytes))
            {
                w.count = w.count.saturating_add(1);
                return e - 1;
            }
            s = (s + 1) & mask;
        }
        let word = t.span().of(text);
        let mut h = hash_token(word, kind);
        if kind == TokenKind::Word {
            if let Some(c) = clusters.get(finish(h.lower)) {
                h.cluster = u64::from(c);
            }
        }
        // The openers: " ' ( [ : - and “ ‘ — (E2 80 9C, 98, 94).
        let opener = match *bytes {
            [b] => matches!(b, b'"' | b'\'' | b'(' | b'[' | b':' | b'-'),
            [0xE2, 0x80, c] => matches!(c, 0x9C | 0x98 | 0x94),
            _ => false,
        };
        let id = self.list.len() as u32;
        // A quarter more at a time: text of distinct names has a new word every 13 bytes, and
        // doubling would leave up to half of the list unused (and hold both lists meanwhile).
        crate::grow::push(&mut self.list, Word::new(t.start(), word.len(), kind, &h, opener), 64);
        self.slots[s] = id + 1;
        if self.list.len() * 2 > self.slots.len() {
            self.grow(text);
        }
        id
    }

    /// Merges the document evidence of the words by lower-cased form ("The" and "the"): each
    /// word's [`SEEN_LOWER`] and [`SEEN_CAPITALISED`] go, as its evidence, to every word of its
    /// form. Every word has its id by now, so the table that found them is done with: it is
    /// cleared and keyed by form instead (the first word of each form gathers the evidence of
    /// all, then each word reads it back), then freed; the same bits as sorting the words
    /// by form and merging each run, without the sort. `unread_lower` gives the lower-cased
    /// forms ([`plain_lower`]) of the words that stand in no table ([`UNREAD_WORD`]): each is
    /// written in lower case, evidence for the words of its form.
    fn merge_evidence(&mut self, unread_lower: impl Iterator<Item = u64>) {
        let mut slots = std::mem::take(&mut self.slots);
        slots.fill(0);
        let bits = slots.len().trailing_zeros();
        let mask = slots.len().wrapping_sub(1);
        let list = &mut self.list;
        // The index of the first word of `lower`'s form, or the empty slot it would take.
        let find = |list: &[Word], slots: &[u32], lower: u64| -> Result<usize, usize> {
            let mut s = (lower.wrapping_mul(K) >> (64 - bits)) as usize;
            loop {
                match slots.get(s) {
                    Some(&0) | None => return Err(s),
                    Some(&e) if list[e as usize].lower == lower => return Ok(e as usize),
                    _ => s = (s + 1) & mask,
                }
            }
        };
        for i in FIRST_WORD..list.len() {
            let seen = (list[i].flags & (SEEN_LOWER | SEEN_CAPITALISED)) << EV_SHIFT;
            match find(list, &slots, list[i].lower) {
                Ok(first) => list[first].flags |= seen,
                Err(s) => {
                    slots[s] = i as u32;
                    list[i].flags |= seen;
                }
            }
        }
        for lower in unread_lower {
            if let Ok(first) = find(list, &slots, lower) {
                list[first].flags |= SEEN_LOWER << EV_SHIFT;
            }
        }
        for i in FIRST_WORD..list.len() {
            if let Ok(first) = find(list, &slots, list[i].lower) {
                list[i].flags |= list[first].flags & (SEEN_LOWER | SEEN_CAPITALISED) << EV_SHIFT;
            }
        }
    }

    /// Doubles the table.
    fn grow(&mut self, text: &str) {
        let cap = self.slots.len() * 2;
        let bits = cap.trailing_zeros();
        let mask = cap - 1;
        let mut slots = vec![0u32; cap];
        for (i, w) in self.list.iter().enumerate().skip(FIRST_WORD) {
            let bytes = text.as_bytes().get(w.start as usize..(w.start + w.len) as usize).unwrap_or_default();
            let mut s = (text_hash(bytes, w.kind).wrapping_mul(K) >> (64 - bits)) as usize;
            while slots[s] != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = i as u32 + 1;
        }
        self.slots = slots;
    }
}

/// The features of one token that read only the token itself (see [`OWN`]).
fn own_features(c: &TokenHashes, ev_code: u64) -> [u32; OWN] {
    let cls = c.class as u64;
    [
        feature(0, 0, 0),
        feature(1, c.lower, 0),
        feature(2, c.form, 0),
        feature(3, c.shape, 0),
        feature(4, c.prefix[1], 0),
        feature(5, c.prefix[2], 0),
        feature(6, c.suffix[1], 0),
        feature(7, c.suffix[2], 0),
        feature(8, c.suffix[3], 0),
        feature(20, ev_code, cls),
        feature(27, c.prefix[0], c.suffix[0] ^ (cls << 32)),
        feature(28, c.cluster, cls),
    ]
}

/// Feature `t` of the values `a` and `b`.
#[inline]
fn feature(t: u64, a: u64, b: u64) -> u32 {
    finish(mix(mix(mix(0x0F0F, t), a), b))
}

/// Per-document feature extraction: hashes each distinct token of the document once and
/// gathers the document evidence in one pass over the tokens, then gives the features of each
/// sentence.
pub struct Featurizer<'t> {
    text: &'t str,
    words: Words,
    /// The word of each token of the document ([`UNREAD_WORD`] or [`UNREAD_MARK`] for a token
    /// that no scored token reads, where [`Featurizer::for_tagging`] made it).
    ids: Vec<u32>,
    /// Whether each token of the document is quiet ([`quiet_tokens`]; empty where
    /// [`Featurizer::new`] made it).
    quiet: Vec<bool>,
}

/// The context of one token: the words at -2..+2 and the flags of its sentence.
struct Context {
    p2: u32,
    p1: u32,
    c: u32,
    n1: u32,
    n2: u32,
    /// The first word of its sentence.
    first: bool,
    /// The kind of its sentence: 1 body, 2 heading, 3 credit.
    kind: u64,
    /// Its index in the document's tokens.
    at: usize,
}

impl<'t> Featurizer<'t> {
    /// Prepares the features of a segmented document.
    pub fn new(text: &'t str, segments: &Segments, clusters: &Clusters) -> Featurizer<'t> {
        let mut words = Words::new();
        let ids: Vec<u32> = segments.tokens.iter().map(|t| words.id(text, t, clusters)).collect();
        Featurizer::with_evidence(text, segments, words, ids, Vec::new())
    }

    /// Prepares what [`tag_document`] reads: the quiet tokens ([`quiet_tokens`]), and the words
    /// of the tokens that a scored token reads (those up to two away from one in its sentence);
    /// the others (plain, a third of an article's tokens) are not hashed into the word table,
    /// and stand in it as [`UNREAD_WORD`] or [`UNREAD_MARK`]. The document evidence is that of
    /// [`Featurizer::new`]: an unread token is plain, so only an unread word gives any (it is
    /// written in lower case), and [`Words::merge_evidence`] takes its lower-cased form.
    fn for_tagging(text: &'t str, segments: &Segments, clusters: &Clusters) -> Featurizer<'t> {
        let quiet = quiet_tokens(text, segments);
        let tokens = &segments.tokens;
        let n = tokens.len();
        // Tokens outside every sentence (if any) are read by none, and kept as `new` keeps them.
        let mut read = vec![true; n];
        for s in &segments.sentences {
            let (from, to) = (s.tokens.start.min(n), s.tokens.end.min(n));
            // Scored tokens at most READ_REACH before `j`, counted as `j` moves on.
            let scored = |j: usize| j < to && !quiet[j];
            let mut near = (from..(from + READ_REACH).min(to)).filter(|&j| scored(j)).count();
            for (j, read) in read.iter_mut().enumerate().take(to).skip(from) {
                near += usize::from(scored(j + READ_REACH));
                *read = near > 0;
                near -= usize::from(j >= from + READ_REACH && scored(j - READ_REACH));
            }
        }
        let mut words = Words::new();
        let ids: Vec<u32> = tokens
            .iter()
            .zip(&read)
            .map(|(t, &read)| match (read, t.kind()) {
                (true, _) => words.id(text, t, clusters),
                (false, TokenKind::Word) => UNREAD_WORD,
                (false, _) => UNREAD_MARK,
            })
            .collect();
        Featurizer::with_evidence(text, segments, words, ids, quiet)
    }

    /// The featurizer of `words` and `ids`, with the document evidence gathered and merged.
    fn with_evidence(text: &'t str, segments: &Segments, mut words: Words, ids: Vec<u32>, quiet: Vec<bool>) -> Featurizer<'t> {
        for s in &segments.sentences {
            let body = s.kind == SentenceKind::Body;
            let mut first_word = true;
            for i in s.tokens.clone() {
                let Some(&id) = ids.get(i) else { continue };
                // An unread token is plain: a word in lower case (its evidence goes by its form,
                // below) or a mark. What comes after it is plain too (else it would be read),
                // so whether it opens a quote is not asked.
                if id == UNREAD_WORD {
                    first_word = false;
                    continue;
                }
                if id == UNREAD_MARK {
                    continue;
                }
                let opened = i.checked_sub(1).is_some_and(|p| words.list[ids[p] as usize].flags & OPENER != 0);
                let w = &mut words.list[id as usize];
                match w.class {
                    Class::Lower => w.flags |= SEEN_LOWER,
                    Class::Title | Class::Caps if body && !first_word && !opened => w.flags |= SEEN_CAPITALISED,
                    _ => {}
                }
                if matches!(w.class, Class::Lower | Class::Title | Class::Caps | Class::Number) {
                    first_word = false;
                }
            }
        }
        // The unread words' forms, read again from the text (not kept: 8 bytes a token). Every
        // unread token stands in a sentence ([`Featurizer::for_tagging`]).
        let unread = ids.iter().zip(&segments.tokens).filter(|&(&id, _)| id == UNREAD_WORD);
        words.merge_evidence(unread.map(|(_, t)| plain_lower(t.span().of(text).as_bytes())));
        Featurizer { text, words, ids, quiet }
    }

    /// The hashes of word `id`, worked out again from its text (what [`Words::id`] worked out).
    fn hashes(&self, id: u32) -> TokenHashes {
        let w = &self.words.list[id as usize];
        if id == EDGE {
            return BOUNDARY;
        }
        // The hashes the word keeps are not worked out again.
        let mut h = hash_text::<false>(w.text(self.text), w.kind);
        (h.shape, h.class, h.cue, h.cluster) = (w.shape, w.class, u64::from(w.cue), u64::from(w.cluster));
        h
    }

    /// The features of word `id` that read nothing but itself ([`OWN`] of them).
    fn own(&self, id: u32) -> [u32; OWN] {
        own_features(&self.hashes(id), self.words.list[id as usize].ev_code())
    }

    /// Writes the features of the tokens of sentence `s` to `out` (cleared first):
    /// [`FEATURES`] per token, in token order.
    pub fn sentence(&self, segments: &Segments, s: usize, out: &mut Vec<u32>) {
        let Some(sentence) = segments.sentences.get(s) else {
            out.clear();
            return;
        };
        self.chunk(segments, s, sentence.tokens.clone(), &mut false, out);
    }

    /// Calls `each` with the context of every token of `chunk` (a part of sentence `s`'s
    /// tokens). Neighbours are read across the chunk's edges, so the features are those of the
    /// whole sentence; `seen_word` carries "a word came before" from chunk to chunk.
    fn contexts(&self, segments: &Segments, s: usize, chunk: Range<usize>, seen_word: &mut bool, mut each: impl FnMut(&Context)) {
        let Some(sentence) = segments.sentences.get(s) else { return };
        let range = sentence.tokens.clone();
        let kind = match sentence.kind {
            SentenceKind::Body => 1u64,
            SentenceKind::Heading => 2,
            SentenceKind::Credit => 3,
        };
        let end = range.end.min(self.ids.len());
        let at = |j: usize| -> u32 {
            if j < range.start || j >= end {
                EDGE
            } else {
                self.ids[j]
            }
        };
        for i in chunk.start.max(range.start)..chunk.end.min(range.end) {
            let c = at(i);
            let first = !*seen_word;
            if matches!(self.words.list[c as usize].class, Class::Lower | Class::Title | Class::Caps | Class::Number) {
                *seen_word = true;
            }
            let before = |k: usize| i.checked_sub(k).map_or(EDGE, at);
            each(&Context { p2: before(2), p1: before(1), c, n1: at(i + 1), n2: at(i + 2), first, kind, at: i });
        }
    }

    /// The features of the token of `x` that read its neighbours together with itself or with
    /// each other ([`PAIRS`] of them, in the order of [`PAIRS_AT`]): those of
    /// [`Featurizer::pair_keys`], then the four that [`Small`] serves by index (17, 32, 33, 34).
    fn pair_features(&self, x: &Context) -> [u32; PAIRS] {
        let h = |id: u32| &self.words.list[id as usize];
        let (p2, p1, c, n1, n2) = (h(x.p2), h(x.p1), h(x.c), h(x.n1), h(x.n2));
        let cls = c.class as u64;
        let f = feature;
        let small = [
            f(17, (p1.class as u64) << 8 | cls, n1.class as u64),
            f(32, u64::from(c.cue), u64::from(p1.cue) << 4 | u64::from(n1.cue)),
            f(33, u64::from(n2.cue), cls),
            f(34, u64::from(p2.cue), cls),
        ];
        let mut all = [0; PAIRS];
        let (keys, rest) = all.split_at_mut(PAIRS - small.len());
        keys.copy_from_slice(&self.pair_keys(x));
        rest.copy_from_slice(&small);
        all
    }

    /// The features of [`Featurizer::pair_features`] but the four of [`Small`]: those a token
    /// looks up in the table.
    fn pair_keys(&self, x: &Context) -> [u32; PAIRS - 4] {
        let h = |id: u32| &self.words.list[id as usize];
        let (p2, p1, c, n1) = (h(x.p2), h(x.p1), h(x.c), h(x.n1));
        let cls = c.class as u64;
        let f = feature;
        [
            f(13, p1.lower, c.lower),
            f(14, c.lower, n1.lower),
            f(15, p1.shape, c.shape),
            f(16, c.shape, n1.shape),
            f(22, p1.lower, c.shape),
            f(23, c.shape, n1.lower),
            f(24, p1.suffix2, cls),
            f(25, n1.suffix2, cls),
            f(26, p2.lower, p1.lower << 1 ^ cls),
            f(31, u64::from(p1.cluster) << 20 | u64::from(c.cluster), u64::from(n1.cluster)),
        ]
    }

    /// Writes the features of tokens `chunk` (a part of sentence `s`'s tokens) to `out`
    /// (cleared first). Neighbours are read across the chunk's edges, so the features are those
    /// of the whole sentence; `seen_word` carries "a word came before" from chunk to chunk.
    pub fn chunk(&self, segments: &Segments, s: usize, chunk: Range<usize>, seen_word: &mut bool, out: &mut Vec<u32>) {
        out.clear();
        self.contexts(segments, s, chunk, seen_word, |x| {
            let w = &self.words.list[x.c as usize];
            let mut feats = [0u32; FEATURES];
            for (&k, &v) in OWN_AT.iter().zip(&self.own(x.c)) {
                feats[k] = v;
            }
            for (&k, &v) in PAIRS_AT.iter().zip(&self.pair_features(x)) {
                feats[k] = v;
            }
            let [p1, n1, p2, n2] = [x.p1, x.n1, x.p2, x.n2].map(|id| window_features(&self.words.list[id as usize]));
            let window = [p1[0][0], p1[0][1], n1[1][0], n1[1][1], p2[2][0], n2[3][0]];
            for (&k, &v) in WINDOW_AT.iter().zip(&window) {
                feats[k] = v;
            }
            for (&k, &v) in SENTENCE_AT.iter().zip(&sentence_features(w, x.first, x.kind)) {
                feats[k] = v;
            }
            out.extend_from_slice(&feats);
        });
    }
}

impl Featurizer<'_> {
    /// The features of each of the document's often met words ([`WEIGHED_FROM`]) that read only
    /// that word, weighed by `model` (see [`Weights`]).
    fn weigh(&self, model: &Model) -> Weights {
        let mut index = Vec::with_capacity(self.words.list.len());
        let mut kept = 0u32;
        for w in &self.words.list {
            index.push(if w.weighed() { kept } else { u32::MAX });
            kept += u32::from(w.weighed());
        }
        // Sized exactly: a filtered collect would grow by doubling, and its copies would raise
        // the peak this table is kept small for.
        let mut rows = Vec::with_capacity(kept as usize);
        rows.extend(self.words.list.iter().enumerate().filter(|(_, w)| w.weighed()).map(|(id, w)| {
            let sum = |keys: &[u32]| {
                let mut acc = [0i32; LANES];
                for &k in keys {
                    model.add(&mut acc, k);
                }
                // At most 15 weights of at most 127 in size: far inside i16.
                acc.map(|a| a as i16)
            };
            // The body-sentence sum goes on from the word's own sum (integer sums: the
            // same as adding all fifteen from nothing, with twelve look-ups fewer).
            let mut acc = [0i32; LANES];
            for k in self.own(id as u32) {
                model.add(&mut acc, k);
            }
            let own = acc.map(|a| a as i16);
            for k in sentence_features(w, false, 1) {
                model.add(&mut acc, k);
            }
            let body = acc.map(|a| a as i16);
            let [p1, n1, p2, n2] = window_features(w);
            Weighed { own: [own, body], window: [sum(&p1), sum(&n1), sum(&p2[..1]), sum(&n2[..1])] }
        }));
        Weights { index, rows }
    }

    /// Writes the emission scores under `model` of tokens `chunk` (a part of sentence `s`'s
    /// tokens) to `out` (cleared first): the summed weights of the features that
    /// [`Featurizer::chunk`] gives, times the model's scale; `own` is [`Featurizer::weigh`]'s
    /// for `model`.
    #[allow(clippy::too_many_arguments)]
    fn emissions(
        &self,
        model: &Model,
        own: &Weights,
        segments: &Segments,
        s: usize,
        chunk: Range<usize>,
        seen_word: &mut bool,
        quiet: &[bool],
        out: &mut Vec<Lanes>,
    ) {
        out.clear();
        let first = chunk.start;
        self.contexts(segments, s, chunk, seen_word, |x| {
            // A quiet token is `O` without being scored (see [`quiet_tokens`]): its row only
            // keeps the rows in step with the tokens, since Viterbi runs over the stretches of
            // tokens between quiet ones.
            if quiet.get(x.at - first) == Some(&true) {
                out.push([0.0; LANES]);
                return;
            }
            let body = x.kind == 1 && !x.first;
            let mut acc = [0i16; LANES];
            let add = |acc: &mut [i16; LANES], part: &[i16; LANES]| {
                for (a, &v) in acc.iter_mut().zip(part) {
                    *a += v;
                }
            };
            // The token's features are gathered first and looked up together (Table::add_all),
            // so that the table's cache misses overlap instead of waiting on one another.
            let mut keys = Keys::default();
            // A word met once or twice is weighed here, where it is met (the same look-ups that
            // weighing it beforehand would have made, and the same integer sums).
            match own.get(x.c) {
                Some(w) => add(&mut acc, &w.own[usize::from(body)]),
                None => {
                    let w = &self.words.list[x.c as usize];
                    keys.extend(&self.own(x.c));
                    if body {
                        keys.extend(&sentence_features(w, false, 1));
                    }
                }
            }
            for (slot, id) in [x.p1, x.n1, x.p2, x.n2].into_iter().enumerate() {
                match own.get(id) {
                    Some(w) => add(&mut acc, &w.window[slot]),
                    None => {
                        let keys_of = window_features(&self.words.list[id as usize])[slot];
                        // The words at -2 and +2 have one feature each.
                        keys.extend(&keys_of[..if slot < 2 { 2 } else { 1 }]);
                    }
                }
            }
            if !body {
                keys.extend(&sentence_features(&self.words.list[x.c as usize], x.first, x.kind));
            }
            keys.extend(&self.pair_keys(x));
            let h = |id: u32| &self.words.list[id as usize];
            model.small.add(&mut acc, h(x.p2), h(x.p1), h(x.c), h(x.n1), h(x.n2));
            model.add_all(&mut acc, keys.as_slice());
            out.push(acc.map(|a| f32::from(a) * model.scale));
        });
    }
}

/// The feature keys of one token, gathered for [`Model::add_all`].
struct Keys {
    keys: [u32; FEATURES],
    len: usize,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys { keys: [0; FEATURES], len: 0 }
    }
}

impl Keys {
    #[inline]
    fn extend(&mut self, keys: &[u32]) {
        for &k in keys {
            if let Some(slot) = self.keys.get_mut(self.len) {
                *slot = k;
                self.len += 1;
            }
        }
    }

    #[inline]
    fn as_slice(&self) -> &[u32] {
        &self.keys[..self.len]
    }
}

/// The weighed features of a document's often met words: most tokens of news text are words
/// that occur again and again, and a word met once costs no more weighed where it is met, a
/// word met twice one weighing more (and keeps no 192 bytes of sums: text whose names occur
/// twice each would otherwise hold one for every other token).
struct Weights {
    /// Per word (by id), its row in `rows`, or `u32::MAX` for a word met fewer than
    /// [`WEIGHED_FROM`] times.
    index: Vec<u32>,
    rows: Vec<Weighed>,
}

impl Weights {
    /// The weighed features of word `id`, if it is often met.
    #[inline]
    fn get(&self, id: u32) -> Option<&Weighed> {
        self.index.get(id as usize).and_then(|&r| self.rows.get(r as usize))
    }
}

/// The weights of the features of one word that read nothing but that word, summed by tag.
struct Weighed {
    /// Its own features ([`OWN`]): alone, and with the [`sentence_features`] of a word in a
    /// body sentence after its first word (those of most tokens).
    own: [[i16; LANES]; 2],
    /// Its [`window_features`] as the word at -1, +1, -2 and +2.
    window: [[i16; LANES]; 4],
}

/// The features of word `w` that read the flags of its sentence: whether it is the first word
/// and the sentence's kind (in the order of [`SENTENCE_AT`]).
fn sentence_features(w: &Word, first: bool, kind: u64) -> [u32; 3] {
    let first = u64::from(first);
    let cls = w.class as u64;
    [feature(18, first, w.shape), feature(19, kind, w.shape), feature(21, w.ev_code() << 4 | first << 3 | kind, cls)]
}

/// The features that read one neighbour alone, for a word standing at -1, +1, -2 and +2 (in
/// the order of [`WINDOW_AT`]; the words at -2 and +2 have one feature each, the second is
/// zero).
fn window_features(h: &Word) -> [[u32; 2]; 4] {
    let cluster = u64::from(h.cluster);
    [
        [feature(9, h.lower, 0), feature(29, cluster, 0)],
        [feature(10, h.lower, 0), feature(30, cluster, 0)],
        [feature(11, h.lower, 0), 0],
        [feature(12, h.lower, 0), 0],
    ]
}

/// Where the features of [`window_features`] stand among a token's [`FEATURES`]: those of the
/// word at -1, +1, -2, +2.
const WINDOW_AT: [usize; 6] = [9, 29, 10, 30, 11, 12];

/// Number of features that read a token's neighbours with itself or each other.
const PAIRS: usize = 14;

/// Where the features of [`Featurizer::pair_features`] stand among a token's [`FEATURES`].
const PAIRS_AT: [usize; PAIRS] = [13, 14, 15, 16, 22, 23, 24, 25, 26, 31, 17, 32, 33, 34];

/// Where the features of [`sentence_features`] stand among a token's [`FEATURES`].
const SENTENCE_AT: [usize; 3] = [18, 19, 21];

/// Where the features of [`own_features`] stand among a token's [`FEATURES`].
const OWN_AT: [usize; OWN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 20, 27, 28];

// ---------------------------------------------------------------------------------------------
// Model

const MAGIC: &[u8; 8] = b"DSTAG02\0";

/// Bits of a feature or word key the model keeps ([`RawModel::key_bits`]'s default): keys are
/// compared on their top 24 bits, so that the sorted keys cost about 9 bits each instead of 17;
/// a feature the model lacks matches a kept one with odds of about 1 in 170.
pub const KEY_BITS: u32 = 24;

/// A trained tagger: quantised feature weights and transition scores.
pub struct Model {
    /// Weight of one quantisation step.
    scale: f32,
    /// Temperature turning margins into confidences.
    temperature: f32,
    /// Transition scores with the BIO constraints, laid out for Viterbi.
    lattice: Lattice,
    /// How far a feature key is shifted right before lookup (32 minus the kept key bits).
    shift: u32,
    /// The feature weights.
    table: Table,
    /// The rows of the features of few values, by value ([`Small`]).
    small: Small,
    /// Word clusters.
    clusters: Clusters,
}

/// The rows of the features that read nothing but the classes and cues of a token and its
/// neighbours (features 17, 32, 33 and 34 of [`Featurizer::pair_features`]), one per value they
/// can take, looked up once when the model is decoded: a token reads them by index instead of
/// hashing and probing the table (the same rows, so the same sums).
struct Small {
    /// Feature 17, by the classes of the words at -1, 0 and +1 ([`class_code`] each).
    classes: Vec<[i8; 16]>,
    /// Feature 32, by the cues of the words at 0, -1 and +1 ([`cue_code`] each).
    cues: Vec<[i8; 16]>,
    /// Features 33 and 34, by the cue of the word at +2 (-2) and the class of the word.
    cue_class: [Vec<[i8; 16]>; 2],
}

/// Class codes: [`Class`] values are 1 to 7.
const CLASSES: usize = 8;

/// Cue codes: cues are 0 to 4, and 9 for the sentence's edge.
const CUES: usize = 6;

#[inline]
fn class_code(c: Class) -> usize {
    c as usize
}

#[inline]
fn cue_code(cue: u8) -> usize {
    usize::from(cue.min(5))
}

impl Small {
    fn new(table: &Table, shift: u32) -> Small {
        let row = |key: u32| table.row(key >> shift).copied().unwrap_or([0; 16]);
        let class_of = |c: usize| c as u64;
        let cue_of = |c: usize| if c == 5 { 9 } else { c as u64 };
        let mut classes = vec![[0; 16]; CLASSES * CLASSES * CLASSES];
        for (i, r) in classes.iter_mut().enumerate() {
            let (p1, c, n1) = (i / (CLASSES * CLASSES), i / CLASSES % CLASSES, i % CLASSES);
            *r = row(feature(17, class_of(p1) << 8 | class_of(c), class_of(n1)));
        }
        let mut cues = vec![[0; 16]; CUES * CUES * CUES];
        for (i, r) in cues.iter_mut().enumerate() {
            let (c, p1, n1) = (i / (CUES * CUES), i / CUES % CUES, i % CUES);
            *r = row(feature(32, cue_of(c), cue_of(p1) << 4 | cue_of(n1)));
        }
        let cue_class = [33, 34].map(|t| {
            (0..CUES * CLASSES).map(|i| row(feature(t, cue_of(i / CLASSES), class_of(i % CLASSES)))).collect()
        });
        Small { classes, cues, cue_class }
    }

    /// Adds the rows of features 17, 32, 33 and 34 of the token of `x` to `acc`.
    #[inline]
    fn add(&self, acc: &mut [i16; LANES], p2: &Word, p1: &Word, c: &Word, n1: &Word, n2: &Word) {
        let cls = class_code(c.class);
        let rows = [
            self.classes.get((class_code(p1.class) * CLASSES + cls) * CLASSES + class_code(n1.class)),
            self.cues.get((cue_code(c.cue) * CUES + cue_code(p1.cue)) * CUES + cue_code(n1.cue)),
            self.cue_class[0].get(cue_code(n2.cue) * CLASSES + cls),
            self.cue_class[1].get(cue_code(p2.cue) * CLASSES + cls),
        ];
        for row in rows.into_iter().flatten() {
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i16::from(w);
            }
        }
    }
}

/// The weights of a model before encoding; used by `dossier train`.
pub struct RawModel {
    /// Transition scores `[from][to]`; row [`TAGS`] is the sentence start.
    pub trans: [[f32; TAGS]; TAGS + 1],
    /// Feature key and its weight per tag.
    pub features: Vec<(u32, [f32; TAGS])>,
    /// Temperature turning margins into confidences.
    pub temperature: f32,
    /// Word clusters: word key ([`word_key`]) and cluster.
    pub clusters: Vec<(u32, u8)>,
    /// Top bits of the feature and word keys kept (1 to 32; [`KEY_BITS`]).
    pub key_bits: u32,
}

#[path = "tagger_coder.rs"]
mod coder;
use coder::{Bit, Decoder, Encoder};

/// The adaptive probabilities of the model's coded part, the same for encoding and decoding.
struct Contexts {
    /// Unary part of a key gap, by position in the run.
    gap: [Bit; 40],
    /// Unary part of a word key gap.
    word_gap: [Bit; 40],
    /// Whether a weight is not zero: by tag, nonzero weights so far in the row (up to 3), and
    /// whether the previous tag's weight is not zero.
    nonzero: [[[Bit; 2]; 4]; TAGS],
    /// Sign of a nonzero weight, by tag.
    sign: [Bit; TAGS],
    /// Unary part of a weight's size above 1, by tag and position in the run.
    size: [[Bit; 16]; TAGS],
    /// A word's cluster: a binary tree over its 8 bits.
    cluster: [Bit; 256],
}

impl Default for Contexts {
    fn default() -> Contexts {
        let b = Bit::default();
        Contexts { gap: [b; 40], word_gap: [b; 40], nonzero: [[[b; 2]; 4]; TAGS], sign: [b; TAGS], size: [[b; 16]; TAGS], cluster: [b; 256] }
    }
}

/// Codes strictly increasing `keys` as gaps: a unary quotient with adaptive bits, then `k`
/// direct bits (a Rice code whose unary part learns its own odds).
fn put_keys(e: &mut Encoder, ctx: &mut [Bit; 40], keys: &[u32], k: u32) {
    let mut prev = 0u64;
    for (i, &key) in keys.iter().enumerate() {
        let gap = u64::from(key) - if i == 0 { 0 } else { prev + 1 };
        prev = u64::from(key);
        let q = gap >> k;
        for j in 0..q {
            e.bit(&mut ctx[(j as usize).min(39)], true);
        }
        e.bit(&mut ctx[(q as usize).min(39)], false);
        e.direct((gap & ((1 << k) - 1)) as u32, k);
    }
}

fn get_keys(d: &mut Decoder, ctx: &mut [Bit; 40], n: usize, k: u32, limit: u64) -> Option<Vec<u32>> {
    let mut keys = Vec::with_capacity(n);
    let mut next = 0u64;
    for _ in 0..n {
        let mut q = 0u64;
        while d.bit(&mut ctx[(q as usize).min(39)]) {
            q += 1;
            if q << k >= limit {
                return None;
            }
        }
        let key = next + (q << k) + u64::from(d.direct(k));
        if key >= limit {
            return None;
        }
        keys.push(key as u32);
        next = key + 1;
    }
    Some(keys)
}

/// The Rice parameter that codes `keys` in the fewest bytes (ties: the smaller).
fn best_k(keys: &[u32], ctx: fn(&mut Contexts) -> &mut [Bit; 40]) -> u32 {
    (0..32)
        .min_by_key(|&k| {
            let mut e = Encoder::default();
            put_keys(&mut e, ctx(&mut Contexts::default()), keys, k);
            e.finish().len()
        })
        .unwrap_or(0)
}

/// Codes one row of weights.
fn put_row(e: &mut Encoder, c: &mut Contexts, row: &[i8; TAGS]) {
    let mut seen = 0;
    let mut last = 0;
    for (t, &w) in row.iter().enumerate() {
        e.bit(&mut c.nonzero[t][seen][last], w != 0);
        last = usize::from(w != 0);
        if w == 0 {
            continue;
        }
        seen = (seen + 1).min(3);
        e.bit(&mut c.sign[t], w < 0);
        let size = u32::from(w.unsigned_abs()) - 1;
        for j in 0..size.min(15) {
            e.bit(&mut c.size[t][j as usize], true);
        }
        if size < 15 {
            e.bit(&mut c.size[t][size as usize], false);
        } else {
            e.direct(size - 15, 7);
        }
    }
}

fn get_row(d: &mut Decoder, c: &mut Contexts, row: &mut [i8; 16]) {
    let mut seen = 0;
    let mut last = 0;
    for (t, w) in row.iter_mut().enumerate().take(TAGS) {
        let nonzero = d.bit(&mut c.nonzero[t][seen][last]);
        last = usize::from(nonzero);
        if !nonzero {
            continue;
        }
        seen = (seen + 1).min(3);
        let negative = d.bit(&mut c.sign[t]);
        let mut size = 0u32;
        while size < 15 && d.bit(&mut c.size[t][size as usize]) {
            size += 1;
        }
        if size == 15 {
            size += d.direct(7);
        }
        let v = (size + 1).min(127) as i8;
        *w = if negative { -v } else { v };
    }
}

impl RawModel {
    /// Encodes the model, deterministically: feature keys cut to their top
    /// [`key_bits`](RawModel::key_bits) (features that then share a key share the sum of their
    /// weights), weights quantised to signed bytes with one scale (a feature whose weights all
    /// round to zero is dropped), keys sorted; then the keys (as gaps), the weights (row by
    /// row) and the word clusters go through the adaptive range coder of `tagger_coder.rs`.
    pub fn encode(&self) -> Vec<u8> {
        let bits = self.key_bits.clamp(1, 32);
        let shift = 32 - bits;
        let mut merged: Vec<(u32, u32, [f32; TAGS])> = self.features.iter().map(|(k, w)| (k >> shift, *k, *w)).collect();
        merged.sort_by_key(|f| (f.0, f.1));
        merged.dedup_by(|b, a| {
            if a.0 == b.0 && a.1 != b.1 {
                for (x, y) in a.2.iter_mut().zip(b.2) {
                    *x += y;
                }
            }
            a.0 == b.0
        });
        let max = merged.iter().flat_map(|f| f.2.iter()).fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let feats: Vec<(u32, [i8; TAGS])> = merged
            .iter()
            .map(|(k, _, w)| (*k, w.map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)))
            .filter(|(_, q)| q.iter().any(|&x| x != 0))
            .collect();
        let mut clusters: Vec<(u32, u32, u8)> = self.clusters.iter().map(|&(k, c)| (k >> shift, k, c)).collect();
        clusters.sort_unstable();
        clusters.dedup_by_key(|c| c.0);

        let keys: Vec<u32> = feats.iter().map(|f| f.0).collect();
        let words: Vec<u32> = clusters.iter().map(|c| c.0).collect();
        let k = best_k(&keys, |c| &mut c.gap);
        let word_k = best_k(&words, |c| &mut c.word_gap);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        for row in &self.trans {
            for &w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out.extend_from_slice(&[bits as u8, k as u8, word_k as u8, 0]);
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
        let mut c = Contexts::default();
        let mut e = Encoder::default();
        put_keys(&mut e, &mut c.gap, &keys, k);
        for (_, row) in &feats {
            put_row(&mut e, &mut c, row);
        }
        put_keys(&mut e, &mut c.word_gap, &words, word_k);
        for &(_, _, cluster) in &clusters {
            let mut node = 1usize;
            for i in (0..8).rev() {
                let bit = (cluster >> i) & 1 == 1;
                e.bit(&mut c.cluster[node], bit);
                node = node * 2 + usize::from(bit);
            }
        }
        out.extend_from_slice(&e.finish());
        out
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[inline]
fn slot_of(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 7) as usize & mask
}

/// Most features or words a model may hold (a guard against allocating for a corrupt file).
const MOST: usize = 1 << 22;

impl Model {
    /// Decodes a model written by [`RawModel::encode`]; `None` if the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let scale = r.f32()?;
        let temperature = r.f32()?;
        let mut trans = [[0f32; TAGS]; TAGS + 1];
        for row in trans.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let &[bits, k, word_k, _] = r.take(4)? else { return None };
        let (bits, k, word_k) = (u32::from(bits), u32::from(k), u32::from(word_k));
        if !(1..=32).contains(&bits) || k >= 32 || word_k >= 32 {
            return None;
        }
        let limit = 1u64 << bits;
        let n = r.u32()? as usize;
        let m = r.u32()? as usize;
        if n > MOST || m > MOST {
            return None;
        }
        let mut c = Contexts::default();
        let mut d = Decoder::new(r.take(bytes.len() - r.at)?);
        let keys = get_keys(&mut d, &mut c.gap, n, k, limit)?;
        let mut rows = vec![[0i8; 16]; n];
        for row in rows.iter_mut() {
            get_row(&mut d, &mut c, row);
        }
        let words = get_keys(&mut d, &mut c.word_gap, m, word_k, limit)?;
        let mut pairs = Vec::with_capacity(m);
        for w in words {
            let mut node = 1usize;
            for _ in 0..8 {
                node = node * 2 + usize::from(d.bit(&mut c.cluster[node]));
            }
            pairs.push((w, (node - 256) as u8));
        }
        if d.overran() {
            return None;
        }
        let shift = 32 - bits;
        let clusters = Clusters::with_shift(&pairs, shift);
        // The weights in the lanes of their tags (see [`LANE`]), so that emission scores come
        // out in the lanes the Viterbi passes read.
        for row in rows.iter_mut() {
            *row = to_lanes(&row[..TAGS]);
        }
        let table = Table::new(&keys, &rows, bits);
        let small = Small::new(&table, shift);
        Some(Model { scale, temperature, lattice: Lattice::new(&trans), shift, table, small, clusters })
    }

    /// The word clusters the features use.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// Number of features the model keeps.
    pub fn len(&self) -> usize {
        self.table.len
    }

    /// Whether the model keeps no feature.
    pub fn is_empty(&self) -> bool {
        self.table.len == 0
    }

    /// The weights of feature `key` in tag order (the table keeps them in [`LANE`] order).
    #[cfg(test)]
    fn row(&self, key: u32) -> Option<[i8; 16]> {
        let row = self.table.row(key >> self.shift)?;
        let mut out = [0; 16];
        for (o, &lane) in out.iter_mut().zip(&LANE) {
            *o = row[lane];
        }
        Some(out)
    }

    /// Adds the weights of feature `key` (if the model keeps it) to `acc`.
    #[inline]
    fn add(&self, acc: &mut [i32; LANES], key: u32) {
        self.table.add(acc, key >> self.shift);
    }

    /// Adds the weights of each of `keys` that the model keeps to `acc` (at most [`FEATURES`]
    /// keys of weights of at most 128 in size: far inside `i16`).
    #[inline]
    fn add_all(&self, acc: &mut [i16; LANES], keys: &[u32]) {
        self.table.add_all(acc, keys, self.shift);
    }
}

/// The marker of an empty slot of [`Probed`] (a key only when keys keep all 32 bits; that key's
/// row is kept aside).
const EMPTY: u32 = u32::MAX;

/// Key bits below a key's first home in [`Table`]: the bits its tag keeps.
const REM_BITS: u32 = 7;

/// Homes in a group of [`Table`]: a key's two homes lie in one group, so that their tags lie in
/// one cache line.
const GROUP: usize = 64;

/// Homes of [`Table`]: `2^(KEY_BITS - REM_BITS)`, 2 MB of rows and 128 KB of tags (a fixed
/// number, so that an index masked to it needs no bounds check).
const HOMES: usize = 1 << (KEY_BITS - REM_BITS);

/// Kicks [`Homes::place`] makes to place a key before it gives up and leaves the key to
/// [`Table::rest`].
const KICKS: usize = 32;

/// The feature weights, laid out so that a look-up reads few cache lines: after the page has
/// been idle every line read is a miss, and an article's look-ups (about 5,100 distinct keys,
/// 45% of them features the model lacks) are spread over the whole table.
///
/// Keys of 13 to [`KEY_BITS`] bits are placed in [`Homes`]: key `k` may sit at its first home
/// `k >> 7` or its second, the first with its low six bits flipped by [`partner`]`(k & 0x7F)`
/// (never zero, so both lie in one group of [`GROUP`] homes). Each home has a tag byte,
/// `k & 0x7F` plus 128 at the second home (0: empty; a key whose low 7 bits are 0 only sits at
/// its second home), which with the home's place gives back the whole key; and a row. A look-up
/// reads the two tags (in one line of the dense tag array: a key the model lacks costs no more)
/// and, only for a key found, its row (one line). The keys are placed by cuckoo hashing: all but
/// 206 of the model's 59,902 (46% of the homes filled). Those left over, and every key
/// when keys are wider, are kept in `rest`, and a group with a key left over is marked in
/// [`Homes::spilled`], so that `rest` is asked only for keys of such groups that the homes lack.
struct Table {
    /// The homes, if the keys fit them.
    homes: Option<Homes>,
    /// The keys the homes do not hold.
    rest: Probed,
    /// Number of keys.
    len: usize,
}

/// The homes of [`Table`]'s keys.
struct Homes {
    /// The tag of each home (see [`Table`]).
    tags: Box<[u8; HOMES]>,
    /// The row of each home: [`TAGS`] weights padded to 16 (zeros where the home is empty).
    rows: Box<[[i8; 16]; HOMES]>,
    /// One bit per group of homes: set if a key whose first home lies in it is in
    /// [`Table::rest`].
    spilled: [u64; HOMES / GROUP / 64],
}

/// The offset between a key's two homes in [`Table`], from the key's low 7 bits: 1 to 63, so
/// that both homes lie in one group (and a key whose bits are 0 has a second home).
#[inline]
fn partner(rem: u32) -> usize {
    (rem as usize & (GROUP - 1)) | 1
}

impl Homes {
    /// Places `key` (and `row`) in its homes, moving the keys in its way to their other homes
    /// (a deterministic cuckoo walk); the key left without a home after [`KICKS`] moves, if
    /// any.
    fn place(&mut self, key: u32, row: [i8; 16]) -> Option<(u32, [i8; 16])> {
        let (mut key, mut row, mut from) = (key, row, usize::MAX);
        for _ in 0..KICKS {
            let rem = key & 0x7F;
            let first = key as usize >> REM_BITS & (HOMES - 1);
            let second = first ^ partner(rem);
            // A key whose tag at its first home would be 0 (the empty home's) has only its
            // second.
            let free = |h: usize| h != from && self.tags[h] == 0;
            let h = if rem != 0 && free(first) {
                first
            } else if free(second) {
                second
            } else if rem != 0 && first != from {
                first
            } else {
                second
            };
            let tag = rem as u8 | if h == first { 0 } else { 0x80 };
            let (old_tag, old_key, old_row) = (self.tags[h], self.key_at(h), self.rows[h]);
            self.tags[h] = tag;
            self.rows[h] = row;
            if old_tag == 0 {
                return None;
            }
            (key, row, from) = (old_key, old_row, h);
        }
        Some((key, row))
    }

    /// The key in home `h` (if it holds one), from its tag and its place.
    fn key_at(&self, h: usize) -> u32 {
        let (tag, rem) = (self.tags[h], u32::from(self.tags[h] & 0x7F));
        let first = if tag & 0x80 == 0 { h } else { h ^ partner(rem) };
        (first as u32) << REM_BITS | rem
    }

    /// Whether a key whose first home is `first` may be in [`Table::rest`].
    #[inline]
    fn spills(&self, first: usize) -> bool {
        let g = first / GROUP;
        self.spilled[g / 64 % self.spilled.len()] >> (g % 64) & 1 != 0
    }
}

impl Table {
    /// The table of distinct `keys` of `bits` bits and their `rows`.
    fn new(keys: &[u32], rows: &[[i8; 16]], bits: u32) -> Table {
        let mut homes = (13..=KEY_BITS).contains(&bits).then(|| Homes {
            tags: vec![0; HOMES].into_boxed_slice().try_into().unwrap_or_else(|_| unreachable!()),
            rows: vec![[0; 16]; HOMES].into_boxed_slice().try_into().unwrap_or_else(|_| unreachable!()),
            spilled: [0; HOMES / GROUP / 64],
        });
        let mut left: Vec<(u32, [i8; 16])> = Vec::new();
        for (&k, row) in keys.iter().zip(rows) {
            let Some(homes) = homes.as_mut() else {
                left.push((k, *row));
                continue;
            };
            if let Some(mut homeless) = homes.place(k, *row) {
                // A key whose low 7 bits are 0 takes its second home from the key there (whose
                // bits are not 0): see [`Table::add_all`].
                if homeless.0 & 0x7F == 0 {
                    let h = (homeless.0 >> REM_BITS) as usize & (HOMES - 1) ^ partner(0);
                    let moved = (homes.key_at(h), homes.rows[h]);
                    homes.tags[h] = 0x80;
                    homes.rows[h] = homeless.1;
                    homeless = moved;
                }
                let g = (homeless.0 >> REM_BITS) as usize / GROUP;
                homes.spilled[g / 64] |= 1 << (g % 64);
                left.push(homeless);
            }
        }
        let (keys_left, rows_left): (Vec<u32>, Vec<[i8; 16]>) = left.into_iter().unzip();
        Table { homes, rest: Probed::new(&keys_left, &rows_left), len: keys.len() }
    }

    /// The row of `key` (already shifted).
    #[inline]
    fn row(&self, key: u32) -> Option<&[i8; 16]> {
        let Some(homes) = &self.homes else { return self.rest.row(key) };
        let rem = key & 0x7F;
        let first = key as usize >> REM_BITS & (HOMES - 1);
        let second = first ^ partner(rem);
        if rem != 0 && u32::from(homes.tags[first]) == rem {
            return Some(&homes.rows[first]);
        }
        if u32::from(homes.tags[second]) == rem | 0x80 {
            return Some(&homes.rows[second]);
        }
        if homes.spills(first) {
            return self.rest.row(key);
        }
        None
    }

    /// Adds the rows of `keys` (shifted right by `shift` first) that the table holds to `acc`.
    ///
    /// The loads of each key's tags and row do not wait on the keys before (no probing): so
    /// that the cache misses of a token's keys overlap. A key whose low 7 bits are 0 matches
    /// its first home when that is empty: that home's row of zeros is added, and such a key is
    /// never left to `rest`. Only the keys found in no home of a group that spilled are asked
    /// of `rest`, one by one.
    #[inline]
    fn add_all(&self, acc: &mut [i16; LANES], keys: &[u32], shift: u32) {
        let Some(homes) = &self.homes else { return self.rest.add_all(acc, keys, shift) };
        let mut rest = 0u64;
        for (i, &key) in keys.iter().enumerate() {
            let key = key >> shift;
            let rem = key & 0x7F;
            let first = key as usize >> REM_BITS & (HOMES - 1);
            let second = first ^ partner(rem);
            let h = if u32::from(homes.tags[second]) == rem | 0x80 {
                second
            } else if u32::from(homes.tags[first]) == rem {
                first
            } else {
                rest |= u64::from(homes.spills(first)) << i;
                continue;
            };
            for (a, &w) in acc.iter_mut().zip(&homes.rows[h]) {
                *a += i16::from(w);
            }
        }
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if let Some(row) = self.rest.row(keys[i] >> shift) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i16::from(w);
                }
            }
        }
    }

    /// Adds the row of `key` (already shifted), if the table holds it, to `acc`.
    #[inline]
    fn add(&self, acc: &mut [i32; LANES], key: u32) {
        if let Some(row) = self.row(key) {
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i32::from(w);
            }
        }
    }
}

/// The weights of the keys [`Table`]'s homes do not hold: an open-addressing table (linear
/// probing, no wrapping round) whose rows stand in the slots' order, so that the row of a key
/// is read from where its key was found (the address does not wait on a row index read from
/// memory first).
struct Probed {
    /// The key in each slot ([`EMPTY`]: none); the last slot is empty.
    keys: Vec<u32>,
    /// The row of each slot: [`TAGS`] weights padded to 16 (zeros in empty slots).
    rows: Vec<[i8; 16]>,
    /// Home slots are `0..=mask`.
    mask: usize,
    /// The row of key [`EMPTY`], if the model keeps it.
    empty_key: Option<[i8; 16]>,
}

impl Probed {
    /// The table of distinct `keys` and their `rows`.
    fn new(keys: &[u32], rows: &[[i8; 16]]) -> Probed {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut t = Probed { keys: vec![EMPTY; cap + 1], rows: vec![[0; 16]; cap + 1], mask, empty_key: None };
        for (&k, row) in keys.iter().zip(rows) {
            if k == EMPTY {
                t.empty_key = Some(*row);
                continue;
            }
            let mut s = slot_of(k, mask);
            while t.keys[s] != EMPTY {
                s += 1;
            }
            t.keys[s] = k;
            t.rows[s] = *row;
            if s + 1 == t.keys.len() {
                t.keys.push(EMPTY);
                t.rows.push([0; 16]);
            }
        }
        t
    }

    /// The row of `key` (already shifted).
    #[inline]
    fn row(&self, key: u32) -> Option<&[i8; 16]> {
        if key == EMPTY {
            return self.empty_key.as_ref();
        }
        self.probe(key, slot_of(key, self.mask))
    }

    /// Adds the rows of `keys` (shifted right by `shift` first) that the table holds to `acc`.
    ///
    /// The home slot of every key is read first, without a branch (a row whose slot holds
    /// another key is added masked to zero), so that the cache misses of all the keys are
    /// waited on together; only the keys whose home slot holds another key (or the key
    /// [`EMPTY`]) are then probed on, one by one.
    #[inline]
    fn add_all(&self, acc: &mut [i16; LANES], keys: &[u32], shift: u32) {
        let mut rest = 0u64;
        for (i, &key) in keys.iter().enumerate() {
            let key = key >> shift;
            let s = slot_of(key, self.mask);
            let (Some(&k), Some(row)) = (self.keys.get(s), self.rows.get(s)) else { continue };
            let m = -i8::from(k == key);
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i16::from(w & m);
            }
            // Without short cuts: both tests are cheap, a branch between them is not.
            rest |= u64::from((k != key) & (k != EMPTY)) << i;
        }
        // The key EMPTY (only whole 32-bit keys can be it) is kept aside: an empty home slot
        // "matched" it above, and added that slot's zeros.
        if shift == 0 {
            for (i, &key) in keys.iter().enumerate() {
                rest |= u64::from(key == EMPTY) << i;
            }
        }
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let key = keys[i] >> shift;
            let found = if key == EMPTY { self.empty_key.as_ref() } else { self.probe(key, slot_of(key, self.mask) + 1) };
            if let Some(row) = found {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i16::from(w);
                }
            }
        }
    }

    /// The row of `key` (already shifted, not [`EMPTY`]), probing from slot `s` on.
    #[inline]
    fn probe(&self, key: u32, mut s: usize) -> Option<&[i8; 16]> {
        loop {
            match *self.keys.get(s)? {
                EMPTY => return None,
                k if k == key => return self.rows.get(s),
                _ => s += 1,
            }
        }
    }
}

/// One score per tag, padded to 16 lanes (lane [`TAGS`] is never a tag) so that the Viterbi
/// loops run over whole vectors. The lanes hold the tags in the order of [`LANE`], not in tag
/// order: the model's rows are laid out that way when it is decoded, so the emission scores
/// come out in it.
type Lanes = [f32; LANES];

/// Lanes of [`Lanes`].
const LANES: usize = 16;

/// Number of labels: a `B-` and an `I-` tag each.
const LABELS: usize = Label::ALL.len();

/// The first lane of the `I-` tags (lanes `1..I_LANE` hold the `B-` tags, by label).
const I_LANE: usize = 1 + LABELS;

/// The lane of each tag: `O` first, then the `B-` tags, then the `I-` tags (each in label
/// order), so that the tags any tag may go to (`O` and `B-`) fill lanes `0..8` and the `I-` tags,
/// which only their own label's `B-` and `I-` tags may go to, lanes `8..15`: the Viterbi passes
/// work on the two groups separately, and `I-label` sits [`LABELS`] lanes after `B-label`.
const LANE: [usize; TAGS] = {
    let mut lane = [0; TAGS];
    let mut t = 1;
    while t < TAGS {
        lane[t] = if t % 2 == 1 { 1 + (t - 1) / 2 } else { I_LANE + (t - 2) / 2 };
        t += 1;
    }
    lane
};

/// The weights of `row` (in tag order) moved to their tags' lanes ([`LANE`]).
fn to_lanes<T: Copy + Default>(row: &[T]) -> [T; LANES] {
    let mut out = [T::default(); LANES];
    for (&lane, &w) in LANE.iter().zip(row) {
        out[lane] = w;
    }
    out
}

/// Scratch buffers for decoding, reused across sentences.
#[derive(Default)]
pub struct Scratch {
    emit: Vec<Lanes>,
    fwd: Vec<Lanes>,
    bwd: Vec<Lanes>,
    tags: Vec<usize>,
}

const NEG: f32 = -1.0e30;

/// [`allowed`] as a table: `[from][to]`, row [`TAGS`] for the sentence start.
const ALLOWED: [[bool; TAGS]; TAGS + 1] = {
    let mut t = [[true; TAGS]; TAGS + 1];
    let mut from = 0;
    while from <= TAGS {
        let mut to = 1;
        while to < TAGS {
            // I- tags (even indices from 2) follow only B- or I- of their label.
            if to % 2 == 0 {
                let label = (to - 1) / 2;
                t[from][to] = from < TAGS && from != 0 && (from - 1) / 2 == label;
            }
            to += 1;
        }
        from += 1;
    }
    t
};

/// The transition scores laid out for the Viterbi passes (lanes in [`LANE`] order), with the
/// BIO constraints folded in: a transition [`ALLOWED`] forbids (and every transition to or from
/// the padding lane) scores minus infinity, which no sum ever lifts above [`NEG`], so the passes
/// need no test for it.
struct Lattice {
    /// The scores of the sentence start to each lane.
    start: Lanes,
    /// `[from lane][to lane]` for the lanes `0..I_LANE` (`O` and `B-`), which every tag may go to.
    open: [[f32; I_LANE]; LANES],
    /// By label (lane minus [`I_LANE`]): the score of `B-label` to `I-label`, and of `I-label` to
    /// `I-label` (the only ways into `I-label`); the last of the 8 is the padding lane's.
    begin_inside: [f32; I_LANE],
    inside_inside: [f32; I_LANE],
    /// `[to lane][from lane]`: every score, transposed.
    into: [Lanes; LANES],
}

impl Lattice {
    fn new(trans: &[[f32; TAGS]; TAGS + 1]) -> Lattice {
        let mut full = [[f32::NEG_INFINITY; LANES]; LANES + 1];
        for from in 0..=TAGS {
            let row = if from < TAGS { LANE[from] } else { LANES };
            for to in 0..TAGS {
                if ALLOWED[from][to] {
                    full[row][LANE[to]] = trans[from][to];
                }
            }
        }
        let mut open = [[f32::NEG_INFINITY; I_LANE]; LANES];
        let mut into = [[f32::NEG_INFINITY; LANES]; LANES];
        for from in 0..LANES {
            open[from].copy_from_slice(&full[from][..I_LANE]);
            for to in 0..LANES {
                into[to][from] = full[from][to];
            }
        }
        let (mut begin_inside, mut inside_inside) = ([f32::NEG_INFINITY; I_LANE], [f32::NEG_INFINITY; I_LANE]);
        for k in 0..LABELS {
            begin_inside[k] = full[1 + k][I_LANE + k];
            inside_inside[k] = full[I_LANE + k][I_LANE + k];
        }
        Lattice { start: full[LANES], open, begin_inside, inside_inside, into }
    }
}

/// `v` if it is greater than `b`, else `b` (the plain loop's comparison).
#[inline]
fn keep_max(b: &mut f32, v: f32) {
    *b = if v > *b { v } else { *b };
}

/// Viterbi decoding of emission scores (lanes in [`LANE`] order) under the transitions of `lat`
/// (which hold the BIO constraints); the best tags (in tag order) go to `tags`. With `margins`,
/// also runs the backward pass so that [`span_margin`] can be asked.
///
/// Every score is the same sum of the same terms as a plain loop over the allowed transitions
/// that skips states scored [`NEG`] (unreachable) and keeps the first `from` (in tag order) of
/// equal scores; a maximum does not depend on the order its terms are met in, so the loops take
/// them in whatever order vectorises: the forward pass works out the `O` and `B-` lanes (which
/// every lane may go to) over 8 lanes at once from each lane, and each `I-` lane from its two
/// sources only (7 of the 15 targets, against 15 sources each in a plain loop); the backward
/// pass the same way round. A state scored `NEG` need not be skipped: `NEG` plus a transition
/// score rounds to `NEG` or less and never beats the `NEG` a maximum starts from. The back
/// pointers are worked out along the best path only, in tag order.
///
/// `after_o`: the tokens follow a token tagged `O` (a quiet one) instead of the sentence start;
/// `before_o`: a token tagged `O` follows them, so that each tag at the end also scores its
/// transition to `O` (at the sentence end nothing is added).
fn viterbi(emit: &[Lanes], lat: &Lattice, s: &mut Scratch, margins: bool, after_o: bool, before_o: bool) {
    let n = emit.len();
    s.tags.clear();
    s.fwd.clear();
    if n == 0 {
        return;
    }
    // Every row is written below: the first from the start, the others from the row before.
    s.fwd.resize(n, [NEG; LANES]);
    let start = if after_o { &lat.open[LANE[0]][..] } else { &lat.start[..I_LANE] };
    for ((f, &t), &e) in s.fwd[0].iter_mut().zip(start).zip(&emit[0]) {
        *f = t + e;
    }
    let end = if before_o { lat.into[LANE[0]] } else { [0.0; LANES] };
    for i in 1..n {
        let (done, rest) = s.fwd.split_at_mut(i);
        let (prev, cur, e) = (&done[i - 1], &mut rest[0], &emit[i]);
        let mut best = [NEG; LANES];
        let (open, inside) = best.split_at_mut(I_LANE);
        for (&p, row) in prev.iter().zip(&lat.open) {
            for (b, &t) in open.iter_mut().zip(row) {
                keep_max(b, p + t);
            }
        }
        for (k, b) in inside.iter_mut().enumerate() {
            // The larger of the two sources, then not below `NEG`: the same value as taking
            // them one after the other from `NEG` on, in a form that vectorises.
            let (from_begin, from_inside) = (prev[1 + k] + lat.begin_inside[k], prev[I_LANE + k] + lat.inside_inside[k]);
            let m = if from_inside > from_begin { from_inside } else { from_begin };
            *b = if m > NEG { m } else { NEG };
        }
        // A lane no tag reaches keeps `NEG`: `NEG` plus an emission score (far below 1e22 in
        // size) rounds back to `NEG`, so the sum needs no test.
        for ((c, &b), &x) in cur.iter_mut().zip(&best).zip(e) {
            *c = b + x;
        }
    }
    let last = &s.fwd[n - 1];
    let score = |t: usize| last[LANE[t]] + end[LANE[t]];
    let mut t = (0..TAGS).fold(0, |b, t| if score(t) > score(b) { t } else { b });
    s.tags.resize(n, 0);
    for i in (1..n).rev() {
        s.tags[i] = t;
        // The back pointer of tag `t` at `i`: the first `from` (in tag order) of the best score.
        let prev = &s.fwd[i - 1];
        let to = LANE[t];
        let mut score = [0.0; LANES];
        for ((v, &p), &x) in score.iter_mut().zip(prev).zip(&lat.into[to]) {
            *v = p + x;
        }
        let mut best = NEG;
        let mut arg = 0;
        if to >= I_LANE {
            // Only `B-label` (the tag before `I-label`) and `I-label` itself come before it.
            for (from, lane) in [(t - 1, to - LABELS), (t, to)] {
                if score[lane] > best {
                    best = score[lane];
                    arg = from;
                }
            }
        } else {
            // The best score (a maximum in any order), then the first tag that has it.
            // Halved and halved again (lanes in pairs), so that it vectorises.
            let max = |a: f32, b: f32| if b > a { b } else { a };
            let mut m8 = [NEG; 8];
            for k in 0..8 {
                m8[k] = max(score[k], score[8 + k]);
            }
            let mut m4 = [NEG; 4];
            for k in 0..4 {
                m4[k] = max(m8[k], m8[4 + k]);
            }
            let m = max(max(m4[0], m4[2]), max(m4[1], m4[3]));
            if m > NEG {
                best = m;
                arg = LANE.iter().position(|&lane| score[lane] == m).unwrap_or(0);
            }
        }
        t = if best > NEG { arg } else { 0 };
    }
    s.tags[0] = t;
    if margins {
        // Margins are asked of tagged spans only: the backward scores are worked out from the
        // end down to the first token not tagged O (those before it are left at zero).
        s.bwd.clear();
        s.bwd.resize(n, [0.0; LANES]);
        s.bwd[n - 1] = end;
        let Some(first) = s.tags.iter().position(|&t| t != 0) else { return };
        for i in (first..n - 1).rev() {
            let next = s.bwd[i + 1];
            let e = &emit[i + 1];
            let mut best = [NEG; LANES];
            // Into `O` and the `B-` tags, from every lane.
            for ((&nx, &et), col) in next.iter().zip(e).zip(&lat.into).take(I_LANE) {
                for (b, &t) in best.iter_mut().zip(col) {
                    keep_max(b, t + et + nx);
                }
            }
            // Into `I-label`, from `B-label` and `I-label`.
            let (begins, insides) = best[1..].split_at_mut(LABELS);
            for (k, (b, i)) in begins.iter_mut().zip(insides.iter_mut()).enumerate() {
                let (et, nx) = (e[I_LANE + k], next[I_LANE + k]);
                keep_max(b, lat.begin_inside[k] + et + nx);
                keep_max(i, lat.inside_inside[k] + et + nx);
            }
            s.bwd[i] = best;
        }
    }
}

/// The best tags for emission scores `emit` under transition scores `trans` (row [`TAGS`]:
/// the sentence start) and the BIO constraints; used by training.
pub fn best_tags<'s>(emit: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1], s: &'s mut Scratch) -> &'s [usize] {
    let mut lanes = std::mem::take(&mut s.emit);
    lanes.clear();
    lanes.extend(emit.iter().map(|e| to_lanes(e)));
    viterbi(&lanes, &Lattice::new(trans), s, false, false, false);
    s.emit = lanes;
    &s.tags
}

/// The margin of the span of tokens `a..b` (tagged as in `s.tags`; `a` at or after the first
/// token not tagged O, from which on the backward scores are kept): the best total score minus
/// the best score of an analysis that tags some token of the span otherwise.
fn span_margin(s: &Scratch, a: usize, b: usize) -> f32 {
    let n = s.tags.len();
    let best = s.fwd[n - 1][..TAGS].iter().zip(&s.bwd[n - 1]).fold(NEG, |m, (&f, &b)| m.max(f + b));
    let mut margin = f32::INFINITY;
    for i in a..b.min(n) {
        let chosen = LANE[s.tags[i]];
        let (fwd, bwd) = (&s.fwd[i][..TAGS], &s.bwd[i][..TAGS]);
        let alt = (0..TAGS).filter(|&l| l != chosen).map(|l| fwd[l] + bwd[l]).fold(NEG, f32::max);
        margin = margin.min(best - alt);
    }
    // The token after the span continuing it (an I- tag there) would also change the span.
    if b < n {
        if let Some((l, _)) = label_of(s.tags[a]) {
            let i_tag = tag_of(l, false);
            if s.tags[b] != i_tag {
                let lane = LANE[i_tag];
                margin = margin.min(best - (s.fwd[b][lane] + s.bwd[b][lane]));
            }
        }
    }
    if margin.is_finite() {
        margin.max(0.0)
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------------
// The recogniser

static MODEL_BYTES: &[u8] = include_bytes!("../../data/tagger.bin");

/// The compiled-in model (decoded once); `None` if it is missing or damaged.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::decode(MODEL_BYTES)).as_ref()
}

/// Titles and ranks that stand before names without being part of them.
const TITLES: &[&str] = &[
    "President", "Minister", "Prime", "Foreign", "Defense", "Defence", "Secretary", "General", "Gen.", "Brigadier",
    "Lieutenant", "Lt.", "Colonel", "Col.", "Major", "Maj.", "Captain", "Capt.", "Admiral", "Adm.", "Sergeant", "Sgt.",
    "Commander", "Marshal", "Field", "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Senator", "Sen.", "Governor",
    "Gov.", "Chancellor", "Premier", "Ambassador", "Spokesman", "Spokeswoman", "Spokesperson", "Deputy", "Vice",
    "Chairman", "Chairwoman", "Director", "Chief", "Judge", "Mayor", "Pope", "King", "Queen", "Prince", "Princess",
    "Sheikh", "Ayatollah", "Cardinal", "Bishop", "Archbishop", "Rev.", "Reverend", "Representative", "Rep.", "Speaker",
    "Leader", "Envoy", "Attorney", "Interior", "Finance", "State", "Former", "Mister", "Madam",
];

/// Lower-case words that begin names ("al-Qaeda", "de Gaulle", "el-Sisi").
const PARTICLES: &[&str] = &["al", "el", "ad", "as", "ash", "at", "an", "de", "del", "della", "di", "da", "do", "dos", "du", "la", "le", "van", "von", "der", "den", "ten", "ter", "bin", "ibn", "bint", "abu", "e", "i", "y"];

fn is_lower_word(t: Token, text: &str) -> bool {
    t.kind() == TokenKind::Word && t.span().of(text).chars().all(|c| !c.is_uppercase())
}

/// Whether a word is a title that stands before names ("General", "Administrator").
fn is_title(word: &str) -> bool {
    TITLES.contains(&word) || gazetteer::lookup_token(word).is_some_and(|e| e.lists.has(Lists::TITLE) && !e.lists.has(Lists::NAMES))
}

/// The most tokens tagged as one sequence; longer sentences are cut into chunks this long.
const CHUNK: usize = 256;

/// Tags every sentence of a document with `model`, returning (span, label, confidence) triples.
pub fn tag_document(model: &Model, text: &str, segments: &Segments) -> Vec<(Span, Label, f32)> {
    let featurizer = Featurizer::for_tagging(text, segments, &model.clusters);
    let own = featurizer.weigh(model);
    let mut s = Scratch::default();
    let mut out = Vec::new();
    // Sentences are tagged in chunks of at most CHUNK tokens, so the lattice stays small
    // however long a "sentence" runs (a file without punctuation is one sentence).
    let chunks = segments.sentences.iter().enumerate().flat_map(|(k, sentence)| {
        let r = sentence.tokens.clone();
        (r.start..r.end).step_by(CHUNK).map(move |a| (k, a..(a + CHUNK).min(r.end)))
    });
    let mut seen_word = false;
    for (k, chunk) in chunks {
        if chunk.start == segments.sentences[k].tokens.start {
            seen_word = false;
        }
        let quiet = featurizer.quiet.get(chunk.clone()).unwrap_or_default();
        featurizer.emissions(model, &own, segments, k, chunk.clone(), &mut seen_word, quiet, &mut s.emit);
        let emit = std::mem::take(&mut s.emit);
        // Each stretch of tokens between quiet ones is decoded on its own: a quiet token is
        // tagged `O` whatever its neighbours, so the best analysis of the chunk (and each span's
        // margin) is that of each stretch after and before an `O` (DESIGN.md, "Speed").
        let tokens = &segments.tokens[chunk];
        let n = emit.len().min(tokens.len());
        let mut a = 0;
        while a < n {
            if quiet.get(a) == Some(&true) {
                a += 1;
                continue;
            }
            let b = (a..n).find(|&i| quiet.get(i) == Some(&true)).unwrap_or(n);
            viterbi(&emit[a..b], &model.lattice, &mut s, true, a > 0, b < n);
            read_spans(model, text, &tokens[a..b], &s, &mut out);
            a = b;
        }
        s.emit = emit;
    }
    // The word table is done with: give it back before the consistency pass' maps.
    drop((own, featurizer, s));
    consistent(text, segments, &mut out);
    out
}

/// Reads the spans of the tags `s` holds for `tokens` (decoded with margins) into `out`, as
/// (span, label, confidence).
fn read_spans(model: &Model, text: &str, tokens: &[Token], s: &Scratch, out: &mut Vec<(Span, Label, f32)>) {
    let n = s.tags.len().min(tokens.len());
    let mut i = 0;
    while i < n {
        let Some((label, _)) = label_of(s.tags[i]) else {
            i += 1;
            continue;
        };
        let i_tag = tag_of(label, false);
        let mut j = i + 1;
        while j < n && s.tags[j] == i_tag {
            j += 1;
        }
        let end = j;
        // Names start and end with a word or a number, not with an emoji or a dash.
        let wordlike = |t: &Token| matches!(t.kind(), TokenKind::Word | TokenKind::Number);
        while i < j && !wordlike(&tokens[i]) {
            i += 1;
        }
        while j > i && !wordlike(&tokens[j - 1]) {
            j -= 1;
        }
        if i == j {
            i = end;
            continue;
        }
        // Titles are no part of a person's name: "Ross Hoyt" of "General Ross Hoyt".
        if label == Label::Person {
            while i + 1 < j && is_title(tokens[i].span().of(text)) {
                i += 1;
            }
        }
        // Lower-case words neither start nor end a name: "F-16" of "flies F-16",
        // "Leopard 2" of "Leopard 2 tanks" (particles such as "al-" and "de" stay).
        while i + 1 < j && is_lower_word(tokens[i], text) && !PARTICLES.contains(&tokens[i].span().of(text)) {
            i += 1;
        }
        // Lower-case words do not end a name: "Leopard 2" of "Leopard 2 tanks".
        while j > i + 1 && tokens[j - 1].kind() == TokenKind::Word && tokens[j - 1].span().of(text).starts_with(char::is_lowercase) {
            j -= 1;
        }
        // Words the gazetteers call no names by themselves ("AIDS", "Officials", "Monday").
        if j == i + 1 {
            if let Some(e) = gazetteer::lookup_token(tokens[i].span().of(text)) {
                if e.lists.has(Lists::COMMON.with(Lists::NEVER)) && !e.lists.has(Lists::NAMES) {
                    i = end;
                    continue;
                }
            }
        }
        // A possessive ends the name: "Florida" of "Florida's Gulf Coast".
        if let Some(p) = (i + 1..j).find(|&k| matches!(tokens[k].span().of(text), "'s" | "’s" | "'S" | "’S")) {
            let margin = span_margin(s, i, j);
            let confidence = 0.5 / (1.0 + (-margin / model.temperature.max(1e-6)).exp());
            out.push((Span::new(tokens[i].start(), tokens[p - 1].end()), label, confidence));
            i = end;
            continue;
        }
        let margin = span_margin(s, i, j);
        let confidence = 1.0 / (1.0 + (-margin / model.temperature.max(1e-6)).exp());
        let span = Span::new(tokens[i].start(), tokens[j - 1].end());
        out.push((span, label, confidence));
        i = end;
    }
}

/// How many tokens on each side of a token must be plain too for it to be quiet
/// ([`quiet_tokens`]).
const QUIET_REACH: usize = 1;

/// How far from a token its features read (the words at -2..+2).
const READ_REACH: usize = 2;

/// Whether each token of the document is quiet: plain ([`is_plain`]), and so are the tokens up
/// to [`QUIET_REACH`] away on each side in its sentence. A quiet token is tagged `O` without its
/// features being looked up (DESIGN.md, "Speed"): a name has a capital or a digit in it or next
/// to it, so what a token far from all of those adds is look-ups (half of an article's) and no
/// names. Plainness is read from each token's bytes (the text is being read in order anyway).
fn quiet_tokens(text: &str, segments: &Segments) -> Vec<bool> {
    let tokens = &segments.tokens;
    let plain: Vec<bool> = tokens.iter().map(|t| is_plain(t.span().of(text), t.kind())).collect();
    let mut quiet = vec![false; tokens.len()];
    for s in &segments.sentences {
        let (from, to) = (s.tokens.start.min(tokens.len()), s.tokens.end.min(tokens.len()));
        for (i, q) in quiet.iter_mut().enumerate().take(to).skip(from) {
            *q = plain[i.saturating_sub(QUIET_REACH).max(from)..(i + QUIET_REACH + 1).min(to)].iter().all(|&p| p);
        }
    }
    quiet
}

/// The hash of the lower-cased form ([`TokenHashes::lower`]) of a plain word: its bytes are its
/// lower-cased chars.
#[inline]
fn plain_lower(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0x1234, |h, &b| mix(h, u64::from(b)))
}

/// Whether a token is plain: a word of lower-case ASCII letters only ("the", "said"), one of
/// the marks `,` `.` `;` `:` `(` `)`, a quotation mark (straight or curly, single or double) or
/// the possessive "'s". A quote mark next to a name is not plain's concern: the name's capital
/// keeps it and its neighbours scored; what counting quote marks plain saves is the words
/// around a quote's other end (`,” he said`), which news has in every other sentence.
fn is_plain(word: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Word => word.bytes().all(|b| b.is_ascii_lowercase()),
        TokenKind::Punct => {
            matches!(word, "," | "." | ";" | ":" | "(" | ")" | "\"" | "'" | "\u{201C}" | "\u{201D}" | "\u{2018}" | "\u{2019}" | "'s" | "\u{2019}s")
        }
        _ => false,
    }
}

/// Document-level consistency: every mention of a string takes the label its mentions vote for
/// (by confidence; a person's full name also votes for its last word, the surname), and a
/// capitalised word that the tagger left alone in one place but tagged elsewhere, or that is
/// the surname of a person named in full, becomes a mention too (with less confidence).
fn consistent(text: &str, segments: &Segments, spans: &mut Vec<(Span, Label, f32)>) {
    if spans.is_empty() {
        return;
    }
    // Keyed by where the names stand (16-byte entries): text of distinct names has two keys
    // a name.
    let mut votes = TextVotes::new(text);
    let index = |l: Label| Label::ALL.iter().position(|&m| m == l).unwrap_or(0);
    for &(span, label, conf) in spans.iter() {
        votes.add(span.of(text), index(label), conf);
        if label == Label::Person {
            let name = span.of(text);
            if let Some((_, last)) = name.rsplit_once(' ') {
                if last.chars().count() > 2 && last.chars().next().is_some_and(char::is_uppercase) {
                    votes.add(last, index(label), conf);
                }
            }
        }
    }
    let winner = |v: &[f32; 7]| -> (Label, f32) {
        let total: f32 = v.iter().sum();
        let (k, best) = v.iter().enumerate().fold((0, 0f32), |b, (k, &x)| if x > b.1 { (k, x) } else { b });
        (Label::ALL[k], if total > 0.0 { best / total } else { 0.0 })
    };
    for (span, label, conf) in spans.iter_mut() {
        if let Some(v) = votes.get(span.of(text)) {
            let (l, share) = winner(&v);
            if l != *label {
                *label = l;
                *conf *= share;
            }
        }
    }
    // Untagged capitalised words that are tagged elsewhere. The spans are in text order and
    // never overlap (chunk after chunk, each tagged left to right), so they are searched as
    // they are.
    let mut added = Vec::new();
    for sentence in &segments.sentences {
        for t in &segments.tokens[sentence.tokens.clone()] {
            if t.kind() != TokenKind::Word || !t.span().of(text).chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let Some(v) = votes.get(t.span().of(text)) else { continue };
            let k = spans.partition_point(|s| s.0.end() <= t.start());
            if spans.get(k).is_some_and(|s| s.0.start() < t.end()) {
                continue;
            }
            let (l, share) = winner(&v);
            let total: f32 = v.iter().sum();
            let conf = (total / (1.0 + total)) * share * 0.8;
            added.push((t.span(), l, conf));
        }
    }
    drop(votes);
    // Both lists are in text order and no two spans are equal (the added words overlap no
    // span): merged from the back, in place, they are what sorting them together gives.
    let key = |s: &(Span, Label, f32)| (s.0.start(), s.0.end());
    debug_assert!(spans.windows(2).all(|w| key(&w[0]) < key(&w[1])) && added.windows(2).all(|w| key(&w[0]) < key(&w[1])));
    let (mut i, mut j) = (spans.len(), added.len());
    spans.reserve_exact(j);
    spans.resize(i + j, (Span::new(0, 0), Label::Person, 0.0));
    while j > 0 {
        let k = i + j - 1;
        if i > 0 && key(&spans[i - 1]) > key(&added[j - 1]) {
            spans[k] = spans[i - 1];
            i -= 1;
        } else {
            spans[k] = added[j - 1];
            j -= 1;
        }
    }
}

/// How much of its confidence a tagged span keeps where the gazetteers and rules proposed
/// something else over it: they know titles, credits, cue words and possessives better, the
/// tagger finds what they have no entry or rule for.
const DEFER: f32 = 0.7;

/// Adds the tagger's entity candidates for the document to `out`, which holds the other
/// recognisers' candidates: a tagged span that overlaps one of their entity candidates without
/// agreeing with it (same span and label) has its confidence cut by [`DEFER`].
pub fn recognise(text: &str, segments: &Segments, out: &mut Vec<Candidate>) {
    let Some(model) = model() else { return };
    let chars = |span: Span| text.get(span.range()).map_or(0, |s| s.chars().count()) as f32;
    let titled = |span: Span| is_title(span.of(text).split(' ').next().unwrap_or(""));
    // Tagged first: the rules' candidates are read below, and kept beside the tagger's working
    // state they would add to its peak (text of distinct names has one every 26 bytes).
    let tagged = tag_document(model, text, segments);
    let other = |c: &Candidate| match c.what {
        What::Entity(l) => Some((c.span, l, chars(c.span) * c.score.clamp(0.0, 1.0))),
        What::Figure(_) => None,
    };
    // Sized exactly (a filtered collect would grow by doubling).
    let mut others: Vec<(Span, Label, f32)> = Vec::with_capacity(out.iter().filter_map(other).count());
    others.extend(out.iter().filter_map(other));
    others.sort_by_key(|a| (a.0.start(), a.0.end()));
    // The furthest end among the first k candidates, so that overlaps are found by binary search.
    let mut reach = Vec::with_capacity(others.len());
    let mut far = 0;
    for o in &others {
        far = far.max(o.0.end());
        reach.push(far);
    }
    out.reserve_exact(tagged.len());
    for (span, label, mut score) in tagged {
        let upto = others.partition_point(|o| o.0.start() < span.end());
        let from = reach[..upto].partition_point(|&r| r <= span.start());
        let mut agree = false;
        let mut clash = false;
        let mut inner_person = 0f32;
        let mut inner_max = 0f32;
        let mut pieces = 0;
        let mut last_end = 0;
        let mut labels: Option<Label> = None;
        let mut mixed = false;
        for o in &others[from..upto] {
            if o.0.end() > span.start() {
                if o.0 == span && o.1 == label {
                    agree = true;
                } else {
                    clash = true;
                    if o.0 != span && o.0.start() >= span.start() && o.0.end() <= span.end() {
                        inner_max = inner_max.max(o.2);
                        if o.1 == Label::Person {
                            inner_person = inner_person.max(o.2);
                        }
                        if o.0.start() >= last_end {
                            pieces += 1;
                            last_end = o.0.end();
                            mixed |= labels.is_some_and(|l| l != o.1);
                            labels = Some(o.1);
                        }
                    }
                }
            }
        }
        if clash && !agree {
            score *= DEFER;
            // A title and the name after it taken whole, or two names of different kinds taken
            // as one ("Governor of Washington Chris Gregoire"): the rules' names win.
            let yield_to = if inner_person > 0.0 && titled(span) {
                inner_person
            } else if pieces >= 2 && mixed {
                inner_max
            } else {
                0.0
            };
            if yield_to > 0.0 {
                score = score.min(0.95 * yield_to / chars(span).max(1.0));
            }
        }
        out.push(Candidate { span, what: What::Entity(label), score, source: Source::Tagger });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_positions_cover_every_feature_once() {
        let mut all: Vec<usize> = OWN_AT.iter().chain(&PAIRS_AT).chain(&WINDOW_AT).chain(&SENTENCE_AT).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..FEATURES).collect::<Vec<_>>());
    }

    #[test]
    fn loads_read_the_bytes_zero_padded() {
        let bytes: Vec<u8> = (1..=20u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..=bytes.len() {
            let b = &bytes[..n];
            let mut w = [0u8; 8];
            w[..n.min(8)].copy_from_slice(&b[..n.min(8)]);
            assert_eq!(load_le(b), u64::from_le_bytes(w), "{n} bytes");
            for k in 0..n {
                let mut c = b.to_vec();
                c[k] ^= 0x40;
                assert!(!same_bytes(b, &c) && same_bytes(b, b));
            }
        }
    }

    #[test]
    fn emissions_are_the_summed_weights_of_the_features() {
        let model = model().expect("the compiled-in model decodes");
        let text = "WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday.\n\
                    \"Ukraine's army,\" said Gen. Valery Zaluzhny, \"held Bakhmut.\" The army held.\n\
                    By Jane Doe\n\
                    the Senate and the senate; İstanbul, ISTANBUL and istanbul. ﬁnance e\u{301} 118.5 🙂";
        let segments = crate::segment::segment(text);
        let fz = Featurizer::new(text, &segments, &model.clusters);
        let own = fz.weigh(model);
        let (mut feats, mut emit) = (Vec::new(), Vec::new());
        for k in 0..segments.sentences.len() {
            let r = segments.sentences[k].tokens.clone();
            // Whole sentences, and cut into chunks of 2 tokens.
            for step in [r.len().max(1), 2] {
                let (mut seen_a, mut seen_b) = (false, false);
                for a in (r.start..r.end).step_by(step) {
                    let chunk = a..(a + step).min(r.end);
                    fz.chunk(&segments, k, chunk.clone(), &mut seen_a, &mut feats);
                    fz.emissions(model, &own, &segments, k, chunk, &mut seen_b, &[], &mut emit);
                    assert_eq!(feats.len(), emit.len() * FEATURES);
                    for (tf, e) in feats.chunks_exact(FEATURES).zip(&emit) {
                        let mut acc = [0i32; LANES];
                        for &f in tf {
                            model.add(&mut acc, f);
                        }
                        assert_eq!(acc.map(|a| (a as f32 * model.scale).to_bits()), e.map(f32::to_bits));
                    }
                }
            }
        }
    }

    fn tagged(text: &str) -> Vec<(String, Label)> {
        let model = model().expect("the compiled-in model decodes");
        let segments = crate::segment::segment(text);
        tag_document(model, text, &segments).into_iter().map(|(s, l, _)| (s.of(text).to_owned(), l)).collect()
    }

    #[test]
    fn committed_model_tags_news() {
        let m = model().expect("the compiled-in model decodes");
        assert!(m.len() > 1000);
        let text = "Chinese Foreign Ministry spokesperson Mao Ning said on Tuesday that Beijing opposes the move.\n\
                    China's Defence Minister Dong Jun met his US counterpart on Friday.\n\
                    Russian forces captured Avdiivka after months of fighting.\n\
                    Turkey has struck positions of the YPG in northern Syria.";
        let found = tagged(text);
        for (name, label) in [("Mao Ning", Label::Person), ("Dong Jun", Label::Person), ("Avdiivka", Label::Place), ("YPG", Label::Org)] {
            assert!(found.contains(&(name.to_owned(), label)), "{name} as {label} not in {found:?}");
        }
        for (span, _, score) in tag_document(m, text, &crate::segment::segment(text)) {
            assert!((0.0..=1.0).contains(&score), "{span:?} {score}");
        }
    }

    #[test]
    fn quiet_tokens_are_plain_words_away_from_capitals_and_digits() {
        let text = "the talks went on , and then Nils Stensønes said that 3 of them left \"quietly\" in the end , “ Oslo ” .";
        let segments = crate::segment::segment(text);
        let m = model().expect("the compiled-in model decodes");
        let quiet = quiet_tokens(text, &segments);
        let words: Vec<&str> = segments.tokens.iter().map(|t| t.span().of(text)).collect();
        let got: Vec<&str> = words.iter().zip(&quiet).filter(|(_, &q)| q).map(|(w, _)| *w).collect();
        // Not quiet: a capitalised word or a number, and the tokens next to them (the sentence's
        // edges count as plain); quote marks are plain, but not quiet next to "Oslo".
        assert_eq!(got, ["the", "talks", "went", "on", ",", "and", "them", "left", "\"", "quietly", "\"", "in", "the", "end", ",", "."], "{words:?}");
        // Every tag of a quiet token is O.
        assert!(tag_document(m, text, &segments).iter().all(|(span, _, _)| span.of(text).contains("Stensønes")));
    }

    #[test]
    fn unread_tokens_leave_the_read_words_and_their_evidence_as_they_were() {
        let m = model().expect("the compiled-in model decodes");
        let text = "The talks went on and on , said the man in the grey suit at the end of the day .\n\
                    In the morning the talks went on . The end came and the day ended in the dark .\n\
                    \u{212A}ing said that the old king was seen , and the day was long and the night was dark .\n\
                    Grey days : the night ( dark ) went on and on , as days do in the north .";
        let segments = crate::segment::segment(text);
        let (all, some) = (Featurizer::new(text, &segments, &m.clusters), Featurizer::for_tagging(text, &segments, &m.clusters));
        assert_eq!(some.quiet, quiet_tokens(text, &segments));
        let unread = some.ids.iter().filter(|&&id| id == UNREAD_WORD || id == UNREAD_MARK).count();
        assert!(unread > 10, "{unread} unread");
        for (i, (&a, &b)) in all.ids.iter().zip(&some.ids).enumerate() {
            let (x, y) = (&all.words.list[a as usize], &some.words.list[b as usize]);
            assert!(x.class == y.class, "token {i}");
            if b == UNREAD_WORD || b == UNREAD_MARK {
                assert!(is_plain(segments.tokens[i].span().of(text), segments.tokens[i].kind()));
                continue;
            }
            assert!(x.class == y.class && (x.lower, x.shape, x.suffix2, x.cluster, x.cue, x.flags) == (y.lower, y.shape, y.suffix2, y.cluster, y.cue, y.flags), "token {i}");
        }
        // "Grey" and the Kelvin sign's "king" are written in lower case only where no scored
        // token reads them.
        for (w, lower) in [("Grey", "grey"), ("\u{212A}ing", "king")] {
            let read = |text_of: &str| some.ids.iter().zip(&segments.tokens).filter(|(&id, t)| id >= FIRST_WORD as u32 && t.span().of(text) == text_of).map(|(&id, _)| id).collect::<Vec<_>>();
            assert!(read(lower).is_empty() && !read(w).is_empty(), "{w}");
            assert!(read(w).iter().all(|&id| some.words.list[id as usize].ev_code() & 1 == 1), "{w}");
        }
        for w in ["the", "grey", "king", "days"] {
            assert_eq!(plain_lower(w.as_bytes()), hash_token(w, TokenKind::Word).lower);
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", " ", "\n\n", "A", "ÄÖÜ ß ẞ İ", "((((((((", "x\u{0}y", "🙂 Mr. 🙂", "U.S. U.K. e.g."] {
            let _ = tagged(text);
        }
        let long = "Word ".repeat(5000);
        let _ = tagged(&long);
    }

    #[test]
    fn allowed_table_matches_the_rule() {
        for (from, row) in ALLOWED.iter().enumerate() {
            for (to, &ok) in row.iter().enumerate().take(TAGS) {
                let f = (from < TAGS).then_some(from);
                assert_eq!(ok, allowed(f, to), "{from} -> {to}");
            }
        }
    }

    #[test]
    fn ascii_shapes_and_cues_read_as_before() {
        for b in 0u8..128 {
            assert_eq!(ASCII_SHAPE[b as usize], shape_code(b as char), "{b}");
        }
        let scan = |w: &str| {
            [TITLES, ORG_CUES, PLACE_CUES, EVENT_CUES].iter().position(|l| l.contains(&w)).map_or(0, |k| k as u64 + 1)
        };
        for w in TITLES.iter().chain(ORG_CUES).chain(PLACE_CUES).chain(EVENT_CUES).chain(&["Nobody", "", "party"]) {
            assert_eq!(cue_of(w), scan(w), "{w}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for l in Label::ALL {
            assert_eq!(label_of(tag_of(l, true)), Some((l, true)));
            assert_eq!(label_of(tag_of(l, false)), Some((l, false)));
        }
        assert_eq!(label_of(0), None);
        assert!(!allowed(None, tag_of(Label::Org, false)));
        assert!(allowed(Some(tag_of(Label::Org, true)), tag_of(Label::Org, false)));
    }

    #[test]
    fn encode_decode_round_trip() {
        let mut trans = [[0f32; TAGS]; TAGS + 1];
        trans[0][1] = 0.5;
        let mut w = [0f32; TAGS];
        w[tag_of(Label::Person, true)] = 2.0;
        let raw = RawModel { trans, features: vec![(7, w), (3, [0.0; TAGS])], temperature: 1.0, clusters: vec![(9, 4)], key_bits: 32 };
        let m = Model::decode(&raw.encode()).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m.row(7).unwrap()[tag_of(Label::Person, true)], 127);
        assert!(m.row(3).is_none());
        assert_eq!(m.clusters().get(9), Some(4));
        assert_eq!(m.clusters().get(10), None);
        assert!(Model::decode(b"garbage").is_none());
        let bytes = raw.encode();
        for cut in 0..bytes.len() {
            let _ = Model::decode(&bytes[..cut]);
        }
    }

    #[test]
    fn weight_table_finds_every_key_and_no_other() {
        // Keys that crowd the same home slots, the marker of an empty slot among them.
        let mut keys: Vec<u32> = (0..300u32).map(|i| i.wrapping_mul(0x0100_0000) ^ (i % 7)).collect();
        keys.push(EMPTY);
        keys.sort_unstable();
        keys.dedup();
        let rows: Vec<[i8; 16]> = (0..keys.len()).map(|i| [(i % 100) as i8 + 1; 16]).collect();
        let t = Table::new(&keys, &rows, 32);
        assert!(t.homes.is_none());
        assert_eq!(t.len, keys.len());
        assert_eq!(t.rest.keys.last(), Some(&EMPTY));
        for (k, row) in keys.iter().zip(&rows) {
            assert_eq!(t.row(*k), Some(row), "{k:x}");
            let mut acc = [0i32; LANES];
            t.add(&mut acc, *k);
            assert_eq!(acc, row.map(i32::from));
        }
        for k in [1u32, 0x0100_0001, 12345, u32::MAX - 1] {
            if !keys.contains(&k) {
                assert_eq!(t.row(k), None);
            }
        }
        assert_eq!(Table::new(&[], &[], 32).row(5), None);
        assert_eq!(Table::new(&[], &[], 24).row(5), None);
        // add_all adds what add does, a chunk of keys (kept ones, EMPTY among them, and others)
        // at a time.
        let mut asked: Vec<u32> = keys.iter().flat_map(|&k| [k, k ^ 0x0200_0000]).collect();
        asked.push(EMPTY);
        for chunk in asked.chunks(FEATURES) {
            add_all_adds_what_add_does(&t, chunk);
        }
    }

    /// Asserts that [`Table::add_all`] sums what [`Table::add`] adds key by key for `chunk`;
    /// returns the sums.
    fn add_all_adds_what_add_does(t: &Table, chunk: &[u32]) -> [i16; LANES] {
        let (mut all, mut each) = ([0i16; LANES], [0i32; LANES]);
        t.add_all(&mut all, chunk, 0);
        for &k in chunk {
            t.add(&mut each, k);
        }
        assert_eq!(all.map(i32::from), each, "{chunk:x?}");
        all
    }

    #[test]
    fn weight_table_homes_find_every_key_and_no_other() {
        // 14-bit keys (128 homes), more than the homes can hold (some left over to `rest`),
        // among them one for each home whose low 7 bits are 0 (which have one home each); then
        // a table about as full as the model's.
        let crowded: Vec<u32> = (0..200u32).map(|i| (i * 37) % 0x4000).chain((0..128).map(|i| i << 7)).collect();
        let mut x = 0x9E37_79B9u32;
        let spread: Vec<u32> = (0..3000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x >> 19
            })
            .collect();
        for (mut keys, bits) in [(crowded, 14), (spread, 13)] {
            keys.sort_unstable();
            keys.dedup();
            let rows: Vec<[i8; 16]> = (0..keys.len()).map(|i| [(i % 100) as i8 + 1; 16]).collect();
            let t = Table::new(&keys, &rows, bits);
            let spilled = t.homes.as_ref().unwrap().spilled.iter().any(|&w| w != 0);
            assert_eq!(t.len, keys.len());
            assert_eq!(t.rest.keys.iter().any(|&k| k != EMPTY), spilled);
            // The crowded keys outnumber their homes; no key whose low bits are 0 is left over.
            assert!(bits != 14 || spilled);
            assert!(t.rest.keys.iter().all(|&k| k == EMPTY || k & 0x7F != 0));
            for (k, row) in keys.iter().zip(&rows) {
                assert_eq!(t.row(*k), Some(row), "{k:x}");
            }
            for k in 0..1u32 << bits {
                if keys.binary_search(&k).is_err() {
                    assert_eq!(t.row(k), None, "{k:x}");
                }
            }
            let asked: Vec<u32> = (0..1u32 << bits).collect();
            for chunk in asked.chunks(FEATURES) {
                let all = add_all_adds_what_add_does(&t, chunk);
                // The same keys in their top bits.
                let high: Vec<u32> = chunk.iter().map(|&k| k << (32 - bits) | 0x15).collect();
                let mut shifted = [0i16; LANES];
                t.add_all(&mut shifted, &high, 32 - bits);
                assert_eq!(shifted, all);
            }
        }
    }

    #[test]
    fn encode_decode_keeps_the_top_key_bits() {
        // Many features with varied weights, keys spread over the whole range; two of them share
        // their top 24 bits and so their summed weights.
        let mut features = Vec::new();
        let mut clusters = Vec::new();
        let mut x = 0x1234_5678u32;
        for i in 0..2000u32 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let mut w = [0f32; TAGS];
            w[(i as usize) % TAGS] = (i % 41) as f32 - 20.0;
            w[(x as usize) % TAGS] += 0.5;
            features.push((x, w));
            clusters.push((x.rotate_left(7), (i % 256) as u8));
        }
        let mut w = [0f32; TAGS];
        w[1] = 100.0;
        features.push((0xABCD_EF00, w));
        features.push((0xABCD_EF42, w));
        let raw = RawModel { trans: [[0.25; TAGS]; TAGS + 1], features: features.clone(), temperature: 2.0, clusters: clusters.clone(), key_bits: 24 };
        let bytes = raw.encode();
        let m = Model::decode(&bytes).unwrap();
        assert_eq!(m.temperature, 2.0);
        assert_eq!(m.row(0xABCD_EF00), m.row(0xABCD_EFFF));
        assert_eq!(m.row(0xABCD_EF00).unwrap()[1], 127);
        for (k, w) in &features[..2000] {
            let q = w.map(|x| (x / m.scale).round() as i8);
            if q.iter().any(|&v| v != 0) {
                assert_eq!(&m.row(*k).unwrap()[..TAGS], &q[..], "key {k:x}");
            }
        }
        for &(k, c) in &clusters {
            assert_eq!(m.clusters().get(k), Some(c));
        }
        assert_eq!(raw.encode(), bytes);
        for cut in (0..bytes.len()).step_by(97) {
            let _ = Model::decode(&bytes[..cut]);
        }
    }
}
