//! Stage 3: paragraphs, sentences and tokens that survive news text.
//!
//! * **Paragraphs** are separated by blank lines.
//! * **Sentences** end at `.`, `!`, `?` or `…` (with any closing quotes and brackets) before a
//!   word that can start a sentence, and at line breaks unless the next line goes on in lower
//!   case. Abbreviations ("Feb.", "Jr.", "Gen."), initials ("N. Korea") and initialisms
//!   ("U.S.") end no sentence, unless an initialism is followed by a typical sentence opener
//!   ("... from the U.S. The war ...").
//! * Lines without final punctuation are **headings** ("Belarus, Iran and North Korea"); short
//!   lines that name a photographer and an agency are **credits** ("Mikhail
//!   Klimentiev/Sputnik AFP"). Recognisers treat capitals in both with suspicion.
//! * **Tokens** follow Unicode word boundaries (UAX #29), with abbreviations and initialisms
//!   keeping their period, a possessive `'s` split off its word, and a run of one punctuation
//!   mark other than the period ("!!!", "((((") kept as one token.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::span::first_non_ascii;
use crate::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter: "Stensønes", "U.S.", "Feb.", "Shahed".
    Word,
    /// Starts with a digit: "118.5", "1,000", "2024".
    Number,
    /// Punctuation: ".", ",", "“", "-", "/".
    Punct,
    /// Anything else: "$", "%", "€", emoji.
    Symbol,
}

/// A token: 8 bytes.
///
/// The tokens are the largest state the engine keeps for a whole document (one per word or
/// mark), so a token packs its offsets in 32 bits each and its kind in the top two bits of its
/// end: offsets up to [`Token::MAX_OFFSET`] (1 GiB, far above the decoded text of the largest
/// input, three times [`crate::MAX_INPUT_BYTES`] at worst); [`tokenize`] stops before any
/// offset past it. Read it with [`Token::span`], [`Token::start`], [`Token::end`] and
/// [`Token::kind`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    /// The end offset in the low 30 bits, the kind in the top two.
    end_kind: u32,
}

impl Token {
    /// The largest offset a token can hold: 2^30 - 1.
    pub const MAX_OFFSET: usize = (1 << 30) - 1;

    /// A token of `kind` at `span`; offsets past [`Token::MAX_OFFSET`] are clamped to it.
    pub fn new(span: Span, kind: TokenKind) -> Token {
        let kind = match kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
            TokenKind::Symbol => 3,
        };
        Token { start: Token::clamp(span.start()), end_kind: Token::clamp(span.end()) | kind << 30 }
    }

    fn clamp(offset: usize) -> u32 {
        offset.min(Token::MAX_OFFSET) as u32
    }

    /// Where it stands.
    #[inline]
    pub const fn span(&self) -> Span {
        Span::new(self.start(), self.end())
    }

    /// Byte offset of its first byte.
    #[inline]
    pub const fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past its last byte.
    #[inline]
    pub const fn end(&self) -> usize {
        (self.end_kind & Token::MAX_OFFSET as u32) as usize
    }

    /// What it is made of.
    #[inline]
    pub const fn kind(&self) -> TokenKind {
        match self.end_kind >> 30 {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            2 => TokenKind::Punct,
            _ => TokenKind::Symbol,
        }
    }

    /// Moves its end to `end` (clamped to [`Token::MAX_OFFSET`]).
    fn set_end(&mut self, end: usize) {
        self.end_kind = Token::clamp(end) | self.end_kind & !(Token::MAX_OFFSET as u32);
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token").field("span", &self.span()).field("kind", &self.kind()).finish()
    }
}

/// What kind of line or sentence this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentenceKind {
    /// Running text.
    Body,
    /// A heading or headline: a line without final punctuation.
    Heading,
    /// A photo credit or caption credit: "Mikhail Klimentiev/Sputnik AFP".
    Credit,
}

/// A sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where it stands (trimmed of surrounding white space).
    pub span: Span,
    /// Its tokens, as a range of indices into [`Segments::tokens`].
    pub tokens: Range<usize>,
    /// Index of its paragraph in [`Segments::paragraphs`].
    pub paragraph: usize,
    /// Body text, heading or credit.
    pub kind: SentenceKind,
}

/// The segmentation of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segments {
    /// Paragraphs, trimmed, in order.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Tokens, in order; white space is not a token.
    pub tokens: Vec<Token>,
}

