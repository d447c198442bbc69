//! What the views read about one document: the engine's version-1 report, the decoded text, and
//! the report's code-point offsets turned into byte ranges of that text (the one conversion the
//! page needs: Rust slices the text into DOM text nodes by byte offset).

use std::collections::BTreeSet;
use std::ops::Range;

use dossier_engine::contract::{DocumentReport, Report};
use dossier_engine::{FigureKind, Label};

/// Every label a highlight can carry, in legend order.
pub const LABELS: [&str; 11] = [
    Label::Person.as_str(),
    Label::Org.as_str(),
    Label::Place.as_str(),
    Label::Group.as_str(),
    Label::Event.as_str(),
    Label::Work.as_str(),
    Label::Product.as_str(),
    FigureKind::Money.as_str(),
    FigureKind::Percent.as_str(),
    FigureKind::Quantity.as_str(),
    FigureKind::Date.as_str(),
];

/// The legend's word for a label (the chip text in the article is the same word).
pub fn label_title(label: &str) -> &'static str {
    match label {
        "PERSON" => "Person",
        "ORG" => "Organisation",
        "PLACE" => "Place",
        "GROUP" => "Group",
        "EVENT" => "Event",
        "WORK" => "Work",
        "PRODUCT" => "Product",
        "MONEY" => "Money",
        "PERCENT" => "Percent",
        "QUANTITY" => "Quantity",
        "DATE" => "Date",
        _ => "Other",
    }
}

/// The CSS class suffix of a label (`l-person`, ...): only known labels, so no report text
/// ever reaches a class name.
pub fn label_class(label: &str) -> &'static str {
    match label {
        "PERSON" => "person",
        "ORG" => "org",
        "PLACE" => "place",
        "GROUP" => "group",
        "EVENT" => "event",
        "WORK" => "work",
        "PRODUCT" => "product",
        "MONEY" => "money",
        "PERCENT" => "percent",
        "QUANTITY" => "quantity",
        "DATE" => "date",
        _ => "other",
    }
}

/// What a highlight points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into the report's entities.
    Entity(usize),
    /// Index into the report's figures.
    Figure(usize),
}

/// One highlight in the article: a byte range of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in [`Doc::text`].
    pub range: Range<usize>,
    /// The entity or figure it belongs to.
    pub target: Target,
}

/// A piece of the article that renders on its own (so a long document renders bit by bit, and a
/// change of selection re-renders only the pieces it touches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Byte range of the text.
    pub text: Range<usize>,
    /// Range of indices into [`Doc::marks`] inside it.
    pub marks: Range<usize>,
}

/// About how many bytes of text one chunk holds.
pub const CHUNK_BYTES: usize = 8 * 1024;

/// Cuts `text` into chunks of about [`CHUNK_BYTES`], never inside a highlight or a character. The
/// first is a quarter of that and the second a half (about a screenful, then two), so that a long
/// article's first frame lays out little; the rest follow as they come near the view.
fn chunks(text: &str, marks: &[Mark]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let (mut start, mut m) = (0usize, 0usize);
    while start < text.len() || out.is_empty() {
        let size = CHUNK_BYTES >> (2 - out.len().min(2));
        let mut end = (start + size).min(text.len());
        // Prefer a line break after the target size, within a little more text.
        if let Some(nl) = text.get(end..(end + 2048).min(text.len())).and_then(|t| t.find('\n')) {
            end += nl + 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let first = m;
        while m < marks.len() && marks[m].range.start < end {
            end = end.max(marks[m].range.end);
            m += 1;
        }
        out.push(Chunk { text: start..end, marks: first..m });
        start = end;
        if start >= text.len() {
            break;
        }
    }
    out
}

/// An entity as the page shows it (the report's entity without its mentions, which are marks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityView {
    /// The report's id (`e1`, ...), which the story refers to.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// `PERSON`, `ORG`, ...
    pub label: String,
    /// Other forms used in the text.
    pub aliases: Vec<String>,
    /// How many mentions the report gives it.
    pub mentions: usize,
}

