//! DATE: absolute and relative dates, periods, open ranges and durations.
//!
//! `iso` holds the resolved value in ISO 8601:
//!
//! | text | iso |
//! |---|---|
//! | "September 13, 2023", "2024-02-14", "13 September 2023" | `2023-09-13` |
//! | "September 2022" | `2022-09` |
//! | "in 2022", "for 2024" (the year alone is the figure) | `2022` |
//! | "the 1990s" | `1990/1999` |
//! | "last week" | `2024-W06` (ISO week) |
//! | "since 2023", "since last month" | `2023/..`, `2024-01/..` (open range) |
//! | "until 2024" | `../2024` |
//! | "from 2014 to 2022", "2014-2022", "between 2014 and 2022" | `2014/2022` |
//! | "for two years", "two years" | `P2Y` (duration) |
//! | "for months" | `PXM` (duration of unknown length, TIMEX3 style) |
//! | "the past two years" | `P2Y/2024-02-14` (duration ending at the publication date) |
//! | "the coming months" | `2024-02-14/PXM` (duration starting at it) |
//!
//! Relative dates ("last month", "on Monday", "a year ago", "Feb. 24" without a year) are
//! resolved against the publication date to the **most recent past occurrence**, the day of
//! publication included, unless the wording says future ("next week", "will ... in October",
//! "the coming months"); without a publication date they stay figures with `iso` `None`. The
//! rules are in `DESIGN-figures.md`.
//!
//! Names are not dates: a month word needs a day, a year or a temporal preposition before it
//! ("in May"), and never stands before a capitalised word ("May Smith"); abbreviations ("Jun")
//! need a day or a year ("Dong Jun" is a name).

mod holidays;
mod numeric;
mod weeks;

use super::number::{self};
use super::quantity::TIME_UNITS;
use super::{class, figure, guard, Ctx};
use crate::date::Date;
use crate::segment::TokenKind;
use crate::{Figure, FigureKind};