impl Segments {
    /// The index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.span.end() <= at);
        (k < self.sentences.len() && self.sentences[k].span.start() <= at).then_some(k)
    }

    /// The index of the first token that ends after byte offset `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.end() <= at)
    }

    /// Cuts the tokens into consecutive windows of at most `max` tokens (at least 1), for
    /// stages that keep state per token: a window ends at a paragraph's end where it can, else
    /// at a sentence's end, else after a stop (".", ";") and white space, else before a token
    /// that white space precedes. A document of at most `max` tokens is one window.
    pub fn windows(&self, text: &str, max: usize) -> Vec<Range<usize>> {
        let max = max.max(1);
        let n = self.tokens.len();
        let mut out = Vec::with_capacity(n / max + 1);
        let mut a = 0;
        while a < n {
            if n - a <= max {
                out.push(a..n);
                break;
            }
            let limit = a + max;
            let early = a + max / 4;
            let (mut para, mut sent) = (None, None);
            let mut k = self.sentences.partition_point(|s| s.tokens.start <= early);
            while k < self.sentences.len() && self.sentences[k].tokens.start <= limit {
                let start = self.sentences[k].tokens.start;
                sent = Some(start);
                if k == 0 || self.sentences[k - 1].paragraph != self.sentences[k].paragraph {
                    para = Some(start);
                }
                k += 1;
            }
            let spaced = |i: usize| self.tokens[i - 1].end() < self.tokens[i].start();
            let after_stop = || {
                (early.max(a + 1)..=limit).rev().find(|&i| spaced(i) && matches!(self.tokens[i - 1].span().of(text), "." | ";" | "!" | "?" | "…"))
            };
            let after_space = || (early.max(a + 1)..=limit).rev().find(|&i| spaced(i));
            let cut = para.or(sent).or_else(after_stop).or_else(after_space).unwrap_or(limit).clamp(a + 1, limit);
            out.push(a..cut);
            a = cut;
        }
        out
    }
}

/// Abbreviations that keep their period and end no sentence (compared case-sensitively).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Lt", "Col", "Maj",
    "Capt", "Cpt", "Sgt", "Cpl", "Adm", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt",
    "Insp", "Det", "Amb", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Inc",
    "Corp", "Ltd", "Co", "Bros", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "No", "Nos", "Vol",
    "vs", "etc", "approx", "est", "cf", "Fig", "fig", "al", "Ph", "Messrs", "Mme", "Mlle", "Ald",
    "Calif", "Fla", "Mass", "Penn", "Ariz", "Colo", "Conn", "Ill", "Wash", "Wis", "Mich", "Minn",
];

/// Words that typically open a sentence: after an initialism ("U.S.") they mark a boundary.
const SENTENCE_OPENERS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I",
    "But", "And", "In", "On", "At", "As", "If", "When", "While", "Meanwhile", "However", "There",
    "His", "Her", "Its", "Their", "Our", "Some", "Many", "Most", "After", "Before", "Since",
];

/// Segments `text` into paragraphs, sentences and tokens.
pub fn segment(text: &str) -> Segments {
    let tokens = tokenize(text);
    let paragraphs = paragraphs(text);
    let sentences = sentences(text, &tokens, &paragraphs);
    Segments { paragraphs, sentences, tokens }
}