/// A figure as the page shows it: its words, and its value and context already written out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureView {
    /// `MONEY`, `PERCENT`, `QUANTITY` or `DATE`.
    pub kind: String,
    /// The figure as written.
    pub text: String,
    /// Its normalised value ([`figure_value`]).
    pub value: String,
    /// What it measures, as "Russia · defense budget · 2024" (`None` when its sentence says none).
    pub context: Option<String>,
    /// Index into [`Doc::sentences`].
    pub sentence: usize,
}

/// The engine's report of a document, where the document was built from it (in the worker, which
/// makes the exports); the page's copy, decoded from the worker's compact form, has none.
#[derive(Debug, PartialEq)]
pub struct Full {
    /// The engine's report.
    pub report: DocumentReport,
    /// The report exactly as the engine wrote it (`{"version":1,"documents":[...]}`), so that the
    /// JSON export is byte for byte the CLI's output.
    pub json: String,
}

/// One analysed document: what the views read (text, highlights as byte ranges, the names and
/// figures as shown), and in the worker the full report too.
#[derive(Debug, PartialEq)]
pub struct Doc {
    /// The page's id for it (not persisted).
    pub id: u32,
    /// The file name (or the name given to pasted text).
    pub name: String,
    /// The decoded text the offsets index.
    pub text: String,
    /// The report's entities, in its order (most salient first).
    pub entities: Vec<EntityView>,
    /// The report's figures, in its order.
    pub figures: Vec<FigureView>,
    /// Highlights, sorted and non-overlapping.
    pub marks: Vec<Mark>,
    /// For each entity, the indices into `marks` of its mentions, in text order.
    pub entity_marks: Vec<Vec<usize>>,
    /// For each figure, the index into `marks` of its highlight.
    pub figure_marks: Vec<Option<usize>>,
    /// Sentences as byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Summary sentences as byte ranges.
    pub summary: Vec<Range<usize>>,
    /// Direct quotations (speaker's name, words).
    pub quotes: Vec<(Option<String>, String)>,
    /// Where each quotation's words are, as byte ranges.
    pub quote_ranges: Vec<Range<usize>>,
    /// The article in pieces, in order, covering the whole text.
    pub chunks: Vec<Chunk>,
    /// The engine's report (in the worker only).
    pub full: Option<Full>,
}

impl Doc {
    /// Builds a document from the engine's text and report JSON (in the worker, and in tests).
    pub fn new(id: u32, text: String, report_json: String) -> Result<Doc, String> {
        let report: Report = serde_json::from_str(&report_json).map_err(|e| format!("unreadable analysis ({e})"))?;
        let report = report.documents.into_iter().next().ok_or("the analysis holds no document")?;
        Doc::from_report(id, text, report, report_json)
    }