/// Adds the DATE figures of `c` to `out`.
pub fn find(c: &Ctx, out: &mut Vec<Figure>) {
    let n = c.t.len();
    let mut i = 0;
    while i < n {
        // Quiet tokens ([`Ctx::next_loud`]): a quick no.
        i = c.next_loud(i);
        if i == n {
            break;
        }
        if !may_start(c, i) {
            i += 1;
            continue;
        }
        match at(c, i) {
            Some((mut end, mut iso)) if end > i => {
                // "2018 or later", "1/1/2016 and after", "year 2016 and greater": from it on
                let point_like = iso.as_deref().is_some_and(|s| !s.contains('/') && !s.starts_with('P'));
                if point_like && c.any(end, &["or", "and"]) && c.any(end + 1, &["later", "after", "greater", "newer"]) {
                    iso = iso.map(|s| format!("{s}/.."));
                    end += 2;
                }
                // A sentence's last period is not part of an abbreviated month ("second of Aug.").
                let span = c.without_sentence_stop(c.span(i, end));
                out.push(figure(FigureKind::Date, span, None, None, iso));
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Whether [`at`] may read anything from token `i` (a quick no for most tokens). Exact: every
/// reading opens with
///
/// * a number token or a token with a digit ([`point`], [`units`], [`quarter`], "cy18");
/// * a number ([`units`] reads one with [`number::parse`], "." included) or a number word
///   [`words_99`] reads ([`word_year`] too starts with one);
/// * a month, a weekday ([`class::WEEKDAY`], [`class::WEEKDAY_ABBR`]), an ordinal word
///   ([`weeks::ordinal`]) or the first word of a holiday ([`holidays::at`]);
/// * one of the words [`at`] and the readers it calls at its own token compare that token with
///   ([`class::DATE_START`]: "since", "the", "last", "today", "spring", "nineties"...).
///
/// No other punctuation opens a reading: they all test the kind, the class or the words.
///
/// "the", "in" and "on" (frequent words) open a reading only where the next token opens one
/// too: every reading from "the" goes on with a relative word ("the past two years"), "week"
/// or "weekend", an ordinal, a number or a point ([`weeks::at`], [`nth_day`], "the 1990s",
/// "on the 4th"); from "in" with a count of units ([`units`]: "in two weeks"); from "on" with a
/// weekday ("on Tuesday of next week").
fn may_start(c: &Ctx, i: usize) -> bool {
    opens(c, i) && (!matches!(c.l(i), "the" | "in" | "on") || i + 1 < c.t.len() && opens(c, i + 1))
}

/// [`may_start`] without its look at the next token.
fn opens(c: &Ctx, i: usize) -> bool {
    let t = &c.t[i];
    const CLASSES: u16 = class::DATE_START | class::ORDINAL | class::HOLIDAY | class::WEEKDAY | class::WEEKDAY_ABBR;
    t.digit || t.kind == TokenKind::Number || t.month != 0 || t.class & CLASSES != 0 || c.may_number(i) && (number::parse(c, i).is_some() || words_99(c, i).is_some())
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Prepositions after which a month name alone is a date ("in May", "since March").
const MONTH_PREPS: &[&str] = &[
    "in", "since", "until", "till", "by", "from", "through", "to", "during", "last", "next", "this", "early", "late",
    "mid", "of", "before", "after", "between", "and", "or", "throughout", "on", "end", "beginning", "start", "-",
    "for", "into", "around", "past", "coming", "previous",
];

/// Whether the wording around token `i` speaks of the future ("will", "next", "upcoming").
pub fn future(c: &Ctx, i: usize) -> bool {
    let lo = i.saturating_sub(8);
    for k in (lo..i).rev() {
        if c.stop(k) {
            return false;
        }
        let l = c.l(k);
        if matches!(l, "will" | "shall" | "upcoming" | "scheduled" | "expected" | "planned" | "plans" | "plan" | "going" | "due" | "tomorrow" | "won't" | "won’t")
            || l.ends_with("'ll")
            || l.ends_with("’ll")
        {
            return true;
        }
    }
    false
}

fn month(c: &Ctx, i: usize) -> Option<(u8, bool)> {
    let t = c.t.get(i)?;
    if t.month == 0 {
        return None;
    }
    // Lower-case month names count too ("in august"), but not the words "may" and "march",
    // unless after "in" at the end of a clause ("it may be in may").
    let clause_end = c.t.get(i + 1).is_none_or(|n| n.kind == TokenKind::Punct);
    let lower_ok = i > 0 && c.is(i - 1, "in") && clause_end && matches!(t.l, "may" | "march");
    if t.kind != TokenKind::Word || (!c.capitalised(i) && !lower_ok && matches!(t.l, "may" | "march" | "mar" | "sept")) {
        return None;
    }
    if !c.capitalised(i) && t.s.chars().any(char::is_uppercase) {
        return None;
    }
    let m = t.month;
    let full = t.l.trim_end_matches('.').len() > 4 || matches!(t.l, "may" | "june" | "july");
    Some((m, full))
}

fn weekday(c: &Ctx, i: usize) -> Option<u8> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Word || t.class & (class::WEEKDAY | class::WEEKDAY_ABBR) == 0 {
        return None;
    }
    if let Some(p) = WEEKDAYS.iter().position(|w| *w == t.l) {
        return Some(p as u8);
    }
    // Abbreviations, capitalised, with a day or a month after or "on"/"next"/"last" before.
    let l = t.l.trim_end_matches('.');
    let p = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().position(|w| *w == l).or(match l {
        "tues" => Some(1),
        "thur" | "thurs" => Some(3),
        _ => None,
    })?;
    let context = (i > 0 && c.any(i - 1, &["on", "next", "last", "this", "every", "week"]))
        || (i > 1 && c.any(i - 1, &["or", "and", ","]) && c.t[i - 2].kind == TokenKind::Word && ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().any(|w| c.l(i - 2).starts_with(w)))
        || c.t.get(i + 1).is_some_and(|n| n.kind == TokenKind::Number)
        || month(c, i + 1).is_some();
    (c.capitalised(i) && context && (p < 5 || c.t.get(i + 1).is_some_and(|n| n.kind == TokenKind::Number))).then_some(p as u8)
}

/// A day of the month at token `i` ("13", "13th", "1st"): the day and the token after.
fn day(c: &Ctx, i: usize) -> Option<(u8, usize)> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Number || t.blocked {
        return None;
    }
    let (v, suffix) = number::digits(t.s)?;
    if !(suffix.is_empty() || matches!(suffix.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")) {
        return None;
    }
    if t.s.contains([',', '.']) || !(1.0..=31.0).contains(&v) || v.fract() != 0.0 {
        return None;
    }
    // "March 3:30", "May 5%": not a day.
    if c.any(i + 1, &[":", "%"]) && c.glued(i + 1) {
        return None;
    }
    Some((v as u8, i + 1))
}

/// A lower-case "may"/"march"/"sept" after "of" ("12 of sept"), which [`month`] leaves out.
fn month_abbr_after_of(c: &Ctx, k: usize) -> Option<(u8, bool)> {
    if k == 0 || !c.is(k - 1, "of") {
        return None;
    }
    let t = c.t.get(k)?;
    (t.kind == TokenKind::Word && t.month != 0).then_some((t.month, true))
}

/// A year at token `i` (four digits, 1000-2999): the year and the token after.
fn year(c: &Ctx, i: usize) -> Option<(i32, usize)> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Number || t.blocked || t.s.len() != 4 || !t.s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.s.parse().ok()?;
    (1000..=2999).contains(&y).then_some((y, i + 1))
}

/// A resolved or unresolved point or period.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum P {
    Day(Date),
    Month(i32, u8),
    Year(i32),
    Decade(i32),
    Week(i32, u32),
    /// A month without a year and no publication date to give it one.
    MonthOf(u8),
    /// Relative, but no publication date to resolve it.
    Unknown,
}

impl P {
    pub(super) fn iso(&self) -> Option<String> {
        Some(match self {
            P::Day(d) => d.to_string(),
            P::Month(y, m) => format!("{y:04}-{m:02}"),
            P::Year(y) => format!("{y:04}"),
            P::Decade(y) => format!("{y:04}/{:04}", y + 9),
            P::Week(y, w) => format!("{y:04}-W{w:02}"),
            P::Unknown | P::MonthOf(_) => return None,
        })
    }
}

/// The ISO week (year, week) of a date.
pub fn iso_week(d: Date) -> Option<(i32, u32)> {
    let thursday = d.add_days(3 - i64::from(d.weekday().index()))?;
    let jan1 = Date::new(thursday.year, 1, 1)?;
    let ordinal = thursday.to_days() - jan1.to_days();
    Some((thursday.year, (ordinal / 7 + 1) as u32))
}

fn resolve_md(c: &Ctx, m: u8, d: u8, fut: bool) -> P {
    let Some(p) = c.published else { return P::Unknown };
    let mut y = p.year;
    if !fut && (m, d) > (p.month, p.day) {
        y -= 1;
    }
    if fut && (m, d) < (p.month, p.day) {
        y += 1;
    }
    // February 29: the latest (or next) leap year's.
    if m == 2 && d == 29 {
        for _ in 0..8 {
            if let Some(date) = Date::new(y, m, d) {
                return P::Day(date);
            }
            y += if fut { 1 } else { -1 };
        }
    }
    Date::new(y, m, d).map_or(P::Unknown, P::Day)
}

/// What stands before token `i` for a bare "7-6" or "5.12": 2 a weekday or "on" ("Friday 7-6",
/// "on 5.12"), 1 another date word ("from 1/2"), 0 neither.
fn date_context(c: &Ctx, i: usize) -> u8 {
    if i > 0 && (weekday(c, i - 1).is_some() || c.is(i - 1, "on")) {
        2
    } else if i > 0 && c.any(i - 1, &["from", "to", "till", "until", "between", "by", "since", "this", "next", "last", "before", "after", "through"]) {
        1
    } else {
        0
    }
}

/// Month alone: `rel` -1 = "last" (strictly before), 0 = plain, 1 = "next", 2 = "this".
fn resolve_m(c: &Ctx, m: u8, fut: bool, rel: i8) -> P {
    let Some(p) = c.published else { return P::MonthOf(m) };
    let y = match rel {
        2 => p.year,
        -1 => if m < p.month { p.year } else { p.year - 1 },
        1 => if m > p.month { p.year } else { p.year + 1 },
        _ if fut => if m >= p.month { p.year } else { p.year + 1 },
        _ => if m <= p.month { p.year } else { p.year - 1 },
    };
    P::Month(y, m)
}

/// A month or weekday named at token `u` ("last March", "next Friday"), `rel` as for
/// [`resolve_m`]; `None` when token `u` names neither.
fn named(c: &Ctx, u: usize, rel: i8) -> Option<P> {
    if let Some((m, _)) = month(c, u) {
        Some(resolve_m(c, m, false, rel.max(-1)))
    } else {
        weekday(c, u).map(|wd| resolve_wd(c, wd, false, rel))
    }
}

/// Weekday: `rel` as for [`resolve_m`].
fn resolve_wd(c: &Ctx, wd: u8, fut: bool, rel: i8) -> P {
    let Some(p) = c.published else { return P::Unknown };
    let today = i64::from(p.weekday().index());
    let wd = i64::from(wd);
    let back = (today - wd).rem_euclid(7); // days back to the most recent (0 = today)
    let fwd = (wd - today).rem_euclid(7);
    let delta = match rel {
        2 => wd - today,
        // "last Monday", "past Monday": the most recent Monday before `P` (the rule:
        // the most recent past occurrence); "next Monday": the first one after `P`. A plain
        // "Monday" is the most recent one, `P` included.
        -1 | -2 => -(if back == 0 { 7 } else { back }),
        1 => if fwd == 0 { 7 } else { fwd },
        _ if fut => fwd,
        _ => -back,
    };
    p.add_days(delta).map_or(P::Unknown, P::Day)
}

/// A day named with its weekday ("Friday 7-6"): when no year is written and the day does not
/// fall on that weekday, the year before or after whose does.
fn on_weekday(c: &Ctx, a: usize, b: usize, p: P, wd: u8) -> P {
    let P::Day(d) = p else { return p };
    let written_year = (a..b).any(|k| c.t[k].s.len() >= 4 && c.t[k].s.bytes().filter(u8::is_ascii_digit).count() >= 4);
    if written_year || d.weekday().index() == wd {
        return P::Day(d);
    }
    [1, -1].into_iter().filter_map(|s| Date::new(d.year + s, d.month, d.day)).find(|x| x.weekday().index() == wd).map_or(P::Day(d), P::Day)
}

/// "Monday 21": the latest (or, future, the next) 21st that falls on a Monday, within two years.
fn weekday_day(c: &Ctx, wd: u8, d: u8, fut: bool) -> P {
    let Some(p) = c.published else { return P::Unknown };
    let step = if fut { 1 } else { -1 };
    for k in 0..24 {
        let Some(m) = Date::new(p.year, p.month, 1).and_then(|m| m.add_months(step * k)) else { break };
        if let Some(date) = Date::new(m.year, m.month, d) {
            let ok = if fut { date >= p } else { date <= p };
            if ok && date.weekday().index() == wd {
                return P::Day(date);
            }
        }
    }
    P::Unknown
}

/// A point or period at token `i`: the token after it and what it is.
fn point(c: &Ctx, i: usize) -> Option<(usize, P)> {
    let t = c.t.get(i)?;
    // "Dec31", "mar3", "Dec31 , 1994"
    if t.kind == TokenKind::Word && t.digit {
        if let Some((m, d)) = numeric::month_day_word(t.s) {
            let yk = if c.is(i + 1, ",") { i + 2 } else { i + 1 };
            if let Some((y, e)) = year(c, yk) {
                return Some((e, Date::new(y, m, d).map_or(P::Unknown, P::Day)));
            }
            return Some((i + 1, resolve_md(c, m, d, future(c, i))));
        }
    }
    // Glued runs: "2019/aug/01", "05-Aug-2016", "Oct/2", "22/04", "2015-3", "12/12/30".
    if matches!(t.kind, TokenKind::Number | TokenKind::Word) {
        if let Some((e, numeric::Run::One(p))) = numeric::run(c, i, date_context(c, i)) {
            return Some((e, p));
        }
    }
    if t.blocked {
        return None;
    }
    // ISO: 2024-02-14
    if let Some((y, k)) = year(c, i) {
        if guard::is_hyphen(c.l(k)) && c.glued(k) && c.glued(k + 1) && c.glued(k + 3) && guard::is_hyphen(c.l(k + 2)) {
            let mo = two_digits(c, k + 1);
            let d = two_digits(c, k + 3);
            if let (Some(mo), Some(d)) = (mo, d) {
                if let Some(date) = Date::new(y, mo, d) {
                    return Some((k + 4, P::Day(date)));
                }
            }
        }
        // 2024/02/14
        if c.is(k, "/") && c.glued(k) && c.glued(k + 1) && c.is(k + 2, "/") && c.glued(k + 2) && c.glued(k + 3) {
            if let (Some(mo), Some(d)) = (two_digits(c, k + 1), two_digits(c, k + 3)) {
                if let Some(date) = Date::new(y, mo, d) {
                    return Some((k + 4, P::Day(date)));
                }
            }
        }
    }
    // 2/24/2022 (US order unless the first number cannot be a month), 24.02.2022
    if t.kind == TokenKind::Number {
        if let Some(p) = numeric_date(c, i) {
            return Some(p);
        }
        // "12-2015", "3/2016": month and year
        if let Some(m) = two_digits(c, i).filter(|m| (1..=12).contains(m)) {
            let sep = c.t.get(i + 1).is_some_and(|t| guard::is_hyphen(t.l) || t.s == "/");
            if sep && c.glued(i + 1) && c.glued(i + 2) && !c.glued(i + 3) {
                if let Some((y, e)) = year(c, i + 2) {
                    return Some((e, P::Month(y, m)));
                }
            }
            // "05-Aug-2016"
            if sep && c.glued(i + 1) && c.glued(i + 2) {
                if let Some((mo, _)) = month(c, i + 2) {
                    if c.t.get(i + 3).is_some_and(|t| guard::is_hyphen(t.l) || t.s == "/") && c.glued(i + 3) && c.glued(i + 4) {
                        if let Some((y, e)) = year(c, i + 4) {
                            if let Some(d) = Date::new(y, mo, two_digits(c, i)?) {
                                return Some((e, P::Day(d)));
                            }
                        }
                    }
                }
            }
        }
    }
    // Month first: "September 13, 2023", "Feb. 24", "September 2022", "May".
    if let Some((m, full)) = month(c, i) {
        let fut = future(c, i);
        let mut k = i + 1;
        if c.is(k, "the") {
            k += 1;
        }
        // "May 5", "February twenty second", "January first 2000"
        let d_at = day(c, k).or_else(|| weeks::ordinal(c, k).filter(|(d, _)| *d <= 31 && c.t[k].kind == TokenKind::Word).map(|(d, e)| (d as u8, e)));
        // "May twenty nine", "January twenty five nineteen eighty six": a day in words, before a
        // year or the end of the clause
        let d_at = d_at.or_else(|| {
            let (d, e) = words_99(c, k).filter(|(d, _)| (1..=31).contains(d))?;
            let ends = c.t.get(e).is_none_or(|t| t.kind == TokenKind::Punct) || year_after(c, e).is_some();
            ends.then_some((d as u8, e))
        });
        if let Some((d, k2)) = d_at {
            // Not "May 5 soldiers": a day is not followed by a counted noun or a unit.
            if let Some((y, k3)) = year_after(c, k2) {
                return Some((k3, Date::new(y, m, d).map_or(P::Unknown, P::Day)));
            }
            if !c.t.get(k2).is_some_and(|t| t.kind == TokenKind::Number) {
                return Some((k2, resolve_md(c, m, d, fut)));
            }
        }
        if let Some((y, k3)) = year_after(c, i + 1) {
            return Some((k3, P::Month(y, m)));
        }
        // "October, 1st." at the end of a clause
        if c.is(i + 1, ",") {
            if let Some((d, e)) = weeks::ordinal(c, i + 2).filter(|(d, _)| *d <= 31 && c.t[i + 2].kind == TokenKind::Number) {
                if c.t.get(e).is_none_or(|t| t.kind == TokenKind::Punct) {
                    return Some((e, resolve_md(c, m, d as u8, fut)));
                }
            }
        }
        // A month alone: after a temporal preposition, never before a capitalised word.
        let prev_ok = (i > 0 && c.any(i - 1, MONTH_PREPS)) || (c.any(i + 1, &["to", "-", "–", "through"]) && month(c, i + 2).is_some());
        let next_cap = c.capitalised(i + 1) && month(c, i + 1).is_none();
        if full && prev_ok && !next_cap && !(c.is(i, "may") && c.t.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word && !c.stop(i + 1) && !c.any(i + 1, &["and", "or", "to", "through", "of"]))) {
            return Some((i + 1, resolve_m(c, m, fut, 0)));
        }
        return None;
    }
    // Day first: "13 September 2023", "13th of September".
    // "second of Aug.", "fourth of july", "twenty third day of September"
    let money_before = i > 0 && c.any(i - 1, &["$", "€", "£", "¥"]);
    let d_at = day(c, i).filter(|_| !money_before).or_else(|| {
        weeks::ordinal(c, i).filter(|(d, e)| *d <= 31 && t.kind == TokenKind::Word && (c.is(*e, "of") || c.is(*e, "day") && c.is(*e + 1, "of"))).map(|(d, e)| (d as u8, e))
    });
    // "twenty five January nineteen eighty six": a day in words, when a year follows the month
    let d_at = d_at.or_else(|| {
        let (d, e) = words_99(c, i).filter(|(d, _)| (1..=31).contains(d))?;
        (month(c, e).is_some() && year_after(c, e + 1).is_some()).then_some((d as u8, e))
    });
    if let Some((d, k)) = d_at {
        let k = if c.is(k, "day") && c.is(k + 1, "of") { k + 1 } else { k };
        let k = if c.is(k, "of") { k + 1 } else { k };
        if let Some((m, _)) = month(c, k).or_else(|| month_abbr_after_of(c, k)) {
            let fut = future(c, i);
            if let Some((y, k3)) = year_after(c, k + 1) {
                return Some((k3, Date::new(y, m, d).map_or(P::Unknown, P::Day)));
            }
            return Some((k + 1, resolve_md(c, m, d, fut)));
        }
    }
    // Weekday, possibly with a date: "Monday", "Monday, Feb. 12", "friday 5/12", "Monday 21".
    if let Some(wd) = weekday(c, i) {
        let k = if c.is(i + 1, ",") { i + 2 } else { i + 1 };
        // "tuesday the eleventh", "wednesday the thirty first"
        if c.is(k, "the") {
            if let Some((d, e)) = weeks::ordinal(c, k + 1).filter(|(d, _)| *d <= 31) {
                return Some((e, weekday_day(c, wd, d as u8, future(c, i))));
            }
        }
        if let Some((e, p)) = point(c, k).filter(|(_, p)| matches!(p, P::Day(_) | P::Unknown)).filter(|_| weekday(c, k).is_none()) {
            return Some((e, on_weekday(c, k, e, p, wd)));
        }
        if let Some((a, b)) = two_digits(c, k).zip(c.is(k + 1, "/").then(|| two_digits(c, k + 2)).flatten()) {
            if c.glued(k + 1) && c.glued(k + 2) && (1..=12).contains(&a) && (1..=31).contains(&b) {
                return Some((k + 3, resolve_md(c, a, b, future(c, i))));
            }
        }
        let dash_after = c.t.get(k + 1).is_some_and(|t| guard::is_hyphen(t.l) || t.s == "/" || t.s == ".");
        if let Some((d, e)) = day(c, k).filter(|_| !dash_after && !c.t.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word && !c.stop(k + 1))) {
            return Some((e, weekday_day(c, wd, d, future(c, i))));
        }
        return Some((i + 1, resolve_wd(c, wd, future(c, i), 0)));
    }
    // Years in words after "in": "in nineteen ninety six", "in two thousand and fifteen"
    if i > 0 && c.is(i - 1, "in") {
        if let Some((y, e)) = word_year(c, i) {
            return Some((e, P::Year(y)));
        }
    }
    // Holidays: "Christmas", "easter 2018", "independence day of this year"
    if let Some((h, e)) = holidays::at(c, i).filter(|_| !(i > 0 && c.is(i - 1, "the") && c.is(i, "new"))) {
        if let Some((y, e2)) = year_after(c, e) {
            return Some((e2, h.date(y).map_or(P::Unknown, P::Day)));
        }
        if c.is(e, "of") {
            if let Some((e2, P::Year(y))) = relative_point(c, e + 1) {
                return Some((e2, h.date(y).map_or(P::Unknown, P::Day)));
            }
        }
        return Some((e, holiday_near(c, h, if future(c, i) { 1 } else { -1 }, false)));
    }
    match t.l {
        "today" | "tonight" => return Some((i + 1, day_offset(c, 0))),
        "yesterday" => return Some((i + 1, day_offset(c, -1))),
        "tomorrow" => return Some((i + 1, day_offset(c, 1))),
        _ => {}
    }
    // "1990 s", "90 s": decades written apart
    if t.kind == TokenKind::Number && c.is(i + 1, "s") && !guard::titled(c, i) {
        if let Some(v) = two_digits(c, i).map(|v| 1900 + i32::from(v)).or_else(|| year(c, i).map(|(y, _)| y)).filter(|y| y % 10 == 0) {
            return Some((i + 2, P::Decade(v)));
        }
    }
    // "nineties", "the eighties"
    if let Some(p) = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].iter().position(|w| *w == t.l) {
        if i > 0 && c.any(i - 1, &["in", "the", "since", "during", "early", "late", "mid", "of"]) {
            return Some((i + 1, P::Decade(1920 + 10 * p as i32)));
        }
    }
    // Decades: "the 1990s", "1990s".
    if t.kind == TokenKind::Number && !guard::titled(c, i) {
        if let Some(n) = number::parse(c, i).filter(|n| n.decade) {
            let y = n.value.unwrap_or(0.0) as i32;
            if (1000..=2990).contains(&y) {
                return Some((n.end, P::Decade(y)));
            }
        }
    }
    // A year: "2022", "in 2022"; "2017 april" a month.
    if let Some((y, k)) = year(c, i) {
        if let Some((m, true)) = month(c, k).filter(|_| !guard::titled(c, i)) {
            if !c.t.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number) {
                return Some((k + 1, P::Month(y, m)));
            }
        }
        if guard::titled(c, i) {
            return None;
        }
        // Digit groups joined by hyphens ("82-2100", "2015-1-32") are no year.
        let dash_digits_before = i >= 2 && c.glued(i) && guard::is_hyphen(c.l(i - 1)) && c.t[i - 2].kind == TokenKind::Number && c.t[i - 2].s.len() != 4 && c.glued(i - 1);
        let dash_digits_after = guard::is_hyphen(c.l(k)) && c.glued(k) && c.glued(k + 1) && c.t.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number) && c.t.get(k + 1).is_some_and(|t| t.s.len() != 4 && t.s.len() != 2);
        if dash_digits_before || dash_digits_after {
            return None;
        }
        let prep = i > 0 && c.any(i - 1, MONTH_PREPS);
        if !prep && !(1900..=2100).contains(&y) {
            return None;
        }
        // "2000 soldiers" counts; "2024 election" is a year.
        if let Some(next) = c.t.get(k) {
            let l = next.l;
            let plural_noun = next.kind == TokenKind::Word && l.len() > 3 && l.ends_with('s') && !l.ends_with("ss") && !matches!(l, "was" | "has" | "is" | "this" | "its" | "as");
            if plural_noun && !prep && next.s.chars().next().is_some_and(char::is_lowercase) {
                return None;
            }
            if matches!(l, "%" | "percent" | ":") || (c.glued(k) && matches!(l, "." | ",") && c.t.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number && c.glued(k + 1))) {
                return None;
            }
        }
        return Some((k, P::Year(y)));
    }
    None
}

