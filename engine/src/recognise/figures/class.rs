//! Word classes: what each token's lower-cased text may start, worked out once per token when
//! [`super::Ctx`] is built, so that each recogniser can pass over a token that cannot start its
//! figure with one bit test instead of comparing it with its word lists.
//!
//! Each class is a superset test: a token whose bit is clear cannot be read as that class; a
//! set bit says only that the full reading is worth trying.

use std::sync::OnceLock;

/// A word [`super::number`] may start a number with: number and ordinal words, scale words,
/// vague amounts ("dozens"), "half", "quarter", "a", "an", "and", hyphens.
pub const NUM_START: u16 = 1;
/// A weekday written out ("monday").
pub const WEEKDAY: u16 = 1 << 1;
/// A weekday abbreviation, dots after it allowed ("mon", "Thurs.").
pub const WEEKDAY_ABBR: u16 = 1 << 2;
/// The first word of a holiday's name ("christmas", "new").
pub const HOLIDAY: u16 = 1 << 3;
/// An ordinal word as dates read it ("third", "twenty-first"), or "twenty"/"thirty".
pub const ORDINAL: u16 = 1 << 4;

/// A word the date recogniser compares a token with (every word literal of `dates.rs` and
/// `dates/*.rs`; a test checks the list against the sources).
pub const DATE_WORD: u16 = 1 << 5;

/// A word a duration may open with besides a number or a weekday ([`super::durations`]).
pub const DUR_START: u16 = 1 << 6;

/// A word [`super::dates`]' `at` may read a date from besides numbers, months, weekdays,
/// ordinals and holidays (the words it and the readers it calls at the same token compare the
/// first token with).
pub const DATE_START: u16 = 1 << 7;

/// A word some recogniser opens a figure with that no class above covers ("twice", "age",
/// "noon": [`super::quantity`], [`super::times`]).
pub const OPENER: u16 = 1 << 8;

/// The month (1-12) a month name or abbreviation names, in the top four bits: the words and
/// dots [`crate::date::month_from_name`] reads ("january", "jan", "sept", "Feb."); [`month`]
/// reads it.
pub const MONTH: u16 = 0xf000;

/// The classes that also hold with dots after the word.
const DOTTED: u16 = WEEKDAY_ABBR;

const OPENERS: &[&str] = &["twice", "thrice", "age", "aged", "noon", "midday", "midnight"];

/// The month names and abbreviations with their months.
const MONTHS: &[(&str, u16)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4), ("apr", 4),
    ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8), ("september", 9),
    ("sep", 9), ("sept", 9), ("october", 10), ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];

const NUM_WORDS: &[&str] = &[
    // units and tens
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "naught", "nought",
    // ordinals
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
    "ninetieth", "hundredth", "thousandth",
    // scale words (long forms)
    "hundred", "thousand", "million", "mln", "mn", "billion", "bn", "bln", "trillion", "tn", "trln", "tln", "lakh",
    "lakhs", "lac", "crore", "crores",
    // vague amounts and the rest
    "dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens", "scores", "half", "quarter", "a",
    "an", "and", "-", "‐", "‑", "–",
];

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAY_ABBRS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun", "tues", "thur", "thurs"];
const HOLIDAY_HEADS: &[&str] = &[
    "international", "new", "christmas", "xmas", "independence", "halloween", "valentine", "valentines", "saint",
    "st", "st.", "earth", "labor", "labour", "memorial", "mother", "mothers", "father", "fathers", "martin",
    "thanksgiving", "black", "cyber", "good", "easter",
];
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first", "twenty", "thirty",
];

const DUR_STARTS: &[&str] = &[
    // durations::at's own cases, offset, part_of, span_from_now
    "more", "less", "within", "for", "the", "in", "first", "last", "final", "next", "coming", "upcoming", "following",
    "past", "previous",
    // term
    "a", "an", "few", "several", "some", "couple", "another", "all", "half", "½",
];

const DATE_STARTS: &[&str] = &[
    // dates::at's own cases
    "since", "until", "till", "through", "from", "between", "after", "before", "for", "starting", "beginning", "end",
    "middle", "start", "eoy", "eom", "by", "no", "later", "early", "late", "mid", "earlier", "the", "around", "about",
    "year", "cy", "weekend", "as", "greater", "on", "in", "fiscal", "calendar",
    // seasons, weeks::at, relative, units
    "spring", "summer", "autumn", "fall", "winter", "week", "w", "last", "previous", "past", "this", "current", "next",
    "coming", "upcoming", "following", "a", "an", "one", "few", "several", "many", "some", "couple",
    // point: named days and decades
    "today", "tonight", "yesterday", "tomorrow", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
    "eighties", "nineties",
];

