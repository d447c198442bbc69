//! Any bytes, as plain text, HTML or Markdown: decoding never panics, and what it returns is
//! non-empty text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["a.txt", "a.html", "a.md"] {
        if let Ok(d) = dossier_engine::decode::decode(data, name) {
            assert!(!d.text.trim().is_empty());
        }
    }
});