    /// Builds a document from the engine's text and report (and that report's JSON).
    pub fn from_report(id: u32, text: String, report: DocumentReport, report_json: String) -> Result<Doc, String> {
        if let Some(error) = &report.error {
            return Err(error.clone());
        }
        // Collect every code-point offset the page needs, then convert them all in one pass.
        let mut offsets: Vec<usize> = Vec::new();
        for e in &report.entities {
            for m in &e.mentions {
                offsets.extend([m.start, m.end]);
            }
        }
        for f in &report.figures {
            offsets.extend([f.start, f.end]);
        }
        for s in report.sentences.iter().chain(&report.summary) {
            offsets.extend([s.start, s.end]);
        }
        for q in &report.quotes {
            offsets.extend([q.start, q.end]);
        }
        offsets.sort_unstable();
        offsets.dedup();
        let bytes = char_to_byte(&text, &offsets);
        let at = |cp: usize| -> Result<usize, String> {
            offsets
                .binary_search(&cp)
                .ok()
                .and_then(|i| bytes[i])
                .ok_or_else(|| format!("the analysis points past the end of the text ({cp})"))
        };
        let range = |start: usize, end: usize| -> Result<Range<usize>, String> {
            let (s, e) = (at(start)?, at(end)?);
            if s > e {
                return Err("the analysis holds a reversed span".into());
            }
            Ok(s..e)
        };

        let mut marks: Vec<Mark> = Vec::new();
        for (i, e) in report.entities.iter().enumerate() {
            for m in &e.mentions {
                marks.push(Mark { range: range(m.start, m.end)?, target: Target::Entity(i) });
            }
        }
        for (i, f) in report.figures.iter().enumerate() {
            marks.push(Mark { range: range(f.start, f.end)?, target: Target::Figure(i) });
        }
        marks.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
        // The engine promises non-overlapping mentions; keep the page sound even if it slips.
        let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
        for m in marks {
            if m.range.is_empty() {
                continue;
            }
            if kept.last().is_some_and(|k| k.range.end > m.range.start) {
                continue;
            }
            kept.push(m);
        }
        let sentences = report.sentences.iter().map(|s| range(s.start, s.end)).collect::<Result<_, _>>()?;
        let summary = report.summary.iter().map(|s| range(s.start, s.end)).collect::<Result<_, _>>()?;
        let quotes = report
            .quotes
            .iter()
            .map(|q| (q.speaker.clone().map(|s| speaker_name(&report, s)), q.text.clone()))
            .collect();
        let quote_ranges = report.quotes.iter().map(|q| range(q.start, q.end)).collect::<Result<_, _>>()?;
        let entities = report
            .entities
            .iter()
            .map(|e| EntityView {
                id: e.id.clone(),
                name: e.name.clone(),
                label: e.label.clone(),
                aliases: e.aliases.clone(),
                mentions: e.mentions.len(),
            })
            .collect();
        let figures = report
            .figures
            .iter()
            .map(|f| FigureView {
                kind: f.kind.clone(),
                text: f.text.clone(),
                value: figure_value(f),
                context: figure_context(&report, f),
                sentence: f.sentence,
            })
            .collect();
        let mut doc = Doc {
            id,
            name: report.name.clone(),
            text,
            entities,
            figures,
            marks: kept,
            entity_marks: Vec::new(),
            figure_marks: Vec::new(),
            sentences,
            summary,
            quotes,
            quote_ranges,
            chunks: Vec::new(),
            full: None,
        };
        doc.index();
        doc.full = Some(Full { report, json: report_json });
        Ok(doc)
    }

    /// Fills what follows from the marks: each target's marks and the chunks.
    fn index(&mut self) {
        let mut entity_marks = vec![Vec::new(); self.entities.len()];
        let mut figure_marks = vec![None; self.figures.len()];
        for (i, m) in self.marks.iter().enumerate() {
            match m.target {
                Target::Entity(e) => entity_marks[e].push(i),
                Target::Figure(f) => figure_marks[f] = Some(i),
            }
        }
        self.entity_marks = entity_marks;
        self.figure_marks = figure_marks;
        self.chunks = chunks(&self.text, &self.marks);
    }

