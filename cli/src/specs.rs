//! `dossier specs [DIR]`: the figure recognisers against Microsoft Recognizers-Text's English
//! test specs (MIT; a copy of the files needed is in `tests/specs/recognizers-text`).
//!
//! Each `*Model.json` file holds cases `{Input, Results: [{Text, TypeName, Resolution, Start,
//! End}], Context: {ReferenceDateTime}, NotSupported}`; `End` is inclusive and counts
//! characters; DateTime `Text` is lower-cased; `ReferenceDateTime` is the "now" (our publication
//! date). Like Recognizers-Text's own per-kind models, each file is run through the engine's
//! recogniser for its kind:
//!
//! | file | recogniser | compared |
//! |---|---|---|
//! | NumberModel | `figures::numbers` | span, value |
//! | PercentModel | `figures::percent` | span, value |
//! | CurrencyModel | `figures::money` | span, value, ISO code (or the unit's name) |
//! | DimensionModel, AgeModel, TemperatureModel | `figures::measures`, the file's kind of measure | span, value, unit |
//! | NumberRangeModel | `figures::number_ranges` | span, interval |
//! | DateTimeModel | `figures::dates` | span, resolved date, period or duration |
//!
//! A case passes when the figures found are exactly the expected ones. Cases the reference
//! implementation skips (`NotSupported` naming dotnet) are left out. Cases that expect a number
//! inside an identifier ("SCP-173", "F-16") are **inverted**: they pass when nothing is found
//! there, and the table counts them. DateTimeModel is split by what the case expects: dates,
//! date ranges and durations; times of day (times, date-times, sets); nothing at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dossier_engine::recognise::figures;
use dossier_engine::{Date, Figure};
use serde_json::Value;

/// The files scored, the recogniser each goes through, and the pass rate it must keep (the
/// ratchet checked by the tests; raise it when the recognisers improve).
pub const FILES: &[(&str, Kind, f64)] = &[
    ("Number/English/NumberModel.json", Kind::Number, 0.991),
    ("Number/English/PercentModel.json", Kind::Percent, 1.0),
    ("NumberWithUnit/English/CurrencyModel.json", Kind::Currency, 0.95),
    ("NumberWithUnit/English/DimensionModel.json", Kind::Unit("dimension"), 0.99),
    ("NumberWithUnit/English/AgeModel.json", Kind::Unit("age"), 1.0),
    ("NumberWithUnit/English/TemperatureModel.json", Kind::Unit("temperature"), 1.0),
    ("Number/English/NumberRangeModel.json", Kind::Range, 0.97),
    ("DateTime/English/DateTimeModel.json", Kind::DateTime, 0.85),
];

/// Which recogniser a spec file is scored against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Numbers alone.
    Number,
    /// Percentages.
    Percent,
    /// Money.
    Currency,
    /// A number with a unit of one kind of measure ("dimension", "age", "temperature"): the
    /// measures whose `iso` names that kind, compared by value and unit.
    Unit(&'static str),
    /// Number ranges.
    Range,
    /// Dates and times.
    DateTime,
}

/// The result of one file (or one part of the DateTime file).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// File name and part.
    pub name: String,
    /// Cases scored.
    pub total: usize,
    /// Cases passed.
    pub passed: usize,
    /// Of those scored, inverted identifier cases.
    pub inverted: usize,
    /// Cases left out (`NotSupported` naming dotnet).
    pub skipped: usize,
}

