//! MONEY: an amount with a currency; `value` in units, `unit` an ISO 4217 code.
//!
//! * A symbol or code before the number: "$48 billion", "US$5m", "€2.5bn", "£300", "¥1,000",
//!   "USD 5 million". "$" alone is USD; "¥" is JPY (yuan are written out or as "CNY").
//! * A currency word or code after it: "420 million euros", "5,000 hryvnias",
//!   "10 billion U.S. dollars", "3 million Swiss francs", "2 billion yuan", "50 cents".
//!   "pounds" is money only with a scale word ("5 million pounds"), otherwise a weight.
//! * Ranges ("$5 million to $10 million", "$5-10 million", "between $5 and $10 billion") are one
//!   figure whose `value` is `None`: no single amount stands for a range.

use super::number::{self, Num};
use super::{figure, Ctx};
use crate::segment::TokenKind;
use crate::{Figure, FigureKind, Span};

/// A currency symbol and its code.
pub(super) fn symbol(s: &str) -> Option<&'static str> {
    // Every symbol but "$" starts outside ASCII: a quick no for words and digits.
    if s.as_bytes().first().is_none_or(|b| b.is_ascii()) && s != "$" {
        return None;
    }
    // Quotation marks, dashes and "’s" (U+2000 to U+203F, E2 80 in UTF-8) are the tokens
    // outside ASCII news text holds most, and no symbol is among them (the currency block is
    // E2 82): no comparison with each symbol for them.
    if s.as_bytes().starts_with(&[0xe2, 0x80]) {
        return None;
    }
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" | "￥" => "JPY",
        "₽" => "RUB",
        "₴" => "UAH",
        "₹" => "INR",
        "₩" => "KRW",
        "₺" => "TRY",
        "₪" => "ILS",
        "₦" => "NGN",
        "₱" => "PHP",
        "฿" => "THB",
        "₫" => "VND",
        "元" | "圆" => "CNY",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "₿" => "XBT",
        "₼" => "AZN",
        "ரூ" | "රු" => "LKR",
        "₸" => "KZT",
        _ => return None,
    })
}

/// A prefix glued before "$": "US$", "C$", "A$"...
fn dollar_prefix(s: &str) -> Option<&'static str> {
    Some(match s {
        "us" | "u.s." | "u.s" | "usd" => "USD",
        "cad" => "CAD",
        "aud" => "AUD",
        "nzd" => "NZD",
        "mex" | "mxn" => "MXN",
        "hkd" => "HKD",
        "c" | "ca" | "can" => "CAD",
        "a" | "au" => "AUD",
        "hk" => "HKD",
        "nz" => "NZD",
        "s" => "SGD",
        "r" => "BRL",
        "nt" => "TWD",
        "mx" => "MXN",
        _ => return None,
    })
}

/// Whether a prefix may stand apart from its "$" ("c $ 300", "us $ 150"): not the single
/// letters that are words of their own ("a $5 bill").
fn prefix_may_float(s: &str) -> bool {
    !matches!(s, "a" | "s" | "r")
}

/// ISO 4217 codes written as words.
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "RUB", "UAH", "CHF", "INR", "CAD", "AUD", "HKD", "NZD", "SGD", "BRL",
    "KRW", "TRY", "ILS", "SEK", "NOK", "DKK", "PLN", "ZAR", "MXN", "SAR", "AED", "TWD", "IRR", "KPW", "BYN", "HUF",
    "CZK", "EGP", "NGN", "PKR", "IDR", "THB", "VND", "MYR", "ARS", "CLP", "COP", "KZT", "GEL", "QAR", "BTC", "XBT",
];

fn code(s: &str) -> Option<&'static str> {
    // Every code is three capital letters.
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let found = CODES.iter().find(|c| **c == s)?;
    Some(match *found {
        "RMB" => "CNY",
        "BTC" => "XBT",
        f => f,
    })
}

/// A code in any case ("usd", "rmb"): after a number only.
fn code_any_case(s: &str) -> Option<&'static str> {
    if s.len() != 3 {
        return None;
    }
    code(&s.to_ascii_uppercase())
}

/// "MUSD", "MEUR": a code in millions.
fn million_code(s: &str) -> Option<&'static str> {
    s.strip_prefix('M').filter(|r| r.len() == 3).and_then(code)
}

