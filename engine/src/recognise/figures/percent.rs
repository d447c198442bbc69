//! PERCENT: "61%", "61 percent", "61 per cent", "sixty-one percent", "3 percentage points".
//!
//! `value` is the number before the sign (61 for "61%"); `unit` is `None` for a percentage and
//! `"percentage points"` for a difference of percentages. Ranges ("5-10%", "between 5% and 10%",
//! "5 to 10 percent") are one figure whose `value` is `None`. Words that merely contain the
//! letters ("recent", "percentile") are other tokens, never a percentage.

use super::number::{self, Num};
use super::{figure, Ctx};
use crate::segment::TokenKind;
use crate::{Figure, FigureKind};

/// After the number ending before token `k`: the token after the percent sign or words, and
/// whether they say percentage points.
fn sign(c: &Ctx, k: usize) -> Option<(usize, bool)> {
    let l = c.l(k);
    match l {
        "%" | "％" | "pct" | "percent" | "percents" | "pc" => {
            if l == "pc" && !c.glued(k) {
                return None;
            }
            if (l == "percent" || l == "pct") && c.is(k + 1, "points") {
                return Some((k + 2, true));
            }
            Some((k + 1, false))
        }
        "per" if c.is(k + 1, "cent") => {
            if c.is(k + 2, "points") {
                return Some((k + 3, true));
            }
            Some((k + 2, false))
        }
        "percentage" if c.any(k + 1, &["points", "point"]) => Some((k + 2, true)),
        "percentage" => Some((k + 1, false)),
        "pp" | "ppt" | "ppts" if c.glued(k) || c.t[k].gap => Some((k + 1, true)),
        _ => None,
    }
}

fn num(c: &Ctx, i: usize) -> Option<Num> {
    let t = c.t.get(i)?;
    // "-5%": a minus glued to the number.
    // A percent sign after makes it a figure even after a capitalised word ("Ukraine 61%").
    let n = number::parse(c, i).or_else(|| number::parse_raw(c, i).filter(|n| sign(c, n.end).is_some()))?;
    if n.ordinal || n.decade || n.value.is_none() || (t.kind == TokenKind::Word && n.fraction) {
        return None;
    }
    Some(n)
}

/// Adds the PERCENT figures of `c` to `out`.
pub fn find(c: &Ctx, out: &mut Vec<Figure>) {
    let n = c.t.len();
    let mut i = 0;
    while i < n {
        // Quiet tokens ([`Ctx::next_loud`]): a quick no.
        i = c.next_loud(i);
        if i == n {
            break;
        }
        // Every reading opens with a number ([`num`] reads nothing where no number may start)
        // or "between": a quick no for the other tokens.
        if !c.may_number(i) && c.l(i) != "between" {
            i += 1;
            continue;
        }
        let start = i;
        // "between 5% and 10%", "between 5 and 10 percent"
        if c.is(i, "between") {
            if let Some(a) = num(c, i + 1) {
                let mid = sign(c, a.end).map_or(a.end, |s| s.0);
                if c.is(mid, "and") {
                    if let Some(b) = num(c, mid + 1) {
                        if let Some((end, points)) = sign(c, b.end) {
                            push(c, out, start, end, None, points);
                            i = end;
                            continue;
                        }
                    }
                }
            }
        }
        let Some(a) = num(c, i) else {
            i += 1;
            continue;
        };
        let negative = i > 0 && ((c.is(i - 1, "-") && c.glued(i) && (i < 2 || c.t[i - 1].gap)) || c.is(i - 1, "minus"));
        let first = if negative { i - 1 } else { i };
        match sign(c, a.end) {
            Some((end, points)) => {
                // "5% to 10%", "5%-10%"
                if c.any(end, &["to", "-", "–"]) {
                    if let Some(b) = num(c, end + 1) {
                        if let Some((e2, p2)) = sign(c, b.end) {
                            push(c, out, first, e2, None, points || p2);
                            i = e2;
                            continue;
                        }
                    }
                }
                let v = a.value.map(|v| if negative { -v } else { v });
                push(c, out, first, end, v, points);
                i = end;
            }
            None => {
                // "5-10%", "5 to 10 percent"
                if c.any(a.end, &["to", "-", "–"]) {
                    if let Some(b) = num(c, a.end + 1) {
                        if let Some((end, points)) = sign(c, b.end) {
                            push(c, out, first, end, None, points);
                            i = end;
                            continue;
                        }
                    }
                }
                i = a.end.max(i + 1);
            }
        }
    }
}

/// Percent words with no number before them, as Recognizers-Text's percent model reads them
/// (for per-kind evaluation; the page shows no such figure): "percent of 10" and "per cent of
/// twenty-two" (10% and 22%), and a bare "percent", "%" or "percentage" with no value. `found`
/// holds the figures [`find`] proposed, whose words are taken.
pub fn alone(c: &Ctx, found: &[Figure], out: &mut Vec<Figure>) {
    for i in 0..c.t.len() {
        let t = &c.t[i];
        let at = c.tok_span(i);
        if t.blocked || found.iter().any(|f| f.span.start() < at.end() && at.start() < f.span.end()) {
            continue;
        }
        let Some((end, false)) = sign(c, i) else { continue };
        if c.is(end, "of") {
            if let Some(n) = num(c, end + 1).filter(|n| !n.fraction) {
                push(c, out, i, n.end, n.value, false);
                continue;
            }
        }
        push(c, out, i, end, None, false);
    }
}

fn push(c: &Ctx, out: &mut Vec<Figure>, a: usize, b: usize, value: Option<f64>, points: bool) {
    let unit = points.then(|| "percentage points".to_owned());
    out.push(figure(FigureKind::Percent, c.span(a, b), value, unit, None));
}
