//! Stage 7: direct quotations and who said them.
//!
//! Runs after [`crate::summarise`], so the speaker of a quote is an index into the final,
//! salience-ordered [`crate::Analysis::entities`].
//!
//! # Finding quotations
//!
//! One linear pass over each paragraph pairs opening and closing marks: `“…”`, `„…“`, `«…»` and
//! straight `"…"` (a straight mark opens after white space, a bracket or a dash and before a
//! non-space; the next straight mark closes), and British `‘…’` (a `‘` after white space and
//! before a letter opens; a `’` closes unless it is an apostrophe: inside a word, or after an
//! `s` before a lower-case word, "the leaders’ summit"). Straight single quotes are left alone,
//! and so are single quotes inside a double-quoted quotation. A quote still open at the end of a paragraph goes on into the next paragraph
//! when that one opens with a quote mark (the newspaper convention for long quotations);
//! otherwise it ends with its paragraph.
//!
//! # Quotes and scare quotes
//!
//! Quote marks also set off titles ("Focus"), terms and scare quotes ("extensive"). A quoted
//! passage counts as a quotation when
//! * it has at least three words and is not a title (every word capitalised, small words
//!   aside, and no sentence punctuation), or
//! * it ends a sentence inside its marks (`“Wow.”`), or
//! * an attribution follows it directly (`“Yes,” she said`).
//!
//! So `“Focus,”` and `“extensive”` are not quotations, `“three times more troops than
//! Ukraine”` is. Short quoted phrases that a speaker really said ("sitting pretty") are lost by
//! this rule; that is the price of not attributing every scare quote to someone.
//!
//! # Attribution
//!
//! Each quotation looks for a *cue* (a speech verb: "said", "told", "added", "noted",
//! "according to", ...) and the *subject* it belongs to, in this order:
//! 1. **after** the closing mark, in the same sentence (or a short sentence right after it):
//!    `“…,” Stensønes said`, `“…,” said Stoltenberg`, `“…”, according to the report`,
//!    `“…,” Khaled Al-Maeena, editor at large at the Saudi Gazette, said`;
//! 2. **before** the opening mark, back to the start of the sentence or the previous quotation:
//!    `X said, “…”`, `X told reporters that Moscow is in a “…”`, `He added that … “…”`,
//!    `According to the report, “…”`. The last cue before the quote counts.
//!
//! The subject is read from the words between the clause start and the cue (or, for `said X`
//! and `according to X`, the words after it): a PERSON mention first, else an ORG or WORK
//! mention, else a pronoun or common noun resolved as below, else a PLACE mention ("Moscow
//! said").
//! * `he`/`she` and role nouns ("the director", "Norway’s intelligence director"): the last
//!   PERSON mentioned before, at most six sentences back.
//! * `it`/`they`: the last ORG or WORK mentioned before, at most six sentences back.
//! * document nouns ("the report", "the statement"): the last WORK mentioned before, else the
//!   next one after; "a report" (indefinite) names nothing.
//! * organisation nouns ("the ministry", "the agency"): the last ORG whose name contains the
//!   noun, else the last ORG at most six sentences back.
//!
//! A quotation without a cue of its own **inherits** the speaker of the previous quotation when
//! it stands in the same paragraph, or opens the paragraph right after the previous one's
//! (`“…,” he said. “…”`, a quote split around "he said", a quote paragraph following an
//! attributed one); failing that, the speaker of the next quotation in the same sentence
//! (`If it keeps “…”, it would be “…”, the ministry said`).
//!
//! Every scan is bounded (a window of tokens around each quote, binary searches over the
//! mentions), so the stage is linear in the text, up to a log factor.

use crate::segment::{FirstLetters, Segments, TokenKind};
use crate::{Entity, Label, Mention, Referent, Span};

/// A direct quotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted words, without the quote marks (and without a trailing comma inside them). A
    /// quote running over paragraphs includes the paragraph breaks and the continuing marks.
    pub span: Span,
    /// Who said it: an index into [`crate::Analysis::entities`], when known.
    pub speaker: Option<usize>,
    /// The word that attributes it, lower case: `said`, `told`, `according to`; `None` when it
    /// inherits its speaker from a neighbouring quote or has no attribution.
    pub cue: Option<String>,
}

