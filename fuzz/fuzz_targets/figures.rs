//! Any text, with and without a publication date: the figure recogniser never panics and its
//! candidates lie on char boundaries.
#![no_main]
use dossier_engine::recognise::{figures, What};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let segments = dossier_engine::segment::segment(text);
    for published in [None, dossier_engine::Date::new(2024, 2, 14)] {
        let mut out = Vec::new();
        figures::recognise(text, &segments, published, &mut out);
        for c in &out {
            assert!(c.span.start() < c.span.end() && c.span.end() <= text.len());
            assert!(text.is_char_boundary(c.span.start()) && text.is_char_boundary(c.span.end()));
            assert!(matches!(c.what, What::Figure(_)));
        }
    }
});