/// A year after a day or month: "2023", ", 2023", "of 2020", "in 2020", "of 87", or in words
/// ("nineteen ninety six", "two thousand and fifteen").
fn year_after(c: &Ctx, k: usize) -> Option<(i32, usize)> {
    let j = if c.any(k, &[",", "of", "in"]) { k + 1 } else { k };
    if let Some(r) = year(c, j) {
        return Some(r);
    }
    if c.is(k, "of") {
        if let Some(t) = c.t.get(j).filter(|t| t.kind == TokenKind::Number && t.s.len() == 2 && t.s.bytes().all(|b| b.is_ascii_digit())) {
            let v: i32 = t.s.parse().ok()?;
            return Some((if v < 30 { 2000 + v } else { 1900 + v }, j + 1));
        }
    }
    word_year(c, j)
}

const TEENS: [&str; 10] = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS_WORDS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ONES: [&str; 9] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/// A number 1-99 in words at `k` ("ninety six", "ninety-six", "fifteen"): value, token after.
fn words_99(c: &Ctx, k: usize) -> Option<(i32, usize)> {
    // Every word it reads is a number word.
    if c.t.get(k).is_none_or(|t| t.class & class::NUM_START == 0) {
        return None;
    }
    let w = c.l(k);
    if let Some(p) = TEENS.iter().position(|x| *x == w) {
        return Some((10 + p as i32, k + 1));
    }
    if let Some(p) = ONES.iter().position(|x| *x == w) {
        return Some((1 + p as i32, k + 1));
    }
    let p = TENS_WORDS.iter().position(|x| *x == w)?;
    let tens = 20 + 10 * p as i32;
    let j = if c.is(k + 1, "-") && c.glued(k + 1) { k + 2 } else { k + 1 };
    match ONES.iter().position(|x| *x == c.l(j)) {
        Some(o) => Some((tens + 1 + o as i32, j + 1)),
        None => Some((tens, k + 1)),
    }
}

