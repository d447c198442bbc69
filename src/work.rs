//! What the analysis worker does with one document (pure: it also runs natively, in tests).

use dossier_engine::contract::{DocumentReport, Report};

/// Decodes and analyses `bytes` (named `name`, whose extension gives the format): the decoded
/// text and the version-1 report JSON of this one document, exactly as `dossier analyze` prints
/// it (less the final newline); or why it could not be analysed.
pub fn analyse(name: &str, bytes: &[u8]) -> Result<(String, String), String> {
    let analysis = dossier_engine::analyse_bytes(bytes, name, &dossier_engine::Options::default())
        .map_err(|e| e.to_string())?;
    let report = Report::new(vec![DocumentReport::from_analysis(name, &analysis)]).to_json();
    Ok((analysis.text, report))
}
