//! Numbers: digits, number words, scale words, fractions and vague amounts.
//!
//! [`parse`] reads the number that starts at a token and says where it ends (a token index).
//! It reads
//!
//! * digits with grouping commas and a decimal point ("1,000", "118.5"), glued scale suffixes
//!   ("48bn", "5m", "10k"), ordinal suffixes ("13th") and decades ("1990s");
//! * number words ("three", "twenty-five", "one hundred and twenty", "a dozen");
//! * a following scale word ("118.5 billion", "two million", "1.5 bn");
//! * fractions ("a third", "two-thirds", "half", "three quarters");
//! * vague plural amounts ("millions", "tens of thousands", "dozens"): no single value.

use super::{guard, Ctx};
use crate::segment::TokenKind;

/// A number read from the tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num {
    /// The value; `None` for vague amounts ("millions").
    pub value: Option<f64>,
    /// The token after the number.
    pub end: usize,
    /// Written in words ("three") rather than digits.
    pub words: bool,
    /// An ordinal ("13th", "third").
    pub ordinal: bool,
    /// A fraction ("a third").
    pub fraction: bool,
    /// A decade ("1990s").
    pub decade: bool,
    /// A scale was applied ("million", "bn").
    pub scaled: bool,
    /// Written as plain digits with no separators or suffix ("2024"), so possibly a year.
    pub plain: bool,
}

const UNITS: [&str; 20] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth",
];

/// The value of a scale word: "thousand" 1e3, "bn" 1e9; `glued` allows the short forms that
/// only follow a number directly or a currency ("m", "k").
pub fn scale(word: &str, short: bool) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trln" | "tln" => 1e12,
        "mil" | "mm" if short => 1e6,
        "lakh" | "lakhs" | "lac" => 1e5,
        "crore" | "crores" => 1e7,
        "m" if short => 1e6,
        "k" if short => 1e3,
        "b" if short => 1e9,
        _ => return None,
    })
}

/// A word's value as a cardinal (0-90) or `None`.
fn small(word: &str) -> Option<f64> {
    if let Some(i) = UNITS.iter().position(|u| *u == word) {
        return Some(i as f64);
    }
    TENS.iter().position(|t| *t == word).map(|i| (i as f64 + 2.0) * 10.0)
}

/// A word's value as an ordinal ("third" 3, "twentieth" 20).
fn ordinal_word(word: &str) -> Option<f64> {
    if let Some(i) = ORDINAL_UNITS.iter().position(|u| *u == word) {
        return Some(i as f64);
    }
    let tens = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];
    if let Some(i) = tens.iter().position(|t| *t == word) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    match word {
        "hundredth" => Some(100.0),
        "thousandth" => Some(1000.0),
        _ => None,
    }
}

/// Parses a digits token: its value and what is glued after the digits.
pub fn digits(s: &str) -> Option<(f64, &str)> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(s.len());
    let num = s[..end].trim_end_matches(['.', ',']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Grouping commas must group by three ("1,000,000"); a decimal point at most once.
    let (int, frac) = match num.split_once('.') {
        Some((_, f)) if f.contains('.') => return None,
        Some((int, f)) => (int, Some(f)),
        None => (num, None),
    };
    if frac.is_some_and(|f| f.contains(',') || f.is_empty()) {
        return None;
    }
    // Without grouping commas the digits read as written: no copy (most numbers).
    let v: f64 = if int.contains(',') {
        // Grouped by three ("1,234,567"), or the Indian way ("12,34,567": lakhs and crores).
        let n = int.bytes().filter(|&b| b == b',').count() + 1;
        let (mut western, mut indian) = (true, n > 2);
        for (k, g) in int.split(',').enumerate() {
            if k == 0 {
                western &= (1..=3).contains(&g.len());
                indian &= (1..=2).contains(&g.len());
            } else {
                western &= g.len() == 3;
                indian &= if k == n - 1 { g.len() == 3 } else { g.len() == 2 };
            }
        }
        if !(western || indian) {
            return None;
        }
        let mut clean = String::with_capacity(num.len());
        clean.extend(int.split(','));
        if let Some(f) = frac {
            clean.push('.');
            clean.push_str(f);
        }
        clean.parse().ok()?
    } else {
        num.parse().ok()?
    };
    v.is_finite().then_some((v, &s[num.len()..]))
}

/// Reads the number starting at token `i`, unless it is blocked or part of a name.
pub fn parse(c: &Ctx, i: usize) -> Option<Num> {
    // Most tokens cannot start a number: no need to look at the cache for them.
    if !c.may_number(i) {
        return None;
    }
    memo(&c.nums[c.t[i].num as usize][0], || parse_token(c, i))
}

/// `read()`, kept in `slot` (a token's, [`super::Tok::num`]) for the next call: the value of a
/// token the recognisers ask for again and again.
fn memo(slot: &std::cell::Cell<Option<Option<Num>>>, read: impl FnOnce() -> Option<Num>) -> Option<Num> {
    if let Some(known) = slot.get() {
        return known;
    }
    // `read` may fill other tokens' slots (a number reads the ones after it), not this one's.
    let n = read();
    slot.set(Some(n));
    n
}

