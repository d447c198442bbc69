//! What a figure measures: its `subject` (the noun phrase it measures), `about` (the entity the
//! measure belongs to) and `period` (the time it applies to), read from the sentence around it.
//!
//! Rules, in order, for the subject:
//!
//! 1. a QUANTITY's counted noun is its subject ("troops" in "three times more troops");
//! 2. "NP of FIGURE": "defense budget" in "Russia's defense budget of $118.5 billion";
//! 3. "FIGURE in/of/on NP": "aid" in "$122 billion in aid from its allies";
//! 4. "FIGURE NP": "defense aid bill" in "an emergency $95 billion defense aid bill";
//! 5. the sentence's subject before its verb: "budget" in "The budget has increased by
//!    $48 billion".
//!
//! `about` is the entity mention right before the subject's possessive ("Russia's defense
//! budget"), or right before the subject ("Ukraine has accumulated $122 billion"). `period` is a
//! DATE figure introduced by "for", "in", "since", "by", "until" or "over" within the clause
//! after the figure ("for 2024", "since 2023").
//!
//! The functions take the resolved figures and entity mentions of a document, so the pipeline
//! can call them after [`crate::resolve`]; nothing here changes what is recognised.

use crate::segment::{Segments, TokenKind};
use crate::{Figure, FigureContext, FigureKind, Mention, Referent, Span};

/// What a figure measures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The noun phrase the figure measures.
    pub subject: Option<Span>,
    /// Index (into the `entities` slice given) of the entity the measure belongs to.
    pub about: Option<usize>,
    /// Index (into the `figures` slice given) of the DATE figure it applies to.
    pub period: Option<usize>,
}

/// Function words that end or cannot start a subject noun phrase.
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "than", "as",
    "that", "which", "who", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "its", "their", "his", "her", "our", "this", "these", "those", "it",
    "they", "he", "she", "we", "about", "some", "nearly", "almost", "around", "over", "under", "more", "less",
    "since", "until", "up", "down", "also", "only", "just", "record", "emergency", "estimated", "total",
    "roughly", "approximately", "another", "additional", "extra", "further", "said", "says", "according",
    "increased", "decreased", "rose", "fell", "grew", "reached", "received", "accumulated", "spent", "passed",
];

const VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "rose", "fell", "grew", "increased",
    "decreased", "reached", "climbed", "dropped", "jumped", "surged", "declined", "represents", "represented",
    "totals", "totaled", "totalled", "stands", "stood", "amounts", "amounted",
];

/// Fills in the [`Figure::context`] (`subject`, `about`, `period`) of each figure. `mentions` are
/// the document's resolved mentions (sorted); `about` indexes the entities they refer to.
///
/// Each figure is annotated in place as its context is read: the rules read only the kinds,
/// spans and units of the figures, never their contexts, so no list of contexts is kept.
pub fn annotate(text: &str, segments: &Segments, figures: &mut [Figure], mentions: &[Mention]) {
    let entities = entity_mentions(mentions);
    for k in 0..figures.len() {
        let c = context(text, segments, figures, k, &figures[k], &entities);
        let period = c.period.and_then(|p| figures.get(p)).map(|d| d.iso().unwrap_or_else(|| d.span.of(text)).to_owned());
        let subject = c.subject.map(|s| s.of(text).to_owned());
        figures[k].context = (subject.is_some() || c.about.is_some() || period.is_some())
            .then(|| Box::new(FigureContext { subject, about: c.about, period }));
    }
}

/// The entity mentions among `mentions`, each with the index of its entity: what [`contexts`]
/// takes.
pub fn entity_mentions(mentions: &[Mention]) -> Vec<(Span, usize)> {
    let entity = |m: &Mention| match m.referent {
        Referent::Entity(e) => Some((m.span, e as usize)),
        Referent::Figure(_) => None,
    };
    // Sized exactly (a filtered collect would grow by doubling).
    let mut out = Vec::with_capacity(mentions.iter().filter(|m| entity(m).is_some()).count());
    out.extend(mentions.iter().filter_map(entity));
    out
}

