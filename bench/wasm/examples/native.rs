//! Native timing of the benchmark's function on the benchmark's texts, for the comparison of
//! Chromium's speed with native speed (`scripts/bench-browser` runs it).
//!
//! `cargo run --release --example native -p dossier-bench-wasm -- RUNS FILE...` prints one JSON
//! line per file: `{"file", "bytes", "words", "runs", "median_ms", "min_ms", "first_ms"}` after one
//! warm-up run (`first_ms`); the words are counted as the browser page counts them (runs of non-whitespace).
//!
//! `native --serve` times runs on request, so that `bench/run.mjs` can interleave native runs with
//! the browser's (both then see the same machine load): each line `RUNS FILE` on standard input
//! is answered by one line `{"times": [ms, ...]}` of that many runs (the process's first run is
//! its cold start).
//!
//! `native --stages RUNS FILE` prints the milliseconds of each stage of the analysis over RUNS
//! runs (after as many warm-up runs), as `bench/stages.mjs` reads them from the page.

use std::time::Instant;

use dossier_bench_wasm::analyse_json;

/// Answers `RUNS FILE` lines with the times of that many runs on FILE.
fn serve() {
    use std::io::{BufRead, Write};
    let mut cached: Option<(String, String)> = None;
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Some((runs, file)) = line.trim().split_once(' ') else { continue };
        let runs: usize = runs.parse().unwrap_or(1);
        if cached.as_ref().is_none_or(|(f, _)| f != file) {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
                eprintln!("{file}: {e}");
                std::process::exit(1)
            });
            cached = Some((file.to_string(), text));
        }
        let text = cached.as_ref().map(|(_, t)| t.as_str()).unwrap_or_default();
        let times: Vec<String> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(analyse_json(std::hint::black_box(text)));
                format!("{:.3}", start.elapsed().as_secs_f64() * 1e3)
            })
            .collect();
        let mut out = stdout.lock();
        let _ = writeln!(out, "{{\"times\":[{}]}}", times.join(","));
        let _ = out.flush();
    }
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--serve") {
        serve();
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("--stages") {
        // `native --stages RUNS FILE`: the stages' milliseconds over RUNS runs after as many
        // warm-up runs, as `bench/stages.mjs` reads them from the page.
        let runs: u32 = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(100);
        let file = std::env::args().nth(3).unwrap_or_default();
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            eprintln!("{file}: {e}");
            std::process::exit(1)
        });
        dossier_bench_wasm::stages_json(&text, runs);
        println!("{}", dossier_bench_wasm::stages_json(&text, runs));
        return;
    }
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
