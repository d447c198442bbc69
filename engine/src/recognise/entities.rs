//! Entities from gazetteers and rules: PERSON, ORG, PLACE, GROUP, EVENT, WORK and PRODUCT.
//!
//! Two sources of candidates, both linear in the number of tokens:
//!
//! 1. **Gazetteer** ([`gazetteer`], [`Source::Gazetteer`]): every known name in the text
//!    (countries and their variants, capitals, cities, regions, demonyms, organisations, news
//!    agencies, well-known people, events, product series), the longest form at each token.
//! 2. **Rules** ([`Source::Rules`]) on runs of capitalised words within a sentence ("Nils
//!    Andreas Stensones", "Institute for the Study of War") and their context:
//!    * titles before a name make it a person ("Russian President Vladimir Putin", "China’s
//!      defense minister, Dong Jun"), as do a known given name, an apposition (", director
//!      of", ", a military analyst") and a speech verb after it ("Stensønes said");
//!    * cue words make organisations ("Ministry", "Institute", "Service", "FC"), places ("Sea
//!      of Japan", "Vostochny Cosmodrome", "the Amur region", "Avdiivka, a village") and
//!      events ("Summit", "War"); an acronym in brackets after a name is that name
//!      ("Norwegian Intelligence Service (NIS)");
//!    * model numbers stay with their product ("Shahed-136", "Leopard 2", "F-16", "Wing Loong
//!      II") and years with their work ("the Focus 2024 report", the assessment “Focus”), so
//!      the figure recognisers' numbers inside them lose to them in [`crate::resolve`];
//!    * photo credits are split at the slash: "Mikhail Klimentiev/Sputnik AFP" is a person
//!      and two organisations;
//!    * capitals alone prove nothing at the start of a sentence, after an opening quote or in
//!      a headline: "Meanwhile", "Countries" or "Allies Like" are no names, and such a word is
//!      taken only when the same document names it elsewhere (document-level evidence).
//! 3. **Consistency**: a string gets one label in a document, the one its mentions give the
//!    most weight; a surname alone after a full name is that person.
//!
//! The rules are documented in `DESIGN-entities.md`.

pub mod gazetteer;

use super::{Candidate, Source, What};
use crate::resolve::aliases::{fold_into, is_acronym_of};
use crate::resolve::fast_hash::{Map as HashMap, StrVotes, Strings};
use crate::segment::{FirstLetters, SentenceKind, Segments, Token, TokenKind};
use crate::{Label, Span};
use gazetteer::{Entry, Lists};

/// The canonical name of a known variant ("U.S." -> "United States"), if the gazetteers know one.
pub fn canonical(name: &str) -> Option<&'static str> {
    gazetteer::canonical(name)
}

/// Adds the entity candidates of the document to `out`.
pub fn recognise(text: &str, segments: &Segments, out: &mut Vec<Candidate>) {
    let mut doc = Doc::new(text, segments);
    doc.gazetteer_candidates();
    for s in 0..segments.sentences.len() {
        doc.sentence(s);
    }
    doc.products();
    doc.consistency();
    doc.descriptions();
    out.reserve_exact(doc.props.len());
    for p in doc.props {
        let (Some(first), Some(last)) = (doc.tokens.get(p.first()), doc.tokens.get(p.end().wrapping_sub(1))) else { continue };
        if p.end() <= p.first() {
            continue;
        }
        out.push(Candidate {
            span: Span::new(first.start(), last.end()),
            what: What::Entity(p.label),
            score: p.score.clamp(0.0, 1.0),
            source: p.source,
        });
    }
}

/// Words after a name that say it is a person speaking (or an organisation, for acronyms).
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "noted", "notes", "stated", "states", "wrote", "writes", "argued",
    "argues", "warned", "warns", "explained", "explains", "asked", "asks", "replied", "insisted", "claimed", "claims",
    "announced", "announces", "declared", "believes", "believed", "thinks", "thought", "urged", "urges", "stressed",
    "emphasized", "emphasised", "acknowledged", "admitted", "denied", "confirmed", "suggested", "predicted", "recalled",
];

/// Lower-case nouns after an acronym that say it is an organisation: its people, forces and
/// hold ("AU troops", "IS control", "MONUC peacekeepers").
const ORG_NOUNS: &[&str] = &[
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "chief", "chiefs", "leader", "leaders", "head",
    "member", "members", "staff", "forces", "troops", "soldiers", "fighters", "militants", "peacekeepers", "commanders",
    "control", "stronghold", "strongholds", "territory", "headquarters", "envoy", "delegation", "mission",
];

/// Verdicts that open the headings of reviews and posts ("Great Service", "Bad Service",
/// "Excellent Food"): capitalised there, and no part of a name.
const EVALUATIVE: &[&str] = &[
    "Great", "Good", "Best", "Bad", "Poor", "Worst", "Excellent", "Awesome", "Terrible", "Horrible", "Amazing", "Fantastic",
    "Wonderful", "Fake", "GREAT", "BEST", "BAD",
];

/// Lower-case words inside a name: particles of people's names and the small words of
/// organisation and place names.
const PARTICLES: &[&str] = &[
    "de", "del", "della", "da", "das", "do", "dos", "van", "von", "vom", "zu", "der", "den", "ten", "ter", "op", "bin", "ibn", "al", "el", "la",
    "le", "lo", "du", "di", "dei",
];

/// Company suffixes that end a company's name.
const COMPANY_SUFFIXES: &[&str] = &["Inc.", "Inc", "Ltd.", "Ltd", "Corp.", "Corp", "LLC", "PLC", "plc", "GmbH", "AG", "Co.", "S.A.", "N.V.", "B.V."];

/// Nouns after a product series that say it is the product ("Shahed drones").
const PRODUCT_NOUNS: &[&str] = &[
    "drone", "drones", "missile", "missiles", "tank", "tanks", "jet", "jets", "fighter", "fighters", "aircraft", "helicopter",
    "helicopters", "system", "systems", "launcher", "launchers", "rocket", "rockets", "howitzer", "howitzers", "vehicle",
    "vehicles", "rifle", "rifles", "bomb", "bombs", "munitions", "interceptor", "interceptors", "battery", "batteries",
    "phone", "phones", "bomber", "bombers", "warship", "submarine", "submarines",
];

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// The lengths and first letters of the [`SPEECH_VERBS`]: most words are none by these alone.
const SPEECH_FIRSTS: FirstLetters<13> = FirstLetters::of(SPEECH_VERBS);
/// The lengths and first letters of the [`PARTICLES`].
const PARTICLE_FIRSTS: FirstLetters<6> = FirstLetters::of(PARTICLES);
/// The lengths and first letters of the [`COMPANY_SUFFIXES`].
const SUFFIX_FIRSTS: FirstLetters<6> = FirstLetters::of(COMPANY_SUFFIXES);

