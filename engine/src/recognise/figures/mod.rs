//! Figures: MONEY, PERCENT, QUANTITY and DATE with normalised values.
//!
//! The recogniser works on the tokens of [`crate::segment`], read through a small view
//! ([`Ctx`]) that knows each token's lower-cased form, whether white space precedes it and
//! whether it lies inside an identifier ([`guard`]). One submodule per kind proposes figures:
//!
//! * [`number`]: digits ("1,000", "118.5", "48bn"), number words ("twenty-five", "a third"),
//!   scale words ("million", "bn"), vague amounts ("millions of");
//! * [`money`]: symbols, codes and currency words around a number, and ranges;
//! * [`percent`]: "61%", "61 percent", "per cent", "percentage points";
//! * [`quantity`]: a number and what it counts, fractions and multipliers;
//! * [`measure`]: units of measure, ages and temperatures after a number;
//! * [`ranges`]: number ranges and comparisons (for evaluation);
//! * [`durations`]: durations and offsets from a point ("within 9 months", "in 2 weeks",
//!   "three weeks from tomorrow"), as DATE figures;
//! * [`dates`]: absolute, relative (resolved against the publication date), periods, open
//!   ranges and durations (the anchoring rules are in `DESIGN-figures.md`).
//!
//! Each kind may propose overlapping readings; [`recognise`] keeps the longest (one candidate
//! per figure). Every scan is a single pass over the tokens with a bounded look-ahead, so the
//! recogniser stays linear in the length of the text.

pub mod class;
pub mod context;
pub mod dates;
pub mod durations;
pub mod guard;
pub mod measure;
pub mod money;
pub mod number;
pub mod percent;
pub mod quantity;
pub mod ranges;
pub mod times;

use super::{Candidate, Source, What};
use crate::segment::{self, Segments, Token, TokenKind};
use crate::{Date, Figure, FigureKind, Span};

/// A token as the figure recognisers see it.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    /// Its text.
    pub s: &'a str,
    /// Its text, lower-cased: the text itself where it already is, else a copy in the buffer
    /// the [`Ctx`] was given.
    pub l: &'a str,
    /// What it is made of.
    pub kind: TokenKind,
    /// Whether white space (or the start of the text) precedes it.
    pub gap: bool,
    /// Whether it lies inside an identifier, URL, e-mail, phone number or ISBN ([`guard`]).
    pub blocked: bool,
    /// Its word classes ([`class`]).
    pub class: u16,
    /// The month it names ([`crate::date::month_from_name`] of a word), 0 for none.
    pub month: u8,
    /// Whether it holds an ASCII digit.
    pub digit: bool,
    /// Where a number may start at it ([`Ctx::may_number`]), its place among such tokens,
    /// which is where [`number::parse`] keeps what it read there; [`NO_NUMBER`] elsewhere.
    pub num: u32,
}

/// [`Tok::num`] of a token no number starts at.
pub const NO_NUMBER: u32 = u32::MAX;

/// The tokens of a text with what the recognisers need to know about them.
#[derive(Clone, Debug)]
pub struct Ctx<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub t: Vec<Tok<'a>>,
    /// The publication date relative dates resolve against.
    pub published: Option<Date>,
    /// [`number::parse`] and [`number::parse_raw`] of each token a number may start at (by
    /// [`Tok::num`]), filled in as the recognisers ask (every kind reads the numbers, most of
    /// them at every token). One pair of slots for each such token, not for every token: a slot
    /// is 32 bytes and most tokens start no number, so a vector for all of them filled a
    /// cache's worth of zeros. The two readings of a token share its 64 bytes (one cache line
    /// where the allocation is aligned so), and a look-up is a load, with no borrow flag to
    /// set and clear as a `RefCell` has.
    nums: Vec<[std::cell::Cell<Option<Option<number::Num>>>; 2]>,
    /// One bit per token (bit `i % 64` of word `i / 64`), set where some recogniser of the
    /// page ([`all`]) may open a figure; [`Ctx::next_loud`] hops over the others (the quiet
    /// tokens) without reading them, so that each recogniser's scan touches a bit per token
    /// and the loud tokens instead of every token's view. A token is quiet with no digit, no
    /// number token, no class but [`class::DATE_WORD`] (which no recogniser reads), no month,
    /// not before a "$" (a prefix, "US $"), not a "." before a number (".5"), not a
    /// currency symbol ([`money`]'s: quotation marks and other tokens outside ASCII are quiet
    /// like words), not three or four letters with a capital (a currency code, "MUSD").
    /// Elsewhere a "." opens nothing: [`number::parse`] reads nothing there, and every other
    /// reading opens with a digit, a word or a symbol.
    loud: Vec<u64>,
}

