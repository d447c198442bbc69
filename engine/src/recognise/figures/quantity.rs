//! QUANTITY: a number and what it counts; `unit` is the counted noun phrase.
//!
//! * "500 soldiers", "two countries", "1.5 million barrels": the number and the noun phrase after
//!   it (lower-case words up to a function word, a verb-like "-ed" word after a noun, or the first
//!   plural noun of a compound: "artillery shells", "troops").
//! * "three of the vehicles", "a third of overall government spending": a number or fraction,
//!   "of", a determiner (for fractions optional) and the noun phrase. "one of the ..." is left
//!   out: it is nearly always a pronoun.
//! * "millions of artillery shells", "tens of thousands of people": vague amounts; `value` is
//!   `None` by convention, `unit` the noun phrase.
//! * multipliers: "three times more troops", "three times as many troops", "twice as many",
//!   "twice as much": `value` is the factor (3, 2), `unit` the noun phrase when there is one.
//! * numbers in digits that count nothing ("rose to 300.") are quantities without a unit; bare
//!   number words ("one", "three") are not shown on the page, but are returned by
//!   [`super::quantity`] for per-kind evaluation.
//!
//! Durations ("two years") are left to [`super::dates`]; years ("2022") too.

use super::number::{self, Num};
use super::{figure, Ctx};
use crate::segment::TokenKind;
use crate::{Figure, FigureKind};

/// Words that end a counted noun phrase (or cannot start one).
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without",
    "than", "as", "that", "which", "who", "whom", "whose", "this", "these", "those", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "could", "should", "can", "may",
    "might", "must", "shall", "not", "no", "into", "onto", "over", "under", "after", "before", "since", "until",
    "about", "around", "per", "each", "every", "more", "most", "less", "least", "fewer", "so", "such", "very", "too",
    "also", "just", "only", "even", "still", "yet", "if", "when", "while", "where", "whether", "because", "although",
    "though", "then", "there", "here", "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we",
    "us", "our", "you", "your", "i", "me", "my", "said", "says", "say", "told", "according", "against", "between",
    "among", "during", "through", "across", "behind", "via", "up", "down", "out", "off", "away", "back", "all",
    "both", "either", "neither", "other", "another", "some", "any", "many", "much", "several", "few", "own", "same",
    "times", "percent", "cent", "pct", "ago", "later", "earlier", "old", "what", "how", "why", "like", "near",
    "toward", "towards", "upon", "within", "along", "beyond", "amid", "amidst", "despite", "including", "plus",
    "minus", "now", "ever", "never", "already", "again", "once", "twice", "thrice", "hundred", "thousand", "million",
    "billion", "trillion", "dozen", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    // Halves of the day: "4 p.m." is a time ([`super::times`]), not four of something.
    "am", "pm", "a.m", "p.m", "a.m.", "p.m.",
];

/// Time units: a number with one of these is a duration ([`super::dates`]).
pub const TIME_UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "decade", "decades", "century", "centuries", "fortnight", "fortnights",
];

/// Determiners after "of": "three of the vehicles".
const DETERMINERS: &[&str] = &["the", "its", "their", "his", "her", "our", "these", "those", "your", "my", "all"];

fn wordlike(c: &Ctx, k: usize) -> bool {
    c.t.get(k).is_some_and(|t| t.kind == TokenKind::Word && !t.blocked && t.s.chars().next().is_some_and(|ch| ch.is_lowercase()))
}

/// The counted noun phrase starting at token `k`: its end token, if there is one.
pub fn noun_phrase(c: &Ctx, k: usize) -> Option<usize> {
    let mut j = k;
    let mut last_plural: Option<usize> = None;
    // "30,000 Russian troops": a capitalised adjective before a lower-case noun.
    let demonym = |i: usize| {
        c.capitalised(i) && !c.t[i].blocked && wordlike(c, i + 1) && {
            let l = c.l(i);
            ["an", "ese", "ish", "i", "ic"].iter().any(|s| l.ends_with(s)) && l.len() > 3
        }
    };
    if demonym(j) {
        j += 1;
    }
    while j < c.t.len() && j < k + 4 && wordlike(c, j) {
        let w = c.l(j);
        if STOP.contains(&w) {
            break;
        }
        if j > k && (w.ends_with("ed") || w.ends_with("ing") && last_plural.is_some()) {
            break;
        }
        let plural = (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
            || matches!(w, "people" | "children" | "men" | "women" | "personnel" | "police" | "cattle" | "troops" | "staff");
        if j > k && last_plural.is_some() {
            break;
        }
        if plural {
            last_plural = Some(j);
        }
        j += 1;
        // "-": "ballistic-missile launchers"
        if guard_hyphen(c, j) && wordlike(c, j + 1) && c.glued(j + 1) {
            j += 1;
        }
    }
    (j > k).then_some(j)
}

fn guard_hyphen(c: &Ctx, j: usize) -> bool {
    super::guard::is_hyphen(c.l(j)) && c.glued(j)
}

fn unit(c: &Ctx, a: usize, b: usize) -> String {
    c.span(a, b).of(c.text).to_owned()
}

/// Which quantities to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// What the page shows: counted nouns, units, multipliers, numbers in digits.
    Page,
    /// Every number besides (number words that count nothing included).
    All,
    /// Only numbers with a unit of measure ([`super::measure`]).
    Measures,
}

