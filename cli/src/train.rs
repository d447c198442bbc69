//! `dossier train`: trains the entity tagger from the open corpora and writes the model the
//! engine compiles in (`engine/data/tagger.bin`). Deterministic: same corpora and settings,
//! same bytes (one thread, fixed shuffles, sorted features).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier_engine::recognise::tagger::{self, best_tags, tag_of, word_key, Clusters, Featurizer, Model, RawModel, Scratch, FEATURES, TAGS};
use dossier_engine::segment::TokenKind;
use dossier_engine::segment::{self, Segments};
use dossier_engine::{Label, Span};

use crate::corpus::{self, map, Doc, Layout, Mapped, Mapping, RawDoc};

/// Settings of one training run.
pub struct Settings {
    pub corpora: PathBuf,
    pub out: PathBuf,
    pub epochs: usize,
    pub min_count: u32,
    pub keep: usize,
    /// Keep every `sample`-th document only (1: all), for quick experiments.
    pub sample: usize,
    /// Keep every `gmb_sample`-th GMB document only (GMB is silver and outweighs the rest).
    pub gmb_sample: usize,
    /// Top bits of the feature and word keys the model keeps (`tagger::KEY_BITS`).
    pub key_bits: u32,
}

fn mapping(pairs: &[(&str, Mapped)]) -> Mapping {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

use Mapped::{Outside, To, Unknown};

/// The training corpora, their mappings and how their sentences group into documents.
pub fn training_sets(root: &Path) -> Result<Vec<(String, Vec<RawDoc>, Mapping)>, String> {
    let per_org_loc = || mapping(&[("PER", To(Label::Person)), ("ORG", To(Label::Org)), ("LOC", To(Label::Place)), ("MISC", Unknown)]);
    let wnut = mapping(&[
        ("person", To(Label::Person)),
        ("location", To(Label::Place)),
        ("group", To(Label::Org)),
        ("corporation", To(Label::Org)),
        ("product", To(Label::Product)),
        ("creative-work", To(Label::Work)),
    ]);
    let re3d = mapping(&[
        ("Person", To(Label::Person)),
        ("Organisation", To(Label::Org)),
        ("Location", To(Label::Place)),
        ("Nationality", To(Label::Group)),
        ("Weapon", To(Label::Product)),
        ("MilitaryPlatform", To(Label::Product)),
        ("DocumentReference", Unknown),
    ]);
    let gmb = mapping(&[
        ("per", To(Label::Person)),
        ("org", To(Label::Org)),
        ("geo", To(Label::Place)),
        ("gpe", To(Label::Group)), // real place names are re-mapped to PLACE, see `gmb_places`
        ("eve", To(Label::Event)),
        ("art", To(Label::Work)),
        ("nat", Unknown),
        ("tim", Outside),
    ]);
    let c = |p: &str| root.join(p);
    let mut sets = Vec::new();
    sets.push(("gmb".to_owned(), corpus::read_gmb(&c("gmb_ner_dataset/ner_dataset.csv"), 8)?, gmb));
    for part in ["a", "b", "e", "f", "g", "h"] {
        sets.push((format!("btc-{part}"), corpus::read_conll(&c(&format!("btc/{part}.conll")), Layout::FirstLast, 1)?, per_org_loc()));
    }
    sets.push(("wnut17-train".to_owned(), corpus::read_conll(&c("wnut17/wnut17train.conll"), Layout::FirstLast, 1)?, wnut.clone()));
    sets.push(("wnut17-dev".to_owned(), corpus::read_conll(&c("wnut17/emerging.dev.conll"), Layout::FirstLast, 1)?, wnut));
    sets.push(("re3d-train".to_owned(), corpus::read_conll(&c("re3d/re3d-train.conll"), Layout::FirstLast, 1)?, re3d));
    sets.push(("uner-dev".to_owned(), corpus::read_conll(&c("uner_en_ewt/en_ewt-ud-dev.iob2"), Layout::Uner, 1)?, per_org_loc()));
    sets.push(("sec-fin5".to_owned(), corpus::read_conll(&c("sec_filings/FIN5.txt"), Layout::FirstLast, 1)?, per_org_loc()));
    let fewnerd = mapping(&[
        ("person", To(Label::Person)),
        ("organization", To(Label::Org)),
        ("location", To(Label::Place)),
        ("building", Unknown),
        ("art", To(Label::Work)),
        ("product", To(Label::Product)),
        ("event", To(Label::Event)),
        ("other", Unknown),
    ]);
    for part in ["dev", "test"] {
        let docs = corpus::read_conll(&c(&format!("fewnerd_sample/{part}.txt")), Layout::FirstLast, 1)?;
        sets.push((format!("fewnerd-{part}"), fully_annotated(docs), fewnerd.clone()));
    }
    sets.push(("sec-fin3".to_owned(), corpus::read_conll(&c("sec_filings/FIN3.txt"), Layout::FirstLast, 1)?, per_org_loc()));
    Ok(sets)
}

/// The Few-NERD sample labels only some types in each sentence: keeps the sentences in which
/// every capitalised word after the first is inside an entity, with the fine types reduced to
/// the coarse ones (`location_GPE` -> `location`).
fn fully_annotated(docs: Vec<RawDoc>) -> Vec<RawDoc> {
    docs.into_iter()
        .flatten()
        .filter(|s| {
            s.tokens.iter().zip(&s.tags).skip(1).all(|(tok, tag)| tag != "O" || !tok.chars().next().is_some_and(char::is_uppercase))
        })
        .map(|mut s| {
            for t in s.tags.iter_mut() {
                if let Some(cut) = t.find('_') {
                    t.truncate(cut);
                }
            }
            vec![s]
        })
        .collect()
}

/// GMB's `gpe` spans that are real place names: those tagged `geo` more often than `gpe`.
fn gmb_places(docs: &[Doc]) -> HashMap<String, bool> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for d in docs {
        for g in &d.gold {
            let e = counts.entry(g.span.of(&d.text).to_owned()).or_default();
            match g.kind.as_str() {
                "geo" => e.0 += 1,
                "gpe" => e.1 += 1,
                _ => {}
            }
        }
    }
    counts.into_iter().map(|(k, (geo, gpe))| (k, geo > gpe)).collect()
}

