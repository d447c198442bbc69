//! `dossier`: the Dossier engine on the command line.
//!
//! ```text
//! dossier analyze [--date YYYY-MM-DD] [--pretty] FILE...   (FILE may be - for standard input)
//! dossier analyze --jsonl [--threads N] PATH...            (files and folders, one JSON line per file)
//! ```
//! Prints the version-1 JSON contract (see `dossier_engine::contract`). A file that cannot be
//! read or decoded becomes a document with `error` set; the exit status is non-zero only when
//! no file could be analysed.

use std::io::{Read, Write};
use std::process::ExitCode;

use dossier_engine::contract::{DocumentReport, Report};
use dossier_engine::{analyse_bytes, Analysis, Date, Options, MAX_INPUT_BYTES};

mod batch;
mod specs;
mod corpus;
mod eval;
mod train;
mod tagger_cmd;

const USAGE: &str = "\
dossier: names and figures in news articles

USAGE:
    dossier analyze [--date YYYY-MM-DD] [--pretty] FILE...
        Analyse the files (- reads standard input) and print the version-1 JSON contract;
        with two or more files, `story` compares them.
        --date     the publication date relative dates resolve against
                   (default: the date the text states, if any)
        --pretty   indent the JSON

    dossier analyze --jsonl [--threads N] [--date YYYY-MM-DD] PATH...
        Analyse files and folders (walked for .txt, .md and .html files) on all cores and
        stream one line per file, each a version-1 report of one document named by its path.
        A summary goes to standard error.

    dossier train --corpora DIR --out FILE [--epochs N] [--min-count N] [--keep N] [--sample N] [--gmb-sample N]
        Train the entity tagger from the corpora (see engine/data/TAGGER.md).

    dossier eval (--preset wikigold|wnut17|re3d|uner [--corpora DIR] | --format conll FILE --map TYPE=LABEL,...)
                 [--only tagger [--model FILE]] [--errors] [--dump FILE] [--predictions FILE]
        Exact-span precision, recall and F1 per label on a CoNLL-style corpus.

    dossier specs [--failures N] [DIR]
        Pass rates of the figure recognisers on Recognizers-Text's English specs, as Markdown
        (DIR defaults to tests/specs/recognizers-text; see cli/src/specs.rs).

    dossier help
";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("dossier: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next().map_err(|e| e.to_string())? {
        Some(Value(v)) => v.string().map_err(|e| e.to_string())?,
        Some(Long("help") | Short('h')) | None => {
            print!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(arg) => return Err(format!("{}\n\n{USAGE}", arg.unexpected())),
    };
    match command.as_str() {
        "analyze" | "analyse" => analyze(parser),
        "specs" => specs::run(parser),
        "train" => tagger_cmd::train(parser),
        "eval" => tagger_cmd::eval(parser),
        "help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command '{other}'\n\n{USAGE}")),
    }
}

fn analyze(mut parser: lexopt::Parser) -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut options = Options::default();
    let mut pretty = false;
    let mut jsonl = false;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut files: Vec<String> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("date") => {
                let v = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?;
                options.published = Some(Date::parse_iso(&v).ok_or_else(|| format!("--date wants YYYY-MM-DD, not '{v}'"))?);
            }
            Long("pretty") => pretty = true,
            Long("jsonl") => jsonl = true,
            Long("threads") => {
                let v = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?;
                threads = v.parse().ok().filter(|&n| n > 0).ok_or_else(|| format!("--threads wants a positive number, not '{v}'"))?;
            }
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            Value(v) => files.push(v.string().map_err(|e| e.to_string())?),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if files.is_empty() {
        return Err(format!("no file given\n\n{USAGE}"));
    }
    if jsonl {
        let paths = batch::collect(&files);
        let failed = batch::run(&paths, &options, threads)?;
        return Ok(if failed == paths.len() { ExitCode::FAILURE } else { ExitCode::SUCCESS });
    }
    let analysed: Vec<Analysed> = files
        .iter()
        .map(|f| {
            let name = if f == "-" { "stdin" } else { f.rsplit(['/', '\\']).next().unwrap_or(f) };
            analyze_file(f, name, &options)
        })
        .collect();
    let analyses: Vec<Option<&Analysis>> = analysed.iter().map(|a| a.analysis.as_ref()).collect();
    let documents: Vec<DocumentReport> = analysed.iter().map(|a| a.report.clone()).collect();
    let failed = documents.iter().filter(|d| d.error.is_some()).count();
    for d in documents.iter().filter(|d| d.error.is_some()) {
        eprintln!("dossier: {}: {}", d.name, d.error.as_deref().unwrap_or(""));
    }
    let report = Report::with_story(documents, &analyses);
    let json = if pretty { report.to_json_pretty() } else { report.to_json() };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}").map_err(|e| e.to_string())?;
    Ok(if failed == files.len() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// One analysed file: its report and its number of words.
struct Analysed {
    report: DocumentReport,
    words: usize,
    /// The analysis, for the story across files.
    analysis: Option<Analysis>,
}

/// Reads, decodes and analyses the file at `path`, reported under `name`.
fn analyze_file(path: &str, name: &str, options: &Options) -> Analysed {
    match read_input(path) {
        Ok(bytes) => match analyse_bytes(&bytes, name, options) {
            Ok(analysis) => Analysed {
                words: analysis.text.split_whitespace().count(),
                report: DocumentReport::from_analysis(name, &analysis),
                analysis: Some(analysis),
            },
            Err(e) => Analysed { report: DocumentReport::from_error(name, &e.to_string()), words: 0, analysis: None },
        },
        Err(e) => Analysed { report: DocumentReport::from_error(name, &e), words: 0, analysis: None },
    }
}

/// Reads at most one byte more than the engine accepts, so a huge file is refused without
/// reading it whole.
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
        if meta.is_dir() {
            return Err("this is a folder, not a file".to_owned());
        }
        // Refused before reading, with its real size in the message.
        if meta.len() > MAX_INPUT_BYTES as u64 {
            let bytes = usize::try_from(meta.len()).unwrap_or(usize::MAX);
            return Err(dossier_engine::decode::DecodeError::TooLarge { bytes }.to_string());
        }
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("cannot read the file: {e}"))?;
    Ok(bytes)
}