/// Speech verbs that attribute a quotation.
const CUES: &[&str] = &[
    "said", "says", "say", "saying", "told", "tells", "added", "adds", "noted", "notes", "stated", "states", "explained",
    "explains", "warned", "warns", "wrote", "writes", "asked", "asks", "continued", "continues", "argued", "argues",
    "insisted", "insists", "declared", "declares", "announced", "announces", "replied", "replies", "claimed", "claims",
    "commented", "promised", "indicates", "indicated", "remarked", "acknowledged", "suggested", "suggests", "concluded",
    "stressed", "stresses", "emphasized", "emphasised", "observed", "recalled", "admitted", "urged", "tweeted", "posted",
    "reported", "reports", "highlights", "highlighted", "cautioned", "conceded", "quipped", "testified", "according",
    "confirmed", "denied", "responded", "pledged", "vowed", "predicted", "recounted", "mentioned", "assured", "boasted",
];

/// The lengths and first letters of the [`CUES`] (at most 16 bytes long): a token whose
/// length and first letter no cue has is no cue, without comparing it with each of them.
const CUE_FIRSTS: FirstLetters<17> = FirstLetters::of(CUES);

/// Whether `w` is one of the [`CUES`], in any ASCII case.
fn is_cue_word(w: &str) -> bool {
    CUE_FIRSTS.may_hold(w) && CUES.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// Pronouns that name a person.
const PERSON_PRONOUNS: &[&str] = &["he", "she"];
/// Pronouns that name an organisation or a document.
const THING_PRONOUNS: &[&str] = &["it", "they"];

/// Nouns for a person's role: resolved to the last person mentioned.
const ROLE_NOUNS: &[&str] = &[
    "director", "chief", "head", "spokesman", "spokeswoman", "spokesperson", "minister", "president", "official",
    "analyst", "expert", "professor", "leader", "secretary", "commander", "general", "ambassador", "governor", "mayor",
    "chairman", "chairwoman", "chair", "ceo", "researcher", "author", "coauthor", "co-author", "editor", "reporter",
    "correspondent", "economist", "senator", "lawyer", "attorney", "officer", "adviser", "advisor", "envoy", "diplomat",
    "premier", "chancellor", "curator", "scientist", "historian", "undersecretary", "founder", "manager", "prosecutor",
    "judge", "witness", "doctor", "coach", "man", "woman",
];

/// Nouns for a document: resolved to a WORK entity.
const DOC_NOUNS: &[&str] = &[
    "report", "statement", "assessment", "study", "document", "release", "survey", "analysis", "paper", "memo",
    "letter", "filing", "review", "communique", "communiqué", "bulletin", "article", "publication", "book",
];

/// Nouns for an organisation: resolved to an ORG entity.
const ORG_NOUNS: &[&str] = &[
    "ministry", "agency", "service", "government", "department", "office", "army", "military", "police", "council",
    "committee", "company", "firm", "court", "parliament", "institute", "commission", "organisation", "organization",
    "group", "bank", "union", "party", "newspaper", "broadcaster", "network", "embassy", "kremlin", "administration",
];

/// Words of a title before a name ("Prime Minister", "Vice President").
const TITLE_WORDS: &[&str] = &["Prime", "Vice", "Deputy", "Foreign", "Defence", "Defense", "Interior", "Finance", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."];

/// Words that may stand in a title without a capital.
const SMALL_WORDS: &[&str] = &["of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "or"];

/// How many sentences back a pronoun or role noun may look for its person.
const PRONOUN_REACH: usize = 6;
/// How many tokens before a quote the attribution may stand.
const BEFORE_WINDOW: usize = 60;
/// How many tokens after a quote the cue may stand.
const AFTER_WINDOW: usize = 16;

/// Finds the direct quotations of a document and their speakers.
pub fn quotes(text: &str, segments: &Segments, entities: &[Entity], mentions: &[Mention]) -> Vec<Quote> {
    let ctx = Context::new(text, segments, entities, mentions);
    // 1. Quoted passages, and which of them are quotations.
    let mut kept: Vec<Raw> = Vec::new();
    for raw in find_marks(text, &segments.paragraphs) {
        let Some(inner) = clean_inner(text, raw.inner) else { continue };
        let raw = Raw { inner, ..raw };
        if ctx.is_quotation(&raw) {
            kept.push(raw);
        }
    }
    // 2. Attribution, with the previous quote bounding the clause before each one.
    let mut found: Vec<Option<Attribution>> = Vec::with_capacity(kept.len());
    for (i, raw) in kept.iter().enumerate() {
        let prev_close = i.checked_sub(1).map(|p| kept[p].close_end);
        let next_open = kept.get(i + 1).map(|n| n.open);
        found.push(
            ctx.after(raw, next_open)
                .or_else(|| ctx.before(raw, prev_close))
                .or_else(|| ctx.closing_clause(raw, next_open.unwrap_or(usize::MAX))),
        );
    }
    // 3. Inheritance: from the previous quote, then from the next one in the same sentence.
    let mut speakers: Vec<(Option<usize>, Option<String>, bool)> =
        found.iter().map(|a| a.as_ref().map_or((None, None, false), |a| (a.speaker, Some(a.cue.clone()), true))).collect();
    for i in 1..kept.len() {
        if speakers[i].2 || !speakers[i - 1].2 {
            continue;
        }
        let (p, q) = (&kept[i - 1], &kept[i]);
        let (pp, qp) = (ctx.paragraph_of(p.close_end.saturating_sub(1)), ctx.paragraph_of(q.open));
        let same = pp == qp;
        let next_para = qp == pp.map(|x| x + 1) && segments.paragraphs.get(qp.unwrap_or(0)).is_some_and(|s| s.start() == q.open);
        if same || next_para {
            speakers[i] = (speakers[i - 1].0, None, true);
        }
    }
    for i in (0..kept.len().saturating_sub(1)).rev() {
        if speakers[i].2 || !speakers[i + 1].2 {
            continue;
        }
        let (s, n) = (segments.sentence_at(kept[i].close_end.saturating_sub(1)), segments.sentence_at(kept[i + 1].open));
        if s.is_some() && s == n {
            speakers[i] = (speakers[i + 1].0, None, true);
        }
    }
    kept.iter().zip(speakers).map(|(raw, (speaker, cue, _))| Quote { span: raw.inner, speaker, cue }).collect()
}

/// A pair of quote marks.
#[derive(Clone, Copy, Debug)]
struct Raw {
    /// Byte offset of the opening mark.
    open: usize,
    /// The text between the marks.
    inner: Span,
    /// Byte offset just past the closing mark (the end of `inner` when unclosed).
    close_end: usize,
    /// Byte offset of the closing mark, when there is one.
    close: Option<usize>,
}

fn opens(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let next_ok = || next.is_some_and(|n| !n.is_whitespace());
    let after_space = || prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '"' | '“'));
    match c {
        '“' | '„' | '«' => next_ok(),
        '"' => next_ok() && after_space(),
        // British style: an opening single quote before a letter ("‘90s" is an elision).
        '‘' => after_space() && next.is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Whether `c` closes a quote opened by `open`; `next` and `next2` are the two characters
/// after it.
fn closes(open: char, c: char, prev: Option<char>, next: Option<char>, next2: Option<char>) -> bool {
    match open {
        '“' => matches!(c, '”' | '"'),
        '"' => matches!(c, '"' | '”'),
        '„' => matches!(c, '“' | '”' | '"'),
        '«' => c == '»',
        // `’` closes unless it is an apostrophe: inside a word ("don’t") or a plural possessive
        // before a lower-case word ("the leaders’ summit").
        '‘' => {
            c == '’'
                && !next.is_some_and(char::is_alphanumeric)
                && !(prev == Some('s') && next == Some(' ') && next2.is_some_and(char::is_lowercase))
        }
        _ => false,
    }
}

/// The mark a paragraph opens with to go on with a quote opened by `open`.
fn continues(open: char, first: char) -> bool {
    if open == '‘' {
        first == '‘'
    } else {
        matches!(first, '“' | '"' | '„' | '«')
    }
}

/// Pairs quote marks, paragraph by paragraph, in one pass.
fn find_marks(text: &str, paragraphs: &[Span]) -> Vec<Raw> {
    let mut out = Vec::new();
    // (byte of the opening mark, start of the inner text, the mark)
    let mut open: Option<(usize, usize, char)> = None;
    let mut last_end = 0;
    for p in paragraphs {
        let s = p.of(text);
        let mut skip_first = false;
        if let Some((at, inner, mark)) = open {
            let first = s.chars().next();
            if first.is_some_and(|c| continues(mark, c)) {
                skip_first = true; // the quotation goes on
            } else {
                out.push(Raw { open: at, inner: Span::new(inner, last_end), close_end: last_end, close: None });
                open = None;
            }
        }
        let bytes = s.as_bytes();
        let mut i = if skip_first { s.chars().next().map_or(0, char::len_utf8) } else { 0 };
        // No mark but the straight double quote is ASCII: nothing opens or closes at the other
        // ASCII bytes, which are passed over without being decoded.
        while let Some(k) = next_mark(bytes, i) {
            i = k;
            let Some(c) = s[i..].chars().next() else { break };
            let after = i + c.len_utf8();
            // The chars around it in the paragraph.
            let prev = s[..i].chars().next_back();
            let next = s[after..].chars().next();
            let next2 = || s[after..].chars().nth(1);
            let at = p.start() + i;
            match open {
                None => {
                    if opens(c, prev, next) {
                        open = Some((at, at + c.len_utf8(), c));
                    }
                }
                Some((o, inner, mark)) => {
                    if closes(mark, c, prev, next, next2()) {
                        out.push(Raw { open: o, inner: Span::new(inner, at), close_end: at + c.len_utf8(), close: Some(at) });
                        open = None;
                    } else if c == mark && mark != '"' && opens(c, prev, next) {
                        // A second opening mark: the first was never closed.
                        open = Some((at, at + c.len_utf8(), c));
                    }
                }
            }
            i = after;
        }
        last_end = p.end();
    }
    if let Some((at, inner, _)) = open {
        out.push(Raw { open: at, inner: Span::new(inner, last_end.max(inner)), close_end: last_end.max(inner), close: None });
    }
    out
}

/// The first byte at or after `from` that is a straight double quote or past ASCII (where a
/// quote mark can stand), with eight bytes passed over at a time.
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    use crate::span::HIGH;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of each byte equal to `"` (0x22): `y` is zero there, and `(y & 0x7F) + 0x7F`
    // has its high bit clear only there (the sum cannot carry into the next byte).
    let quote = |x: u64| {
        let y = x ^ (u64::from(b'"') * ONES);
        !(((y & !HIGH) + 0x7F * ONES) | y) & HIGH
    };
    crate::span::first_byte(bytes, from, |x| x & HIGH != 0 || quote(x) != 0, |b| b == b'"' || b >= 0x80)
}

/// The inner text trimmed of white space and of a trailing comma, colon or semicolon.
fn clean_inner(text: &str, inner: Span) -> Option<Span> {
    if inner.start() >= inner.end() {
        return None;
    }
    let s = inner.of(text);
    let t = s.trim_start();
    let start = inner.start() + (s.len() - t.len());
    let t = t.trim_end().trim_end_matches([',', ';', ':']).trim_end();
    let span = Span::new(start, start + t.len());
    (!span.is_empty() && t.chars().any(char::is_alphanumeric)).then_some(span)
}

/// How a quotation was attributed.
struct Attribution {
    speaker: Option<usize>,
    cue: String,
}

/// What the attribution rules read from the document.
struct Context<'a> {
    text: &'a str,
    segments: &'a Segments,
    entities: &'a [Entity],
    /// Entity mentions: (span, entity index), sorted by start.
    mentions: Vec<(Span, usize)>,
    /// Per block of [`BLOCK`] bytes of text, the number of tokens that start before it: where
    /// [`Context::token_from`] searches (one `u32` per block).
    blocks: Vec<u32>,
}

/// Bytes of text per entry of [`Context::blocks`].
const BLOCK: usize = 256;

impl<'a> Context<'a> {
    fn new(text: &'a str, segments: &'a Segments, entities: &'a [Entity], mentions: &[Mention]) -> Self {
        let known = |m: &Mention| match m.referent {
            Referent::Entity(e) if (e as usize) < entities.len() => Some((m.span, e as usize)),
            _ => None,
        };
        // Sized exactly (a filtered collect would grow by doubling).
        let mut kept = Vec::with_capacity(mentions.iter().filter(|m| known(m).is_some()).count());
        kept.extend(mentions.iter().filter_map(known));
        let mentions = kept;
        let tokens = &segments.tokens;
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut k = 0;
        for b in 0..=text.len() / BLOCK + 1 {
            while k < tokens.len() && tokens[k].start() < b * BLOCK {
                k += 1;
            }
            blocks.push(u32::try_from(k).unwrap_or(u32::MAX));
        }
        Context { text, segments, entities, mentions, blocks }
    }

    fn tok(&self, i: usize) -> &'a str {
        self.segments.tokens.get(i).map_or("", |t| t.span().of(self.text))
    }

    fn is_word(&self, i: usize) -> bool {
        self.segments.tokens.get(i).is_some_and(|t| t.kind() == TokenKind::Word)
    }

    fn paragraph_of(&self, at: usize) -> Option<usize> {
        self.segments.sentence_at(at).map(|s| self.segments.sentences[s].paragraph)
    }

    /// The index of the token starting at or after byte `at`.
    fn token_from(&self, at: usize) -> usize {
        let tokens = &self.segments.tokens;
        let b = at / BLOCK;
        // Tokens before block `b` start before `at`; tokens from block `b + 1` on do not.
        let lo = self.blocks.get(b).map_or(tokens.len(), |&x| x as usize).min(tokens.len());
        let hi = self.blocks.get(b + 1).map_or(tokens.len(), |&x| x as usize).clamp(lo, tokens.len());
        lo + tokens[lo..hi].partition_point(|t| t.start() < at)
    }

    /// Whether the quoted passage is a quotation rather than a title or scare quote.
    fn is_quotation(&self, raw: &Raw) -> bool {
        let inner = raw.inner.of(self.text);
        let terminal = inner.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '?', '…']);
        if terminal {
            return true;
        }
        let mut words = 0;
        let mut title = true;
        let mut i = self.token_from(raw.inner.start());
        while i < self.segments.tokens.len() && self.segments.tokens[i].start() < raw.inner.end() && words < 64 {
            let t = self.segments.tokens[i];
            if matches!(t.kind(), TokenKind::Word | TokenKind::Number) {
                let w = t.span().of(self.text);
                let capital = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
                if !(capital || words > 0 && SMALL_WORDS.contains(&w)) {
                    title = false;
                }
                words += 1;
            }
            i += 1;
        }
        (words >= 3 && !title) || self.after(raw, None).is_some_and(|a| a.cue != "according to")
    }

    fn is_cue(&self, i: usize) -> bool {
        self.is_word(i) && {
            let w = self.tok(i);
            is_cue_word(w) && (!w.eq_ignore_ascii_case("according") || self.tok(i + 1).eq_ignore_ascii_case("to"))
        }
    }

    fn cue_text(&self, i: usize) -> String {
        let w = self.tok(i).to_lowercase();
        if w == "according" {
            "according to".to_owned()
        } else {
            w
        }
    }

    /// Whether token `i` ends a sentence or opens another quotation.
    fn stops(&self, i: usize) -> bool {
        matches!(self.tok(i), "." | "!" | "?" | "“" | "\"" | "„" | "«" | "”" | "‘" | ";")
    }

    /// An attribution after the closing mark.
    fn after(&self, raw: &Raw, next_open: Option<usize>) -> Option<Attribution> {
        let close = raw.close?;
        let toks = &self.segments.tokens;
        let mut i = self.token_from(close + 1);
        let limit = next_open.unwrap_or(usize::MAX);
        // The same sentence, or a short sentence right after: `“…” Stensønes said.`
        let sentence = self.segments.sentence_at(close);
        let in_reach = |k: usize| k < toks.len() && toks[k].start() < limit;
        while in_reach(i) && matches!(self.tok(i), "," | "—" | "–" | "-" | "." | "!" | "?") {
            if matches!(self.tok(i), "." | "!" | "?") {
                // `.”,` is odd but harmless; `”.` ends the sentence with the quote.
                let next_sentence = self.segments.sentence_at(toks.get(i + 1).map_or(usize::MAX, |t| t.start()));
                if next_sentence != sentence {
                    return None;
                }
            }
            i += 1;
        }
        if !in_reach(i) {
            return None;
        }
        if sentence != self.segments.sentence_at(toks[i].start()) {
            // A new sentence: only a short one that is nothing but the attribution.
            let s = self.segments.sentence_at(toks[i].start())?;
            if self.segments.sentences[s].tokens.len() > 12 {
                return None;
            }
        }
        let para = self.paragraph_of(close);
        if self.paragraph_of(toks[i].start()) != para {
            return None;
        }
        // `said Stoltenberg`, `according to the report`
        if self.is_cue(i) {
            let cue = self.cue_text(i);
            let from = if cue == "according to" { i + 2 } else { i + 1 };
            let mut to = from;
            while to < from + 10 && in_reach(to) && !self.stops(to) && self.tok(to) != "," {
                to += 1;
            }
            if to == from {
                return None;
            }
            return Some(Attribution { speaker: self.subject(from, to, raw), cue });
        }
        // `Stensønes said`, `Khaled Al-Maeena, editor at large at the Saudi Gazette, said`
        let from = i;
        let opener = self.tok(from);
        let np_start = opener.chars().next().is_some_and(char::is_uppercase)
            || ["he", "she", "it", "they", "the", "a", "an", "his", "her", "its", "their"].contains(&opener);
        if !np_start {
            return None;
        }
        let mut k = i;
        while k < from + AFTER_WINDOW && in_reach(k) && !self.stops(k) {
            if self.is_cue(k) && k > from {
                return Some(Attribution { speaker: self.subject(from, k, raw), cue: self.cue_text(k) });
            }
            k += 1;
        }
        None
    }

    /// A clause closing the sentence after a quote: `“…” to level the field, Stensones said.`
    fn closing_clause(&self, raw: &Raw, limit: usize) -> Option<Attribution> {
        let toks = &self.segments.tokens;
        let from = self.token_from(raw.close? + 1);
        let s = self.segments.sentence_at(toks.get(from)?.start())?;
        if self.segments.sentence_at(raw.close?) != Some(s) {
            return None;
        }
        let end = self.segments.sentences[s].tokens.end.min(from + 40);
        // The last comma before the end of the sentence, with a cue after it.
        let mut comma = None;
        for (k, t) in toks.iter().enumerate().take(end).skip(from) {
            if t.start() >= limit || matches!(self.tok(k), "“" | "\"" | "„" | "«" | "‘") {
                return None;
            }
            if self.tok(k) == "," {
                comma = Some(k);
            }
        }
        let c = comma?;
        let mut k = c + 1;
        while k < end && k <= c + 7 {
            if self.is_cue(k) {
                if k == c + 1 {
                    return None;
                }
                let rest_plain = (k + 1..end).all(|r| !self.is_cue(r) && self.tok(r) != "that");
                return rest_plain.then(|| Attribution { speaker: self.subject(c + 1, k, raw), cue: self.cue_text(k) });
            }
            k += 1;
        }
        None
    }

    /// An attribution before the opening mark, back to the start of its sentence or to
    /// `prev_close`.
    fn before(&self, raw: &Raw, prev_close: Option<usize>) -> Option<Attribution> {
        let open_tok = self.token_from(raw.open);
        let sentence = self.segments.sentence_at(raw.open)?;
        let mut start = self.segments.sentences[sentence].tokens.start;
        if let Some(pc) = prev_close {
            start = start.max(self.token_from(pc));
        }
        start = start.max(open_tok.saturating_sub(BEFORE_WINDOW));
        let mut k = open_tok;
        while k > start {
            k -= 1;
            if self.is_cue(k) {
                let cue = self.cue_text(k);
                if cue == "according to" {
                    let from = k + 2;
                    let mut to = from;
                    while to < open_tok && self.tok(to) != "," {
                        to += 1;
                    }
                    return Some(Attribution { speaker: self.subject(from, to, raw), cue });
                }
                let speaker = self.subject(start, k, raw).or_else(|| {
                    // `said Stoltenberg: “…”`: a short name between the cue and the quote.
                    let lead_in = open_tok > k + 1 && open_tok <= k + 6 && matches!(self.tok(open_tok - 1), ":" | ",");
                    lead_in.then(|| self.subject(k + 1, open_tok - 1, raw)).flatten()
                });
                return Some(Attribution { speaker, cue });
            }
        }
        None
    }

    /// The speaker named by tokens `from..to`; pronouns and nouns look for their entity before
    /// the quote's opening mark as well as before themselves (and after its end).
    fn subject(&self, from: usize, to: usize, raw: &Raw) -> Option<usize> {
        let (anchor, after) = (raw.open, raw.close_end);
        let toks = &self.segments.tokens;
        if from >= to || from >= toks.len() {
            return None;
        }
        let (a, b) = (toks[from].start(), toks[to.min(toks.len()) - 1].end());
        let first = self.mentions.partition_point(|(s, _)| s.start() < a);
        let inside: Vec<(Span, usize)> = self.mentions[first..].iter().take_while(|(s, _)| s.start() < b).copied().take(32).collect();
        // A "person" named only by a title ("Governor", "Prime Minister") is a role noun.
        let titled = |e: usize| {
            let ent = &self.entities[e];
            ent.label == Label::Person
                && ent.name.split(' ').all(|w| ROLE_NOUNS.contains(&w.to_lowercase().as_str()) || TITLE_WORDS.contains(&w))
        };
        // A possessor ("Putin's spokesman Dmitry Peskov") gives way to another name after it.
        let possessor = |span: &Span| {
            let k = self.token_from(span.end());
            toks.get(k).is_some_and(|t| t.start() == span.end()) && matches!(self.tok(k), "'s" | "’s" | "'" | "’")
        };
        let with = |labels: &[Label]| {
            let mut found = inside.iter().filter(|(_, e)| labels.contains(&self.entities[*e].label) && !titled(*e));
            let first = found.next()?;
            if possessor(&first.0) {
                if let Some(other) = found.find(|(s, _)| !possessor(s)) {
                    return Some(other.1);
                }
            }
            Some(first.1)
        };
        if let Some(e) = with(&[Label::Person]).or_else(|| with(&[Label::Org, Label::Work])) {
            return Some(e);
        }
        // Pronouns and common nouns, outside any mention.
        for (k, t) in toks.iter().enumerate().take(to).skip(from) {
            if !self.is_word(k) || inside.iter().any(|(s, e)| s.contains(&t.span()) && !titled(*e)) {
                continue;
            }
            let w = self.tok(k).to_lowercase();
            let at = t.start().min(anchor);
            // The determiner, over up to three adjectives: "a senior official".
            let mut d = k;
            while d > from && k - d < 4 && self.is_word(d - 1) && {
                let t = self.tok(d - 1);
                t.chars().all(char::is_lowercase) && !matches!(t, "a" | "an" | "one" | "another" | "the")
            } {
                d -= 1;
            }
            let indefinite = d > 0 && matches!(self.tok(d - 1).to_lowercase().as_str(), "a" | "an" | "one" | "another");
            if indefinite && ROLE_NOUNS.contains(&w.as_str()) {
                continue; // "a spokesman for the ministry": read on
            }
            if PERSON_PRONOUNS.contains(&w.as_str()) || ROLE_NOUNS.contains(&w.as_str()) && !self.tok(k + 1).eq_ignore_ascii_case("of") {
                return self.last_before(at, &[Label::Person], Some(PRONOUN_REACH), None);
            }
            if THING_PRONOUNS.contains(&w.as_str()) {
                return self.last_before(at, &[Label::Org, Label::Work], Some(PRONOUN_REACH), None);
            }
            if DOC_NOUNS.contains(&w.as_str()) {
                if indefinite {
                    return None;
                }
                return self.last_before(at, &[Label::Work], None, None).or_else(|| self.first_after(after, Label::Work));
            }
            if ORG_NOUNS.contains(&w.as_str()) {
                return self
                    .last_before(at, &[Label::Org], None, Some(&w))
                    .or_else(|| self.last_before(at, &[Label::Org], Some(PRONOUN_REACH), None));
            }
        }
        with(&[Label::Place])
    }

    /// The entity of the last mention before `at` with one of `labels`, at most `reach`
    /// sentences back, whose name contains `noun` when given.
    fn last_before(&self, at: usize, labels: &[Label], reach: Option<usize>, noun: Option<&str>) -> Option<usize> {
        let here = self.segments.sentence_at(at).unwrap_or(0);
        let mut k = self.mentions.partition_point(|(s, _)| s.start() < at);
        let mut steps = 0;
        while k > 0 && steps < 2000 {
            k -= 1;
            steps += 1;
            let (span, e) = self.mentions[k];
            if let Some(r) = reach {
                let s = self.segments.sentence_at(span.start()).unwrap_or(0);
                if here.saturating_sub(s) > r {
                    return None;
                }
            }
            let entity = &self.entities[e];
            if labels.contains(&entity.label)
                && noun.is_none_or(|n| crate::resolve::aliases::fold(&entity.name).split(' ').any(|w| w == n))
            {
                return Some(e);
            }
        }
        None
    }

    /// The entity of the first mention after `at` with this label.
    fn first_after(&self, at: usize, label: Label) -> Option<usize> {
        let k = self.mentions.partition_point(|(s, _)| s.start() < at);
        self.mentions[k..].iter().take(2000).find(|(_, e)| self.entities[*e].label == label).map(|&(_, e)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    /// Quotes of `text` with the given entity mentions (first occurrences).
    fn run(text: &str, names: &[(&str, Label)]) -> Vec<(String, Option<String>, Option<String>)> {
        let segments = segment(text);
        let mut entities = Vec::new();
        let mut mentions = Vec::new();
        for (name, label) in names {
            let e = entities.len();
            let spans: Vec<Span> = text.match_indices(name).map(|(i, s)| Span::new(i, i + s.len())).collect();
            for &s in &spans {
                mentions.push(Mention { span: s, referent: Referent::Entity(e as u32) });
            }
            entities.push(Entity { label: *label, name: name.to_string(), aliases: vec![], salience: 1.0, mentions: spans });
        }
        mentions.sort_by_key(|m| m.span.start());
        quotes(text, &segments, &entities, &mentions)
            .into_iter()
            .map(|q| (q.span.of(text).to_owned(), q.speaker.map(|e| entities[e].name.clone()), q.cue))
            .collect()
    }

    #[test]
    fn after_and_before_cues() {
        let got = run(
            "“Russia is adapting to sanctions better than expected,” Stensønes said. Later, said Putin, “we will win the war.” Stoltenberg told reporters that Russia is in a “stronger position than a year ago.”",
            &[("Stensønes", Label::Person), ("Putin", Label::Person), ("Stoltenberg", Label::Person), ("Russia", Label::Place)],
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "Russia is adapting to sanctions better than expected");
        assert_eq!(got[0].1.as_deref(), Some("Stensønes"));
        assert_eq!(got[0].2.as_deref(), Some("said"));
        assert_eq!(got[1].1.as_deref(), Some("Putin"));
        assert_eq!(got[2].1.as_deref(), Some("Stoltenberg"));
        assert_eq!(got[2].2.as_deref(), Some("told"));
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotes() {
        let got = run(
            "He released the assessment, “Focus,” and said that Kyiv needs “extensive” aid. The post “The Internet Explorer Countdown” ran.",
            &[],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn split_quotes_pronouns_and_paragraphs() {
        let text = "Nils Stensønes spoke on Monday.\n\n“Russia is gaining,” he said, “and it will go on.” “Cooperation is increasing.”\n\n“The world is re-arming.”\n\nA \"straight quote that runs on\n\n\"and on\" said Kim.";
        let got = run(text, &[("Nils Stensønes", Label::Person), ("Kim", Label::Person)]);
        let speakers: Vec<Option<&str>> = got.iter().map(|q| q.1.as_deref()).collect();
        assert_eq!(speakers, [Some("Nils Stensønes"); 5].iter().copied().take(4).chain([Some("Kim")]).collect::<Vec<_>>(), "{got:?}");
        assert!(got[4].0.starts_with("straight quote that runs on\n\n\"and on"), "{got:?}");
    }

    #[test]
    fn documents_and_organisations_speak() {
        let text = "The Focus 2024 report came out. “Russia is stronger than a year ago,” the report said. “China supplies machines, vehicles and parts,” the statement added. The British Ministry of Defence spoke. “North Korea is on track to become a supplier,” the ministry said.";
        let got = run(text, &[("Focus 2024", Label::Work), ("British Ministry of Defence", Label::Org)]);
        let speakers: Vec<Option<&str>> = got.iter().map(|q| q.1.as_deref()).collect();
        assert_eq!(speakers, [Some("Focus 2024"), Some("Focus 2024"), Some("British Ministry of Defence")], "{got:?}");
    }

    #[test]
    fn possessors_and_indefinite_roles() {
        let text = "Vladimir Putin met Xi Jinping. “The talks went well,” Putin's spokesman Dmitry Peskov said. “We saw no escalation,” a spokesman for the Defence Ministry said. “Nothing changes,” a senior official said.";
        let got = run(
            text,
            &[("Vladimir Putin", Label::Person), ("Xi Jinping", Label::Person), ("Putin", Label::Person), ("Dmitry Peskov", Label::Person), ("Defence Ministry", Label::Org)],
        );
        let speakers: Vec<Option<&str>> = got.iter().map(|q| q.1.as_deref()).collect();
        assert_eq!(speakers, [Some("Dmitry Peskov"), Some("Defence Ministry"), None], "{got:?}");
    }

    #[test]
    fn british_single_quotes() {
        let text = "Keir Starmer spoke in London. ‘We don’t accept the leaders’ summit plan, and we never will,’ he said. Sales fell in the ‘90s.";
        let got = run(text, &[("Keir Starmer", Label::Person)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "We don’t accept the leaders’ summit plan, and we never will");
        assert_eq!(got[0].1.as_deref(), Some("Keir Starmer"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["“", "”", "\"", "\"\"", "“ ”", "a “b", "“é”, said", "\"x\" said \"", "«ø» «", "„ü“ said", "“\n\n“\n\n“", "‘", "‘a’", "‘é’s ", "‘ab\n\n‘cd’"] {
            let _ = run(text, &[]);
        }
    }
}
