//! Number ranges and comparisons: "between 20 and 30", "more than 40", "up to 700",
//! "at least 20", "1000-5000", "200 or more", "greater than 30 and less than or equal to 40".
//!
//! Used for evaluation against Recognizers-Text's NumberRangeModel ([`super::number_ranges`]):
//! the interval is written in its notation, `[a,b)` with open ends left empty ("(40,)").

use super::{guard, number, Ctx};
use crate::segment::TokenKind;
use crate::{Figure, FigureKind, Span};

/// One bound: the value and whether it is included.
type Bound = Option<(f64, bool)>;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

/// A comparison phrase at token `i`: what it says and the token after it.
fn comparator(c: &Ctx, i: usize) -> Option<(Cmp, usize)> {
    let l = |k: usize| c.l(k);
    let w = l(i);
    // Symbols: ">", ">=", "> =", "<", "<=", "=", "≥", "≤"
    match w {
        ">" | "<" => {
            if i > 0 && c.glued(i) && c.any(i - 1, &["=", "<", ">"]) {
                return None;
            }
            let eq = c.is(i + 1, "=");
            let cmp = match (w, eq) {
                (">", true) => Cmp::Ge,
                (">", false) => Cmp::Gt,
                (_, true) => Cmp::Le,
                _ => Cmp::Lt,
            };
            if c.any(i + 1, &["<", ">"]) {
                return None;
            }
            return Some((cmp, if eq { i + 2 } else { i + 1 }));
        }
        "≥" => return Some((Cmp::Ge, i + 1)),
        "≤" => return Some((Cmp::Le, i + 1)),
        "=" if !c.any(i + 1, &["<", ">"]) && (i == 0 || !c.any(i - 1, &["<", ">", "="])) => return Some((Cmp::Eq, i + 1)),
        _ => {}
    }
    let more = ["more", "greater", "larger", "bigger", "higher"];
    let less = ["less", "fewer", "smaller", "lower"];
    // "no less than", "not less than", "no more than"
    if c.any(i, &["no", "not"]) {
        if c.any(i + 1, &less) && c.is(i + 2, "than") {
            return Some((Cmp::Ge, i + 3));
        }
        if c.any(i + 1, &more) && c.is(i + 2, "than") {
            return Some((Cmp::Le, i + 3));
        }
        return None;
    }
    // "at least", "at most", "up to"
    if w == "at" && c.is(i + 1, "least") {
        let k = if c.is(i + 2, "or") && c.is(i + 3, "equal") && c.is(i + 4, "to") { i + 5 } else { i + 2 };
        return Some((Cmp::Ge, k));
    }
    if w == "at" && c.is(i + 1, "most") {
        return Some((Cmp::Le, i + 2));
    }
    if w == "up" && c.is(i + 1, "to") {
        return Some((Cmp::Le, i + 2));
    }
    // "equal to or more than", "equal to or less than", "equal to", "equals", "equaling to"
    if matches!(w, "equal" | "equals" | "equaling" | "equalling") {
        let k = if c.is(i + 1, "to") { i + 2 } else { i + 1 };
        if c.is(k, "or") && c.any(k + 1, &more) && c.is(k + 2, "than") {
            return Some((Cmp::Ge, k + 3));
        }
        if c.is(k, "or") && c.any(k + 1, &less) && c.is(k + 2, "than") {
            return Some((Cmp::Le, k + 3));
        }
        return Some((Cmp::Eq, k));
    }
    // "more than", "greater than or equal to", "bigger or equal than", "higher or equal than"
    let up = c.any(i, &more);
    let down = c.any(i, &less);
    if up || down {
        let (strict, weak) = if up { (Cmp::Gt, Cmp::Ge) } else { (Cmp::Lt, Cmp::Le) };
        if c.is(i + 1, "than") {
            if c.is(i + 2, "or") && c.is(i + 3, "equal") {
                let k = if c.is(i + 4, "to") { i + 5 } else { i + 4 };
                return Some((weak, k));
            }
            return Some((strict, i + 2));
        }
        if c.is(i + 1, "or") && c.is(i + 2, "equal") && c.any(i + 3, &["than", "to"]) {
            return Some((weak, i + 4));
        }
        return None;
    }
    match w {
        "over" | "above" | "exceed" | "exceeds" | "exceeding" | "surpass" | "surpasses" | "surpassing" => Some((Cmp::Gt, i + 1)),
        "under" | "below" => Some((Cmp::Lt, i + 1)),
        _ => None,
    }
}

/// A (possibly negative) number at token `i`, ordinals after "the" included.
fn value(c: &Ctx, i: usize) -> Option<(f64, usize)> {
    let mut k = i;
    let mut sign = 1.0;
    if c.any(k, &["negative", "minus"]) || (c.is(k, "-") && c.glued(k + 1)) {
        sign = -1.0;
        k += 1;
    }
    if c.is(k, "the") {
        let n = number::parse_raw(c, k + 1)?;
        return n.ordinal.then_some((sign * n.value?, n.end));
    }
    let t = c.t.get(k)?;
    if t.kind != TokenKind::Number && t.kind != TokenKind::Word {
        return None;
    }
    let n = number::parse(c, k)?;
    if n.ordinal || n.decade {
        return None;
    }
    Some((sign * n.value?, n.end))
}

