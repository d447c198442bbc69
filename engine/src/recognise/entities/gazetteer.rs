//! The gazetteers: lists of known names and cue words, compiled into the engine.
//!
//! The lists live in `engine/data/gazetteer/` (provenance and licences in
//! `engine/data/README.md` and `NOTICE`): countries with their variants, capitals, cities over
//! 50,000 people, regions and US states, demonyms and given names are generated from open data
//! by `scripts/gazetteer/build.sh`; organisations, news agencies, well-known people, products,
//! events, titles and cue words are curated by hand in `curated.txt`.
//!
//! They are parsed once, on first use, into one table from a form ("North Korea", "U.S.",
//! "Ministry") to an [`Entry`]: the set of [`Lists`] the form is on, and its canonical name
//! when it is a variant ("U.S." -> "United States"). Lookups are case-sensitive: the forms are
//! names as written.
//!
//! # Stable API (used by the rules and by the learned tagger as features)
//!
//! * [`lookup`]: the entry of one form, written as it is in text ([`lookup_token`] for one
//!   token);
//! * [`matches()`]: for each token of a document, the longest entry that starts there;
//! * [`token_lists`]: per token, the lists it begins or continues (a feature bitmask);
//! * [`canonical`], [`demonym_country`], [`country_of`]: variants, nationalities, countries.
//!
//! Multi-word forms are matched token by token: tokens are joined by one space where the text
//! has white space between them and by nothing where it has none ("Kim Jong-un",
//! "Washington, D.C."), with curly apostrophes read as straight ones.

use std::ops::Range;
use std::sync::OnceLock;

use crate::resolve::fast_hash::FixedMap;
use crate::segment::{tokenize, Token, TokenKind};
use crate::Label;

/// A set of gazetteer lists, as bit flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lists(pub u32);

impl Lists {
    /// Countries and their variants ("Norway", "U.S.", "North Korea").
    pub const COUNTRY: Lists = Lists(1 << 0);
    /// National capitals.
    pub const CAPITAL: Lists = Lists(1 << 1);
    /// Cities of at least 1,000,000 people.
    pub const CITY_LARGE: Lists = Lists(1 << 2);
    /// Cities of at least 50,000 people (all tiers).
    pub const CITY: Lists = Lists(1 << 3);
    /// Regions, provinces and US states (see [`Entry::tier`]).
    pub const REGION: Lists = Lists(1 << 4);
    /// Other places: continents, seas, world regions, places in the news (curated).
    pub const PLACE: Lists = Lists(1 << 5);
    /// Known misspellings of places ("Olso").
    pub const MISSPELT: Lists = Lists(1 << 6);
    /// Nationalities: "Norwegian", "Russians".
    pub const DEMONYM: Lists = Lists(1 << 7);
    /// Other groups: "Western", "Republicans", religions.
    pub const GROUP: Lists = Lists(1 << 8);
    /// Organisations known by name ("NATO", "Kremlin").
    pub const ORG: Lists = Lists(1 << 9);
    /// News organisations and photo agencies ("Reuters", "AFP").
    pub const NEWS: Lists = Lists(1 << 10);
    /// Well-known people ("Vladimir Putin", "Putin").
    pub const PERSON: Lists = Lists(1 << 11);
    /// Products and model series ("Shahed", "Leopard", "F").
    pub const PRODUCT: Lists = Lists(1 << 12);
    /// Named events ("World War II").
    pub const EVENT: Lists = Lists(1 << 13);
    /// Given names ("Nils", "Patrick").
    pub const GIVEN_NAME: Lists = Lists(1 << 14);
    /// Person titles ("President", "spokesperson", "defense minister").
    pub const TITLE: Lists = Lists(1 << 15);
    /// Organisation cue words ("Ministry", "Institute", "FC").
    pub const ORG_CUE: Lists = Lists(1 << 16);
    /// Capitalised place heads ("Sea", "Cosmodrome", "Oblast").
    pub const PLACE_CUE: Lists = Lists(1 << 17);
    /// Lower-case place nouns after a name ("region", "village").
    pub const PLACE_NOUN: Lists = Lists(1 << 18);
    /// Event heads ("Summit", "War", "Conference").
    pub const EVENT_CUE: Lists = Lists(1 << 19);
    /// Lower-case nouns next to a work's title ("report", "assessment").
    pub const WORK_NOUN: Lists = Lists(1 << 20);
    /// Capitalised words that are no names by capitalisation alone ("Meanwhile", "The").
    pub const COMMON: Lists = Lists(1 << 21);
    /// Never part of an entity: months, days ("September", "Monday").
    pub const NEVER: Lists = Lists(1 << 22);