impl<'a> Ctx<'a> {
    /// The view of `tokens` of `text`; `lower` (cleared first) receives the lower-cased copies
    /// of the tokens that are not lower-case already.
    pub fn new(text: &'a str, tokens: &[Token], published: Option<Date>, lower: &'a mut String) -> Ctx<'a> {
        Ctx::after(text, tokens, 0, published, lower)
    }

    /// The view of `tokens` of `text`, a part of the text's tokens that follows a token ending
    /// at byte `prev_end` (0 for the first), as [`Ctx::new`].
    fn after(text: &'a str, tokens: &[Token], mut prev_end: usize, published: Option<Date>, lower: &'a mut String) -> Ctx<'a> {
        let mut t: Vec<Tok<'a>> = Vec::with_capacity(tokens.len());
        // (token, start, end) of each lower-cased copy in `lower`: one buffer for them all
        // instead of a string each; the tokens take their copies once it is complete.
        let mut copies: Vec<(usize, usize, usize)> = Vec::new();
        let mut loud = vec![0u64; tokens.len().div_ceil(64)];
        let mut numbered = 0;
        // The chunks (runs of tokens without white space between) [`guard::mark`] reads: those
        // with a digit, an "@" or a ":", or opening with "#", "www." or "isbn"; noted here, as
        // each token is read, so that it need not read every token's view again.
        let mut odd_chunks: Vec<(u32, u32)> = Vec::new();
        let (mut chunk, mut odd_chunk) = (0, false);
        lower.clear();
        for tok in tokens {
            let s = tok.span().of(text);
            // One pass over the bytes: capitals, anything outside ASCII, digits, "@" and ":".
            let seen = s.bytes().fold(0, |seen, b| seen | BYTE[usize::from(b)]);
            let (upper, wide, digit, odd) = (seen & UPPER != 0, seen & WIDE != 0, seen & DIGIT != 0, seen & ODD != 0);
            // Most tokens are lower-case already: no copy for them (nor for quotation marks and
            // dashes, whose every character lower-cases to itself).
            let copy = match (upper, wide) {
                (false, false) => None,
                (true, false) => {
                    let a = lower.len();
                    lower.push_str(s);
                    lower[a..].make_ascii_lowercase();
                    Some(a)
                }
                (_, true) if s.chars().all(lower_already) => None,
                (_, true) => {
                    let a = lower.len();
                    lower.push_str(&s.to_lowercase());
                    Some(a)
                }
            };
            let l = copy.map_or(s, |a| &lower[a..]);
            let kind = tok.kind();
            let word = kind == TokenKind::Word;
            let number = kind == TokenKind::Number;
            // No class word or month name holds a digit.
            let class = if digit { 0 } else { class::of(l) };
            if let Some(a) = copy {
                copies.push((t.len(), a, lower.len()));
            }
            let quiet = !digit
                && !number
                && class & !class::DATE_WORD == 0
                && s.as_bytes().first().is_some_and(|b| b.is_ascii() || money::symbol(s).is_none())
                && s != "$"
                && !(upper && (3..=4).contains(&s.len()));
            let k = t.len();
            let gap = tok.start() == 0 || tok.start() > prev_end;
            if gap && k > 0 {
                if odd_chunk {
                    odd_chunks.push((chunk as u32, k as u32));
                }
                chunk = k;
                odd_chunk = false;
            }
            // A chunk opening with "#", "www." or "isbn" ([`guard::odd_opening`]): its first
            // byte says no for most.
            odd_chunk |= digit || odd || k == chunk && s.bytes().next().is_some_and(|b| BYTE[usize::from(b)] & OPENING != 0) && guard::odd_opening(s, l);
            // Where a number may start ([`Ctx::may_number`]): digits, a word of
            // [`class::NUM_START`], or a "." (before digits).
            let may_number = number || if word { class & class::NUM_START != 0 } else { s == "." };
            let num = if may_number {
                numbered += 1;
                (numbered - 1) as u32
            } else {
                NO_NUMBER
            };
            // A "$" makes the token before it loud, and so does a number glued after a "."
            // that follows white space (".5", [`number`]'s leading point: the one reading that
            // opens with a stop).
            if k > 0 && (s == "$" || number && !gap && t[k - 1].gap && t[k - 1].s == ".") {
                loud[(k - 1) / 64] |= 1 << ((k - 1) % 64);
            }
            loud[k / 64] |= u64::from(!quiet) << (k % 64);
            t.push(Tok {
                s,
                class: class & !class::MONTH,
                // As `month_from_name(s)`: months are ASCII, so `l` is `s` lower-cased letter by
                // letter wherever one is named.
                month: if word { class::month(class) } else { 0 },
                digit,
                num,
                // Its copy's place in `lower` is known, but not yet where `lower` will lie.
                l: s,
                kind,
                gap,
                blocked: false,
            });
            prev_end = tok.end();
        }
        if odd_chunk {
            odd_chunks.push((chunk as u32, t.len() as u32));
        }
        let lower: &'a str = lower;
        for (k, a, b) in copies {
            t[k].l = &lower[a..b];
        }
        let mut ctx = Ctx { text, t, published, nums: (0..numbered).map(|_| Default::default()).collect(), loud };
        guard::mark(&mut ctx, &odd_chunks);
        ctx
    }

    /// The first token at or after `i` that is not quiet (by the `loud` bits), or the number of
    /// tokens where none is.
    pub fn next_loud(&self, i: usize) -> usize {
        let n = self.t.len();
        let mut w = i / 64;
        let Some(&first) = self.loud.get(w) else {
            return n;
        };
        let mut bits = first & (!0u64 << (i % 64));
        while bits == 0 {
            w += 1;
            match self.loud.get(w) {
                Some(&b) => bits = b,
                None => return n,
            }
        }
        w * 64 + bits.trailing_zeros() as usize
    }

    /// The lower-cased text of token `i`, or "" past the end.
    pub fn l(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.l)
    }

    /// Whether token `i` is (case-insensitively) `word`.
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.l(i) == word
    }

    /// Whether token `i` is one of `words`.
    pub fn any(&self, i: usize, words: &[&str]) -> bool {
        let l = self.l(i);
        !l.is_empty() && words.contains(&l)
    }

    /// Whether token `i` may start a number at all ([`number::parse_raw`] reads nothing
    /// elsewhere): digits, a word of [`class::NUM_START`], or a "." before digits.
    pub fn may_number(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.num != NO_NUMBER)
    }

    /// Whether token `i` directly follows token `i - 1` (no white space between).
    pub fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.gap)
    }

    /// The span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.start(a), self.end(b - 1))
    }

    /// Where token `i` stands. Its text is a slice of the text, so its place is read off the
    /// slice: a token's view keeps no span (8 bytes less a token, 48 in all, so that the
    /// views of a window touch a seventh fewer cache lines).
    pub fn tok_span(&self, i: usize) -> Span {
        Span::new(self.start(i), self.end(i))
    }

    /// The byte where token `i` starts.
    fn start(&self, i: usize) -> usize {
        self.t[i].s.as_ptr() as usize - self.text.as_ptr() as usize
    }

    /// The byte where token `i` ends.
    fn end(&self, i: usize) -> usize {
        self.start(i) + self.t[i].s.len()
    }

    /// `span` without a last stop that ends its sentence (the text after it is empty or starts
    /// with a capital): the stop of an abbreviation ending a figure ("second of Aug.", "at 10
    /// a.m.") is the sentence's, not the figure's.
    pub fn without_sentence_stop(&self, span: Span) -> Span {
        let text = span.of(self.text);
        let rest = self.text[span.end()..].trim_start();
        if text.ends_with('.') && text.len() > 1 && (rest.is_empty() || rest.starts_with(char::is_uppercase)) {
            return span.with_end(span.end() - 1);
        }
        span
    }

    /// Whether token `i` is a word starting with an upper-case letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokenKind::Word && t.s.chars().next().is_some_and(char::is_uppercase))
    }

    /// Whether token `i` ends a sentence-like stretch (".", "!", "?", ";", ":").
    pub fn stop(&self, i: usize) -> bool {
        self.any(i, &[".", "!", "?", ";", "…"])
    }
}

