//! Entities: PERSON, ORG, PLACE, GROUP, EVENT, WORK and PRODUCT.
//!
//! PLACEHOLDER: a few countries and capitalised word runs, so the pipeline runs end to end;
//! the gazetteer-and-rules recogniser replaces this module.

use super::{Candidate, Source, What};
use crate::segment::{Segments, TokenKind};
use crate::{Label, Span};

const PLACES: &[&str] = &["Russia", "Ukraine", "China", "Norway", "Iran", "Belarus", "Moscow", "Kyiv"];

/// Adds the entity candidates of the document to `out`.
pub fn recognise(text: &str, segments: &Segments, out: &mut Vec<Candidate>) {
    for t in &segments.tokens {
        if t.kind == TokenKind::Word && PLACES.contains(&t.span.of(text)) {
            out.push(Candidate { span: t.span, what: What::Entity(Label::Place), score: 0.9, source: Source::Gazetteer });
        }
    }
    let _ = Span::default();
}

/// The canonical name of a known variant ("U.S." -> "United States"), if the gazetteers know one.
pub fn canonical(_name: &str) -> Option<&'static str> {
    None
}