    /// Words that start an event's name ("Hurricane", "Operation", "Battle" of).
    pub const EVENT_LEAD: Lists = Lists(1 << 23);

    /// Number of lists.
    pub const COUNT: u32 = 24;

    /// Whether any of `other`'s lists is in this set.
    pub const fn has(self, other: Lists) -> bool {
        self.0 & other.0 != 0
    }

    /// The union of two sets.
    pub const fn with(self, other: Lists) -> Lists {
        Lists(self.0 | other.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Every list that names places.
    pub const PLACES: Lists = Lists(
        Self::COUNTRY.0 | Self::CAPITAL.0 | Self::CITY_LARGE.0 | Self::CITY.0 | Self::REGION.0 | Self::PLACE.0 | Self::MISSPELT.0,
    );
    /// Every list whose forms are names by themselves (as opposed to cue words).
    pub const NAMES: Lists = Lists(
        Self::PLACES.0 | Self::DEMONYM.0 | Self::GROUP.0 | Self::ORG.0 | Self::NEWS.0 | Self::PERSON.0 | Self::PRODUCT.0 | Self::EVENT.0,
    );
}

/// What the gazetteers know of one form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The lists the form is on.
    pub lists: Lists,
    /// The canonical name of a variant ("U.S." -> "United States", "Putin" -> "Vladimir
    /// Putin", "UN" -> "United Nations"); `None` when the form is itself the name. Demonyms
    /// have none: "Russian" is not "Russia".
    pub canonical: Option<&'static str>,
    /// For cities: 1 (at least 1,000,000 people), 2 (200,000) or 3 (50,000); for regions: 1
    /// (US states, provinces of countries of 30 million people or more) or 2; 0 otherwise.
    /// The smallest of a form's tiers when it is on several lists.
    pub tier: u8,
}

impl Entry {
    /// The label the form names by itself, if it is a name: the first that applies of
    /// person, organisation (news organisations included), country and other places, event,
    /// group (demonyms included), product.
    pub fn label(&self) -> Option<Label> {
        let l = self.lists;
        if l.has(Lists::PERSON) {
            Some(Label::Person)
        } else if l.has(Lists::ORG.with(Lists::NEWS)) {
            Some(Label::Org)
        } else if l.has(Lists::PLACES) {
            Some(Label::Place)
        } else if l.has(Lists::EVENT) {
            Some(Label::Event)
        } else if l.has(Lists::DEMONYM.with(Lists::GROUP)) {
            Some(Label::Group)
        } else if l.has(Lists::PRODUCT) {
            Some(Label::Product)
        } else {
            None
        }
    }
}

/// The longest gazetteer entry starting at a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The tokens it covers (indices into the token slice given to [`matches()`]).
    pub tokens: Range<usize>,
    /// What the gazetteers know of it.
    pub entry: Entry,
}

/// Most tokens a gazetteer form spans.
pub const MAX_TOKENS: usize = 10;

/// Longest form, in bytes, ever looked up; longer tokens are no names.
const MAX_FORM_BYTES: usize = 80;

/// What the table holds for one key: its entry, and whether it is a proper prefix (in tokens)
/// of a longer form. One look-up answers both questions while matching.
#[derive(Clone, Copy, Debug)]
struct Slot {
    entry: Option<Entry>,
    prefix: bool,
}

struct Table {
    /// Every form, and every proper prefix (in tokens) of a multi-token form, that [`is_small`]
    /// does not pick out: nearly all of them.
    slots: FixedMap<String, Slot>,
    /// The other forms and prefixes: the hundred or so that start with a lower-case letter,
    /// a digit or a mark ("region", "spokesperson", "al-Qaeda").
    small: FixedMap<String, Slot>,
    /// Demonym -> its country ("Norwegian" -> "Norway").
    demonyms: FixedMap<&'static str, &'static str>,
    /// One bit per [`sketch`] of the keys of `small`: a key whose bit is clear is not there,
    /// which most lower-case words of running text ("the", "said") learn without hashing (128
    /// bytes). The keys of `slots` have none: most capitalised words are keys ("The",
    /// "Russia", "Vladimir"), and a sketch of 30,000 keys (16 KiB) cost a cache line a word
    /// more than the probes of the rest it saved.
    sketches: [u64; 1 << (SKETCH_BITS - 6)],
}

