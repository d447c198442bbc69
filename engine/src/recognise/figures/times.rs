//! DATE figures for times of day: "10:30 a.m.", "4 p.m.", "4pm", "23:15", "16:05:30 GMT",
//! "0830 GMT".
//!
//! `iso` holds the time in ISO 8601's form with the time designator, and the zone's offset
//! when the text names a zone with one fixed offset:
//!
//! | text | iso |
//! |---|---|
//! | "10:30 a.m.", "10:30am", "10:30" | `T10:30` |
//! | "4 p.m.", "4pm", "4 P.M." | `T16:00` |
//! | "12 a.m.", "12:15 p.m." | `T00:00`, `T12:15` |
//! | "16:05:30 GMT", "0830 GMT", "1500 UTC" | `T16:05:30Z`, `T08:30Z`, `T15:00Z` |
//! | "(1100 local time)" | `T11:00` |
//! | "9 p.m. EST", "7 a.m. CET" | `T21:00-05:00`, `T07:00+01:00` |
//! | "4 p.m. local time", "3 p.m. ET" (zones without one offset: ET, PT, CT, CST, IST) | `T16:00`, `T15:00` |
//! | "10.30am", "9.15 p.m." (a stop between hours and minutes, with a half of the day) | `T10:30`, `T21:15` |
//!
//! | "at noon", "by midday", "until midnight" | `T12:00`, `T12:00`, `T00:00` |
//! | "from 9 to 11 a.m.", "7-10 p.m." (an hour alone takes the half of the range's end) | `T09:00` and `T11:00`, `T19:00` and `T22:00` |
//!
//! The date a time falls on is its own figure ("10:30 a.m. on Monday"): a time is not
//! anchored to the publication date, since the text rarely says which day it means.
//!
//! Not times: "3:16" after a capitalised word is as often a verse or a score as a time, so a
//! bare "H:MM" needs its hour at most 23 and two digits of minutes at most 59 and must not run
//! on into more digits ("1:50,000" is a scale); four digits are a time only with GMT, UTC, "Z" or
//! "local time" after them and a word that opens a time before ("at 0830 GMT", "(1100 local
//! time)"), never alone (they are years); "am" alone after a number is a
//! time only when the number is an hour (1 to 12).

use super::{figure, Ctx};
use crate::segment::TokenKind;
use crate::{Figure, FigureKind};

/// Adds the times of day of `c` to `out`.
pub fn find(c: &Ctx, out: &mut Vec<Figure>) {
    let mut i = 0;
    while i < c.t.len() {
        // Quiet tokens ([`Ctx::next_loud`]): a quick no.
        i = c.next_loud(i);
        if i == c.t.len() {
            break;
        }
        let t = &c.t[i];
        // "at noon", "by midnight": the word alone, after a word that opens a time.
        if t.kind == TokenKind::Word {
            let iso = match t.l {
                "noon" | "midday" => Some("T12:00"),
                "midnight" => Some("T00:00"),
                _ => None,
            };
            if let Some(iso) = iso.filter(|_| i > 0 && c.any(i - 1, OPENERS)) {
                out.push(figure(FigureKind::Date, c.tok_span(i), None, None, Some(iso.to_owned())));
                i += 1;
                continue;
            }
        }
        // A time stands apart ("(0830 GMT)" and "9-10 a.m." aside): not inside a path or a
        // code. The guard blocks every "H:MM" for the other figures: a clock-shaped chunk
        // is read here all the same.
        let apart = t.gap || i > 0 && matches!(c.t[i - 1].s, "(" | "[" | "-" | "–" | "—" | "~");
        if t.kind != TokenKind::Number || !apart || t.blocked && !clock_chunk(c, i) {
            i += 1;
            continue;
        }
        match at(c, i) {
            Some((end, iso)) => {
                // A sentence's last stop is not part of "a.m." (nor of "Aug." in dates).
                let span = c.without_sentence_stop(c.span(i, end));
                out.push(figure(FigureKind::Date, span, None, None, Some(iso)));
                i = end;
            }
            None => i += 1,
        }
    }
}