/// [`BYTE`]: an ASCII capital.
const UPPER: u8 = 1;
/// [`BYTE`]: a byte outside ASCII.
const WIDE: u8 = 2;
/// [`BYTE`]: an ASCII digit.
const DIGIT: u8 = 4;
/// [`BYTE`]: "@" or ":" (what [`guard`] looks for in a chunk besides digits).
const ODD: u8 = 8;

/// [`BYTE`]: "#", "w", "W", "i" or "I", the first byte of a token [`guard::odd_opening`] may
/// hold for ("İ" lower-cases to "i" and a combining dot, never to "isbn").
const OPENING: u8 = 16;

/// What [`Ctx`] notes of each byte of a token: one look-up a byte instead of four tests.
static BYTE: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = if x.is_ascii_uppercase() {
            UPPER
        } else if x >= 0x80 {
            WIDE
        } else if x.is_ascii_digit() {
            DIGIT
        } else if x == b'@' || x == b':' {
            ODD
        } else {
            0
        } | if matches!(x, b'#' | b'w' | b'W' | b'i' | b'I') { OPENING } else { 0 };
        b += 1;
    }
    t
};

/// Whether `ch` lower-cases to itself alone (then a text of such characters is its own
/// [`str::to_lowercase`]: the final-sigma rule there concerns only "Σ", which does not).
fn lower_already(ch: char) -> bool {
    if ch.is_ascii() {
        return !ch.is_ascii_uppercase();
    }
    let mut l = ch.to_lowercase();
    l.next() == Some(ch) && l.next().is_none()
}