/// How many tokens before a figure the backward rules read.
const WINDOW: usize = 40;

/// Whether `span` overlaps one of `figures` (sorted, non-overlapping).
fn overlaps_a_figure(figures: &[Figure], span: &Span) -> bool {
    let p = figures.partition_point(|g| g.span.start() < span.end());
    p > 0 && figures[p - 1].span.end() > span.start()
}

/// The context of each figure of a document. `figures` are the document's resolved figures and
/// `entities` its entity mentions, each with the index of its entity, both sorted by position.
/// Linear in the document: every rule reads a bounded window around its figure.
pub fn contexts(text: &str, segments: &Segments, figures: &[Figure], entities: &[(Span, usize)]) -> Vec<Context> {
    figures.iter().enumerate().map(|(k, f)| context(text, segments, figures, k, f, entities)).collect()
}

fn context(text: &str, segments: &Segments, figures: &[Figure], k: usize, f: &Figure, entities: &[(Span, usize)]) -> Context {
    let mut ctx = Context::default();
    if f.kind == FigureKind::Date {
        return ctx;
    }
    let toks = &segments.tokens;
    let Some(s) = segments.sentence_at(f.span.start()) else { return ctx };
    let range = segments.sentences[s].tokens.clone();
    let first = segments.token_at(f.span.start()).max(range.start);
    let after = segments.token_at(f.span.end()).clamp(range.start, range.end);
    // Backward scans look at most this many tokens before the figure, so a sentence crammed
    // with figures stays linear.
    let window_start = range.start.max(first.saturating_sub(WINDOW));
    let word = |i: usize| toks[i].span().of(text).to_lowercase();
    let is_np_word = |i: usize| {
        let t = &toks[i];
        t.kind() == TokenKind::Word && !STOP.contains(&word(i).as_str()) && t.span().of(text).chars().next().is_some_and(char::is_lowercase)
    };
    // 1. the counted noun of a quantity
    if f.kind == FigureKind::Quantity {
        if let Some(u) = f.unit() {
            let fig = f.span.of(text);
            if let Some(p) = fig.rfind(u) {
                ctx.subject = Some(Span::new(f.span.start() + p, f.span.start() + p + u.len()));
            }
        }
    }
    // 2. "NP of FIGURE"
    if ctx.subject.is_none() && first > range.start && word(first - 1) == "of" {
        let end = first - 1;
        let mut a = end;
        while a > range.start && end - a < 4 && is_np_word(a - 1) {
            a -= 1;
        }
        if a < end {
            ctx.subject = Some(Span::new(toks[a].start(), toks[end - 1].end()));
        }
    }
    // 3. "FIGURE in/of/on NP" and 4. "FIGURE NP"
    if ctx.subject.is_none() && after < range.end {
        let prep = matches!(word(after).as_str(), "in" | "of" | "on" | "worth");
        let mut a = if prep { after + 1 } else { after };
        // "40% of its value"
        if prep && a < range.end && matches!(word(a).as_str(), "its" | "their" | "the" | "his" | "her" | "our") {
            a += 1;
        }
        let mut b = a;
        while b < range.end && b - a < 4 && is_np_word(b) {
            b += 1;
        }
        let np = (b > a).then(|| Span::new(toks[a].start(), toks[b - 1].end()));
        // Not words of another figure ("in the third quarter of 2023" is a date).
        if let Some(np) = np.filter(|np| !overlaps_a_figure(figures, np)) {
            ctx.subject = Some(np);
        }
    }
    // 5a. "Japan's economy shrank 0.4%": the noun phrase after a possessive that opens the sentence
    if ctx.subject.is_none() {
        if let Some(p) = (range.start..first.min(range.start + 6)).find(|&i| matches!(word(i).as_str(), "'s" | "’s")) {
            let mut b = p + 1;
            while b < first && b - p <= 4 && is_np_word(b) && !(b > p + 1 && word(b).ends_with("ed")) {
                b += 1;
            }
            if b > p + 1 {
                ctx.subject = Some(Span::new(toks[p + 1].start(), toks[b - 1].end()));
            }
        }
    }
    // 5. the sentence's subject: the last noun before the first verb, when that verb precedes the figure
    if ctx.subject.is_none() {
        if let Some(v) = (window_start..first).find(|&i| VERBS.contains(&word(i).as_str())) {
            if let Some(n) = (window_start..v).rev().find(|&i| toks[i].kind() == TokenKind::Word && !STOP.contains(&word(i).as_str())) {
                let mut a = n;
                while a > range.start && n - a < 3 && is_np_word(a - 1) {
                    a -= 1;
                }
                ctx.subject = Some(Span::new(toks[a].start(), toks[n].end()));
            }
        }
    }
    // about: an entity mention before the subject ("Russia's defense budget") or before the verb
    let anchor = ctx.subject.map_or(f.span.start(), |s| s.start().min(f.span.start()));
    let sentence_start = segments.sentences[s].span.start();
    // The mention that ends last before the anchor: mentions are sorted and do not overlap.
    let upto = entities.partition_point(|(m, _)| m.end() <= anchor);
    let before_anchor = upto.checked_sub(1).map(|i| &entities[i]).filter(|(m, _)| m.start() >= sentence_start);
    if let Some((m, e)) = before_anchor {
        let between = text.get(m.end()..anchor).unwrap_or("").trim();
        let close = between.is_empty()
            || matches!(between, "'s" | "’s" | "'" | "’")
            || between.split_whitespace().count() <= 3 && VERBS.iter().any(|v| between.split_whitespace().any(|w| w == *v));
        if close {
            ctx.about = Some(*e);
        }
    }
    // Or the entity that opens the sentence as its subject ("Iran has supplied ...", "Canada's
    // wildfires burned ...").
    if ctx.about.is_none() {
        let start = segments.sentences[s].span.start();
        let at = entities.partition_point(|(m, _)| m.start() < start);
        if let Some((m, e)) = entities.get(at).filter(|(m, _)| m.start() == start && m.end() <= f.span.start()) {
            let next = segments.token_at(m.end());
            let lower_word = toks.get(next).is_some_and(|t| t.kind() == TokenKind::Word && t.span().of(text).chars().next().is_some_and(char::is_lowercase));
            let linking = matches!(word(next).as_str(), "and" | "or" | "of" | "in" | "on" | "at" | "for" | "with" | "to" | "from" | "by" | "as" | "than");
            if next < first && (matches!(word(next).as_str(), "'s" | "’s") || (lower_word && !linking)) {
                ctx.about = Some(*e);
            }
        }
    }
    // period: a DATE figure after "for", "in", "since", "by", "until", "over" within the clause
    for (j, d) in figures.iter().enumerate().skip(k + 1) {
        if d.span.start() > f.span.end() + 60 {
            break;
        }
        if d.kind != FigureKind::Date || d.span.start() < f.span.end() || segments.sentence_at(d.span.start()) != Some(s) {
            continue;
        }
        let gap = text.get(f.span.end()..d.span.start()).unwrap_or("");
        if gap.len() > 60 || gap.contains([';', '.']) {
            break;
        }
        let mut words = gap.split_whitespace().rev().map(str::to_lowercase);
        let mut last = words.next().unwrap_or_default();
        if last == "the" {
            last = words.next().unwrap_or_default();
        }
        let own = d.span.of(text).to_lowercase();
        if matches!(last.as_str(), "for" | "in" | "since" | "by" | "until" | "over" | "during") || own.starts_with("since") || own.starts_with("until") {
            ctx.period = Some(j);
            break;
        }
        if gap.trim().ends_with(',') {
            continue;
        }
    }
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyse, Options};

    /// (sentence, figure, subject, about, period)
    type Case = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, Option<&'static str>);
    const CASES: &[Case] = &[
        ("Russia's defense budget of $118.5 billion for 2024 is unprecedented.", "$118.5 billion", Some("defense budget"), Some("Russia"), Some("2024")),
        ("Ukraine has accumulated $122 billion in aid from its allies since 2022.", "$122 billion", Some("aid"), Some("Ukraine"), Some("since 2022")),
        ("Russia could mobilize three times more troops than Ukraine.", "three times more troops", Some("troops"), Some("Russia"), None),
        ("The Senate passed an emergency $95 billion defense aid bill.", "$95 billion", Some("defense aid bill"), None, None),
        ("The budget has increased by $48 billion, or 61%, since 2023.", "$48 billion", Some("budget"), None, Some("since 2023")),
        ("Germany's exports fell 5% in 2023.", "5%", Some("exports"), Some("Germany"), Some("2023")),
    ];

    #[derive(serde::Deserialize)]
    struct Labelled {
        figure: Vec<Row>,
    }

    #[derive(serde::Deserialize)]
    struct Row {
        text: String,
        figure: String,
        subject: String,
        about: String,
        period: String,
    }

    /// Accuracy per field on the hand-labelled set in `tests/context/figure_context.toml`, with a
    /// ratchet: the levels reached may not fall.
    #[test]
    fn labelled_set_accuracy() {
        let src = include_str!("../../../../tests/context/figure_context.toml");
        let set: Labelled = toml::from_str(src).expect("the labelled set parses");
        let (mut subject_ok, mut about_ok, mut period_ok, mut found) = (0, 0, 0, 0);
        let mut misses = Vec::new();
        for row in &set.figure {
            let a = analyse(&row.text, &Options::default());
            let segments = crate::segment::segment(&a.text);
            let ctxs = contexts(&a.text, &segments, &a.figures, &entity_mentions(&a.mentions));
            let Some(k) = a.figures.iter().position(|f| f.span.of(&a.text) == row.figure) else {
                misses.push(format!("figure {:?} not found in {:?}", row.figure, row.text));
                continue;
            };
            found += 1;
            let c = &ctxs[k];
            let subject = c.subject.map_or("", |s| s.of(&a.text));
            let about = c.about.map_or("", |e| a.entities[e].name.as_str());
            let period = c.period.map_or("", |p| a.figures[p].span.of(&a.text));
            subject_ok += usize::from(subject == row.subject);
            about_ok += usize::from(about == row.about);
            period_ok += usize::from(period == row.period);
            if subject != row.subject || about != row.about || period != row.period {
                misses.push(format!("{:?}: got ({subject:?}, {about:?}, {period:?}) want ({:?}, {:?}, {:?})", row.text, row.subject, row.about, row.period));
            }
        }
        let n = set.figure.len() as f64;
        let (s, a, p) = (subject_ok as f64 / n, about_ok as f64 / n, period_ok as f64 / n);
        eprintln!("figure context on {} labelled figures ({found} found): subject {:.1}%, about {:.1}%, period {:.1}%", n, 100.0 * s, 100.0 * a, 100.0 * p);
        for m in &misses {
            eprintln!("  {m}");
        }
        assert!(set.figure.len() >= 60);
        assert!(s >= SUBJECT_FLOOR && a >= ABOUT_FLOOR && p >= PERIOD_FLOOR, "accuracy fell: subject {s:.3}, about {a:.3}, period {p:.3}");
    }

    const SUBJECT_FLOOR: f64 = 0.93;
    const ABOUT_FLOOR: f64 = 0.90;
    const PERIOD_FLOOR: f64 = 0.95;

    #[test]
    fn reads_subject_about_and_period() {
        for (text, fig, subject, about, period) in CASES {
            let a = analyse(text, &Options::default());
            let segments = crate::segment::segment(&a.text);
            let ctxs = contexts(&a.text, &segments, &a.figures, &entity_mentions(&a.mentions));
            let k = a.figures.iter().position(|f| f.span.of(&a.text) == *fig).unwrap_or_else(|| panic!("{fig} in {text}"));
            let c = &ctxs[k];
            assert_eq!(c.subject.map(|s| s.of(&a.text)), *subject, "subject of {fig} in {text}");
            assert_eq!(c.about.map(|e| a.entities[e].name.as_str()), *about, "about of {fig} in {text}");
            assert_eq!(c.period.map(|p| a.figures[p].span.of(&a.text)), *period, "period of {fig} in {text}");
        }
    }
}