    /// The page's form of the document, compact and quick to read back ([`Doc::decode`]): the
    /// worker sends this instead of the report, so that the page's main thread parses no JSON.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(self.text.len() + self.marks.len() * 6 + 1024));
        w.num(CODEC_VERSION);
        w.str(&self.name);
        w.str(&self.text);
        w.num(self.entities.len());
        for e in &self.entities {
            w.str(&e.id);
            w.str(&e.name);
            w.str(&e.label);
            w.num(e.aliases.len());
            for a in &e.aliases {
                w.str(a);
            }
            w.num(e.mentions);
        }
        w.num(self.figures.len());
        for f in &self.figures {
            w.str(&f.kind);
            w.str(&f.text);
            w.str(&f.value);
            w.opt(f.context.as_deref());
            w.num(f.sentence);
        }
        w.num(self.marks.len());
        let mut at = 0;
        for m in &self.marks {
            // Marks are sorted and apart: each start as the gap after the previous end.
            w.num(m.range.start - at);
            w.num(m.range.len());
            w.num(match m.target {
                Target::Entity(i) => i * 2,
                Target::Figure(i) => i * 2 + 1,
            });
            at = m.range.end;
        }
        for list in [&self.sentences, &self.summary, &self.quote_ranges] {
            w.num(list.len());
            for r in list {
                w.num(r.start);
                w.num(r.len());
            }
        }
        // quote_ranges went above; the quotations' speakers and words follow, in the same order.
        for (who, words) in &self.quotes {
            w.opt(who.as_deref());
            w.str(words);
        }
        w.0
    }

    /// Reads what [`Doc::encode`] wrote, checking every range against the text (a document that
    /// does not check out is refused, never shown wrongly).
    pub fn decode(id: u32, bytes: &[u8]) -> Result<Doc, String> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.num()? != CODEC_VERSION {
            return Err("the analysis worker speaks another version".into());
        }
        let name = r.str()?;
        let text = r.str()?;
        let n = r.len()?;
        let mut entities = Vec::with_capacity(n);
        for _ in 0..n {
            let (id, name, label) = (r.str()?, r.str()?, r.str()?);
            let k = r.len()?;
            let aliases = (0..k).map(|_| r.str()).collect::<Result<_, _>>()?;
            entities.push(EntityView { id, name, label, aliases, mentions: r.num()? });
        }
        let n = r.len()?;
        let mut figures = Vec::with_capacity(n);
        for _ in 0..n {
            let (kind, text, value, context) = (r.str()?, r.str()?, r.str()?, r.opt()?);
            figures.push(FigureView { kind, text, value, context, sentence: r.num()? });
        }
        let n = r.len()?;
        let mut marks = Vec::with_capacity(n);
        let mut at = 0usize;
        for _ in 0..n {
            let start = at.checked_add(r.num()?).ok_or(BAD)?;
            let end = start.checked_add(r.num()?).ok_or(BAD)?;
            let t = r.num()?;
            let target = if t % 2 == 0 { Target::Entity(t / 2) } else { Target::Figure(t / 2) };
            let known = match target {
                Target::Entity(i) => i < entities.len(),
                Target::Figure(i) => i < figures.len(),
            };
            if !known || start == end || !(text.is_char_boundary(start) && text.is_char_boundary(end)) || end > text.len() {
                return Err(BAD.into());
            }
            marks.push(Mark { range: start..end, target });
            at = end;
        }
        let mut lists = [Vec::new(), Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = r.len()?;
            for _ in 0..n {
                let start = r.num()?;
                let end = start.checked_add(r.num()?).ok_or(BAD)?;
                if text.get(start..end).is_none() {
                    return Err(BAD.into());
                }
                list.push(start..end);
            }
        }
        let [sentences, summary, quote_ranges] = lists;
        let quotes = (0..quote_ranges.len()).map(|_| Ok((r.opt()?, r.str()?))).collect::<Result<_, String>>()?;
        if r.at != bytes.len() {
            return Err(BAD.into());
        }
        let mut doc = Doc {
            id,
            name,
            text,
            entities,
            figures,
            marks,
            entity_marks: Vec::new(),
            figure_marks: Vec::new(),
            sentences,
            summary,
            quotes,
            quote_ranges,
            chunks: Vec::new(),
            full: None,
        };
        doc.index();
        Ok(doc)
    }

    /// The label of what a highlight points at.
    pub fn label(&self, target: Target) -> &str {
        match target {
            Target::Entity(i) => self.entities.get(i).map_or("", |e| e.label.as_str()),
            Target::Figure(i) => self.figures.get(i).map_or("", |f| f.kind.as_str()),
        }
    }

    /// The name of what a highlight points at: an entity's canonical name, a figure's words.
    pub fn name_of(&self, target: Target) -> &str {
        match target {
            Target::Entity(i) => self.entities.get(i).map_or("", |e| e.name.as_str()),
            Target::Figure(i) => self.figures.get(i).map_or("", |f| f.text.as_str()),
        }
    }

    /// The marks of a target, in text order.
    pub fn marks_of(&self, target: Target) -> &[usize] {
        match target {
            Target::Entity(i) => self.entity_marks.get(i).map_or(&[], |v| v.as_slice()),
            Target::Figure(i) => self.figure_marks.get(i).and_then(|m| m.as_ref()).map_or(&[], std::slice::from_ref),
        }
    }

    /// The chunk holding mark `i`.
    pub fn chunk_of_mark(&self, i: usize) -> usize {
        self.chunks.partition_point(|c| c.marks.end <= i).min(self.chunks.len().saturating_sub(1))
    }

    /// The chunk holding byte offset `at`.
    pub fn chunk_of_byte(&self, at: usize) -> usize {
        self.chunks.partition_point(|c| c.text.end <= at).min(self.chunks.len().saturating_sub(1))
    }

    /// The text of sentence `i`, if there is one.
    pub fn sentence(&self, i: usize) -> Option<&str> {
        self.sentences.get(i).and_then(|r| self.text.get(r.clone()))
    }

    /// How many highlights of each label the document holds.
    pub fn label_counts(&self) -> Vec<(&'static str, usize)> {
        // By entity and figure, not by mark: a long document has a hundred thousand marks.
        let mut counts = [0usize; LABELS.len()];
        let mut add = |label: &str, n: usize| {
            if let Some(k) = LABELS.iter().position(|&l| l == label) {
                counts[k] += n;
            }
        };
        for (e, marks) in self.entities.iter().zip(&self.entity_marks) {
            add(&e.label, marks.len());
        }
        for (f, mark) in self.figures.iter().zip(&self.figure_marks) {
            add(&f.kind, usize::from(mark.is_some()));
        }
        LABELS.iter().copied().zip(counts).collect()
    }

    /// What a highlight's tooltip says: label, canonical name and mention count for an entity;
    /// label and normalised value for a figure.
    pub fn describe(&self, target: Target) -> String {
        match target {
            Target::Entity(i) => {
                let Some(e) = self.entities.get(i) else { return String::new() };
                let n = e.mentions;
                format!("{} · {} · {} mention{}", label_title(&e.label), e.name, n, if n == 1 { "" } else { "s" })
            }
            Target::Figure(i) => {
                let Some(f) = self.figures.get(i) else { return String::new() };
                format!("{} · {}", label_title(&f.kind), f.value)
            }
        }
    }
    /// What to search for to find quotation `i` (its first words, up to a line break), and which
    /// search hit is that quotation.
    pub fn quote_probe(&self, i: usize) -> Option<(String, usize)> {
        let r = self.quote_ranges.get(i)?;
        let words = self.text.get(r.clone())?;
        let first_line = words.split('\n').next().unwrap_or("").trim_end();
        let mut probe = String::new();
        for w in first_line.split(' ') {
            if !probe.is_empty() && probe.chars().count() + w.chars().count() > 60 {
                break;
            }
            if !probe.is_empty() {
                probe.push(' ');
            }
            probe.push_str(w);
        }
        let probe = probe.trim().to_owned();
        if probe.chars().count() < 2 {
            return None;
        }
        let hit = self.find(&probe, 2000).iter().position(|h| h.start >= r.start).unwrap_or(0);
        Some((probe, hit))
    }

    /// Byte ranges where `query` occurs in the text (ASCII case-insensitive), at most `limit`.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Range<usize>> {
        find_all(&self.text, query, limit)
    }
}