impl Row {
    /// Passed / total, 0 to 1 (1 when empty).
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

/// The default folder of the specs, relative to the repository root.
pub const DEFAULT_DIR: &str = "tests/specs/recognizers-text";

/// `dossier specs [--failures N] [DIR]`
pub fn run(mut parser: lexopt::Parser) -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut dir = PathBuf::from(DEFAULT_DIR);
    let mut failures = 0usize;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("failures") => {
                failures = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?.parse().map_err(|e| format!("--failures: {e}"))?
            }
            Value(v) => dir = PathBuf::from(v),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let mut shown = Vec::new();
    let rows = evaluate(&dir, &mut |name, line| {
        if shown.iter().filter(|(n, _): &&(String, String)| n == name).count() < failures {
            shown.push((name.to_owned(), line));
        }
    })?;
    print!("{}", markdown(&rows));
    for (name, line) in shown {
        eprintln!("{name}: {line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The table, as Markdown.
pub fn markdown(rows: &[Row]) -> String {
    let mut s = String::from("| spec file | cases | passed | pass rate | inverted identifier cases | skipped (dotnet NotSupported) |\n|---|---:|---:|---:|---:|---:|\n");
    for r in rows {
        s.push_str(&format!("| {} | {} | {} | {:.1}% | {} | {} |\n", r.name, r.total, r.passed, 100.0 * r.rate(), r.inverted, r.skipped));
    }
    s
}

/// Scores every file of [`FILES`] under `dir` (the folder holding `Specs/`); `failed` hears of
/// each failed case (row name, description).
pub fn evaluate(dir: &Path, failed: &mut dyn FnMut(&str, String)) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (file, kind, _) in FILES {
        let path = dir.join("Specs").join(file);
        let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let cases: Vec<Value> = serde_json::from_str(src.trim_start_matches('\u{feff}')).map_err(|e| format!("{}: {e}", path.display()))?;
        let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or(file).to_owned();
        let mut parts: BTreeMap<&'static str, Row> = BTreeMap::new();
        for case in &cases {
            let part = if *kind == Kind::DateTime { datetime_part(case) } else { "" };
            let row = parts.entry(part).or_insert_with(|| Row { name: row_name(&stem, part), ..Row::default() });
            if skipped(case) {
                row.skipped += 1;
                continue;
            }
            row.total += 1;
            let (ok, inverted, why) = score(*kind, case);
            if inverted {
                row.inverted += 1;
            }
            if ok {
                row.passed += 1;
            } else {
                failed(&row.name, why);
            }
        }
        let order = ["dates", "times", "nothing", ""];
        for p in order {
            if let Some(r) = parts.remove(p) {
                rows.push(r);
            }
        }
    }
    Ok(rows)
}

fn row_name(stem: &str, part: &str) -> String {
    match part {
        "dates" => format!("{stem} (dates, date ranges, durations)"),
        "times" => format!("{stem} (times of day, date-times, sets)"),
        "nothing" => format!("{stem} (nothing expected)"),
        _ => stem.to_owned(),
    }
}

fn skipped(case: &Value) -> bool {
    case.get("NotSupported").and_then(Value::as_str).is_some_and(|s| s.to_ascii_lowercase().contains("dotnet"))
}

fn results(case: &Value) -> &[Value] {
    case.get("Results").and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn datetime_part(case: &Value) -> &'static str {
    let r = results(case);
    if r.is_empty() {
        return "nothing";
    }
    let datey = |v: &Value| matches!(v.get("TypeName").and_then(Value::as_str), Some("datetimeV2.date" | "datetimeV2.daterange" | "datetimeV2.duration"));
    if r.iter().all(datey) {
        "dates"
    } else {
        "times"
    }
}

/// An expected result: char span (end exclusive), text, resolution.
struct Expected<'a> {
    start: usize,
    end: usize,
    res: &'a Value,
}

fn expected(case: &Value) -> Vec<Expected<'_>> {
    results(case)
        .iter()
        .filter_map(|r| {
            let start = r.get("Start")?.as_u64()? as usize;
            let end = r.get("End")?.as_u64()? as usize + 1;
            Some(Expected { start, end, res: r.get("Resolution").unwrap_or(&Value::Null) })
        })
        .collect()
}

/// Byte span to char span.
fn chars(text: &str, f: &Figure) -> (usize, usize) {
    let s = text.get(..f.span.start()).map_or(0, |p| p.chars().count());
    let e = s + text.get(f.span.range()).map_or(0, |p| p.chars().count());
    (s, e)
}

/// Whether an expected number sits inside an identifier: letters and a hyphen right before it
/// ("SCP-173", "F-16") or letters glued right after it.
fn in_identifier(input: &[char], e: &Expected) -> bool {
    let before = e.start >= 2 && input.get(e.start - 1) == Some(&'-') && input[e.start - 2].is_alphabetic();
    let glued_letter_before = e.start >= 1 && input.get(e.start - 1).is_some_and(|c| c.is_alphabetic()) && input.get(e.start).is_some_and(char::is_ascii_digit);
    before || glued_letter_before
}

fn num(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::String(s) => s.trim_end_matches('%').trim().parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9_f64.max(1e-6 * b.abs())
}