/// Splits `text` into tokens (of its first 1 GiB: see [`Token`]).
pub fn tokenize(text: &str) -> Vec<Token> {
    // Room for a token every 5 bytes (news text has one every 5.4) up to 64 Ki tokens, so
    // that a short text's list is allocated once rather than grown a quarter at a time from
    // 256 (nine moves for a 1,000-word article); past that it grows as before, and the unused
    // room is given back below.
    let mut tokens: Vec<Token> = Vec::with_capacity((text.len() / 5 + 64).min(1 << 16));
    let b = text.as_bytes();
    // The pieces are read as bytes: an ASCII first byte (nearly every piece of news text)
    // gives the kind by a table, without decoding a char or slicing a `str`.
    for (start, end) in word_pieces(text) {
        // Token offsets are packed in 30 bits: text past 1 GiB (far above the largest
        // decoded input) is not tokenised.
        if end > Token::MAX_OFFSET {
            break;
        }
        let Some(&lead) = b.get(start) else { continue };
        let (kind, first) = if lead < 0x80 {
            (ASCII_KINDS[lead as usize], None)
        } else {
            match text.get(start..).and_then(|rest| rest.chars().next()) {
                Some(c) => (kind_of(c), Some(c)),
                None => continue,
            }
        };
        let len = end - start;
        // A period right after an abbreviation, an initialism or a single capital letter joins it.
        if lead == b'.' && len == 1 {
            if let Some(prev) = tokens.last_mut() {
                if prev.end() == start && takes_period(prev.span().of(text)) {
                    prev.set_end(end);
                    continue;
                }
            }
        }
        // A run of one punctuation mark ("!!!", "((((", "----") is one token.
        if kind == TokenKind::Punct && len == first.map_or(1, char::len_utf8) && lead != b'.' {
            if let Some(prev) = tokens.last_mut() {
                // A punctuation token is one mark or a run of one mark, so its ends tell: its
                // first and last `len` bytes are those of the mark.
                let mark = &b[start..end];
                let same = prev.kind() == TokenKind::Punct
                    && b.get(prev.start()..prev.start() + len) == Some(mark)
                    && b.get(prev.end().wrapping_sub(len)..prev.end()) == Some(mark);
                if prev.end() == start && same {
                    prev.set_end(end);
                    continue;
                }
            }
        }
        // Split a possessive "'s" / "’s" off its word: "Norway’s" -> "Norway" "’s".
        if kind == TokenKind::Word && len > 3 {
            if let Some(stem) = text.get(start..end).and_then(possessive_stem) {
                if stem.chars().last().is_some_and(char::is_alphanumeric) {
                    let cut = start + stem.len();
                    push(&mut tokens, Token::new(Span::new(start, cut), kind));
                    push(&mut tokens, Token::new(Span::new(cut, end), TokenKind::Punct));
                    continue;
                }
            }
        }
        push(&mut tokens, Token::new(Span::new(start, end), kind));
    }
    tokens.shrink_to_fit();
    tokens
}

/// `word` less a final "'s", "’s", "'S" or "’S", if it ends so.
#[inline]
fn possessive_stem(word: &str) -> Option<&str> {
    let b = word.as_bytes();
    match b {
        [.., b'\'', b's' | b'S'] => word.get(..b.len() - 2),
        [.., 0xE2, 0x80, 0x99, b's' | b'S'] => word.get(..b.len() - 4),
        _ => None,
    }
}

/// The pieces of `text` between Unicode word boundaries (UAX #29), as their start and end
/// byte offsets, less those that start with white space (which are no tokens): the pieces of
/// `split_word_bound_indices` that start with no white space, faster for news text.
///
/// A *cut* is an ASCII space that follows an ASCII character other than a space. Every rule
/// of UAX #29 breaks at a cut (no rule joins anything but a space or an extending mark to
/// what stands before it), and no rule reads across one (the rules that look two characters
/// ahead or back look for letters and digits, and a space is neither), so the text between
/// two cuts has the same pieces alone as in the whole text.
///
/// Text made of ASCII and of the other characters [`known_class`] knows (the Latin letters of
/// U+00C0 to U+017F, curly quotes, dashes, the ellipsis and the no-break space) is cut by
/// [`piece_end`], which implements the rules for those classes; the stretch between the cut
/// before and the cut after any other character (an accent that combines, an emoji, a
/// Hebrew letter) is cut by `unicode-segmentation`.
fn word_pieces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    use wb::TABLE;
    let b = text.as_bytes();
    let mut pos = 0;
    // The next stretch for `unicode-segmentation`, from a cut (or the start) to a cut (or the end).
    let mut slow = slow_stretch(b, 0);
    let mut uni: Option<(usize, unicode_segmentation::UWordBoundIndices<'_>)> = None;
    // Where the text the fast path cuts ends: `slow.start`, or 0 while `uni` has pieces left
    // (one test a piece on the fast path).
    let mut fast_end = slow.start;
    std::iter::from_fn(move || loop {
        if pos < fast_end {
            // White space before `slow.start` stands alone or in a run of white space, a
            // piece that is no token: ASCII white space is skipped here, the no-break space below.
            while pos < fast_end && b[pos] <= b' ' && TABLE[b[pos] as usize] == wb::WHITE {
                pos += 1;
            }
            if pos >= fast_end {
                continue;
            }
            let (class, len) = known_class(b, pos);
            if class == wb::WHITE {
                pos += len;
                continue;
            }
            let start = pos;
            pos = piece_end(b, pos, class, len);
            return Some((start, pos));
        }
        if let Some((base, it)) = &mut uni {
            match it.next() {
                Some((i, piece)) => {
                    if piece.starts_with(char::is_whitespace) {
                        continue;
                    }
                    return Some((*base + i, *base + i + piece.len()));
                }
                None => {
                    uni = None;
                    fast_end = slow.start;
                    continue;
                }
            }
        }
        if pos >= b.len() {
            return None;
        }
        // `pos` is at the stretch's start: pieces never cross a cut, and the stretch starts at
        // one or where the last stretch ended.
        uni = text.get(slow.clone()).map(|s| (slow.start, s.split_word_bound_indices()));
        pos = slow.end;
        slow = slow_stretch(b, pos);
        fast_end = if uni.is_some() { 0 } else { slow.start };
    })
}

