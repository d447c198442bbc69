//! `dossier analyze --jsonl PATH...`: a whole archive, on all cores, one JSON line per file.
//!
//! Directories are walked recursively (hidden entries skipped; `.txt`, `.md`, `.markdown`,
//! `.html`, `.htm` and `.xhtml` files taken, or every file named explicitly). Files are
//! analysed in parallel by one worker per core; each result is written as soon as it is ready
//! as one line holding a version-1 report with one document whose `name` is the file's path.
//! A failing file becomes a line with `error` set and never stops the run. On a terminal a
//! progress line is drawn on standard error; a summary (files, words, errors, time) ends the
//! run there.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use dossier_engine::contract::Report;
use dossier_engine::Options;

const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xhtml"];

/// Collects the files to analyse: files as given, directories walked in sorted order.
pub fn collect(paths: &[String]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        let path = PathBuf::from(p);
        if path.is_dir() {
            walk(&path, &mut files);
        } else {
            files.push(path);
        }
    }
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        files.push(dir.to_path_buf()); // reported as unreadable by the worker
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(path);
        }
    }
}

/// Analyses `files` on `threads` workers and streams JSON lines to standard output.
/// Returns the number of files that could not be analysed.
pub fn run(files: &[PathBuf], options: &Options, threads: usize) -> Result<usize, String> {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(String, usize, bool)>(threads * 4);
    let progress = std::io::stderr().is_terminal();
    let (mut done, mut words, mut errors) = (0usize, 0usize, 0usize);
    let mut write_error = None;
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let name = path.to_string_lossy();
                let analysed = crate::analyze_file(&name, &name, options);
                let failed = analysed.report.error.is_some();
                let line = Report::new(vec![analysed.report]).to_json();
                let n_words = analysed.words;
                if tx.send((line, n_words, failed)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for (line, n_words, failed) in rx {
            done += 1;
            words += n_words;
            errors += usize::from(failed);
            if write_error.is_none() {
                if let Err(e) = writeln!(out, "{line}").and_then(|_| if progress { out.flush() } else { Ok(()) }) {
                    write_error = Some(e.to_string());
                }
            }
            if progress && (done % 16 == 0 || done == files.len()) {
                eprint!("\r{done}/{} files, {words} words, {errors} errors", files.len());
            }
        }
        if let Err(e) = out.flush() {
            write_error.get_or_insert(e.to_string());
        }
    });
    if let Some(e) = write_error {
        return Err(format!("cannot write the output: {e}"));
    }
    let secs = started.elapsed().as_secs_f64();
    if progress {
        eprintln!();
    }
    eprintln!(
        "dossier: {done} files, {words} words, {errors} errors in {secs:.2} s ({:.0} words/s on {threads} threads)",
        words as f64 / secs.max(1e-9)
    );
    Ok(errors)
}
