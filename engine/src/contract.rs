//! The JSON contract, version 1: what the CLI prints and the app exports.
//!
//! Offsets here are **Unicode code points** into the decoded text, end exclusive: the one
//! place where the engine's byte offsets are converted. Fields may be added in later versions;
//! none of the fields below may change meaning.
//!
//! ```
//! use dossier_engine::{analyse, contract::{Report, DocumentReport}, Options};
//!
//! let analysis = analyse("Stensønes spoke in Oslo on Monday.", &Options::default());
//! let report = Report::new(vec![DocumentReport::from_analysis("a.txt", &analysis)]);
//! let json = report.to_json();
//! let back: Report = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, report);
//! ```

use serde::{Deserialize, Serialize, Serializer};

use crate::span::CharIndex;
use crate::{Analysis, Span};

/// The version this module writes.
pub const VERSION: u32 = 1;

/// The whole output: one report per file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`VERSION`].
    pub version: u32,
    /// One entry per input, in the order given.
    pub documents: Vec<DocumentReport>,
    /// The documents compared, when two or more were analysed ([`crate::story`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<StoryReport>,
}

impl Report {
    /// A version-1 report of these documents.
    pub fn new(documents: Vec<DocumentReport>) -> Report {
        Report { version: VERSION, documents, story: None }
    }

    /// A version-1 report of these documents with their [`story`](StoryReport) when two or more
    /// of them were analysed; `analyses[i]` is the analysis of `documents[i]`, `None` for a
    /// document that could not be analysed.
    pub fn with_story(documents: Vec<DocumentReport>, analyses: &[Option<&Analysis>]) -> Report {
        let story = StoryReport::from_analyses(analyses);
        Report { version: VERSION, documents, story }
    }

    /// Compact JSON: the bytes `serde_json::to_string` writes of the report, written straight
    /// from its fields ([`Json`]); the story, when there is one, through `serde_json`.
    pub fn to_json(&self) -> String {
        let mut json = Json::with_capacity(64 + self.documents.iter().map(Json::size_of).sum::<usize>());
        json.raw("{\"version\":");
        json.uint(u64::from(self.version));
        json.raw(",\"documents\":[");
        for (i, d) in self.documents.iter().enumerate() {
            if i > 0 {
                json.raw(",");
            }
            json.document(d);
        }
        json.raw("]");
        if let Some(story) = &self.story {
            json.raw(",\"story\":");
            json.serde(story);
        }
        json.raw("}");
        json.finish()
    }

    /// Indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serialises")
    }
}

/// One document's analysis, or why it could not be analysed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// The file name (or a name the user gave the text).
    pub name: String,
    /// Length of the decoded text in code points.
    pub chars: usize,
    /// The publication date relative dates were resolved against (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// Why this file could not be analysed; `null` when it was.
    pub error: Option<String>,
    /// Entities, most salient first.
    pub entities: Vec<EntityReport>,
    /// Figures, in text order.
    pub figures: Vec<FigureReport>,
    /// The summary sentences, in text order.
    pub summary: Vec<SpanReport>,
    /// Every sentence, in order (figures' `sentence` indexes this list).
    #[serde(default)]
    pub sentences: Vec<SpanReport>,
    /// Direct quotations and their speakers, in text order.
    #[serde(default)]
    pub quotes: Vec<QuoteReport>,
}

/// A direct quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteReport {
    /// Start of the quoted words (inside the quote marks), in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The quoted words as written.
    pub text: String,
    /// The id (`e3`) of the entity who said it; `null` when unknown.
    pub speaker: Option<String>,
    /// The word attributing it (`said`, `told`, `according to`); `null` when it inherits its
    /// speaker from the quote before or after it, or has no attribution.
    pub cue: Option<String>,
}

/// The comparison of two or more documents on one story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryReport {
    /// One row per real-world entity across the documents.
    pub entities: Vec<StoryEntityReport>,
    /// Figures grouped by what they measure.
    pub figures: Vec<StoryFigureReport>,
    /// Forms worth a second look.
    pub variants: Vec<VariantReport>,
    /// Quotations reported by more than one document.
    pub quotes: Vec<StoryQuoteReport>,
}

/// An entity across documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryEntityReport {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// Other forms used in any document.
    pub aliases: Vec<String>,
    /// The documents naming it.
    pub documents: Vec<StoryEntityDocReport>,
}

