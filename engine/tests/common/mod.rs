//! Checks shared by the engine's integration tests.

use dossier_engine::contract::DocumentReport;
use dossier_engine::Analysis;

/// Invariants every analysis keeps, whatever the text.
#[allow(dead_code)]
pub fn invariants(a: &Analysis) -> Vec<String> {
    let mut errors = Vec::new();
    let mut last_end = 0;
    for m in &a.mentions {
        if m.span.is_empty() || m.span.end() > a.text.len() || !a.text.is_char_boundary(m.span.start()) || !a.text.is_char_boundary(m.span.end()) {
            errors.push(format!("mention {:?} is empty, out of range or off a char boundary", m.span));
            continue;
        }
        if m.span.start() < last_end {
            errors.push(format!("mention {:?} overlaps the one before or is out of order", m.span));
        }
        last_end = m.span.end();
    }
    let report = DocumentReport::from_analysis("case", a);
    let chars: Vec<char> = a.text.chars().collect();
    let at = |s: usize, e: usize| -> String { chars.get(s..e).map(|c| c.iter().collect()).unwrap_or_default() };
    for e in &report.entities {
        for m in &e.mentions {
            if at(m.start, m.end) != m.text {
                errors.push(format!("JSON mention {}..{} is not {:?}", m.start, m.end, m.text));
            }
        }
    }
    let mut quote_end = 0;
    for q in &a.quotes {
        if q.span.is_empty() || q.span.end() > a.text.len() || !a.text.is_char_boundary(q.span.start()) || !a.text.is_char_boundary(q.span.end()) {
            errors.push(format!("quote {:?} is empty, out of range or off a char boundary", q.span));
            continue;
        }
        if q.span.start() < quote_end {
            errors.push(format!("quote {:?} overlaps the one before or is out of order", q.span));
        }
        quote_end = q.span.end();
        if q.speaker.is_some_and(|e| e >= a.entities.len()) {
            errors.push(format!("quote {:?} has a speaker out of range", q.span));
        }
    }
    for q in &report.quotes {
        if at(q.start, q.end) != q.text {
            errors.push(format!("JSON quote {}..{} is not {:?}", q.start, q.end, q.text));
        }
    }
    for f in &report.figures {
        if at(f.start, f.end) != f.text {
            errors.push(format!("JSON figure {}..{} is not {:?}", f.start, f.end, f.text));
        }
    }
    errors
}