/// A quotation's speaker as a name: the report may give an entity id (`e6`) or a name.
fn speaker_name(report: &DocumentReport, speaker: String) -> String {
    report.entities.iter().find(|e| e.id == speaker).map_or(speaker, |e| e.name.clone())
}


/// What a figure measures, as "Russia · defense budget · 2024": whose, what and when, each where
/// its sentence says; `None` when it says none of them.
pub fn figure_context(r: &DocumentReport, f: &dossier_engine::contract::FigureReport) -> Option<String> {
    let about = f.about.as_deref().and_then(|id| r.entities.iter().find(|e| e.id == id)).map(|e| e.name.clone());
    let parts: Vec<String> = [about, f.subject.clone(), f.period.clone()].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The version of [`Doc::encode`]'s form (worker and page come from the same build).
const CODEC_VERSION: usize = 1;
/// Why a compact form is refused.
const BAD: &str = "the analysis worker sent an unreadable reply";

/// Writes LEB128 numbers and length-prefixed UTF-8 strings.
struct Writer(Vec<u8>);

impl Writer {
    fn num(&mut self, mut v: usize) {
        while v >= 0x80 {
            self.0.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn str(&mut self, s: &str) {
        self.num(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.num(1);
                self.str(s);
            }
            None => self.num(0),
        }
    }
}

/// Reads what [`Writer`] wrote; any slip is an error, never a panic.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn num(&mut self) -> Result<usize, String> {
        let mut v: usize = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.at).ok_or(BAD)?;
            self.at += 1;
            let bits = usize::from(byte & 0x7f);
            v |= bits.checked_shl(shift).filter(|x| x >> shift == bits).ok_or(BAD)?;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(BAD.into())
    }

    /// A count of items still to read: each takes at least a byte, so no more than the bytes left
    /// (a corrupt count cannot make a huge allocation).
    fn len(&mut self) -> Result<usize, String> {
        let n = self.num()?;
        if n > self.b.len() - self.at {
            return Err(BAD.into());
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, String> {
        let n = self.len()?;
        let s = std::str::from_utf8(&self.b[self.at..self.at + n]).map_err(|_| BAD)?;
        self.at += n;
        Ok(s.to_owned())
    }

    fn opt(&mut self) -> Result<Option<String>, String> {
        match self.num()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(BAD.into()),
        }
    }
}