/// A year in words: "nineteen ninety six", "seventeen hundred thirty three", "two thousand and
/// fifteen", "two thousand".
fn word_year(c: &Ctx, k: usize) -> Option<(i32, usize)> {
    let w = c.l(k);
    if w == "two" && c.is(k + 1, "thousand") {
        let j = if c.is(k + 2, "and") { k + 3 } else { k + 2 };
        return match words_99(c, j) {
            Some((v, e)) => Some((2000 + v, e)),
            None => Some((2000, k + 2)),
        };
    }
    // "nineteen", "twenty": one word for the century
    let (hi, j) = words_99(c, k).filter(|(v, e)| (10..=29).contains(v) && *e == k + 1)?;
    if c.is(j, "hundred") {
        let j2 = if c.is(j + 1, "and") { j + 2 } else { j + 1 };
        return match words_99(c, j2) {
            Some((v, e)) => Some((hi * 100 + v, e)),
            None => Some((hi * 100, j + 1)),
        };
    }
    let (lo, e) = words_99(c, j).filter(|(v, _)| *v >= 10)?;
    Some((hi * 100 + lo, e))
}

fn two_digits(c: &Ctx, i: usize) -> Option<u8> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Number || t.s.len() > 2 || !t.s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.s.parse().ok()
}

fn numeric_date(c: &Ctx, i: usize) -> Option<(usize, P)> {
    let t = &c.t[i];
    // One token: "24.02.2022"
    let parts: Vec<&str> = t.s.split('.').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) && parts[2].len() == 4 {
        let (d, m, y) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        return Date::new(y, m, d).map(|date| (i + 1, P::Day(date)));
    }
    // "2/24/2022"
    let a = two_digits(c, i)?;
    if c.is(i + 1, "/") && c.glued(i + 1) && c.glued(i + 2) && c.is(i + 3, "/") && c.glued(i + 3) && c.glued(i + 4) {
        let b = two_digits(c, i + 2)?;
        let (y, k) = year(c, i + 4)?;
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return Date::new(y, m, d).map(|date| (k, P::Day(date)));
    }
    None
}

pub(super) fn day_offset(c: &Ctx, n: i64) -> P {
    c.published.and_then(|p| p.add_days(n)).map_or(P::Unknown, P::Day)
}

/// A time unit word: its TIMEX3 letter(s) and whether it is longer than a day.
pub(super) fn unit_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "day" | "days" => "D",
        "week" | "weeks" => "W",
        "fortnight" | "fortnights" => "2W",
        "month" | "months" => "M",
        "year" | "years" => "Y",
        "decade" | "decades" => "DE",
        "century" | "centuries" => "CE",
        "hour" | "hours" | "hr" | "hrs" | "h" => "TH",
        "minute" | "minutes" | "min" | "mins" => "TM",
        "second" | "seconds" | "sec" | "secs" => "TS",
        "yr" | "yrs" => "Y",
        "quarter" | "quarters" => "Q",
        _ => return None,
    })
}