/// Words after which four digits or "noon" and "midnight" are a time.
const OPENERS: &[&str] = &["at", "by", "until", "till", "from", "to", "before", "after", "around", "about", "since", "(", "and", "-", "–"];

/// Whether the run of tokens glued together from token `i` is clock-shaped: digits, colons,
/// "am" or "pm" glued to digits, and a closing stop, comma, semicolon or bracket.
fn clock_chunk(c: &Ctx, i: usize) -> bool {
    let mut k = i;
    while k < c.t.len() && (k == i || !c.t[k].gap) {
        let s = c.t[k].s;
        let bare = s.strip_suffix("am").or_else(|| s.strip_suffix("pm")).unwrap_or(s);
        let clock = (!bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit())) || s == ":";
        let closing = matches!(s, "." | "," | ";" | ")" | "]") && (k + 1 == c.t.len() || c.t[k + 1].gap);
        if !clock && !closing {
            return false;
        }
        k += 1;
    }
    true
}

/// The digits of `s` as a number, if `s` is one to `most` ASCII digits.
fn digits(s: &str, most: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// An hour ("4", "10") or an hour and minutes with a stop between them ("10.30"), as
/// `(hour, minute)`.
fn dotted(s: &str) -> Option<(u32, u32)> {
    match s.split_once('.') {
        None => Some((digits(s, 2)?, 0)),
        Some((h, m)) if m.len() == 2 => Some((digits(h, 2)?, digits(m, 2)?)),
        Some(_) => None,
    }
}

/// Whether a half of the day follows at token `k`: `Some((end, pm))`. Reads "a.m." (tokens
/// "a.m" and "."), "am", "AM", "A.M.", and "a. m." is not read.
fn meridiem(c: &Ctx, k: usize) -> Option<(usize, bool)> {
    // The segmenter keeps "a.m." whole where no sentence ends after it.
    let pm = match c.l(k) {
        "am" | "a.m" | "a.m." => false,
        "pm" | "p.m" | "p.m." => true,
        _ => return None,
    };
    // "a.m" takes its closing stop when the stop is glued to it ([`find`] gives a sentence's
    // last stop back).
    let mut end = k + 1;
    if matches!(c.l(k), "a.m" | "p.m") && c.is(end, ".") && c.glued(end) {
        end += 1;
    }
    Some((end, pm))
}

/// The zones a time may name after it, with their offset when it is one and fixed.
const ZONES: &[(&str, Option<&str>)] = &[
    ("gmt", Some("Z")),
    ("utc", Some("Z")),
    ("z", Some("Z")),
    ("bst", Some("+01:00")),
    ("cet", Some("+01:00")),
    ("cest", Some("+02:00")),
    ("eet", Some("+02:00")),
    ("eest", Some("+03:00")),
    ("msk", Some("+03:00")),
    ("jst", Some("+09:00")),
    ("kst", Some("+09:00")),
    ("hkt", Some("+08:00")),
    ("sgt", Some("+08:00")),
    ("aest", Some("+10:00")),
    ("aedt", Some("+11:00")),
    ("est", Some("-05:00")),
    ("edt", Some("-04:00")),
    ("cdt", Some("-05:00")),
    ("mst", Some("-07:00")),
    ("mdt", Some("-06:00")),
    ("pst", Some("-08:00")),
    ("pdt", Some("-07:00")),
    // Ambiguous or seasonal: named, no offset (CST is also China's, IST India's, Ireland's
    // and Israel's).
    ("et", None),
    ("pt", None),
    ("ct", None),
    ("cst", None),
    ("ist", None),
];

/// A zone at token `k` (upper-case abbreviations only, "Z" glued to digits included):
/// `Some((end, offset))`. "local time" is a zone without an offset.
fn zone(c: &Ctx, k: usize) -> Option<(usize, Option<&'static str>)> {
    let t = c.t.get(k)?;
    if t.kind != TokenKind::Word || t.blocked {
        return None;
    }
    if c.is(k, "local") && c.is(k + 1, "time") {
        return Some((k + 2, None));
    }
    if !t.s.bytes().all(|b| b.is_ascii_uppercase()) || t.s == "Z" && t.gap {
        return None;
    }
    ZONES.iter().find(|(name, _)| *name == t.l).map(|&(_, offset)| (k + 1, offset))
}

/// The time of day starting at token `i` (a number): its end and ISO value.
fn at(c: &Ctx, i: usize) -> Option<(usize, String)> {
    let s = c.t[i].s;
    let mut end;
    let (hour, minute, second);
    let mut glued_half: Option<bool> = None;
    // "4pm", "10am": one token.
    if let Some((h, half)) = s.strip_suffix("pm").map(|h| (h, true)).or_else(|| s.strip_suffix("am").map(|h| (h, false))) {
        (hour, minute) = dotted(h)?;
        second = None;
        glued_half = Some(half);
        end = i + 1;
    } else if c.is(i + 1, ":") && c.glued(i + 1) && c.glued(i + 2) {
        // "10:30", "10:30pm", "16:05:30"
        hour = digits(s, 2)?;
        let m = c.t.get(i + 2)?.s;
        let (m, half) = match (m.strip_suffix("pm"), m.strip_suffix("am")) {
            (Some(m), _) => (m, Some(true)),
            (_, Some(m)) => (m, Some(false)),
            _ => (m, None),
        };
        if m.len() != 2 {
            return None;
        }
        minute = digits(m, 2)?;
        glued_half = half;
        end = i + 3;
        second = if half.is_none() && c.is(end, ":") && c.glued(end) && c.glued(end + 1) {
            let sec = digits(c.t.get(end + 1)?.s, 2).filter(|_| c.t[end + 1].s.len() == 2)?;
            end += 2;
            Some(sec)
        } else {
            None
        };
        // More digits or separators glued on: a scale, a verse list or an identifier.
        if c.glued(end) && c.t.get(end).is_some_and(|t| t.kind == TokenKind::Number || matches!(t.s, ":" | "," | "/" | "-")) {
            return None;
        }
    } else if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        // "at 0830 GMT", "(1500 UTC)": four digits are a time only before GMT, UTC or Z, after
        // a word that opens a time ("in 2023 GMT ..." is a year).
        let hm = digits(s, 4)?;
        let opens = i > 0 && c.any(i - 1, OPENERS);
        if !opens {
            return None;
        }
        let (z_end, offset) = zone(c, i + 1)?;
        if offset != Some("Z") && !c.is(i + 1, "local") {
            return None;
        }
        let (h, m) = (hm / 100, hm % 100);
        if h > 23 || m > 59 {
            return None;
        }
        return Some((z_end, format!("T{h:02}:{m:02}{}", offset.unwrap_or_default())));
    } else {
        // "4" or "10.30" before a half of the day ("10.30" alone is a decimal).
        (hour, minute) = dotted(s)?;
        second = None;
        end = i + 1;
    }
    let half = match glued_half {
        Some(half) => Some(half),
        None => meridiem(c, end).map(|(e, half)| {
            end = e;
            half
        }),
    };
    // "from 9 to 11 a.m.", "9-11 p.m.": an hour alone takes the half of the day of the time
    // that ends its range (the span stays its own).
    let half = half.or_else(|| {
        let bare = end == i + 1 && glued_half.is_none();
        let joined = c.any(end, &["to", "and", "-", "–", "until", "till"]);
        let next = c.t.get(end + 1).filter(|t| t.kind == TokenKind::Number).and_then(|t| dotted(t.s));
        if bare && joined && next.is_some_and(|(h, _)| (1..=12).contains(&h)) {
            meridiem(c, end + 2).map(|(_, half)| half)
        } else {
            None
        }
    });
    let hour = match half {
        Some(pm) => {
            if !(1..=12).contains(&hour) || minute > 59 {
                return None;
            }
            hour % 12 + if pm { 12 } else { 0 }
        }
        // "10:30" alone: a 24-hour clock; a number alone is no time.
        None if end > i + 1 && hour <= 23 && minute <= 59 => hour,
        None => return None,
    };
    if second.is_some_and(|s| s > 59) {
        return None;
    }
    let mut iso = format!("T{hour:02}:{minute:02}");
    if let Some(s) = second {
        iso.push_str(&format!(":{s:02}"));
    }
    if let Some((z_end, offset)) = zone(c, end) {
        end = z_end;
        if let Some(o) = offset {
            iso.push_str(o);
        }
    }
    Some((end, iso))
}

