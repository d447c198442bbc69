//! The engine's data-driven test suite: every `tests/cases/*.toml` file at the repository root.
//!
//! Each file holds `[[case]]` tables:
//!
//! ```toml
//! [[case]]
//! name = "money with a scale word"
//! # text = ...                    # the text, or
//! # file = "000_e5f0a6bbb00f6e8a.txt"  # a file of ../shared/samples (skipped when absent)
//! text = "Russia's defense budget of $118.5 billion for 2024."
//! published = "2024-02-14"        # optional: the article's date (else found in the text)
//! exact_figures = false           # optional: true = the figures are exactly those listed
//! no_figure_in = ["Shahed-136"]   # optional: no figure may overlap these strings
//! no_entity = ["Monday"]          # optional: no entity mention may overlap these strings
//! sentences = ["First.", "Second."]   # optional: the exact sentences
//! summary_count = 3               # optional: number of summary sentences
//!
//! [[case.figure]]                 # each listed figure must be found exactly
//! text = "$118.5 billion"         # the figure's text (first occurrence, or `at` = nth, from 0)
//! kind = "MONEY"
//! value = 118500000000            # optional
//! unit = "USD"                    # optional
//! iso = "2024"                    # optional
//!
//! [[case.entity]]                 # each listed mention must be found exactly, with this label
//! text = "Stensønes"
//! label = "PERSON"
//! name = "Nils Stensønes"         # optional: the entity it belongs to
//!
//! [[case.quote]]                  # a quotation and its speaker (tests/cases/quotes.toml)
//! text = "three times more troops" # a piece of the quotation (first occurrence)
//! speaker = "Nils Stensønes"      # the speaker's name, or "" for none
//! ```
//!
//! `no_quote = ["Focus"]` lists quoted words that are no quotation (scare quotes, titles).
//! Quote speakers are not asserted one by one: `quote_speakers` reports their accuracy over
//! all cases (`cargo test -p dossier-engine --test cases quote_speakers -- --nocapture`).
//!
//! Every case is also checked for the invariants of every analysis: mentions sorted, on char
//! boundaries and non-overlapping; JSON offsets that point at the text they claim.

use std::path::{Path, PathBuf};

use dossier_engine::{analyse, Analysis, Date, FigureKind, Label, Options, Span};
use serde::Deserialize;

