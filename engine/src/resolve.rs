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
pub(crate) mod fast_hash;

use crate::recognise::{Candidate, Proposals, What};
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
    let n_figures = chosen.iter().filter(|c| matches!(c.what, What::Figure(_))).count();
    let mut figures: Vec<Figure> = Vec::new();
    let mut entity_mentions: Vec<(Span, Label)> = Vec::with_capacity(chosen.len() - n_figures);
    for c in chosen {
        match c.what {
            What::Figure(f) => {
                // Grown by a quarter at a time as the candidates' boxes are freed, so that the
                // figures are not held twice.
                if figures.len() == figures.capacity() {
                    figures.reserve_exact((figures.capacity() / 4).max(64).min(n_figures - figures.len()));
                }
                let mut f = *f;
                f.span = c.span;
                f.sentence = segments.sentence_at(c.span.start()).unwrap_or(0) as u32;
                figures.push(f);
            }
            What::Entity(label) => entity_mentions.push((c.span, label)),
        }
    }
    let entities = aliases::group(text, &entity_mentions);
    Resolved { entities, figures }
}

/// Resolves the proposals of a document: [`resolve`] with the figures kept apart from the
/// entity candidates, so that they are filtered in place rather than boxed and copied.
pub fn resolve_proposals(text: &str, segments: &Segments, proposals: Proposals) -> Resolved {
    let Proposals { mut figures, entities: candidates } = proposals;
    let n = figures.len();
    let keep = choose_by(text, n + candidates.len(), |i| match i.checked_sub(n) {
        None => Item { span: figures[i].span, score: 1.0, rank: 0 },
        Some(k) => Item { span: candidates[k].span, score: candidates[k].score, rank: kind_rank(&candidates[k]) },
    });
    let (keep_figures, keep_entities) = keep.split_at(figures.len());
    let mut k = keep_figures.iter();
    figures.retain(|_| k.next().copied().unwrap_or(false));
    // Chosen spans never overlap, so no two are equal: an unstable sort (which allocates
    // nothing) gives the one order.
    figures.sort_unstable_by_key(|f| (f.span.start(), f.span.end()));
    for f in &mut figures {
        f.sentence = segments.sentence_at(f.span.start()).unwrap_or(0) as u32;
    }
    // The chosen entity mentions with their labels, 12 bytes each.
    let chosen = |(c, &k): (&Candidate, &bool)| match c.what {
        What::Entity(label) if k => Some((c.span, label)),
        _ => None,
    };
    // Sized exactly (a filtered collect would grow by doubling).
    let mut entity_mentions: Vec<(Span, Label)> = Vec::with_capacity(candidates.iter().zip(keep_entities).filter_map(chosen).count());
    entity_mentions.extend(candidates.iter().zip(keep_entities).filter_map(chosen));
    drop(candidates);
    entity_mentions.sort_unstable_by_key(|&(span, _)| span);
    let entities = aliases::group(text, &entity_mentions);
    Resolved { entities, figures }
}

/// What [`choose`] needs to know of a candidate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    /// Where it stands.
    pub span: Span,
    /// Its confidence.
    pub score: f32,
    /// 0 for a figure, 1 for an entity: figures win ties.
    pub rank: u8,
}

/// Which of `items` [`select`] keeps (by index): heaviest first, none overlapping; items that
/// are empty or not on char boundaries of `text` are never kept.
pub(crate) fn choose(text: &str, items: &[Item]) -> Vec<bool> {
    choose_by(text, items.len(), |i| items[i])
}