/// Bits of [`Table::sketches`].
const SKETCH_BITS: u32 = 10;

/// A key's length and first, second and last bytes, mixed into [`SKETCH_BITS`] bits.
#[inline]
fn sketch(key: &str) -> usize {
    let b = key.as_bytes();
    let (first, second, last) = (b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0), b.last().copied().unwrap_or(0));
    let x = (b.len() as u32 & 0xff) | u32::from(first) << 8 | u32::from(second) << 16 | u32::from(last) << 24;
    (x.wrapping_mul(0x9e37_79b1) >> (32 - SKETCH_BITS)) as usize
}

/// Whether `key` belongs in [`Table::small`]: it starts with an ASCII byte other than a
/// capital letter. Most words of running text do (four in five), and so do only about a
/// hundred keys, so those words are looked up in a table of a few cache lines rather than
/// among 30,000 keys spread over megabytes, which cold caches fetch a line at a time.
#[inline]
fn is_small(key: &str) -> bool {
    key.as_bytes().first().is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

impl Table {
    /// The slot of `key`, if any.
    #[inline]
    fn slot(&self, key: &str) -> Option<&Slot> {
        if is_small(key) {
            let k = sketch(key);
            return if self.sketches[k / 64] & (1 << (k % 64)) != 0 { self.small.get(key) } else { None };
        }
        self.slots.get(key)
    }

    /// The table `key` belongs in, to fill.
    fn part(&mut self, key: &str) -> &mut FixedMap<String, Slot> {
        if is_small(key) {
            &mut self.small
        } else {
            &mut self.slots
        }
    }

    #[inline]
    fn entry(&self, key: &str) -> Option<Entry> {
        self.slot(key).and_then(|s| s.entry)
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build)
}

const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
const CAPITALS: &str = include_str!("../../../data/gazetteer/capitals.txt");
const CITIES: &str = include_str!("../../../data/gazetteer/cities.tsv");
const REGIONS: &str = include_str!("../../../data/gazetteer/regions.tsv");
const DEMONYMS: &str = include_str!("../../../data/gazetteer/demonyms.tsv");
const GIVEN_NAMES: &str = include_str!("../../../data/gazetteer/given_names.txt");
const CURATED: &str = include_str!("../../../data/gazetteer/curated.txt");

fn build() -> Table {
    let mut t = Table {
        slots: FixedMap::with_capacity_and_hasher(32_000, Default::default()),
        small: FixedMap::default(),
        demonyms: FixedMap::default(),
        sketches: [0; 1 << (SKETCH_BITS - 6)],
    };
    for line in COUNTRIES.lines() {
        let (form, canonical) = line.split_once('\t').unwrap_or((line, ""));
        t.add(form, Lists::COUNTRY, (!canonical.is_empty()).then_some(canonical), 0);
    }
    for line in CAPITALS.lines() {
        t.add(line, Lists::CAPITAL, None, 0);
    }
    for line in CITIES.lines() {
        let (form, tier) = line.split_once('\t').unwrap_or((line, "3"));
        let tier: u8 = tier.parse().unwrap_or(3);
        let lists = if tier == 1 { Lists::CITY.with(Lists::CITY_LARGE) } else { Lists::CITY };
        t.add(form, lists, None, tier);
    }
    for line in REGIONS.lines() {
        let (form, tier) = line.split_once('\t').unwrap_or((line, "2"));
        t.add(form, Lists::REGION, None, tier.parse().unwrap_or(2));
    }
    for line in DEMONYMS.lines() {
        let (form, country) = line.split_once('\t').unwrap_or((line, ""));
        t.add(form, Lists::DEMONYM, None, 0);
        if !country.is_empty() {
            t.demonyms.insert(form, country);
        }
    }
    for line in GIVEN_NAMES.lines() {
        t.add(line, Lists::GIVEN_NAME, None, 0);
    }
    let mut section = Lists::default();
    for line in CURATED.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = section_lists(name);
            continue;
        }
        if section.is_empty() {
            continue;
        }
        let (form, canonical) = match line.split_once(" = ") {
            Some((f, c)) => (f.trim(), Some(c.trim())),
            None => (line, None),
        };
        t.add(form, section, canonical, 0);
    }
    for key in t.small.keys() {
        let k = sketch(key);
        t.sketches[k / 64] |= 1 << (k % 64);
    }
    t
}

