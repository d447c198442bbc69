//! Argument parsing for `dossier train` and `dossier eval`.

use std::path::PathBuf;

use lexopt::ValueExt;
use std::process::ExitCode;

use crate::corpus::{self, Layout};
use crate::{eval, train};

fn value(parser: &mut lexopt::Parser) -> Result<String, String> {
    parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())
}

fn number(parser: &mut lexopt::Parser) -> Result<usize, String> {
    let v = value(parser)?;
    v.parse().map_err(|_| format!("wants a number, not '{v}'"))
}

/// `dossier train`.
pub fn train(mut parser: lexopt::Parser) -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut s = train::Settings {
        corpora: PathBuf::from("../shared/corpora"),
        out: PathBuf::from("engine/data/tagger.bin"),
        epochs: 4,
        min_count: 2,
        keep: 60_000,
        sample: 1,
        gmb_sample: 4,
        key_bits: dossier_engine::recognise::tagger::KEY_BITS,
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("corpora") => s.corpora = value(&mut parser)?.into(),
            Long("out") => s.out = value(&mut parser)?.into(),
            Long("epochs") => s.epochs = number(&mut parser)?,
            Long("min-count") => s.min_count = number(&mut parser)? as u32,
            Long("keep") => s.keep = number(&mut parser)?,
            Long("sample") => s.sample = number(&mut parser)?,
            Long("gmb-sample") => s.gmb_sample = number(&mut parser)?,
            Long("key-bits") => s.key_bits = number(&mut parser)?.clamp(1, 32) as u32,
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    train::run(&s)?;
    Ok(ExitCode::SUCCESS)
}

/// `dossier eval`.
pub fn eval(mut parser: lexopt::Parser) -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut corpora = PathBuf::from("../shared/corpora");
    let mut preset = None;
    let mut file = None;
    let mut mapping = None;
    let mut layout = Layout::FirstLast;
    let mut only = eval::Only::All;
    let mut dump = None;
    let mut predictions = None;
    let mut errors = false;
    let mut model = None;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("corpora") => corpora = value(&mut parser)?.into(),
            Long("preset") => preset = Some(value(&mut parser)?),
            Long("format") => {
                let f = value(&mut parser)?;
                layout = match f.as_str() {
                    "conll" => Layout::FirstLast,
                    "uner" => Layout::Uner,
                    _ => return Err(format!("--format wants conll or uner, not '{f}'")),
                }
            }
            Long("map") => mapping = Some(corpus::parse_mapping(&value(&mut parser)?)?),
            Long("only") => {
                let v = value(&mut parser)?;
                only = match v.as_str() {
                    "tagger" => eval::Only::Tagger,
                    "all" => eval::Only::All,
                    _ => return Err(format!("--only wants tagger or all, not '{v}'")),
                }
            }
            Long("dump") => dump = Some(value(&mut parser)?.into()),
            Long("predictions") => predictions = Some(value(&mut parser)?.into()),
            Long("errors") => errors = true,
            Long("model") => model = Some(value(&mut parser)?.into()),
            Value(v) => file = Some(PathBuf::from(v.string().map_err(|e| e.to_string())?)),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if let Some(name) = preset {
        let (path, l, m) = eval::preset(&name).ok_or_else(|| format!("unknown preset '{name}'"))?;
        file = Some(corpora.join(path));
        layout = l;
        if mapping.is_none() {
            mapping = Some(corpus::parse_mapping(m)?);
        }
    }
    let file = file.ok_or("no corpus file given (FILE or --preset)")?;
    let mapping = mapping.ok_or("no --map given")?;
    eval::run(&eval::Settings { file, layout, mapping, only, dump, predictions, errors, model })?;
    Ok(ExitCode::SUCCESS)
}