/// The stretch of `b` from the cut before (or `from`) to the cut after (or the end) the first
/// character at or after `from` that [`known_class`] does not know; `b.len()..b.len()` if
/// there is none. `from` must be a cut, the start, or the end of a stretch.
fn slow_stretch(b: &[u8], from: usize) -> Range<usize> {
    let is_cut = |i: usize| b[i] == b' ' && b[i - 1] != b' ' && b[i - 1].is_ascii();
    let mut k = from;
    while let Some(at) = first_non_ascii(b, k) {
        match known_class(b, at) {
            (wb::UNKNOWN, _) => {
                let start = (from + 1..=at).rev().find(|&i| is_cut(i)).unwrap_or(from);
                let end = (at + 1..b.len()).find(|&i| is_cut(i)).unwrap_or(b.len());
                return start..end;
            }
            (_, len) => k = at + len,
        }
    }
    b.len()..b.len()
}

/// Word break classes (UAX #29, WordBreakProperty) of ASCII characters and of the other
/// characters of news text that [`known_class`] knows.
mod wb {
    pub const OTHER: u8 = 0;
    /// White space: it stands alone or in a run of white space (WB3, WB3a, WB3b, WB3d).
    pub const WHITE: u8 = 1;
    /// Any character [`super::known_class`] does not know.
    pub const UNKNOWN: u8 = 2;
    pub const LETTER: u8 = 5;
    pub const NUMERIC: u8 = 6;
    /// `:`
    pub const MID_LETTER: u8 = 7;
    /// `,` and `;`
    pub const MID_NUM: u8 = 8;
    /// `.`, `'`, `‘` and `’` (MidNumLet and Single_Quote: the rules read both as MidNumLetQ).
    pub const MID_NUM_LET: u8 = 9;
    /// `_`
    pub const EXTEND_NUM_LET: u8 = 10;

    /// The class of every ASCII byte (bytes past ASCII are left to [`super::known_class`]).
    pub const TABLE: [u8; 128] = {
        let mut t = [OTHER; 128];
        let mut b = 0;
        while b < 128 {
            t[b] = of(b as u8);
            b += 1;
        }
        t
    };

    /// Whether a byte is an ASCII letter, digit or `_`.
    pub const WORD: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 128 {
            t[b] = matches!(of(b as u8), LETTER | NUMERIC | EXTEND_NUM_LET);
            b += 1;
        }
        t
    };

    const fn of(b: u8) -> u8 {
        match b {
            b'\r' | b'\n' | 0x0b | 0x0c | b' ' | b'\t' => WHITE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => NUMERIC,
            b':' => MID_LETTER,
            b',' | b';' => MID_NUM,
            b'.' | b'\'' => MID_NUM_LET,
            b'_' => EXTEND_NUM_LET,
            _ => OTHER,
        }
    }
}

/// The word break class of the character at `b[k..]` and its length in bytes: `(OTHER, 0)`
/// at the end, `UNKNOWN` for characters other than these:
///
/// * ASCII ([`wb::TABLE`]): white space (a tab is Other, but it stands alone all the same),
///   letters, digits, `:` `,` `;` `.` `'` `_` and Other;
/// * U+00C0 to U+017F but `×` and `÷`: ALetter ("ø", "é", "ł");
/// * `‘` `’` (U+2018, U+2019): MidNumLet;
/// * `“` `”` `–` `—` `…`: Other;
/// * the no-break space (U+00A0): Other, and white space: it stands alone.
///
/// `b` is the UTF-8 of a `str`, so a lead byte is followed by its continuation bytes.
#[inline]
fn known_class(b: &[u8], k: usize) -> (u8, usize) {
    use wb::*;
    match b.get(k) {
        None => (OTHER, 0),
        Some(&x) if x < 0x80 => (TABLE[x as usize], 1),
        Some(0xC3) => match b.get(k + 1) {
            Some(0x97 | 0xB7) => (OTHER, 2),
            _ => (LETTER, 2),
        },
        Some(0xC4 | 0xC5) => (LETTER, 2),
        Some(0xC2) if b.get(k + 1) == Some(&0xA0) => (WHITE, 2),
        Some(0xE2) if b.get(k + 1) == Some(&0x80) => match b.get(k + 2) {
            Some(0x98 | 0x99) => (MID_NUM_LET, 3),
            Some(0x93 | 0x94 | 0x9C | 0x9D | 0xA6) => (OTHER, 3),
            _ => (UNKNOWN, 3),
        },
        Some(_) => (UNKNOWN, 1),
    }
}

