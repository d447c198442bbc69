//! DATE durations and offsets: "for a few hours", "within 9 months", "in 2 weeks", "two days
//! after today", "three weeks from tomorrow", "more than 4 days".
//!
//! Durations keep the ISO 8601 duration notation of [`super::dates`] (`P2Y`, `PT3H`, `PXM`);
//! offsets from a point resolve against the publication date like every relative date.
//!
//! | text | iso |
//! |---|---|
//! | "1 hour and 30 minutes", "an hour and a half" | `PT1H30M`, `PT1.5H` |
//! | "a few hours", "several weeks" (a vague count stays unknown: `X`; Recognizers-Text reads three) | `PTXH`, `PXW` |
//! | "all day", "another day", "2 nights", "three weekends" | `P1D`, `P1D`, `P2D`, `P3WE` |
//! | "more than 4 days", "less than 1 week" | `P4D`, `P1W` |
//! | "in 2 weeks" (future unless the wording is past), "a fortnight later" | the day it falls on |
//! | "two days after today", "three weeks from tomorrow", "2 weeks and 2 days ago" | the day |
//! | "within 9 months", "within the next 10 months" | `2024-02-14/P9M` (from the publication date) |
//! | "the next five days", "the 3 next weeks" | `2024-02-15/P5D` (from the day after) |
//! | "the last 3 months and 2 weeks", "10 previous weeks" | `P3M2W/2024-02-14` (up to it) |
//! | "the last 2 quarters", "the next 7 quarters" | whole quarters: `2023-07-01/P6M` |
//! | "for 3 days from today", "a week starting tomorrow" | `2024-02-14/P3D` |
//! | "more than 2 weeks before today", "more than 2 weeks after today" | `../2024-01-30`, `2024-02-28/..` |
//! | "less than 3 days after tomorrow" | `2024-02-15/P3D` |
//! | "for the day", "for the month" | the publication day, month |
//!
//! Every rule reads a bounded number of tokens from where it starts, so the scan stays linear.

use super::dates::{any_point, day_offset, duration_num, future, p_bounds, unit_code, P};
use super::number;
use super::{figure, guard, Ctx};
use crate::date::Date;
use crate::segment::TokenKind;
use crate::{Figure, FigureKind};