/// A figure found by one of the per-kind recognisers, before the sentence is known.
fn figure(kind: FigureKind, span: Span, value: Option<f64>, unit: Option<String>, iso: Option<String>) -> Figure {
    Figure::new(kind, span, value, unit.as_deref(), iso.as_deref())
}

/// Adds the figure candidates of the document to `out`: one per figure, the longest reading.
///
/// The tokens are read in windows of at most [`WINDOW`] tokens that end at paragraph ends
/// where they can ([`Segments::windows`]), so that the per-token view stays small however long
/// the document.
pub fn recognise(text: &str, segments: &Segments, published: Option<Date>, out: &mut Vec<Candidate>) {
    for f in document(text, segments, published) {
        out.push(Candidate { span: f.span, what: What::Figure(Box::new(f)), score: 1.0, source: Source::Figures });
    }
}

/// The figures [`recognise`] proposes, in text order.
pub fn document(text: &str, segments: &Segments, published: Option<Date>) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut lower = String::new();
    for w in segments.windows(text, WINDOW) {
        let prev_end = w.start.checked_sub(1).map_or(0, |p| segments.tokens[p].end());
        let ctx = Ctx::after(text, &segments.tokens[w], prev_end, published, &mut lower);
        let found = all(&ctx);
        if out.capacity() - out.len() < found.len() {
            // A quarter more at a time: the figures are the largest thing a document's
            // analysis keeps.
            out.reserve_exact(found.len().max(out.capacity() / 4));
        }
        out.extend(found);
    }
    // Give the growth slack back before `resolve` works beside them (crammed figures: 1x the
    // input).
    out.shrink_to_fit();
    out
}

/// The most tokens [`recognise`] views at once.
pub const WINDOW: usize = 4096;

