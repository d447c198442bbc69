//! Weeks and parts of periods: "the week of April 10th", "w/c Feb 4", "week 31",
//! "the last week of July", "the first week of 2015", "the first 2 weeks of 2021",
//! "the third month of 2021", "the week after next", "Tuesday of next week", "next week Monday",
//! "this weekend".
//!
//! Weeks are ISO weeks (Monday to Sunday, `2024-W06`); the n-th week of a month or year is the
//! n-th week whose Thursday falls in it, as ISO 8601 counts the weeks of a year.

use super::{any_point, iso_week, p_bounds, point, weekday, Ctx, P};
use crate::date::Date;
use crate::segment::TokenKind;

const ORDINALS: [&str; 31] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first",
];

/// An ordinal at token `i` ("3rd", "third", "twenty first", "twenty-first"): its value and the
/// token after it.
pub(super) fn ordinal(c: &Ctx, i: usize) -> Option<(u32, usize)> {
    let t = c.t.get(i)?;
    if t.kind == TokenKind::Number {
        let d = t.s.trim_end_matches(|ch: char| ch.is_ascii_alphabetic());
        let suffix = &t.s[d.len()..];
        if ["st", "nd", "rd", "th"].iter().any(|x| x.eq_ignore_ascii_case(suffix)) && !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()) {
            return Some((d.parse().ok()?, i + 1));
        }
        return None;
    }
    if t.class & super::super::class::ORDINAL == 0 {
        return None;
    }
    let w = c.l(i);
    // Every ordinal word ends in "st", "nd", "rd" or "th": a quick no for most words.
    let ordinal_ending = w.len() >= 5 && ["st", "nd", "rd", "th"].iter().any(|x| w.ends_with(x));
    if ordinal_ending {
        if let Some(p) = ORDINALS.iter().position(|o| *o == w) {
            return Some((p as u32 + 1, i + 1));
        }
    }
    // "twenty first", "twenty - first"
    if matches!(w, "twenty" | "thirty") {
        let k = if c.is(i + 1, "-") { i + 2 } else { i + 1 };
        let tens = if w == "twenty" { 20 } else { 30 };
        if let Some(p) = ORDINALS[..9].iter().position(|o| *o == c.l(k)) {
            let v = tens + p as u32 + 1;
            return (v <= 31).then_some((v, k + 1));
        }
    }
    None
}

/// The ISO week holding `d`, as iso.
fn week_iso(d: Date) -> Option<String> {
    let (y, w) = iso_week(d)?;
    Some(format!("{y:04}-W{w:02}"))
}

/// The Monday of the week holding `d`.
fn monday(d: Date) -> Option<Date> {
    d.add_days(-i64::from(d.weekday().index()))
}

/// The Monday of the n-th (1-based; 0 = last) week whose Thursday falls in `[a, b)`.
fn nth_week(a: Date, b: Date, n: u32) -> Option<Date> {
    if n == 0 {
        let last = b.add_days(-1)?;
        let back = (i64::from(last.weekday().index()) - 3).rem_euclid(7);
        return last.add_days(-back - 3);
    }
    let fwd = (3 - i64::from(a.weekday().index())).rem_euclid(7);
    let thursday = a.add_days(fwd + 7 * (i64::from(n) - 1))?;
    (thursday < b).then(|| thursday.add_days(-3)).flatten()
}

/// A period after "of" at token `k`: a month, a year ("of 2015", "of Jan 2015", "of this month",
/// "of last year", "of the year").
fn period(c: &Ctx, k: usize) -> Option<(usize, P)> {
    if c.is(k, "the") && c.any(k + 1, &["year", "month"]) {
        let p = c.published;
        let pp = match c.l(k + 1) {
            "year" => p.map_or(P::Unknown, |p| P::Year(p.year)),
            _ => p.map_or(P::Unknown, |p| P::Month(p.year, p.month)),
        };
        return Some((k + 2, pp));
    }
    // "of Jan": an abbreviated month alone
    if let Some((m, _)) = super::month(c, k) {
        if super::year(c, k + 1).is_none() && !c.is(k + 1, ",") {
            return Some((k + 1, super::resolve_m(c, m, super::future(c, k), 0)));
        }
    }
    let (e, p) = any_point(c, k)?;
    matches!(p, P::Year(_) | P::Month(..) | P::Unknown | P::MonthOf(_)).then_some((e, p))
}