/// The end of the piece that starts at `start` with a character of `class` and `len` bytes,
/// in text that [`known_class`] knows up to the next cut (UAX #29 for those classes).
///
/// Letters, digits and `_` join each other (WB5, WB8 to WB10, WB13a, WB13b); a letter joins a
/// letter across `:`, `.` or an apostrophe (WB6, WB7), a digit a digit across `,`, `;`, `.` or
/// an apostrophe (WB11, WB12). White space never starts a piece here, and every other
/// character stands alone (WB999).
#[inline]
fn piece_end(b: &[u8], start: usize, class: u8, len: usize) -> usize {
    use wb::*;
    let mut j = start + len;
    if !matches!(class, LETTER | NUMERIC | EXTEND_NUM_LET) {
        return j;
    }
    let mut left = class;
    loop {
        // A run of ASCII letters, digits and `_` (most of news text) joins in a tight loop.
        let run = b.get(j..).map_or(0, |rest| rest.iter().position(|&x| !wb::WORD[x as usize]).unwrap_or(rest.len()));
        if run > 0 {
            j += run;
            left = b.get(j - 1).map_or(left, |&x| TABLE[x as usize & 127]);
        }
        let (r, n) = known_class(b, j);
        match r {
            LETTER | NUMERIC | EXTEND_NUM_LET => {
                left = r;
                j += n;
            }
            MID_LETTER | MID_NUM | MID_NUM_LET => {
                let (r2, n2) = known_class(b, j + n);
                let letters = left == LETTER && r2 == LETTER && r != MID_NUM;
                let digits = left == NUMERIC && r2 == NUMERIC && r != MID_LETTER;
                if !(letters || digits) {
                    return j;
                }
                left = r2;
                j += n + n2;
            }
            _ => return j,
        }
    }
}

/// Pushes `t`, growing `tokens` by a quarter at a time ([`crate::grow`]): a long document's
/// tokens are the largest per-token state the engine keeps.
fn push(tokens: &mut Vec<Token>, t: Token) {
    crate::grow::push(tokens, t, 256);
}

/// The kind of a token that starts with each ASCII byte, as [`kind_of`] tells it.
const ASCII_KINDS: [TokenKind; 128] = {
    let mut t = [TokenKind::Symbol; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            TokenKind::Word
        } else if c.is_ascii_digit() {
            TokenKind::Number
        } else if c.is_ascii_punctuation() && !matches!(c, b'$' | b'%' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~') {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        b += 1;
    }
    t
};

fn kind_of(first: char) -> TokenKind {
    // The marks past ASCII that `is_punct` knows are neither letters nor digits: asking them
    // first spares the Unicode tables for curly quotes and dashes.
    if !first.is_ascii() && is_punct(first) {
        return TokenKind::Punct;
    }
    if first.is_alphabetic() {
        TokenKind::Word
    } else if first.is_numeric() {
        TokenKind::Number
    } else if is_punct(first) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
        || matches!(c, '‘' | '’' | '“' | '”' | '«' | '»' | '„' | '‚' | '–' | '—' | '…' | '·' | '•' | '¡' | '¿')
}

/// Whether a word keeps a following period: abbreviations, initialisms and single capitals.
fn takes_period(word: &str) -> bool {
    if is_abbreviation(word) {
        return true;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => is_initialism(word),
    }
}

/// "U.S", "U.K", "e.g": single letters joined by periods.
fn is_initialism(word: &str) -> bool {
    let mut parts = 0;
    for p in word.split('.') {
        let mut chars = p.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() => parts += 1,
            _ => return false,
        }
    }
    parts >= 2
}

/// A quick "no" for a fixed list of words: per length in bytes (below `N`), the letters its
/// words of that length start with, in either case (bit `b & 31` of an ASCII letter `b`). A
/// word whose length and first letter no word of the list has is not in it, whatever its case,
/// without comparing it with each of them; any other answer must still be checked on the list.
pub(crate) struct FirstLetters<const N: usize>([u32; N]);