/// One document's entity in a story entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryEntityDocReport {
    /// Index into `documents`.
    pub doc: usize,
    /// The entity's id in that document (`e3`).
    pub entity: String,
    /// Its number of mentions in that document.
    pub mentions: usize,
}

/// A measure reported by one or more documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryFigureReport {
    /// What is measured, when known.
    pub subject: Option<String>,
    /// Whom or what it is about, when known.
    pub about: Option<String>,
    /// `same`, `differs` or `single`.
    pub agreement: String,
    /// The figures.
    pub reports: Vec<StoryFigureRefReport>,
}

/// One document's figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryFigureRefReport {
    /// Index into `documents`.
    pub doc: usize,
    /// Index into that document's `figures`.
    pub figure: usize,
}

/// Forms worth a second look.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantReport {
    /// The forms as written.
    pub forms: Vec<String>,
    /// Indices into `documents` of the documents using them.
    pub docs: Vec<usize>,
    /// `spelling` or `similar`.
    pub why: String,
}

/// A quotation reported by several documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryQuoteReport {
    /// The speaker's name, when the documents agree on one.
    pub speaker: Option<String>,
    /// The quotes.
    pub reports: Vec<StoryQuoteRefReport>,
}

/// One document's quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryQuoteRefReport {
    /// Index into `documents`.
    pub doc: usize,
    /// Index into that document's `quotes`.
    pub quote: usize,
}

impl StoryReport {
    /// The story of the analysed documents (`analyses[i]` belongs to `documents[i]`), or `None`
    /// when fewer than two were analysed.
    pub fn from_analyses(analyses: &[Option<&Analysis>]) -> Option<StoryReport> {
        let index: Vec<usize> = analyses.iter().enumerate().filter_map(|(i, a)| a.map(|_| i)).collect();
        if index.len() < 2 {
            return None;
        }
        let docs: Vec<&Analysis> = analyses.iter().flatten().copied().collect();
        let s = crate::story::story(&docs);
        Some(StoryReport {
            entities: s
                .entities
                .iter()
                .map(|e| StoryEntityReport {
                    name: e.name.clone(),
                    label: e.label.as_str().to_owned(),
                    aliases: e.aliases.clone(),
                    documents: e
                        .documents
                        .iter()
                        .map(|m| StoryEntityDocReport { doc: index[m.doc], entity: format!("e{}", m.entity + 1), mentions: m.mentions })
                        .collect(),
                })
                .collect(),
            figures: s
                .figures
                .iter()
                .map(|f| StoryFigureReport {
                    subject: f.subject.clone(),
                    about: f.about.clone(),
                    agreement: f.agreement.as_str().to_owned(),
                    reports: f.reports.iter().map(|r| StoryFigureRefReport { doc: index[r.doc], figure: r.figure }).collect(),
                })
                .collect(),
            variants: s
                .variants
                .iter()
                .map(|v| VariantReport { forms: v.forms.clone(), docs: v.docs.iter().map(|&d| index[d]).collect(), why: v.why.as_str().to_owned() })
                .collect(),
            quotes: s
                .quotes
                .iter()
                .map(|q| StoryQuoteReport {
                    speaker: q.speaker.clone(),
                    reports: q.reports.iter().map(|r| StoryQuoteRefReport { doc: index[r.doc], quote: r.quote }).collect(),
                })
                .collect(),
        })
    }
}

/// An entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityReport {
    /// `e1`, `e2`, ... in salience order.
    pub id: String,
    /// `PERSON`, `ORG`, `PLACE`, `GROUP`, `EVENT`, `WORK` or `PRODUCT`.
    pub label: String,
    /// Canonical name.
    pub name: String,
    /// Other forms used in the text.
    pub aliases: Vec<String>,
    /// 0 to 1.
    pub salience: f64,
    /// Every mention, in text order.
    pub mentions: Vec<MentionReport>,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionReport {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The text as written.
    pub text: String,
}

/// A figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureReport {
    /// `MONEY`, `PERCENT`, `QUANTITY` or `DATE`.
    pub kind: String,
    /// The text as written.
    pub text: String,
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The normalised number (integers are written without a fraction).
    #[serde(serialize_with = "number")]
    pub value: Option<f64>,
    /// ISO 4217 code for money; the counted noun for quantities.
    pub unit: Option<String>,
    /// The resolved date or period for dates.
    pub iso: Option<String>,
    /// Index into the document's sentences.
    pub sentence: usize,
    /// What the figure measures ("defense budget"), when its sentence says.
    #[serde(default)]
    pub subject: Option<String>,
    /// The id of the entity the measure belongs to ("e1" for Russia), when its sentence says.
    #[serde(default)]
    pub about: Option<String>,
    /// The time the figure applies to ("2024", "2023/.."), when its sentence says.
    #[serde(default)]
    pub period: Option<String>,
}