/// A currency word after the number and its code ("euros" EUR).
fn word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "hryvnia" | "hryvnias" | "hryvnas" | "hryvnya" | "hryvnyas" => "UAH",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "peso" | "pesos" => "MXN",
        "lira" | "liras" | "lire" => "TRY",
        "shekel" | "shekels" => "ILS",
        "rand" => "ZAR",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "zloty" | "zlotys" | "zlotys." => "PLN",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "rial" | "rials" => "IRR",
        "forint" | "forints" => "HUF",
        "real" | "reais" => "BRL",
        "won" => "KRW",
        "cent" | "cents" => "USD",
        "pence" | "penny" => "GBP",
        "bitcoin" | "bitcoins" => "XBT",
        "satoshi" | "satoshis" => "XBT",
        "markka" | "markkaa" => "FIM",
        "peseta" | "pesetas" => "ESP",
        "guilder" | "guilders" => "NLG",
        "mark" | "marks" | "deutschemark" | "deutschemarks" => "DEM",
        "kuai" => "CNY",
        _ => return None,
    })
}

/// A nationality before a currency word that changes its code: "Canadian dollars" CAD.
fn national(adj: &str, currency: &str) -> Option<&'static str> {
    Some(match (adj, currency) {
        ("u.s." | "us" | "american", "USD") => "USD",
        ("canadian", "USD") => "CAD",
        ("australian", "USD") => "AUD",
        ("singapore", "USD") => "SGD",
        ("taiwan" | "taiwanese", "USD") => "TWD",
        ("zimbabwean" | "zimbabwe", "USD") => "ZWL",
        ("hong", "USD") => "HKD",
        ("zealand", "USD") => "NZD",
        ("swiss", "CHF") => "CHF",
        ("french", "CHF") => "FRF",
        ("british", "GBP") => "GBP",
        ("egyptian", "GBP") => "EGP",
        ("japanese", "JPY") => "JPY",
        ("chinese", "CNY") => "CNY",
        ("russian", "RUB") => "RUB",
        ("belarusian", "RUB") => "BYN",
        ("ukrainian", "UAH") => "UAH",
        ("indian", "INR") => "INR",
        ("pakistani", "INR") => "PKR",
        ("mexican", "MXN") => "MXN",
        ("argentine" | "argentinian", "MXN") => "ARS",
        ("philippine", "MXN") => "PHP",
        ("turkish", "TRY") => "TRY",
        ("norwegian", "NOK") => "NOK",
        ("danish", "NOK") => "DKK",
        ("swedish", "SEK") => "SEK",
        ("iranian", "IRR") => "IRR",
        ("korean", "KRW") => "KRW",
        ("brazilian", "BRL") => "BRL",
        ("saudi", "SAR") => "SAR",
        ("polish", "PLN") => "PLN",
        ("south", "ZAR") => "ZAR",
        ("finnish", "FIM") => "FIM",
        ("dutch", "NLG") => "NLG",
        ("spanish", "ESP") => "ESP",
        ("deutsche" | "german" | "west", "DEM") => "DEM",
        ("belgian", "CHF") => "BEF",
        ("italian", "TRY") => "ITL",
        _ => return None,
    })
}

/// The currency before token `i` (a symbol, "US$", a code): its code and first token.
pub(super) fn before(c: &Ctx, i: usize) -> Option<(&'static str, usize)> {
    if i == 0 {
        return None;
    }
    let p = &c.t[i - 1];
    if let Some(code) = symbol(p.s) {
        if p.s == "$" && i >= 2 {
            let w = c.t[i - 2].l;
            if let Some(pre) = dollar_prefix(w).filter(|_| c.t[i - 2].kind == TokenKind::Word && (!p.gap || prefix_may_float(w))) {
                return Some((pre, i - 2));
            }
        }
        return Some((code, i - 1));
    }
    if p.kind == TokenKind::Word && c.t[i].gap {
        if let Some(code) = code(p.s).or_else(|| million_code(p.s)) {
            return Some((code, i - 1));
        }
    }
    None
}

