//! Stage 2: the publication date a document states about itself.
//!
//! Looked for near the top only (the first 12 lines, at most 2,000 bytes), in this order:
//! 1. a line or label that says so: `date 2024-02-14`, `Published: February 14, 2024`,
//!    `Updated 14 Feb 2024`, `Posted on 2024-02-14`;
//! 2. a bare ISO date (`2024-02-14`) or a full written date ("February 14, 2024") standing
//!    alone on one of the first lines (a dateline).
//!
//! A date further down the article is something the article talks about, not when it was
//! written, so it is never taken. The caller's date ([`crate::Options::published`]) wins over
//! any found here.

use crate::date::{month_from_name, Date};

const LABELS: &[&str] = &["date", "published", "updated", "posted", "first published", "last updated", "dateline"];

/// Finds the publication date stated at the top of `text`.
pub fn find(text: &str) -> Option<Date> {
    let head = &text[..floor_boundary(text, 2000)];
    // The first 12 lines, on the stack.
    let mut first = [""; 12];
    let mut n = 0;
    for (slot, line) in first.iter_mut().zip(head.lines()) {
        *slot = line;
        n += 1;
    }
    let lines = &first[..n];
    // 1. Labelled dates.
    for line in lines {
        let line = line.trim();
        let found = first_labels(line.as_bytes());
        for (label, at) in LABELS.iter().zip(found) {
            if let Some(pos) = at {
                let before_ok = pos == 0 || !line.as_bytes()[pos - 1].is_ascii_alphabetic();
                let rest = &line[pos + label.len()..];
                let rest = rest.trim_start_matches([':', ' ', '\t']);
                let rest = rest.strip_prefix("on ").unwrap_or(rest);
                if before_ok {
                    if let Some(d) = date_at_start(rest) {
                        return Some(d);
                    }
                }
            }
        }
    }
    // 2. A date alone on a line.
    lines.iter().find_map(|line| {
        let t = line.trim();
        if t.len() <= 40 {
            date_at_start(t)
        } else {
            None
        }
    })
}

/// Where each of the [`LABELS`] first occurs in `line`, in any case: what `find` would say of
/// the line in lower case, in one pass. (Lower-casing ASCII keeps every byte where it is, and
/// an ASCII label can only match at a character boundary.)
fn first_labels(line: &[u8]) -> [Option<usize>; LABELS.len()] {
    let mut found = [None; LABELS.len()];
    for (i, &b) in line.iter().enumerate() {
        // The labels (indexes into LABELS) that start with this letter, if any (`| 0x20` is the
        // lower case of a letter): most bytes start none, and the others at most two.
        let starting: &[usize] = match b | 0x20 {
            b'd' => &[0, 6],
            b'p' => &[1, 3],
            b'u' => &[2],
            b'f' => &[4],
            b'l' => &[5],
            _ => continue,
        };
        for &k in starting {
            let l = LABELS[k].as_bytes();
            if found[k].is_none() && line.get(i..i + l.len()).is_some_and(|w| w.eq_ignore_ascii_case(l)) {
                found[k] = Some(i);
            }
        }
    }
    found
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A date at the start of `s`: `2024-02-14`, `February 14, 2024`, `14 February 2024`,
/// optionally preceded by a weekday ("Wednesday, February 14, 2024").
fn date_at_start(s: &str) -> Option<Date> {
    if s.len() >= 10 && s.is_char_boundary(10) {
        if let Some(d) = Date::parse_iso(&s[..10]) {
            return Some(d);
        }
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    let words: &[&str] = match words.first() {
        Some(w) if is_weekday(w) => &words[1..],
        _ => &words[..],
    };
    let number = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
    };
    match words {
        [m, d, y, ..] if month_from_name(m).is_some() => {
            Date::new(number(y)? as i32, month_from_name(m)?, u8::try_from(number(d)?).ok()?)
        }
        [d, m, y, ..] if month_from_name(m).is_some() => {
            Date::new(number(y)? as i32, month_from_name(m)?, u8::try_from(number(d)?).ok()?)
        }
        _ => None,
    }
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .contains(&w.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_where_the_lower_case_line_has_them() {
        for line in ["Published: x", "LAST UPDATED, first published, Date", "dateline", "Ünïcode date é", "up-dated posted POSTED", "", "d", "fIrSt PuBlIsHeD"] {
            let lower = line.to_ascii_lowercase();
            let want: Vec<Option<usize>> = LABELS.iter().map(|l| lower.find(l)).collect();
            assert_eq!(first_labels(line.as_bytes()).to_vec(), want, "{line:?}");
        }
    }

    #[test]
    fn finds_stated_dates() {
        let d = Date::new(2024, 2, 14);
        assert_eq!(find(" date 2024-02-14 Russia is gaining"), d);
        assert_eq!(find("Headline\nPublished: February 14, 2024 at 10:00\n\nText"), d);
        assert_eq!(find("Updated Wednesday, 14 Feb. 2024\nText"), d);
        assert_eq!(find("Headline\n2024-02-14\nText"), d);
        assert_eq!(find("The war began on 2022-02-24 and goes on."), None);
        assert_eq!(find("No date here."), None);
    }
}
