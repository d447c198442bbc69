//! What the analysis worker does with one document, with the story across documents and with the
//! exports (pure: it also runs natively, in tests).

use std::rc::Rc;

use dossier_engine::contract::{DocumentReport, Report, StoryReport};
use dossier_engine::Analysis;

use crate::model::Doc;

/// Decodes and analyses `bytes` (named `name`, whose extension gives the format): the decoded
/// text and the version-1 report JSON of this one document, exactly as `dossier analyze` prints
/// it (less the final newline); or why it could not be analysed.
pub fn analyse(name: &str, bytes: &[u8]) -> Result<(String, String), String> {
    analyse_full(name, bytes).map(|(a, report)| (a.text, report))
}

/// Like [`analyse`], but keeps the whole analysis (the worker holds it for the story).
pub fn analyse_full(name: &str, bytes: &[u8]) -> Result<(Analysis, String), String> {
    let analysis = dossier_engine::analyse_bytes(bytes, name, &dossier_engine::Options::default())
        .map_err(|e| e.to_string())?;
    let report = Report::new(vec![DocumentReport::from_analysis(name, &analysis)]).to_json();
    Ok((analysis, report))
}

/// What the worker makes of one document: the analysis (held for the story), the document as
/// the page shows it (sent in [`Doc::encode`]'s compact form) and the report JSON (kept by the
/// page for browser storage and the JSON export).
pub fn analyse_doc(id: u32, name: &str, bytes: &[u8]) -> Result<(Analysis, Doc), String> {
    let analysis = dossier_engine::analyse_bytes(bytes, name, &dossier_engine::Options::default())
        .map_err(|e| e.to_string())?;
    let report = DocumentReport::from_analysis(name, &analysis);
    let json = report.to_report_json();
    let doc = Doc::from_report(id, analysis.text.clone(), report, json)?;
    Ok((analysis, doc))
}

/// The text the worker warms the engine up on: the app's built-in example (public domain Voice of
/// America briefs, `assets/example-voa.txt`; 352 words with names, money, percentages, dates,
/// durations and quotes), so that it adds nothing to the worker's download but its 1 KB.
pub const WARM_UP_TEXT: &str = include_str!("../assets/example-voa.txt");

/// How many times the worker analyses [`WARM_UP_COPIES`] of [`WARM_UP_TEXT`] after it has said it
/// is ready, one run per task, stopping at the first document the page asks it to analyse.
/// Chromium runs wasm first as baseline code and optimises a function in the background once it
/// has run enough; in the browser benchmark (bench/bench.js, "first after warm-up"), a
/// 1,033-word article that took 450-980 ms as the first document (load average 8) took 22-86 ms
/// after 1 run of the example, 10-42 ms after 5 and 7.8-8.0 ms after 8 (5 ms once warm), with
/// the runs taking 160-590 ms in all.
pub const WARM_UP_RUNS: u32 = 8;

/// How many copies of [`WARM_UP_TEXT`] one warm-up run analyses as one document: the engine's
/// functions that run once per document or per sentence reach Chromium's optimising compiler
/// sooner on more text. In the page (load average 2-3), the first 1,033-word article after 8 runs
/// and 1 s idle took 7.1-7.3 ms with one copy (the runs 142-255 ms in all), 4.5-5.4 ms with four
/// and 4.3-4.5 ms with eight (237-397 ms in all; 2.0-2.6 ms once warm).
pub const WARM_UP_COPIES: usize = 8;

/// One warm-up run: analyses [`WARM_UP_COPIES`] of [`WARM_UP_TEXT`] as one pasted document and
/// drops the result (the first run also decodes the tagger's model). Leaves nothing behind:
/// documents analysed later get the same result as without it.
pub fn warm_up() {
    let _ = analyse_doc(0, "warm-up.txt", WARM_UP_TEXT.repeat(WARM_UP_COPIES).as_bytes());
}