/// The currency after the number ending before token `k`: its code and the token after it.
fn after(c: &Ctx, k: usize, num: &Num) -> Option<(&'static str, usize, f64)> {
    let mut t = c.t.get(k)?;
    let mut k = k;
    // "10 €", "100元", "10 $"
    if let Some(code) = symbol(t.s) {
        if !c.t.get(k + 1).is_some_and(|n| n.kind == TokenKind::Number && !n.gap) {
            return Some((code, k + 1, 1.0));
        }
        return None;
    }
    // "12-cent", "one-yen"
    if super::guard::is_hyphen(t.l) && !t.gap && c.glued(k + 1) && c.t.get(k + 1).is_some_and(|n| word(n.l).is_some()) {
        k += 1;
        t = &c.t[k];
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    if let Some(code) = code(t.s).or_else(|| code_any_case(t.s)) {
        // "75 USD million"
        if let Some(s) = c.t.get(k + 1).and_then(|n| number::scale(n.l, false)).filter(|_| !num.scaled) {
            return Some((code, k + 2, s));
        }
        return Some((code, k + 1, 1.0));
    }
    if let Some(code) = million_code(t.s) {
        return Some((code, k + 1, 1e6));
    }
    // "U.S. dollars", "Swiss francs", "Hong Kong dollars", "New Zealand dollars".
    let mut j = k;
    let mut adj: Option<&str> = None;
    for width in [2usize, 1] {
        if let Some(w) = c.t.get(k + width).map(|t| t.l).and_then(word) {
            let a = c.l(k + width - 1);
            if let Some(n) = national(a, w) {
                adj = Some(n);
                j = k + width;
                break;
            }
        }
    }
    let w = c.l(j);
    let mut code = word(w)?;
    if let Some(a) = adj {
        code = a;
    }
    if matches!(w, "pound" | "pounds") && adj.is_none() && !num.scaled {
        return None;
    }
    if w == "won" && adj.is_none() {
        return None;
    }
    if w == "real" && adj.is_none() {
        return None;
    }
    let mut factor = if matches!(w, "cent" | "cents" | "pence" | "penny") { 0.01 } else { 1.0 };
    let mut end = j + 1;
    if matches!(w, "pound" | "pounds") && c.is(end, "sterling") {
        end += 1;
    }
    if w == "cents" && code == "USD" && adj.is_none() && c.is(end, "on") {
        factor = 0.01;
    }
    Some((code, end, factor))
}

/// Adds the MONEY figures of `c` to `out`.
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
            Some((span, end, value, unit)) => {
                out.push(figure(FigureKind::Money, span, value, Some(unit.to_owned()), None));
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// Whether [`at`] may read anything from token `i` (a quick no for most tokens, exact: each
/// way [`at`] and [`amount_at`] read from `i` needs one of these):
///
/// * "between" (a range);
/// * a digit ([`glued_code`] reads only tokens with one);
/// * a word before a "$" (a prefix, "US $");
/// * a symbol, or a word that is a code or a code in millions (the number follows);
/// * a token a number may start with ([`amount`] reads the number at `i` itself).
fn may_start(c: &Ctx, i: usize) -> bool {
    let t = &c.t[i];
    t.digit
        || c.may_number(i)
        || symbol(t.s).is_some()
        || (t.kind == TokenKind::Word && (t.l == "between" || c.is(i + 1, "$") || code(t.s).is_some() || million_code(t.s).is_some()))
}

/// One amount starting with the number at token `i`: (start token, value, code, end token).
fn amount(c: &Ctx, i: usize) -> Option<(usize, Option<f64>, &'static str, usize, bool)> {
    let t = c.t.get(i)?;
    // Both readings below need a number at `i`.
    if (t.kind != TokenKind::Number && t.kind != TokenKind::Word) || !c.may_number(i) {
        return None;
    }
    // "10 $ 30 $": a symbol after the number claims it before the one in front of it does.
    let symbol_after = number::parse_raw(c, i).is_some_and(|n| {
        c.t.get(n.end).is_some_and(|t| symbol(t.s).is_some() && t.gap) && !c.t.get(n.end + 1).is_some_and(|t| t.kind == TokenKind::Number)
    });
    if let Some((code, start)) = before(c, i).filter(|_| !symbol_after) {
        let num = number::parse_raw(c, i)?;
        if num.ordinal || num.decade {
            return None;
        }
        let mut end = num.end;
        let mut value = num.value;
        // Short scale forms after a currency: "$5 m", "$2.5 bn" (handled), "€3 m".
        if !num.scaled {
            if let Some(s) = c.t.get(end).filter(|t| t.kind == TokenKind::Word).and_then(|t| number::scale(t.l, true)) {
                value = value.map(|v| v * s);
                end += 1;
            }
        }
        // "$5 million USD": a redundant code after.
        if c.t.get(end).is_some_and(|t| code_of(t.s) == Some(code)) && !c.t[end].blocked {
            end += 1;
        }
        // "MAUD 60": millions.
        if million_code(c.t[start].s).is_some() {
            value = value.map(|v| v * 1e6);
        } else if !num.scaled && end == num.end {
            if let Some((cents, e)) = cents(c, end) {
                value = value.map(|v| v + cents);
                end = e;
            }
        }
        return Some((start, value, code, end, true));
    }
    let num = number::parse(c, i)?;
    if num.ordinal || num.decade || (num.fraction && !num.scaled) || num.value.is_none() {
        return None;
    }
    let (code, end, factor) = after(c, num.end, &num)?;
    let value = num.value.map(|v| v * factor);
    if factor == 1.0 && !num.scaled {
        if let Some((cents, e)) = cents(c, end) {
            return Some((i, value.map(|v| v + cents), code, e, false));
        }
    }
    Some((i, value, code, end, false))
}

/// Cents after a whole amount: "3 dollars 50 cents", "thirteen dollars and forty-five cents",
/// "15 dollars 50", "17 USD 25": the fraction and the token after.
fn cents(c: &Ctx, k: usize) -> Option<(f64, usize)> {
    let j = if c.is(k, "and") { k + 1 } else { k };
    let n = number::parse(c, j)?;
    let v = n.value?;
    if n.ordinal || n.fraction || n.scaled || v.fract() != 0.0 || !(1.0..100.0).contains(&v) {
        return None;
    }
    if c.any(n.end, &["cent", "cents", "pence", "penny"]) {
        return Some((v / 100.0, n.end + 1));
    }
    // Without "cents": only where no other noun follows ("15 dollars 50.").
    let next = c.t.get(n.end);
    if next.is_none_or(|t| t.kind != TokenKind::Word || matches!(t.l, "and" | "more" | "less" | "extra")) && !c.any(n.end, &["%", "$", "€", "£", "-", "/", "."]) || c.stop(n.end) {
        return Some((v / 100.0, n.end));
    }
    None
}

fn code_of(s: &str) -> Option<&'static str> {
    code(s)
}

/// The money figure that starts at token `i`: its span, end token, value and code.
fn at(c: &Ctx, i: usize) -> Option<(Span, usize, Option<f64>, &'static str)> {
    // "between $5 and $10 billion"
    if c.is(i, "between") {
        let (s1, _, code1, e1, _) = first_amount(c, i + 1)?;
        if s1 != i + 1 || !c.is(e1, "and") {
            return None;
        }
        let (s2, v2, code2, e2, _) = first_amount(c, e1 + 1)?;
        if s2 == e1 + 1 && code1 == code2 && v2.is_some() {
            return Some((c.span(i, e2), e2, None, code1));
        }
        return None;
    }
    let (start, value, code, end, _) = amount_at(c, i)?;
    if start != i {
        return None;
    }
    // Ranges: "$5 million to $10 million", "$5-10 million", "$5 million-$10 million".
    let joiner = c.any(end, &["to", "-", "–"]);
    if joiner {
        let j = end + 1;
        if let Some((s2, v2, code2, e2, _)) = first_amount(c, j) {
            if s2 == j && code2 == code && v2.is_some() {
                return Some((c.span(i, e2), e2, None, code));
            }
        }
        // "$5-10 million": a bare number then a scale.
        if let Some(n2) = number::parse_raw(c, j).filter(|n| !n.ordinal && n.value.is_some()) {
            if n2.scaled && c.t[j].kind == TokenKind::Number && value.is_some() {
                return Some((c.span(i, n2.end), n2.end, None, code));
            }
        }
    }
    Some((c.span(start, end), end, value, code))
}

/// The amount whose first token is `i` (a symbol, a code or the number itself).
fn amount_at(c: &Ctx, i: usize) -> Option<(usize, Option<f64>, &'static str, usize, bool)> {
    let t = c.t.get(i)?;
    // Starts with a symbol or code: the number follows.
    let sym = symbol(t.s).is_some() || (t.kind == TokenKind::Word && (code(t.s).is_some() || million_code(t.s).is_some()));
    if let Some(g) = glued_code(c, i) {
        return Some(g);
    }
    let pre = c.is(i + 1, "$") && t.kind == TokenKind::Word && dollar_prefix(t.l).is_some() && (c.glued(i + 1) || prefix_may_float(t.l));
    if pre {
        return amount(c, i + 2).filter(|a| a.0 == i);
    }
    if sym {
        return amount(c, i + 1).filter(|a| a.0 == i);
    }
    if t.blocked {
        return None;
    }
    // Only the reading with the currency after the number is taken here, and it needs
    // [`number::parse`] at `i` (memoised): without it, [`amount`] has nothing to give.
    number::parse(c, i)?;
    amount(c, i).filter(|a| a.0 == i && !a.4)
}

/// Codes that may be glued before digits ("USD115").
const MAJOR: &[&str] = &["USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "RUB", "UAH", "INR"];

/// "USD115", "115USD", "115.5USD": a code glued to the digits in one token.
fn glued_code(c: &Ctx, i: usize) -> Option<(usize, Option<f64>, &'static str, usize, bool)> {
    let t = &c.t[i];
    if t.blocked || !t.digit {
        return None;
    }
    let split = t.s.find(|ch: char| ch.is_ascii_digit())?;
    let (head, tail) = t.s.split_at(split);
    if t.kind == TokenKind::Word {
        // Only the major codes: "COP28" is a summit, "ARS2" nothing.
        let code = code(head).filter(|c| MAJOR.contains(c))?;
        let (v, rest) = number::digits(tail)?;
        return rest.is_empty().then_some((i, Some(v), code, i + 1, true));
    }
    if t.kind == TokenKind::Number {
        let (v, rest) = number::digits(t.s)?;
        let code = code(rest)?;
        return Some((i, Some(v), code, i + 1, false));
    }
    None
}

fn first_amount(c: &Ctx, i: usize) -> Option<(usize, Option<f64>, &'static str, usize, bool)> {
    amount_at(c, i)
}
