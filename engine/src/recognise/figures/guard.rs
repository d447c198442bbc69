//! Where no figure may be: identifiers and the like.
//!
//! A *chunk* is a run of tokens without white space between them ("Shahed-136,", "F-16s",
//! "https://example.com/2024", "+47 22 33 44 55" is several). Every token of a chunk is
//! **blocked** when the chunk is
//!
//! * a model name or identifier: letters, a hyphen, digits ("Shahed-136", "Su-34", "S-400",
//!   "COVID-19", "PAC-3"), except the date prefixes "mid-", "pre-", "post-", "early-", "late-";
//!   digits glued to letters ("A320", "9M723") are no number token in the first place;
//! * a URL ("://", "www."), an e-mail or handle ("@"), a hashtag ("#2024");
//! * a time or ratio ("10:30", "3:1");
//! * an ISBN (after "ISBN") or a phone number ("+47 22 33 44 55", "(555) 123-4567",
//!   "555-123-4567").
//!
//! A number right after a capitalised word is a name too ("Leopard 2", "Focus 2024",
//! "Vision 2030", "Boeing 737"): [`titled`] says so, except after months, weekdays and the
//! ordinary words that open a sentence ("In 2022", "About 300").

use super::{Ctx, TokenKind};

/// Capitalised words that may stand right before a number: function words and adverbs that
/// open sentences or headlines. Sorted (a test checks), for a binary search: a scan of the
/// list cost ~200 comparisons and its 50 cache lines for each number after a capital.
const CAP_OK: &[&str] = &[
    "a", "about", "above", "after", "against", "all", "allegedly", "almost", "along", "also", "although", "among",
    "an", "and", "another", "approximately", "apr", "are", "around", "as", "at", "aud", "aug", "autumn", "barely",
    "be", "because", "been", "before", "below", "between", "beyond", "both", "but", "by", "cad", "can", "chf",
    "christmas", "circa", "cny", "could", "dec", "during", "each", "easter", "either", "estimated", "eur", "even",
    "every", "exactly", "fall", "feb", "fewer", "fiscal", "for", "from", "fully", "gbp", "had", "has", "have", "he",
    "here", "however", "i", "if", "in", "inr", "into", "is", "it", "jan", "jpy", "jul", "jun", "just", "last",
    "least", "less", "like", "mar", "may", "maybe", "meanwhile", "might", "more", "most", "must", "nearly",
    "neither", "next", "no", "nor", "not", "nov", "now", "number", "oct", "of", "off", "on", "only", "or", "out",
    "over", "page", "past", "per", "perhaps", "possibly", "reportedly", "roughly", "rub", "said", "say", "says",
    "sep", "sept", "she", "should", "since", "so", "some", "spring", "still", "summer", "than", "that", "the",
    "then", "there", "these", "they", "this", "those", "though", "through", "throughout", "till", "to", "today",
    "tomorrow", "top", "total", "u.s.", "uah", "under", "until", "up", "upwards", "us", "usd", "via", "was", "we",
    "were", "when", "whereas", "while", "will", "winter", "with", "within", "without", "would", "year", "years",
    "yesterday", "yet", "you",
];

/// Whether the number at token `i` follows a capitalised word that makes it part of a name.
pub fn titled(c: &Ctx, i: usize) -> bool {
    if i == 0 || !c.t[i].gap || !c.capitalised(i - 1) {
        return false;
    }
    let w = c.l(i - 1);
    let w = w.trim_end_matches('.');
    !(CAP_OK.binary_search(&w).is_ok() || crate::date::month_from_name(w).is_some() || weekday(w))
}

fn weekday(w: &str) -> bool {
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(&w)
}

/// Whether a chunk opening with the token `s` (lower-cased `l`) is read by [`mark`] even
/// without a digit, "@" or ":" in it: one opening with "#", "www." or "isbn".
pub fn odd_opening(s: &str, l: &str) -> bool {
    s.starts_with('#') || l.starts_with("www.") || l.starts_with("isbn")
}

