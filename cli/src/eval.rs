//! `dossier eval`: exact-span precision, recall and F1 per label on a CoNLL-style corpus, on
//! text rebuilt by joining tokens with spaces (sentences with line breaks, documents apart).
//!
//! The scorer counts a predicted entity right when its span and label equal a gold entity's.
//! Only the labels the mapping produces are scored; gold entities of other types (MISC, dates)
//! are not counted, and a prediction with a scored label on them counts as wrong.
//! `--dump FILE` writes the rebuilt documents (one JSON object per line) and `--predictions
//! FILE` scores another tool's entities on them (one line per document:
//! `{"entities": [[start, end, "LABEL"], ...]}` in code-point offsets), so that
//! `scripts/spacy_eval.py` goes through this same scorer.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use dossier_engine::recognise::tagger;
use dossier_engine::{analyse, segment, Label, Options, Referent, Span};

use crate::corpus::{self, map, Doc, Layout, Mapped, Mapping};
use crate::train::prf;

/// Which recognisers to score.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// The whole analysis (all recognisers, resolution).
    All,
    /// The tagger alone.
    Tagger,
}

/// A named evaluation set: its file under the corpora folder, layout and mapping.
pub fn preset(name: &str) -> Option<(&'static str, Layout, &'static str)> {
    Some(match name {
        "wikigold" => ("wikigold/wikigold.conll.txt", Layout::FirstLast, "PER=PERSON,ORG=ORG,LOC=PLACE,MISC=?"),
        "wnut17" => (
            "wnut17/emerging.test.annotated",
            Layout::FirstLast,
            "person=PERSON,location=PLACE,corporation=ORG,group=ORG,product=PRODUCT,creative-work=WORK",
        ),
        "re3d" => ("re3d/re3d-test.conll", Layout::FirstLast, "Person=PERSON,Organisation=ORG,Location=PLACE,Nationality=GROUP"),
        "uner" => ("uner_en_ewt/en_ewt-ud-test.iob2", Layout::Uner, "PER=PERSON,ORG=ORG,LOC=PLACE"),
        _ => return None,
    })
}

/// Settings of one evaluation.
pub struct Settings {
    pub file: PathBuf,
    pub layout: Layout,
    pub mapping: Mapping,
    pub only: Only,
    pub dump: Option<PathBuf>,
    pub predictions: Option<PathBuf>,
    pub errors: bool,
    /// A model file to tag with instead of the compiled-in one (with `--only tagger`).
    pub model: Option<PathBuf>,
}

/// Counts per label: gold, predicted, correct.
type Counts = BTreeMap<Label, (usize, usize, usize)>;

/// Runs the evaluation and prints the table.
pub fn run(s: &Settings) -> Result<(), String> {
    let raw = corpus::read_conll(&s.file, s.layout, 1)?;
    let docs: Vec<Doc> = raw.iter().map(corpus::rebuild).collect();
    let scored: BTreeSet<Label> = s.mapping.values().filter_map(|m| if let Mapped::To(l) = m { Some(*l) } else { None }).collect();
    if let Some(path) = &s.dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?);
        for d in &docs {
            writeln!(out, "{}", serde_json::json!({ "text": d.text })).map_err(|e| e.to_string())?;
        }
    }
    let external = match &s.predictions {
        Some(p) => Some(read_predictions(p, &docs)?),
        None => None,
    };
    let model = match &s.model {
        Some(p) => Some(tagger::Model::decode(&std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?).ok_or("not a tagger model")?),
        None => None,
    };
    let t0 = std::time::Instant::now();
    let mut counts = Counts::new();
    let mut words = 0usize;
    for (k, d) in docs.iter().enumerate() {
        let gold: BTreeSet<(Span, Label)> = d
            .gold
            .iter()
            .filter_map(|g| if let Mapped::To(l) = map(&s.mapping, &g.kind) { Some((g.span, l)) } else { None })
            .filter(|(_, l)| scored.contains(l))
            .collect();
        let pred: BTreeSet<(Span, Label)> = match &external {
            Some(e) => e[k].iter().copied().collect(),
            None => predict(&d.text, s.only, model.as_ref()),
        };
        let pred: BTreeSet<(Span, Label)> = pred.into_iter().filter(|(_, l)| scored.contains(l)).collect();
        words += d.text.split_whitespace().count();
        for (_, l) in &gold {
            counts.entry(*l).or_default().0 += 1;
        }
        for p in &pred {
            let e = counts.entry(p.1).or_default();
            e.1 += 1;
            if gold.contains(p) {
                e.2 += 1;
            }
        }
        if s.errors {
            for g in gold.difference(&pred) {
                println!("MISS  {:8} {}", g.1.as_str(), g.0.of(&d.text));
            }
            for p in pred.difference(&gold) {
                println!("WRONG {:8} {}", p.1.as_str(), p.0.of(&d.text));
            }
        }
    }
    let elapsed = t0.elapsed();
    println!("{}: {} documents, {} words", s.file.display(), docs.len(), words);
    let (mut g, mut p, mut c) = (0, 0, 0);
    for (l, (a, b, k)) in &counts {
        println!("  {:8} gold {:6} pred {:6}  {}", l.as_str(), a, b, prf(*a, *b, *k));
        g += a;
        p += b;
        c += k;
    }
    println!("  {:8} gold {:6} pred {:6}  {}", "ALL", g, p, prf(g, p, c));
    if external.is_none() {
        eprintln!("({:.0} words/s)", words as f64 / elapsed.as_secs_f64().max(1e-9));
    }
    Ok(())
}

fn predict(text: &str, only: Only, model: Option<&tagger::Model>) -> BTreeSet<(Span, Label)> {
    match only {
        Only::All => {
            let a = analyse(text, &Options::default());
            a.mentions
                .iter()
                .filter_map(|m| match m.referent {
                    Referent::Entity(e) => a.entities.get(e as usize).map(|e| (m.span, e.label)),
                    Referent::Figure(_) => None,
                })
                .collect()
        }
        Only::Tagger => {
            let segments = segment::segment(text);
            let chosen: Option<&tagger::Model> = match model {
                Some(m) => Some(m),
                None => tagger::model(),
            };
            match chosen {
                Some(m) => tagger::tag_document(m, text, &segments).into_iter().map(|(s, l, _)| (s, l)).collect(),
                None => BTreeSet::new(),
            }
        }
    }
}

/// Reads another tool's predictions: one JSON line per document, code-point offsets.
fn read_predictions(path: &Path, docs: &[Doc]) -> Result<Vec<Vec<(Span, Label)>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != docs.len() {
        return Err(format!("{} has {} lines for {} documents", path.display(), lines.len(), docs.len()));
    }
    let mut out = Vec::new();
    for (line, d) in lines.iter().zip(docs) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        // code point -> byte offset
        let mut offsets: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
        offsets.push(d.text.len());
        let mut ents = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(a), Some(b), Some(l)) = (e[0].as_u64(), e[1].as_u64(), e[2].as_str()) else { continue };
            let (Some(&a), Some(&b), Some(l)) = (offsets.get(a as usize), offsets.get(b as usize), Label::parse(l)) else { continue };
            ents.push((Span::new(a, b), l));
        }
        out.push(ents);
    }
    Ok(out)
}
