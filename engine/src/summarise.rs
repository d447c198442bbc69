//! Stage 6: how central each entity is, and the sentences that sum the document up.
//!
//! **Salience** of an entity is its number of mentions, plus 2 if it is named in a heading or
//! the first paragraph, plus up to 1 for an early first mention; scaled so the most salient
//! entity has 1. Entities are ordered by salience, then by first mention.
//!
//! **Summary**: every body sentence of 6 to 60 words is scored by the salience of the distinct
//! entities it names plus 0.5 per figure, with a bonus for the first sentences of the article;
//! the three best are returned in text order.

use crate::resolve::Resolved;
use crate::segment::{SentenceKind, Segments};
use crate::{Entity, Figure, Mention, Referent, Span};

/// Entities ordered by salience, all mentions, and the summary sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Entities, most salient first, with `salience` set.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by position, referring to `entities` and the figures.
    pub mentions: Vec<Mention>,
    /// Up to three sentences, in text order.
    pub sentences: Vec<Span>,
}

/// How many sentences a summary has at most.
pub const SUMMARY_SENTENCES: usize = 3;

/// Ranks the resolved entities and picks the summary sentences.
pub fn summarise(text: &str, segments: &Segments, resolved: &Resolved) -> Summary {
    summarise_owned(text, segments, resolved.entities.clone(), &resolved.figures)
}

/// [`summarise`], taking the resolved entities over instead of copying them.
pub fn summarise_owned(text: &str, segments: &Segments, entities: Vec<Entity>, figures: &[Figure]) -> Summary {
    let first_para_end = segments.paragraphs.first().map_or(0, |p| p.end());
    let n_sentences = segments.sentences.len().max(1) as f64;
    // The headings' spans, in order (few): whether a mention stands in one is a search
    // among them rather than among all sentences.
    let headings: Vec<Span> = segments.sentences.iter().filter(|s| s.kind == SentenceKind::Heading).map(|s| s.span).collect();
    let in_heading = |at: usize| {
        let k = headings.partition_point(|h| h.end() <= at);
        headings.get(k).is_some_and(|h| h.start() <= at)
    };
    let mut scored: Vec<(f64, usize)> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let first = e.mentions.first().map_or(usize::MAX, |m| m.start());
            let in_lead = e.mentions.iter().any(|m| m.start() < first_para_end || in_heading(m.start()));
            let first_sentence = segments.sentence_at(first).unwrap_or(0) as f64;
            let score = e.mentions.len() as f64 + if in_lead { 2.0 } else { 0.0 } + (1.0 - first_sentence / n_sentences);
            (score, i)
        })
        .collect();
    // The indexes break every tie: an unstable sort (which allocates nothing) gives the one order.
    scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = scored.first().map_or(1.0, |s| s.0.max(f64::MIN_POSITIVE));
    let mut entities = entities;
    for &(score, i) in &scored {
        entities[i].salience = (score / top * 1000.0).round() / 1000.0;
    }
    // Reordered in place, not moved into a second list beside the first (an `Entity` is 88
    // bytes, and text of distinct names has one every 26 bytes).
    let order: Vec<usize> = scored.into_iter().map(|(_, i)| i).collect();
    permute(&mut entities, order);

    let count = entities.iter().map(|e| e.mentions.len()).sum::<usize>() + figures.len();
    let mut mentions: Vec<Mention> = Vec::with_capacity(count);
    for (i, e) in entities.iter().enumerate() {
        mentions.extend(e.mentions.iter().map(|&span| Mention { span, referent: Referent::Entity(i as u32) }));
    }
    for (i, f) in figures.iter().enumerate() {
        mentions.push(Mention { span: f.span, referent: Referent::Figure(i as u32) });
    }
    // Mentions never overlap, so no two spans are equal: an unstable sort allocates nothing.
    mentions.sort_unstable_by_key(|m| (m.span.start(), m.span.end()));

    let sentences = pick_sentences(text, segments, &entities, &mentions);
    Summary { entities, mentions, sentences }
}