/// [`parse`] without the per-token memo.
fn parse_token(c: &Ctx, i: usize) -> Option<Num> {
    let t = c.t.get(i)?;
    if t.blocked {
        return None;
    }
    // "the one", "that one", "which one": a pronoun
    if t.l == "one" && i > 0 && c.any(i - 1, &["the", "that", "this", "which", "any", "every", "each", "no", "some", "another"]) {
        return None;
    }
    let n = parse_raw(c, i)?;
    // "Leopard 2", "Focus 2024" are names; "London 7 million" is not.
    if t.kind == TokenKind::Number && guard::titled(c, i) && !n.scaled {
        return None;
    }
    Some(n)
}

/// Reads the number starting at token `i`, whatever stands before it.
pub fn parse_raw(c: &Ctx, i: usize) -> Option<Num> {
    if !c.may_number(i) {
        return None;
    }
    memo(&c.nums[c.t[i].num as usize][1], || parse_raw_token(c, i))
}

/// [`parse_raw`] without the per-token memo.
fn parse_raw_token(c: &Ctx, i: usize) -> Option<Num> {
    let t = c.t.get(i)?;
    if t.blocked {
        return None;
    }
    let mut n = match t.kind {
        TokenKind::Number => from_digits(c, i)?,
        // A word no number starts with: from_words has nothing to read.
        TokenKind::Word if t.class & super::class::NUM_START == 0 => return None,
        TokenKind::Word => from_words(c, i)?,
        _ if t.s == "." => leading_point(c, i)?,
        _ => return None,
    };
    if n.ordinal || n.decade {
        return Some(n);
    }
    // A scale word after: "118.5 billion", "two million", "a hundred thousand".
    let mut k = n.end;
    while let (Some(v), Some(s)) = (n.value, c.t.get(k).and_then(|t| scale(t.l, false))) {
        if c.t[k].kind != TokenKind::Word || (n.scaled && s <= 1e3 && n.value.unwrap_or(0.0) >= 1e6) {
            break;
        }
        n.value = Some(v * s);
        n.scaled = true;
        n.plain = false;
        k += 1;
        n.end = k;
    }
    // Proportions: "two out of five hundred", "1 in twenty-one", "one over three".
    if !n.fraction && !n.scaled {
        let (joiner, k) = if c.is(n.end, "out") && c.is(n.end + 1, "of") { (true, n.end + 2) } else { (c.any(n.end, &["in", "over"]), n.end + 1) };
        if joiner {
            if let Some(d) = c.t.get(k).filter(|t| matches!(t.kind, TokenKind::Number | TokenKind::Word) && !t.blocked).and_then(|_| parse_raw(c, k)) {
                let mut d = d;
                // "two out of five hundreds"
                if let Some(s) = c.any(d.end, &["hundreds", "thousands"]).then(|| if c.is(d.end, "hundreds") { 1e2 } else { 1e3 }).filter(|_| !d.scaled) {
                    d.value = d.value.map(|v| v * s);
                    d.end += 1;
                }
                let den = d.value.unwrap_or(0.0);
                let num = n.value.unwrap_or(0.0);
                let year_like = d.plain && (1000.0..=2100.0).contains(&den);
                let then_word = c.t.get(d.end).is_some_and(|t| t.kind == TokenKind::Word);
                let over_ok = !c.is(n.end, "over") || !then_word;
                let time = c.t.get(d.end).is_some_and(|t| super::quantity::TIME_UNITS.contains(&t.l));
                // "2000 over 3" may be improper
                let proper = den > num || (c.is(n.end, "over") && den > 0.0);
                if !d.ordinal && !d.fraction && proper && num > 0.0 && !year_like && over_ok && !time {
                    n.value = Some(num / den);
                    n.fraction = true;
                    n.end = d.end;
                    return Some(n);
                }
            }
        }
    }
    // "3 hundred and 21", "3 dozens"
    if t.kind == TokenKind::Number && c.any(n.end, &["dozen", "dozens", "dz", "dzs", "doz", "dozs"]) {
        n.value = n.value.map(|v| v * 12.0);
        n.end += 1;
    }
    // "3 million and a half"
    if n.scaled && t.kind == TokenKind::Number {
        if let Some((f, e)) = and_fraction(c, n.end, ends_on_scale(c, i, n.end)) {
            n.value = n.value.map(|v| v + f);
            n.end = e;
        }
    }
    if n.scaled && t.kind == TokenKind::Number && !c.is(i.wrapping_sub(1), "between") {
        smaller_parts(c, &mut n);
    }
    Some(n)
}

/// A whole number in digits (a plain integer token) at `k`.
fn whole_digits(c: &Ctx, k: usize) -> Option<f64> {
    let t = c.t.get(k).filter(|t| t.kind == TokenKind::Number && t.gap && !t.blocked)?;
    digits(t.s).filter(|(v, rest)| rest.is_empty() && v.fract() == 0.0).map(|(v, _)| v)
}

