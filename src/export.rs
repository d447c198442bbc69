//! Exports of one document: the CLI's JSON, a CSV of mentions, a standalone highlighted HTML file;
//! and of the story across documents: the CLI's JSON of them all, the entity x document matrix
//! and the figure comparison as CSV. Pure functions; `io::download` hands them to the browser.

use std::rc::Rc;

use dossier_engine::contract::{DocumentReport, Report, StoryReport};

use crate::model::{label_class, label_title, Doc, Full, Target};

/// The engine's report of a document (only documents built from it have one: the worker's).
fn full(doc: &Doc) -> Result<&Full, String> {
    doc.full.as_ref().ok_or_else(|| format!("the analysis of {} is not at hand", doc.name))
}

/// One document's entry in `documents`, as the engine wrote it.
fn document_json(doc: &Doc) -> Result<String, String> {
    const HEAD: &str = "{\"version\":1,\"documents\":[";
    let f = full(doc)?;
    Ok(match f.json.strip_prefix(HEAD).and_then(|r| r.strip_suffix("]}")) {
        Some(inner) => inner.to_owned(),
        None => serde_json::to_string(&f.report).map_err(|e| e.to_string())?,
    })
}

/// The JSON export of several documents with their story: exactly what `dossier analyze FILE1
/// FILE2 ...` prints for the same files in the same order.
pub fn story_json(docs: &[Rc<Doc>], story_json: &str) -> Result<String, String> {
    let documents: Vec<String> = docs.iter().map(|d| document_json(d)).collect::<Result<_, _>>()?;
    Ok(format!("{{\"version\":1,\"documents\":[{}],\"story\":{}}}\n", documents.join(","), story_json))
}

fn story_report(docs: &[Rc<Doc>], story: &StoryReport) -> Result<Report, String> {
    let documents: Vec<DocumentReport> = docs.iter().map(|d| full(d).map(|f| f.report.clone())).collect::<Result<_, _>>()?;
    let mut report = Report::new(documents);
    report.story = Some(story.clone());
    Ok(report)
}

/// The story's entity x document matrix as CSV (the engine's; formula-safe).
pub fn story_entities_csv(docs: &[Rc<Doc>], story: &StoryReport) -> Result<String, String> {
    Ok(dossier_engine::story::entities_csv(&story_report(docs, story)?))
}

/// The story's figure comparison as CSV, with each figure's sentence (the engine's; formula-safe).
pub fn story_figures_csv(docs: &[Rc<Doc>], story: &StoryReport) -> Result<String, String> {
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    Ok(dossier_engine::story::figures_csv(&story_report(docs, story)?, &texts))
}

/// The JSON export: exactly what `dossier analyze FILE` prints for the same file.
pub fn json(doc: &Doc) -> Result<String, String> {
    Ok(format!("{}\n", full(doc)?.json))
}

