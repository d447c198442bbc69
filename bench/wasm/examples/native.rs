//! Native timing of the benchmark's function on the benchmark's texts, for the comparison of
//! Chromium's speed with native speed (`scripts/bench-browser` runs it).
//!
//! `cargo run --release --example native -p dossier-bench-wasm -- RUNS FILE...` prints one JSON
//! line per file: `{"file", "bytes", "words", "runs", "median_ms", "min_ms", "first_ms"}` after one
//! warm-up run (`first_ms`); the words are counted as the browser page counts them (runs of non-whitespace).

use std::time::Instant;

use dossier_bench_wasm::analyse_json;

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or_else(|| {
        eprintln!("usage: native RUNS FILE...");
        std::process::exit(2)
    });
    for file in args {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            eprintln!("{file}: {e}");
            std::process::exit(1)
        });
        let words = text.split_whitespace().count();
        // The first run, which also pays the engine's one-time set-up (its lazily built tables),
        // is the warm-up; its time is reported as `first_ms`.
        let start = Instant::now();
        std::hint::black_box(analyse_json(&text));
        let first = start.elapsed().as_secs_f64() * 1e3;
        let mut times: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(analyse_json(std::hint::black_box(&text)));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "{{\"file\":{file:?},\"bytes\":{},\"words\":{words},\"runs\":{},\"median_ms\":{median:.3},\"min_ms\":{:.3},\"first_ms\":{first:.3}}}",
            text.len(),
            times.len(),
            times[0]
        );
    }
}