/// "4 thousand 3 hundred and 21", "3 hundred and one", "6 crore and two hundred": the smaller
/// parts after a number in digits and a scale word. An "and" takes a remainder below the last
/// scale that no scale follows ("3 hundred and 2 hundred" are two numbers), in digits only
/// after "hundred".
fn smaller_parts(c: &Ctx, n: &mut Num) {
    let Some(mut least) = scale(c.l(n.end - 1), false) else { return };
    let mut value = n.value.unwrap_or(0.0);
    // digits and a smaller scale: "4 thousand 3 hundred"
    while let Some(d) = whole_digits(c, n.end).filter(|d| *d >= 1.0 && *d < 1000.0) {
        let Some(s) = c.t.get(n.end + 1).filter(|t| t.kind == TokenKind::Word).and_then(|t| scale(t.l, false)).filter(|s| *s < least) else { break };
        value += d * s;
        least = s;
        n.end += 2;
    }
    if c.is(n.end, "and") {
        let k = n.end + 1;
        let scaled_after = |e: usize| scale(c.l(e), true).is_some() || denom_at(c, e).is_some() || c.any(e, &["of", "point", "."]);
        if let Some(d) = whole_digits(c, k).filter(|d| least == 100.0 && *d >= 1.0 && *d < 100.0 && !scaled_after(k + 1)) {
            value += d;
            n.end = k + 1;
        } else if let Some((v, e, _, _)) = c.t.get(k).filter(|t| t.kind == TokenKind::Word).and_then(|_| cardinal(c, k, false)) {
            let ends_scaled = c.is(e - 1, "hundred") || scale(c.l(e - 1), false).is_some();
            if v >= 1.0 && v < least && (least == 100.0 || ends_scaled) && !scaled_after(e) && !guard::is_hyphen(c.l(e)) {
                value += v;
                n.end = e;
            }
        }
    }
    n.value = Some(value);
}

/// The value of a vulgar fraction character ("½" 0.5).
fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

/// "1e10", "1.3e6", "12.32e+14", "1.1^23", "6.23x10^-4": scientific notation after the digits
/// of token `i` whose glued suffix is `suffix`; the value and the token after.
fn power(c: &Ctx, i: usize, v: f64, suffix: &str) -> Option<(f64, usize)> {
    let exp_at = |k: usize| -> Option<(f64, usize)> {
        // an optional sign token, then digits, all glued
        let mut k = k;
        let mut sign = 1.0;
        // "^-4", "^+14", "^--23" (a run of signs is one token)
        while let Some(t) = c.t.get(k).filter(|t| !t.gap && !t.s.is_empty() && t.s.chars().all(|ch| matches!(ch, '+' | '-' | '−'))) {
            if t.s.chars().filter(|ch| *ch != '+').count() % 2 == 1 {
                sign = -sign;
            }
            k += 1;
        }
        let t = c.t.get(k).filter(|t| t.kind == TokenKind::Number && !t.gap)?;
        let (e, rest) = digits(t.s)?;
        rest.is_empty().then_some((sign * e, k + 1))
    };
    if let Some(e) = suffix.strip_prefix('e') {
        if e.is_empty() {
            let (x, k) = exp_at(i + 1)?;
            return Some((v * 10f64.powf(x), k));
        }
        let x: f64 = e.parse().ok()?;
        return Some((v * 10f64.powf(x), i + 1));
    }
    if suffix == "x10" && c.is(i + 1, "^") && c.glued(i + 1) {
        let (x, k) = exp_at(i + 2)?;
        return Some((v * 10f64.powf(x), k));
    }
    if suffix.is_empty() && c.is(i + 1, "^") && c.glued(i + 1) {
        let (x, k) = exp_at(i + 2)?;
        let r = v.powf(x);
        return r.is_finite().then_some((r, k));
    }
    None
}

/// ".08", ".5": a decimal point with white space (or the start of the text) before it and
/// digits glued after it.
fn leading_point(c: &Ctx, i: usize) -> Option<Num> {
    if !c.t[i].gap {
        return None;
    }
    let d = c.t.get(i + 1).filter(|d| d.kind == TokenKind::Number && !d.gap && !d.blocked && d.s.bytes().all(|b| b.is_ascii_digit()))?;
    let v: f64 = format!("0.{}", d.s).parse().ok()?;
    Some(Num { value: Some(v), end: i + 2, words: false, ordinal: false, fraction: false, decade: false, scaled: false, plain: false })
}

/// "40\u{202f}000", "1\u{202f}234\u{202f}567.89": thousands grouped by narrow no-break spaces,
/// which the word segmentation keeps inside one token.
fn narrow_groups(s: &str) -> Option<f64> {
    let mut groups = s.split('\u{202f}');
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut clean = first.to_owned();
    let mut rest = groups.peekable();
    rest.peek()?;
    while let Some(g) = rest.next() {
        let (int, frac) = match g.split_once('.') {
            Some((a, f)) if rest.peek().is_none() && !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (a, Some(f)),
            Some(_) => return None,
            None => (g, None),
        };
        if int.len() != 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        clean.push_str(int);
        if let Some(f) = frac {
            clean.push('.');
            clean.push_str(f);
        }
    }
    clean.parse().ok()
}