/// Whether `w` is on `list` (case-sensitively), asking `firsts` (its sketch) first.
fn listed<const N: usize>(firsts: &FirstLetters<N>, list: &[&str], w: &str) -> bool {
    firsts.may_hold(w) && list.contains(&w)
}

/// In `Doc::single`, past the gazetteer's lists (bits 0 to [`Lists::COUNT`] - 1): the token
/// is a word that starts with a capital letter and is on no [`Lists::NEVER`] list, as
/// [`Doc::is_cap`] reads it.
const CAP: u32 = 1 << 31;

/// No gazetteer name starts at this token (in `Doc::name_idx`).
const NO_NAME: u32 = u32::MAX;

/// A proposed entity over tokens `first..end`: 16 bytes (token indexes are below
/// `Token::MAX_OFFSET`, far inside `u32`; text of distinct names has a proposal every 13 bytes).
#[derive(Clone, Copy, Debug)]
struct Prop {
    first: u32,
    end: u32,
    label: Label,
    score: f32,
    source: Source,
}

impl Prop {
    fn first(&self) -> usize {
        self.first as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }
}

/// A run of capitalised words that only document-level evidence can make a name: 16 bytes.
#[derive(Clone, Copy, Debug)]
struct Deferred {
    first: u32,
    end: u32,
    /// The label to take without evidence, if any.
    fallback: Option<(Label, f32)>,
}

impl Deferred {
    fn new(first: usize, end: usize, fallback: Option<(Label, f32)>) -> Deferred {
        Deferred { first: first as u32, end: end as u32, fallback }
    }

    fn first(&self) -> usize {
        self.first as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }
}

struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    segments: &'a Segments,
    /// Per token: the lists of the gazetteer entry of the token alone, and [`CAP`] for a
    /// capitalised word (4 bytes a token).
    single: Vec<Lists>,
    /// Per token: the index in `names` of the longest gazetteer name starting there, or
    /// `NO_NAME` (4 bytes a token; names are few).
    name_idx: Vec<u32>,
    /// The gazetteer names of the document (end token, entry), in token order.
    names: Vec<(usize, Entry)>,
    props: Vec<Prop>,
    deferred: Vec<Deferred>,
    /// Acronyms defined in brackets, with their label.
    acronyms: HashMap<String, Label>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, segments: &'a Segments) -> Doc<'a> {
        let tokens = &segments.tokens[..];
        let mut single = vec![Lists::default(); tokens.len()];
        let mut names: Vec<(usize, Entry)> = Vec::new();
        let mut name_idx = vec![NO_NAME; tokens.len()];
        let own = |i: usize, e: Entry| {
            if let (Some(slot), Some(t)) = (single.get_mut(i), tokens.get(i)) {
                if t.kind() == TokenKind::Word {
                    *slot = e.lists;
                }
            }
        };
        gazetteer::scan(text, tokens, own, |m| {
            if let (Some(slot), Ok(k)) = (name_idx.get_mut(m.tokens.start), u32::try_from(names.len())) {
                *slot = k;
                crate::grow::push(&mut names, (m.tokens.end, m.entry), 64);
            }
        });
        // Whether each word is capitalised, once (the rules ask it of most tokens several times).
        for (slot, t) in single.iter_mut().zip(tokens) {
            if t.kind() != TokenKind::Word {
                continue;
            }
            let upper = match text.as_bytes().get(t.start()) {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => text.get(t.start()..).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase),
            };
            if upper && !slot.has(Lists::NEVER) {
                slot.0 |= CAP;
            }
        }
        Doc { text, tokens, segments, single, name_idx, names, props: Vec::new(), deferred: Vec::new(), acronyms: HashMap::default() }
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.span().of(self.text))
    }

    /// The bytes of token `i` (empty past the end): what the passes over every token compare,
    /// without the char-boundary checks of slicing a `str`.
    fn bytes(&self, i: usize) -> &'a [u8] {
        self.tokens.get(i).and_then(|t| self.text.as_bytes().get(t.start()..t.end())).unwrap_or_default()
    }

    /// Whether token `i` starts with a lower-case letter and holds a capital ("iPhone"), as
    /// `w.starts_with(|c: char| c.is_lowercase() && w.chars().any(char::is_uppercase))` reads
    /// it, with ASCII read as bytes.
    fn lower_camel(&self, i: usize) -> bool {
        let b = self.bytes(i);
        match b.first() {
            Some(f) if f.is_ascii() => {
                // One pass to the first capital or byte past ASCII (most words have neither):
                // past ASCII, the chars tell (a capital before it is one of them).
                f.is_ascii_lowercase()
                    && match b.iter().position(|&c| c.is_ascii_uppercase() || !c.is_ascii()) {
                        Some(k) if b[k].is_ascii() => true,
                        Some(_) => self.word(i).chars().any(char::is_uppercase),
                        None => false,
                    }
            }
            _ => {
                let w = self.word(i);
                w.starts_with(|c: char| c.is_lowercase() && w.chars().any(char::is_uppercase))
            }
        }
    }

    fn lists(&self, i: usize) -> Lists {
        self.single.get(i).map_or(Lists::default(), |l| Lists(l.0 & !CAP))
    }

    /// The longest gazetteer name starting at token `i`: its end token and entry.
    fn name_at(&self, i: usize) -> Option<(usize, Entry)> {
        let k = *self.name_idx.get(i)?;
        self.names.get(k as usize).copied()
    }

    /// A word that starts with a capital letter (and is no month or day).
    fn is_cap(&self, i: usize) -> bool {
        self.single.get(i).is_some_and(|l| l.0 & CAP != 0)
    }

    /// An acronym: two to six capitals ("NIS", "BI", "U.S.").
    fn is_acronym(&self, i: usize) -> bool {
        let w = self.word(i);
        let letters = w.chars().filter(|c| *c != '.').count();
        (2..=6).contains(&letters) && w.chars().all(|c| c.is_uppercase() || c == '.') && self.is_cap(i)
    }

    /// The white space between tokens `i - 1` and `i`: `Some(true)` for a plain space,
    /// `Some(false)` for none, `None` for a line break or a wider gap.
    fn gap(&self, i: usize) -> Option<bool> {
        if i == 0 || i >= self.tokens.len() {
            return None;
        }
        match self.text.as_bytes().get(self.tokens[i - 1].end()..self.tokens[i].start()) {
            Some(b"") => Some(false),
            Some(b" " | b"\xC2\xA0" | b"  ") => Some(true), // a space, a no-break space, two spaces
            _ => None,
        }
    }

    /// Whether token `i` stands where any word is capitalised: the start of its sentence, or
    /// after an opening quote, a bracket, a colon or a dash.
    fn initial(&self, i: usize, sentence_start: usize) -> bool {
        let mut k = i;
        while k > sentence_start {
            let w = self.word(k - 1);
            // (Every mark below starts with something other than an ASCII letter or digit.)
            if w.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
                return false;
            }
            // A straight quote opens only when it touches the word after it.
            let closing = matches!(w, "\"" | "'") && self.gap(k) != Some(false);
            if !closing && matches!(w, "“" | "\"" | "‘" | "'" | "«" | "(" | "[" | "—" | "–" | "-" | "•" | ":" | "…") {
                if matches!(w, ":" | "—" | "–" | "-" | "…") {
                    return true;
                }
                k -= 1;
                continue;
            }
            return false;
        }
        true
    }

    fn push(&mut self, first: usize, end: usize, label: Label, score: f32, source: Source) {
        if end > first && end <= self.tokens.len() {
            // A quarter more at a time: text of distinct names proposes one every 26 bytes,
            // and doubling would leave up to half of them unused.
            crate::grow::push(&mut self.props, Prop { first: first as u32, end: end as u32, label, score, source }, 64);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Gazetteer

    fn gazetteer_candidates(&mut self) {
        let mut s = 0;
        for i in 0..self.tokens.len() {
            let Some((end, e)) = self.name_at(i) else { continue };
            let Some(label) = e.label() else { continue };
            while s + 1 < self.segments.sentences.len() && self.segments.sentences[s].tokens.end <= i {
                s += 1;
            }
            let sentence_start = self.segments.sentences.get(s).map_or(0, |x| x.tokens.start);
            let kind = self.segments.sentences.get(s).filter(|x| x.tokens.contains(&i)).map_or(SentenceKind::Body, |x| x.kind);
            let initial = self.initial(i, sentence_start) || kind != SentenceKind::Body;
            let l = e.lists;
            let mut score: f32 = match label {
                Label::Person => 0.85,
                Label::Org => 0.9,
                Label::Place if l.has(Lists::COUNTRY.with(Lists::CAPITAL).with(Lists::PLACE)) => 0.95,
                Label::Place if l.has(Lists::MISSPELT) => 0.7,
                Label::Place if l.has(Lists::CITY_LARGE) || l.has(Lists::REGION) && e.tier == 1 => 0.8,
                Label::Place if e.tier == 2 => 0.7,
                Label::Place => 0.55,
                Label::Group => 0.85,
                Label::Event => 0.85,
                _ => 0.0,
            };
            if label == Label::Product {
                // A series alone ("Leopard", "F") is a product only with a model number or a
                // product noun ([`Doc::products`]); distinctive names stand alone.
                let w = self.word(i);
                let distinctive = end - i > 1 || w.chars().count() >= 4 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
                if !distinctive {
                    continue;
                }
                score = 0.75;
            }
            if l.has(Lists::GIVEN_NAME.with(Lists::COMMON)) && end - i == 1 {
                // "Jordan", "Chad", "Victoria": a name or a word as much as a place.
                score = score.min(0.6);
                if initial && l.has(Lists::COMMON) {
                    continue;
                }
            }
            if initial && label == Label::Place && !l.has(Lists::COUNTRY.with(Lists::CAPITAL).with(Lists::PLACE).with(Lists::CITY_LARGE)) {
                score = score.min(0.45);
            }
            self.push(i, end, label, score, Source::Gazetteer);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Sentences

    fn sentence(&mut self, s: usize) {
        let sentence = &self.segments.sentences[s];
        let (start, stop, kind) = (sentence.tokens.start, sentence.tokens.end.min(self.tokens.len()), sentence.kind);
        if kind == SentenceKind::Credit {
            self.credit(start, stop);
        }
        self.quoted_works(start, stop);
        self.the_west(start, stop);
        let mut i = start;
        while i < stop {
            if !self.is_cap(i) {
                i += 1;
                continue;
            }
            let end = self.run_end(i, stop);
            if kind != SentenceKind::Credit {
                self.run(i, end, start, kind);
            }
            i = end.max(i + 1);
        }
    }

    /// The end of the run of capitalised words starting at `i`.
    fn run_end(&self, i: usize, stop: usize) -> usize {
        // A title phrase with small words is one piece: "Secretary of State Antony Blinken".
        let mut end = match self.name_at(i) {
            Some((e, entry)) if entry.lists.has(Lists::TITLE) && e <= stop => e,
            _ => i + 1,
        };
        let cues = Lists::ORG_CUE.with(Lists::PLACE_CUE).with(Lists::EVENT_CUE).with(Lists::EVENT_LEAD);
        let mut cue = self.lists(i).has(cues);
        loop {
            let j = end;
            if j >= stop {
                break;
            }
            match self.gap(j) {
                Some(true) if self.is_cap(j) => {
                    end = j + 1;
                }
                Some(true) => {
                    let w = self.word(j);
                    let particle = listed(&PARTICLE_FIRSTS, PARTICLES, w) && self.gap(j + 1) == Some(true) && self.is_cap(j + 1);
                    // ("Montreal Hockey Club on May ..." stops before a common word.)
                    let connector = cue
                        && matches!(w, "of" | "for" | "on" | "&")
                        && self.gap(j + 1) == Some(true)
                        && !self.lists(j + 1).has(Lists::COMMON.with(Lists::NEVER));
                    // "el-Sisi", "al-Assad"
                    let hyphened = listed(&PARTICLE_FIRSTS, PARTICLES, w)
                        && matches!(self.word(j + 1), "-" | "‐")
                        && self.gap(j + 1) == Some(false)
                        && self.gap(j + 2) == Some(false)
                        && self.is_cap(j + 2);
                    if hyphened {
                        end = j + 3;
                    } else if particle || connector && self.is_cap(j + 1) {
                        end = j + 2;
                    } else if connector && self.word(j + 1) == "the" && self.gap(j + 2) == Some(true) && self.is_cap(j + 2) {
                        end = j + 3;
                    } else {
                        break;
                    }
                }
                Some(false) => {
                    // "Ivano-Frankivsk", "Al-Qaeda"; not "Russia-Ukraine" (two names).
                    let w = self.word(j);
                    let left_name = self.lists(j - 1).has(Lists::PLACES.with(Lists::DEMONYM));
                    if matches!(w, "-" | "‐") && self.gap(j + 1) == Some(false) && self.is_cap(j + 1) && !left_name {
                        end = j + 2;
                    } else {
                        break;
                    }
                }
                None => break,
            }
            if end > j {
                cue |= (j..end).any(|k| self.lists(k).has(cues) && self.is_cap(k));
            }
        }
        end
    }

    /// Decides what the capitalised run `a..b` of a sentence is.
    fn run(&mut self, mut a: usize, mut b: usize, start: usize, kind: SentenceKind) {
        if b - a > 12 {
            return; // no name is this long: a list or a shouted line
        }
        // A company suffix ends the company: "Apple Inc. CEO Tim Cook".
        if let Some(k) = (a..b.saturating_sub(1)).find(|&k| listed(&SUFFIX_FIRSTS, COMPANY_SUFFIXES, self.word(k))) {
            self.run(a, k + 1, start, kind);
            self.run(k + 1, b, start, kind);
            return;
        }
        // Leading common words and titles: "The Institute", "Although China", "President Putin".
        let mut titled = false;
        while a < b {
            let l = self.lists(a);
            // "New" alone is a common word, "New Jersey" a name.
            let gaz_name = self.name_at(a).is_some_and(|(end, e)| e.label().is_some() && (end > a + 1 || !l.has(Lists::COMMON)));
            // An unknown verb or adverb opening a sentence: "Attended James High School".
            let opener = a == start
                && b - a >= 2
                && l.is_empty()
                && self.name_at(a).is_none()
                && ["ed", "ly"].iter().any(|x| self.word(a).ends_with(x));
            // A greeting before a name: "Hi David", "Dear Amitabh" ("Hi" is a given name too).
            let greeting = matches!(self.word(a), "Hi" | "Hello" | "Hey" | "Dear");
            // A verdict opening a heading or sentence before a cue word: "Great Service", "Bad
            // Service" are no organisations.
            let verdict = EVALUATIVE.contains(&self.word(a))
                && self.name_at(a).is_none_or(|(end, _)| end == a + 1)
                && (a + 1..b).any(|k| self.lists(k).has(Lists::ORG_CUE))
                && (kind != SentenceKind::Body || self.initial(a, start));
            if l.has(Lists::COMMON) && !gaz_name || opener || greeting || verdict {
                a += 1;
            } else if let Some(t) = self.title_at(a, b) {
                if (a..b).any(|k| self.lists(k).has(Lists::ORG_CUE)) {
                    break; // "General Assembly", "Prime Minister's Office"
                }
                titled = true;
                a = t;
            } else if l.has(Lists::DEMONYM) && self.title_at(a + 1, b).is_some() {
                a += 1; // "Russian President Vladimir Putin": "Russian" is its own candidate
            } else {
                break;
            }
            while a < b && !self.is_cap(a) {
                a += 1;
            }
        }
        while b > a && !self.is_cap(b - 1) {
            b -= 1;
        }
        // The pronoun after a name: "Hank Green I know", "Dan I for one".
        if b - a >= 2 && self.word(b - 1) == "I" && self.gap(b - 1) == Some(true) && self.pronoun_follows(b) {
            b -= 1;
        }
        // A title after its modifiers: "Defense Minister Sergei Shoigu", "Norway’s Foreign
        // Minister Espen Barth Eide", "Brigadier General Ross Hoyt".
        let cued = (a..b).any(|k| self.lists(k).has(Lists::ORG_CUE.with(Lists::PLACE_CUE).with(Lists::EVENT_CUE)) && self.is_cap(k));
        if !titled && !cued {
            for k in a + 1..b.min(a + 4) {
                if let Some(t) = self.title_at(k, b) {
                    titled = true;
                    a = t;
                    break;
                }
            }
        }
        if a >= b {
            return;
        }
        // A place or a portfolio before a person's name: "Governor of Washington Chris
        // Gregoire", "Minister of Education Stefania Giannini", "Kyiv Mayor ..." is above.
        if !titled && b - a >= 3 {
            let after_title_of = a >= 2 && self.word(a - 1) == "of" && self.is_cap(a - 2) && self.single_has(a - 2, Lists::TITLE);
            let place_end = self.name_at(a).filter(|(_, e)| e.label() == Some(Label::Place)).map(|(end, _)| end);
            let split = match place_end {
                Some(end) if end < b && self.lists(end).has(Lists::GIVEN_NAME) => Some(end),
                _ if after_title_of => (a + 1..b).find(|&k| self.lists(k).has(Lists::GIVEN_NAME)).or(Some(a + 1)),
                _ => None,
            };
            // The place keeps its gazetteer candidate; a portfolio ("Education") is no name.
            if let Some(k) = split.filter(|&k| k > a && b - k >= 2) {
                self.push(k, b, Label::Person, 0.75, Source::Rules);
                return;
            }
        }
        let n = b - a;
        let text_initial = self.initial(a, start);
        let weak = text_initial || kind != SentenceKind::Body;
        // The capitalised words of the run (as it stands here: `a` may move below).
        let (first, end) = (a, b);
        let words = || (first..end).filter(|&k| self.is_cap(k));
        let all = |f: &dyn Fn(usize) -> bool| words().all(f);
        let any = |f: &dyn Fn(usize) -> bool| words().any(f);
        let known = self.name_at(a).filter(|&(end, e)| end == b && e.label().is_some());
        let covered = self.covered_by_names(a, b);

        // Acronym defined in brackets: "Norwegian Intelligence Service (NIS)".
        let acronym = (self.word(b) == "(" && self.word(b + 2) == ")" && self.is_acronym(b + 1))
            .then_some(b + 1)
            .filter(|&k| n >= 2 && is_acronym_of(self.word(k), &self.text[self.tokens[a].start()..self.tokens[b - 1].end()]));

        // Cues inside the run.
        let last = b - 1;
        let org_cue = n >= 2 && any(&|k| self.lists(k).has(Lists::ORG_CUE) && (k == last || matches!(self.word(k + 1), "of" | "for" | "on" | "&")));
        let place_cue = n >= 2
            && (self.lists(last).has(Lists::PLACE_CUE) || self.lists(a).has(Lists::PLACE_CUE) && self.word(a + 1) == "of");
        let lead = self.word(a);
        let event_cue = n >= 2
            && (self.lists(last).has(Lists::EVENT_CUE)
                || self.lists(a).has(Lists::EVENT_LEAD)
                    && known.is_none()
                    && (self.word(a + 1) == "of" || !matches!(lead, "Battle" | "Siege" | "Treaty" | "Massacre" | "Fall")));

        let mut label: Option<(Label, f32)> = None;
        if org_cue {
            label = Some((Label::Org, 0.8));
        } else if event_cue {
            label = Some((Label::Event, 0.75));
            // "the Russia-Ukraine War": names joined by a hyphen before the event's head.
            while a >= 2 && matches!(self.word(a - 1), "-" | "‐") && self.gap(a) == Some(false) && self.gap(a - 1) == Some(false) && self.is_cap(a - 2) {
                a -= 2;
            }
        } else if place_cue {
            label = Some((Label::Place, 0.8));
        } else if acronym.is_some() && known.is_none() {
            label = Some((Label::Org, 0.75));
        }

        // A year and a work noun after the run: "the Focus 2024 report".
        if label.is_none() && self.tokens.get(b).is_some_and(|t| t.kind() == TokenKind::Number) && self.gap(b) == Some(true) {
            let year = self.word(b).len() == 4;
            if year && self.single_has(b + 1, Lists::WORK_NOUN) && self.gap(b + 1) == Some(true) {
                self.push(a, b + 1, Label::Work, 0.8, Source::Rules);
                return;
            }
        }
        if label.is_none() && self.single_has(b, Lists::WORK_NOUN) && self.word(a.wrapping_sub(1)) == "the" && known.is_none() && n <= 4 {
            label = Some((Label::Work, 0.6));
        }

        let no_names_inside = !any(&|k| self.strong_name(k));
        if label.is_none() && no_names_inside && all(&|k| !self.lists(k).has(Lists::ORG_CUE)) {
            let title_before = self.title_before(a);
            let apposition = self.apposition_person(b);
            let given =
                (2..=4).contains(&n) && self.lists(a).has(Lists::GIVEN_NAME) && all(&|k| !self.is_acronym(k)) && self.given_name_leads(a, b);
            let speaks = listed(&SPEECH_FIRSTS, SPEECH_VERBS, self.word(b)) && self.gap(b) == Some(true)
                || a >= 1
                    && listed(&SPEECH_FIRSTS, SPEECH_VERBS, self.word(a - 1))
                    && self.gap(a) == Some(true)
                    && !self.is_acronym(a)
                    && !self.tokens.get(b).is_some_and(|t| t.kind() == TokenKind::Number) // "said Focus 2024"
                || self.word(b) == "’" && listed(&SPEECH_FIRSTS, SPEECH_VERBS, self.word(b + 1));
            if titled || title_before {
                label = Some((Label::Person, 0.8));
            } else if given || apposition {
                label = Some((Label::Person, 0.75));
            } else if speaks && n <= 4 {
                // ("Officials said": plural nouns are common words, stripped above.)
                label = Some(if n == 1 && self.is_acronym(a) { (Label::Org, 0.6) } else { (Label::Person, 0.65) });
            }
        }

        // Places by their context.
        if label.is_none() && known.is_none() {
            let noun_after = self.single_has(b, Lists::PLACE_NOUN) && self.gap(b) == Some(true) && self.tokens.get(b).is_some_and(|t| t.kind() == TokenKind::Word) && self.word(b).chars().all(char::is_lowercase);
            let apposition = self.word(b) == "," && matches!(self.word(b + 1), "a" | "an" | "the") && (b + 2..b + 5).any(|k| self.single_has(k, Lists::PLACE_NOUN));
            if (noun_after || apposition) && n <= 4 {
                label = Some((Label::Place, 0.8));
            }
        }

        if let Some(k) = acronym {
            let (l, s) = label.or_else(|| known.and_then(|(_, e)| e.label()).map(|l| (l, 0.9))).unwrap_or((Label::Org, 0.75));
            self.push(k, k + 1, l, s.max(0.8), Source::Rules);
            self.acronyms.insert(self.word(k).to_owned(), l);
        }

        match label {
            Some((l, s)) => {
                if known.is_some_and(|(_, e)| e.label() == Some(l)) {
                    return; // the gazetteer has it already
                }
                let s = if weak && !matches!(l, Label::Org | Label::Place | Label::Event) && !titled { s.min(0.6) } else { s };
                self.push(a, b, l, s, Source::Rules);
            }
            None if known.is_some() || covered => {}
            None if weak => {
                if kind == SentenceKind::Body && n == 1 && self.is_acronym(a) && self.org_noun_after(b) {
                    self.push(a, b, Label::Org, 0.5, Source::Rules);
                } else {
                    self.deferred.push(Deferred::new(a, b, None));
                }
            }
            None => {
                // Capitalised words with no cue: a name only if the document says so elsewhere
                // (or the tagger does), except an acronym (an organisation). (Words after a
                // locative preposition were a place at 0.45 too: "in Economy", "to Internet",
                // "to Elizabeth", "on Nickelodeon" made it right about one time in fifteen on
                // UNER, WNUT-17 and re3d, and a few times in ten on GMB news.)
                let fallback = if n == 1 && self.is_acronym(a) && self.org_noun_after(b) {
                    Some((Label::Org, 0.5))
                } else {
                    None
                };
                self.deferred.push(Deferred::new(a, b, fallback));
            }
        }
    }

    /// Whether the given name at `a` can make a person of the run `a..b`: it is no cue word
    /// itself ("Bay Ridge", "Court of Appeals"), no hyphen joins it to a word that is no given
    /// name ("Al-Arabiya", "El-Arish"), and no later word is a place, a nationality or a cue
    /// word that is no given name too ("North Darfur", "Red River Delta", "North American").
    fn given_name_leads(&self, a: usize, b: usize) -> bool {
        let cues = Lists::ORG_CUE.with(Lists::PLACE_CUE).with(Lists::EVENT_CUE);
        // (Compass words are given names on the lists, and lead place names far more often.)
        if self.lists(a).has(cues) || matches!(self.word(a), "North" | "South" | "East" | "West") {
            return false;
        }
        if matches!(self.word(a + 1), "-" | "‐") && self.gap(a + 1) == Some(false) && !self.lists(a + 2).has(Lists::GIVEN_NAME) {
            return false;
        }
        // (Small cities are left out: "Garcia", "Lund" are surnames as often.)
        let places = Lists(Lists::PLACES.0 & !Lists::CITY.0).with(Lists::CITY_LARGE).with(Lists::DEMONYM);
        (a + 1..b).all(|k| {
            let l = self.lists(k);
            l.has(Lists::GIVEN_NAME) || !l.has(cues.with(places))
        })
    }

    /// Whether a noun of an organisation's people, forces or hold ([`ORG_NOUNS`]) stands at `b`.
    fn org_noun_after(&self, b: usize) -> bool {
        self.gap(b) == Some(true) && ORG_NOUNS.contains(&self.word(b))
    }

    /// Whether the words from `b` read as the pronoun "I"'s verb: a lower-case word or a
    /// contraction ("I know", "I'm", "I ´m").
    fn pronoun_follows(&self, b: usize) -> bool {
        let w = self.word(b);
        w.starts_with(|c: char| c.is_lowercase()) || w.starts_with(['\'', '’', '´'])
    }

    /// Whether a gazetteer name that is seldom anything else starts at `k`: a country, a
    /// capital, a large city, a curated place, an organisation ("Bury" and "Jordan" are not).
    fn strong_name(&self, k: usize) -> bool {
        self.name_at(k).is_some_and(|(_, e)| {
            let strong = Lists::COUNTRY.with(Lists::CAPITAL).with(Lists::CITY_LARGE).with(Lists::PLACE).with(Lists::ORG).with(Lists::NEWS);
            e.lists.has(strong) && !e.lists.has(Lists::GIVEN_NAME)
        })
    }

    fn single_has(&self, i: usize, lists: Lists) -> bool {
        i < self.tokens.len() && self.lists(i).has(lists)
    }

    /// Whether every capitalised word of `a..b` is inside a gazetteer name.
    fn covered_by_names(&self, a: usize, b: usize) -> bool {
        let mut k = a;
        while k < b {
            match self.name_at(k) {
                Some((end, e)) if e.label().is_some() && end <= b => k = end,
                _ if !self.is_cap(k) => k += 1,
                _ => return false,
            }
        }
        true
    }

    /// A capitalised title at `a` ("President", "Prime Minister", "Gen.") followed by more of
    /// the run: the index after the title.
    fn title_at(&self, a: usize, b: usize) -> Option<usize> {
        let (end, e) = self.name_at(a)?;
        let end = if e.lists.has(Lists::TITLE) { end } else if self.lists(a).has(Lists::TITLE) { a + 1 } else { return None };
        (end < b && self.is_cap(a)).then_some(end)
    }

    /// A lower-case title right before `a`: "leader Kim Jong Un", "defense minister, Dong
    /// Jun", "spokesperson Mao Ning".
    fn title_before(&self, a: usize) -> bool {
        let lower_title = |k: usize| {
            self.single_has(k, Lists::TITLE) && self.word(k).chars().next().is_some_and(char::is_lowercase)
        };
        a >= 1 && (lower_title(a - 1) || a >= 2 && self.word(a - 1) == "," && lower_title(a - 2))
    }

    /// ", director of", ", a military analyst", ", head of" after `b`.
    fn apposition_person(&self, b: usize) -> bool {
        if self.word(b) != "," {
            return false;
        }
        let mut k = b + 1;
        if matches!(self.word(k), "a" | "an" | "the" | "former" | "who") {
            if self.word(k) == "who" {
                return false;
            }
            k += 1;
        }
        (k..k + 3).any(|t| self.single_has(t, Lists::TITLE) && self.word(t).chars().next().is_some_and(char::is_lowercase))
    }

    /// "the West": the geopolitical region.
    fn the_west(&mut self, start: usize, stop: usize) {
        for i in start + 1..stop {
            if self.bytes(i) == b"West" && self.bytes(i - 1) == b"the" && !self.is_cap(i + 1) {
                self.push(i, i + 1, Label::Place, 0.7, Source::Rules);
            }
        }
    }

    /// A quoted title next to a work noun: the assessment “Focus”.
    fn quoted_works(&mut self, start: usize, stop: usize) {
        let mut i = start;
        while i < stop {
            let w = self.bytes(i);
            let opening = w == "“".as_bytes() || w == b"\"" || w == "«".as_bytes();
            if !opening || !self.is_cap(i + 1) {
                i += 1;
                continue;
            }
            let a = i + 1;
            let mut b = a;
            while b < stop && b - a < 8 && !matches!(self.word(b), "”" | "\"" | "»" | "," | "." | "“") {
                b += 1;
            }
            let mut close = b;
            while close < stop && matches!(self.word(close), "," | ".") && close - b < 2 {
                close += 1;
            }
            if b > a && matches!(self.word(close), "”" | "\"" | "»") {
                let noun_before = (i.saturating_sub(3)..i).any(|k| self.single_has(k, Lists::WORK_NOUN));
                let noun_after = self.single_has(close + 1, Lists::WORK_NOUN);
                if noun_before || noun_after {
                    self.push(a, b, Label::Work, 0.8, Source::Rules);
                }
                i = close + 1;
            } else {
                i += 1;
            }
        }
    }

    /// A credit line: "Mikhail Klimentiev/Sputnik AFP", "Photo: Yuri Kadobnov/Getty Images".
    fn credit(&mut self, start: usize, stop: usize) {
        let mut k = start;
        while k < stop {
            if self.word(k) != "/" {
                k += 1;
                continue;
            }
            // The photographer: the capitalised words right before the slash.
            let mut a = k;
            while a > start && self.is_cap(a - 1) && (a == k || self.gap(a) == Some(true)) && !self.lists(a - 1).has(Lists::COMMON) {
                a -= 1;
            }
            let before_is_agency = self.name_at(a).is_some_and(|(end, e)| end == k && e.lists.has(Lists::NEWS.with(Lists::ORG)));
            if (1..=4).contains(&(k - a)) && self.gap(k) == Some(false) && !before_is_agency {
                self.push(a, k, Label::Person, 0.85, Source::Rules);
            }
            // The agencies: every capitalised word after it, by gazetteer names or one by one.
            let mut j = k + 1;
            while j < stop && (self.is_cap(j) || self.word(j) == "/") {
                if self.word(j) == "/" {
                    j += 1;
                    continue;
                }
                match self.name_at(j) {
                    Some((end, e)) if e.label().is_some() && end <= stop => j = end,
                    _ => {
                        // ("By Deb Price / The Detroit News": "The" is no agency.)
                        if !self.lists(j).has(Lists::COMMON) {
                            self.push(j, j + 1, Label::Org, 0.6, Source::Rules);
                        }
                        j += 1;
                    }
                }
            }
            k = j.max(k + 1); // each token is scanned once
        }
    }

    // -----------------------------------------------------------------------------------------
    // Products

    /// Model numbers stay with their product: "Shahed-136", "F-16", "Leopard 2", "Wing Loong
    /// II", "Shahed drones".
    fn products(&mut self) {
        for i in 0..self.tokens.len() {
            // (Capitalised words and words that start in lower case are `TokenKind::Word`s.)
            if self.tokens[i].kind() != TokenKind::Word {
                continue;
            }
            // Word-hyphen-number: "Shahed-136", "Su-34", "S-400", "MiG-29".
            let numbered = matches!(self.bytes(i + 1), b"-" | b"\xE2\x80\x90")
                && self.gap(i + 1) == Some(false)
                && self.gap(i + 2) == Some(false)
                && self.tokens.get(i + 2).is_some_and(|t| t.kind() == TokenKind::Number);
            // Only a model number or a product series makes a product: most words have neither,
            // and skip the tests of their case.
            if !numbered && !self.name_at(i).is_some_and(|(_, e)| e.lists.has(Lists::PRODUCT)) {
                continue;
            }
            if !(self.is_cap(i) || self.lower_camel(i)) {
                continue;
            }
            let l = self.lists(i);
            if l.has(Lists::NEVER.with(Lists::PLACES).with(Lists::DEMONYM).with(Lists::COMMON)) && !l.has(Lists::PRODUCT) {
                continue;
            }
            let w = self.word(i);
            if numbered {
                let mut end = i + 3;
                if self.gap(end) == Some(false) && self.tokens.get(end).is_some_and(|t| t.kind() == TokenKind::Word) {
                    end += 1; // "Tu-22M3" split oddly, "Kh-101s"
                }
                let score = if l.has(Lists::PRODUCT) || w.chars().count() <= 4 { 0.8 } else { 0.6 };
                self.push(i, end, Label::Product, score, Source::Rules);
                continue;
            }
            // A known series: longest gazetteer form, then a number or a product noun.
            let Some((end, e)) = self.name_at(i) else { continue };
            if !e.lists.has(Lists::PRODUCT) {
                continue;
            }
            let next = self.word(end);
            let numbered = self.gap(end) == Some(true)
                && (self.tokens.get(end).is_some_and(|t| t.kind() == TokenKind::Number) && next.len() <= 4 && !next.contains(['.', ','])
                    || ROMAN.contains(&next));
            if numbered {
                self.push(i, end + 1, Label::Product, 0.8, Source::Rules);
            } else if PRODUCT_NOUNS.contains(&next) && self.gap(end) == Some(true) && w.chars().count() >= 3 {
                self.push(i, end, Label::Product, 0.75, Source::Rules);
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Document-level consistency

    /// The folded text of tokens `first..end` (empty if there are none), into `key`: one
    /// buffer serves every key of [`Doc::consistency`].
    fn key<'k>(&self, key: &'k mut String, first: usize, end: usize) -> &'k str {
        match (self.tokens.get(first), self.tokens.get(end.wrapping_sub(1))) {
            (Some(a), Some(b)) => fold_into(key, &self.text[a.start()..b.end()]),
            _ => key.clear(),
        }
        key
    }

    /// "Norway’s military intelligence service" when the document names the "Norwegian
    /// Intelligence Service": a country's possessive and lower-case words that hold every
    /// word of an organisation named after the country's nationality, ending on its last
    /// word, are a mention of that organisation (merged by [`crate::resolve::aliases`]).
    fn descriptions(&mut self) {
        // (country, last word) -> the organisation's lower-cased words after the nationality.
        let mut orgs: HashMap<(&'static str, String), Vec<Vec<String>>> = HashMap::default();
        for p in &self.props {
            if p.label != Label::Org || p.score < 0.7 || p.end() - p.first() < 2 || p.end() - p.first() > 6 {
                continue;
            }
            let Some(country) = gazetteer::demonym_country(self.word(p.first())) else { continue };
            let words: Vec<String> = (p.first() + 1..p.end()).map(|k| self.word(k).to_lowercase()).collect();
            if let Some(last) = words.last() {
                let v = orgs.entry((country, last.clone())).or_default();
                if v.len() < 8 {
                    v.push(words);
                }
            }
        }
        if orgs.is_empty() {
            return;
        }
        for i in 0..self.tokens.len() {
            // ("'s" and "’s" are punctuation tokens, split off their word by `tokenize`; most
            // tokens are followed by none of that kind and length, and their text is not read.)
            if !self.tokens.get(i + 1).is_some_and(|t| t.kind() == TokenKind::Punct && matches!(t.span().len(), 2 | 4)) {
                continue;
            }
            let next = self.bytes(i + 1);
            if !(next == "’s".as_bytes() || next == b"'s") || self.gap(i + 1) != Some(false) {
                continue;
            }
            let Some(country) = gazetteer::country_of(self.word(i)) else { continue };
            let mut words: Vec<String> = Vec::new();
            let mut j = i + 2;
            while j < self.tokens.len() && j < i + 7 && self.gap(j) == Some(true) && self.word(j).chars().all(char::is_lowercase) && self.tokens[j].kind() == TokenKind::Word {
                words.push(self.word(j).to_owned());
                if let Some(candidates) = orgs.get(&(country, self.word(j).to_owned())) {
                    if candidates.iter().any(|org| org.iter().all(|w| words.contains(w))) {
                        self.push(i, j + 1, Label::Org, 0.9, Source::Rules);
                        break;
                    }
                }
                j += 1;
            }
        }
    }

    fn consistency(&mut self) {
        // Evidence: per string, the weight each label has from confident candidates. The keys
        // are kept end to end (16-byte entries, no heap block per key): text of distinct names
        // has a key per name, and a surname in the set below for each.
        let mut evidence = StrVotes::default();
        // The last words of confident names of people.
        let mut surnames: Strings<()> = Strings::default();
        // The keys, one at a time.
        let mut buf = String::new();
        for p in &self.props {
            if p.score < 0.5 {
                continue;
            }
            let slot = Label::ALL.iter().position(|&l| l == p.label).unwrap_or(0);
            evidence.add(self.key(&mut buf, p.first(), p.end()), slot, p.score);
            if p.label == Label::Person && p.end() - p.first() >= 2 && self.is_cap(p.end() - 1) {
                fold_into(&mut buf, self.word(p.end() - 1));
                if !surnames.contains(&buf) {
                    surnames.insert_new(&buf, ());
                }
            }
        }
        for (acronym, label) in &self.acronyms {
            let slot = Label::ALL.iter().position(|l| l == label).unwrap_or(0);
            fold_into(&mut buf, acronym);
            evidence.add(&buf, slot, 1.0);
        }
        let best = |ev: &[f32; 7]| -> Option<(Label, f32)> {
            let (k, w) = ev.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
            (*w > 0.0).then(|| (Label::ALL[k], *w))
        };
        // One label per string for the rules' guesses.
        let mut relabelled = Vec::new();
        for (n, p) in self.props.iter().enumerate() {
            if p.source != Source::Rules || p.score >= 0.8 {
                continue;
            }
            if let Some((l, _)) = evidence.get(self.key(&mut buf, p.first(), p.end())).as_ref().and_then(best) {
                if l != p.label {
                    relabelled.push((n, l));
                }
            }
        }
        for (n, l) in relabelled {
            self.props[n].label = l;
        }
        // Deferred runs: known elsewhere in the document, a surname, or their fallback.
        let deferred = std::mem::take(&mut self.deferred);
        for d in deferred {
            // "Focus" + "2024" when "Focus 2024" is known.
            if self.tokens.get(d.end()).is_some_and(|t| t.kind() == TokenKind::Number) && self.gap(d.end()) == Some(true) {
                if let Some((l, _)) = evidence.get(self.key(&mut buf, d.first(), d.end() + 1)).as_ref().and_then(best) {
                    self.push(d.first(), d.end() + 1, l, 0.7, Source::Rules);
                    continue;
                }
            }
            let k = self.key(&mut buf, d.first(), d.end());
            if let Some((l, _)) = evidence.get(k).as_ref().and_then(best) {
                self.push(d.first(), d.end(), l, 0.65, Source::Rules);
            } else if d.end() - d.first() == 1 && surnames.contains(k) {
                self.push(d.first(), d.end(), Label::Person, 0.65, Source::Rules);
            } else if let Some((l, s)) = d.fallback {
                self.push(d.first(), d.end(), l, s, Source::Rules);
            }
        }
        // Single-word person guesses that are the surname of a full name: people.
        for n in 0..self.props.len() {
            let p = self.props[n];
            if p.source == Source::Rules && p.end() - p.first() == 1 && p.label != Label::Person && p.score < 0.6 {
                fold_into(&mut buf, self.word(p.first()));
                if surnames.contains(&buf) {
                    self.props[n].label = Label::Person;
                    self.props[n].score = 0.65;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn found(text: &str) -> Vec<(String, Label)> {
        let segments = segment(text);
        let mut out = Vec::new();
        recognise(text, &segments, &mut out);
        let chosen = crate::resolve::select(text, out);
        chosen
            .into_iter()
            .filter_map(|c| match c.what {
                What::Entity(l) => Some((c.span.of(text).to_owned(), l)),
                What::Figure(_) => None,
            })
            .collect()
    }

    fn has(got: &[(String, Label)], s: &str, l: Label) -> bool {
        got.iter().any(|(t, m)| t == s && *m == l)
    }

    #[test]
    fn titles_cues_and_acronyms() {
        let got = found("Russian President Vladimir Putin met Nils Stensønes, director of the Norwegian Intelligence Service (NIS), in Moscow.");
        assert!(has(&got, "Vladimir Putin", Label::Person), "{got:?}");
        assert!(has(&got, "Russian", Label::Group), "{got:?}");
        assert!(has(&got, "Nils Stensønes", Label::Person), "{got:?}");
        assert!(has(&got, "Norwegian Intelligence Service", Label::Org), "{got:?}");
        assert!(has(&got, "NIS", Label::Org), "{got:?}");
        assert!(has(&got, "Moscow", Label::Place), "{got:?}");
    }

    #[test]
    fn sentence_starts_and_headlines_are_no_names() {
        let got = found("Meanwhile, Ukraine is short of troops.\n\nCountries Like China Giving Help\n\nAlthough China has refrained, it helps.");
        assert_eq!(got.iter().filter(|(t, _)| t == "China").count(), 2, "{got:?}");
        assert!(!got.iter().any(|(t, _)| t.contains("Meanwhile") || t.contains("Countries") || t.contains("Although")), "{got:?}");
    }

    #[test]
    fn credits_split_at_the_slash() {
        let got = found("Russian President Vladimir Putin. Mikhail Klimentiev/Sputnik AFP\n\nMore text here.");
        assert!(has(&got, "Mikhail Klimentiev", Label::Person), "{got:?}");
        assert!(has(&got, "Sputnik", Label::Org), "{got:?}");
        assert!(has(&got, "AFP", Label::Org), "{got:?}");
    }

    #[test]
    fn products_keep_their_numbers() {
        let got = found("Iran sent Shahed-136 drones, Germany Leopard 2 tanks, China Wing Loong II drones and the US F-16 jets.");
        for p in ["Shahed-136", "Leopard 2", "Wing Loong II", "F-16"] {
            assert!(has(&got, p, Label::Product), "{p}: {got:?}");
        }
    }

    #[test]
    fn greetings_pronouns_and_place_words_make_no_people() {
        let got = found("Hi David, we met at Bay Ridge.\nThe Hank Green I know lives in North Darfur, near Al-Arabiya, not in Economy.");
        assert!(has(&got, "Hank Green", Label::Person), "{got:?}");
        let person = |s: &str| got.iter().any(|(t, l)| t.contains(s) && *l == Label::Person);
        for s in ["Hi", "Bay Ridge", "North Darfur", "Al-Arabiya"] {
            assert!(!person(s), "{s}: {got:?}");
        }
        assert!(!got.iter().any(|(t, _)| t == "Economy"), "{got:?}");
    }

    #[test]
    fn verdicts_and_articles_are_no_organisations() {
        let got = found("Great Service\n\nThey fixed it in a day.\n\nPhoto: Deb Price/The Detroit News\n\nMore text here.");
        assert!(!got.iter().any(|(t, _)| t.contains("Great") || t == "The"), "{got:?}");
    }

    #[test]
    fn an_acronym_alone_is_no_organisation() {
        let got = found("Please call the vet ASAP, it is VERY urgent.\nThe town is under IS control and AU troops patrol it.");
        assert!(has(&got, "IS", Label::Org) && has(&got, "AU", Label::Org), "{got:?}");
        assert!(!got.iter().any(|(t, _)| t == "ASAP" || t == "VERY"), "{got:?}");
    }

    #[test]
    fn hostile_inputs_are_quick_and_safe() {
        let caps = "Abc ".repeat(200_000);
        let _ = found(&caps);
        let long = "x".repeat(1_000_000);
        let _ = found(&long);
        let _ = found("( ) “ ” - / , A-");
    }
}