/// Puts `items[order[k]]` at `k` for every `k` (`order` a permutation of the indexes), by
/// swaps along its cycles.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for k in 0..order.len() {
        // Follow the cycle through `k`, marking each place done by pointing it at itself.
        let mut at = k;
        while order[at] != k {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

fn pick_sentences(text: &str, segments: &Segments, entities: &[Entity], mentions: &[Mention]) -> Vec<Span> {
    let mut scores: Vec<(f64, usize)> = Vec::new();
    // The last sentence (index + 1) each entity was counted in: distinct entities per sentence
    // in constant time each, however many a sentence names.
    let mut counted_in: Vec<usize> = vec![0; entities.len()];
    let mut m = 0;
    for (i, s) in segments.sentences.iter().enumerate() {
        while m < mentions.len() && mentions[m].span.start() < s.span.start() {
            m += 1;
        }
        let mut score = 0.0;
        let mut k = m;
        while k < mentions.len() && mentions[k].span.start() < s.span.end() {
            match mentions[k].referent {
                Referent::Entity(e) if counted_in[e as usize] != i + 1 => {
                    counted_in[e as usize] = i + 1;
                    score += entities[e as usize].salience;
                }
                Referent::Figure(_) => score += 0.5,
                Referent::Entity(_) => {}
            }
            k += 1;
        }
        // (Words are counted for body sentences only, and only up to one past the limit.)
        if s.kind != SentenceKind::Body || !(6..=60).contains(&words_up_to(s.span.of(text), 61)) {
            continue;
        }
        score += match i {
            0 | 1 => 1.0,
            2..=4 => 0.5,
            _ => 0.0,
        };
        scores.push((score, i));
    }
    // The indexes break every tie: an unstable sort (which allocates nothing) gives the one order.
    scores.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = scores.iter().take(SUMMARY_SENTENCES).map(|&(_, i)| i).collect();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| segments.sentences[i].span).collect()
}

/// The number of words of `s` as `s.split_whitespace().take(limit).count()` counts them, with
/// ASCII read eight bytes at a time rather than decoded as chars.
fn words_up_to(s: &str, limit: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() && words < limit {
        // Eight ASCII bytes at once: the high bit of each byte that is no white space; a word
        // starts at each such byte that follows white space (or the chunk's start outside a
        // word).
        if let Some(x) = bytes.get(i..i + 8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes).filter(|x| x & HIGH == 0) {
            // `char::is_whitespace` of ASCII: the space and U+0009 to U+000D. Each byte is
            // below 0x80, so no sum below carries into the next byte.
            let y = x ^ (0x20 * ONES);
            let space = !((y + 0x7F * ONES) | y) & HIGH;
            let control = (x + 0x77 * ONES) & !(x + 0x72 * ONES) & HIGH;
            let word = !(space | control) & HIGH;
            let starts = word & !(word << 8 | if in_word { 0x80 } else { 0 });
            words += starts.count_ones() as usize;
            in_word = word >> 63 != 0;
            i += 8;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
        i += c.len_utf8();
    }
    words.min(limit)
}

#[cfg(test)]
mod tests {
    use super::words_up_to;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let texts = ["", " ", "a", " a b ", "one\ttwo\nthree\u{b}four\u{c}five\rsix", "a\u{a0}b\u{2003}c\u{3000} d\u{85}e", "x\u{1c}y", "Stensønes’ “view” — here"];
        for t in texts {
            for limit in [0, 1, 2, 3, 61] {
                assert_eq!(words_up_to(t, limit), t.split_whitespace().take(limit).count(), "{t:?} {limit}");
            }
        }
        // Every mix of a few ASCII characters, white space and not, at every offset of the
        // eight-byte chunks.
        let alphabet = ['a', ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{8}', '\u{e}', '\u{1f}', '!', 'ø', '\u{a0}', '\u{7f}'];
        let mut seed = 1u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            let t: String = (0..len).map(|k| alphabet[((seed >> (k % 13 * 4)) as usize ^ k) % alphabet.len()]).collect();
            for limit in [0, 1, 3, 61] {
                assert_eq!(words_up_to(&t, limit), t.split_whitespace().take(limit).count(), "{t:?} {limit}");
            }
        }
    }
}