/// The CSV export: one row per mention
/// (`document,label,entity,text,start,end,sentence,subject,about,period`), offsets in code points
/// as in the JSON; `entity` is the canonical name, or a figure's normalised value; the last three
/// say what a figure measures, whose measure it is and when (empty for names).
pub fn csv(doc: &Doc) -> Result<String, String> {
    let mut rows: Vec<(usize, [String; 10])> = Vec::new();
    let r = &full(doc)?.report;
    for e in &r.entities {
        for m in &e.mentions {
            let sentence = sentence_at(doc, r, m.start);
            rows.push((
                m.start,
                [
                    r.name.clone(),
                    e.label.clone(),
                    e.name.clone(),
                    m.text.clone(),
                    m.start.to_string(),
                    m.end.to_string(),
                    sentence,
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            ));
        }
    }
    for f in &r.figures {
        rows.push((
            f.start,
            [
                r.name.clone(),
                f.kind.clone(),
                crate::model::figure_value(f),
                f.text.clone(),
                f.start.to_string(),
                f.end.to_string(),
                doc.sentence(f.sentence).unwrap_or("").to_owned(),
                f.subject.clone().unwrap_or_default(),
                about_name(r, f).unwrap_or_default(),
                f.period.clone().unwrap_or_default(),
            ],
        ));
    }
    rows.sort_by_key(|(start, _)| *start);
    let mut out = String::from("document,label,entity,text,start,end,sentence,subject,about,period\r\n");
    for (_, row) in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// The name of the entity a figure's measure belongs to.
pub fn about_name(r: &dossier_engine::contract::DocumentReport, f: &dossier_engine::contract::FigureReport) -> Option<String> {
    let id = f.about.as_deref()?;
    r.entities.iter().find(|e| e.id == id).map(|e| e.name.clone())
}

/// The sentence holding code-point offset `start` (sentences are sorted: a binary search).
fn sentence_at(doc: &Doc, r: &DocumentReport, start: usize) -> String {
    let sentences = &r.sentences;
    let k = sentences.partition_point(|s| s.end <= start);
    let i = sentences.get(k).filter(|s| s.start <= start).map(|_| k);
    i.and_then(|i| doc.sentence(i)).unwrap_or("").to_owned()
}

/// One CSV cell: quoted when needed; a cell a spreadsheet would run as a formula (leading `=`,
/// `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe.
pub fn csv_cell(value: &str) -> String {
    let value = value.trim_end_matches(['\r', '\n']);
    let mut v = String::with_capacity(value.len() + 2);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.push('\'');
    }
    v.push_str(value);
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Content-Security-Policy of the standalone HTML export: nothing may load or run; only the
/// file's own style sheet applies.
pub const EXPORT_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const EXPORT_STYLE: &str = "body{font:17px/1.6 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}\
article{white-space:pre-wrap}mark{border-radius:3px;padding:0 2px;color:#111}\
mark::after{content:attr(data-chip);font-size:.65em;font-weight:700;margin-left:3px;padding:0 3px;border:1px solid currentColor;border-radius:3px;vertical-align:.15em}\
.l-person{background:#ffd9a8}.l-org{background:#c9defc}.l-place{background:#c5ecd0}.l-group{background:#f3cfe6}\
.l-event{background:#e6dcfb}.l-work{background:#fbe7b2}.l-product{background:#d6e7e8}.l-money{background:#b7f0c2}\
.l-percent{background:#ffe0d1}.l-quantity{background:#dfe3ea}.l-date{background:#e9f2b8}\
footer{margin-top:2rem;font-size:.85em;color:#444}";

/// The standalone highlighted HTML export: every piece of text escaped, no script, a CSP that
/// forbids loading or running anything.
pub fn html(doc: &Doc) -> String {
    let mut body = String::with_capacity(doc.text.len() * 2);
    let mut at = 0;
    for m in &doc.marks {
        body.push_str(&escape(&doc.text[at..m.range.start]));
        let label = doc.label(m.target);
        let tip = doc.describe(m.target);
        body.push_str(&format!(
            "<mark class=\"l-{}\" data-chip=\"{}\" title=\"{}\">{}</mark>",
            label_class(label),
            label_title(label),
            escape(&tip),
            escape(&doc.text[m.range.clone()])
        ));
        at = m.range.end;
    }
    body.push_str(&escape(&doc.text[at..]));
    let mut entities = String::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if doc.marks_of(Target::Entity(i)).is_empty() {
            continue;
        }
        entities.push_str(&format!(
            "<li>{} <small>({}, {} mentions)</small></li>",
            escape(&e.name),
            label_title(&e.label),
            e.mentions
        ));
    }
    let mut figures = String::new();
    for f in &doc.figures {
        figures.push_str(&format!(
            "<li>{} <small>({}: {})</small></li>",
            escape(&f.text),
            label_title(&f.kind),
            escape(&f.value)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} · Dossier</title><style>{style}</style></head><body>\
<h1>{title}</h1><article>{body}</article>\
<h2>Entities</h2><ul>{entities}</ul><h2>Figures</h2><ul>{figures}</ul>\
<footer>Exported from Dossier; analysed in the browser.</footer></body></html>\n",
        csp = EXPORT_CSP,
        title = escape(&doc.name),
        style = EXPORT_STYLE,
    )
}

/// The export file name: the document's name with the export's extension.
pub fn file_name(doc: &Doc, ext: &str) -> String {
    let stem = doc.name.rsplit_once('.').map_or(doc.name.as_str(), |(s, _)| s);
    let stem: String = stem.chars().map(|c| if c.is_alphanumeric() || "-_ .".contains(c) { c } else { '_' }).collect();
    format!("{}.dossier.{ext}", if stem.trim().is_empty() { "document" } else { stem.trim() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_export_is_the_cli_output() {
        let texts = [
            "Nils Stensønes, the head of the Norwegian Intelligence Service, said Russia has three times more troops than Ukraine.",
            "Russia has three times more troops than Ukraine, said Nils Andreas Stensones in Oslo.",
        ];
        let analysed: Vec<_> =
            texts.iter().enumerate().map(|(i, t)| crate::work::analyse_full(&format!("{i}.txt"), t.as_bytes()).unwrap()).collect();
        let docs: Vec<Rc<Doc>> = analysed
            .iter()
            .enumerate()
            .map(|(i, (a, json))| Rc::new(Doc::new(i as u32, a.text.clone(), json.clone()).unwrap()))
            .collect();
        let analyses: Vec<_> = analysed.iter().map(|(a, _)| a).collect();
        let story = crate::work::story_json(&analyses).unwrap();
        let documents = analysed.iter().enumerate().map(|(i, (a, _))| DocumentReport::from_analysis(&format!("{i}.txt"), a)).collect();
        let opts: Vec<_> = analysed.iter().map(|(a, _)| Some(a)).collect();
        let cli = format!("{}\n", Report::with_story(documents, &opts).to_json());
        assert_eq!(story_json(&docs, &story).unwrap(), cli);
        let report: StoryReport = serde_json::from_str(&story).unwrap();
        assert!(story_entities_csv(&docs, &report).unwrap().starts_with("name,label,aliases,0.txt,1.txt\r\n"));
        assert!(story_figures_csv(&docs, &report).unwrap().starts_with("measure,subject,about,agreement,"));
        // The page's copy of a document has no report: its exports are made in the worker.
        let page = Doc::decode(0, &docs[0].encode()).unwrap();
        assert!(json(&page).is_err() && csv(&page).is_err());
        assert_eq!(html(&page), html(&docs[0]));
    }

    #[test]
    fn cells() {
        assert_eq!(csv_cell("=1+2"), "'=1+2");
        assert_eq!(csv_cell("-5"), "'-5");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("Oslo"), "Oslo");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("<script>alert('x')</script>&\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }
}
