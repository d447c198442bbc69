//! Dates written as one run of glued tokens: "2019/aug/01", "05-Aug-2016", "Oct/2", "22/04",
//! "2015-3", "Dec/2018", "12/12/30", "20161016", and ranges of them ("10/1-11/7",
//! "Dec/2018-May/2019", "10-1-2018-10-7-2018").
//!
//! The run is read as a whole: it is a date only when every piece of it is, so identifiers
//! ("Su-34", "F-16") never are.

use super::{resolve_md, Ctx, P};
use crate::date::{month_from_name, Date};
use crate::segment::TokenKind;

/// A piece of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    /// Digits: value and how many.
    Num(u32, usize),
    /// A month name.
    Mon(u8),
    /// A separator: '-', '/' or '.'.
    Sep(char),
}

/// What a run holds.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Run {
    /// One date or month.
    One(P),
    /// A range of two.
    Two(P, P),
}

/// The most tokens a run may have (a bounded look-ahead).
const MAX_TOKENS: usize = 16;

/// A month name followed by digits in one word ("Dec31", "mar3"): month and day.
pub(super) fn month_day_word(s: &str) -> Option<(u8, u8)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (w, d) = s.split_at(split);
    if w.len() < 3 || !d.bytes().all(|b| b.is_ascii_digit()) || d.is_empty() || d.len() > 2 {
        return None;
    }
    let m = month_from_name(w)?;
    let d: u8 = d.parse().ok()?;
    (1..=31).contains(&d).then_some((m, d))
}

/// The pieces of the run starting at token `i` and the token after it; `None` when token `i`
/// does not start a run or the run holds anything but digits, month names and separators.
fn parts(c: &Ctx, i: usize) -> Option<(Vec<Part>, usize)> {
    let first = c.t.get(i)?;
    // A run starts after white space or an opening mark ("(jun-15)").
    if i > 0 && !first.gap {
        let prev = &c.t[i - 1];
        if prev.kind != TokenKind::Punct || matches!(prev.s, "-" | "/" | "." | "–" | ":" | "_") {
            return None;
        }
    }
    let mut out = Vec::new();
    let mut k = i;
    while k < c.t.len() && k < i + MAX_TOKENS && (k == i || !c.t[k].gap) {
        let t = &c.t[k];
        match t.kind {
            TokenKind::Number => {
                for (n, piece) in t.s.split('.').enumerate() {
                    if n > 0 {
                        out.push(Part::Sep('.'));
                    }
                    if piece.is_empty() || piece.len() > 8 || !piece.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    out.push(Part::Num(piece.parse().ok()?, piece.len()));
                }
            }
            TokenKind::Word => {
                if let Some((m, d)) = t.digit.then(|| month_day_word(t.s)).flatten() {
                    out.push(Part::Mon(m));
                    out.push(Part::Num(u32::from(d), 2));
                } else {
                    // month_from_name of the word (its dots trimmed), worked out in Ctx.
                    if t.month == 0 {
                        return None;
                    }
                    let m = t.month;
                    // "may" and "march" lower-case are words, not months, unless glued into a run.
                    out.push(Part::Mon(m));
                }
            }
            _ => match t.s {
                "-" | "–" => out.push(Part::Sep('-')),
                "/" => out.push(Part::Sep('/')),
                _ => break,
            },
        }
        k += 1;
    }
    // What stops the run may be white space or a closing mark, not a glued word or number.
    if let Some(t) = c.t.get(k) {
        if !t.gap && (t.kind != TokenKind::Punct || matches!(t.s, ":" | "%" | "@" | "_")) {
            return None;
        }
    }
    while matches!(out.last(), Some(Part::Sep(_))) {
        out.pop();
        k -= 1;
    }
    if (out.len() < 3 && !matches!(out.as_slice(), [Part::Num(_, 8)])) || matches!(out.first(), Some(Part::Sep(_))) {
        return None;
    }
    Some((out, k))
}

/// A year of four digits, or of two ("30" = 1930, "12" = 2012).
fn full_year(v: u32, len: usize, two_ok: bool) -> Option<i32> {
    match len {
        4 if (1000..=2999).contains(&v) => Some(v as i32),
        2 if two_ok => Some(if v < 30 { 2000 + v as i32 } else { 1900 + v as i32 }),
        _ => None,
    }
}

fn day_of(y: i32, m: u32, d: u32) -> Option<P> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // A day that does not exist ("feb 30 2019") is still a date, left unresolved.
    Some(Date::new(y, m as u8, d as u8).map_or(P::Unknown, P::Day))
}

/// A day without a year: in `year` when the other end of a range gives one, else resolved
/// against the publication date.
fn md(c: &Ctx, m: u8, d: u8, year: Option<i32>) -> P {
    match year {
        Some(y) => Date::new(y, m, d).map_or(P::Unknown, P::Day),
        None => resolve_md(c, m, d, false),
    }
}