fn bounds(cmp: Cmp, v: f64) -> (Bound, Bound) {
    match cmp {
        Cmp::Gt => (Some((v, false)), None),
        Cmp::Ge => (Some((v, true)), None),
        Cmp::Lt => (None, Some((v, false))),
        Cmp::Le => (None, Some((v, true))),
        Cmp::Eq => (Some((v, true)), Some((v, true))),
    }
}

/// One comparison with its number, and a trailing "or equal (to)" / "or more" / "or less".
fn comparison(c: &Ctx, i: usize) -> Option<(Bound, Bound, usize)> {
    let (cmp, k) = comparator(c, i)?;
    let (v, mut e) = value(c, k)?;
    let (mut lo, mut hi) = bounds(cmp, v);
    // "more than 5000 or equal to", "less than 5000 or equal"
    if c.is(e, "or") && c.is(e + 1, "equal") && value(c, if c.is(e + 2, "to") { e + 3 } else { e + 2 }).is_none() {
        e += if c.is(e + 2, "to") { 3 } else { 2 };
        lo = lo.map(|(v, _)| (v, true));
        hi = hi.map(|(v, _)| (v, true));
    } else if cmp == Cmp::Eq && c.is(e, "or") {
        // "equal to 5000 or less", "equal to 5000 or more than"
        if c.any(e + 1, &["less", "fewer", "lower", "smaller"]) && value(c, if c.is(e + 2, "than") { e + 3 } else { e + 2 }).is_none() {
            e += if c.is(e + 2, "than") { 3 } else { 2 };
            lo = None;
        } else if c.any(e + 1, &["more", "greater", "higher", "larger", "bigger"]) && value(c, if c.is(e + 2, "than") { e + 3 } else { e + 2 }).is_none() {
            e += if c.is(e + 2, "than") { 3 } else { 2 };
            hi = None;
        }
    }
    Some((lo, hi, e))
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn notation(lo: Bound, hi: Bound) -> String {
    let (l, lb) = match lo {
        Some((v, inc)) => (fmt(v), if inc { '[' } else { '(' }),
        None => (String::new(), '('),
    };
    let (h, hb) = match hi {
        Some((v, inc)) => (fmt(v), if inc { ']' } else { ')' }),
        None => (String::new(), ')'),
    };
    format!("{lb}{l},{h}{hb}")
}

/// The range starting at token `i`: the token after and its notation.
fn at(c: &Ctx, i: usize) -> Option<(usize, String)> {
    // "between X and Y", "from X to Y"
    if c.any(i, &["between", "from"]) {
        let (a, k) = value(c, i + 1)?;
        let joiner: &[&str] = if c.is(i, "between") { &["and"] } else { &["to", "-", "–", "~", "through"] };
        if !c.any(k, joiner) {
            return None;
        }
        let (b, e) = value(c, k + 1)?;
        return (a < b).then(|| (e, notation(Some((a, true)), Some((b, false)))));
    }
    if let Some((lo, hi, e)) = comparison(c, i) {
        // "more than 10 and less than 20", "at most 100 and at least 20"
        if c.any(e, &["and", "but", ","]) {
            let k = if c.is(e, ",") { e + 1 } else { e };
            let k = if c.is(k, "and") || c.is(k, "but") { k + 1 } else { k };
            if let Some((lo2, hi2, e2)) = comparison(c, k) {
                let (l, h) = match (lo, hi, lo2, hi2) {
                    (Some(l), None, None, Some(h)) | (None, Some(h), Some(l), None) => (l, h),
                    _ => return Some((e, notation(lo, hi))),
                };
                if l.0 < h.0 {
                    return Some((e2, notation(Some(l), Some(h))));
                }
            }
        }
        return Some((e, notation(lo, hi)));
    }
    // "X - Y", "X to Y", "X~Y", "X through Y", "200 or more", "500 or less"
    let (a, k) = value(c, i)?;
    if c.is(k, "or") || c.is(k, "and") {
        if c.any(k + 1, &["more", "greater", "higher", "above", "over"]) {
            if c.is(k + 2, "than") && value(c, k + 3).is_some() {
                return None;
            }
            let e = if c.is(k + 2, "than") { k + 3 } else { k + 2 };
            return Some((e, notation(Some((a, true)), None)));
        }
        if c.any(k + 1, &["less", "fewer", "lower", "below", "under"]) {
            if c.is(k + 2, "than") && value(c, k + 3).is_some() {
                return None;
            }
            let e = if c.is(k + 2, "than") { k + 3 } else { k + 2 };
            return Some((e, notation(None, Some((a, true)))));
        }
    }
    if c.any(k, &["-", "–", "~", "through"]) {
        if let Some((b, e)) = value(c, k + 1) {
            let joined_date = guard::is_hyphen(c.l(k)) && c.t.get(e).is_some_and(|t| guard::is_hyphen(t.l));
            if a < b && !joined_date {
                return Some((e, notation(Some((a, true)), Some((b, false)))));
            }
        }
    }
    None
}

/// Every number range of `c`, as QUANTITY figures whose `iso` holds the interval.
pub fn find(c: &Ctx, out: &mut Vec<Figure>) {
    let mut i = 0;
    while i < c.t.len() {
        match at(c, i) {
            Some((e, iso)) if e > i => {
                let span: Span = c.span(i, e);
                out.push(Figure::new(FigureKind::Quantity, span, None, None, Some(&iso)));
                i = e;
            }
            _ => i += 1,
        }
    }
}