/// A span of text (a summary sentence, a sentence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanReport {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
}

/// The id of the entity at `index`: `e1` for the first (as `format!("e{}", index + 1)` writes
/// it, without the formatting machinery).
fn entity_id(index: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = index + 1;
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut id = String::with_capacity(1 + digits.len() - at);
    id.push('e');
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// Writes whole numbers as JSON integers (118500000000, not 118500000000.0).
fn number<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 => s.serialize_i64(*v as i64),
        Some(v) if v.is_finite() => s.serialize_f64(*v),
        _ => s.serialize_none(),
    }
}

impl DocumentReport {
    /// The report of an analysed document.
    pub fn from_analysis(name: &str, a: &Analysis) -> DocumentReport {
        let index = CharIndex::new(&a.text);
        let span = |s: Span| SpanReport { start: index.char_offset(s.start()), end: index.char_offset(s.end()) };
        let entities = a
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityReport {
                id: entity_id(i),
                label: e.label.as_str().to_owned(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                salience: e.salience,
                mentions: e
                    .mentions
                    .iter()
                    .map(|&m| {
                        let SpanReport { start, end } = span(m);
                        MentionReport { start, end, text: m.of(&a.text).to_owned() }
                    })
                    .collect(),
            })
            .collect();
        let figures = a
            .figures
            .iter()
            .map(|f| {
                let SpanReport { start, end } = span(f.span);
                FigureReport {
                    kind: f.kind.as_str().to_owned(),
                    text: f.span.of(&a.text).to_owned(),
                    start,
                    end,
                    value: f.value(),
                    unit: f.unit().map(str::to_owned),
                    iso: f.iso().map(str::to_owned),
                    sentence: f.sentence as usize,
                    subject: f.subject().map(str::to_owned),
                    about: f.about().map(entity_id),
                    period: f.period().map(str::to_owned),
                }
            })
            .collect();
        DocumentReport {
            name: name.to_owned(),
            chars: index.char_offset(a.text.len()),
            published: a.published.map(|d| d.to_string()),
            error: None,
            entities,
            figures,
            summary: a.summary.iter().map(|&s| span(s)).collect(),
            sentences: a.sentences.iter().map(|&s| span(s)).collect(),
            quotes: a
                .quotes
                .iter()
                .map(|q| {
                    let SpanReport { start, end } = span(q.span);
                    QuoteReport {
                        start,
                        end,
                        text: q.span.of(&a.text).to_owned(),
                        speaker: q.speaker.map(entity_id),
                        cue: q.cue.clone(),
                    }
                })
                .collect(),
        }
    }

    /// The report of a document that could not be analysed.
    pub fn from_error(name: &str, error: &str) -> DocumentReport {
        DocumentReport {
            name: name.to_owned(),
            chars: 0,
            published: None,
            error: Some(error.to_owned()),
            entities: Vec::new(),
            figures: Vec::new(),
            summary: Vec::new(),
            sentences: Vec::new(),
            quotes: Vec::new(),
        }
    }
}

/// The compact JSON of a [`Report`], written field by field in the order, and with the
/// escapes and number forms, of `serde_json`'s derived serialisation: no serialiser calls
/// per key, and strings with nothing to escape (nearly all) copied whole. Floats go through
/// `serde_json` itself, so that they read exactly as it writes them. The bytes are gathered
/// in a `Vec<u8>` (a byte pushed is a byte written) and checked as UTF-8 once at the end.
struct Json {
    out: Vec<u8>,
}

impl Json {
    fn with_capacity(bytes: usize) -> Json {
        Json { out: Vec::with_capacity(bytes) }
    }

    /// The JSON written.
    fn finish(self) -> String {
        // Only `str`s and ASCII were written.
        String::from_utf8(self.out).expect("the JSON is UTF-8")
    }

