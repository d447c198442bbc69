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
}

impl Report {
    /// A version-1 report of these documents.
    pub fn new(documents: Vec<DocumentReport>) -> Report {
        Report { version: VERSION, documents }
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
}

/// A span of text (a summary sentence, a sentence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanReport {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
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
        let span = |s: Span| SpanReport { start: index.char_offset(s.start), end: index.char_offset(s.end) };
        let entities = a
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityReport {
                id: format!("e{}", i + 1),
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
                    value: f.value,
                    unit: f.unit.clone(),
                    iso: f.iso.clone(),
                    sentence: f.sentence,
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
        }
    }
}
