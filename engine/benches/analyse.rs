//! Criterion benchmark: the whole analysis over the sample articles repeated to 1 MB and 5 MB.
//!
//! Run: `cargo bench -p dossier-engine --bench analyse`. Reads `../shared/samples` (beside the
//! repository); without it, falls back to the text in `tests/cases`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dossier_engine::{analyse, Options};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/samples");
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                text.push_str(&t);
                text.push_str("\n\n");
            }
        }
    }
    if text.is_empty() {
        text = "Nils Stensønes, director of the Norwegian Intelligence Service (NIS), said Russia's \
                defense budget of $118.5 billion for 2024 rose 61% since 2023.\n\n"
            .repeat(20);
    }
    text
}

fn repeated(base: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + base.len());
    while s.len() < bytes {
        s.push_str(base);
    }
    s
}

fn bench(c: &mut Criterion) {
    let base = corpus();
    let mut group = c.benchmark_group("analyse");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for mb in [1usize, 5] {
        let text = repeated(&base, mb << 20);
        let words = text.split_whitespace().count() as u64;
        group.throughput(Throughput::Elements(words));
        group.bench_with_input(BenchmarkId::new("words", format!("{mb}MB")), &text, |b, t| {
            b.iter(|| analyse(t, &Options::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