/// One date from the pieces (separators already checked to be one kind).
fn one(c: &Ctx, items: &[Part], sep: char, context: u8, year: Option<i32>) -> Option<P> {
    use Part::{Mon, Num};
    match *items {
        [Num(y, 4), Num(m, _), Num(d, _)] if sep != '.' => full_year(y, 4, false).and_then(|y| day_of(y, m, d)),
        [Num(y, 4), Mon(m), Num(d, _)] | [Num(y, 4), Num(d, _), Mon(m)] => day_of(full_year(y, 4, false)?, u32::from(m), d),
        [Mon(m), Num(d, dl), Num(y, 4)] | [Num(d, dl), Mon(m), Num(y, 4)] if dl <= 2 => day_of(full_year(y, 4, false)?, u32::from(m), d),
        [Mon(m), Num(y, 4), Num(d, dl)] | [Num(d, dl), Num(y, 4), Mon(m)] if dl <= 2 => day_of(full_year(y, 4, false)?, u32::from(m), d),
        [Num(d, dl), Mon(m), Num(y, 2)] if dl <= 2 && sep != '.' => day_of(full_year(y, 2, true)?, u32::from(m), d),
        [Num(a, al), Num(b, bl), Num(y, yl)] if al <= 2 && bl <= 2 && (yl == 4 || (yl == 2 && sep == '/')) => {
            let y = full_year(y, yl, true)?;
            // Day first with dots ("24.02.2022") or when the first cannot be a month.
            let (m, d) = if sep == '.' || a > 12 { (b, a) } else { (a, b) };
            day_of(y, m, d)
        }
        [Num(y, 4), Num(m, ml)] if ml <= 2 && (1..=12).contains(&m) && sep != '.' => {
            // "2022-23" is a span of years, not a month.
            if ml == 2 && m as i32 > y as i32 % 100 && m as i32 - y as i32 % 100 <= 10 {
                return None;
            }
            Some(P::Month(full_year(y, 4, false)?, m as u8))
        }
        [Mon(m), Num(y, 4)] | [Num(y, 4), Mon(m)] => Some(P::Month(full_year(y, 4, false)?, m)),
        [Num(m, ml), Num(y, 4)] if ml <= 2 && (1..=12).contains(&m) && sep != '.' => Some(P::Month(full_year(y, 4, false)?, m as u8)),
        [Mon(m), Num(d, dl)] | [Num(d, dl), Mon(m)] if dl <= 2 && (1..=31).contains(&d) => Some(md(c, m, d as u8, year)),
        [Num(a, al), Num(b, bl)] if al <= 2 && bl <= 2 && (sep == '/' || context == 2) => {
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            // "1/2", "3/4": fractions, unless a date word comes before.
            if context == 0 && a < b && b <= 10 {
                return None;
            }
            Some(md(c, m as u8, d as u8, year))
        }
        [Num(v, 8)] => {
            let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
            if !(1900..=2100).contains(&y) {
                return None;
            }
            Date::new(y as i32, m as u8, d as u8).map(P::Day)
        }
        _ => None,
    }
}

/// A month name alone, one end of a glued range ("Jan-Feb").
fn month_alone(parts: &[Part]) -> Option<P> {
    match parts {
        [Part::Mon(m)] => Some(P::MonthOf(*m)),
        _ => None,
    }
}

/// The pieces as one date: the separators must all be the same.
fn single(c: &Ctx, parts: &[Part], context: u8, year: Option<i32>) -> Option<P> {
    let mut sep = None;
    let mut items = Vec::with_capacity(4);
    for (n, p) in parts.iter().enumerate() {
        match p {
            Part::Sep(s) => {
                if n % 2 == 0 || sep.is_some_and(|x| x != *s) {
                    return None;
                }
                sep = Some(*s);
            }
            _ if n % 2 == 1 => return None,
            _ => items.push(*p),
        }
    }
    one(c, &items, sep.unwrap_or(' '), context, year)
}

/// The run of glued tokens starting at token `i` as a date or a range of dates, and the token
/// after it. `context`: a date word stands before ("on", "from", a weekday), so "7-6" or "5.12"
/// may be a day.
pub(super) fn run(c: &Ctx, i: usize, context: u8) -> Option<(usize, Run)> {
    let (parts, end) = parts(c, i)?;
    if let Some(p) = single(c, &parts, context, None) {
        return Some((end, Run::One(p)));
    }
    // A range: two dates joined by a hyphen.
    for (k, p) in parts.iter().enumerate() {
        if *p != Part::Sep('-') {
            continue;
        }
        let (a, b) = (&parts[..k], &parts[k + 1..]);
        let pb = single(c, b, 1, None).or_else(|| month_alone(b));
        let year = match pb {
            Some(P::Day(d)) if b.len() > 3 => Some(d.year),
            Some(P::Month(y, _)) => Some(y),
            _ => None,
        };
        let pa = single(c, a, 1, year).or_else(|| month_alone(a));
        if let (Some(pa), Some(pb)) = (pa, pb) {
            let ok = |p: &P| matches!(p, P::Day(_) | P::Month(..) | P::Unknown | P::MonthOf(_));
            if ok(&pa) && ok(&pb) && matches!(pa, P::MonthOf(_)) == matches!(pb, P::MonthOf(_)) {
                return Some((end, Run::Two(pa, pb)));
            }
        }
    }
    None
}