fn unit_plural(w: &str) -> Option<char> {
    Some(match w {
        "weeks" => 'W',
        "months" => 'M',
        "days" => 'D',
        _ => return None,
    })
}

/// A week phrase or a part of a period at token `i`: the token after it and its iso.
pub(super) fn at(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let the = c.is(i, "the");
    let k = if the { i + 1 } else { i };
    let w = c.l(k);
    // "week 31", "week 3 of 2027", "week 27 of last year" ("the" stays out)
    if w == "week" {
        if the && c.t.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number) {
            return None;
        }
        if let Some(t) = c.t.get(k + 1).filter(|t| t.kind == TokenKind::Number && t.s.len() <= 2 && t.s.bytes().all(|b| b.is_ascii_digit())) {
            let n: u32 = t.s.parse().ok()?;
            if !(1..=53).contains(&n) {
                return None;
            }
            let (e, y) = match c.is(k + 2, "of").then(|| period(c, k + 3)).flatten() {
                Some((e, P::Year(y))) => (e, Some(y)),
                _ => (k + 2, c.published.map(|p| p.year)),
            };
            let iso = y.and_then(|y| {
                let jan4 = Date::new(y, 1, 4)?;
                monday(jan4)?.add_days(7 * (i64::from(n) - 1)).and_then(week_iso)
            });
            return Some((e, iso));
        }
        // "the week of April 10th", "the week of the 18th"
        if c.is(k + 1, "of") {
            let (e, d) = day_at(c, k + 2)?;
            return Some((e, d.and_then(week_iso)));
        }
        // "the week beginning / starting (on) / commencing February 4"
        if c.any(k + 1, &["beginning", "starting", "commencing"]) {
            let j = if c.is(k + 2, "on") { k + 3 } else { k + 2 };
            let (e, d) = day_at(c, j)?;
            return Some((e, d.and_then(week_iso)));
        }
        // "the week after next"
        if the && c.is(k + 1, "after") && c.is(k + 2, "next") {
            let d = c.published.and_then(|p| p.add_days(14));
            return Some((k + 3, d.and_then(week_iso)));
        }
        return None;
    }
    // "w/c Feb 4"
    if w == "w" && c.is(k + 1, "/") && c.is(k + 2, "c") && c.glued(k + 1) && c.glued(k + 2) {
        let (e, d) = day_at(c, k + 3)?;
        return Some((e, d.and_then(week_iso)));
    }
    // "(the) first week of 2015", "the last week of July", "3rd week of Jan"
    let nth = if w == "last" { Some((0, k + 1)) } else { ordinal(c, k).filter(|(n, _)| *n <= 12) };
    if let Some((n, e1)) = nth {
        if c.is(e1, "week") && c.is(e1 + 1, "of") && n <= 5 {
            let (e, p) = period(c, e1 + 2)?;
            let monday = p_bounds(&p).and_then(|(a, b)| nth_week(a, b, n));
            // "1st week of Oct. on Friday": that day of the week
            if c.is(e, "on") {
                if let Some(wd) = weekday(c, e + 1) {
                    return Some((e + 2, monday.and_then(|m| m.add_days(i64::from(wd))).map(|d| d.to_string())));
                }
            }
            return Some((e, monday.and_then(week_iso)));
        }
        // "the third month of 2021", "the 9th month of next year"
        if c.is(e1, "month") && c.is(e1 + 1, "of") && n >= 1 {
            let (e, p) = period(c, e1 + 2)?;
            let iso = match p {
                P::Year(y) => Some(format!("{y:04}-{n:02}")),
                _ => None,
            };
            return iso.map(|iso| (e, Some(iso)));
        }
        // "the first 2 weeks of 2021", "the last four months of 2021", "first ten days of last year"
        if w == "first" || w == "last" {
            let (count, e2) = super::number::parse(c, e1).filter(|n| !n.ordinal && !n.decade).and_then(|n| Some((n.value?, n.end)))?;
            if count.fract() != 0.0 || !(1.0..=100.0).contains(&count) {
                return None;
            }
            let unit = unit_plural(c.l(e2))?;
            if !c.is(e2 + 1, "of") {
                return None;
            }
            let (e, p) = period(c, e2 + 2)?;
            let count = count as i64;
            let iso = p_bounds(&p).and_then(|(a, b)| {
                let start = match (unit, w == "first") {
                    ('W', true) => nth_week(a, b, 1)?,
                    ('W', false) => nth_week(a, b, 0)?.add_days(-7 * (count - 1))?,
                    ('M', true) | ('D', true) => a,
                    ('M', false) => b.add_months(-(count as i32))?,
                    _ => b.add_days(-count)?,
                };
                Some(format!("{start}/P{count}{unit}"))
            });
            return Some((e, iso));
        }
    }
    None
}

