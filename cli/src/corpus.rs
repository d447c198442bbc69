//! Reading the NER corpora in `../shared/corpora` (CoNLL-style token-per-line files and GMB's
//! CSV) into documents: text rebuilt by joining tokens with spaces (sentences with line breaks)
//! and the gold entity spans, mapped onto Dossier's labels.

use std::collections::HashMap;
use std::path::Path;

use dossier_engine::{Label, Span};

/// A sentence as the corpus tokenises it: tokens and their raw tags (`O`, `B-x`, `I-x`).
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One tag per token.
    pub tags: Vec<String>,
}

/// A document: the corpus's sentences, in order.
pub type RawDoc = Vec<Sentence>;

/// Which column holds the tag.
#[derive(Clone, Copy)]
pub enum Layout {
    /// Token first, tag last (WikiGold, WNUT-17, BTC, re3d, SEC, GUM).
    FirstLast,
    /// UNER's `id token tag ...`.
    Uner,
}

fn is_tag(s: &str) -> bool {
    s == "O" || s.starts_with("B-") || s.starts_with("I-")
}

/// Reads a CoNLL-style file: blank lines end sentences, `-DOCSTART-` and `# newdoc` lines end
/// documents. With `per_sentence`, every sentence is a document of its own when the file has
/// no document markers; otherwise `group` sentences make one document.
pub fn read_conll(path: &Path, layout: Layout, group: usize) -> Result<Vec<RawDoc>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut docs: Vec<RawDoc> = Vec::new();
    let mut doc: RawDoc = Vec::new();
    let mut sent = Sentence::default();
    let mut marked = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !sent.tokens.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') { line.split('\t').collect() } else { line.split_whitespace().collect() };
        if cols.first().is_some_and(|c| *c == "-DOCSTART-") || line.starts_with("# newdoc") {
            marked = true;
            if !sent.tokens.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let (token, tag) = match layout {
            Layout::FirstLast => (cols.first().copied(), cols.last().copied()),
            Layout::Uner => (cols.get(1).copied(), cols.get(2).copied()),
        };
        let (Some(token), Some(tag)) = (token, tag) else { continue };
        if cols.len() < 2 || !is_tag(tag) {
            continue; // comments ("# text = ...") and odd lines
        }
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        sent.tokens.push(token.to_owned());
        sent.tags.push(tag.to_owned());
    }
    if !sent.tokens.is_empty() {
        doc.push(sent);
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    if !marked {
        let all: Vec<Sentence> = docs.into_iter().flatten().collect();
        docs = all.chunks(group.max(1)).map(|c| c.to_vec()).collect();
    }
    Ok(docs)
}

/// Reads GMB's `ner_dataset.csv` (latin-1), `group` sentences to a document.
pub fn read_gmb(path: &Path, group: usize) -> Result<Vec<RawDoc>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text: String = bytes.iter().map(|&b| b as char).collect(); // latin-1
    let mut sentences: Vec<Sentence> = Vec::new();
    for line in text.lines().skip(1) {
        let fields = split_csv(line.trim_end_matches('\r'));
        if fields.len() < 4 {
            continue;
        }
        if !fields[0].is_empty() || sentences.is_empty() {
            sentences.push(Sentence::default());
        }
        let s = sentences.last_mut().expect("pushed above");
        let word = fields[1].trim();
        if word.is_empty() {
            continue;
        }
        s.tokens.push(word.to_owned());
        s.tags.push(fields[3].trim().to_owned());
    }
    sentences.retain(|s| !s.tokens.is_empty());
    Ok(sentences.chunks(group.max(1)).map(|c| c.to_vec()).collect())
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' if cur.is_empty() && !quoted => quoted = true,
            '"' if quoted => quoted = false,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// What a corpus type becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapped {
    /// One of our labels.
    To(Label),
    /// Not an entity for us (dates, quantities...): tagged O.
    Outside,
    /// A type we cannot map (MISC): training drops the sentence, evaluation scores nothing there.
    Unknown,
}

/// A gold entity in rebuilt text.
#[derive(Clone, Debug)]
pub struct Gold {
    /// Where it stands in the rebuilt text.
    pub span: Span,
    /// Its corpus type.
    pub kind: String,
}

/// A document rebuilt as text.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Tokens joined by spaces, sentences by line breaks.
    pub text: String,
    /// Gold entities with their corpus types.
    pub gold: Vec<Gold>,
}

/// Rebuilds the text of a document and decodes its entities (IOB1 and IOB2 alike: an entity
/// starts at `B-x`, or at `I-x` after a token that is not of type `x`).
pub fn rebuild(doc: &RawDoc) -> Doc {
    let mut text = String::new();
    let mut gold = Vec::new();
    for s in doc {
        if !text.is_empty() {
            text.push('\n');
        }
        let mut open: Option<(usize, String, usize)> = None; // start, type, end
        for (k, (tok, tag)) in s.tokens.iter().zip(&s.tags).enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(tok);
            let end = text.len();
            let (bio, kind) = tag.split_once('-').unwrap_or(("O", ""));
            let continues = bio == "I" && open.as_ref().is_some_and(|o| o.1 == kind);
            if continues {
                if let Some(o) = open.as_mut() {
                    o.2 = end;
                }
                continue;
            }
            if let Some((a, t, b)) = open.take() {
                gold.push(Gold { span: Span::new(a, b), kind: t });
            }
            if bio == "B" || bio == "I" {
                open = Some((start, kind.to_owned(), end));
            }
        }
        if let Some((a, t, b)) = open.take() {
            gold.push(Gold { span: Span::new(a, b), kind: t });
        }
    }
    Doc { text, gold }
}

/// A mapping from corpus types to ours.
pub type Mapping = HashMap<String, Mapped>;

/// Parses `PER=PERSON,LOC=PLACE,MISC=?,DATE=O`: `O` for outside, `?` for unknown; types not
/// named are outside.
pub fn parse_mapping(s: &str) -> Result<Mapping, String> {
    let mut m = Mapping::new();
    for pair in s.split(',').filter(|p| !p.trim().is_empty()) {
        let (from, to) = pair.split_once('=').ok_or_else(|| format!("mapping '{pair}' wants TYPE=LABEL"))?;
        let to = to.trim();
        let mapped = match to {
            "O" => Mapped::Outside,
            "?" => Mapped::Unknown,
            _ => Mapped::To(Label::parse(to).ok_or_else(|| format!("unknown label '{to}'"))?),
        };
        m.insert(from.trim().to_owned(), mapped);
    }
    Ok(m)
}

/// What `kind` maps to.
pub fn map(mapping: &Mapping, kind: &str) -> Mapped {
    mapping.get(kind).copied().unwrap_or(Mapped::Outside)
}