/// Scores one case: (passed, inverted, why it failed).
fn score(kind: Kind, case: &Value) -> (bool, bool, String) {
    let input = case.get("Input").and_then(Value::as_str).unwrap_or("");
    let published = case
        .get("Context")
        .and_then(|c| c.get("ReferenceDateTime"))
        .and_then(Value::as_str)
        .and_then(|s| Date::parse_iso(s.get(..10)?));
    let found: Vec<Figure> = match kind {
        Kind::Number => figures::numbers(input),
        Kind::Percent => figures::percent(input),
        Kind::Currency => figures::money(input),
        Kind::Unit(measure) => figures::measures(input).into_iter().filter(|f| f.iso().and_then(|i| i.split_once(':')).is_some_and(|(m, _)| m == measure)).collect(),
        Kind::Range => figures::number_ranges(input),
        Kind::DateTime => figures::dates(input, published),
    };
    let want = expected(case);
    let chars_of: Vec<char> = input.chars().collect();
    // Our durations and periods keep their "for" or "the" ("for months", "the past two
    // years"), Recognizers-Text's mostly do not ("past two years", but "the first 2 weeks of
    // 2021"): such a figure may start with or without them.
    let got: Vec<(usize, usize, usize, &Figure)> = found
        .iter()
        .map(|f| {
            let (s, e) = chars(input, f);
            let mut bare = s;
            if kind == Kind::DateTime {
                let text: String = chars_of.get(s..e).map(|c| c.iter().collect::<String>()).unwrap_or_default().to_lowercase();
                for prefix in ["for ", "the "] {
                    if text[bare - s..].starts_with(prefix) && f.iso().is_some_and(|i| i.contains('P')) {
                        bare += prefix.len();
                    }
                }
            }
            (s, bare, e, f)
        })
        .collect();
    let show = || {
        let g: Vec<String> = got.iter().map(|(_, s, e, f)| format!("{:?} {:?} {:?} {:?}", chars_of.get(*s..*e).map(|c| c.iter().collect::<String>()), f.value(), f.unit(), f.iso())).collect();
        let w: Vec<String> = want.iter().map(|w| format!("{:?} {}", chars_of.get(w.start..w.end).map(|c| c.iter().collect::<String>()), w.res)).collect();
        format!("{input:?}\n    want {w:?}\n    got  {g:?}")
    };
    // Identifier cases: nothing may be found there.
    if kind != Kind::DateTime && !want.is_empty() && want.iter().all(|w| in_identifier(&chars_of, w)) {
        let clear = want.iter().all(|w| got.iter().all(|(s, _, e, _)| *e <= w.start || *s >= w.end));
        return (clear, true, show());
    }
    if got.len() != want.len() {
        return (false, false, show());
    }
    for w in &want {
        let Some((_, _, _, f)) = got.iter().find(|(s, bare, e, _)| (*s == w.start || *bare == w.start) && *e == w.end) else {
            return (false, false, show());
        };
        if !matches(kind, w.res, f) {
            return (false, false, show());
        }
    }
    (true, false, String::new())
}

fn matches(kind: Kind, res: &Value, f: &Figure) -> bool {
    match kind {
        Kind::Number => match (num(res.get("value")), f.value()) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) => true,
            _ => false,
        },
        Kind::Unit(_) => {
            let value_ok = match (num(res.get("value")), f.value()) {
                (Some(a), Some(b)) => close(a, b),
                (None, None) => true,
                _ => false,
            };
            let unit = res.get("unit").and_then(Value::as_str).unwrap_or("");
            let ours = f.iso().and_then(|i| i.split_once(':')).map_or("", |(_, name)| name);
            value_ok && !unit.is_empty() && unit.eq_ignore_ascii_case(ours)
        }
        Kind::Percent => match (num(res.get("value")), f.value()) {
            (Some(a), Some(b)) => close(a, b),
            (None, _) => true,
            _ => false,
        },
        Kind::Currency => {
            let unit = res.get("unit").and_then(Value::as_str).unwrap_or("");
            let cents = matches!(unit, "Cent" | "Penny" | "Pence");
            let value_ok = match (num(res.get("value")), f.value()) {
                (Some(a), Some(b)) => close(a, if cents { b * 100.0 } else { b }),
                (None, _) => true,
                _ => false,
            };
            let code = f.unit().unwrap_or("");
            let unit_ok = match res.get("isoCurrency").and_then(Value::as_str) {
                Some(iso) => iso == code,
                None => currency_name_fits(unit, code),
            };
            value_ok && unit_ok
        }
        Kind::Range => res.get("value").and_then(Value::as_str).is_some_and(|v| f.iso() == Some(v)),
        Kind::DateTime => date_matches(res, f),
    }
}