    /// About how many bytes the JSON of `d` takes (its fixed parts and strings), so that the
    /// output is allocated once.
    fn size_of(d: &DocumentReport) -> usize {
        let entities: usize = d
            .entities
            .iter()
            .map(|e| {
                96 + e.name.len()
                    + e.aliases.iter().map(|a| a.len() + 3).sum::<usize>()
                    + e.mentions.iter().map(|m| 40 + m.text.len()).sum::<usize>()
            })
            .sum();
        let figures: usize = d
            .figures
            .iter()
            .map(|f| {
                let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
                160 + f.text.len() + opt(&f.unit) + opt(&f.iso) + opt(&f.subject) + opt(&f.about) + opt(&f.period)
            })
            .sum();
        let spans = (d.summary.len() + d.sentences.len()) * 32;
        let quotes: usize = d.quotes.iter().map(|q| 72 + q.text.len()).sum();
        256 + d.name.len() + entities + figures + spans + quotes
    }

    /// Appends `s` as it is.
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Appends `n` in decimal.
    fn uint(&mut self, mut n: u64) {
        if n < 10 {
            self.out.push(b'0' + n as u8);
            return;
        }
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        while n > 0 {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        // Byte by byte: a handful, where a copy of a slice of unknown length calls `memcpy`.
        for &d in &digits[at..] {
            self.out.push(d);
        }
    }

    /// Appends `s` as a JSON string, escaped as `serde_json` escapes it: `"` and `\` with a
    /// backslash, control characters as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx`.
    fn str(&mut self, s: &str) {
        let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        let bytes = s.as_bytes();
        self.out.push(b'"');
        // A fold rather than `any`: no early exit, so that it can run on several bytes at once.
        if !bytes.iter().fold(false, |seen, &b| seen | escaped(b)) {
            self.out.extend_from_slice(bytes);
        } else {
            for &b in bytes {
                let escape: &[u8] = match b {
                    b'"' => b"\\\"",
                    b'\\' => b"\\\\",
                    0x08 => b"\\b",
                    b'\t' => b"\\t",
                    b'\n' => b"\\n",
                    0x0C => b"\\f",
                    b'\r' => b"\\r",
                    0..=0x1F => {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        self.out.extend_from_slice(b"\\u00");
                        self.out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
                        continue;
                    }
                    _ => {
                        self.out.push(b);
                        continue;
                    }
                };
                self.out.extend_from_slice(escape);
            }
        }
        self.out.push(b'"');
    }

    /// Appends `s` as a JSON string, or `null`.
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// Appends `value` as `serde_json` writes it.
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        serde_json::to_writer(&mut self.out, value).expect("the report serialises");
    }

    /// Appends `"start":S,"end":E`.
    fn start_end(&mut self, start: usize, end: usize) {
        self.raw("\"start\":");
        self.uint(start as u64);
        self.raw(",\"end\":");
        self.uint(end as u64);
    }

