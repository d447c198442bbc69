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
/// after the worker says it is ready): analyses `copies` copies of the app's built-in example as
/// one document (the first run also decodes the tagger's model) and drops the result, so that
/// Chromium has optimised the engine's code before the first real document. `bench/bench.js`
/// (`warmUp`) runs it as the worker does, with `WARM_UP_COPIES` of `src/work.rs` as `copies`
/// (`bench/run.mjs` reads it there).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub fn warm_up(copies: usize) {
    let _ = analyse_json(&include_str!("../../../assets/example-voa.txt").repeat(copies));
}

/// Milliseconds from an arbitrary origin: `performance.now()` in the page, a monotonic clock
/// natively.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        fn performance_now() -> f64;
    }
    performance_now()
}

#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// The stages of [`analyse_json`] timed apart, for finding where a short text's time goes in
/// the page against natively (`bench/stages.mjs`; `examples/native.rs --stages`): runs the
/// analysis `runs` times, stage by stage as `dossier_engine::analyse_owned` runs them, and
/// returns a JSON object of each stage's total milliseconds over the runs.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub fn stages_json(text: &str, runs: u32) -> String {
    use dossier_engine::{decode, published, quotes, recognise, resolve, segment, summarise, Analysis};
    const NAMES: [&str; 11] =
        ["decode", "segment", "entities", "tagger", "figures", "resolve", "summarise", "quotes", "context", "report", "json"];
    let mut totals = [0.0f64; NAMES.len()];
    for _ in 0..runs {
        let mut at = now_ms();
        let mut lap = |i: usize| {
            let t = now_ms();
            totals[i] += t - at;
            at = t;
        };
        let Ok(decoded) = decode::decode(text.as_bytes(), NAME) else { return String::from("{}") };
        let text = decoded.text;
        lap(0);
        let published = published::find(&text);
        let segments = segment::segment(&text);
        lap(1);
        let mut entities = Vec::new();
        recognise::entities::recognise(&text, &segments, &mut entities);
        lap(2);
        recognise::tagger::recognise(&text, &segments, &mut entities);
        lap(3);
        let figures = recognise::figures::document(&text, &segments, published);
        lap(4);
        let proposals = recognise::Proposals { figures, entities };
        let resolve::Resolved { entities, mut figures } = resolve::resolve_proposals(&text, &segments, proposals);
        figures.shrink_to_fit();
        lap(5);
        let summary = summarise::summarise_owned(&text, &segments, entities, &figures);
        lap(6);
        let quotes = quotes::quotes(&text, &segments, &summary.entities, &summary.mentions);
        lap(7);
        recognise::figures::context::annotate(&text, &segments, &mut figures, &summary.mentions);
        lap(8);
        let analysis = Analysis {
            text,
            published,
            paragraphs: segments.paragraphs,
            sentences: segments.sentences.iter().map(|s| s.span).collect(),
            entities: summary.entities,
            figures,
            mentions: summary.mentions,
            summary: summary.sentences,
            quotes,
        };
        let report = DocumentReport::from_analysis(NAME, &analysis);
        lap(9);
        std::hint::black_box(Report::new(vec![report]).to_json());
        lap(10);
    }
    let fields: Vec<String> = NAMES.iter().zip(totals).map(|(n, t)| format!("\"{n}\":{t:.3}")).collect();
    format!("{{{}}}", fields.join(","))
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