/// Marks the blocked tokens of `c`. `odd` are the chunks (first token, token after) that hold
/// a digit (or a token [`super::Tok::odd`]) or open as [`odd_opening`] says, in text order, as
/// [`Ctx`] noted them while reading its tokens: a chunk without any of these is blocked only
/// right after an ISBN, and each test below needs one of them.
///
/// Reading the tokens' views again for their chunks cost a cache miss per line of them (the
/// views of a window outgrow the first-level cache as they are made); the chunks between
/// `odd` ones are not read.
pub fn mark(c: &mut Ctx, odd: &[(u32, u32)]) {
    let n = c.t.len();
    let mut isbn_next = false;
    let mut phone_open = false;
    // Where the last chunk read ended.
    let mut last = 0;
    for &(a, b) in odd {
        let (a, b) = (a as usize, b as usize);
        if a > last {
            // Ordinary chunks between: the first is blocked after an ISBN, and they end a phone
            // number.
            if isbn_next {
                block_chunk(c, last, a);
            }
            isbn_next = false;
            phone_open = false;
        }
        last = b;
        let chunk = &c.text[c.span(a, b).range()];
        // One pass: digits, "@", "://".
        let bytes = chunk.as_bytes();
        let (mut digits, mut at_sign, mut scheme) = (0usize, false, false);
        for (k, &x) in bytes.iter().enumerate() {
            digits += usize::from(x.is_ascii_digit());
            at_sign |= x == b'@';
            scheme |= x == b':' && bytes[k + 1..].starts_with(b"//");
        }
        let mut block = isbn_next;
        isbn_next = false;
        let lower = &c.t[a].l;
        if lower.starts_with("isbn") {
            block = true;
            isbn_next = true;
        }
        if scheme || lower.starts_with("www.") || at_sign || chunk.starts_with('#') {
            block = true;
        }
        if digits > 0 && identifier(c, a, b) {
            block = true;
        }
        // Phone numbers: a "+47" or "(555)" chunk opens one, following digit groups go on.
        let phoneish = digits > 0 && chunk.chars().all(|ch| ch.is_ascii_digit() || "+-()–./".contains(ch));
        let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', ')']);
        if phone_open && phoneish && digits <= 5 && !trimmed.contains('.') {
            block = true;
        } else {
            phone_open = false;
        }
        if phoneish && (chunk.starts_with('+') || (chunk.starts_with('(') && (2..=4).contains(&digits) && chunk.ends_with(')'))) {
            // Only when digit groups follow: "(2022)" alone is a year in brackets.
            let next_digits = b < n && c.t[b].kind == TokenKind::Number;
            if chunk.starts_with('+') || next_digits {
                block = true;
                phone_open = true;
            }
        }
        if phoneish && digits >= 7 && !phone_open && phone_shape(trimmed) {
            block = true;
        }
        if block {
            for t in &mut c.t[a..b] {
                t.blocked = true;
            }
        }
    }
    if isbn_next {
        block_chunk(c, last, n);
    }
}

/// Blocks the chunk that starts at token `a` (the next chunk starts at `limit` at the latest).
fn block_chunk(c: &mut Ctx, a: usize, limit: usize) {
    if a >= limit {
        return;
    }
    let mut b = a + 1;
    while b < limit && !c.t[b].gap {
        b += 1;
    }
    for t in &mut c.t[a..b] {
        t.blocked = true;
    }
}

/// Letters, a hyphen, digits inside the chunk `a..b`; or digits around a colon.
fn identifier(c: &Ctx, a: usize, b: usize) -> bool {
    let has_word = c.t[a..b].iter().any(|x| x.kind == TokenKind::Word);
    let has_number = c.t[a..b].iter().any(|x| x.kind == TokenKind::Number);
    for k in a..b {
        let t = &c.t[k];
        if t.kind == TokenKind::Word && k + 2 < b && is_hyphen(c.t[k + 1].l) && c.t[k + 2].kind == TokenKind::Number {
            let w = t.l;
            if !["mid", "pre", "post", "early", "late", "end", "start", "under", "over"].contains(&w) {
                return true;
            }
        }
        // A number glued after a letter word with a slash or period path: "covid/19".
        if t.s == ":" && k > a && k + 1 < b && c.t[k - 1].kind == TokenKind::Number && c.t[k + 1].kind == TokenKind::Number {
            return true;
        }
        // Digits directly followed by a hyphen and a code in capitals: "136-A", "2S-19".
        if t.kind == TokenKind::Number && k + 2 < b && is_hyphen(c.t[k + 1].l) && c.t[k + 2].kind == TokenKind::Word {
            let w = c.t[k + 2].s;
            if w.chars().count() <= 2 && w.chars().all(|ch| ch.is_uppercase() || ch.is_ascii_digit()) {
                return true;
            }
        }
        // A slash path with letters and digits: "example.org/2024/report".
        if t.s == "/" && k > a && has_word && has_number {
            let letters_before = c.t[k - 1].kind == TokenKind::Word && c.t[k - 1].s.contains('.');
            if letters_before {
                return true;
            }
        }
    }
    false
}

/// Whether `s` is a hyphen or dash.
pub fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "‐" | "‑" | "–")
}

/// "555-123-4567", "123-4567", "978-3-16-148410-0": digit groups joined by hyphens that are
/// neither an ISO date ("2024-02-14") nor a range of years ("2014-2022").
fn phone_shape(s: &str) -> bool {
    let groups: Vec<&str> = s.split(['-', '–', '.']).collect();
    if groups.iter().any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    match groups.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => false,
        [a, b] => a.len() == 3 && b.len() == 4,
        g => g.len() >= 3,
    }
}

#[cfg(test)]
mod tests {
    /// [`super::titled`] looks a word up in `CAP_OK` by binary search.
    #[test]
    fn cap_ok_is_sorted() {
        assert!(super::CAP_OK.windows(2).all(|w| w[0] < w[1]));
    }
}