impl<const N: usize> FirstLetters<N> {
    /// The sketch of `words`, each shorter than `N` bytes and starting with an ASCII letter
    /// (checked when the constant is built).
    pub(crate) const fn of(words: &[&str]) -> Self {
        let mut out = [0u32; N];
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(w.len() < N && w[0].is_ascii_alphabetic());
            out[w.len()] |= 1 << (w[0] & 31);
            k += 1;
        }
        FirstLetters(out)
    }

    /// Whether a list word could be `word` (in some case); `false` means it is no list word.
    #[inline]
    pub(crate) fn may_hold(&self, word: &str) -> bool {
        let b = word.as_bytes();
        match b.first() {
            Some(&f) if b.len() < N && f.is_ascii_alphabetic() => self.0[b.len()] & (1 << (f & 31)) != 0,
            _ => false,
        }
    }
}

/// The lengths and first letters of the [`ABBREVIATIONS`] (at most 8 bytes long): most words
/// are no abbreviation by these two alone.
const ABBREVIATION_FIRSTS: FirstLetters<9> = FirstLetters::of(ABBREVIATIONS);

/// Whether `word` is one of the [`ABBREVIATIONS`] (case-sensitively).
fn is_abbreviation(word: &str) -> bool {
    ABBREVIATION_FIRSTS.may_hold(word) && ABBREVIATIONS.contains(&word)
}

/// Paragraph spans: text between blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0; // end of the last non-blank line
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(trim(text, Span::new(s, last_end)));
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            last_end = pos + line.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(trim(text, Span::new(s, last_end)));
    }
    out
}

/// The span without leading and trailing white space.
pub fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start(), span.start());
    }
    Span::new(span.start() + lead, span.end() - trail)
}

fn sentences(text: &str, tokens: &[Token], paragraphs: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut t = 0;
    for (p, para) in paragraphs.iter().enumerate() {
        while t < tokens.len() && tokens[t].end() <= para.start() {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].start() < para.end() {
            t += 1;
        }
        split_paragraph(text, tokens, first..t, p, &mut out);
    }
    out
}

/// Splits the tokens of one paragraph into sentences.
fn split_paragraph(text: &str, tokens: &[Token], range: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let tok = tokens[i];
        let mut boundary_after = None; // index of the last token of the sentence
        // Only a token whose last byte is that of `.`, `!`, `?` or `…` (E2 80 A6) can be a stop
        // or an initialism: most tokens skip the comparisons below.
        let last = bytes.get(tok.end().wrapping_sub(1));
        let word = if matches!(last, Some(b'.' | b'!' | b'?' | 0xA6)) { tok.span().of(text) } else { "" };
        let stop = matches!(word, "." | "!" | "?" | "…" | "...");
        if stop || word.ends_with('.') && is_initialism(word.trim_end_matches('.')) {
            // Take closing quotes and brackets along.
            let mut j = i;
            while j + 1 < range.end && tokens[j + 1].start() == tokens[j].end() && is_closer(tokens[j + 1].span().of(text)) {
                j += 1;
            }
            if j + 1 >= range.end {
                boundary_after = Some(j);
            } else {
                let next = tokens[j + 1];
                let gap = &text[tokens[j].end()..next.start()];
                let next_word = next.span().of(text);
                let opens = can_open_sentence(next_word);
                let initialism = word != "." && !matches!(word, "!" | "?" | "…" | "...");
                if !gap.is_empty() && opens && (!initialism || SENTENCE_OPENERS.contains(&next_word)) {
                    boundary_after = Some(j);
                }
            }
        }
        // A line break inside the paragraph ends the sentence unless the next line goes on in
        // lower case.
        if boundary_after.is_none() && i + 1 < range.end {
            // (Most gaps are one space or none: their length and byte tell, without a slice
            // and the memchr of `contains`.)
            let (a, z) = (tok.end(), tokens[i + 1].start());
            let line_break = match z.saturating_sub(a) {
                0 => false,
                1 => bytes.get(a) == Some(&b'\n'),
                _ => bytes.get(a..z).is_some_and(|gap| gap.contains(&b'\n')),
            };
            if line_break {
                let next_first = tokens[i + 1].span().of(text).chars().next().unwrap_or(' ');
                if !next_first.is_lowercase() {
                    boundary_after = Some(i);
                }
            }
        }
        match boundary_after {
            Some(j) => {
                out.push(make_sentence(text, tokens, start..j + 1, paragraph));
                start = j + 1;
                i = j + 1;
            }
            None => i += 1,
        }
    }
    if start < range.end {
        out.push(make_sentence(text, tokens, start..range.end, paragraph));
    }
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn can_open_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '-')
    }) || !word.chars().next().is_some_and(char::is_alphabetic) && !word.starts_with([',', ';', ':'])
}