/// Byte ranges of `query` in `text`, ASCII case-insensitive, non-overlapping, at most `limit`.
pub fn find_all(text: &str, query: &str, limit: usize) -> Vec<Range<usize>> {
    let q = query.trim().as_bytes();
    let t = text.as_bytes();
    let mut out = Vec::new();
    if q.len() < 2 || q.len() > t.len() {
        return out;
    }
    let mut i = 0;
    while i + q.len() <= t.len() && out.len() < limit {
        if t[i..i + q.len()].eq_ignore_ascii_case(q) && text.is_char_boundary(i) && text.is_char_boundary(i + q.len()) {
            out.push(i..i + q.len());
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Byte offsets of the sorted code-point `offsets` (None where past the end).
fn char_to_byte(text: &str, offsets: &[usize]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(offsets.len());
    let mut it = offsets.iter().peekable();
    for (cp, (b, _)) in text.char_indices().enumerate() {
        while let Some(&&o) = it.peek() {
            if o != cp {
                break;
            }
            out.push(Some(b));
            it.next();
        }
        if it.peek().is_none() {
            break;
        }
    }
    let chars = text.chars().count();
    for &o in it {
        out.push((o == chars).then_some(text.len()));
    }
    out
}

/// A figure's normalised value as the page shows it: `118,500,000,000 USD`, `61%`, `2023-09-13`.
pub fn figure_value(f: &dossier_engine::contract::FigureReport) -> String {
    match f.kind.as_str() {
        "DATE" => f.iso.clone().unwrap_or_else(|| "date not resolved".into()),
        "PERCENT" => f.value.map_or_else(|| "no single value".into(), |v| format!("{}%", group(v))),
        _ => match (f.value, &f.unit) {
            (Some(v), Some(u)) => format!("{} {}", group(v), u),
            (Some(v), None) => group(v),
            (None, Some(u)) => format!("amount of {u} with no single value"),
            (None, None) => "no single value".into(),
        },
    }
}

/// A number with thousands separators; at most 4 decimals, trailing zeros dropped.
pub fn group(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let neg = v < 0.0;
    let s = format!("{:.4}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// The legend: which labels are hidden. A filter carries its own predicate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelFilter {
    hidden: BTreeSet<&'static str>,
}

impl LabelFilter {
    /// Whether highlights and sidebar entries of `label` show.
    pub fn shows(&self, label: &str) -> bool {
        !self.hidden.contains(label)
    }

    /// Hides a shown label, shows a hidden one.
    pub fn toggle(&mut self, label: &str) {
        if let Some(&l) = LABELS.iter().find(|&&l| l == label) {
            if !self.hidden.remove(l) {
                self.hidden.insert(l);
            }
        }
    }

    /// The hidden labels.
    pub fn hidden(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.hidden.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group(118.5e9), "118,500,000,000");
        assert_eq!(group(61.0), "61");
        assert_eq!(group(1.25), "1.25");
        assert_eq!(group(-1234.5), "-1,234.5");
        assert_eq!(group(100.0), "100");
    }

    #[test]
    fn offsets() {
        let text = "Stensønes, Oslo";
        assert_eq!(char_to_byte(text, &[0, 9, 11, 15, 16]), vec![Some(0), Some(10), Some(12), Some(16), None]);
    }

    #[test]
    fn chunks_cover_the_text_and_keep_highlights_whole() {
        let text = "Oslo is cold. ".repeat(2000);
        let marks: Vec<Mark> = (0..2000).map(|i| Mark { range: i * 14..i * 14 + 4, target: Target::Entity(0) }).collect();
        let cs = chunks(&text, &marks);
        assert!(cs.len() > 1);
        assert_eq!(cs[0].text.start, 0);
        assert_eq!(cs.last().unwrap().text.end, text.len());
        for w in cs.windows(2) {
            assert_eq!(w[0].text.end, w[1].text.start);
            assert_eq!(w[0].marks.end, w[1].marks.start);
        }
        for c in &cs {
            for m in &marks[c.marks.clone()] {
                assert!(c.text.start <= m.range.start && m.range.end <= c.text.end);
            }
        }
        assert_eq!(cs.last().unwrap().marks.end, marks.len());
        assert_eq!(chunks("", &[]).len(), 1);
    }

    #[test]
    fn the_compact_form_reads_back_the_same_and_refuses_damage() {
        let text = "Nils Stensønes said Russia spent $118.5 billion in 2024. \u{201c}We are ready,\u{201d} he said in Oslo.\n".repeat(3);
        let (a, json) = crate::work::analyse_full("a.txt", text.as_bytes()).unwrap();
        let full = Doc::new(7, a.text.clone(), json).unwrap();
        assert!(!full.marks.is_empty() && !full.figures.is_empty() && !full.quotes.is_empty());
        let bytes = full.encode();
        let back = Doc::decode(7, &bytes).unwrap();
        assert_eq!(back, Doc { full: None, ..full });
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(Doc::decode(7, &bytes[..cut]).is_err());
        }
        // Damage anywhere is refused or read as some other sound document, never a panic.
        for i in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                if let Ok(d) = Doc::decode(7, &b) {
                    for m in &d.marks {
                        assert!(d.text.get(m.range.clone()).is_some());
                    }
                }
            }
        }
    }

    #[test]
    fn search() {
        assert_eq!(find_all("Oslo and oslo", "OSLO", 10), vec![0..4, 9..13]);
        assert!(find_all("Oslo", "o", 10).is_empty());
    }
}