/// "P2Y", "PT3H", "PXM".
pub(super) fn duration(n: Option<f64>, code: &str) -> String {
    let count = match n {
        Some(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
        None => "X".to_owned(),
    };
    match code {
        "Q" => match n {
            Some(v) => format!("P{}M", duration_num(v * 3.0)),
            None => "PXQ".to_owned(),
        },
        "2W" => match n {
            Some(v) => format!("P{}W", duration_num(v * 2.0)),
            None => "PXW".to_owned(),
        },
        c if c.starts_with('T') => format!("PT{count}{}", &c[1..]),
        c => format!("P{count}{c}"),
    }
}

pub(super) fn duration_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A count of time units at token `i` ("two years", "a year", "3.5years", "few weeks"):
/// (count, unit code, token after).
pub(super) fn units(c: &Ctx, i: usize) -> Option<(Option<f64>, &'static str, usize)> {
    let l = c.l(i);
    if matches!(l, "a" | "an" | "one") {
        if let Some(code) = unit_code(c.l(i + 1)) {
            if !c.l(i + 1).ends_with('s') || l == "one" {
                return Some((Some(1.0), code, i + 2));
            }
        }
    }
    if matches!(l, "few" | "several" | "many" | "some" | "couple") {
        let k = if c.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some(code) = unit_code(c.l(k)).filter(|_| c.l(k).ends_with('s')) {
            return Some((None, code, k + 1));
        }
    }
    let t = c.t.get(i)?;
    // "3.5years": one token.
    if t.kind == TokenKind::Number && !t.blocked {
        if let Some((v, suffix)) = number::digits(t.s) {
            if let Some(code) = unit_code(&suffix.to_ascii_lowercase()) {
                return Some((Some(v), code, i + 1));
            }
        }
    }
    let n = number::parse(c, i)?;
    if n.ordinal || n.decade || n.value.is_none() || (n.fraction && n.value.is_some_and(|v| v < 1.0)) {
        return None;
    }
    // "two-year", "five-day": adjectives ("a two-year term") count too.
    let k = if guard::is_hyphen(c.l(n.end)) && c.glued(n.end) && c.glued(n.end + 1) { n.end + 1 } else { n.end };
    let code = unit_code(c.l(k))?;
    // "one hour and a half"
    if c.is(k + 1, "and") && matches!(c.l(k + 2), "a" | "an") && c.is(k + 3, "half") {
        return Some((n.value.map(|v| v + 0.5), code, k + 4));
    }
    Some((n.value, code, k + 1))
}

/// The date, period, range or duration that starts at token `i`: the token after and its iso.
fn at(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let l = c.l(i);
    let published = c.published;
    match l {
        "since" => {
            let (e, p) = relative(c, i + 1).or_else(|| point(c, i + 1).map(|(e, p)| (e, p.iso())))?;
            return Some((e, p.map(|s| format!("{s}/.."))));
        }
        "until" | "till" | "through" => {
            if let Some((e, p)) = relative(c, i + 1).or_else(|| point(c, i + 1).map(|(e, p)| (e, p.iso()))) {
                return Some((e, p.map(|s| format!("../{s}"))));
            }
            return None;
        }
        "from" | "between" => {
            let joiners: &[&str] = if l == "from" { &["to", "until", "till", "through", "-", "–", "~"] } else { &["and", "-", "–", "~", "through"] };
            if let Some((e1, q1)) = quarter(c, i + 1) {
                if c.any(e1, joiners) {
                    if let Some((e2, q2)) = quarter(c, e1 + 1) {
                        return Some((e2, q1.zip(q2).map(|(a, b)| format!("{a}/{b}"))));
                    }
                }
            }
            if let Some(r) = day_range(c, i + 1) {
                return Some(r);
            }
            if let Some((e, numeric::Run::Two(a, b))) = numeric::run(c, i + 1, 1) {
                return Some(run_range(c, i + 1, e, a, b));
            }
            let (e1, p1) = range_end(c, i + 1)?;
            if !c.any(e1, joiners) {
                // "between 2014~2018": one token run
                return None;
            }
            let (e2, p2) = range_end(c, e1 + 1)?;
            // "from next monday to friday": the first such weekday from the start on
            if let (P::Day(a), Some(wd)) = (&p1, weekday(c, e1 + 1).filter(|_| e2 == e1 + 2)) {
                let ahead = (i64::from(wd) - i64::from(a.weekday().index())).rem_euclid(7);
                return Some((e2, range(p1.iso(), a.add_days(ahead).map(|d| d.to_string()))));
            }
            let (p1, p2) = join(c, (i + 1, e1, p1), (e1 + 1, e2, p2));
            return Some((e2, range(p1.iso(), p2.iso())));
        }
        "after" | "before" => {
            // "before the end of December", "after the beginning of March": up to its end, from
            // its start
            let k = if c.is(i + 1, "the") && c.any(i + 2, &["end", "beginning", "start"]) { i + 2 } else { i + 1 };
            if c.any(k, &["end", "beginning", "start"]) && c.is(k + 1, "of") {
                let (e, iso) = at(c, k)?;
                let iso = iso.filter(|s| !s.contains('/'))?;
                return Some((e, Some(if l == "before" { format!("../{iso}") } else { format!("{iso}/..") })));
            }
            // "after 2018" = from 2019 on, "before 2018" = up to the end of 2017; "before the year
            // 2019", "after Feb"
            let k = if c.is(k, "the") && c.is(k + 1, "year") && year(c, k + 2).is_some() { k + 2 } else { k };
            let (e, p) = range_end(c, k).filter(|(_, p)| !matches!(p, P::Day(_)) || !c.any(k, &["now", "date"]))?;
            let iso = p_bounds(&p).and_then(|(a, b)| {
                if l == "after" {
                    Some(format!("{b}/.."))
                } else {
                    a.add_days(-1).map(|d| format!("../{d}"))
                }
            });
            return Some((e, iso));
        }
        "for" => {
            // "for months", "for two years", "for decades"
            if let Some(code) = unit_code(c.l(i + 1)).filter(|_| c.l(i + 1).ends_with('s')) {
                return Some((i + 2, Some(duration(None, code))));
            }
            if let Some((n, code, e)) = units(c, i + 1) {
                if !c.any(e, &["ago", "later", "earlier", "before", "after"]) {
                    return Some((e, Some(duration(n, code))));
                }
            }
            return None;
        }
        "starting" | "beginning" if !c.is(i + 1, "of") => {
            // "starting January 7th", "beginning on January 7th", "starting on Sep 2019": from it on
            let k = if c.is(i + 1, "on") { i + 2 } else { i + 1 };
            let (e, p) = any_point(c, k).filter(|(_, p)| matches!(p, P::Day(_) | P::Month(..) | P::Year(_)))?;
            return Some((e, p.iso().map(|s| format!("{s}/.."))));
        }
        "end" | "beginning" | "middle" | "start" | "eoy" | "eom" => {
            // "end of 2000", "the beginning of March", "end of the week", "end of this year",
            // "EOY": the period itself.
            if matches!(l, "eoy" | "eom") {
                let p = published.map_or(P::Unknown, |p| if l == "eoy" { P::Year(p.year) } else { P::Month(p.year, p.month) });
                return Some((i + 1, p.iso()));
            }
            if !c.is(i + 1, "of") {
                return None;
            }
            return this_period(c, i + 2).or_else(|| relative(c, i + 2)).or_else(|| {
                let (e, p) = any_point(c, i + 2)?;
                matches!(p, P::Year(_) | P::Month(..) | P::MonthOf(_) | P::Decade(_) | P::Unknown).then(|| (e, p.iso()))
            });
        }
        "by" if c.any(i + 1, &["end", "the"]) => {
            // "by end of this month", "by the end of the year": up to its end
            let k = if c.is(i + 1, "the") { i + 2 } else { i + 1 };
            if c.is(k, "end") {
                if let Some((e, Some(iso))) = at(c, k) {
                    return Some((e, Some(format!("../{iso}"))));
                }
            }
            return None;
        }
        "no" if c.is(i + 1, "later") && c.is(i + 2, "than") => {
            // "no later than January 1, 2010": up to it
            let (e, p) = any_point(c, i + 3)?;
            return Some((e, p.iso().map(|s| format!("../{s}"))));
        }
        "later" if c.is(i + 1, "than") => {
            let (e, p) = any_point(c, i + 2)?;
            return Some((e, p_bounds(&p).map(|(_, b)| format!("{b}/.."))));
        }
        "early" | "late" | "mid" | "earlier" | "later" => {
            // "earlier in the week", "later in the year"
            if matches!(l, "earlier" | "later") && c.is(i + 1, "in") {
                if let Some((e, iso)) = this_period(c, i + 2) {
                    return Some((e, iso));
                }
            }
            let k = if guard::is_hyphen(c.l(i + 1)) && c.glued(i + 1) { i + 2 } else { i + 1 };
            if let Some((e, p)) = relative(c, k) {
                return Some((e, p));
            }
            if let Some((e, p)) = point(c, k).filter(|(_, p)| matches!(p, P::Year(_) | P::Month(..) | P::Decade(_))) {
                return Some((e, p.iso()));
            }
            return None;
        }
        "the" => {
            // "the past two years", "the last three months", "the coming months", "the 1990s"
            let w = c.l(i + 1);
            // "the following week", "the next quarter", "the last week of July": periods, read
            // from the next token on.
            let rel_word = matches!(w, "past" | "last" | "previous" | "coming" | "next" | "following");
            let period_word = rel_word && matches!(c.l(i + 2), "quarter" | "decade") || (w == "following" && matches!(c.l(i + 2), "week" | "month" | "year"));
            if period_word {
                // "the next decade" keeps its "the"; "the next quarter" does not (as theirs)
                if c.is(i + 2, "decade") {
                    return relative(c, i + 1);
                }
                return None;
            }
            let part_of = w == "last" && c.any(i + 2, &["week", "month"]) && c.is(i + 3, "of");
            if !part_of && matches!(w, "past" | "last" | "previous" | "coming" | "next" | "following") {
                let back = matches!(w, "past" | "last" | "previous");
                let (n, code, e) = if let Some(code) = unit_code(c.l(i + 2)) {
                    let plural = c.l(i + 2).ends_with('s');
                    (if plural { None } else { Some(1.0) }, code, i + 3)
                } else {
                    units(c, i + 2)?
                };
                let d = duration(n, code);
                let iso = published.map(|p| if back { format!("{d}/{p}") } else { format!("{p}/{d}") });
                return Some((e, iso));
            }
            if let Some((e, P::Decade(y))) = point(c, i + 1) {
                return Some((e, P::Decade(y).iso()));
            }
        }
        _ => {}
    }
    if let Some((e, p)) = nth_day(c, i) {
        // "the twenty third day of September": as theirs, "the" stays out before a month name
        // ("the 15th day of next month" keeps it)
        let named_month = c.is(i, "the") && month(c, e - 1).is_some() && c.is(e - 2, "of");
        if !named_month {
            return Some((e, p.iso()));
        }
    }
    // "around the 21st this month": that day
    if c.any(i, &["around", "about"]) && c.is(i + 1, "the") {
        if let Some((d, e)) = weeks::ordinal(c, i + 2).filter(|(d, _)| *d <= 31) {
            if let Some((e2, P::Month(y, m))) = relative_point(c, e) {
                return Some((e2, Date::new(y, m, d as u8).map(|d| d.to_string())));
            }
        }
    }
    // "15th century", "the 21st century": its hundred years
    if let Some((n, e)) = weeks::ordinal(c, i).filter(|(n, _)| (1..=30).contains(n)) {
        if c.is(e, "century") {
            let a = (n as i32 - 1) * 100;
            return Some((e + 1, Some(format!("{a:04}/{:04}", a + 99))));
        }
    }
    // "year to date"
    if l == "year" && c.is(i + 1, "to") && c.is(i + 2, "date") {
        return Some((i + 3, published.map(|p| format!("{:04}-01-01/{p}", p.year))));
    }
    // "cy 2008", "cy18", "calendar year 2008"
    if l == "cy" || (l.len() == 4 && l.starts_with("cy") && l[2..].bytes().all(|b| b.is_ascii_digit())) {
        if l.len() == 4 {
            return Some((i + 1, Some(format!("20{}", &l[2..]))));
        }
        if let Some((y, e)) = year(c, i + 1) {
            return Some((e, Some(format!("{y:04}"))));
        }
    }
    // "the weekend of halloween", "weekend of thanksgiving 2023", "labor day 2021 weekend"
    {
        let k = if l == "the" { i + 1 } else { i };
        if c.is(k, "weekend") && c.is(k + 1, "of") {
            if let Some((e, P::Day(d))) = point(c, k + 2) {
                return Some((e, weeks::weekend_iso(d)));
            }
        }
        if holidays::at(c, i).is_some() {
            if let Some((e, P::Day(d))) = point(c, i) {
                if c.is(e, "weekend") {
                    // A Monday holiday's weekend is the one before it ("labor day weekend").
                    let d = if d.weekday().index() == 0 { d.add_days(-1).unwrap_or(d) } else { d };
                    // "halloween weekend 2021"
                    if let Some((y, e2)) = year(c, e + 1) {
                        if let Some((_, P::Day(d))) = holidays::at(c, i).and_then(|(h, _)| h.date(y)).map(|d| (0, P::Day(d))) {
                            let d = if d.weekday().index() == 0 { d.add_days(-1).unwrap_or(d) } else { d };
                            return Some((e2, weeks::weekend_iso(d)));
                        }
                    }
                    return Some((e + 1, weeks::weekend_iso(d)));
                }
            }
        }
    }
    // "as late as tomorrow", "as early as next year"
    if l == "as" && c.any(i + 1, &["late", "early"]) && c.is(i + 2, "as") {
        let (e, p) = any_point(c, i + 3)?;
        let iso = p.iso()?;
        return Some((e, Some(if c.is(i + 1, "late") { format!("../{iso}") } else { format!("{iso}/..") })));
    }
    // "later than 2018", "greater than 2015", "year greater than 2012": after it
    {
        let k = if l == "year" && c.any(i + 1, &["greater", "later"]) { i + 1 } else { i };
        if c.any(k, &["later", "greater"]) && c.is(k + 1, "than") {
            if let Some((e, p)) = any_point(c, k + 2) {
                return Some((e, p_bounds(&p).map(|(_, b)| format!("{b}/.."))));
            }
        }
    }
    if let Some(r) = weeks::at(c, i) {
        return Some(r);
    }
    // "(on) Tuesday of next week"
    if let Some(r) = weeks::weekday_of_week(c, if l == "on" { i + 1 } else { i }) {
        return Some(r);
    }
    // "the weekend"
    if l == "the" && c.is(i + 1, "weekend") {
        return Some((i + 2, weekend(c, i, 0)));
    }
    if let Some(r) = relative(c, i) {
        return Some(r);
    }
    if let Some(r) = quarter(c, i) {
        return Some(r);
    }
    // "summer 2023", "the summer of 2023"
    if let Some(season) = season_code(l) {
        let k = if c.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some((y, e)) = year(c, k) {
            return Some((e, Some(format!("{y:04}-{season}"))));
        }
    }
    // "in two weeks" (future wording): a date
    if l == "in" {
        if let Some((Some(v), code, e)) = units(c, i + 1).filter(|_| future(c, i)) {
            if v.fract() == 0.0 && !c.any(e, &["ago", "later", "earlier", "of", "old"]) {
                let v = v as i64;
                let d = published.and_then(|p| match code {
                    "D" => p.add_days(v),
                    "W" => p.add_days(7 * v),
                    "M" => p.add_months(v as i32),
                    "Y" => p.add_months(12 * v as i32),
                    _ => None,
                });
                if matches!(code, "D" | "W" | "M" | "Y") {
                    return Some((e, d.map(|d| d.to_string())));
                }
            }
        }
    }
    // "two years ago", "a year ago", "two years" (a duration)
    if let Some((n, code, e)) = units(c, i) {
        if c.is(e, "ago") {
            let iso = match (published, n) {
                (Some(p), Some(v)) if v.fract() == 0.0 => {
                    let v = v as i64;
                    let d = match code {
                        "D" => p.add_days(-v),
                        "W" => p.add_days(-7 * v),
                        "2W" => p.add_days(-14 * v),
                        "M" => p.add_months(-(v as i32)),
                        "Y" => p.add_months(-12 * v as i32),
                        "DE" => p.add_months(-120 * v as i32),
                        _ => None,
                    };
                    d.map(|d| d.to_string())
                }
                _ => None,
            };
            return Some((e + 1, iso));
        }
        // "two days after today", "three weeks from tomorrow": an offset from a named day,
        // which durations::offset reads whole (the longer span wins in resolve).
        if c.any(e, &["later", "earlier", "before", "after", "old"]) {
            return None;
        }
        // "a year" alone is no figure; "two years" is a duration.
        if !matches!(l, "a" | "an") {
            return Some((e, Some(duration(n, code))));
        }
        return None;
    }
    // "fiscal year 2008", "calendar year 2008", "year 2008"
    if c.any(i, &["fiscal", "calendar"]) && c.is(i + 1, "year") || (l == "year" && c.t.get(i + 1).is_some_and(|t| t.kind == TokenKind::Number)) {
        let k = if l == "year" { i + 1 } else { i + 2 };
        if let Some((y, e)) = year(c, k) {
            return Some((e, Some(format!("{y:04}"))));
        }
    }
    // "on the 4th", "the 09th of May"
    if l == "the" && (i > 0 && c.is(i - 1, "on") || c.is(i + 2, "of")) {
        if let Some((_, k)) = day(c, i + 1).filter(|(_, _)| c.t[i + 1].s.ends_with(|ch: char| ch.is_alphabetic())) {
            let _ = k;
            if let Some((e, p)) = point(c, i + 1) {
                return Some((e, p.iso()));
            }
            let (d, e) = day(c, i + 1)?;
            let p = c.published.map_or(P::Unknown, |p| {
                let this = Date::new(p.year, p.month, d);
                match this {
                    Some(t) if t <= p => P::Day(t),
                    _ => p.add_months(-1).and_then(|m| Date::new(m.year, m.month, d)).map_or(P::Unknown, P::Day),
                }
            });
            return Some((e, p.iso()));
        }
    }
    if matches!(c.t.get(i).map(|t| t.kind), Some(TokenKind::Number | TokenKind::Word)) {
        if let Some((e, numeric::Run::Two(a, b))) = numeric::run(c, i, 1) {
            return Some(run_range(c, i, e, a, b));
        }
    }
    if let Some(r) = day_range(c, i) {
        return Some(r);
    }
    let (e, p) = point(c, i)?;
    // Ranges without "from": "2014 to 2018", "May to March", "Jan-Feb 2017", "Nov 18 2014-Dec 19 2015"
    if c.any(e, &["to", "-", "–", "~", "through"]) && !matches!(p, P::Unknown) {
        let hyphen_ok = !guard::is_hyphen(c.l(e)) || !matches!(p, P::Year(_)) || c.t.get(e + 1).is_some_and(|t| t.kind == TokenKind::Word);
        if hyphen_ok {
            if let Some((e2, p2)) = range_end(c, e + 1).filter(|(_, p2)| !matches!(p2, P::Unknown)) {
                let (p1, p2) = join(c, (i, e, p.clone()), (e + 1, e2, p2));
                if same_kind(&p1, &p2) {
                    return Some((e2, range(p1.iso(), p2.iso())));
                }
            }
        }
    }
    // Year ranges: "2014-2022", "2022-23", "2014 to 2022"
    if let P::Year(y) = p {
        if guard::is_hyphen(c.l(e)) || c.is(e, "/") {
            if let Some(t) = c.t.get(e + 1).filter(|t| t.kind == TokenKind::Number && !t.blocked) {
                if t.s.len() == 4 {
                    if let Some((y2, e2)) = year(c, e + 1).filter(|(y2, _)| *y2 > y && *y2 - y < 200) {
                        return Some((e2, Some(format!("{y:04}/{y2:04}"))));
                    }
                } else if t.s.len() == 2 && t.s.bytes().all(|b| b.is_ascii_digit()) {
                    let y2 = y / 100 * 100 + t.s.parse::<i32>().ok()?;
                    if y2 > y && y2 - y <= 10 {
                        return Some((e + 2, Some(format!("{y:04}/{y2:04}"))));
                    }
                }
            }
        }
    }
    Some((e, p.iso()))
}

/// "the week", "the month", "the year", "year", "month" (after "end of", "in"): the one of `P`.
fn this_period(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let k = if c.is(i, "the") { i + 1 } else { i };
    let p = c.published;
    let iso = match c.l(k) {
        "week" => p.and_then(iso_week).map(|(y, w)| format!("{y:04}-W{w:02}")),
        "month" => p.map(|p| format!("{:04}-{:02}", p.year, p.month)),
        "year" => p.map(|p| format!("{:04}", p.year)),
        _ => return None,
    };
    // "the year 2019" is the year written
    if c.t.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number) {
        return None;
    }
    Some((k + 1, iso))
}