/// [`choose`] over the items `item(0..n)`.
fn choose_by(text: &str, n: usize, item: impl Fn(usize) -> Item) -> Vec<bool> {
    let valid = |c: &Item| {
        !c.span.is_empty() && c.span.end() <= text.len() && text.is_char_boundary(c.span.start()) && text.is_char_boundary(c.span.end())
    };
    let weight = |c: &Item| c.span.of(text).chars().count() as f32 * c.score.clamp(0.0, 1.0);
    // (weight, index): 8 bytes a candidate (input is at most MAX_INPUT_BYTES, far below
    // u32::MAX candidates).
    // (weight, index) as one integer: the weight's bits turned so that the integers sort
    // heaviest first in `f32::total_cmp`'s order, above the index.
    let heavy_first = |w: f32| {
        let x = w.to_bits() as i32;
        let ordered = (x ^ (((x >> 31) as u32) >> 1) as i32) as u32 ^ 0x8000_0000;
        u64::from(!ordered) << 32
    };
    // Sized for every item (all are valid but for a rare few): a filtered collect would grow
    // by doubling, up to twice the room.
    let m = n.min(u32::MAX as usize);
    let mut order: Vec<u64> = Vec::with_capacity(m);
    order.extend((0..m).map(|i| (i, item(i))).filter(|(_, c)| valid(c)).map(|(i, c)| heavy_first(weight(&c)) | i as u64));
    order.sort_unstable();
    // Equal weights: by position, then kind, then index (which breaks every tie, so the
    // order is total and unstable sorts give the one order).
    let mut ties: Vec<(usize, u8, u32)> = Vec::new();
    let mut a = 0;
    while a < order.len() {
        let w = order[a] >> 32;
        let b = a + order[a..].iter().take_while(|&&k| k >> 32 == w).count();
        if b - a > 1 {
            ties.clear();
            ties.extend(order[a..b].iter().map(|&k| {
                let c = item(k as u32 as usize);
                (c.span.start(), c.rank, k as u32)
            }));
            ties.sort_unstable();
            for (slot, t) in order[a..b].iter_mut().zip(&ties) {
                *slot = w << 32 | u64::from(t.2);
            }
        }
        a = b;
    }
    // The bytes of the taken spans; a span is free when none of its bytes is taken. Taken
    // spans never overlap, so marking them costs at most one bit a byte of text in all, and
    // testing a candidate one word per 64 of its bytes.
    let mut taken = Bits::new(text.len());
    let mut keep = vec![false; n];
    for k in order {
        let i = k as u32 as usize;
        let span = item(i).span;
        if !taken.any(span.start(), span.end()) {
            taken.set(span.start(), span.end());
            keep[i] = true;
        }
    }
    keep
}

/// A set of byte offsets, as a bitmap.
struct Bits {
    words: Vec<u64>,
}

impl Bits {
    /// An empty set of offsets below `len`.
    fn new(len: usize) -> Bits {
        Bits { words: vec![0; len / 64 + 1] }
    }

    /// The mask of bits `a..b` of one word (`a < b <= 64`).
    fn mask(a: usize, b: usize) -> u64 {
        let high = if b >= 64 { u64::MAX } else { (1u64 << b) - 1 };
        high & !((1u64 << a) - 1)
    }

    /// Calls `f` with each word index and mask of the offsets `a..b` (`a < b`).
    fn each(a: usize, b: usize, mut f: impl FnMut(usize, u64) -> bool) -> bool {
        let (wa, wb) = (a / 64, (b - 1) / 64);
        for w in wa..=wb {
            let lo = if w == wa { a % 64 } else { 0 };
            let hi = if w == wb { (b - 1) % 64 + 1 } else { 64 };
            if f(w, Self::mask(lo, hi)) {
                return true;
            }
        }
        false
    }

    /// Whether any offset of `a..b` is in the set.
    fn any(&self, a: usize, b: usize) -> bool {
        a < b && Self::each(a, b, |w, m| self.words.get(w).is_some_and(|x| x & m != 0))
    }

    /// Adds the offsets `a..b`.
    fn set(&mut self, a: usize, b: usize) {
        if a < b {
            Self::each(a, b, |w, m| {
                if let Some(x) = self.words.get_mut(w) {
                    *x |= m;
                }
                false
            });
        }
    }
}

/// Picks a non-overlapping subset of `candidates`, returned in text order.
pub fn select(text: &str, candidates: Vec<Candidate>) -> Vec<Candidate> {
    let items: Vec<Item> = candidates.iter().map(|c| Item { span: c.span, score: c.score, rank: kind_rank(c) }).collect();
    let keep = choose(text, &items);
    let mut chosen: Vec<Candidate> = candidates.into_iter().zip(keep).filter_map(|(c, k)| k.then_some(c)).collect();
    chosen.sort_by_key(|c| (c.span.start(), c.span.end()));
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
        let fig = Figure::new(FigureKind::Quantity, Span::new(11, 14), Some(136.0), None, None);
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