/// Adds the duration and offset DATE figures of `c` to `out` (overlaps with [`super::dates`]
/// are settled by the longest reading).
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
            Some((end, iso)) if end > i => {
                out.push(figure(FigureKind::Date, c.span(i, end), None, None, iso));
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Whether [`at`] may read anything from token `i`: every reading starts with a number
/// ([`term`], [`offset`], [`span_from_now`]), a weekday, or one of the words its cases open
/// with (a quick no for the other tokens).
///
/// Frequent words open a reading only where the next token opens one too: "in" and "for" with
/// a duration ([`offset`], "for two years"), and "the" with "few" or "couple" ([`term`]),
/// "first" or "last" ([`part_of`]), a direction or a number ([`span_from_now`]), or "day",
/// "month", "year" or "hour" (`at`'s own cases: "for the day", "the day before").
fn may_start(c: &Ctx, i: usize) -> bool {
    let next = |allowed: &[&str]| i + 1 < c.t.len() && (opens(c, i + 1) || c.any(i + 1, allowed));
    opens(c, i)
        && match c.l(i) {
            "in" | "for" => next(&[]),
            "the" => next(&["day", "month", "year", "hour"]),
            _ => true,
        }
}

/// [`may_start`] without its look at the next token.
fn opens(c: &Ctx, i: usize) -> bool {
    c.may_number(i) || c.t[i].class & (super::class::WEEKDAY | super::class::DUR_START) != 0
}

/// A duration: its terms (count, unit code as [`unit_code`] writes it, plus "WE" for weekends
/// and "BD" for business days), largest unit first.
#[derive(Clone, Debug, PartialEq)]
struct Dur {
    terms: Vec<(Option<f64>, &'static str)>,
    /// The token after each term.
    ends: Vec<usize>,
    /// A vague count ("a few", "several"): written `X`, never shifts a date.
    vague: bool,
    /// Written as an adjective ("a two-year term", "the five-day suspension").
    adjective: bool,
}

impl Dur {
    fn one(n: Option<f64>, code: &'static str, end: usize) -> Dur {
        Dur { terms: vec![(n, code)], ends: vec![end], vague: false, adjective: false }
    }

    /// The first term alone.
    fn first(&self) -> (Dur, usize) {
        (Dur { terms: self.terms[..1].to_vec(), ends: self.ends[..1].to_vec(), ..self.clone() }, self.ends[0])
    }

    /// ISO 8601: "P3M2W2D", "PT1H30M", "PXW" (a vague count is `X`); quarters count as three
    /// months and fortnights as two weeks.
    fn iso(&self) -> String {
        let mut date = String::new();
        let mut time = String::new();
        for &(n, code) in &self.terms {
            let n = if self.vague { None } else { n };
            let (n, code) = match code {
                "Q" => (n.map(|v| v * 3.0), "M"),
                "2W" => (n.map(|v| v * 2.0), "W"),
                "DE" => (n.map(|v| v * 10.0), "Y"),
                "CE" => (n.map(|v| v * 100.0), "Y"),
                _ => (n, code),
            };
            let count = n.map_or_else(|| "X".to_owned(), duration_num);
            match code.strip_prefix('T') {
                Some(t) => time.push_str(&format!("{count}{t}")),
                None => date.push_str(&format!("{count}{code}")),
            }
        }
        if time.is_empty() {
            format!("P{date}")
        } else {
            format!("P{date}T{time}")
        }
    }

    /// `d` moved by the duration in direction `sign` (whole days only: no hours, no unknown
    /// counts, no fractions).
    fn shift(&self, d: Date, sign: i64) -> Option<Date> {
        if self.vague {
            return None;
        }
        let mut d = d;
        for &(n, code) in &self.terms {
            let v = n?;
            if v.fract() != 0.0 || v > 100_000.0 {
                return None;
            }
            let v = v as i64 * sign;
            d = match code {
                "D" => d.add_days(v)?,
                "W" => d.add_days(7 * v)?,
                "2W" => d.add_days(14 * v)?,
                "M" => d.add_months(i32::try_from(v).ok()?)?,
                "Q" => d.add_months(i32::try_from(3 * v).ok()?)?,
                "Y" => d.add_months(i32::try_from(12 * v).ok()?)?,
                "DE" => d.add_months(i32::try_from(120 * v).ok()?)?,
                _ => return None,
            };
        }
        Some(d)
    }

    fn days_only(&self) -> bool {
        !self.adjective && self.terms.iter().all(|&(n, code)| n.is_some() && matches!(code, "D" | "W" | "2W" | "M" | "Q" | "Y" | "DE"))
    }
}

/// A time unit at token `k`: its code and the token after ("nights" and "weekends" too).
fn unit(c: &Ctx, k: usize) -> Option<(&'static str, usize)> {
    let l = c.l(k);
    if let Some(code) = unit_code(l) {
        // "h", "min", "sec" only after digits
        if matches!(l, "h" | "hr" | "hrs") && !c.t.get(k.wrapping_sub(1)).is_some_and(|t| t.kind == TokenKind::Number) {
            return None;
        }
        return Some((code, k + 1));
    }
    Some(match l {
        "business" | "working" if c.any(k + 1, &["day", "days"]) => ("BD", k + 2),
        "night" | "nights" => ("D", k + 1),
        "weekend" | "weekends" => ("WE", k + 1),
        _ => return None,
    })
}

/// Rank of a unit, to read compound durations largest first ("2 years 1 month 21 days").
fn rank(code: &str) -> u8 {
    match code {
        "CE" => 9,
        "DE" => 8,
        "Y" => 7,
        "Q" => 6,
        "M" => 5,
        "2W" | "W" => 4,
        "WE" | "D" | "BD" => 3,
        "TH" => 2,
        "TM" => 1,
        _ => 0,
    }
}

/// "a half" / "half" / "a quarter" at `k`: the fraction and the token after.
fn part(c: &Ctx, k: usize) -> Option<(f64, usize)> {
    let k2 = if c.any(k, &["a", "an"]) { k + 1 } else { k };
    match c.l(k2) {
        "half" => Some((0.5, k2 + 1)),
        "quarter" => Some((0.25, k2 + 1)),
        _ => None,
    }
}

/// One term of a duration at token `i`: count, unit, token after.
fn term(c: &Ctx, i: usize) -> Option<(Option<f64>, &'static str, usize, u8)> {
    let t = c.t.get(i)?;
    if t.blocked {
        return None;
    }
    let l = t.l;
    // Vague counts: "few", "some", "several" are marked vague (their iso says `X`, not the three
    // Recognizers-Text reads); "couple" is two.
    let k = if matches!(l, "a" | "the") && c.any(i + 1, &["few", "couple"]) { i + 1 } else { i };
    let vague = match c.l(k) {
        "few" | "several" | "some" => Some(3.0),
        "couple" => Some(2.0),
        _ => None,
    };
    if let Some(v) = vague {
        // "a couple of weeks" is two; only "few", "some", "several" are vague.
        let flag = if c.is(k, "couple") { 0 } else { VAGUE };
        let k = if c.is(k + 1, "of") { k + 2 } else { k + 1 };
        if let Some((code, e)) = unit(c, k).filter(|_| c.l(k).ends_with('s')) {
            return Some((Some(v), code, e, flag));
        }
        return None;
    }
    // "another day", "all day", "all month"
    if matches!(l, "another" | "all") {
        let (code, e) = unit(c, i + 1).filter(|_| !c.l(i + 1).ends_with('s'))?;
        if l == "all" && !matches!(code, "D" | "W" | "M" | "Y" | "TH") {
            return None;
        }
        return Some((Some(1.0), code, e, 0));
    }
    // "half an hour", "half a day"
    if l == "half" && c.any(i + 1, &["a", "an"]) {
        let (code, e) = unit(c, i + 2).filter(|_| !c.l(i + 2).ends_with('s'))?;
        return Some((Some(0.5), code, e, 0));
    }
    // "½ hour"
    if l == "½" {
        let (code, e) = unit(c, i + 1)?;
        return Some((Some(0.5), code, e, 0));
    }
    // "10D", "3Y", "2W": a count glued to an upper-case unit letter.
    if t.kind == TokenKind::Number {
        if let Some((v, suffix)) = number::digits(t.s) {
            let code = match suffix {
                "D" => Some("D"),
                "W" => Some("W"),
                "Y" => Some("Y"),
                _ => unit_code(&suffix.to_ascii_lowercase()).filter(|_| suffix.len() > 1 || suffix == "h"),
            };
            if let Some(code) = code {
                return Some((Some(v), code, i + 1, 0));
            }
        }
    }
    // "a year", "an hour", "one hour"
    let (mut v, mut k) = if matches!(l, "a" | "an") {
        (1.0, i + 1)
    } else {
        let n = number::parse(c, i)?;
        // "2021 weekend", "the 2024 year": a year, not a count.
        if n.plain && n.value.is_some_and(|v| (1000.0..3000.0).contains(&v)) && !c.l(n.end).ends_with('s') {
            return None;
        }
        if n.ordinal || n.decade || n.scaled && n.value.is_some_and(|v| v >= 1e6) {
            return None;
        }
        let v = n.value?;
        // "two quarters", "7 quarters": counted quarters, not the fraction.
        if n.fraction && n.end == i + 2 && matches!(c.l(i + 1), "quarter" | "quarters") {
            return Some((Some((v * 4.0).round()), "Q", i + 2, 0));
        }
        if n.fraction && v < 1.0 {
            return None;
        }
        (v, n.end)
    };
    // "twenty and four hours"
    if c.is(k, "and") && (20.0..100.0).contains(&v) && v % 10.0 == 0.0 {
        if let Some(n2) = number::parse(c, k + 1).filter(|n2| !n2.ordinal && n2.value.is_some_and(|u| (1.0..10.0).contains(&u) && u.fract() == 0.0)) {
            if unit(c, n2.end).is_some() {
                v += n2.value.unwrap_or(0.0);
                k = n2.end;
            }
        }
    }
    // "one and a half hours", "one and half hour", "one and a quarter year"
    if c.is(k, "and") {
        if let Some((f, k2)) = part(c, k + 1).filter(|(_, k2)| unit(c, *k2).is_some()) {
            v += f;
            k = k2;
        }
    }
    // "two-year"
    let mut flags = 0;
    if guard::is_hyphen(c.l(k)) && c.glued(k) && c.glued(k + 1) {
        k += 1;
        flags = ADJECTIVE;
    }
    let (code, mut e) = unit(c, k)?;
    if matches!(l, "a" | "an") && c.l(k).ends_with('s') {
        return None;
    }
    // "twenty second" is an ordinal, not twenty seconds; "14 century" neither.
    if c.any(k, &["second", "century"]) && v != 1.0 {
        return None;
    }
    // "an hour and a half", "one hour and half", "one year and a quarter"
    if c.is(e, "and") {
        if let Some((f, e2)) = part(c, e + 1) {
            // not "a year and a half-hour": the fraction stands alone
            if unit(c, e2).is_none() {
                v += f;
                e = e2;
            }
        }
    }
    Some((Some(v), code, e, flags))
}

/// [`term`] flags.
const VAGUE: u8 = 1;
const ADJECTIVE: u8 = 2;

/// A duration at token `i`, compound ones included ("1 hour and 30 minutes", "2 years 1 month
/// 21 days", "3 months and 2 weeks and 2 days"): the duration and the token after.
fn dur(c: &Ctx, i: usize) -> Option<(Dur, usize)> {
    let (n, code, mut e, flags) = term(c, i)?;
    let mut d = Dur::one(n, code, e);
    d.vague = flags & VAGUE != 0;
    d.adjective = flags & ADJECTIVE != 0;
    // At most a few more terms, each of a smaller unit.
    for _ in 0..4 {
        let k = if c.any(e, &["and", ","]) { e + 1 } else { e };
        let Some((n2, code2, e2, flags2)) = term(c, k) else { break };
        let last = d.terms.last().map_or("", |t| t.1);
        if rank(code2) >= rank(last) || n2.is_none() || flags2 != 0 || d.adjective || matches!(c.l(k), "a" | "an" | "another" | "all" | "few" | "some" | "several") {
            break;
        }
        d.terms.push((n2, code2));
        d.ends.push(e2);
        e = e2;
    }
    // An age is no duration: "less than 25 years old", "a more than three-year-old cease-fire",
    // "10 years of age" stay with the measures.
    let k = if c.is(e, "-") { e + 1 } else { e };
    if c.is(k, "old") || (c.is(e, "of") && c.is(e + 1, "age")) {
        return None;
    }
    Some((d, e))
}

/// A day at token `i` for offsets: "today", "tomorrow", "tmrw", "yesterday", "now", or any
/// day [`any_point`] reads.
fn day_at(c: &Ctx, i: usize) -> Option<(usize, P)> {
    match c.l(i) {
        "today" | "now" | "tonight" => return Some((i + 1, day_offset(c, 0))),
        "tomorrow" | "tmrw" | "tmr" => return Some((i + 1, day_offset(c, 1))),
        "yesterday" => return Some((i + 1, day_offset(c, -1))),
        _ => {}
    }
    any_point(c, i).filter(|(_, p)| matches!(p, P::Day(_) | P::Unknown))
}

/// Whether the wording before token `i` is in the past ("grew 5% in two years"); with
/// `after`, the words after token `e` too ("Two years later it joined").
fn past(c: &Ctx, i: usize, after: Option<usize>) -> bool {
    let lo = i.saturating_sub(8);
    let before = (lo..i).rev().take_while(|&k| !c.stop(k));
    let next = after.into_iter().flat_map(|e| (e..(e + 8).min(c.t.len())).take_while(|&k| !c.stop(k)));
    before.chain(next).any(|k| past_word(c, k))
}

/// Whether token `k` is a past-tense verb or a perfect auxiliary ("was", "grew", "arrived").
fn past_word(c: &Ctx, k: usize) -> bool {
    let l = c.l(k);
    {
        let passive = k > 0 && (c.any(k - 1, &["is", "are", "am", "be", "being", "get", "gets"]) || ["'m", "’m", "'re", "’re"].iter().any(|s| c.l(k - 1).ends_with(s)));
        let ed = !passive && l.len() > 4 && l.ends_with("ed") && !matches!(l, "need" | "needed" | "scheduled" | "expected" | "planned" | "proposed" | "supposed" | "allowed" | "required" | "based" | "related" | "united");
        if ed
            || matches!(
                l,
                "was" | "were" | "had" | "has" | "have" | "did" | "took" | "grew" | "fell" | "rose" | "came" | "went" | "became" | "saw" | "made" | "won" | "lost" | "spent" | "risen" | "fallen" | "grown" | "built" | "began" | "fought"
            )
        {
            return true;
        }
    }
    false
}

/// Whether the sentence around token `i` tells past events: past wording before it, or a year
/// named earlier in the sentence ("once in 2000, and again five years later").
fn narrative(c: &Ctx, i: usize) -> bool {
    if past(c, i, None) {
        return true;
    }
    let lo = i.saturating_sub(24);
    (lo..i).rev().take_while(|&k| !c.stop(k)).any(|k| {
        let t = &c.t[k];
        t.kind == TokenKind::Number && t.s.len() == 4 && t.s.bytes().all(|b| b.is_ascii_digit()) && (1000..=2999).contains(&t.s.parse::<u32>().unwrap_or(0))
    })
}

/// Whether an ordinal or a superlative comes before token `i` in its sentence ("the first
/// election in 27 years", "the highest level in a decade"): then "in" means "within".
fn record(c: &Ctx, i: usize) -> bool {
    let lo = i.saturating_sub(8);
    (lo..i).rev().take_while(|&k| !c.stop(k)).any(|k| {
        let l = c.l(k);
        matches!(l, "first" | "second" | "third" | "fourth" | "fifth" | "sixth" | "seventh" | "eighth" | "ninth" | "tenth" | "last" | "only" | "most" | "least" | "ever" | "best" | "worst")
            || l.len() > 5 && l.ends_with("est") && !matches!(l, "interest" | "protest" | "arrest" | "request" | "suggest" | "contest" | "harvest" | "forest" | "invest" | "honest" | "modest" | "attest" | "digest")
    })
}

/// The duration or offset that starts at token `i`: the token after and its iso.
fn at(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let l = c.l(i);
    let published = c.published;
    match l {
        // "more than 4 days", "less than 2 hours", "more than 2 weeks before today"
        "more" | "less" if c.is(i + 1, "than") => {
            let (d, e) = dur(c, i + 2)?;
            if c.any(e, &["before", "after"]) {
                if let Some((e2, p)) = day_at(c, e + 1) {
                    let after = c.is(e, "after");
                    let iso = match p {
                        P::Day(x) if d.days_only() => {
                            let sign = if after { 1 } else { -1 };
                            let y = d.shift(x, sign);
                            match (l, after) {
                                ("more", false) => y.and_then(|y| y.add_days(-1)).map(|y| format!("../{y}")),
                                ("more", true) => y.map(|y| format!("{y}/..")),
                                ("less", false) => y.map(|y| format!("{y}/{x}")),
                                _ => Some(format!("{x}/{}", d.iso())),
                            }
                        }
                        _ => None,
                    };
                    return Some((e2, iso));
                }
            }
            return Some((e, Some(d.iso())));
        }
        // "within 9 months", "within the next 10 months", "within the last 3 months"
        "within" => {
            let mut k = i + 1;
            if c.is(k, "the") {
                k += 1;
            }
            let back = c.any(k, &["last", "past", "previous"]);
            if back || c.any(k, &["next", "coming", "following"]) {
                k += 1;
            }
            let (d, e) = dur(c, k).filter(|(d, _)| !d.adjective)?;
            // "was shut down within a year after he took office": from an event, not publication
            let told = !back && narrative(c, i) && !future(c, i);
            let iso = published.filter(|_| !told).map(|p| if back { format!("{}/{p}", d.iso()) } else { format!("{p}/{}", d.iso()) });
            return Some((e, iso));
        }
        "for" => {
            // "for 3 days from today", "for 1 week, from 20th dec" (but "set for three weeks
            // from tomorrow" is a day)
            let (d, e) = dur(c, i + 1)?;
            let scheduled = i > 0 && c.any(i - 1, &["set", "scheduled", "planned", "slated", "due", "postponed", "delayed", "moved", "fixed", "booked", "called"]);
            if let Some(r) = starting(c, &d, e, true).filter(|_| !scheduled) {
                return Some(r);
            }
            if offset(c, i + 1).is_some() || c.any(e, &["earlier", "ago"]) {
                return None;
            }
            return Some((e, Some(d.iso())));
        }
        // "for the day", "for the month": the point without its "for" (in a past narrative,
        // the day of the events, not the publication)
        "the" if i > 0 && c.is(i - 1, "for") && !past(c, i - 1, None) && !c.any(i + 2, &["before", "after", "of", "'s", "’s"]) && matches!(c.l(i + 1), "day" | "month" | "year" | "hour") => {
            let p = published;
            let iso = match c.l(i + 1) {
                "day" => p.map(|p| p.to_string()),
                "month" => p.map(|p| format!("{:04}-{:02}", p.year, p.month)),
                "year" => p.map(|p| format!("{:04}", p.year)),
                _ => Some("PT1H".to_owned()),
            };
            return Some((i + 2, iso));
        }
        // "the day before", "the day after"
        "the" if c.is(i + 1, "day") && c.any(i + 2, &["before", "after"]) && (i + 3 >= c.t.len() || c.stop(i + 3) || c.is(i + 3, "?")) => {
            let n = if c.is(i + 2, "before") { -1 } else { 1 };
            return Some((i + 3, day_offset(c, n).iso()));
        }
        _ => {}
    }
    // "Monday two weeks from now", "Thursday, two years from now": that weekday in the week
    // the offset reaches (weeks from Sunday, as Recognizers-Text counts them)
    if let Some(wd) = weekday(c, i) {
        let k = if c.is(i + 1, ",") { i + 2 } else { i + 1 };
        if let Some((e, x)) = offset(c, k) {
            return Some((e, x.map(|x| on_weekday(x, wd).to_string())));
        }
    }
    // The duration at `i`, read once for the offset and the bare duration below ("in" opens
    // an offset with the duration after it).
    let own = if l == "in" { None } else { dur(c, i) };
    if let Some((e, x)) = offset_with(c, i, own.as_ref()) {
        // "in 3 days on Friday", "two months from today on Tuesday"
        if c.is(e, "on") {
            if let Some(wd) = weekday(c, e + 1) {
                return Some((e + 2, x.map(|x| on_weekday(x, wd).to_string())));
            }
        }
        return Some((e, x.map(|x| x.to_string())));
    }
    // "the first 2 weeks of 2021", "the last four months of 2021"
    if let Some(r) = part_of(c, i) {
        return Some(r);
    }
    // "the next five days", "next 3 days", "the 3 next weeks", "past two quarters"
    if let Some(r) = span_from_now(c, i) {
        return Some(r);
    }
    let (d, e) = if l == "in" { dur(c, i)? } else { own? };
    // "a week starting tomorrow", "3 days starting from next monday" (not the rate in "a
    // million barrels a day, beginning December first")
    if let Some(r) = starting(c, &d, e, false).filter(|_| !matches!(l, "a" | "an")) {
        return Some(r);
    }
    if c.any(e, &["earlier", "old"]) || c.is(e, "from") && d.days_only() {
        return None;
    }
    // A bare duration: "a year" alone is no figure, "two years", "2 nights", "all week" are.
    if matches!(l, "a" | "an") && d.terms.len() == 1 && d.terms[0].0 == Some(1.0) {
        return None;
    }
    Some((e, Some(d.iso())))
}

/// A day reached by an offset at token `i`: "in 2 weeks" (future unless the wording is past),
/// "2 weeks and 2 days ago", "3 weeks later", "two days after today", "3 days from Tuesday":
/// the token after and the day (`None` when it cannot be resolved).
fn offset(c: &Ctx, i: usize) -> Option<(usize, Option<Date>)> {
    let own = if c.is(i, "in") { None } else { dur(c, i) };
    offset_with(c, i, own.as_ref())
}

/// [`offset`] given [`dur`] at `i` (`own`, not read after "in").
fn offset_with(c: &Ctx, i: usize, own: Option<&(Dur, usize)>) -> Option<(usize, Option<Date>)> {
    let published = c.published;
    if c.is(i, "in") {
        let (d, e) = dur(c, i + 1)?;
        if !d.days_only() || c.any(e, &["ago", "later", "earlier", "of", "old", "before", "after", "from"]) {
            return None;
        }
        // "in two years since 2011"
        if c.is(e, "since") {
            let k = if c.is(e + 1, "the") && c.is(e + 2, "year") { e + 3 } else { e + 1 };
            let (e2, p) = any_point(c, k)?;
            let start = p_bounds(&p)?.0;
            return Some((e2, d.shift(start, 1)));
        }
        if (past(c, i, Some(e)) || record(c, i)) && !future(c, i) {
            return None;
        }
        return Some((e, published.and_then(|p| d.shift(p, 1))));
    }
    let (d, e) = own?;
    let e = *e;
    if !d.days_only() {
        return None;
    }
    match c.l(e) {
        "ago" => Some((e + 1, published.and_then(|p| d.shift(p, -1)))),
        // In a past narrative "two years later" counts from an event, not from publication.
        "later" | "hence" if (past(c, i, Some(e + 1)) || narrative(c, i)) && !future(c, i) => Some((e + 1, None)),
        "later" | "hence" => Some((e + 1, published.and_then(|p| d.shift(p, 1)))),
        "from" | "after" | "before" => {
            let (e2, p) = day_at(c, e + 1)?;
            let sign = if c.is(e, "before") { -1 } else { 1 };
            let x = match p {
                P::Day(x) => d.shift(x, sign),
                _ => None,
            };
            Some((e2, x))
        }
        _ => None,
    }
}

/// "the first 2 weeks of 2021", "first ten days of last year", "the last 3 weeks of this year":
/// a counted stretch at the start or the end of a period (weeks of a year are ISO weeks).
fn part_of(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let k = if c.is(i, "the") { i + 1 } else { i };
    let first = match c.l(k) {
        "first" => true,
        "last" | "final" => false,
        _ => return None,
    };
    let n = number::parse(c, k + 1).filter(|n| !n.ordinal && !n.fraction && n.value.is_some_and(|v| v.fract() == 0.0 && v >= 1.0))?;
    let (code, e) = unit(c, n.end)?;
    if !c.is(e, "of") || !matches!(code, "D" | "W" | "M" | "Q") {
        return None;
    }
    let (e2, p) = any_point(c, e + 1)?;
    let d = Dur::one(n.value, code, e);
    let (a, b) = match p {
        P::Unknown | P::MonthOf(_) => return Some((e2, None)),
        _ => p_bounds(&p)?,
    };
    // ISO weeks of a year: week 1 holds January 4th.
    let week_one = |y: i32| Date::new(y, 1, 4).and_then(|j| j.add_days(-i64::from(j.weekday().index())));
    let start = match (&p, code, first) {
        (P::Year(y), "W", true) => week_one(*y),
        (P::Year(y), "W", false) => week_one(y + 1).and_then(|end| d.shift(end, -1)),
        (_, _, true) => Some(a),
        _ => d.shift(b, -1),
    };
    Some((e2, start.map(|s| format!("{s}/{}", d.iso()))))
}

/// A weekday name at token `i` (0 = Monday).
fn weekday(c: &Ctx, i: usize) -> Option<u8> {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    if c.t.get(i).is_none_or(|t| t.class & super::class::WEEKDAY == 0) {
        return None;
    }
    DAYS.iter().position(|d| *d == c.l(i)).map(|p| p as u8)
}

/// Weekday `wd` of the Sunday-to-Saturday week of `x`.
fn on_weekday(x: Date, wd: u8) -> Date {
    let from_sunday = (i64::from(x.weekday().index()) + 1) % 7;
    let want = (i64::from(wd) + 1) % 7;
    x.add_days(want - from_sunday).unwrap_or(x)
}

/// After a duration ending at `e`: ","? ("from" when `from_ok`, after "for" | "starting" ["from" |
/// "on"] | "beginning") and a day: the range from that day.
fn starting(c: &Ctx, d: &Dur, e: usize, from_ok: bool) -> Option<(usize, Option<String>)> {
    let mut k = if c.is(e, ",") { e + 1 } else { e };
    let mut plain_from = false;
    match c.l(k) {
        "from" if from_ok => {
            plain_from = true;
            k += 1;
        }
        "starting" | "beginning" | "commencing" => {
            k += 1;
            if c.any(k, &["from", "on"]) {
                k += 1;
            }
        }
        _ => return None,
    }
    let (e2, mut p) = day_at(c, k)?;
    // "for 1 week, from 20th dec": a stretch booked ahead starts on the next 20th of December.
    if let (true, P::Day(x), Some(now)) = (plain_from, &p, c.published) {
        if *x < now && !(k..e2).any(|j| c.t[j].kind == TokenKind::Number && c.t[j].s.len() == 4 && c.t[j].s.bytes().all(|b| b.is_ascii_digit())) {
            if let Some(y) = x.add_months(12) {
                p = P::Day(y);
            }
        }
    }
    Some((e2, p.iso().map(|x| format!("{x}/{}", d.iso()))))
}

/// Words after which "last" is the verb ("will last three weeks").
const VERB_BEFORE_LAST: &[&str] = &["will", "would", "should", "could", "can", "may", "might", "must", "to", "not", "does", "did", "do", "shall", "'ll", "also", "only"];

/// "next 3 days", "the next five days", "the 3 next weeks", "5 upcoming years", "the last 2
/// quarters", "10 previous weeks": a counted stretch after or up to the publication date.
fn span_from_now(c: &Ctx, i: usize) -> Option<(usize, Option<String>)> {
    let k = if c.is(i, "the") { i + 1 } else { i };
    // "will last three weekends", "shouldn't last two hours": the verb.
    if c.is(k, "last") && k > 0 && (c.any(k - 1, VERB_BEFORE_LAST) || c.l(k - 1).ends_with("n't") || c.l(k - 1).ends_with("n’t")) {
        return None;
    }
    let dir = |w: &str| -> Option<bool> {
        match w {
            "next" | "coming" | "upcoming" | "following" => Some(true),
            "last" | "past" | "previous" => Some(false),
            _ => None,
        }
    };
    // "next five days" or "five next days"
    let (fwd, d, e) = if let Some(f) = dir(c.l(k)) {
        let (d, e) = dur(c, k + 1)?;
        (f, d, e)
    } else {
        let n = number::parse(c, k).filter(|n| !n.ordinal && !n.decade && n.value.is_some_and(|v| v.fract() == 0.0))?;
        let f = dir(c.l(n.end))?;
        let (code, e) = unit(c, n.end + 1)?;
        (f, Dur::one(n.value, code, e), e)
    };
    // "the last 3 months and 2 days ago": the stretch stops before what is "ago".
    let (d, e) = if c.is(e, "ago") && d.terms.len() > 1 { d.first() } else { (d, e) };
    // A counted stretch only: "next week" and "the past year" are periods, not this.
    if d.adjective || d.terms.iter().any(|t| t.0.is_none()) || (d.terms.len() == 1 && !c.l(e - 1).ends_with('s')) {
        return None;
    }
    // "remained for the next 1,000 years": the years after an event, not after publication
    let p = c.published.filter(|_| !(fwd && narrative(c, i) && !future(c, i)));
    // Business days: the calendar stretch that holds them ("the next 4 business days").
    if d.terms.len() == 1 && d.terms[0].1 == "BD" {
        let n = d.terms[0].0?;
        if n.fract() != 0.0 || !(1.0..=1000.0).contains(&n) {
            return None;
        }
        let iso = p.and_then(|p| {
            let step = if fwd { 1 } else { -1 };
            let (mut day, mut left, mut first) = (p, n as u32, None);
            while left > 0 {
                day = day.add_days(step)?;
                if day.weekday().index() < 5 {
                    left -= 1;
                    first.get_or_insert(day);
                }
            }
            let (a, b) = if fwd { (first?, day.add_days(1)?) } else { (day, p) };
            Some(format!("{a}/P{}D", b.to_days() - a.to_days()))
        });
        return Some((e, iso));
    }
    // Whole decades: "the next two decades" start with the next one.
    if d.terms.len() == 1 && d.terms[0].1 == "DE" {
        let n = d.terms[0].0.filter(|v| (1.0..=1000.0).contains(v))? as i32;
        let iso = p.map(|p| {
            let cur = p.year.div_euclid(10) * 10;
            let a = if fwd { cur + 10 } else { cur - 10 * n };
            format!("{a:04}-01-01/P{}Y", 10 * n)
        });
        return Some((e, iso));
    }
    // Whole quarters: the last two quarters end where the current one starts.
    if d.terms.len() == 1 && d.terms[0].1 == "Q" {
        let q = d.terms[0].0.filter(|v| (1.0..=10_000.0).contains(v))? as i32;
        let iso = p.map(|p| {
            let cur = p.year * 4 + (i32::from(p.month) - 1) / 3;
            let a = if fwd { cur + 1 } else { cur - q };
            format!("{:04}-{:02}-01/P{}M", a.div_euclid(4), a.rem_euclid(4) * 3 + 1, 3 * q)
        });
        return Some((e, iso));
    }
    let iso = p.and_then(|p| {
        if fwd {
            p.add_days(1).map(|t| format!("{t}/{}", d.iso()))
        } else {
            Some(format!("{}/{p}", d.iso()))
        }
    });
    Some((e, iso))
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
    fn durations() {
        one("talks lasted 1 hour and 30 minutes", "1 hour and 30 minutes", Some("PT1H30M"));
        one("talks lasted an hour and a half", "an hour and a half", Some("PT1.5H"));
        one("for a few hours", "for a few hours", Some("PTXH"));
        for s in ["less than 25 years old", "a more than three-year-old cease-fire", "more than 10 years of age"] {
            assert!(iso(s).is_empty(), "{s:?}: {:?}", iso(s));
        }
        one("fighting all day", "all day", Some("P1D"));
        one("more than 4 days", "more than 4 days", Some("P4D"));
        one("for twenty and four hours", "for twenty and four hours", Some("PT24H"));
        one("2 years 1 month 21 days", "2 years 1 month 21 days", Some("P2Y1M21D"));
        one("for 2 nights", "for 2 nights", Some("P2D"));
        one("three decades", "three decades", Some("P30Y"));
        one("1.5 years", "1.5 years", Some("P1.5Y"));
        one("half an hour", "half an hour", Some("PT0.5H"));
    }

    #[test]
    fn offsets() {
        one("two days after today", "two days after today", Some("2024-02-16"));
        one("three weeks from tmrw", "three weeks from tmrw", Some("2024-03-07"));
        one("two days before yesterday", "two days before yesterday", Some("2024-02-11"));
        one("back in 2 weeks", "in 2 weeks", Some("2024-02-28"));
        one("done within 9 months", "within 9 months", Some("2024-02-14/P9M"));
        one("the next five days", "the next five days", Some("2024-02-15/P5D"));
        one("2 weeks and 2 days ago", "2 weeks and 2 days ago", Some("2024-01-29"));
        one("more than 2 weeks before today", "more than 2 weeks before today", Some("../2024-01-30"));
        one("less than 3 days after tomorrow", "less than 3 days after tomorrow", Some("2024-02-15/P3D"));
        one("the last 2 quarters", "the last 2 quarters", Some("2023-07-01/P6M"));
        one("next 4 business days", "next 4 business days", Some("2024-02-15/P6D"));
        // past narratives count from their events, not from publication
        one("once in 2000, and again five years later", "five years later", None);
        one("Two years later it joined the league.", "Two years later", None);
        one("It was the first election in 27 years.", "27 years", Some("P27Y"));
        one("the force was shut down within a year", "within a year", None);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "the next 99999999999 decades", "the last 4294967297 quarters", "next 1e308 business days", "for the", "more than",
            "within", "in", "3 days from", "Monday, two", "the first 99999999999 weeks of 2021", "99999999999 years ago",
            "the next 5000 business days", "½", "½ hour and", "twenty and", "one and a half", "a few", "all",
        ] {
            let _ = iso(s);
        }
    }

    #[test]
    fn not_durations() {
        for s in ["Shahed-136 drones", "a year", "Leopard 2 tanks", "in the 1990s"] {
            assert!(iso(s).is_empty(), "{s:?}: {:?}", iso(s));
        }
    }
}