/// Every figure of `ctx`, non-overlapping, in text order (longer readings win).
fn all(ctx: &Ctx) -> Vec<Figure> {
    let mut found = Vec::new();
    money::find(ctx, &mut found);
    percent::find(ctx, &mut found);
    // Durations first: where both read the same words, the duration module's reading wins.
    durations::find(ctx, &mut found);
    dates::find(ctx, &mut found);
    times::find(ctx, &mut found);
    quantity::find(ctx, &mut found, quantity::Mode::Page);
    longest(ctx.text, found)
}

/// Keeps the longest of overlapping figures (earlier kinds win ties), in text order.
///
/// `resolve::choose` works on the stretch of `text` the figures cover, not the whole text: it
/// keeps a bitmap of its text's bytes, which for a window of a long document would cost the
/// whole document's length per window. The choice is the same: spans shift by the stretch's
/// start, which is a char boundary (else the whole text is used), so their lengths in
/// characters, their order and which of them lie on char boundaries or overlap stay as they
/// were; a span reaching past the text reaches past the stretch too.
fn longest(text: &str, mut found: Vec<Figure>) -> Vec<Figure> {
    let lo = found.iter().map(|f| f.span.start()).min().unwrap_or(0);
    let hi = found.iter().map(|f| f.span.end()).max().unwrap_or(0).min(text.len());
    let (lo, part) = match text.get(lo..hi) {
        Some(part) if lo <= hi => (lo, part),
        _ => (0, text),
    };
    let items: Vec<crate::resolve::Item> = found
        .iter()
        .enumerate()
        .map(|(i, f)| crate::resolve::Item {
            span: Span::new(f.span.start() - lo, f.span.end().saturating_sub(lo)),
            // Earlier proposals win ties: a tiny score penalty by order keeps the choice
            // deterministic.
            score: 1.0 - (i as f32 * 1e-7).min(1e-3),
            rank: 0,
        })
        .collect();
    let keep = crate::resolve::choose(part, &items);
    let mut k = keep.iter();
    found.retain(|_| k.next().copied().unwrap_or(false));
    found.sort_unstable_by_key(|f| (f.span.start(), f.span.end())); // kept spans are distinct
    found
}

fn ctx_of<'a>(text: &'a str, published: Option<Date>, lower: &'a mut String) -> Ctx<'a> {
    Ctx::new(text, &segment::tokenize(text), published, lower)
}

/// All figures of `text`, as [`recognise`] proposes them (non-overlapping, text order).
pub fn figures(text: &str, published: Option<Date>) -> Vec<Figure> {
    all(&ctx_of(text, published, &mut String::new()))
}

/// The MONEY figures of `text` alone (for per-kind evaluation).
pub fn money(text: &str) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, None, &mut lower);
    let mut out = Vec::new();
    money::find(&ctx, &mut out);
    longest(text, out)
}

/// The PERCENT figures of `text` alone, with the percent words that stand without a number
/// ([`percent::alone`]; for per-kind evaluation).
pub fn percent(text: &str) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, None, &mut lower);
    let mut out = Vec::new();
    percent::find(&ctx, &mut out);
    let mut alone = Vec::new();
    percent::alone(&ctx, &out, &mut alone);
    out.extend(alone);
    longest(text, out)
}

/// The QUANTITY figures of `text` alone, every number included, even bare number words
/// (for per-kind evaluation; the page shows only numbers that count something or stand as
/// digits).
pub fn quantity(text: &str) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, None, &mut lower);
    let mut out = Vec::new();
    quantity::find(&ctx, &mut out, quantity::Mode::All);
    longest(text, out)
}