/// Whether an ISO code fits a unit name without a code ("Dollar" USD, "Pound" GBP).
fn currency_name_fits(unit: &str, code: &str) -> bool {
    let u = unit.to_ascii_lowercase();
    let want = match u.as_str() {
        "dollar" | "united states dollar" | "cent" => "USD",
        "pound" | "british pound" | "penny" | "pence" => "GBP",
        "euro" => "EUR",
        "yen" | "japanese yen" => "JPY",
        "yuan" | "chinese yuan" | "renminbi" => "CNY",
        "ruble" | "russian ruble" => "RUB",
        "rupee" | "indian rupee" => "INR",
        "franc" | "swiss franc" => "CHF",
        "bitcoin" => "XBT",
        _ => return !code.is_empty(),
    };
    want == code
}

/// Whether our `iso` fits one of the resolution's values.
///
/// Mapped conventions (each says the same thing in the other project's words):
/// * a date Recognizers-Text cannot resolve ("feb 30": `value` "not resolved", a date-shaped
///   timex) is matched by our unresolved figure (`iso` `None`);
/// * a timex with an unstated year ("XXXX-11") takes the year of its own resolved start or value
///   ("mid-november" = `2017-11` when their start is 2017-11-10);
/// * an open range "after" a day starts on that day in theirs (exclusive) and on the next in ours
///   ("after January 1, 2007": their start 2007-01-01, our `2007-01-02/..`); one "until" a day
///   ends on that day in theirs and after it in ours ("as late as tomorrow");
/// * "since-end", "after-mid", "before-start" and the like are open ranges like "since", "after"
///   and "before".
fn date_matches(res: &Value, f: &Figure) -> bool {
    let Some(values) = res.get("values").and_then(Value::as_array) else { return false };
    let Some(iso) = f.iso() else {
        return values.iter().any(|v| {
            let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
            s("value") == "not resolved" && !s("timex").is_empty() && s("timex").bytes().all(|b| b.is_ascii_digit() || b"X-(),PD".contains(&b))
        });
    };
    let ours = interval(iso);
    values.iter().any(|v| {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
        let (timex, value, start, end, m) = (s("timex"), s("value"), s("start"), s("end"), s("Mod"));
        if iso == timex || iso == value {
            return true;
        }
        // Their year, where the timex leaves it unstated.
        if let Some(rest) = timex.strip_prefix("XXXX") {
            let year = [start, value, end].into_iter().find(|x| x.len() >= 4 && x.as_bytes()[..4].iter().all(u8::is_ascii_digit)).map(|x| &x[..4]);
            if year.is_some_and(|y| iso == format!("{y}{rest}")) {
                return true;
            }
        }
        let Some((a, b)) = ours else { return false };
        let day = |x: &str| Date::parse_iso(x.get(..10).unwrap_or(""));
        let since = m.starts_with("since") || m.starts_with("after");
        let before = m.starts_with("before") || m.starts_with("until");
        if since && iso.ends_with("/..") {
            let exclusive_day = m == "after" && Date::parse_iso(timex).is_some();
            return day(start) == a || (exclusive_day && day(start).and_then(|d| d.add_days(1)) == a);
        }
        if before && iso.starts_with("../") {
            // "until" a day ends on that day in theirs, after it in ours ("as late as tomorrow").
            let inclusive_day = m == "until" && Date::parse_iso(timex).is_some();
            return day(end) == b || (inclusive_day && day(end).and_then(|d| d.add_days(1)) == b);
        }
        // Our decade "1990/1999" and century "1400/1499" run through their last year, as theirs
        // (to 2000-01-01, 1500-01-01) do.
        let decade_end = iso.len() == 9 && iso.as_bytes()[3] == b'0' && iso.as_bytes()[8] == b'9' && iso[..3] == iso[5..8];
        let century_end = iso.len() == 9 && &iso[2..4] == "00" && &iso[7..9] == "99" && iso[..2] == iso[5..7];
        let decade_end = decade_end || century_end;
        let b = if decade_end { b.and_then(|d| Date::new(d.year + 1, 1, 1)) } else { b };
        !start.is_empty() && day(start) == a && day(end) == b
    })
}