fn from_digits(c: &Ctx, i: usize) -> Option<Num> {
    let t = &c.t[i];
    let mut n = Num { value: None, end: i + 1, words: false, ordinal: false, fraction: false, decade: false, scaled: false, plain: false };
    if let Some(f) = vulgar(t.s) {
        n.value = Some(f);
        n.fraction = true;
        return Some(n);
    }
    if t.s.contains('\u{202f}') {
        n.value = Some(narrow_groups(t.s)?);
        return Some(n);
    }
    let (mut v, suffix) = digits(t.s)?;
    let suffix = suffix.to_ascii_lowercase();
    if let Some((p, k)) = power(c, i, v, &suffix).filter(|(p, _)| p.is_finite()) {
        n.value = Some(p);
        n.end = k;
        return Some(n);
    }
    if let Some(f) = vulgar(&suffix) {
        n.value = Some(v + f);
        n.fraction = true;
        return Some(n);
    }
    // "1 234 567", "40 000", "40\u{202f}000": thousands grouped by spaces
    if suffix.is_empty() && !t.s.contains([',', '.']) && t.s.len() <= 3 {
        let mut k = i + 1;
        let mut groups = 0;
        let mut typographic = false;
        let mut value = v;
        while let Some(g) = c.t.get(k).filter(|g| g.kind == TokenKind::Number && g.gap && g.s.len() == 3 && g.s.bytes().all(|b| b.is_ascii_digit()) || g.kind == TokenKind::Number && g.gap && g.s.len() > 3 && g.s.as_bytes()[..3].iter().all(u8::is_ascii_digit) && g.s.as_bytes()[3] == b'.') {
            let sep = c.text.get(c.end(k - 1)..c.start(k)).unwrap_or("");
            if sep != " " && sep != "\u{202f}" && sep != "\u{a0}" {
                break;
            }
            typographic |= sep != " ";
            let Some((gv, rest)) = digits(g.s) else { break };
            if !rest.is_empty() {
                break;
            }
            value = value * 1000.0 + gv.trunc() + (gv - gv.trunc());
            groups += 1;
            k += 1;
            if g.s.contains('.') {
                break;
            }
        }
        let zeros = groups == 1 && c.t.get(i + 1).is_some_and(|g| g.s == "000");
        if groups >= 2 || typographic && groups >= 1 || zeros {
            n.value = Some(value);
            n.end = k;
            return Some(n);
        }
    }
    match suffix.as_str() {
        "" => n.plain = !t.s.contains([',', '.']),
        "st" | "nd" | "rd" | "th" => n.ordinal = true,
        "s" | "'s" if v >= 1000.0 && v % 10.0 == 0.0 => n.decade = true,
        s => match scale(s, true) {
            Some(m) => {
                v *= m;
                n.scaled = true;
            }
            None => return None,
        },
    }
    // "1/2", "3/4": a fraction in digits.
    if suffix.is_empty() && c.is(i + 1, "/") && c.glued(i + 1) && c.glued(i + 2) {
        if let Some(d) = c.t.get(i + 2).filter(|t| t.kind == TokenKind::Number).and_then(|t| digits(t.s)).filter(|(d, s)| s.is_empty() && *d > 0.0 && *d <= 100.0) {
            if v < d.0 && !c.is(i + 3, "/") {
                n.value = Some(v / d.0);
                n.fraction = true;
                n.end = i + 3;
                return Some(n);
            }
        }
    }
    // "10 1/2": a whole number and a fraction.
    if suffix.is_empty() && !t.s.contains('.') && c.t.get(i + 1).is_some_and(|t| t.gap && t.kind == TokenKind::Number) && c.is(i + 2, "/") && c.glued(i + 2) && c.glued(i + 3) {
        let a = c.t.get(i + 1).and_then(|t| digits(t.s)).filter(|(_, s)| s.is_empty());
        let b = c.t.get(i + 3).and_then(|t| digits(t.s)).filter(|(_, s)| s.is_empty());
        if let (Some((a, _)), Some((b, _))) = (a, b) {
            if a < b && b <= 100.0 && !c.is(i + 4, "/") {
                n.value = Some(v + a / b);
                n.fraction = true;
                n.end = i + 4;
                return Some(n);
            }
        }
    }
    n.value = Some(v);
    Some(n)
}

fn word_value(c: &Ctx, i: usize) -> Option<(f64, usize)> {
    let w = c.l(i);
    let v = small(w).or(if matches!(w, "naught" | "nought" | "oh") { Some(0.0) } else { None })?;
    if w == "oh" {
        return None;
    }
    // "twenty-five", "twenty five", "fifty - two"
    if v >= 20.0 {
        let hyphen = guard::is_hyphen(c.l(i + 1));
        let j = if hyphen { i + 2 } else { i + 1 };
        if let Some(u) = small(c.l(j)).filter(|u| *u >= 1.0 && *u <= 9.0) {
            return Some((v + u, j + 1));
        }
    }
    Some((v, i + 1))
}