/// A holiday's occurrence nearest the publication date: `dir` -1 the latest on or before it
/// (`strict`: before it), 1 the earliest on or after it (after it), 2 in its year.
fn holiday_near(c: &Ctx, h: holidays::Holiday, dir: i8, strict: bool) -> P {
    let Some(p) = c.published else { return P::Unknown };
    let years: [i32; 3] = match dir {
        2 => [p.year, p.year, p.year],
        1 => [p.year, p.year + 1, p.year + 2],
        _ => [p.year, p.year - 1, p.year - 2],
    };
    years
        .into_iter()
        .filter_map(|y| h.date(y))
        .find(|d| match dir {
            2 => true,
            1 => if strict { *d > p } else { *d >= p },
            _ => if strict { *d < p } else { *d <= p },
        })
        .map_or(P::Unknown, P::Day)
}

/// "the 15th day of next month", "the thirty-first day of the month": the day.
fn nth_day(c: &Ctx, i: usize) -> Option<(usize, P)> {
    let k = if c.is(i, "the") { i + 1 } else { i };
    let (d, e) = weeks::ordinal(c, k).filter(|(d, _)| *d <= 31)?;
    if !(c.is(e, "day") && c.is(e + 1, "of")) {
        return None;
    }
    let (e2, month) = if c.is(e + 2, "the") && c.is(e + 3, "month") {
        (e + 4, c.published.map_or(P::Unknown, |p| P::Month(p.year, p.month)))
    } else {
        any_point(c, e + 2).filter(|(_, p)| matches!(p, P::Month(..) | P::Unknown))?
    };
    Some((e2, match month {
        P::Month(y, m) => Date::new(y, m, d as u8).map_or(P::Unknown, P::Day),
        _ => P::Unknown,
    }))
}

/// The weekend at token `i` ("the weekend", "this weekend"): `rel` 2 = of `P`'s week, -1 / 1 =
/// of the week before / after; 0 = the latest begun (or, with future wording, the next).
fn weekend(c: &Ctx, i: usize, rel: i8) -> Option<String> {
    let p = c.published?;
    let wd = i64::from(p.weekday().index());
    let shift = match rel {
        2 => 0,
        -1 => -7,
        1 => 7,
        _ if future(c, i) => 0,
        _ if wd >= 5 => 0,
        _ => -7,
    };
    weeks::weekend_iso(p.add_days(shift)?)
}

/// TIMEX3 season codes.
fn season_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// The year of "last/this/next summer" given the publication date (winter belongs to the year it
/// starts in).
fn resolve_season(p: Date, season: &str, rel: i8) -> i32 {
    let start_month = match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    // The season current or most recently begun at p.
    let current_year = if p.month >= start_month { p.year } else { p.year - 1 };
    match rel {
        -1 => current_year - if p.month >= start_month || season == "WI" && p.month < 3 { 1 } else { 0 },
        1 => current_year + 1,
        _ => {
            if season == "WI" && p.month < 3 {
                p.year - 1
            } else {
                p.year
            }
        }
    }
}

/// Quarters: "2017-Q1", "2017 q1", "Q3 2023", "the third quarter of 2023", "Q1".
fn quarter(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let q_of = |k: usize| -> Option<u8> {
        let l = c.l(k);
        let b = l.as_bytes();
        (b.len() == 2 && b[0] == b'q' && (b'1'..=b'4').contains(&b[1])).then(|| b[1] - b'0')
    };
    let h_of = |k: usize| -> Option<u8> {
        let b = c.l(k).as_bytes();
        (b.len() == 2 && b[0] == b'h' && (b'1'..=b'2').contains(&b[1])).then(|| b[1] - b'0')
    };
    // A year read even inside a chunk ("2019-Q1", "q1-2019" look like identifiers).
    let raw_year = |k: usize| -> Option<i32> {
        let t = c.t.get(k)?;
        if t.s.len() != 4 || !t.s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = t.s.parse().ok()?;
        (1000..=2999).contains(&y).then_some(y)
    };
    // 2017-Q1, 2017 Q1, 2019 H2, 2019-H2
    if let Some(y) = raw_year(i) {
        let k = i + 1;
        let k2 = if guard::is_hyphen(c.l(k)) && c.glued(k) { k + 1 } else { k };
        let ends = |e: usize| c.t.get(e).is_none_or(|t| t.gap || t.kind == TokenKind::Punct);
        if let Some(q) = q_of(k2).filter(|_| ends(k2 + 1)) {
            return Some((k2 + 1, Some(format!("{y:04}-Q{q}"))));
        }
        if let Some(h) = h_of(k2).filter(|_| ends(k2 + 1)) {
            return Some((k2 + 1, Some(format!("{y:04}-H{h}"))));
        }
        return None;
    }
    // q1-2019
    if let Some(q) = q_of(i) {
        if guard::is_hyphen(c.l(i + 1)) && c.glued(i + 1) && c.glued(i + 2) {
            if let Some(y) = raw_year(i + 2) {
                return Some((i + 3, Some(format!("{y:04}-Q{q}"))));
            }
        }
    }
    // Q1 2017, Q1 of 2017, first quarter of 2017, the first quarter of the year
    if c.is(i, "the") && c.is(i + 2, "quarter") && c.is(i + 3, "of") && c.is(i + 4, "the") && c.is(i + 5, "year") {
        let (_, q) = quarter(c, i + 1)?;
        let y = c.published.map(|p| p.year);
        return Some((i + 6, q.and(y).map(|y| format!("{y:04}-Q{}", &q_num(c.l(i + 1))))));
    }
    let (q, k) = if let Some(q) = q_of(i) {
        (q, i + 1)
    } else {
        let q = match c.l(i) {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            "fourth" | "4th" => 4,
            _ => return None,
        };
        if !c.is(i + 1, "quarter") {
            return None;
        }
        (q, i + 2)
    };
    let yk = if c.is(k, "of") || guard::is_hyphen(c.l(k)) { k + 1 } else { k };
    if let Some((y, e)) = year(c, yk) {
        return Some((e, Some(format!("{y:04}-Q{q}"))));
    }
    let p = c.published?;
    // A quarter without a year: the most recent one.
    let y = if (p.month - 1) / 3 + 1 >= q { p.year } else { p.year - 1 };
    Some((k, Some(format!("{y:04}-Q{q}"))))
}