#[cfg(test)]
mod tests {
    use super::super::ctx_of;
    use super::*;

    fn times(text: &str) -> Vec<(String, String)> {
        let mut lower = String::new();
        let c = ctx_of(text, None, &mut lower);
        let mut out = Vec::new();
        find(&c, &mut out);
        out.into_iter().map(|f| (f.span.of(text).to_owned(), f.iso().map(String::from).unwrap_or_default())).collect()
    }

    fn one(text: &str, want: &str, iso: &str) {
        assert_eq!(times(text), vec![(want.to_owned(), iso.to_owned())], "{text}");
    }

    #[test]
    fn reads_clock_times() {
        one("He spoke at 10:30 a.m. on Monday.", "10:30 a.m.", "T10:30");
        one("The attack began at 4 p.m. local time.", "4 p.m. local time", "T16:00");
        one("It lasted until 23:15.", "23:15", "T23:15");
        one("at 4pm", "4pm", "T16:00");
        one("at 10:30pm yesterday", "10:30pm", "T22:30");
        one("at 12 a.m. sharp", "12 a.m.", "T00:00");
        one("at 12:15 p.m. sharp", "12:15 p.m.", "T12:15");
        one("at 16:05:30 GMT", "16:05:30 GMT", "T16:05:30Z");
        one("police said (0830 GMT)", "0830 GMT", "T08:30Z");
        one("from 1500 UTC", "1500 UTC", "T15:00Z");
        one("at 9 p.m. EST on Friday", "9 p.m. EST", "T21:00-05:00");
        one("at 7 AM CET", "7 AM CET", "T07:00+01:00");
        one("at 3 p.m. ET.", "3 p.m. ET", "T15:00");
        one("the 10.30am train", "10.30am", "T10:30");
        one("by 9.15 p.m. on Sunday", "9.15 p.m.", "T21:15");
        one("The deadline expired at midnight on Friday.", "midnight", "T00:00");
        one("They met at noon.", "noon", "T12:00");
        assert_eq!(times("open from 9 to 11 a.m. daily"), [("9".to_owned(), "T09:00".to_owned()), ("11 a.m.".to_owned(), "T11:00".to_owned())]);
        assert_eq!(times("open 7-10 p.m. daily"), [("7".to_owned(), "T19:00".to_owned()), ("10 p.m.".to_owned(), "T22:00".to_owned())]);
    }