/// Our iso as days `[start, end)`; open ends as `None`.
fn interval(iso: &str) -> Option<(Option<Date>, Option<Date>)> {
    if let Some((a, b)) = iso.split_once('/') {
        // Anchored durations: "P3M/2016-11-07" ends on that day, "2016-11-07/P3D" starts on it.
        if a.starts_with('P') {
            let end = Date::parse_iso(b)?;
            return Some((shift(end, a, -1), Some(end)));
        }
        if b.starts_with('P') {
            let start = Date::parse_iso(a)?;
            return Some((Some(start), shift(start, b, 1)));
        }
        // A closed range ends where its last element starts, as Recognizers-Text writes it
        // ("2014 to 2018" ends on 2018-01-01); an open "../2024" runs to the end of 2024.
        let start = if a == ".." { None } else { interval(a)?.0 };
        let end = if b == ".." {
            None
        } else if a == ".." {
            interval(b)?.1
        } else {
            interval(b)?.0
        };
        return Some((start, end));
    }
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let y: i32 = y.parse().ok()?;
            Some((Date::new(y, 1, 1), Date::new(y + 1, 1, 1)))
        }
        [y, q] if q.starts_with('Q') => {
            let (y, q): (i32, i32) = (y.parse().ok()?, q[1..].parse().ok()?);
            let d = Date::new(y, (3 * (q - 1) + 1) as u8, 1)?;
            Some((Some(d), d.add_months(3)))
        }
        [y, h] if h.len() == 2 && h.starts_with('H') => {
            let (y, h): (i32, u8) = (y.parse().ok()?, h[1..].parse().ok()?);
            let d = Date::new(y, if h == 1 { 1 } else { 7 }, 1)?;
            Some((Some(d), d.add_months(6)))
        }
        [y, w, we] if w.starts_with('W') && *we == "WE" => {
            let (_, end) = interval(&format!("{y}-{w}"))?;
            let sunday_next = end?;
            Some((sunday_next.add_days(-2), Some(sunday_next)))
        }
        [y, w] if w.starts_with('W') => {
            let (y, w): (i32, i64) = (y.parse().ok()?, w[1..].parse().ok()?);
            let jan4 = Date::new(y, 1, 4)?;
            let monday = jan4.add_days(-i64::from(jan4.weekday().index()) + 7 * (w - 1))?;
            Some((Some(monday), monday.add_days(7)))
        }
        [y, m] => {
            let d = Date::new(y.parse().ok()?, m.parse().ok()?, 1)?;
            Some((Some(d), d.add_months(1)))
        }
        [_, _, _] => {
            let d = Date::parse_iso(iso)?;
            Some((Some(d), d.add_days(1)))
        }
        _ => None,
    }
}

/// `d` moved by the duration `p` ("P3M", "P2W", "P5D", "P1Y") in direction `sign`.
fn shift(d: Date, p: &str, sign: i32) -> Option<Date> {
    let body = p.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: i32 = body[..body.len() - 1].parse().ok()?;
    match unit {
        'D' => d.add_days(i64::from(sign * n)),
        'W' => d.add_days(i64::from(sign * n * 7)),
        'M' => d.add_months(sign * n),
        'Y' => d.add_months(sign * n * 12),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ratchet: pass rates may not fall below the levels reached (see [`FILES`]).
    #[test]
    fn pass_rates_do_not_fall() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(DEFAULT_DIR);
        let rows = evaluate(&dir, &mut |_, _| {}).expect("the spec copies are in tests/specs");
        eprintln!("{}", markdown(&rows));
        for (file, _, floor) in FILES {
            let stem = Path::new(file).file_stem().unwrap().to_str().unwrap();
            let row = rows.iter().find(|r| r.name == stem || r.name.starts_with(&format!("{stem} (dates"))).expect("a row per file");
            assert!(row.rate() + 1e-9 >= *floor, "{}: pass rate {:.3} fell below {:.3}", row.name, row.rate(), floor);
        }
    }
}