fn q_num(w: &str) -> &'static str {
    match w {
        "first" | "1st" => "1",
        "second" | "2nd" => "2",
        "third" | "3rd" => "3",
        _ => "4",
    }
}

/// A start without a year takes the end's: "from March to May 2023", "Jan-Feb 2017",
/// "Nov 18-Dec 19, 2015".
fn complete(p1: P, p2: &P) -> P {
    if let (P::Day(a), P::Day(b)) = (&p1, p2) {
        if a > b {
            let moved = Date::new(b.year, a.month, a.day).filter(|m| m <= b).or_else(|| Date::new(b.year - 1, a.month, a.day));
            if let Some(m) = moved {
                return P::Day(m);
            }
        }
    }
    if let (P::Month(y1, m1), P::Month(y2, m2)) = (&p1, p2) {
        if (y1, m1) > (y2, m2) {
            return P::Month(if m1 <= m2 { *y2 } else { y2 - 1 }, *m1);
        }
    }
    match (&p1, p2) {
        (P::Month(y1, m1), P::Month(y2, m2)) if y1 != y2 && m1 <= m2 => P::Month(*y2, *m1),
        (P::Month(y1, m1), P::Day(d)) if *y1 != d.year && *m1 <= d.month => P::Month(d.year, *m1),
        (P::Month(y1, m1), P::Day(d)) if *y1 != d.year - 1 && *m1 > d.month => P::Month(d.year - 1, *m1),
        (P::MonthOf(m1), P::Month(y2, m2)) => P::Month(if m1 <= m2 { *y2 } else { y2 - 1 }, *m1),
        (P::MonthOf(m1), P::Day(d)) => P::Month(if *m1 <= d.month { d.year } else { d.year - 1 }, *m1),
        _ => p1,
    }
}

fn same_kind(a: &P, b: &P) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) || matches!((a, b), (P::Month(..) | P::Year(_), P::Day(_) | P::Month(..)) | (P::Day(_), P::Month(..)))
}

/// Whether the tokens `[a, b)` fix their point in time: a written year or a relative word
/// ("this May", "next friday", "today").
fn fixed(c: &Ctx, a: usize, b: usize) -> bool {
    (a..b.min(c.t.len())).any(|k| {
        let t = &c.t[k];
        (t.kind == TokenKind::Number && t.s.len() == 4) || matches!(t.l, "this" | "next" | "last" | "previous" | "coming" | "today" | "tomorrow" | "yesterday" | "now" | "current" | "date")
    })
}

/// The two ends of a range, each `(start token, end token, point)`: an end without a year takes
/// the first occurrence on or after the start ("from 10/25 to 01/25"), a start without one the
/// latest on or before the end ("from March to May 2023").
fn join(c: &Ctx, a: (usize, usize, P), b: (usize, usize, P)) -> (P, P) {
    let (fa, fb) = (fixed(c, a.0, a.1), fixed(c, b.0, b.1));
    match (fa, fb) {
        (false, false) => {
            // Neither has a year: the occurrence that holds the publication date, else the
            // start's own (past or future) and the end after it.
            if let Some(p) = c.published {
                for y in [p.year, p.year - 1] {
                    let Some(a2) = with_year(&a.2, y) else { continue };
                    let b2 = forward(&a2, b.2.clone());
                    let holds = p_bounds(&a2).zip(p_bounds(&b2)).is_some_and(|((s, _), (_, e))| s <= p && p < e);
                    if holds {
                        return (a2, b2);
                    }
                }
            }
            let p2 = forward(&a.2, b.2);
            (a.2, p2)
        }
        (true, false) => {
            let p2 = forward(&a.2, b.2);
            (a.2, p2)
        }
        (false, true) => {
            let year = match b.2 {
                P::Day(d) => Some(d.year),
                P::Month(y, _) => Some(y),
                _ => None,
            };
            let in_year = year.and_then(|y| {
                let a2 = with_year(&a.2, y)?;
                let before = p_bounds(&a2).zip(p_bounds(&b.2)).is_some_and(|((s1, _), (s2, _))| s1 <= s2);
                if before {
                    Some(a2)
                } else {
                    with_year(&a.2, y - 1)
                }
            });
            (in_year.unwrap_or_else(|| complete(a.2, &b.2)), b.2)
        }
        (true, true) => (a.2, b.2),
    }
}

/// A day or month put in year `y`.
fn with_year(p: &P, y: i32) -> Option<P> {
    match *p {
        P::Day(d) => Date::new(y, d.month, d.day).map(P::Day),
        P::Month(_, m) => Some(P::Month(y, m)),
        _ => None,
    }
}

/// `p` put in the first year in which it starts on or after `from` starts.
fn forward(from: &P, p: P) -> P {
    let Some((start, _)) = p_bounds(from) else { return p };
    for y in [start.year, start.year + 1] {
        if let Some(q) = with_year(&p, y) {
            if p_bounds(&q).is_some_and(|(s, _)| s >= start) {
                return q;
            }
        }
    }
    p
}

/// An end of a range: a point, a bare month ("Sep", "Nov"), or "now", "today", "current
/// date", "date" ("from March to date").
fn range_end(c: &Ctx, k: usize) -> Option<(usize, P)> {
    match c.l(k) {
        "now" | "date" => return c.published.map(|p| (k + 1, P::Day(p))).or(Some((k + 1, P::Unknown))),
        "current" if c.is(k + 1, "date") => return Some((k + 2, c.published.map_or(P::Unknown, P::Day))),
        _ => {}
    }
    if let Some(r) = any_point(c, k) {
        return Some(r);
    }
    if c.is(k, "the") {
        if let Some(r) = point(c, k + 1).filter(|(_, p)| matches!(p, P::Day(_))) {
            return Some(r);
        }
    }
    let (m, _) = month(c, k)?;
    Some((k + 1, resolve_m(c, m, future(c, k), 0)))
}

/// A range of two glued dates ("10/1-11/7", "Jan-Feb"), with a year after it (", 2020",
/// " 2017") for both ends.
fn run_range(c: &Ctx, i: usize, e: usize, a: P, b: P) -> (usize, Option<String>) {
    let written = |p: &P| matches!(p, P::Day(_) | P::Month(..));
    let (mut a, mut b, mut e) = (a, b, e);
    let fut = future(c, e);
    let no_year = !fixed(c, i, e);
    if let Some((y, e2)) = year_after(c, e) {
        let with_year = |p: &P| match *p {
            P::MonthOf(m) => Some(P::Month(y, m)),
            P::Day(d) if no_year => Date::new(y, d.month, d.day).map(P::Day),
            _ => None,
        };
        if let Some(q) = with_year(&b) {
            b = q;
            e = e2;
        }
        if let Some(q) = with_year(&a) {
            a = q;
        }
    }
    let resolve = |p: P| match p {
        P::MonthOf(m) => resolve_m(c, m, fut, 0),
        p => p,
    };
    let (a, b) = (resolve(a), resolve(b));
    let (a, b) = if written(&a) && written(&b) { (complete(a.clone(), &b), b) } else { (a, b) };
    let (a, b) = if no_year && !matches!(b, P::Month(..)) { join(c, (i, i, a), (i, i, b)) } else { (a, b) };
    (e, range(a.iso(), b.iso()))
}

/// A day of the month at `k` for day ranges: "3", "9th", "ninth", "the ninth".
fn range_day(c: &Ctx, k: usize) -> Option<(u8, usize)> {
    let k = if c.is(k, "the") { k + 1 } else { k };
    day(c, k).or_else(|| weeks::ordinal(c, k).filter(|(d, _)| *d <= 31).map(|(d, e)| (d as u8, e)))
}

/// Ranges of days in one month: "3 and 12 of Sept", "9 to 12 of June", "ninth till seventeenth
/// of april", "4-23 in next month", "april 9th through 17th", "November 18-19", "april the ninth
/// till the seventeenth".
fn day_range(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    const JOIN: &[&str] = &["to", "till", "until", "through", "and", "-", "–"];
    // Month first
    if let Some((m, _)) = month(c, i) {
        let (d1, k) = range_day(c, i + 1)?;
        if !c.any(k, JOIN) {
            return None;
        }
        let (d2, e) = range_day(c, k + 1)?;
        if d2 <= d1 || c.t.get(e).is_some_and(|t| t.kind == TokenKind::Word && t.month != 0) {
            return None;
        }
        let (y, e) = match year_after(c, e) {
            Some((y, e2)) => (Some(y), e2),
            None => (None, e),
        };
        let month = match y {
            Some(y) => P::Month(y, m),
            None => resolve_m(c, m, future(c, i), 0),
        };
        return Some((e, days_of(&month, d1, d2)));
    }
    // Days first: "3 and 12 of Sept", "4-23 in next month"
    let (d1, k) = range_day(c, i)?;
    if !c.any(k, JOIN) {
        return None;
    }
    let (d2, k2) = range_day(c, k + 1)?;
    if d2 <= d1 {
        return None;
    }
    let (e, month) = if c.is(k2, "of") {
        let (mm, _) = month(c, k2 + 1).or_else(|| month_abbr_after_of(c, k2 + 1))?;
        match year_after(c, k2 + 2) {
            Some((y, e)) => (e, P::Month(y, mm)),
            None => (k2 + 2, resolve_m(c, mm, future(c, i), 0)),
        }
    } else if c.is(k2, "in") {
        match relative_point(c, k2 + 1)? {
            (e, p @ (P::Month(..) | P::Unknown)) => (e, p),
            _ => return None,
        }
    } else {
        return None;
    };
    Some((e, days_of(&month, d1, d2)))
}

fn days_of(month: &P, d1: u8, d2: u8) -> Option<String> {
    let P::Month(y, m) = *month else { return None };
    let a = Date::new(y, m, d1)?;
    let b = Date::new(y, m, d2)?;
    Some(format!("{a}/{b}"))
}

