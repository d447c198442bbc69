//! The `dossier` command as a user runs it: arguments, exit status, the JSON it prints.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use dossier_engine::contract::Report;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn analyzes_files_and_reports_the_ones_it_cannot_read() {
    let dir = temp_dir("files");
    let good = dir.join("article.txt");
    std::fs::write(&good, "Russia's defense budget of $118.5 billion rose 61%, Nils Stensønes said.").unwrap();
    let pdf = dir.join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n...").unwrap();
    let out = dossier().args(["analyze", "--date", "2024-02-14"]).arg(&good).arg(&pdf).arg(dir.join("missing.txt")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Report = serde_json::from_slice(&out.stdout).expect("version-1 JSON");
    assert_eq!(report.version, 1);
    assert_eq!(report.documents.len(), 3);
    let doc = &report.documents[0];
    assert_eq!(doc.name, "article.txt");
    assert_eq!(doc.published.as_deref(), Some("2024-02-14"));
    assert!(doc.error.is_none());
    let money = doc.figures.iter().find(|f| f.kind == "MONEY").expect("a MONEY figure");
    assert_eq!((money.text.as_str(), money.value, money.unit.as_deref()), ("$118.5 billion", Some(118.5e9), Some("USD")));
    assert!(report.documents[1].error.as_deref().unwrap().contains("PDF"));
    assert!(report.documents[2].error.is_some());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("scan.pdf"), "{stderr}");
    // The integer value is written without a fraction.
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"value\":118500000000,"));
}

#[test]
fn fails_only_when_no_file_could_be_analysed() {
    let dir = temp_dir("fail");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = dossier().arg("analyze").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report.documents[0].error.as_deref().unwrap().contains("empty"));
    let out = dossier().args(["analyze", "--date", "yesterday", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = dossier().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn refuses_a_file_over_the_limit_with_its_real_size() {
    let dir = temp_dir("huge");
    let huge = dir.join("huge.txt");
    // Sparse: 60 MB that take no room on disk and are never read.
    std::fs::File::create(&huge).unwrap().set_len(60 << 20).unwrap();
    let out = dossier().arg("analyze").arg(&huge).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    let error = report.documents[0].error.as_deref().unwrap();
    assert!(error.contains("too large (60.0 MB)") && error.contains("50 MB"), "{error}");
}

#[test]
fn reads_standard_input() {
    let mut child = dossier().args(["analyze", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all("Prices rose 12% in Oslo.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.documents[0].name, "stdin");
    assert!(report.documents[0].figures.iter().any(|f| f.kind == "PERCENT" && f.value == Some(12.0)));
}

#[test]
fn jsonl_walks_folders_and_skips_failures() {
    let dir = temp_dir("jsonl");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "Moscow spent $5 billion.").unwrap();
    std::fs::write(dir.join("sub/b.md"), "# Kyiv\n\nUp 3%.").unwrap();
    std::fs::write(dir.join("sub/c.html"), b"\x00\x01\x02\x03binary\x00").unwrap();
    std::fs::write(dir.join("sub/ignored.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let out = dossier().args(["analyze", "--jsonl", "--threads", "2"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut names: Vec<(String, bool)> = stdout
        .lines()
        .map(|l| {
            let r: Report = serde_json::from_str(l).expect("each line is a version-1 report");
            (r.documents[0].name.clone(), r.documents[0].error.is_some())
        })
        .collect();
    names.sort();
    let names: Vec<(String, bool)> = names.into_iter().map(|(n, e)| (n.rsplit('/').next().unwrap().to_owned(), e)).collect();
    assert_eq!(names, [("a.txt".to_owned(), false), ("b.md".to_owned(), false), ("c.html".to_owned(), true)]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 files"));
}
