//! Stage 5: from overlapping candidates to one set of mentions, and from mentions to entities.
//!
//! 1. **Overlaps** ([`select`]): candidates are taken greedily by weight (length in characters
//!    times confidence), heaviest first, and one that overlaps a span already taken is dropped.
//!    A figure and an entity never cut each other: "Shahed-136" as a product outweighs the
//!    "136" inside it, "September 13, 2023" outweighs an entity "September". Equal weights are
//!    broken by position, then by kind (figures first), so the result is deterministic.
//! 2. **Aliases** ([`aliases`]): entity mentions are grouped into one entity per real-world thing
//!    (surname to full name, acronym to expansion, diacritics, known variants, possessives).
//! 3. Each figure learns the sentence it stands in.

pub mod aliases;

use std::collections::BTreeMap;

use crate::recognise::{Candidate, What};
use crate::segment::Segments;
use crate::{Entity, Figure, Label, Span};

/// The resolved mentions of a document, before salience is known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    /// Entities, in order of first mention; `salience` is still 0.
    pub entities: Vec<Entity>,
    /// Figures, in text order, with their sentence.
    pub figures: Vec<Figure>,
}

/// Resolves the candidates of a document.
pub fn resolve(text: &str, segments: &Segments, candidates: Vec<Candidate>) -> Resolved {
    let chosen = select(text, candidates);
    let mut figures = Vec::new();
    let mut entity_mentions: Vec<(Span, Label)> = Vec::new();
    for c in chosen {
        match c.what {
            What::Figure(f) => {
                let mut f = *f;
                f.span = c.span;
                f.sentence = segments.sentence_at(c.span.start).unwrap_or(0);
                figures.push(f);
            }
            What::Entity(label) => entity_mentions.push((c.span, label)),
        }
    }
    let entities = aliases::group(text, &entity_mentions);
    Resolved { entities, figures }
}

/// Picks a non-overlapping subset of `candidates`, returned in text order.
pub fn select(text: &str, mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.retain(|c| {
        !c.span.is_empty()
            && c.span.end <= text.len()
            && text.is_char_boundary(c.span.start)
            && text.is_char_boundary(c.span.end)
    });
    let weight = |c: &Candidate| c.span.of(text).chars().count() as f32 * c.score.clamp(0.0, 1.0);
    let mut order: Vec<(f32, usize)> = candidates.iter().enumerate().map(|(i, c)| (weight(c), i)).collect();
    order.sort_by(|a, b| {
        let (ca, cb) = (&candidates[a.1], &candidates[b.1]);
        b.0.total_cmp(&a.0)
            .then(ca.span.start.cmp(&cb.span.start))
            .then(kind_rank(ca).cmp(&kind_rank(cb)))
            .then(a.1.cmp(&b.1))
    });
    // Taken spans by start; since they never overlap, the neighbours decide.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new(); // start -> end
    let mut keep = vec![false; candidates.len()];
    for (_, i) in order {
        let span = candidates[i].span;
        let before = taken.range(..=span.start).next_back().is_some_and(|(_, &end)| end > span.start);
        let after = taken.range(span.start..span.end).next().is_some();
        if !before && !after {
            taken.insert(span.start, span.end);
            keep[i] = true;
        }
    }
    let mut chosen: Vec<Candidate> = candidates.into_iter().zip(keep).filter_map(|(c, k)| k.then_some(c)).collect();
    chosen.sort_by_key(|c| (c.span.start, c.span.end));
    chosen
}

fn kind_rank(c: &Candidate) -> u8 {
    match c.what {
        What::Figure(_) => 0,
        What::Entity(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognise::Source;
    use crate::FigureKind;

    fn entity(start: usize, end: usize, label: Label, score: f32) -> Candidate {
        Candidate { span: Span::new(start, end), what: What::Entity(label), score, source: Source::Rules }
    }

    #[test]
    fn longer_names_swallow_the_numbers_inside() {
        let text = "the Shahed-136 drone";
        let fig = Figure { kind: FigureKind::Quantity, span: Span::new(11, 14), value: Some(136.0), unit: None, iso: None, sentence: 0, subject: None, about: None, period: None };
        let c = vec![
            Candidate { span: fig.span, what: What::Figure(Box::new(fig.clone())), score: 1.0, source: Source::Figures },
            entity(4, 14, Label::Product, 0.8),
        ];
        let chosen = select(text, c);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].span.of(text), "Shahed-136");
    }

    #[test]
    fn selection_is_non_overlapping_and_sorted() {
        let text = "Nils Andreas Stensones said";
        let c = vec![entity(0, 4, Label::Person, 1.0), entity(0, 22, Label::Person, 0.7), entity(13, 22, Label::Person, 1.0)];
        let chosen = select(text, c);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].span, Span::new(0, 22));
    }
}