/// The days a point covers, `[start, end)`.
pub(super) fn p_bounds(p: &P) -> Option<(Date, Date)> {
    match *p {
        P::Day(d) => Some((d, d.add_days(1)?)),
        P::Month(y, m) => {
            let d = Date::new(y, m, 1)?;
            Some((d, d.add_months(1)?))
        }
        P::Year(y) => Some((Date::new(y, 1, 1)?, Date::new(y + 1, 1, 1)?)),
        P::Decade(y) => Some((Date::new(y, 1, 1)?, Date::new(y + 10, 1, 1)?)),
        P::Week(y, w) => {
            let jan4 = Date::new(y, 1, 4)?;
            let monday = jan4.add_days(-i64::from(jan4.weekday().index()) + 7 * (i64::from(w) - 1))?;
            Some((monday, monday.add_days(7)?))
        }
        P::Unknown | P::MonthOf(_) => None,
    }
}

/// A point at token `i`, relative ones ("next friday", "this May") included.
pub(super) fn any_point(c: &Ctx, i: usize) -> Option<(usize, P)> {
    if let Some(r) = nth_day(c, i) {
        return Some(r);
    }
    if let Some(r) = relative_point(c, i) {
        return Some(r);
    }
    point(c, i)
}

fn range(a: Option<String>, b: Option<String>) -> Option<String> {
    Some(format!("{}/{}", a?, b?))
}

/// "this friday 5/12", "next friday 5/12", "this Friday-Jun-15", "this friday (jun-15)",
/// "this 5/12", "next 5/12", "next 6th of April" (`rel` 2 this, 1 next, from token `u` after it):
/// the date written, in `P`'s year ("next" without a weekday: the next one after `P`).
fn rel_date(c: &Ctx, u: usize, rel: i8) -> Option<(usize, P)> {
    if rel < 1 {
        return None;
    }
    let wd = weekday(c, u);
    let mut k = if wd.is_some() { u + 1 } else { u };
    if c.any(k, &["-", "("]) {
        k += 1;
    }
    // "Jun-15" (blocked as an identifier-like chunk, read here as month and day)
    let glued_day = |k: usize| -> Option<(u8, usize)> {
        let t = c.t.get(k)?;
        let d: u8 = t.s.parse().ok().filter(|_| t.s.len() <= 2 && t.s.bytes().all(|b| b.is_ascii_digit()))?;
        (1..=31).contains(&d).then_some((d, k + 1))
    };
    let named = c.t.get(k).filter(|t| t.kind == TokenKind::Word && t.month != 0).map(|t| t.month);
    let date = match (named, c.is(k + 1, "-")) {
        (Some(m), true) => glued_day(k + 2).map(|(d, e)| (e, m, d)),
        _ => match point(c, k) {
            Some((e, P::Day(d))) if !fixed(c, k, e) => Some((e, d.month, d.day)),
            _ => None,
        },
    };
    let (mut e, m, d) = date?;
    if c.is(e, ")") && c.is(k - 1, "(") {
        e += 1;
    }
    let Some(p) = c.published else { return Some((e, P::Unknown)) };
    let mut y = p.year;
    if wd.is_none() && rel == 1 && (m, d) <= (p.month, p.day) {
        y += 1;
    }
    Some((e, Date::new(y, m, d).map_or(P::Unknown, P::Day)))
}

/// "this May", "next friday", "last year" as a point (for ranges).
fn relative_point(c: &Ctx, i: usize) -> Option<(usize, P)> {
    let rel: i8 = match c.l(i) {
        "last" | "previous" => -1,
        "this" => 2,
        "next" => 1,
        _ => return None,
    };
    let u = i + 1;
    if let Some(r) = rel_date(c, u, rel) {
        return Some(r);
    }
    let step = i32::from(if rel == 2 { 0 } else { rel });
    let p = c.published;
    let point = match c.l(u) {
        "year" => p.map_or(P::Unknown, |p| P::Year(p.year + step)),
        "month" => p.and_then(|p| p.add_months(step)).map_or(P::Unknown, |d| P::Month(d.year, d.month)),
        _ => named(c, u, rel)?,
    };
    Some((u + 1, point))
}

/// "last month", "this year", "next week", "last Monday", "next September", "earlier this
/// month", "this past week": the token after and the iso.
fn relative(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let mut k = i;
    if c.any(k, &["earlier", "later", "early", "late"]) && c.any(k + 1, &["this", "last", "next"]) {
        k += 1;
    }
    let rel: i8 = match c.l(k) {
        "last" | "previous" | "past" => -1,
        "this" | "current" => 2,
        "next" | "coming" | "upcoming" => 1,
        "following" if weekday(c, k + 1).is_some() || c.any(k + 1, &["week", "month", "year", "quarter", "weekend"]) => 1,
        _ => return None,
    };
    let mut u = k + 1;
    if rel == 2 && c.any(u, &["past", "coming", "upcoming"]) {
        u += 1;
    }
    let w = c.l(u);
    let published = c.published;
    let iso = |p: P| p.iso();
    // "last easter", "next new year day", "this christmas"
    if let Some((h, e)) = holidays::at(c, u) {
        return Some((e, holiday_near(c, h, if rel == 2 { 2 } else { rel.signum() }, true).iso()));
    }
    if let Some((e, p)) = rel_date(c, u, rel) {
        return Some((e, p.iso()));
    }
    // "next 3 days", "last two years", "past few weeks"
    if rel != 2 && unit_code(w).is_none() {
        if let Some((n, code, e)) = units(c, u) {
            let d = duration(n, code);
            return Some((e, published.map(|p| if rel < 0 { format!("{d}/{p}") } else { format!("{p}/{d}") })));
        }
    }
    if w == "quarter" {
        let q = published.map(|p| {
            let idx = p.year * 4 + (i32::from(p.month) - 1) / 3 + i32::from(if rel == 2 { 0 } else { rel });
            format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
        });
        return Some((u + 1, q));
    }
    if let Some(season) = season_code(w) {
        return Some((u + 1, published.map(|p| format!("{:04}-{season}", resolve_season(p, season, rel)))));
    }
    let step = i32::from(if rel == 2 { 0 } else { rel });
    // "this working week", "next workweek", "next work week"
    if matches!(w, "working" | "work") && c.is(u + 1, "week") || w == "workweek" {
        let e = if w == "workweek" { u + 1 } else { u + 2 };
        let wk = published.and_then(|p| p.add_days(7 * i64::from(step))).and_then(iso_week);
        return Some((e, wk.map(|(y, wk)| format!("{y:04}-W{wk:02}"))));
    }
    if w == "weekend" {
        return Some((u + 1, weekend(c, u, if rel == 2 { 2 } else { rel })));
    }
    // "this calendar year"
    if w == "calendar" && c.is(u + 1, "year") {
        return Some((u + 2, published.map(|p| format!("{:04}", p.year + step))));
    }
    // "next week Monday", "this week on Tuesday", "previous week - Monday"
    if w == "week" {
        if let Some(r) = weeks::week_day(c, u + 1, rel) {
            return Some(r);
        }
    }
    let p = match w {
        "week" => match published.and_then(|p| p.add_days(7 * i64::from(step))).and_then(iso_week) {
            Some((y, wk)) => P::Week(y, wk),
            None => P::Unknown,
        },
        "month" => match published.and_then(|p| p.add_months(step)) {
            Some(d) => P::Month(d.year, d.month),
            None => P::Unknown,
        },
        "year" => match published {
            Some(p) => P::Year(p.year + step),
            None => P::Unknown,
        },
        "decade" => match published {
            Some(p) => P::Decade((p.year / 10 + step) * 10),
            None => P::Unknown,
        },
        // "past Wednesday", "this past Wednesday": the most recent one before `P`.
        _ => named(c, u, if c.is(u - 1, "past") { -2 } else { rel })?,
    };
    // "last year's": the possessive stays out.
    let _ = TIME_UNITS;
    Some((u + 1, iso(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Vec<(String, Option<String>)> {
        super::super::test_isos(text, find)
    }

    fn one(text: &str, span: &str, want: Option<&str>) {
        super::super::test_one(text, span, want, find);
    }

    #[test]
    fn anchors() {
        one("on September 13, 2023, ahead", "September 13, 2023", Some("2023-09-13"));
        one("on Feb. 24 the war", "Feb. 24", Some("2023-02-24"));
        one("on Feb. 12 the war", "Feb. 12", Some("2024-02-12"));
        one("date 2024-02-14 Russia", "2024-02-14", Some("2024-02-14"));
        one("in September 2022 they", "September 2022", Some("2022-09"));
        one("in 2022 they", "2022", Some("2022"));
        one("announced plans last month to", "last month", Some("2024-01"));
        one("told reporters on Monday", "Monday", Some("2024-02-12"));
        one("stronger than a year ago", "a year ago", Some("2023-02-14"));
        one("they meet next week", "next week", Some("2024-W08"));
        one("a call earlier this month", "earlier this month", Some("2024-02"));
        one("up 61% since 2023, and", "since 2023", Some("2023/.."));
        one("Over the past two years, they", "the past two years", Some("P2Y/2024-02-14"));
        one("fighting for months.", "for months", Some("PXM"));
        one("said in October.", "October", Some("2023-10"));
        one("will visit in October.", "October", Some("2024-10"));
        one("from 2014 to 2022", "from 2014 to 2022", Some("2014/2022"));
        one("in 2014-2022", "2014-2022", Some("2014/2022"));
        one("in the 1990s", "the 1990s", Some("1990/1999"));
        one("last Monday", "last Monday", Some("2024-02-12"));
        one("said last Friday", "last Friday", Some("2024-02-09"));
        one("next Monday", "next Monday", Some("2024-02-19"));
        one("said Wednesday", "Wednesday", Some("2024-02-14"));
        one("will vote on Wednesday", "Wednesday", Some("2024-02-14"));
        one("continuing until 2024.", "until 2024", Some("../2024"));
    }

    #[test]
    fn names_are_not_dates() {
        for s in ["defense minister, Dong Jun, stated", "May Smith said", "Mao Ning said", "the Focus 2024 report", "Vision 2030 plan", "He may go", "troops march on"] {
            assert!(iso(s).is_empty(), "{s:?}: {:?}", iso(s));
        }
    }
}
