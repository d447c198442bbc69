//! `dossier analyze` with several files: the story across them, and none with one file.

use std::path::PathBuf;
use std::process::Command;

use dossier_engine::contract::Report;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-cli-story-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn several_files_make_a_story_and_one_file_does_not() {
    let dir = temp_dir("story");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    let bad = dir.join("scan.pdf");
    std::fs::write(&a, "“Russia is adapting to sanctions better than expected,” Nils Stensønes said in Oslo.").unwrap();
    std::fs::write(&b, "Russia is adapting to sanctions better than expected, Nils Andreas Stensones told reporters in Olso.").unwrap();
    std::fs::write(&bad, b"%PDF-1.7\n...").unwrap();

    let out = dossier().arg("analyze").arg(&a).arg(&bad).arg(&b).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Report = serde_json::from_slice(&out.stdout).expect("version-1 JSON");
    let story = report.story.as_ref().expect("a story with two analysed files");
    let russia = story.entities.iter().find(|e| e.name == "Russia").expect("Russia in the story");
    // `doc` indexes `documents`, skipping the file that could not be analysed.
    let docs: Vec<usize> = russia.documents.iter().map(|m| m.doc).collect();
    assert_eq!(docs, [0, 2]);
    let quote = &report.documents[0].quotes[0];
    assert_eq!(quote.text, "Russia is adapting to sanctions better than expected");
    assert_eq!(quote.cue.as_deref(), Some("said"));

    let out = dossier().arg("analyze").arg(&a).output().unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(!json.contains("\"story\""), "{json}");
    assert!(json.contains("\"quotes\":[{"), "{json}");
}
