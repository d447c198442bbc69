//! Peak heap memory of each stage of the analysis of one file, for finding where memory goes.
//!
//! Run: `cargo run --release -p dossier-engine --example memory -- FILE`. Analyses the file
//! stage by stage as [`dossier_engine::analyse_bytes`] does (after a first short analysis has
//! loaded the tagger's model and the gazetteers, which are not counted), with a counting
//! allocator like the adversarial bench's, and prints for each stage the heap held when it ends
//! and the highest it reached while it ran, both over the input's size. The whole analysis'
//! peak is the one `cargo bench -p dossier-engine --bench adversarial` reports (with
//! `ADVERSARIAL_FILE=FILE` for a file).

use std::sync::atomic::{AtomicUsize, Ordering};

use dossier_engine::{analyse_bytes, decode, published, quotes, recognise, resolve, segment, summarise, Options};

#[path = "../benches/support/counting.rs"]
mod counting;
use counting::{LIVE, PEAK};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    drop(analyse_bytes(b"Nils Stensones said on Monday that Russia spent $5 billion.", "a.txt", &Options::default()));
    let size = bytes.len() as f64;
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let x = |n: usize| n.saturating_sub(base) as f64 / size;
    let overall = AtomicUsize::new(base);
    let mark = |stage: &str| {
        overall.fetch_max(PEAK.load(Ordering::Relaxed), Ordering::Relaxed);
        println!("| {stage} | {:.2}x | {:.2}x |", x(LIVE.load(Ordering::Relaxed)), x(PEAK.load(Ordering::Relaxed)));
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    };
    println!("{path}: {} bytes\n", bytes.len());
    println!("| stage | held after | peak during |");
    println!("|---|---:|---:|");
    // The input's bytes are the caller's: not counted, as in the bench.
    let Ok(decoded) = decode::decode(&bytes, &path) else {
        eprintln!("{path}: not decoded");
        std::process::exit(1);
    };
    let text = decoded.text;
    mark("decode");
    let published = published::find(&text);
    let segments = segment::segment(&text);
    mark("segment");
    let mut entities = Vec::new();
    recognise::entities::recognise(&text, &segments, &mut entities);
    mark("entities");
    recognise::tagger::recognise(&text, &segments, &mut entities);
    mark("tagger");
    let figures = recognise::figures::document(&text, &segments, published);
    mark("figures");
    let proposals = recognise::Proposals { figures, entities };
    let resolve::Resolved { entities, mut figures } = resolve::resolve_proposals(&text, &segments, proposals);
    figures.shrink_to_fit();
    mark("resolve");
    let summary = summarise::summarise_owned(&text, &segments, entities, &figures);
    mark("summarise");
    let quotes = quotes::quotes(&text, &segments, &summary.entities, &summary.mentions);
    mark("quotes");
    recognise::figures::context::annotate(&text, &segments, &mut figures, &summary.mentions);
    mark("context");
    println!("\npeak of the whole analysis: {:.2}x the input", x(overall.load(Ordering::Relaxed)));
    println!(
        "{} entities, {} mentions, {} figures, {} quotes",
        summary.entities.len(),
        summary.mentions.len(),
        figures.len(),
        quotes.len()
    );
}