/// A denominator at token `k`: "third", "thirds", "quarter", "hundredths", "twenty-fifth",
/// "trillionths": its value, whether plural, and the token after.
fn denom_at(c: &Ctx, k: usize) -> Option<(f64, bool, usize)> {
    let w = c.l(k);
    // "twenty-fifth", "twenty firsts"
    if let Some(t) = small(w).filter(|t| *t >= 20.0) {
        let j = if guard::is_hyphen(c.l(k + 1)) && c.glued(k + 1) { k + 2 } else { k + 1 };
        let u = c.l(j);
        let plural = u.ends_with('s');
        let stem = if plural { &u[..u.len() - 1] } else { u };
        if let Some(o) = ordinal_word(stem).filter(|o| *o >= 1.0 && *o <= 9.0) {
            return Some((t + o, plural, j + 1));
        }
        return None;
    }
    let plural = w.ends_with('s') && w != "halves";
    match w {
        "half" | "halves" => return Some((2.0, w == "halves", k + 1)),
        "quarter" | "quarters" => return Some((4.0, plural, k + 1)),
        _ => {}
    }
    let stem = if plural { &w[..w.len() - 1] } else { w };
    if let Some(s) = stem.strip_suffix("th").and_then(|b| scale(b, false)).filter(|s| *s >= 1e2) {
        return Some((s, plural, k + 1));
    }
    ordinal_word(stem).filter(|d| *d >= 3.0).map(|d| (d, plural, k + 1))
}

/// Cardinal number words from token `i`: "one hundred and twenty three", "two thousand and
/// two hundred", "twenty-one trillion three hundred", "three dozens", "two hundred point
/// seventy-one". Returns the value, the token after, and where an "and" split a whole part
/// from the rest (the whole part), for "two hundred and fifty-four hundredths".
fn cardinal(c: &Ctx, i: usize, implicit_one: bool) -> Option<(f64, usize, Option<f64>, f64)> {
    cardinal_until(c, i, implicit_one, c.t.len())
}

/// [`cardinal`] reading no further than token `limit`.
fn cardinal_until(c: &Ctx, i: usize, implicit_one: bool, limit: usize) -> Option<(f64, usize, Option<f64>, f64)> {
    let mut total = 0.0;
    let mut cur: f64 = if implicit_one { 1.0 } else { 0.0 };
    let mut small_part: f64 = 0.0; // units since the last hundred or scale
    let mut any = implicit_one;
    let mut k = i;
    let mut split: Option<f64> = None;
    let mut split_scale = 1.0;
    let mut last_scale = f64::INFINITY;
    while k < limit.min(c.t.len()) && k < i + 40 {
        let w = c.l(k);
        if let Some((v, e)) = word_value(c, k).filter(|(_, e)| *e <= limit) {
            let units = cur % 100.0;
            let joins = units == 0.0 || (units >= 20.0 && units % 10.0 == 0.0 && v < 10.0);
            if any && (!joins || (implicit_one && cur == 1.0 && k == i)) {
                break;
            }
            cur += v;
            small_part += v;
            any = true;
            k = e;
            continue;
        }
        if !any {
            return None;
        }
        if w == "hundred" && cur % 100.0 < 100.0 && (cur % 1000.0) < 100.0 {
            cur = if cur == 0.0 { 100.0 } else { cur * 100.0 };
            small_part = 0.0;
            k += 1;
            continue;
        }
        if let Some(s) = scale(w, false).filter(|s| *s >= 1e3 && *s < last_scale) {
            total += if cur == 0.0 { 1.0 } else { cur } * s;
            cur = 0.0;
            small_part = 0.0;
            last_scale = s;
            k += 1;
            continue;
        }
        if matches!(w, "dozen" | "dozens" | "doz" | "dozs" | "dz" | "dzs") {
            cur += small_part * 11.0;
            small_part = 0.0;
            k += 1;
            continue;
        }
        if w == "and" && (cur % 100.0 == 0.0) && k + 1 < limit && word_value(c, k + 1).is_some_and(|(_, e)| e <= limit) {
            split = Some(total + cur);
            split_scale = if cur == 0.0 && last_scale.is_finite() { last_scale } else { 1.0 };
            k += 1;
            continue;
        }
        if w == "point" {
            // "point zero three", "point seventy-one", "point five"
            let mut digits = String::new();
            let mut j = k + 1;
            while let Some((v, e)) = word_value(c, j) {
                if v >= 100.0 {
                    break;
                }
                digits.push_str(&format!("{}", v as u32));
                j = e;
                if v >= 10.0 {
                    break;
                }
            }
            if let Ok(f) = format!("0.{digits}").parse::<f64>().map_err(|_| ()).and_then(|f| if digits.is_empty() { Err(()) } else { Ok(f) }) {
                return Some((total + cur + f, j, None, 1.0));
            }
        }
        break;
    }
    any.then_some((total + cur, k, split, split_scale))
}

/// The scale the number `a..k` ends on ("two million" 1e6), if it ends on one.
fn ends_on_scale(c: &Ctx, a: usize, k: usize) -> Option<f64> {
    (k > a).then(|| scale(c.l(k - 1), true)).flatten().filter(|s| *s >= 1e3)
}