fn section_lists(name: &str) -> Lists {
    match name {
        "never" => Lists::NEVER,
        "common" => Lists::COMMON,
        "place" => Lists::PLACE,
        "misspelt" => Lists::MISSPELT,
        "org" => Lists::ORG,
        "news" => Lists::NEWS,
        "person" => Lists::PERSON,
        "given" => Lists::GIVEN_NAME,
        "group" => Lists::GROUP,
        "product" => Lists::PRODUCT,
        "event" => Lists::EVENT,
        "title" => Lists::TITLE,
        "org_cue" => Lists::ORG_CUE,
        "place_cue" => Lists::PLACE_CUE,
        "place_noun" => Lists::PLACE_NOUN,
        "event_cue" => Lists::EVENT_CUE,
        "event_lead" => Lists::EVENT_LEAD,
        "work_noun" => Lists::WORK_NOUN,
        _ => Lists::default(),
    }
}

impl Table {
    fn add(&mut self, form: &'static str, lists: Lists, canonical: Option<&'static str>, tier: u8) {
        if form.is_empty() {
            return;
        }
        // A form of ASCII letters alone, as most are ("Norway", "Nils"), is one token: UAX #29
        // breaks nowhere inside it. Telling so by its bytes spares tokenising 20,000 forms
        // when the table is built, half the building's instructions.
        let letters = form.bytes().all(|b| b.is_ascii_alphabetic());
        let tokens = if letters { Vec::new() } else { tokenize(form) };
        let key = if letters || tokens.len() == 1 && tokens[0].span().len() == form.len() && !form.contains('’') {
            form.to_owned()
        } else {
            for k in 1..tokens.len().min(MAX_TOKENS) {
                let prefix = join(form, &tokens[..k]);
                self.part(&prefix).entry(prefix).or_insert(Slot { entry: None, prefix: false }).prefix = true;
            }
            join(form, &tokens)
        };
        let slot = self.part(&key).entry(key).or_insert(Slot { entry: None, prefix: false });
        let e = slot.entry.get_or_insert(Entry { lists: Lists::default(), canonical: None, tier: 0 });
        e.lists = e.lists.with(lists);
        if e.canonical.is_none() {
            e.canonical = canonical.filter(|c| *c != form);
        }
        if tier != 0 && (e.tier == 0 || tier < e.tier) {
            e.tier = tier;
        }
    }
}

/// The lookup key of a run of tokens: their texts joined by one space where `text` has a gap
/// between them, curly apostrophes straightened.
fn join(text: &str, tokens: &[Token]) -> String {
    let mut key = String::new();
    push_tokens(&mut key, text, tokens);
    key
}

fn push_tokens(key: &mut String, text: &str, tokens: &[Token]) {
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && tokens[i - 1].end() < t.start() {
            key.push(' ');
        }
        push_straight(key, t.span().of(text));
    }
}

/// Whether `s` holds a curly apostrophe (U+2019, bytes E2 80 99): a byte scan that short
/// words pass quickly.
#[inline]
fn has_curly(s: &str) -> bool {
    s.as_bytes().contains(&0x99) && s.contains('’')
}

fn push_straight(key: &mut String, s: &str) {
    if has_curly(s) {
        key.extend(s.chars().map(|c| if c == '’' { '\'' } else { c }));
    } else {
        key.push_str(s);
    }
}

/// What the gazetteers know of `form`, a name as written ("U.S.", "North Korea", "Ministry").
///
/// Exact and case-sensitive, except that white space runs count as one space and curly
/// apostrophes as straight ones.
pub fn lookup(form: &str) -> Option<Entry> {
    if form.len() > MAX_FORM_BYTES * MAX_TOKENS {
        return None;
    }
    let t = table();
    if let Some(e) = t.entry(form) {
        return Some(e);
    }
    // The key below is `form` itself when it is ASCII with single spaces between words.
    // (Two spaces found by comparing each byte with the one before: `contains("  ")` sets up
    // a substring search for each form.)
    let b = form.as_bytes();
    let plain = b.iter().all(|&c| c.is_ascii_graphic() || c == b' ')
        && !b.windows(2).any(|w| w[0] == b' ' && w[1] == b' ')
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ');
    if plain {
        return None;
    }
    // A key is its text with white space runs as one space and straight apostrophes.
    let mut key = String::with_capacity(form.len());
    for (i, word) in form.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        push_straight(&mut key, word);
    }
    t.entry(&key)
}

