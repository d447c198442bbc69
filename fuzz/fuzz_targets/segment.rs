//! Any text: segmentation never panics; tokens and sentences are in order, non-overlapping and
//! on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let s = dossier_engine::segment::segment(text);
    let mut end = 0;
    for t in &s.tokens {
        assert!(t.start() >= end && t.start() < t.end());
        assert!(text.is_char_boundary(t.start()) && text.is_char_boundary(t.end()));
        end = t.end();
    }
    let mut end = 0;
    for sentence in &s.sentences {
        assert!(sentence.span.start() >= end);
        end = sentence.span.end();
    }
});