/// Every number of `text` on its own, as QUANTITY figures without a unit: digits, number
/// words, scale words, fractions, a leading minus (for per-kind evaluation against number
/// models; ordinals and vague amounts are left out). Read the way Recognizers-Text's number
/// model reads them, which the page does not: a scale letter standing apart ("2.33 k",
/// "1,674.5 G", "10G"), a minus opening the text apart from its number ("- 1 4/5"), a decimal
/// comma ("1,3", "1.111,11"), numbers listed with commas alone ("22,24,26,31"), and no
/// "1m" (a metre as much as a million).
pub fn numbers(text: &str) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, None, &mut lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ctx.t.len() {
        let t = &ctx.t[i];
        if t.kind == TokenKind::Number && number::digits(t.s).is_some_and(|(_, rest)| rest == "m") {
            i += 1;
            continue;
        }
        match number::parse(&ctx, i).filter(|n| !n.ordinal && !n.decade && n.value.is_some()) {
            Some(n) => {
                let mut start = i;
                let mut end = n.end;
                let mut v = n.value.unwrap_or(0.0);
                if t.kind == TokenKind::Number && !n.scaled && !n.fraction {
                    if let Some(s) = letter_scale(&ctx, end) {
                        v *= s;
                        end += 1;
                    }
                }
                let minus_sign = i > 0 && ctx.any(i - 1, &["-", "−", "–"]) && (ctx.glued(i) && ctx.t[i - 1].gap || i == 1);
                if minus_sign || (i > 0 && ctx.any(i - 1, &["minus", "negative"])) {
                    start = i - 1;
                    v = -v;
                }
                out.push(figure(FigureKind::Quantity, ctx.span(start, end), Some(v), None, None));
                i = end.max(i + 1);
            }
            None => {
                if t.kind == TokenKind::Number && !t.blocked {
                    for (span, v) in other_digits(t.s, ctx.start(i)) {
                        out.push(figure(FigureKind::Quantity, span, Some(v), None, None));
                    }
                }
                i += 1;
            }
        }
    }
    out
}

/// A scale letter standing alone at token `k` ("k", "M", "G") and ending the number.
fn letter_scale(ctx: &Ctx, k: usize) -> Option<f64> {
    let t = ctx.t.get(k)?;
    let s = match t.s {
        "k" | "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        _ => return None,
    };
    let ends = ctx.t.get(k + 1).is_none_or(|n| !matches!(n.kind, TokenKind::Word | TokenKind::Number));
    ends.then_some(s)
}

/// Digits the ordinary reading leaves out, as Recognizers-Text reads them: "10G" (giga),
/// "1.111,11" and "1,3" (decimal commas), "22,24,26,31" (a list); each with its byte span
/// (the token starts at `at`).
fn other_digits(s: &str, at: usize) -> Vec<(Span, f64)> {
    let all_digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let whole = Span::new(at, at + s.len());
    if let Some((v, rest)) = number::digits(s) {
        if rest.eq_ignore_ascii_case("g") {
            return vec![(whole, v * 1e9)];
        }
    }
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        return Vec::new();
    }
    if let Some((int, frac)) = s.split_once(',') {
        let groups: Vec<&str> = int.split('.').collect();
        let european = groups.len() > 1 && (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3) && groups.iter().all(|g| all_digits(g));
        let short = groups.len() == 1 && all_digits(int) && (1..=2).contains(&frac.len());
        if (european || short) && all_digits(frac) {
            if let Ok(v) = format!("{}.{frac}", groups.concat()).parse::<f64>() {
                return vec![(whole, v)];
            }
        }
    }
    let pieces: Vec<&str> = s.split(',').collect();
    if pieces.len() > 2 && pieces.iter().all(|p| all_digits(p) && p.len() <= 3) {
        let mut out = Vec::new();
        let mut pos = at;
        for p in pieces {
            if let Ok(v) = p.parse::<f64>() {
                out.push((Span::new(pos, pos + p.len()), v));
            }
            pos += p.len() + 1;
        }
        return out;
    }
    Vec::new()
}

/// The number ranges of `text` ("between 20 and 30", "more than 40", "up to 700") as QUANTITY
/// figures whose `iso` holds the interval in Recognizers-Text's notation ("[20,30)", "(40,)"),
/// for per-kind evaluation; the page does not show them apart from their numbers.
pub fn number_ranges(text: &str) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, None, &mut lower);
    let mut out = Vec::new();
    ranges::find(&ctx, &mut out);
    longest(text, out)
}

