//! Dossier's analysis engine: news text in, an [`Analysis`] out.
//!
//! The engine is a pure library (no I/O, no web dependencies) that runs natively and in
//! WebAssembly. One document passes through a pipeline of stages, each in a module named after
//! it:
//!
//! 1. [`decode`]: bytes to text (UTF-8, UTF-16, Windows-1252; HTML and Markdown reduced to
//!    their readable text); binary input is refused.
//! 2. [`published`]: the publication date the text states, when the caller gives none.
//! 3. [`segment`]: paragraphs, sentences and tokens.
//! 4. [`recognise`]: figures (MONEY, PERCENT, QUANTITY, DATE) and entities (PERSON, ORG, PLACE,
//!    GROUP, EVENT, WORK, PRODUCT) as *overlapping candidates*.
//! 5. [`resolve`]: one non-overlapping set of mentions; aliases merged into one entity per
//!    real-world thing.
//! 6. [`summarise`]: salience, key figures and the sentences that sum the article up.
//! 7. [`quotes`]: direct quotations and who said them.
//!
//! [`story`] compares the analyses of several documents on the same story.
//!
//! Every position inside the engine is a byte [`Span`]; [`contract`] converts them to Unicode
//! code points for the JSON contract that the CLI prints and the app exports.
//!
//! # Example
//!
//! ```
//! use dossier_engine::{analyse, Options, Label, FigureKind};
//!
//! let text = "Russia's defense budget of $118.5 billion for 2024 is unprecedented, \
//!             Nils Stensønes said on Monday.";
//! let analysis = analyse(text, &Options::default());
//!
//! let money = analysis.figures.iter().find(|f| f.kind == FigureKind::Money).unwrap();
//! assert_eq!(money.span.of(&analysis.text), "$118.5 billion");
//! assert_eq!(money.value(), Some(118.5e9));
//! assert_eq!(money.unit(), Some("USD"));
//!
//! assert!(analysis.entities.iter().any(|e| e.label == Label::Place && e.name == "Russia"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod contract;
pub mod date;
pub mod decode;
mod figure;
mod grow;
pub mod published;
pub mod quotes;
pub mod recognise;
pub mod resolve;
pub mod segment;
pub mod span;
pub mod story;
pub mod summarise;

pub use date::Date;
pub use figure::{Figure, FigureContext};
pub use quotes::Quote;
pub use span::Span;

use std::fmt;

/// Largest input, in bytes, that the engine analyses; larger input is refused by [`decode`].
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// The kind of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// A person, real or fictional.
    Person,
    /// A company, agency, institution, party, team or other organisation.
    Org,
    /// A country, region, city, village, body of water or other place.
    Place,
    /// Nationalities, political or religious groups ("Russian", "Republicans").
    Group,
    /// Named events: wars, summits, elections, storms.
    Event,
    /// Named works: reports, laws, publications, books, films.
    Work,
    /// Products: weapons, vehicles, devices, software.
    Product,
}

impl Label {
    /// All labels, in display order.
    pub const ALL: [Label; 7] = [
        Label::Person,
        Label::Org,
        Label::Place,
        Label::Group,
        Label::Event,
        Label::Work,
        Label::Product,
    ];

    /// The contract name: `PERSON`, `ORG`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Place => "PLACE",
            Label::Group => "GROUP",
            Label::Event => "EVENT",
            Label::Work => "WORK",
            Label::Product => "PRODUCT",
        }
    }

    /// The label of a contract name.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FigureKind {
    /// An amount of money; `unit` is an ISO 4217 code.
    Money,
    /// A percentage or percentage points; `value` = 61 for "61%".
    Percent,
    /// A count or measure; `unit` is what is counted or measured.
    Quantity,
    /// A date, period, open range or duration; `iso` holds the resolved value when known.
    Date,
}

impl FigureKind {
    /// All figure kinds, in display order.
    pub const ALL: [FigureKind; 4] =
        [FigureKind::Money, FigureKind::Percent, FigureKind::Quantity, FigureKind::Date];