    #[test]
    fn keeps_the_sentence_stop() {
        one("They met at 10 a.m. Officials said nothing.", "10 a.m", "T10:00");
        one("They met at 10 a.m.", "10 a.m", "T10:00");
        one("They met at 10 a.m. on Monday.", "10 a.m.", "T10:00");
    }

    #[test]
    fn reads_no_time_in_other_numbers() {
        for text in [
            "a scale of 1:50,000",
            "odds of 2:1",
            "in 2023 there were 25:61 votes",
            "in 2023 GMT rose",
            "in 1999",
            "some 13 pm",
            "I am 5 am",
            "version 1:2:3:4",
            "the 24:00 deadline",
            "at 10:75",
            "https://example.com/10:30",
        ] {
            let found = times(text);
            assert!(found.iter().all(|(s, _)| s != "1:50" && s != "2:1" && s != "2023 GMT" && s != "13 pm" && s != "24:00" && s != "10:75"), "{text}: {found:?}");
        }
        assert!(times("in 1999").is_empty());
        assert!(times("the midnight deadline and a noon meeting").is_empty());
        assert!(times("from 9 to 11 members").is_empty());
        assert!(times("from 15 to 11 p.m.").len() == 1);
        assert!(times("a rise of 10.30 points").is_empty());
        assert!(times("at 10.3 pm").is_empty());
        assert!(times("some 13 pm").is_empty());
        assert!(times("the 24:00 deadline").is_empty());
        assert!(times("a scale of 1:50,000").is_empty());
    }
}
