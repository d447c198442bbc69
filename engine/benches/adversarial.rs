//! Adversarial inputs: does time and memory grow linearly with size?
//!
//! Run: `cargo bench -p dossier-engine --bench adversarial` (add `-- --quick` for smaller
//! sizes). For each input shape it analyses 1, 1.5, 2, 3 and 4 times a base size, and prints a
//! Markdown table with the time, the time per MB, the peak heap memory during the analysis and
//! its ratio to the input's size (after a first small analysis has loaded the tagger's model and the
//! gazetteers, which stay for the process). Linear behaviour shows as a flat "ms/MB" column;
//! the engine's memory budget is a peak of at most 10x the input. `ADVERSARIAL_FILE=PATH`
//! adds a row for that file, analysed as it is (`cargo run --release -p dossier-engine
//! --example memory -- PATH` shows which stage the peak is in).

use std::sync::atomic::Ordering;
use std::time::Instant;

use dossier_engine::{analyse_bytes, Options};

#[path = "support/counting.rs"]
mod counting;
use counting::{LIVE, PEAK};

fn repeat_to(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes / piece.len().max(1) + 1)
}

/// An input shape: its name, the file name it is analysed under, and how to make `n` bytes of it.
type Shape = (&'static str, &'static str, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("one line without spaces", "a.txt", |n| "x".repeat(n)),
        ("capitalised words", "a.txt", |n| repeat_to("Capitalised ", n)),
        ("opening parentheses", "a.txt", |n| "(".repeat(n)),
        ("opening quotes", "a.txt", |n| repeat_to("“", n)),
        ("digits", "a.txt", |n| "7".repeat(n)),
        ("single-letter words", "a.txt", |n| repeat_to("a ", n)),
        ("figures", "a.txt", |n| repeat_to("$1.5 billion, 61% on Feb. 24, 2023; ", n)),
        ("combining marks", "a.txt", |n| repeat_to("e\u{301}\u{302}\u{303}", n)),
        ("distinct names", "a.txt", |n| {
            // "Abc Defg met Hij Klmn ..." with no name repeated: every one a new entity.
            let mut s = String::with_capacity(n + 64);
            let mut i = 0u64;
            while s.len() < n {
                let name = |mut k: u64| {
                    let mut w = String::new();
                    w.push((b'A' + (k % 26) as u8) as char);
                    k /= 26;
                    for _ in 0..4 {
                        w.push((b'a' + (k % 26) as u8) as char);
                        k /= 26;
                    }
                    w
                };
                s.push_str(&format!("President {} {} met ", name(i), name(i + 7_919)));
                i += 1;
            }
            s
        }),
        ("deeply nested HTML", "a.html", |n| format!("{}text{}", repeat_to("<div><b>", n / 2), repeat_to("</b></div>", n / 2))),
        ("news text", "a.txt", |n| {
            repeat_to("Nils Stensønes, director of the Norwegian Intelligence Service (NIS), told reporters on Monday that Russia could mobilise three times more troops than Ukraine and that its $118.5 billion budget rose 61% since 2023.\n\n", n)
        }),
    ]
}

/// Analyses `input` under the name `file` and prints its row of the table.
fn row(name: &str, file: &str, input: &[u8]) {
    let size = input.len();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let result = analyse_bytes(input, file, &Options::default());
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    drop(result);
    let mb = size as f64 / 1_048_576.0;
    println!(
        "| {name} | {mb:.1} | {elapsed:.0} | {:.0} | {:.1} | {:.1}x |",
        elapsed / mb,
        peak as f64 / 1_048_576.0,
        peak as f64 / size as f64
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let base = if quick { 1 << 20 } else { 5 << 20 };
    // The first analysis loads the tagger's model and the gazetteers once for the process;
    // measure that apart so that the table shows what each document costs.
    let before = LIVE.load(Ordering::Relaxed);
    drop(analyse_bytes(b"Nils Stensones said on Monday that Russia spent $5 billion.", "a.txt", &Options::default()));
    println!("Loaded once per process (tagger model, gazetteers): {:.1} MB\n", (LIVE.load(Ordering::Relaxed) - before) as f64 / 1_048_576.0);
    println!("| input | size (MB) | time (ms) | ms/MB | peak memory (MB) | peak / input |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, file, make) in shapes() {
        // Sizes between powers of two as well: a vector or hash table that doubles as it grows
        // can hold up to twice what it uses, and only some sizes show it.
        for eighths in [8usize, 12, 16, 24, 32] {
            row(name, file, make(base * eighths / 8).as_bytes());
        }
    }
    if let Some(path) = std::env::var_os("ADVERSARIAL_FILE") {
        let path = std::path::PathBuf::from(path);
        let input = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        row(&name, &name, &input);
    }
}