/// "and a half", "and one fourth", "and three quarters" at token `k`, then perhaps a scale
/// ("and a half million"): the amount to add and the token after. `scale_before` is the scale
/// the whole part ended on ("3 million and a half" adds half a million).
fn and_fraction(c: &Ctx, k: usize, scale_before: Option<f64>) -> Option<(f64, usize)> {
    if !c.is(k, "and") {
        return None;
    }
    let (f, e) = if matches!(c.l(k + 1), "a" | "an") {
        let (d, plural, e) = denom_at(c, k + 2)?;
        if plural {
            return None;
        }
        (1.0 / d, e)
    } else {
        let (num, k2, _, _) = cardinal(c, k + 1, false)?;
        let (d, plural, e) = denom_at(c, k2)?;
        if !((plural && num > 1.0 && num < 20.0) || (!plural && num == 1.0)) {
            return None;
        }
        (num / d, e)
    };
    if let Some(s) = scale(c.l(e), false).filter(|s| *s >= 1e3) {
        return Some((f * s, e + 1));
    }
    Some((f * scale_before.unwrap_or(1.0), e))
}

/// "five and a half million": the whole and the fraction both take the trailing scale.
fn trailing_scale(c: &Ctx, e: usize, whole_scaled: bool) -> Option<f64> {
    if whole_scaled {
        return None;
    }
    let prev = c.l(e.saturating_sub(1));
    scale(prev, false).filter(|s| *s >= 1e3)
}

/// Whether token `k` may be part of the number words before a denominator: units, tens,
/// scales, "and", hyphens.
fn numberish(c: &Ctx, k: usize) -> bool {
    let w = c.l(k);
    small(w).is_some() || scale(w, false).is_some() || w == "and" || guard::is_hyphen(w)
}

/// A denominator at token `k`, the ones [`denom_at`] reads and the compound ordinals "one
/// hundred fifth" (105th), "one hundred and fifth", "one thousand fifths" (1005ths).
fn denominator(c: &Ctx, k: usize) -> Option<(f64, bool, usize)> {
    if let Some(d) = denom_at(c, k) {
        return Some(d);
    }
    let (v, e) = word_value(c, k).filter(|(v, _)| *v >= 1.0)?;
    let s = scale(c.l(e), false)?;
    let o = if c.is(e + 1, "and") { e + 2 } else { e + 1 };
    let (d, plural, end) = denom_at(c, o).filter(|(d, _, _)| *d < 100.0 && !matches!(c.l(o), "half" | "halves" | "quarter" | "quarters"))?;
    Some((v * s + d, plural, end))
}

/// The cardinal number words `a..b` exactly, or their sum where "and" joins them ("twenty and
/// three"); `implicit_one` after an article ("a hundred").
fn words_exactly(c: &Ctx, a: usize, b: usize, implicit_one: bool) -> Option<f64> {
    let mut total = 0.0;
    let mut k = a;
    let mut implicit = implicit_one;
    loop {
        let (v, e, _, _) = cardinal_until(c, k, implicit, b)?;
        total += v;
        if e == b {
            return Some(total);
        }
        if e > b || !c.is(e, "and") || e + 1 >= b {
            return None;
        }
        k = e + 1;
        implicit = false;
    }
}

/// A fraction in words from token `start` (after an article when `article`): the value and the
/// token after. The denominator is the longest that leaves a numerator before it ("one hundred
/// thirty-fifths" is 100/35, "one one hundred fifth" 1/105, "twenty fifths" 20/5); an "and"
/// before the numerator makes a mixed number when the numerator is below the denominator
/// ("two hundred and fifty-four hundredths" 200.54, "twenty and three fifths" 20.6) and adds
/// to it otherwise ("one hundred and thirty fifths" 130/5). A scale after takes the fraction
/// ("one billion and three quarters million"), "of a million" the whole.
fn word_fraction(c: &Ctx, start: usize, article: bool) -> Option<(f64, usize)> {
    let mut q = start;
    while q < c.t.len() && q < start + 40 && numberish(c, q) {
        q += 1;
    }
    for p in start + 1..=q {
        // "ninety - five hundred fifths": "five" belongs to "ninety"
        if p >= 2 && guard::is_hyphen(c.l(p - 1)) && small(c.l(p - 2)).is_some_and(|t| t >= 20.0) && small(c.l(p)).is_some_and(|u| (1.0..=9.0).contains(&u)) {
            continue;
        }
        let Some((d, plural, e)) = denominator(c, p) else { continue };
        // "two-thirds", "one - fourth"
        let ne = if guard::is_hyphen(c.l(p - 1)) { p - 1 } else { p };
        if ne <= start {
            continue;
        }
        let last_and = (start + 1..ne).rev().find(|&k| c.is(k, "and"));
        let (whole, numer) = match last_and {
            Some(a) => match (words_exactly(c, start, a, article), words_exactly(c, a + 1, ne, false)) {
                (Some(w), Some(x)) => (Some(w), x),
                _ => continue,
            },
            None => match words_exactly(c, start, ne, article) {
                Some(x) => (None, x),
                None => continue,
            },
        };
        if !((plural && numer > 1.0) || (!plural && numer == 1.0)) {
            continue;
        }
        let trailing = scale(c.l(e), false).filter(|s| *s >= 1e3);
        let (value, end) = match (whole, trailing) {
            (Some(w), Some(s)) => (w + numer / d * s, e + 1),
            (Some(w), None) if numer < d => {
                let whole_scale = last_and.and_then(|a| ends_on_scale(c, start, a)).unwrap_or(1.0);
                (w + numer / d * whole_scale, e)
            }
            (Some(w), None) => ((w + numer) / d, e),
            (None, _) => (numer / d, e),
        };
        // "two thirds of a million"
        if c.is(end, "of") && matches!(c.l(end + 1), "a" | "an") {
            if let Some(s) = scale(c.l(end + 2), false).filter(|s| *s >= 1e3) {
                return Some((value * s, end + 3));
            }
        }
        return Some((value, end));
    }
    None
}