/// The QUANTITY figures of `text` that have a unit of measure ("1.6 km", "98.6 degrees
/// fahrenheit", "five years old"), for per-kind evaluation against dimension, temperature and
/// age models. Their `iso` holds what the unit measures and its canonical name
/// ("dimension:Kilometer", "temperature:F", "age:Year"); units named without a number
/// ("convert 10 celsius to fahrenheit") are reported too, without a value. The page reads
/// the same units but leaves `iso` empty and bare units out.
pub fn measures(text: &str) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, None, &mut lower);
    let mut out = Vec::new();
    quantity::find(&ctx, &mut out, quantity::Mode::Measures);
    longest(text, out)
}

/// The DATE figures of `text` alone, resolved against `published` (for per-kind evaluation).
pub fn dates(text: &str, published: Option<Date>) -> Vec<Figure> {
    let mut lower = String::new();
    let ctx = ctx_of(text, published, &mut lower);
    let mut out = Vec::new();
    durations::find(&ctx, &mut out);
    dates::find(&ctx, &mut out);
    times::find(&ctx, &mut out);
    longest(text, out)
}

/// The (text, iso) of each figure one recogniser finds in `text`, published 2024-02-14 (for
/// the date and duration unit tests).
#[cfg(test)]
fn test_isos(text: &str, find: fn(&Ctx, &mut Vec<Figure>)) -> Vec<(String, Option<String>)> {
    let mut lower = String::new();
    let ctx = Ctx::new(text, &segment::tokenize(text), Date::new(2024, 2, 14), &mut lower);
    let mut out = Vec::new();
    find(&ctx, &mut out);
    out.into_iter().map(|f| (f.span.of(text).to_owned(), f.iso().map(String::from))).collect()
}

/// Asserts that `find` reads `span` of `text` as `want`.
#[cfg(test)]
fn test_one(text: &str, span: &str, want: Option<&str>, find: fn(&Ctx, &mut Vec<Figure>)) {
    let got = test_isos(text, find);
    assert!(got.iter().any(|(s, i)| s == span && i.as_deref() == want), "{text:?}: {got:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A figure as the tests compare it: (text, kind, value, unit, iso).
    type Shown = (String, FigureKind, Option<f64>, Option<String>, Option<String>);

    fn show(text: &str, published: Option<Date>) -> Vec<Shown> {
        figures(text, published).into_iter().map(|f| (f.span.of(text).to_owned(), f.kind, f.value(), f.unit().map(String::from), f.iso().map(String::from))).collect()
    }

    /// Hopping over the quiet tokens changes nothing: each recogniser finds what it finds when
    /// it reads every token (stops, ".5", "$", codes, words before a stop included).
    #[test]
    fn quiet_tokens_open_nothing() {
        let texts = [
            "It grew .5 percent in 2023. In . For . The . Then .75 of it, and . 5 more. US $5 and MUSD 3.",
            "Spending rose 4.5% to $12.3 billion in the first 2 weeks of 2021. Within . 3 days. Since .",
            "He left at 10 a.m. on Jan. 5. for the . day. the . next 3 days. in . 2 weeks. E.g. .9 kg.",
            "A third of the 1,200 troops, twice as many; .",
        ];
        for text in texts {
            let tokens = segment::tokenize(text);
            let mut lower = String::new();
            let ctx = Ctx::new(text, &tokens, Date::new(2024, 2, 14), &mut lower);
            let hopping = all(&ctx);
            let mut every = ctx.clone();
            every.loud.iter_mut().for_each(|w| *w = !0);
            // Fresh number slots: the clone's were filled by the first pass.
            every.nums = (0..ctx.nums.len()).map(|_| Default::default()).collect();
            let reading = all(&every);
            let show = |f: &[Figure]| f.iter().map(|f| (f.span, f.kind, f.value(), f.unit().map(String::from), f.iso().map(String::from))).collect::<Vec<_>>();
            assert_eq!(show(&hopping), show(&reading), "{text:?}");
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in ["", "$", "%", "-", "$-", "since", "the past", "a third of", "Feb.", "2024-", "2024-02-", "$5-", "between $", "three times", "\u{301}5", "5\u{301}%", "٣ troops", "½"] {
            let _ = show(s, Date::new(2024, 2, 14));
            let _ = show(s, None);
        }
    }
}