/// Adds the QUANTITY figures of `c` to `out`.
pub fn find(c: &Ctx, out: &mut Vec<Figure>, mode: Mode) {
    let n = c.t.len();
    let mut i = 0;
    while i < n {
        // Quiet tokens ([`Ctx::next_loud`]): a quick no (a bare unit of the measures model
        // aside).
        if mode != Mode::Measures {
            i = c.next_loud(i);
            if i == n {
                break;
            }
        }
        // Outside the measures model every reading starts with a number, "twice", "thrice",
        // "age" or "aged" (measured, at and multiplier): a quick no for the other tokens.
        if mode != Mode::Measures && !c.may_number(i) && !matches!(c.l(i), "twice" | "thrice") && !matches!(c.t[i].s, "age" | "aged") {
            i += 1;
            continue;
        }
        if let Some((end, f)) = measured(c, i, mode) {
            out.push(f);
            i = end.max(i + 1);
            continue;
        }
        if mode == Mode::Measures {
            // A unit without a number: "convert 10 celsius to fahrenheit".
            if let Some(u) = super::measure::bare(c, i) {
                let end = u.end;
                out.push(measure_figure(c, i, u, None, mode));
                i = end.max(i + 1);
                continue;
            }
            i = number::parse(c, i).map_or(i + 1, |n| n.end.max(i + 1));
            continue;
        }
        match at(c, i, mode == Mode::All) {
            Some((end, f)) => {
                out.push(f);
                i = end.max(i + 1);
            }
            None => i = number::parse(c, i).map_or(i + 1, |n| n.end.max(i + 1)),
        }
    }
}

/// The figure of a number from token `start` with unit `u`; for the measures model its `iso`
/// says what the unit measures and its canonical name ("dimension:Kilometer", "age:Year",
/// "temperature:F").
fn measure_figure(c: &Ctx, start: usize, u: super::measure::Unit, value: Option<f64>, mode: Mode) -> Figure {
    let iso = (mode == Mode::Measures).then(|| format!("{}:{}", u.measure.as_str(), u.name));
    figure(FigureKind::Quantity, c.span(start, u.end), value.map(|v| v + u.plus), Some(u.text), iso)
}

/// A number with a unit of measure at token `i` ("1.6 km", "200lbs", "-5 degrees", "five
/// years old", "10 1/2 miles", "age 87").
fn measured(c: &Ctx, i: usize, mode: Mode) -> Option<(usize, Figure)> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Number && t.kind != TokenKind::Word {
        return None;
    }
    if super::money::before(c, i).is_some() {
        return None;
    }
    let all = mode == Mode::Measures;
    // "a man of age 87", "aged 87"
    if t.kind == TokenKind::Word && matches!(t.s, "age" | "aged") && !t.blocked {
        let num = c.t.get(i + 1).filter(|t| t.kind == TokenKind::Number).and_then(|_| number::parse(c, i + 1))?;
        let value = num.value.filter(|v| !num.ordinal && !num.decade && !num.fraction && (1.0..=130.0).contains(v) && v.fract() == 0.0)?;
        if super::measure::unit_after(c, i + 1, num.end, all).is_some() || super::measure::glued_at(c, i + 1, all).is_some() {
            return None;
        }
        let u = super::measure::Unit { end: num.end, text: t.s.to_owned(), name: "Age".to_owned(), measure: super::measure::Measure::Age, plus: 0.0 };
        return Some((num.end, measure_figure(c, i, u, Some(value), mode)));
    }
    // A minus sign: "-5 degrees", not the dash of a range ("75 -300mm", "40 - 50 years")
    let after_number = i >= 2 && c.t[i - 2].kind == TokenKind::Number;
    let minus = i > 0 && t.kind == TokenKind::Number && c.any(i - 1, &["-", "−", "minus"]) && (c.glued(i) || c.is(i - 1, "minus")) && (c.t[i - 1].gap || i == 1) && !after_number;
    // "convert - 20 degrees fahrenheit" (measures model, temperatures only)
    let loose_minus = all && !minus && i > 0 && t.kind == TokenKind::Number && c.any(i - 1, &["-", "−"]) && c.t[i - 1].gap && (i == 1 || c.t[i - 2].kind == TokenKind::Word);
    let start = if minus { i - 1 } else { i };
    let sign = if minus { -1.0 } else { 1.0 };
    if let Some((v, u)) = super::measure::glued_at(c, i, all) {
        let end = u.end;
        return Some((end, measure_figure(c, start, u, Some(sign * v), mode)));
    }
    let num = match number::parse(c, i) {
        Some(n) => n,
        // "that one mile": "one" after "that" is a number when a unit follows
        None if c.is(i, "one") => number::parse_raw(c, i)?,
        None => return None,
    };
    if num.ordinal || num.decade || num.value.is_none() {
        return None;
    }
    let u = super::measure::unit_after(c, i, num.end, all)?;
    let end = u.end;
    if loose_minus && u.measure == super::measure::Measure::Temperature {
        return Some((end, measure_figure(c, i - 1, u, num.value.map(|v| -v), mode)));
    }
    Some((end, measure_figure(c, start, u, num.value.map(|v| sign * v), mode)))
}