/// What the gazetteers know of one token's text, exactly as written (curly apostrophes read
/// as straight ones): the fast path of [`lookup`] for text that is already one token.
pub fn lookup_token(token: &str) -> Option<Entry> {
    if token.len() > MAX_FORM_BYTES {
        return None;
    }
    let t = table();
    if has_curly(token) {
        let mut key = String::with_capacity(token.len());
        push_straight(&mut key, token);
        return t.entry(&key);
    }
    t.entry(token)
}

/// The country of a nationality ("Norwegian" -> "Norway", "North Korean" -> "North Korea").
pub fn demonym_country(form: &str) -> Option<&'static str> {
    table().demonyms.get(form).copied()
}

/// The country a place name stands for in a descriptive phrase: the country itself or its
/// canonical name ("U.S." -> "United States"), when the form is a country.
pub fn country_of(form: &str) -> Option<&'static str> {
    let e = lookup_token(form).or_else(|| lookup(form))?;
    if !e.lists.has(Lists::COUNTRY) {
        return None;
    }
    let t = table();
    let part = if is_small(form) { &t.small } else { &t.slots };
    e.canonical.or_else(|| part.get_key_value(form).filter(|(_, s)| s.entry.is_some()).map(|(k, _)| k.as_str()))
}

/// Whether `form` is one of the entries' proper token prefixes ("North" of "North Korea").
pub fn is_prefix(form: &str) -> bool {
    table().slot(form).is_some_and(|s| s.prefix)
}

/// The canonical name of a known variant ("U.S." -> "United States", "the United States" ->
/// "United States", "UN" -> "United Nations", "Olso" -> "Oslo"), if the gazetteers know one.
/// Demonyms and cue words have none.
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let bare = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
    let e = lookup(bare)?;
    if !e.lists.has(Lists::NAMES) || e.lists.has(Lists::DEMONYM) && e.canonical.is_none() {
        return None;
    }
    e.canonical
}

/// For each token, the longest gazetteer entry that starts there, in token order (tokens
/// where none starts are left out). `O(n)`: at most [`MAX_TOKENS`] lookups a token.
pub fn matches(text: &str, tokens: &[Token]) -> Vec<Match> {
    let mut out = Vec::new();
    each_match(text, tokens, |m| out.push(m));
    out
}

/// [`matches`], one at a time, in token order.
pub fn each_match(text: &str, tokens: &[Token], found: impl FnMut(Match)) {
    scan(text, tokens, |_, _| {}, found);
}

/// [`each_match`], also telling `single` the entry of each token's own form (as
/// [`lookup_token`] has it) where there is one, from the same look-up.
pub(crate) fn scan(text: &str, tokens: &[Token], mut single: impl FnMut(usize, Entry), mut found: impl FnMut(Match)) {
    let t = table();
    let mut key = String::new();
    // The first curly apostrophe at or after the start of the last token that asked (one
    // search of the text in all, where each token would search itself).
    let mut next_curly = text.find('’').unwrap_or(usize::MAX);
    for i in 0..tokens.len() {
        // Only a word or a number (a token that starts with a letter or a digit, as
        // `tokenize` kinds them) starts a form: asked of the kind, without reading the text.
        if !matches!(tokens[i].kind(), TokenKind::Word | TokenKind::Number) || tokens[i].span().len() > MAX_FORM_BYTES {
            continue;
        }
        let first = tokens[i].span().of(text);
        let start = tokens[i].start();
        if next_curly < start {
            next_curly = text.get(start..).and_then(|rest| rest.find('’')).map_or(usize::MAX, |k| start + k);
        }
        // (Tokens end on character boundaries: a curly apostrophe that starts in one is in it.)
        let curly = next_curly < tokens[i].end();
        let slot = if curly {
            key.clear();
            push_straight(&mut key, first);
            t.slot(key.as_str())
        } else {
            t.slot(first)
        };
        let own = slot.and_then(|s| s.entry);
        if let Some(e) = own {
            single(i, e);
        }
        let mut best: Option<Match> = own.map(|e| Match { tokens: i..i + 1, entry: e });
        if best.is_none() {
            if let Some(e) = title_case_entry(t, first) {
                best = Some(Match { tokens: i..i + 1, entry: e });
            }
        }
        let mut prefix = slot.is_some_and(|s| s.prefix);
        if prefix && !curly {
            key.clear();
            key.push_str(first);
        }
        let mut j = i + 1;
        while j < tokens.len() && j - i < MAX_TOKENS && prefix {
            let next = tokens[j].span().of(text);
            let gap = &text[tokens[j - 1].end()..tokens[j].start()];
            if next.len() > MAX_FORM_BYTES || gap.contains('\n') || gap.len() > 3 {
                break;
            }
            if !gap.is_empty() {
                key.push(' ');
            }
            push_straight(&mut key, next);
            j += 1;
            let slot = t.slot(key.as_str());
            if let Some(e) = slot.and_then(|s| s.entry) {
                best = Some(Match { tokens: i..j, entry: e });
            }
            prefix = slot.is_some_and(|s| s.prefix);
        }
        if let Some(m) = best {
            found(m);
        }
    }
}

