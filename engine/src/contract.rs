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

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the report serialises")
    }

    /// Indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serialises")
    }
}

/// A [`Report`] of one document, borrowed: the same JSON without the document's copy.
#[derive(Serialize)]
struct OneDocument<'a> {
    version: u32,
    documents: [&'a DocumentReport; 1],
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
    /// The compact JSON of a [`Report`] of this one document (what
    /// `Report::new(vec![self.clone()]).to_json()` gives, without cloning the report).
    ///
    /// ```
    /// use dossier_engine::{analyse, contract::{DocumentReport, Report}, Options};
    ///
    /// let analysis = analyse("Nils Stensønes said on Monday that NIS paid $2 million.", &Options::default());
    /// let report = DocumentReport::from_analysis("a.txt", &analysis);
    /// assert_eq!(report.to_report_json(), Report::new(vec![report.clone()]).to_json());
    /// ```
    pub fn to_report_json(&self) -> String {
        serde_json::to_string(&OneDocument { version: VERSION, documents: [self] }).expect("the report serialises")
    }

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
