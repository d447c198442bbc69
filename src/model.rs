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

/// Cuts `text` into chunks of about [`CHUNK_BYTES`], never inside a highlight or a character.
fn chunks(text: &str, marks: &[Mark]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let (mut start, mut m) = (0usize, 0usize);
    while start < text.len() || out.is_empty() {
        let mut end = (start + CHUNK_BYTES).min(text.len());
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

/// One analysed document as the page holds it.
#[derive(Debug, PartialEq)]
pub struct Doc {
    /// The page's id for it (not persisted).
    pub id: u32,
    /// The file name (or the name given to pasted text).
    pub name: String,
    /// The decoded text the offsets index.
    pub text: String,
    /// The engine's report.
    pub report: DocumentReport,
    /// The report exactly as the engine wrote it (`{"version":1,"documents":[...]}`), so that the
    /// JSON export is byte for byte the CLI's output.
    pub report_json: String,
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
}


impl Doc {
    /// Builds the page's view of a document from the worker's (or storage's) text and report JSON.
    pub fn new(id: u32, text: String, report_json: String) -> Result<Doc, String> {
        let report: Report = serde_json::from_str(&report_json).map_err(|e| format!("unreadable analysis ({e})"))?;
        let report = report.documents.into_iter().next().ok_or("the analysis holds no document")?;
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
        let mut entity_marks = vec![Vec::new(); report.entities.len()];
        let mut figure_marks = vec![None; report.figures.len()];
        for (i, m) in kept.iter().enumerate() {
            match m.target {
                Target::Entity(e) => entity_marks[e].push(i),
                Target::Figure(f) => figure_marks[f] = Some(i),
            }
        }
        let sentences = report.sentences.iter().map(|s| range(s.start, s.end)).collect::<Result<_, _>>()?;
        let summary = report.summary.iter().map(|s| range(s.start, s.end)).collect::<Result<_, _>>()?;
        let quotes = report
            .quotes
            .iter()
            .map(|q| (q.speaker.clone().map(|s| speaker_name(&report, s)), q.text.clone()))
            .collect();
        let quote_ranges = report.quotes.iter().map(|q| range(q.start, q.end)).collect::<Result<_, _>>()?;
        let chunks = chunks(&text, &kept);
        Ok(Doc {
            id,
            chunks,
            quotes,
            quote_ranges,
            name: report.name.clone(),
            text,
            report,
            report_json,
            marks: kept,
            entity_marks,
            figure_marks,
            sentences,
            summary,
        })
    }

    /// The label of what a highlight points at.
    pub fn label(&self, target: Target) -> &str {
        match target {
            Target::Entity(i) => &self.report.entities[i].label,
            Target::Figure(i) => &self.report.figures[i].kind,
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
        LABELS
            .iter()
            .map(|&l| (l, self.marks.iter().filter(|m| self.label(m.target) == l).count()))
            .collect()
    }

    /// What a highlight's tooltip says: label, canonical name and mention count for an entity;
    /// label and normalised value for a figure.
    pub fn describe(&self, target: Target) -> String {
        match target {
            Target::Entity(i) => {
                let e = &self.report.entities[i];
                let n = e.mentions.len();
                format!("{} · {} · {} mention{}", label_title(&e.label), e.name, n, if n == 1 { "" } else { "s" })
            }
            Target::Figure(i) => {
                let f = &self.report.figures[i];
                format!("{} · {}", label_title(&f.kind), figure_value(f))
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
    fn search() {
        assert_eq!(find_all("Oslo and oslo", "OSLO", 10), vec![0..4, 9..13]);
        assert!(find_all("Oslo", "o", 10).is_empty());
    }
}