/// A document ready for the tagger: text, segments and gold labels per engine token.
pub struct Prepared {
    pub text: String,
    pub segments: Segments,
    /// Gold tag per engine token.
    pub tags: Vec<u8>,
    /// Whether each engine sentence may be trained on.
    pub usable: Vec<bool>,
}

/// Titles that GMB counts as part of a person's name ("President Bush") and the other corpora
/// and Dossier do not.
const TITLES: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "president", "prime", "minister", "general", "gen.", "secretary",
    "senator", "sen.", "king", "queen", "vice", "pope", "chancellor", "premier", "foreign", "defense", "defence", "interior",
    "finance", "governor", "gov.", "chairman", "ambassador", "lieutenant", "lt.", "colonel", "col.", "captain", "capt.",
    "commander", "sergeant", "sgt.", "judge", "justice", "prince", "princess", "sheikh", "cardinal", "bishop", "archbishop",
    "rev.", "reverend", "mayor", "envoy", "spokesman", "spokeswoman", "leader", "deputy", "former", "u.s.", "state",
    "opposition", "rebel", "chief", "representative", "rep.", "attorney", "emperor", "ayatollah", "field", "marshal",
    "admiral", "adm.", "major", "maj.", "pastor", "father", "sister", "brother", "saint", "st.", "grand", "supreme",
];

/// A person's span without the titles and lower-case words it starts with.
fn without_titles(text: &str, mut span: Span) -> Span {
    loop {
        let s = span.of(text);
        let Some((first, rest)) = s.split_once(' ') else { return span };
        let is_title = TITLES.contains(&first.to_lowercase().as_str()) || first.chars().next().is_some_and(char::is_lowercase);
        if !is_title || rest.is_empty() {
            return span;
        }
        span = Span::new(span.start() + first.len() + 1, span.end());
    }
}