fn make_sentence(text: &str, tokens: &[Token], range: Range<usize>, paragraph: usize) -> Sentence {
    let span = Span::new(tokens[range.start].start(), tokens[range.end - 1].end());
    let kind = classify(text, &tokens[range.clone()]);
    Sentence { span, tokens: range, paragraph, kind }
}

/// Photo agencies whose name at the end of a short line marks a credit.
const AGENCIES: &[&str] = &["AFP", "AP", "Reuters", "Getty", "Images", "EPA", "Sputnik", "TASS", "Xinhua", "Bloomberg", "Shutterstock", "Alamy", "ANP", "DPA", "dpa", "Anadolu", "NTB", "Scanpix", "Pool", "PA"];

fn classify(text: &str, tokens: &[Token]) -> SentenceKind {
    let last = tokens.last().map(|t| t.span().of(text)).unwrap_or("");
    let terminal = matches!(last, "." | "!" | "?" | "…" | "\"" | "”" | "’" | "'" | ":" | ")" | "...") || last.ends_with('.');
    // The words, as far as the rules below look: the first, the last, and up to 21 of them.
    let is_word = |t: &&Token| t.kind() == TokenKind::Word;
    let first = tokens.iter().find(is_word).map_or("", |t| t.span().of(text));
    let count = tokens.iter().filter(is_word).take(21).count();
    let all_capitalised = || {
        tokens.iter().filter(|t| t.kind() == TokenKind::Word).all(|t| t.span().of(text).chars().next().is_some_and(|c| c.is_uppercase()))
    };
    if matches!(first, "Photo" | "Photograph" | "Credit" | "Image" | "Picture") && tokens.len() <= 16 {
        let second = tokens.get(1).map(|t| t.span().of(text)).unwrap_or("");
        if matches!(second, ":" | "by") {
            return SentenceKind::Credit;
        }
    }
    if !terminal && count <= 8 && count > 0 {
        let slash = tokens.iter().any(|t| t.span().of(text) == "/");
        let last_word = tokens.iter().rev().find(is_word).map_or("", |t| t.span().of(text));
        let agency = AGENCIES.contains(&last_word);
        if all_capitalised() && (slash || agency) {
            return SentenceKind::Credit;
        }
    }
    if !terminal && count <= 20 {
        return SentenceKind::Heading;
    }
    SentenceKind::Body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_their_kind_and_offsets_up_to_the_limit() {
        let text = "Norway’s $118.5 billion budget rose 61%!!! (Reuters)";
        let got: Vec<(&str, TokenKind)> = tokenize(text).iter().map(|t| (t.span().of(text), t.kind())).collect();
        use TokenKind::*;
        let want = [("Norway", Word), ("’s", Punct), ("$", Symbol), ("118.5", Number), ("billion", Word), ("budget", Word), ("rose", Word), ("61", Number), ("%", Symbol), ("!!!", Punct), ("(", Punct), ("Reuters", Word), (")", Punct)];
        assert_eq!(got, want);
        for kind in [Word, Number, Punct, Symbol] {
            let mut t = Token::new(Span::new(7, Token::MAX_OFFSET), kind);
            assert_eq!((t.start(), t.end(), t.kind()), (7, Token::MAX_OFFSET, kind));
            t.set_end(Token::MAX_OFFSET + 5);
            assert_eq!((t.end(), t.kind()), (Token::MAX_OFFSET, kind));
            t.set_end(12);
            assert_eq!((t.span(), t.kind()), (Span::new(7, 12), kind));
        }
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        segment(text).sentences.iter().map(|s| s.span.of(text)).collect()
    }

    fn token_texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span().of(text)).collect()
    }

    /// The pieces of `split_word_bound_indices` that start with no white space.
    fn unicode_pieces(t: &str) -> Vec<(usize, &str)> {
        t.split_word_bound_indices().filter(|(_, p)| !p.starts_with(char::is_whitespace)).collect()
    }

    /// Every string of up to `n` characters from `alphabet`.
    fn strings(alphabet: &[&str], n: usize) -> Vec<String> {
        let mut texts: Vec<String> = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..n {
            texts = texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            all.extend(texts.iter().cloned());
        }
        all
    }

    #[test]
    fn word_pieces_are_unicode_word_bounds() {
        // Every string of up to four characters from one of each class (and some that are
        // not ASCII), of up to three with more that are not, and some longer ones.
        let alphabet = ["a", "Z", "1", ".", "'", ":", ",", ";", "_", " ", "\t", "\r", "\n", "\u{b}", "\"", "-", "é", "’", "\u{301}", "😀", "\u{200d}"];
        let more = ["a", "1", ".", "'", ",", ":", "_", " ", "\n", "-", "ø", "’", "‘", "“", "”", "–", "—", "…", "\u{a0}", "×", "Ł", "·", "\u{ad}", "\u{301}", "ש", "\""];
        let mut all = strings(&alphabet, 4);
        all.extend(strings(&more, 3));
        all.push("Norway’s $118.5 billion, 61% of U.S. aid (e.g. 3,000.5 km) a_b 2_x x:y ‘90s  café \r\n\r\n end.".to_owned());
        all.push("“Focus,” Stensønes said — the ‘West’… \u{a0}x Zürich’s 1’000 a\u{301}b. Ok 😀 done, Łódź".to_owned());
        for t in &all {
            let got: Vec<(usize, &str)> = word_pieces(t).map(|(a, b)| (a, &t[a..b])).collect();
            assert_eq!(got, unicode_pieces(t), "{t:?}");
        }
    }

    #[test]
    fn known_classes_are_the_unicode_classes() {
        // Each character `known_class` knows, between and beside letters, digits and the
        // marks the rules read, cuts as `unicode-segmentation` cuts.
        let around = ["a", "1", ".", "'", ",", ":", "_", " ", "-"];
        for c in ('\u{80}'..='\u{2fff}').filter(|&c| known_class(c.to_string().as_bytes(), 0).0 != wb::UNKNOWN) {
            let c = c.to_string();
            let mut alphabet = around.to_vec();
            alphabet.push(&c);
            for t in strings(&alphabet, 3).iter().filter(|t| t.contains(c.as_str())) {
                let got: Vec<(usize, &str)> = word_pieces(t).map(|(a, b)| (a, &t[a..b])).collect();
                assert_eq!(got, unicode_pieces(t), "{t:?}");
            }
        }
    }

    #[test]
    fn ascii_kinds_are_the_kinds_of_ascii() {
        for b in 0..128u8 {
            assert_eq!(ASCII_KINDS[b as usize], kind_of(b as char), "{b}");
        }
    }

    #[test]
    fn tokens_keep_abbreviations() {
        assert_eq!(token_texts("the U.S. and N. Korea on Feb. 24"), ["the", "U.S.", "and", "N.", "Korea", "on", "Feb.", "24"]);
        assert_eq!(token_texts("Norway’s $118.5 billion, 61%"), ["Norway", "’s", "$", "118.5", "billion", ",", "61", "%"]);
        assert_eq!(token_texts("Shahed-136"), ["Shahed", "-", "136"]);
        assert_eq!(token_texts("((( -- ... !!"), ["(((", "--", ".", ".", ".", "!!"]);
    }

    #[test]
    fn sentences_survive_news() {
        let text = "Russian President Vladimir Putin. Mikhail Klimentiev/Sputnik AFP\n\nHe met Gen. Smith on Feb. 24 in the U.S. capital. “It works,” he said. The end";
        assert_eq!(
            sentence_texts(text),
            ["Russian President Vladimir Putin.", "Mikhail Klimentiev/Sputnik AFP", "He met Gen. Smith on Feb. 24 in the U.S. capital.", "“It works,” he said.", "The end"]
        );
        let s = segment(text);
        assert_eq!(s.sentences[1].kind, SentenceKind::Credit);
        assert_eq!(s.sentences[0].kind, SentenceKind::Body);
        assert_eq!(s.sentences[4].kind, SentenceKind::Heading);
        assert_eq!(s.paragraphs.len(), 2);
    }

    #[test]
    fn initialism_before_an_opener_ends_a_sentence() {
        assert_eq!(sentence_texts("Aid came from the U.S. The war goes on."), ["Aid came from the U.S.", "The war goes on."]);
    }

    #[test]
    fn headline_lines_are_their_own_sentences() {
        let text = "Allies giving Russia advantage: Norway\nRussia is starting to gain.";
        let s = segment(text);
        assert_eq!(s.sentences.len(), 2);
        assert_eq!(s.sentences[0].kind, SentenceKind::Heading);
    }
}
