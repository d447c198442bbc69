//! Figures: MONEY, PERCENT, QUANTITY and DATE with normalised values.
//!
//! PLACEHOLDER: a minimal recogniser (dollar amounts with a scale word, `N%`) so the pipeline
//! runs end to end; the full recogniser replaces this module.

use super::{Candidate, Source, What};
use crate::segment::{Segments, TokenKind};
use crate::{Date, Figure, FigureKind, Span};

/// Adds the figure candidates of the document to `out`.
pub fn recognise(text: &str, segments: &Segments, _published: Option<Date>, out: &mut Vec<Candidate>) {
    let toks = &segments.tokens;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
        let Ok(n) = t.span.of(text).replace(',', "").parse::<f64>() else { continue };
        let prev = i.checked_sub(1).map(|k| toks[k].span.of(text));
        let next = toks.get(i + 1).map(|k| k.span.of(text));
        if prev == Some("$") {
            let (mult, end) = match next {
                Some("billion") => (1e9, toks[i + 1].span.end),
                Some("million") => (1e6, toks[i + 1].span.end),
                _ => (1.0, t.span.end),
            };
            let span = Span::new(toks[i - 1].span.start, end);
            push(out, FigureKind::Money, span, Some(n * mult), Some("USD"));
        } else if next == Some("%") {
            push(out, FigureKind::Percent, Span::new(t.span.start, toks[i + 1].span.end), Some(n), None);
        }
    }
}

fn push(out: &mut Vec<Candidate>, kind: FigureKind, span: Span, value: Option<f64>, unit: Option<&str>) {
    let figure = Figure { kind, span, value, unit: unit.map(str::to_owned), iso: None, sentence: 0 };
    out.push(Candidate { span, what: What::Figure(figure), score: 1.0, source: Source::Figures });
}