fn from_words(c: &Ctx, i: usize) -> Option<Num> {
    let mut n = Num { value: None, end: i, words: true, ordinal: false, fraction: false, decade: false, scaled: false, plain: false };
    let w = c.l(i);
    // Vague: "millions", "tens of thousands", "dozens", "hundreds".
    if matches!(w, "dozens" | "hundreds" | "thousands" | "millions" | "billions" | "trillions" | "tens" | "scores") {
        n.end = i + 1;
        if w == "tens" || w == "hundreds" {
            if c.is(i + 1, "of") && matches!(c.l(i + 2), "thousands" | "millions" | "billions") {
                n.end = i + 3;
            } else if w == "tens" {
                return None;
            }
        }
        return Some(n);
    }
    // "half a dozen"
    if w == "half" && c.is(i + 1, "a") && c.is(i + 2, "dozen") {
        n.value = Some(6.0);
        n.end = i + 3;
        return Some(n);
    }
    if w == "quarter" && scale(c.l(i + 1), false).is_some_and(|s| s >= 1e3) {
        n.value = Some(0.25);
        n.fraction = true;
        n.end = i + 1;
        return Some(n);
    }
    if w == "half" {
        n.value = Some(0.5);
        n.fraction = true;
        n.end = i + 1;
        return Some(n);
    }
    // "a third", "a trillionth", "a twenty-first", "a dozen", "a hundred thousand trillionths"
    let article = matches!(w, "a" | "an");
    if article {
        if let Some((d, false, e)) = denom_at(c, i + 1) {
            n.value = Some(1.0 / d);
            n.fraction = true;
            n.end = e;
            return Some(n);
        }
        if c.is(i + 1, "dozen") {
            n.value = Some(12.0);
            n.end = i + 2;
            return Some(n);
        }
        if !(c.is(i + 1, "hundred") || scale(c.l(i + 1), false).is_some_and(|s| s >= 1e3)) {
            return None;
        }
    }
    if let Some(v) = ordinal_word(w) {
        n.value = Some(v);
        n.ordinal = true;
        n.end = i + 1;
        return Some(n);
    }
    let start = if article { i + 1 } else { i };
    // Fractions: "two thirds", "two-thirds", "one hundred thirty-fifths", "twenty and three
    // fifths", "two hundred and fifty-four hundredths" (= 200 + 54/100).
    if let Some((value, end)) = word_fraction(c, start, article) {
        n.value = Some(value);
        n.fraction = true;
        n.end = end;
        return Some(n);
    }
    let (v, k, _, _) = cardinal(c, start, article)?;
    // "one and a half", "five and a quarter", "twenty and three fifths", "two million and a half"
    if let Some((f, e)) = and_fraction(c, k, ends_on_scale(c, start, k)) {
        let value = match trailing_scale(c, e, ends_on_scale(c, start, k).is_some()) {
            Some(s) => v * s + f,
            None => v + f,
        };
        n.value = Some(value);
        n.fraction = true;
        n.end = e;
        return Some(n);
    }
    n.value = Some(v);
    n.end = k;
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::super::Ctx;
    use super::*;
    use crate::segment::tokenize;

    fn num(s: &str) -> Option<(Option<f64>, usize)> {
        let mut lower = String::new();
        let ctx = Ctx::new(s, &tokenize(s), None, &mut lower);
        parse(&ctx, 0).map(|n| (n.value, n.end))
    }

    #[test]
    fn reads_numbers() {
        assert_eq!(num("118.5 billion"), Some((Some(118.5e9), 2)));
        assert_eq!(num("1,000"), Some((Some(1000.0), 1)));
        assert_eq!(num("48bn"), Some((Some(48e9), 1)));
        assert_eq!(num("twenty-five"), Some((Some(25.0), 3)));
        assert_eq!(num("one hundred and twenty three"), Some((Some(123.0), 5)));
        assert_eq!(num("a third"), Some((Some(1.0 / 3.0), 2)));
        assert_eq!(num("two-thirds"), Some((Some(2.0 / 3.0), 3)));
        assert_eq!(num("millions"), Some((None, 1)));
        assert_eq!(num("tens of thousands"), Some((None, 3)));
        assert_eq!(num("1,00"), None);
        assert_eq!(num("1.2.3"), None);
        assert_eq!(num("two million"), Some((Some(2e6), 2)));
        assert_eq!(num(".08"), Some((Some(0.08), 2)));
        assert_eq!(num("40\u{202f}000"), Some((Some(40000.0), 1)));
    }

    /// What `figures::numbers` reads: (text, value) of each number.
    fn numbers(s: &str) -> Vec<(&str, f64)> {
        super::super::numbers(s).into_iter().map(|f| (f.span.of(s), f.value().unwrap_or(f64::NAN))).collect()
    }

    fn near(got: Vec<(&str, f64)>, want: &[(&str, f64)]) {
        assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
        for ((gt, gv), (wt, wv)) in got.iter().zip(want) {
            assert_eq!(gt, wt);
            assert!((gv - wv).abs() <= 1e-9 * wv.abs().max(1.0), "{gt}: {gv} vs {wv}");
        }
    }

    #[test]
    fn reads_word_fractions() {
        // the longest denominator that leaves a numerator
        near(numbers("one hundred thirty fifths"), &[("one hundred thirty fifths", 100.0 / 35.0)]);
        near(numbers("one hundred thirty-fifths"), &[("one hundred thirty-fifths", 100.0 / 35.0)]);
        near(numbers("twenty fifths"), &[("twenty fifths", 4.0)]);
        near(numbers("one one hundred and fifth"), &[("one one hundred and fifth", 1.0 / 105.0)]);
        near(numbers("one hundred one thousand fifths"), &[("one hundred one thousand fifths", 100.0 / 1005.0)]);
        near(numbers("ninety - five hundred fifths"), &[("ninety - five hundred fifths", 1900.0)]);
        // after "and": mixed below the denominator, improper above it
        near(numbers("two and fifty-four hundredths"), &[("two and fifty-four hundredths", 2.54)]);
        near(numbers("one hundred and thirty fifths"), &[("one hundred and thirty fifths", 26.0)]);
        near(numbers("twenty and three and three fifths"), &[("twenty and three and three fifths", 23.6)]);
        near(numbers("one billion and three quarters million"), &[("one billion and three quarters million", 1_000_750_000.0)]);
        near(numbers("five - eighths"), &[("five - eighths", 0.625)]);
        near(numbers(" two thirds of a million"), &[("two thirds of a million", 2e6 / 3.0)]);
        near(numbers("two out of five hundreds tvs"), &[("two out of five hundreds", 0.004)]);
        near(numbers("2000 over 3"), &[("2000 over 3", 2000.0 / 3.0)]);
        // no fraction where the numerator does not fit the denominator's number
        near(numbers("two fifth graders"), &[("two", 2.0)]);
        near(numbers("twenty seconds"), &[("twenty", 20.0)]);
    }

    #[test]
    fn reads_digit_compounds() {
        near(numbers("4 thousand 3 hundred and 21 is a valid number."), &[("4 thousand 3 hundred and 21", 4321.0)]);
        near(numbers("3 hundred and 2 hundred"), &[("3 hundred", 300.0), ("2 hundred", 200.0)]);
        near(numbers("3 hundred and one is"), &[("3 hundred and one", 301.0)]);
        near(numbers("I count 6 crore and two hundred"), &[("6 crore and two hundred", 60_000_200.0)]);
        near(numbers("He had 2 million and one of them"), &[("2 million", 2e6), ("one", 1.0)]);
        near(numbers("between 3 hundred and 50"), &[("3 hundred", 300.0), ("50", 50.0)]);
        near(numbers(" five dozs"), &[("five dozs", 60.0)]);
        near(numbers("-1.1^--23"), &[("-1.1^--23", -(1.1f64.powi(23)))]);
    }

    #[test]
    fn numbers_read_as_recognizers_text_does() {
        near(numbers("10G"), &[("10G", 1e10)]);
        near(numbers(" 2.33 k"), &[("2.33 k", 2330.0)]);
        near(numbers("- 10  k"), &[("- 10  k", -10000.0)]);
        near(numbers("1,674.5 G"), &[("1,674.5 G", 1.6745e12)]);
        near(numbers("I can give you 10M."), &[("10M", 1e7)]);
        near(numbers("1m isn't a number."), &[]);
        near(numbers("write 5.00 or 5,00."), &[("5.00", 5.0), ("5,00", 5.0)]);
        near(numbers("1.111,11, 1,111.11"), &[("1.111,11", 1111.11), ("1,111.11", 1111.11)]);
        near(numbers("Exercises nrs. 22,24,26,31."), &[("22", 22.0), ("24", 24.0), ("26", 26.0), ("31", 31.0)]);
        near(numbers("1\u{202f}234\u{202f}567.89 is"), &[("1\u{202f}234\u{202f}567.89", 1_234_567.89)]);
        near(numbers(".23456000"), &[(".23456000", 0.23456)]);
    }

    #[test]
    fn percent_words_alone() {
        let pct = |s: &'static str| -> Vec<(&'static str, Option<f64>)> { super::super::percent(s).into_iter().map(|f| (f.span.of(s), f.value())).collect() };
        assert_eq!(pct("per cent of twenty-two"), vec![("per cent of twenty-two", Some(22.0))]);
        assert_eq!(pct("percents of twenty"), vec![("percents of twenty", Some(20.0))]);
        assert_eq!(pct("How do I calculate a percentage?"), vec![("percentage", None)]);
        assert_eq!(pct("10 percent of 20"), vec![("10 percent", Some(10.0))]);
        assert_eq!(pct("https://www.test.com/search?q=30%25%2020%"), vec![]);
    }
}