fn at(c: &Ctx, i: usize, all: bool) -> Option<(usize, Figure)> {
    let t = c.t.get(i)?;
    // Multipliers: "twice as many", "three times more troops".
    if let Some(f) = multiplier(c, i) {
        return Some(f);
    }
    if t.kind != TokenKind::Number && t.kind != TokenKind::Word {
        return None;
    }
    // After a currency symbol or code the number is money ("$95 billion defense aid").
    if super::money::before(c, i).is_some() {
        return None;
    }
    let num: Num = number::parse(c, i)?;
    if num.ordinal || num.decade {
        return None;
    }
    let first = c.l(i);
    // "for 2023 beat forecasts", "in 2024 elections": a year after a preposition is a date.
    if num.plain && looks_like_year(num.value) && i > 0 && c.any(i - 1, &["for", "in", "since", "by", "until", "till", "during", "of", "from", "to", "through", "before", "after"]) {
        return None;
    }
    // "no one", "every one", "the one": a pronoun.
    if first == "one" && i > 0 && c.any(i - 1, &["no", "any", "every", "each", "some", "the", "this", "that", "which", "no-"]) {
        return None;
    }
    let mk = |end: usize, value: Option<f64>, u: Option<String>| {
        Some((end, figure(FigureKind::Quantity, c.span(i, end), value, u, None)))
    };
    // "N of the X", "a third of (the) X", "millions of X".
    if c.is(num.end, "of") {
        let k = num.end + 1;
        let det = c.any(k, DETERMINERS);
        let vague = num.value.is_none();
        if det || num.fraction || vague {
            let np = if det { k + 1 } else { k };
            let ok = first != "one" || num.fraction;
            if ok {
                if let Some(e) = noun_phrase(c, np) {
                    return mk(e, num.value, Some(unit(c, np, e)));
                }
            }
        }
        if vague {
            // "tens of thousands of people"
            return None;
        }
    }
    num.value?;
    // "one in five children": a proportion and what it counts
    if num.fraction {
        let e = noun_phrase(c, num.end)?;
        return mk(e, num.value, Some(unit(c, num.end, e)));
    }
    // "N X": a counted noun right after.
    let k = num.end;
    if !TIME_UNITS.contains(&c.l(k)) {
        if let Some(e) = noun_phrase(c, k) {
            if !(num.plain && (1000.0..=2100.0).contains(&num.value.unwrap_or(0.0)) && !c.l(e - 1).ends_with('s'))
                && !(num.words && first == "one" && !all && c.is(k, "of"))
            {
                return mk(e, num.value, Some(unit(c, k, e)));
            }
        }
    }
    if all || !(num.words || num.plain && looks_like_year(num.value)) {
        if !all && TIME_UNITS.contains(&c.l(k)) {
            return None;
        }
        return mk(num.end, num.value, None);
    }
    None
}

fn looks_like_year(v: Option<f64>) -> bool {
    v.is_some_and(|v| (1000.0..=2100.0).contains(&v) && v.fract() == 0.0)
}

/// "twice as many (X)", "three times more X", "three times as many X as".
fn multiplier(c: &Ctx, i: usize) -> Option<(usize, Figure)> {
    let w = c.l(i);
    let (factor, k) = match w {
        "twice" => (2.0, i + 1),
        "thrice" => (3.0, i + 1),
        _ => {
            let t = c.t.get(i)?;
            if t.kind != TokenKind::Number && t.kind != TokenKind::Word {
                return None;
            }
            let n = number::parse(c, i)?;
            if !c.is(n.end, "times") || n.ordinal {
                return None;
            }
            (n.value?, n.end + 1)
        }
    };
    // "as many", "as much", "more", "fewer", "larger", "higher", "bigger", "greater", "less"
    let mut j = k;
    if c.is(j, "as") && c.any(j + 1, &["many", "much"]) {
        j += 2;
    } else if c.any(j, &["more", "fewer", "less", "larger", "higher", "bigger", "greater", "smaller", "lower"]) {
        j += 1;
    } else if w == "twice" || w == "thrice" {
        if c.is(j, "as") {
            // "twice as large"
            j += 1;
            if wordlike(c, j) {
                j += 1;
            }
            return Some((j, figure(FigureKind::Quantity, c.span(i, j), Some(factor), None, None)));
        }
        return None;
    } else {
        return None;
    }
    let (end, u) = match noun_phrase(c, j) {
        Some(e) => (e, Some(unit(c, j, e))),
        None => (j, None),
    };
    Some((end, figure(FigureKind::Quantity, c.span(i, end), Some(factor), u, None)))
}