mod common;
use common::invariants;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The text, or
    #[serde(default)]
    text: String,
    /// a file of `../shared/samples` (the case is skipped, and says so, when it is absent).
    file: Option<String>,
    published: Option<String>,
    #[serde(default)]
    exact_figures: bool,
    #[serde(default)]
    no_figure_in: Vec<String>,
    #[serde(default)]
    no_entity: Vec<String>,
    sentences: Option<Vec<String>>,
    summary_count: Option<usize>,
    #[serde(default)]
    figure: Vec<ExpectedFigure>,
    #[serde(default)]
    entity: Vec<ExpectedEntity>,
    #[serde(default)]
    no_quote: Vec<String>,
    #[serde(default)]
    quote: Vec<ExpectedQuote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedQuote {
    text: String,
    speaker: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFigure {
    text: String,
    #[serde(default)]
    at: usize,
    kind: String,
    value: Option<f64>,
    unit: Option<String>,
    iso: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedEntity {
    text: String,
    #[serde(default)]
    at: usize,
    label: String,
    name: Option<String>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// The span of the `at`-th occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, at: usize) -> Option<Span> {
    text.match_indices(needle).nth(at).map(|(i, s)| Span::new(i, i + s.len()))
}

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples")
}

/// The case's text: inline, or read from the samples (`None` when the sample is absent).
fn case_text(case: &Case) -> Option<String> {
    match &case.file {
        None => Some(case.text.clone()),
        Some(f) => {
            let bytes = std::fs::read(samples_dir().join(f)).ok()?;
            Some(dossier_engine::decode::decode(&bytes, f).expect("samples decode").text)
        }
    }
}

fn check(case: &Case, text: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let mut options = Options::default();
    if let Some(p) = &case.published {
        options.published = Some(Date::parse_iso(p).expect("published is YYYY-MM-DD"));
    }
    let a = analyse(text, &options);
    errors.extend(invariants(&a));
    let shown = |a: &Analysis| -> String {
        let figs: Vec<String> = a.figures.iter().map(|f| format!("{} {:?} {:?} {:?} {:?}", f.kind, f.span.of(&a.text), f.value(), f.unit(), f.iso())).collect();
        let ents: Vec<String> = a.entities.iter().map(|e| format!("{} {:?} {:?}", e.label, e.name, e.mentions.iter().map(|m| m.of(&a.text)).collect::<Vec<_>>())).collect();
        format!("\n    figures: {figs:#?}\n    entities: {ents:#?}")
    };
    for ef in &case.figure {
        let Some(span) = find(&a.text, &ef.text, ef.at) else {
            errors.push(format!("figure text {:?} is not in the case's text", ef.text));
            continue;
        };
        let kind = FigureKind::parse(&ef.kind).unwrap_or_else(|| panic!("unknown kind {}", ef.kind));
        match a.figures.iter().find(|f| f.span == span) {
            None => errors.push(format!("missing {} figure {:?}", ef.kind, ef.text)),
            Some(f) => {
                if f.kind != kind {
                    errors.push(format!("{:?}: kind {} instead of {}", ef.text, f.kind, kind));
                }
                if let Some(v) = ef.value {
                    if f.value().is_none_or(|got| (got - v).abs() > 1e-9 * v.abs().max(1.0)) {
                        errors.push(format!("{:?}: value {:?} instead of {}", ef.text, f.value(), v));
                    }
                }
                if ef.unit.is_some() && f.unit() != ef.unit.as_deref() {
                    errors.push(format!("{:?}: unit {:?} instead of {:?}", ef.text, f.unit(), ef.unit));
                }
                if ef.iso.is_some() && f.iso() != ef.iso.as_deref() {
                    errors.push(format!("{:?}: iso {:?} instead of {:?}", ef.text, f.iso(), ef.iso));
                }
            }
        }
    }
    if case.exact_figures && a.figures.len() != case.figure.len() {
        errors.push(format!("{} figures instead of exactly {}", a.figures.len(), case.figure.len()));
    }
    for ee in &case.entity {
        let Some(span) = find(&a.text, &ee.text, ee.at) else {
            errors.push(format!("entity text {:?} is not in the case's text", ee.text));
            continue;
        };
        let label = Label::parse(&ee.label).unwrap_or_else(|| panic!("unknown label {}", ee.label));
        match a.entities.iter().find(|e| e.mentions.contains(&span)) {
            None => errors.push(format!("missing {} mention {:?}", ee.label, ee.text)),
            Some(e) => {
                if e.label != label {
                    errors.push(format!("{:?}: label {} instead of {}", ee.text, e.label, label));
                }
                if let Some(name) = &ee.name {
                    if &e.name != name {
                        errors.push(format!("{:?}: entity {:?} instead of {:?}", ee.text, e.name, name));
                    }
                }
            }
        }
    }
    for s in &case.no_figure_in {
        for (i, m) in a.text.match_indices(s.as_str()) {
            let span = Span::new(i, i + m.len());
            for f in a.figures.iter().filter(|f| f.span.overlaps(&span)) {
                errors.push(format!("figure {:?} inside {:?}", f.span.of(&a.text), s));
            }
        }
    }
    for s in &case.no_entity {
        for (i, m) in a.text.match_indices(s.as_str()) {
            let span = Span::new(i, i + m.len());
            for e in a.entities.iter() {
                for m in e.mentions.iter().filter(|m| m.overlaps(&span)) {
                    errors.push(format!("entity mention {:?} ({}) overlaps {:?}", m.of(&a.text), e.label, s));
                }
            }
        }
    }
    for s in &case.no_quote {
        for q in a.quotes.iter().filter(|q| q.span.of(&a.text) == s) {
            errors.push(format!("{:?} is taken for a quotation", q.span.of(&a.text)));
        }
    }
    if let Some(expected) = &case.sentences {
        let got: Vec<&str> = a.sentences.iter().map(|s| s.of(&a.text)).collect();
        if &got != expected {
            errors.push(format!("sentences {got:?} instead of {expected:?}"));
        }
    }
    if let Some(n) = case.summary_count {
        if a.summary.len() != n {
            errors.push(format!("{} summary sentences instead of {n}", a.summary.len()));
        }
    }
    if !errors.is_empty() {
        errors.push(shown(&a));
    }
    errors
}

/// The case files, in name order.
fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn cases() {
    let files = case_files();
    assert!(!files.is_empty(), "no case files in {}", cases_dir().display());
    let (mut total, mut failed, mut skipped) = (0, Vec::new(), 0);
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let file: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            let Some(text) = case_text(case) else {
                eprintln!("skipped {:?}: {} is absent", case.name, samples_dir().display());
                skipped += 1;
                continue;
            };
            total += 1;
            let errors = check(case, &text);
            if !errors.is_empty() {
                let file_name = path.file_name().unwrap().to_string_lossy();
                failed.push(format!("{file_name} / {}:\n  {}", case.name, errors.join("\n  ")));
            }
        }
    }
    eprintln!("{} cases in {} files, {} failed, {} skipped", total, files.len(), failed.len(), skipped);
    assert!(failed.is_empty(), "{} of {total} cases failed:\n\n{}", failed.len(), failed.join("\n\n"));
}