    /// The contract name: `MONEY`, `PERCENT`, `QUANTITY`, `DATE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "MONEY",
            FigureKind::Percent => "PERCENT",
            FigureKind::Quantity => "QUANTITY",
            FigureKind::Date => "DATE",
        }
    }

    /// The kind of a contract name.
    pub fn parse(s: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for FigureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One real-world thing named in the document, with all its mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// What kind of entity this is.
    pub label: Label,
    /// Its canonical name: the fullest form used in the text (or a known canonical form).
    pub name: String,
    /// The other forms it is mentioned by, distinct from `name`, in order of first use.
    pub aliases: Vec<String>,
    /// How central it is to the document, 0 to 1 (1 for the most salient entity).
    pub salience: f64,
    /// Where it is mentioned, in text order.
    pub mentions: Vec<Span>,
}

/// What a resolved mention refers to. The indexes are `u32`s (a document has far fewer
/// entities and figures than [`segment::Token::MAX_OFFSET`]), so that a [`Mention`] is 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referent {
    /// Index into [`Analysis::entities`].
    Entity(u32),
    /// Index into [`Analysis::figures`].
    Figure(u32),
}

/// A resolved mention: one of the document's non-overlapping highlighted spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where it stands.
    pub span: Span,
    /// The entity or figure it belongs to.
    pub referent: Referent,
}

/// Caller-supplied settings for one analysis.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The publication date, when the caller knows it; otherwise the engine looks for one in the
    /// text ([`published::find`]).
    pub published: Option<Date>,
}

/// The result of analysing one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The decoded text every span indexes.
    pub text: String,
    /// The publication date relative dates were resolved against, if any.
    pub published: Option<Date>,
    /// Paragraphs, in order.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order; headlines and captions are sentences of their own.
    pub sentences: Vec<Span>,
    /// Entities, most salient first.
    pub entities: Vec<Entity>,
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// Every entity and figure mention, sorted and non-overlapping.
    pub mentions: Vec<Mention>,
    /// The sentences that best sum the document up (at most three), in text order.
    pub summary: Vec<Span>,
    /// Direct quotations and their speakers, in text order ([`quotes`]).
    pub quotes: Vec<Quote>,
}

/// Analyses `text`: the whole pipeline after decoding.
pub fn analyse(text: &str, options: &Options) -> Analysis {
    analyse_owned(text.to_owned(), options)
}

/// Analyses `text`, keeping it in the result without a copy.
pub fn analyse_owned(text: String, options: &Options) -> Analysis {
    let published = options.published.or_else(|| published::find(&text));
    let segments = segment::segment(&text);
    let proposals = recognise::propose(&text, &segments, published);
    let resolve::Resolved { entities, mut figures } = resolve::resolve_proposals(&text, &segments, proposals);
    // The figures were grown while proposed and filtered in place: give the slack back before
    // the result's other parts are built (0.4x the input for news text).
    figures.shrink_to_fit();
    let summary = summarise::summarise_owned(&text, &segments, entities, &figures);
    let quotes = quotes::quotes(&text, &segments, &summary.entities, &summary.mentions);
    recognise::figures::context::annotate(&text, &segments, &mut figures, &summary.mentions);
    Analysis {
        text,
        published,
        paragraphs: segments.paragraphs,
        sentences: segments.sentences.iter().map(|s| s.span).collect(),
        entities: summary.entities,
        figures,
        mentions: summary.mentions,
        summary: summary.sentences,
        quotes,
    }
}

/// Decodes `bytes` (see [`decode::decode`]; `name` gives the format by its extension) and
/// analyses the text.
pub fn analyse_bytes(
    bytes: &[u8],
    name: &str,
    options: &Options,
) -> Result<Analysis, decode::DecodeError> {
    let decoded = decode::decode(bytes, name)?;
    Ok(analyse_owned(decoded.text, options))
}

#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    /// The sizes DESIGN.md ("Memory") counts on: figures are what crammed text holds most.
    #[test]
    fn figures_stay_small() {
        assert_eq!(std::mem::size_of::<super::Span>(), 8);
        assert_eq!(std::mem::size_of::<super::Figure>(), 48);
        assert_eq!(std::mem::size_of::<super::Mention>(), 16);
    }
}