const DATE_WORDS: &[&str] = &[
    "a", "about", "after", "ago", "an", "and", "around", "as", "autumn", "before", "beginning", "between", "black",
    "by", "c", "calendar", "ce", "centuries", "century", "christmas", "coming", "commencing", "couple", "current",
    "cy", "cyber", "d", "date", "day", "days", "de", "decade", "decades", "due", "during", "earlier", "early",
    "earth", "easter", "eight", "eighteen", "eighteenth", "eighth", "eighties", "eighty", "eleven", "eleventh", "end",
    "eom", "eoy", "eve", "every", "expected", "fa", "fall", "father", "fathers", "few", "fifteen", "fifteenth",
    "fifth", "fifties", "fifty", "first", "fiscal", "five", "following", "for", "forties", "fortnight", "fortnights",
    "forty", "four", "fourteen", "fourteenth", "fourth", "fri", "friday", "from", "going", "good", "greater", "h",
    "half", "halloween", "has", "hour", "hours", "hr", "hrs", "hundred", "in", "independence", "international",
    "into", "is", "its", "july", "june", "king", "labor", "labour", "last", "late", "later", "luther", "m", "many",
    "mar", "march", "martin", "may", "memorial", "mid", "middle", "min", "mins", "minute", "minutes", "mon", "monday",
    "month", "months", "mother", "mothers", "nd", "new", "newer", "next", "nine", "nineteen", "nineteenth",
    "nineties", "ninety", "ninth", "no", "now", "october", "of", "old", "on", "one", "or", "past", "patrick",
    "percent", "plan", "planned", "plans", "previous", "pt{count}{}", "pxm", "pxq", "pxw", "p{count}{c}", "p{}m",
    "p{}w", "q", "quarter", "quarters", "rd", "s", "saint", "sat", "saturday", "scheduled", "sec", "second",
    "seconds", "secs", "sept", "seven", "seventeen", "seventeenth", "seventh", "seventies", "seventy", "several",
    "shall", "since", "six", "sixteen", "sixteenth", "sixth", "sixties", "sixty", "some", "sp", "spring", "ss", "st",
    "st.", "start", "starting", "su", "summer", "sun", "sunday", "ten", "tenth", "th", "than", "thanksgiving", "the",
    "third", "thirteen", "thirteenth", "thirties", "thirtieth", "thirty", "thirty-first", "this", "thousand", "three",
    "through", "throughout", "thu", "thur", "thurs", "thursday", "till", "tm", "to", "today", "tomorrow", "tonight",
    "ts", "tue", "tues", "tuesday", "twelfth", "twelve", "twenties", "twentieth", "twenty", "twenty-eighth",
    "twenty-fifth", "twenty-first", "twenty-fourth", "twenty-ninth", "twenty-second", "twenty-seventh",
    "twenty-sixth", "twenty-third", "two", "until", "upcoming", "valentine", "valentines", "w", "was", "wed",
    "wednesday", "week", "weekend", "weeks", "wi", "will", "winter", "won't", "won’t", "work", "workers", "working",
    "workweek", "x", "xmas", "y", "year", "years", "yesterday", "yr", "yrs",
];

/// The words and their classes: a hash table keyed by the word's bytes packed into one integer
/// (every listed word has at most [`LONGEST`] bytes), with a quick no for many other words.
struct Table {
    /// (key, length, classes) of each listed word.
    words: hashbrown::HashTable<(u128, u8, u16)>,
    /// By first byte, the lengths of the listed words that start with it (bit `len`).
    first: [u32; 256],
    /// By last byte, the lengths of the listed words that end with it.
    last: [u32; 256],
}

/// The bytes of `b` (1 to [`LONGEST`] of them) as one integer that, with the length, tells
/// them apart: its first and its last eight bytes (four for 4 to 7 bytes; the first, middle
/// and last byte for fewer), which overlap where they are fewer than twice that. Two loads
/// instead of zeroing a 16-byte buffer and copying the word into it (a `memset` and a
/// `memcpy` call for each token).
fn key(b: &[u8]) -> u128 {
    let n = b.len();
    if n >= 8 {
        let lo = u64::from_le_bytes(b[..8].try_into().unwrap_or_default());
        let hi = u64::from_le_bytes(b[n - 8..].try_into().unwrap_or_default());
        u128::from(lo) | u128::from(hi) << 64
    } else if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().unwrap_or_default());
        let hi = u32::from_le_bytes(b[n - 4..].try_into().unwrap_or_default());
        u128::from(lo) | u128::from(hi) << 64
    } else {
        u128::from(b[0]) | u128::from(b[n / 2]) << 8 | u128::from(b[n - 1]) << 16
    }
}