/// Projects gold spans onto the engine's tokens.
pub fn prepare(doc: &Doc, mapping: &Mapping, places: Option<&HashMap<String, bool>>) -> Prepared {
    let segments = segment::segment(&doc.text);
    let mut tags = vec![0u8; segments.tokens.len()];
    let mut bad: Vec<Span> = Vec::new();
    for g in &doc.gold {
        let mut m = map(mapping, &g.kind);
        if g.kind == "gpe" && places.is_some_and(|p| p.get(g.span.of(&doc.text)).copied().unwrap_or(false)) {
            m = To(Label::Place);
        }
        let mut g = g.clone();
        if m == To(Label::Person) {
            g.span = without_titles(&doc.text, g.span);
        }
        match m {
            To(label) => {
                let first = segments.token_at(g.span.start());
                let mut k = first;
                while k < segments.tokens.len() && segments.tokens[k].start() < g.span.end() {
                    let t = segments.tokens[k].span();
                    if t.start() < g.span.start() || t.end() > g.span.end() {
                        bad.push(g.span); // the engine's tokens cut the entity
                    }
                    tags[k] = tag_of(label, k == first) as u8;
                    k += 1;
                }
            }
            Unknown => bad.push(g.span),
            Outside => {}
        }
    }
    let usable = segments
        .sentences
        .iter()
        .map(|s| !bad.iter().any(|b| b.start() < s.span.end() && s.span.start() < b.end()))
        .collect();
    Prepared { text: doc.text.clone(), segments, tags, usable }
}

struct Data {
    /// Features (dense ids, `u32::MAX` unknown), [`FEATURES`] per token.
    feats: Vec<u32>,
    tags: Vec<u8>,
    /// Token ranges of sentences.
    sentences: Vec<(usize, usize)>,
}

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

/// Loads, maps and prepares every training document; every 20th document is held out.
pub fn load(root: &Path, sample: usize, gmb_sample: usize) -> Result<(Vec<Prepared>, Vec<Prepared>), String> {
    let mut train = Vec::new();
    let mut held = Vec::new();
    let mut n = 0usize;
    for (name, raw, mapping) in training_sets(root)? {
        let docs: Vec<Doc> = raw.iter().map(corpus::rebuild).collect();
        let places = (name == "gmb").then(|| gmb_places(&docs));
        let before = train.len() + held.len();
        for (k, d) in docs.iter().enumerate() {
            if name == "gmb" && k % gmb_sample.max(1) != 0 {
                continue;
            }
            n += 1;
            if !n.is_multiple_of(sample.max(1)) {
                continue;
            }
            let p = prepare(d, &mapping, places.as_ref());
            if (n / sample.max(1)).is_multiple_of(20) {
                held.push(p);
            } else {
                train.push(p);
            }
        }
        eprintln!("  {name}: {} documents", train.len() + held.len() - before);
    }
    Ok((train, held))
}

