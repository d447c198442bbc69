//! What the analysis worker does with one document, and with the story across documents (pure:
//! it also runs natively, in tests).

use dossier_engine::contract::{DocumentReport, Report, StoryReport};
use dossier_engine::Analysis;

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
