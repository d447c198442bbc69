//! Dossier's whole analysis behind one function, for the browser benchmark
//! (`scripts/bench-browser`, `bench/index.html`).
//!
//! [`analyse_json`] does what the app's analysis worker does with a pasted text
//! (`src/work.rs`): decode, analyse (entities, figures, resolution, summary, quotes) and write
//! the version-1 contract JSON; [`warm_up`] does what the worker does after it has said it is
//! ready. In wasm32 it is exported to JavaScript by wasm-bindgen; natively
//! it is a plain function that `examples/native.rs` times on the same texts.
#![forbid(unsafe_code)]

use dossier_engine::contract::{DocumentReport, Report};
use dossier_engine::{analyse_bytes, Options};

/// The name the benchmark's texts are analysed under (plain text).
const NAME: &str = "bench.txt";

/// Analyses `text` as the app does and returns the version-1 report JSON of that one document
/// (an `error` report when the text cannot be analysed, e.g. over the engine's size limit).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub fn analyse_json(text: &str) -> String {
    let report = match analyse_bytes(text.as_bytes(), NAME, &Options::default()) {
        Ok(analysis) => DocumentReport::from_analysis(NAME, &analysis),
        Err(e) => DocumentReport::from_error(NAME, &e.to_string()),
    };
    Report::new(vec![report]).to_json()
}

/// The app worker's warm-up, one run of it (`src/work.rs`: `warm_up`, run `WARM_UP_RUNS` times
/// after the worker says it is ready): analyses the app's built-in example (the first run also
/// decodes the tagger's model) and drops the result, so that Chromium has optimised the engine's
/// code before the first real document. `bench/bench.js` (`warmUp`) runs it as the worker does.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub fn warm_up() {
    let _ = analyse_json(include_str!("../../../assets/example-voa.txt"));
}

#[cfg(test)]
mod tests {
    use super::analyse_json;

    #[test]
    fn reports_entities_and_figures() {
        let json = analyse_json("Nils Stensønes said Russia spent $118.5 billion in 2024.");
        assert!(json.starts_with("{\"version\":1"), "{json}");
        assert!(json.contains("\"MONEY\""), "{json}");
        assert!(json.contains("Russia"), "{json}");
    }
}