/// Whether the entity `e` is the expected speaker `name`: the same key as its name or an alias,
/// or the same surname (and first name, when both have one).
fn is_speaker(e: &dossier_engine::Entity, name: &str) -> bool {
    use dossier_engine::resolve::aliases::{fold, key};
    let k = key(name);
    let forms = || std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str));
    forms().any(|f| key(f) == k)
        || forms().any(|f| {
            let (a, b) = (fold(f), fold(name));
            let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
            a.last() == b.last() && (a.len() == 1 || b.len() == 1 || a.first() == b.first())
        })
}

/// Speaker accuracy over every `[[case.quote]]`: a quote counts as right when a quotation
/// overlapping its text is found and its speaker is the expected one (or none for "").
#[test]
fn quote_speakers() {
    let files = case_files();
    let (mut total, mut right, mut skipped) = (0, 0, 0);
    let mut misses = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let file: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in file.case.iter().filter(|c| !c.quote.is_empty()) {
            let Some(text) = case_text(case) else {
                skipped += case.quote.len();
                continue;
            };
            let a = analyse(&text, &Options::default());
            for eq in &case.quote {
                total += 1;
                let Some(span) = find(&a.text, &eq.text, 0) else {
                    misses.push(format!("{}: {:?} is not in the text", case.name, eq.text));
                    continue;
                };
                let Some(q) = a.quotes.iter().find(|q| q.span.overlaps(&span)) else {
                    misses.push(format!("{}: {:?} is not found as a quotation", case.name, eq.text));
                    continue;
                };
                let got = q.speaker.map(|e| &a.entities[e]);
                let ok = match got {
                    None => eq.speaker.is_empty(),
                    Some(e) => !eq.speaker.is_empty() && is_speaker(e, &eq.speaker),
                };
                if ok {
                    right += 1;
                } else {
                    let got = got.map_or("nobody".to_owned(), |e| format!("{} ({})", e.name, e.label));
                    misses.push(format!("{}: {:?} by {got}, not {:?}", case.name, eq.text, eq.speaker));
                }
            }
        }
    }
    let accuracy = if total == 0 { 0.0 } else { right as f64 / total as f64 };
    eprintln!("quote speakers: {right} of {total} right ({:.1}%), {skipped} skipped (samples absent)", accuracy * 100.0);
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    assert!(total >= 50 || skipped > 0, "the labelled set has {total} quotes, fewer than 50");
    assert!(accuracy >= 0.85, "quote speaker accuracy {:.1}% is below 85%", accuracy * 100.0);
}