/// An all-capital word of a headline ("RUSSIA") read as its title-case form.
fn title_case_entry(t: &Table, word: &str) -> Option<Entry> {
    if word.len() < 4 || !word.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    let mut chars = word.chars();
    let mut s: String = chars.next().into_iter().collect();
    s.extend(chars.flat_map(char::to_lowercase));
    t.entry(&s).filter(|e| e.lists.has(Lists::PLACES.with(Lists::DEMONYM)))
}

/// Per token, the lists it begins (bit `2 * k` for list bit `k`) or continues (bit
/// `2 * k + 1`), from the longest entry starting at each token; a `u64` per token. For
/// features: `token_lists(..)[i] & (1 << (2 * 14))` is "a given name begins here".
pub fn token_lists(text: &str, tokens: &[Token]) -> Vec<u64> {
    let mut out = vec![0u64; tokens.len()];
    for m in matches(text, tokens) {
        for k in 0..Lists::COUNT {
            if m.entry.lists.0 & (1 << k) == 0 {
                continue;
            }
            if let Some(first) = out.get_mut(m.tokens.start) {
                *first |= 1 << (2 * k);
            }
            for i in m.tokens.start + 1..m.tokens.end {
                if let Some(x) = out.get_mut(i) {
                    *x |= 1 << (2 * k + 1);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_places_variants_and_cues() {
        assert!(lookup("Norway").unwrap().lists.has(Lists::COUNTRY));
        assert_eq!(lookup("U.S.").unwrap().canonical, Some("United States"));
        assert_eq!(canonical("the U.S."), Some("United States"));
        assert_eq!(canonical("US"), Some("United States"));
        assert_eq!(canonical("Olso"), Some("Oslo"));
        assert_eq!(canonical("Russian"), None);
        assert!(lookup("Ministry").unwrap().lists.has(Lists::ORG_CUE));
        assert!(lookup("Nils").unwrap().lists.has(Lists::GIVEN_NAME));
        assert_eq!(lookup("Norwegian").unwrap().label(), Some(Label::Group));
        assert_eq!(lookup("Moscow").unwrap().label(), Some(Label::Place));
        assert_eq!(lookup("North  Korea").unwrap().label(), Some(Label::Place));
        assert!(lookup("Meanwhile").unwrap().lists.has(Lists::COMMON));
        assert!(lookup("xyzzy").is_none());
    }

    #[test]
    fn matches_longest_forms() {
        let text = "North Korea’s leader met the Institute for the Study of War in Washington, D.C. today";
        let tokens = tokenize(text);
        let found: Vec<&str> = matches(text, &tokens)
            .iter()
            .filter(|m| m.entry.label().is_some())
            .map(|m| &text[tokens[m.tokens.start].start()..tokens[m.tokens.end - 1].end()])
            .collect();
        assert!(found.contains(&"North Korea"), "{found:?}");
        assert!(found.contains(&"Washington, D.C."), "{found:?}");
        let lists = token_lists(text, &tokens);
        assert_eq!(lists.len(), tokens.len());
        // "North Korea" is on list bit 0 (countries): it begins at token 0 (bit 2 * 0) and goes
        // on at token 1 (bit 2 * 0 + 1).
        let (begins, continues) = (1u64, 1u64 << 1);
        assert!(lists[0] & begins != 0);
        assert!(lists[1] & continues != 0);
    }
}
