//! Times each stage of the analysis on one file, for finding where the time goes.
//!
//! Run: `cargo run --release -p dossier-engine --example stages -- FILE [RUNS]`. Prints, per run,
//! the milliseconds of each stage (as [`dossier_engine::analyse_owned`] runs them) and the whole
//! analysis' words per second; the best run is the one to compare.

use std::time::Instant;

use dossier_engine::{published, quotes, recognise, resolve, segment, summarise};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: stages FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let words = text.split_whitespace().count();
    // The first call decodes the tagger model; keep it out of the timings.
    let _ = recognise::tagger::model();
    for _ in 0..runs {
        let mut marks = vec![("start", Instant::now())];
        let published = published::find(&text);
        let segments = segment::segment(&text);
        marks.push(("segment", Instant::now()));
        let figures = recognise::figures::document(&text, &segments, published);
        marks.push(("figures", Instant::now()));
        let mut entities = Vec::new();
        recognise::entities::recognise(&text, &segments, &mut entities);
        marks.push(("entities", Instant::now()));
        recognise::tagger::recognise(&text, &segments, &mut entities);
        marks.push(("tagger", Instant::now()));
        let proposals = recognise::Proposals { figures, entities };
        let resolve::Resolved { entities, mut figures } = resolve::resolve_proposals(&text, &segments, proposals);
        marks.push(("resolve", Instant::now()));
        let summary = summarise::summarise_owned(&text, &segments, entities, &figures);
        marks.push(("summarise", Instant::now()));
        let _quotes = quotes::quotes(&text, &segments, &summary.entities, &summary.mentions);
        marks.push(("quotes", Instant::now()));
        recognise::figures::context::annotate(&text, &segments, &mut figures, &summary.mentions);
        marks.push(("context", Instant::now()));
        let line: Vec<String> =
            marks.windows(2).map(|w| format!("{} {:.1}", w[1].0, (w[1].1 - w[0].1).as_secs_f64() * 1e3)).collect();
        let total = (marks[marks.len() - 1].1 - marks[0].1).as_secs_f64();
        println!("{} | total {:.1} ms, {:.0} words/s", line.join(", "), total * 1e3, words as f64 / total);
    }
}
