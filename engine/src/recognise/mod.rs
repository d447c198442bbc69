//! Stage 4: recognisers propose **candidates**, which may overlap.
//!
//! Each recogniser adds [`Candidate`]s for what it sees; none of them decides what is finally
//! highlighted. [`crate::resolve`] picks one non-overlapping set of mentions from them (as
//! spaCy keeps overlapping `spans` apart from the resolved `ents`).
//!
//! * [`figures`]: MONEY, PERCENT, QUANTITY and DATE, with normalised values;
//! * [`entities`]: PERSON, ORG, PLACE, GROUP, EVENT, WORK and PRODUCT from gazetteers and
//!   rules on capitalisation, titles and context.

pub mod entities;
pub mod figures;
pub mod tagger;

use crate::segment::Segments;
use crate::{Date, Figure, Label, Span};

/// Which recogniser proposed a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The figure recognisers.
    Figures,
    /// A gazetteer entry (countries, capitals, demonyms, known organisations...).
    Gazetteer,
    /// Rules on capitalisation, titles and context.
    Rules,
    /// The learned sequence tagger.
    Tagger,
}

/// What a candidate would be if chosen.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// A mention of an entity with this label.
    Entity(Label),
    /// A figure (its `sentence` is filled in by [`crate::resolve`]); boxed, so that the
    /// many entity candidates stay small.
    Figure(Box<Figure>),
}

/// A proposed mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Where it stands.
    pub span: Span,
    /// What it would be.
    pub what: What,
    /// Confidence, 0 to 1.
    pub score: f32,
    /// Who proposed it.
    pub source: Source,
}

/// Runs every recogniser over the document and returns all their candidates.
pub fn recognise(text: &str, segments: &Segments, published: Option<Date>) -> Vec<Candidate> {
    let Proposals { figures, entities } = propose(text, segments, published);
    let mut candidates: Vec<Candidate> = figures
        .into_iter()
        .map(|f| Candidate { span: f.span, what: What::Figure(Box::new(f)), score: 1.0, source: Source::Figures })
        .collect();
    candidates.extend(entities);
    candidates
}

/// The candidates of a document, with the figures apart (they never overlap one another).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proposals {
    /// The figures, in text order, as [`figures::recognise`] proposes them.
    pub figures: Vec<Figure>,
    /// The entity candidates of the gazetteers, the rules and the tagger.
    pub entities: Vec<Candidate>,
}

/// Runs every recogniser over the document: what [`recognise`] returns, with the figures kept
/// apart so that [`crate::resolve::resolve_proposals`] need not box and copy them.
pub fn propose(text: &str, segments: &Segments, published: Option<Date>) -> Proposals {
    // The entity recognisers run first: their working state (per-token lists, the tagger's
    // tables) peaks while the figures, which do not depend on them, are not yet held.
    let mut entities = Vec::new();
    entities::recognise(text, segments, &mut entities);
    tagger::recognise(text, segments, &mut entities);
    let figures = figures::document(text, segments, published);
    Proposals { figures, entities }
}