/// The hash of a key and length (the lists are fixed, so no seed is needed).
fn hash(k: u128, len: u8) -> u64 {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29) ^ u64::from(len);
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Table {
    /// The classes of `w` (1 to [`LONGEST`] bytes). A listed word sets its length's bit under
    /// its first and its last byte, so a word whose bit is clear under either is not listed:
    /// the look-up is skipped for it. Inlined into [`of`]: most words are told apart by the
    /// filter alone, for less than a call's saving and restoring of registers.
    #[inline(always)]
    fn get(&self, w: &str) -> u16 {
        let b = w.as_bytes();
        if self.first[usize::from(b[0])] & self.last[usize::from(b[b.len() - 1])] & (1u32 << b.len()) == 0 {
            return 0;
        }
        let (k, len) = (key(b), b.len() as u8);
        self.words.find(hash(k, len), |e| e.0 == k && e.1 == len).map_or(0, |e| e.2)
    }

    /// Adds `class` to the classes of `w`.
    fn add(&mut self, w: &'static str, class: u16) {
        let b = w.as_bytes();
        let (k, len) = (key(b), b.len() as u8);
        match self.words.find_mut(hash(k, len), |e| e.0 == k && e.1 == len) {
            Some(e) => e.2 |= class,
            None => {
                self.words.insert_unique(hash(k, len), (k, len, class), |e| hash(e.0, e.1));
            }
        }
        self.first[usize::from(b[0])] |= 1 << b.len();
        self.last[usize::from(b[b.len() - 1])] |= 1 << b.len();
    }
}

/// The longest word in any list (longer words have no class).
const LONGEST: usize = 16;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table { words: hashbrown::HashTable::new(), first: [0; 256], last: [0; 256] };
        for (words, class) in
            [(NUM_WORDS, NUM_START), (WEEKDAYS, WEEKDAY), (WEEKDAY_ABBRS, WEEKDAY_ABBR), (HOLIDAY_HEADS, HOLIDAY), (ORDINALS, ORDINAL), (DATE_WORDS, DATE_WORD), (DUR_STARTS, DUR_START), (DATE_STARTS, DATE_START), (OPENERS, OPENER)]
        {
            for w in words {
                debug_assert!(!w.is_empty() && w.len() <= LONGEST);
                t.add(w, class);
            }
        }
        for &(w, m) in MONTHS {
            t.add(w, m << MONTH.trailing_zeros());
        }
        t
    })
}

/// The classes of a token whose lower-cased text is `l`, with the month it names in
/// [`MONTH`] (any number of dots after it). Words longer than [`LONGEST`] have no class.
/// Inlined into [`super::Ctx`]'s reading of the tokens, which asks it of each one without a
/// digit: for most of them the filter of [`Table::get`] answers, for less than a call costs.
#[inline(always)]
pub fn of(l: &str) -> u16 {
    if l.is_empty() {
        return 0;
    }
    let t = table();
    let short = l.len() <= LONGEST;
    let mut class = if short { t.get(l) } else { 0 };
    if l.ends_with('.') {
        let bare = l.trim_end_matches('.');
        if !bare.is_empty() && bare.len() <= LONGEST {
            class |= t.get(bare) & if short { DOTTED | MONTH } else { MONTH };
        }
    }
    class
}

/// The month (1-12) in `class` ([`MONTH`]), 0 for none.
pub fn month(class: u16) -> u8 {
    (class >> MONTH.trailing_zeros()) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word literals outside comments of a source file (starting with an ASCII letter,
    /// without digits or spaces), lower-cased.
    fn literals(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in src.lines() {
            let code = line.split("//").next().unwrap_or("");
            let mut parts = code.split('"');
            parts.next();
            while let Some(lit) = parts.next() {
                let ok = lit.starts_with(|ch: char| ch.is_ascii_alphabetic()) && !lit.contains(|ch: char| ch.is_ascii_digit() || ch == ' ' || ch == '\\');
                if ok {
                    out.push(lit.to_lowercase());
                }
                parts.next();
            }
        }
        out
    }

    #[test]
    fn every_date_word_has_a_class() {
        // dates::find passes over a word without a class, a month or a digit: each word the
        // date recogniser reads must be listed.
        for src in [include_str!("dates.rs"), include_str!("dates/holidays.rs"), include_str!("dates/numeric.rs"), include_str!("dates/weeks.rs")] {
            for w in literals(src) {
                assert!(of(&w) & DATE_WORD != 0, "{w:?} is missing from DATE_WORDS");
            }
        }
    }

    #[test]
    fn months_as_month_from_name() {
        for w in ["January", "jan", "JAN.", "Jan...", "Sept", "sept.", "Sep", "May", "may.", "MARCH", "Marc", "Janu", "Septe", "Ja", "Decembers", "december", "Dec", "Dece", "Mayday", "june.........", "sept.................", "mon.................", "jun", "Julyy"] {
            let l = w.to_lowercase();
            assert_eq!(month(of(&l)), crate::date::month_from_name(w).unwrap_or(0), "{w:?}");
        }
    }
}