/// Trains and writes the model.
pub fn run(settings: &Settings) -> Result<(), String> {
    let t0 = std::time::Instant::now();
    eprintln!("reading corpora from {}", settings.corpora.display());
    let (train, held) = load(&settings.corpora, settings.sample, settings.gmb_sample)?;

    let cluster_pairs = word_clusters(train.iter().chain(&held), 256, 40_000, 10);
    let clusters = Clusters::new(&cluster_pairs);
    eprintln!("{} words clustered ({:.1?})", cluster_pairs.len(), t0.elapsed());

    // Features of every usable sentence.
    let mut raw_feats: Vec<u32> = Vec::new();
    let mut tags: Vec<u8> = Vec::new();
    let mut sentences = Vec::new();
    let mut buf = Vec::new();
    for p in &train {
        let fz = Featurizer::new(&p.text, &p.segments, &clusters);
        for (k, s) in p.segments.sentences.iter().enumerate() {
            if !p.usable[k] || s.tokens.is_empty() {
                continue;
            }
            fz.sentence(&p.segments, k, &mut buf);
            let start = tags.len();
            raw_feats.extend_from_slice(&buf);
            tags.extend(s.tokens.clone().map(|t| p.tags[t]));
            sentences.push((start, tags.len()));
        }
    }
    eprintln!("{} sentences, {} tokens ({:.1?})", sentences.len(), tags.len(), t0.elapsed());

    // Feature ids: keys seen at least `min_count` times, in key order.
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for &k in &raw_feats {
        *counts.entry(k).or_default() += 1;
    }
    let mut keys: Vec<u32> = counts.iter().filter(|(_, &c)| c >= settings.min_count).map(|(&k, _)| k).collect();
    keys.sort_unstable();
    let ids: HashMap<u32, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    drop(counts);
    let feats: Vec<u32> = raw_feats.iter().map(|k| ids.get(k).copied().unwrap_or(u32::MAX)).collect();
    drop(raw_feats);
    drop(ids);
    eprintln!("{} features kept of count >= {}", keys.len(), settings.min_count);
    let data = Data { feats, tags, sentences };

    let (weights, trans) = perceptron(&data, keys.len(), settings.epochs);

    // Keep the strongest features.
    let mut scored: Vec<(f32, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (w.iter().fold(0f32, |m, x| m.max(x.abs())), i))
        .filter(|(m, _)| *m > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(settings.keep);
    let features: Vec<(u32, [f32; TAGS])> = scored.iter().map(|&(_, i)| (keys[i], weights[i])).collect();
    let mut raw = RawModel { trans, features, temperature: 1.0, clusters: cluster_pairs, key_bits: settings.key_bits };
    let bytes = raw.encode();
    let model = Model::decode(&bytes).ok_or("the encoded model does not decode")?;
    raw.temperature = calibrate(&model, &held);
    let bytes = raw.encode();
    if let Some(dir) = settings.out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&settings.out, &bytes).map_err(|e| format!("{}: {e}", settings.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} features, temperature {:.3}) in {:.1?}",
        settings.out.display(),
        bytes.len(),
        model.len(),
        raw.temperature,
        t0.elapsed()
    );
    let model = Model::decode(&bytes).ok_or("the encoded model does not decode")?;
    report_held(&model, &held);
    Ok(())
}