    /// Appends a list, each item written by `item`.
    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Json, &T)) {
        self.raw("[");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            item(self, x);
        }
        self.raw("]");
    }

    fn span(&mut self, s: &SpanReport) {
        self.raw("{");
        self.start_end(s.start, s.end);
        self.raw("}");
    }

    fn document(&mut self, d: &DocumentReport) {
        self.raw("{\"name\":");
        self.str(&d.name);
        self.raw(",\"chars\":");
        self.uint(d.chars as u64);
        self.raw(",\"published\":");
        self.opt_str(d.published.as_deref());
        self.raw(",\"error\":");
        self.opt_str(d.error.as_deref());
        self.raw(",\"entities\":");
        self.list(&d.entities, Json::entity);
        self.raw(",\"figures\":");
        self.list(&d.figures, Json::figure);
        self.raw(",\"summary\":");
        self.list(&d.summary, Json::span);
        self.raw(",\"sentences\":");
        self.list(&d.sentences, Json::span);
        self.raw(",\"quotes\":");
        self.list(&d.quotes, Json::quote);
        self.raw("}");
    }

    fn entity(&mut self, e: &EntityReport) {
        self.raw("{\"id\":");
        self.str(&e.id);
        self.raw(",\"label\":");
        self.str(&e.label);
        self.raw(",\"name\":");
        self.str(&e.name);
        self.raw(",\"aliases\":");
        self.list(&e.aliases, |j, a| j.str(a));
        self.raw(",\"salience\":");
        self.serde(&e.salience);
        self.raw(",\"mentions\":");
        self.list(&e.mentions, |j, m| {
            j.raw("{");
            j.start_end(m.start, m.end);
            j.raw(",\"text\":");
            j.str(&m.text);
            j.raw("}");
        });
        self.raw("}");
    }

    fn figure(&mut self, f: &FigureReport) {
        self.raw("{\"kind\":");
        self.str(&f.kind);
        self.raw(",\"text\":");
        self.str(&f.text);
        self.raw(",");
        self.start_end(f.start, f.end);
        self.raw(",\"value\":");
        // As `number` writes it.
        match f.value {
            Some(v) if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 => {
                let n = v as i64;
                if n < 0 {
                    self.raw("-");
                }
                self.uint(n.unsigned_abs());
            }
            Some(v) if v.is_finite() => self.serde(&v),
            _ => self.raw("null"),
        }
        self.raw(",\"unit\":");
        self.opt_str(f.unit.as_deref());
        self.raw(",\"iso\":");
        self.opt_str(f.iso.as_deref());
        self.raw(",\"sentence\":");
        self.uint(f.sentence as u64);
        self.raw(",\"subject\":");
        self.opt_str(f.subject.as_deref());
        self.raw(",\"about\":");
        self.opt_str(f.about.as_deref());
        self.raw(",\"period\":");
        self.opt_str(f.period.as_deref());
        self.raw("}");
    }

    fn quote(&mut self, q: &QuoteReport) {
        self.raw("{");
        self.start_end(q.start, q.end);
        self.raw(",\"text\":");
        self.str(&q.text);
        self.raw(",\"speaker\":");
        self.opt_str(q.speaker.as_deref());
        self.raw(",\"cue\":");
        self.opt_str(q.cue.as_deref());
        self.raw("}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyse, Options};

    /// What `serde_json` writes of the report, which [`Report::to_json`] must write too.
    fn serde_json_of(report: &Report) -> String {
        serde_json::to_string(report).expect("the report serialises")
    }

    #[test]
    fn json_is_serde_jsons_byte_for_byte() {
        let texts = [
            include_str!("../../assets/example-voa.txt"),
            "Russia's defense budget of $118.5 billion for 2024 is unprecedented, Nils Stensønes said on Monday. \
             “It grew by 61%,” he said. The \"Focus\" report\\n cost -3 million euros.\t\u{1}\u{1f}\u{7f}\r\n\u{c}\u{8}",
            "",
        ];
        let analyses: Vec<Analysis> = texts.iter().map(|t| analyse(t, &Options::default())).collect();
        let documents: Vec<DocumentReport> =
            analyses.iter().enumerate().map(|(i, a)| DocumentReport::from_analysis(&format!("\"{i}\\.txt\n"), a)).collect();
        let one = Report::new(documents.clone());
        assert_eq!(one.to_json(), serde_json_of(&one));
        let story = Report::with_story(documents.clone(), &analyses.iter().map(Some).collect::<Vec<_>>());
        assert!(story.story.is_some());
        assert_eq!(story.to_json(), serde_json_of(&story));
        let failed = Report::new(vec![DocumentReport::from_error("x\u{0}.pdf", "binary \"input\"")]);
        assert_eq!(failed.to_json(), serde_json_of(&failed));
        assert_eq!(Report::new(Vec::new()).to_json(), serde_json_of(&Report::new(Vec::new())));
    }

    #[test]
    fn entity_ids_count_from_one() {
        for i in [0, 1, 8, 9, 10, 99, 12_345, usize::MAX - 1] {
            assert_eq!(entity_id(i), format!("e{}", i + 1));
        }
    }

    #[test]
    fn json_numbers_are_serde_jsons() {
        let mut d = DocumentReport::from_analysis("n", &analyse("It cost $5 million, 2.5% more.", &Options::default()));
        assert!(!d.figures.is_empty());
        let template = d.figures[0].clone();
        let values = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 1e-7, 118.5e9, 9.007_199_254_740_992e15, -9.0e15, 1e300, f64::MIN_POSITIVE];
        let odd = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
        d.figures = values.iter().chain(&odd).map(|&v| FigureReport { value: Some(v), ..template.clone() }).collect();
        d.figures.push(FigureReport { value: None, unit: None, iso: Some("2024-01".into()), ..template.clone() });
        d.entities.iter_mut().zip(values.iter().chain(&odd).cycle()).for_each(|(e, &v)| e.salience = v);
        d.chars = usize::MAX;
        let report = Report::new(vec![d]);
        assert_eq!(report.to_json(), serde_json_of(&report));
    }
}