/// A day at token `k` for "the week of ...": a date ("April 10th") or "the 18th" of the
/// publication month.
fn day_at(c: &Ctx, k: usize) -> Option<(usize, Option<Date>)> {
    if c.is(k, "the") {
        let (d, e) = ordinal(c, k + 1)?;
        if c.is(e, "of") {
            return match point(c, k + 1)? {
                (e, P::Day(d)) => Some((e, Some(d))),
                (e, _) => Some((e, None)),
            };
        }
        let date = c.published.and_then(|p| {
            let this = Date::new(p.year, p.month, d as u8)?;
            if this <= p {
                Some(this)
            } else {
                p.add_months(-1).and_then(|m| Date::new(m.year, m.month, d as u8))
            }
        });
        return Some((e, date));
    }
    match point(c, k)? {
        (e, P::Day(d)) => Some((e, Some(d))),
        (e, P::Unknown) => Some((e, None)),
        _ => None,
    }
}

/// "next week Monday", "next week on Tuesday", "previous week - Monday", "this week Monday"
/// (`rel` -1, 1, 2, with `e` the token after "week"), "Tuesday of next week", "monday of the
/// following week": the day.
pub(super) fn week_day(c: &Ctx, e: usize, rel: i8) -> Option<(usize, Option<String>)> {
    let mut k = e;
    if c.any(k, &["on", "-", "–", ","]) {
        k += 1;
    }
    let wd = weekday(c, k)?;
    let d = c.published.and_then(|p| {
        let step = i64::from(if rel == 2 { 0 } else { rel });
        monday(p)?.add_days(7 * step + i64::from(wd))
    });
    Some((k + 1, d.map(|d| d.to_string())))
}

/// "Tuesday of next week", "monday of the following week", "Tuesday of last week".
pub(super) fn weekday_of_week(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let wd = weekday(c, i)?;
    if !c.is(i + 1, "of") {
        return None;
    }
    let mut k = i + 2;
    if c.is(k, "the") {
        k += 1;
    }
    let rel: i64 = match c.l(k) {
        "next" | "following" | "coming" => 1,
        "last" | "previous" | "past" => -1,
        "this" => 0,
        _ => return None,
    };
    if !c.is(k + 1, "week") {
        return None;
    }
    let d = c.published.and_then(|p| monday(p)?.add_days(7 * rel + i64::from(wd)));
    Some((k + 2, d.map(|d| d.to_string())))
}

/// The weekend of the ISO week holding `d`, as iso ("2016-W45-WE").
pub(super) fn weekend_iso(d: Date) -> Option<String> {
    week_iso(d).map(|w| format!("{w}-WE"))
}
