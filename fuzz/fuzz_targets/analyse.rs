//! Any bytes through the whole pipeline: never a panic; mentions sorted, non-overlapping and on
//! char boundaries; the JSON offsets point at exactly the text they claim.
#![no_main]
use dossier_engine::contract::DocumentReport;
use dossier_engine::{analyse_bytes, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(a) = analyse_bytes(data, "fuzz.txt", &Options::default()) else { return };
    let mut end = 0;
    for m in &a.mentions {
        assert!(m.span.start() >= end && m.span.start() < m.span.end());
        assert!(a.text.is_char_boundary(m.span.start()) && a.text.is_char_boundary(m.span.end()));
        end = m.span.end();
    }
    let report = DocumentReport::from_analysis("fuzz.txt", &a);
    let chars: Vec<char> = a.text.chars().collect();
    for f in &report.figures {
        assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
    }
    for e in &report.entities {
        for m in &e.mentions {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }
});