/// Word clusters from the raw text of the documents: each of the `vocab` most frequent
/// lower-cased words (seen at least 3 times) is described by the words on its left and right
/// (among the 600 most frequent tokens, log counts, unit length) and k-means (cosine, `k`
/// clusters, `rounds` rounds, deterministic start) groups them.
fn word_clusters<'a>(docs: impl Iterator<Item = &'a Prepared>, k: usize, vocab: usize, rounds: usize) -> Vec<(u32, u8)> {
    let docs: Vec<&Prepared> = docs.collect();
    let lower = |p: &Prepared, i: usize| p.segments.tokens[i].span().of(&p.text).to_lowercase();
    let mut freq: HashMap<String, u32> = HashMap::new();
    for p in &docs {
        for i in 0..p.segments.tokens.len() {
            *freq.entry(lower(p, i)).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&String, u32)> = freq.iter().map(|(w, &c)| (w, c)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let context: HashMap<&str, usize> = ranked.iter().take(600).enumerate().map(|(i, (w, _))| (w.as_str(), i)).collect();
    let dims = 2 * context.len() + 2;
    let words: Vec<&str> = ranked
        .iter()
        .filter(|(w, c)| *c >= 3 && w.chars().next().is_some_and(char::is_alphabetic))
        .take(vocab)
        .map(|(w, _)| w.as_str())
        .collect();
    let index: HashMap<&str, usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let mut vectors: Vec<HashMap<usize, f32>> = vec![HashMap::new(); words.len()];
    for p in &docs {
        for s in &p.segments.sentences {
            let toks: Vec<String> = s.tokens.clone().map(|i| lower(p, i)).collect();
            for (j, w) in toks.iter().enumerate() {
                let Some(&wi) = index.get(w.as_str()) else { continue };
                let left = if j == 0 { dims - 2 } else { context.get(toks[j - 1].as_str()).map_or(usize::MAX, |&c| 2 * c) };
                let right = if j + 1 == toks.len() { dims - 1 } else { context.get(toks[j + 1].as_str()).map_or(usize::MAX, |&c| 2 * c + 1) };
                for d in [left, right] {
                    if d != usize::MAX {
                        *vectors[wi].entry(d).or_default() += 1.0;
                    }
                }
            }
        }
    }
    let vectors: Vec<Vec<(usize, f32)>> = vectors
        .into_iter()
        .map(|v| {
            let mut v: Vec<(usize, f32)> = v.into_iter().map(|(d, c)| (d, (1.0 + c).ln())).collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| x.1 /= norm);
            v
        })
        .collect();
    let k = k.min(vectors.len()).max(1);
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut v = vec![0f32; dims];
            for &(d, x) in &vectors[c * vectors.len() / k] {
                v[d] = x;
            }
            v
        })
        .collect();
    let mut assign = vec![0usize; vectors.len()];
    for _ in 0..rounds {
        for (wi, v) in vectors.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0);
            for (ci, c) in centroids.iter().enumerate() {
                let dot: f32 = v.iter().map(|&(d, x)| c[d] * x).sum();
                if dot > best.0 {
                    best = (dot, ci);
                }
            }
            assign[wi] = best.1;
        }
        for c in centroids.iter_mut() {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
        for (wi, v) in vectors.iter().enumerate() {
            for &(d, x) in v {
                centroids[assign[wi]][d] += x;
            }
        }
        for c in centroids.iter_mut() {
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    let _ = TokenKind::Word;
    words.iter().zip(&assign).map(|(w, &c)| (word_key(w), c as u8)).collect()
}

/// Averaged structured perceptron with Viterbi decoding.
fn perceptron(data: &Data, n: usize, epochs: usize) -> (Vec<[f32; TAGS]>, [[f32; TAGS]; TAGS + 1]) {
    let mut w = vec![[0f32; TAGS]; n];
    let mut u = vec![[0f32; TAGS]; n];
    let mut tw = [[0f32; TAGS]; TAGS + 1];
    let mut tu = [[0f32; TAGS]; TAGS + 1];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.sentences.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut scratch = Scratch::default();
    let mut emit: Vec<[f32; TAGS]> = Vec::new();
    for epoch in 0..epochs {
        let t0 = std::time::Instant::now();
        for i in (1..order.len()).rev() {
            let j = (xorshift(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &si in &order {
            let (a, b) = data.sentences[si];
            emit.clear();
            for t in a..b {
                let mut e = [0f32; TAGS];
                for &f in &data.feats[t * FEATURES..(t + 1) * FEATURES] {
                    if let Some(row) = w.get(f as usize) {
                        for (x, y) in e.iter_mut().zip(row) {
                            *x += y;
                        }
                    }
                }
                emit.push(e);
            }
            let pred = best_tags(&emit, &tw, &mut scratch);
            let gold = &data.tags[a..b];
            if pred.iter().zip(gold).all(|(&p, &g)| p == g as usize) {
                c += 1.0;
                continue;
            }
            for (k, t) in (a..b).enumerate() {
                let (p, g) = (pred[k], gold[k] as usize);
                let (pp, gp) = if k == 0 { (TAGS, TAGS) } else { (pred[k - 1], gold[k - 1] as usize) };
                if p != g || pp != gp {
                    tw[gp][g] += 1.0;
                    tu[gp][g] += c;
                    tw[pp][p] -= 1.0;
                    tu[pp][p] -= c;
                }
                if p != g {
                    errors += 1;
                    for &f in &data.feats[t * FEATURES..(t + 1) * FEATURES] {
                        let f = f as usize;
                        if f < n {
                            w[f][g] += 1.0;
                            u[f][g] += c;
                            w[f][p] -= 1.0;
                            u[f][p] -= c;
                        }
                    }
                }
            }
            c += 1.0;
        }
        eprintln!("epoch {}: {} token errors ({:.1?})", epoch + 1, errors, t0.elapsed());
    }
    for (wi, ui) in w.iter_mut().zip(&u) {
        for (x, y) in wi.iter_mut().zip(ui) {
            *x -= y / c;
        }
    }
    for (wi, ui) in tw.iter_mut().zip(&tu) {
        for (x, y) in wi.iter_mut().zip(ui) {
            *x -= y / c;
        }
    }
    (w, tw)
}

/// Gold spans (with labels) of a prepared document's usable sentences.
fn gold_spans(p: &Prepared) -> Vec<(Span, Label)> {
    let mut out = Vec::new();
    for (k, s) in p.segments.sentences.iter().enumerate() {
        if !p.usable[k] {
            continue;
        }
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            match tagger::label_of(p.tags[i] as usize) {
                Some((l, _)) => {
                    let mut j = i + 1;
                    while j < s.tokens.end && p.tags[j] as usize == tag_of(l, false) {
                        j += 1;
                    }
                    out.push((Span::new(p.segments.tokens[i].start(), p.segments.tokens[j - 1].end()), l));
                    i = j;
                }
                None => i += 1,
            }
        }
    }
    out
}

fn in_usable(p: &Prepared, span: Span) -> bool {
    p.segments.sentence_at(span.start()).is_some_and(|k| p.usable[k])
}

/// Picks the temperature whose confidences best predict (log-loss) whether a tagged span is
/// right on the held-out documents.
fn calibrate(model: &Model, held: &[Prepared]) -> f32 {
    // margin at temperature 1 is recovered from the confidence: c = sigmoid(m).
    let mut samples: Vec<(f32, bool)> = Vec::new();
    for p in held {
        let gold = gold_spans(p);
        for (span, label, conf) in tagger::tag_document(model, &p.text, &p.segments) {
            if !in_usable(p, span) {
                continue;
            }
            let c = conf.clamp(1e-6, 1.0 - 1e-6);
            let margin = (c / (1.0 - c)).ln();
            samples.push((margin, gold.contains(&(span, label))));
        }
    }
    let mut best = (f64::INFINITY, 1.0f32);
    for k in 1..=80 {
        let t = k as f32 * 0.25;
        let loss: f64 = samples
            .iter()
            .map(|&(m, ok)| {
                let p = (1.0 / (1.0 + (-(m / t) as f64).exp())).clamp(1e-6, 1.0 - 1e-6);
                -(if ok { p.ln() } else { (1.0 - p).ln() })
            })
            .sum();
        if loss < best.0 {
            best = (loss, t);
        }
    }
    best.1
}

/// Prints exact-span scores per label on the held-out documents.
fn report_held(model: &Model, held: &[Prepared]) {
    let mut counts: HashMap<Label, (usize, usize, usize)> = HashMap::new();
    let mut buckets = [(0usize, 0usize); 10];
    for p in held {
        let gold = gold_spans(p);
        let pred: Vec<(Span, Label, f32)> =
            tagger::tag_document(model, &p.text, &p.segments).into_iter().filter(|(s, _, _)| in_usable(p, *s)).collect();
        for (s, l) in &gold {
            counts.entry(*l).or_default().0 += 1;
            let _ = s;
        }
        for (s, l, conf) in &pred {
            let ok = gold.contains(&(*s, *l));
            let e = counts.entry(*l).or_default();
            e.1 += 1;
            if ok {
                e.2 += 1;
            }
            let b = ((conf * 10.0) as usize).min(9);
            buckets[b].0 += 1;
            buckets[b].1 += usize::from(ok);
        }
    }
    eprintln!("held-out documents ({}):", held.len());
    let (mut g, mut pr, mut ok) = (0, 0, 0);
    for l in Label::ALL {
        let (a, b, c) = counts.get(&l).copied().unwrap_or_default();
        g += a;
        pr += b;
        ok += c;
        eprintln!("  {:8} gold {:6} pred {:6} {}", l.as_str(), a, b, prf(a, b, c));
    }
    eprintln!("  {:8} gold {:6} pred {:6} {}", "ALL", g, pr, prf(g, pr, ok));
    for (k, (n, ok)) in buckets.iter().enumerate() {
        if *n > 0 {
            eprintln!("  confidence {:.1}-{:.1}: {:5} spans, {:.2} right", k as f32 / 10.0, (k + 1) as f32 / 10.0, n, *ok as f32 / *n as f32);
        }
    }
}

/// "P 81.2 R 77.0 F1 79.0" for gold, predicted and correct counts.
pub fn prf(gold: usize, pred: usize, correct: usize) -> String {
    let p = if pred > 0 { 100.0 * correct as f64 / pred as f64 } else { 0.0 };
    let r = if gold > 0 { 100.0 * correct as f64 / gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    format!("P {p:5.1} R {r:5.1} F1 {f:5.1}")
}