/// Analyses an already decoded text again (a document restored from browser storage, whose
/// analysis the worker no longer holds): read as plain text, since it is decoded already.
pub fn reanalyse(text: &str) -> Option<Analysis> {
    dossier_engine::analyse_bytes(text.as_bytes(), "restored.txt", &dossier_engine::Options::default()).ok()
}

/// The story across these analyses (in document order) as the contract's JSON (the value of the
/// top-level `story` field `dossier analyze A B` prints), or `None` for fewer than two.
pub fn story_json(analyses: &[&Analysis]) -> Option<String> {
    let all: Vec<Option<&Analysis>> = analyses.iter().map(|a| Some(*a)).collect();
    StoryReport::from_analyses(&all).map(|s| serde_json::to_string(&s).expect("the story serialises"))
}

/// Rows of each kind the story view lists (the rest are counted, and in the exports).
pub const STORY_ROWS: usize = 150;

/// The story as the page shows it: the contract's `story` JSON with at most [`STORY_ROWS`] shared
/// and [`STORY_ROWS`] single-source figures (a long document can report thousands of figures, and
/// the page should not read them all), and how many single-source figures there are in all.
pub fn story_view_json(analyses: &[&Analysis]) -> Option<(String, usize)> {
    let all: Vec<Option<&Analysis>> = analyses.iter().map(|a| Some(*a)).collect();
    let mut story = StoryReport::from_analyses(&all)?;
    let singles = story.figures.iter().filter(|f| f.agreement == "single").count();
    let (mut shared, mut single) = (0, 0);
    story.figures.retain(|f| {
        let n = if f.agreement == "single" { &mut single } else { &mut shared };
        *n += 1;
        *n <= STORY_ROWS
    });
    Some((serde_json::to_string(&story).expect("the story serialises"), singles))
}

/// An export the page asked for: `kind` is `csv` or `html` (of the first document) or
/// `story-json`, `story-entities`, `story-figures` (of them all, with the story's JSON); each
/// document comes as its text and report JSON.
pub fn export(kind: &str, docs: Vec<(String, String)>, story: Option<&str>) -> Result<String, String> {
    let docs: Vec<Rc<Doc>> = docs
        .into_iter()
        .enumerate()
        .map(|(i, (text, report))| Doc::new(i as u32, text, report).map(Rc::new))
        .collect::<Result<_, _>>()?;
    let first = docs.first().ok_or("no document to export")?;
    let story_report = || -> Result<StoryReport, String> {
        serde_json::from_str(story.ok_or("the story is not made yet")?).map_err(|e| format!("unreadable story ({e})"))
    };
    match kind {
        "json" => crate::export::json(first),
        "csv" => crate::export::csv(first),
        "html" => Ok(crate::export::html(first)),
        "story-json" => crate::export::story_json(&docs, story.ok_or("the story is not made yet")?),
        "story-entities" => crate::export::story_entities_csv(&docs, &story_report()?),
        "story-figures" => crate::export::story_figures_csv(&docs, &story_report()?),
        _ => Err(format!("no such export ({kind})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_up_leaves_later_results_unchanged() {
        let sample = "Nils Stensønes said on Monday that Russia spent $118.5 billion, 6% of its GDP, in 2024.";
        let (_, before) = analyse("a.txt", sample.as_bytes()).expect("analysed");
        for _ in 0..WARM_UP_RUNS {
            warm_up();
        }
        let (_, after) = analyse("a.txt", sample.as_bytes()).expect("analysed");
        assert_eq!(before, after);
        // The warm-up text exercises what a news article needs: names, money and dates.
        let (_, report) = analyse("warm-up.txt", WARM_UP_TEXT.as_bytes()).expect("analysed");
        for needle in ["\"PERSON\"", "\"MONEY\"", "\"DATE\"", "Paul Wolfowitz"] {
            assert!(report.contains(needle), "{needle} missing from the warm-up's report");
        }
    }
}
