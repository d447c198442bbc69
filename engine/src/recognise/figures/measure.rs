//! Units of measure after a number: lengths, areas, weights, volumes, speeds, data sizes,
//! angles, temperatures and ages ("1.6 km", "660 square meters", "200lbs", "a 3-inch blade",
//! "10km/hr", "20 (kg)", "98.6 degrees fahrenheit", "85°", "rotate 90 degrees", "five years
//! old", "a 28-year-old man", "a 87 yo man", "age 87").
//!
//! A QUANTITY with a unit of measure has that unit as `unit` ("km", "square meters",
//! "degrees fahrenheit", "years old") instead of a counted noun phrase. Each unit also has a
//! canonical name ("Kilometer", "Square meter", "F", "Year") and a [`Measure`], what
//! Recognizers-Text's per-kind models call it (dimension, temperature or age).

use super::{guard, number, Ctx};
use crate::segment::TokenKind;

/// What a unit measures, as the per-kind models split units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Lengths, areas, weights, volumes, speeds, data sizes, power, angles.
    Dimension,
    /// Ages ("five years old").
    Age,
    /// Temperatures ("98.6 degrees fahrenheit", "85°").
    Temperature,
}

impl Measure {
    /// Its name in lower case ("dimension", "age", "temperature").
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Dimension => "dimension",
            Measure::Age => "age",
            Measure::Temperature => "temperature",
        }
    }
}

/// A unit of measure found after a number.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// The token after it.
    pub end: usize,
    /// Its text as written ("km", "square meters", "degrees fahrenheit").
    pub text: String,
    /// Its canonical name ("Kilometer", "Square meter", "F").
    pub name: String,
    /// What it measures.
    pub measure: Measure,
    /// What the words after it add to the number, in the unit ("5 feet 2 inches": 2/12).
    pub plus: f64,
}

/// Base units: canonical name and lower-case forms.
const BASE: &[(&str, &[&str])] = &[
    ("Kilometer", &["km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"]),
    ("Meter", &["m", "meter", "meters", "metre", "metres"]),
    ("Centimeter", &["cm", "centimeter", "centimeters", "centimetre", "centimetres"]),
    ("Millimeter", &["mm", "millimeter", "millimeters", "millimetre", "millimetres"]),
    ("Decimeter", &["dm", "decimeter", "decimeters", "decimetre", "decimetres"]),
    ("Micrometer", &["μm", "micrometer", "micrometers", "micrometre", "micrometres", "micron", "microns"]),
    ("Nanometer", &["nanometer", "nanometers", "nanometre", "nanometres"]),
    ("Picometer", &["picometer", "picometers", "picometre", "picometres"]),
    ("Mile", &["mile", "miles", "mi"]),
    ("Foot", &["foot", "feet", "ft"]),
    ("Inch", &["inch", "inches", "in", "\"", "″"]),
    ("Yard", &["yard", "yards", "yd", "yds"]),
    ("Light year", &["light-year", "light-years"]),
    ("Acre", &["acre", "acres"]),
    ("Hectare", &["hectare", "hectares", "ha"]),
    ("Square kilometer", &["km2", "km²", "sqkm"]),
    ("Square meter", &["m2", "m²", "sqm"]),
    ("Kilogram", &["kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"]),
    ("Gram", &["g", "gram", "grams", "gramme", "grammes"]),
    ("Milligram", &["mg", "milligram", "milligrams", "milligramme", "milligrammes"]),
    ("Microgram", &["μg", "µg", "mcg", "microgram", "micrograms", "microgramme", "microgrammes"]),
    ("Ton", &["t", "ton", "tons", "tonne", "tonnes"]),
    ("Megaton", &["megaton", "megatons"]),
    ("Kiloton", &["kiloton", "kilotons"]),
    ("Pound", &["lb", "lbs", "pound", "pounds"]),
    ("Ounce", &["oz", "ounce", "ounces"]),
    ("Dram", &["dram", "drams", "drachm", "drachms", "drachma", "drachmas"]),
    ("Liter", &["l", "liter", "liters", "litre", "litres"]),
    ("Milliliter", &["ml", "milliliter", "milliliters", "millilitre", "millilitres"]),
    ("Hectoliter", &["hectoliter", "hectoliters", "hectolitre", "hectolitres"]),
    ("Gallon", &["gallon", "gallons"]),
    ("Barrel", &["barrel", "barrels", "bbl"]),
    ("Tablespoon", &["tablespoon", "tablespoons", "tbsp"]),
    ("Teaspoon", &["teaspoon", "teaspoons", "tsp"]),
    ("Cup", &["cup", "cups"]),
    ("Pint", &["pint", "pints"]),
    ("Quart", &["quart", "quarts"]),
    ("Mile per hour", &["mph"]),
    ("Kilometer per hour", &["kph", "kmph", "km/h"]),
    ("Knot", &["knot", "knots"]),
    ("Bit", &["bit", "bits"]),
    ("Byte", &["byte", "bytes"]),
    ("Kilobit", &["kilobit", "kilobits", "kb"]),
    ("Megabit", &["megabit", "megabits", "mb"]),
    ("Gigabit", &["gigabit", "gigabits", "gb"]),
    ("Terabit", &["terabit", "terabits", "tb"]),
    ("Kilobyte", &["kilobyte", "kilobytes"]),
    ("Megabyte", &["megabyte", "megabytes"]),
    ("Gigabyte", &["gigabyte", "gigabytes"]),
    ("Terabyte", &["terabyte", "terabytes"]),
    ("Kilowatt", &["kw", "kilowatt", "kilowatts"]),
    ("Megawatt", &["mw", "megawatt", "megawatts"]),
    ("Gigawatt", &["gw", "gigawatt", "gigawatts"]),
    ("Kilowatt hour", &["kwh"]),
    ("Megawatt hour", &["mwh"]),
    ("Terawatt hour", &["twh"]),
    ("Radian", &["rad", "radian", "radians"]),
    ("Turn", &["turn", "turns"]),
];

/// Forms that are no unit after a number and a space ("5 in the morning", "1 m" is million):
/// they are read glued ("1.8m"), in brackets or in "5 ft 2 in".
const AMBIGUOUS: &[&str] = &["m", "t", "g", "l", "in", "\"", "″", "rad", "km/h"];

/// Units that may be glued to the digits: "200lbs", "75ml", "300mm", "1.6km", "10kg".
const GLUED: &[&str] = &[
    "km", "kms", "cm", "mm", "dm", "mi", "ft", "yd", "kg", "kgs", "g", "mg", "mcg", "μg", "lb", "lbs", "oz", "ml",
    "l", "mph", "kph", "kmph", "kb", "mb", "gb", "tb", "mw", "gw", "kw", "kwh", "mwh", "twh", "ha", "km2", "m2",
    "rad", "bbl",
];

/// Glued units read only by the measures model: in news "1.8m" and "100t" are mostly million
/// and thousand ("a 48m contract").
const GLUED_MEASURES: &[&str] = &["m", "t"];

/// Prefixes of a unit: "square meters", "sq km", "cubic feet", "nautical miles", "metric tons".
const PREFIXES: &[(&str, &str)] = &[("square", "Square"), ("sq", "Square"), ("cubic", "Cubic"), ("nautical", "Nautical"), ("metric", "Metric")];

/// Temperature scales: the word and the scale's name.
const SCALES: &[(&str, &str)] = &[
    ("celsius", "C"),
    ("celcius", "C"),
    ("centigrade", "C"),
    ("centigrate", "C"),
    ("c", "C"),
    ("fahrenheit", "F"),
    ("farenheit", "F"),
    ("f", "F"),
    ("kelvin", "K"),
    ("k", "K"),
];

/// Time units after "per" or "/": the word and its name.
const PER: &[(&str, &str)] = &[
    ("hour", "hour"),
    ("hr", "hour"),
    ("h", "hour"),
    ("second", "second"),
    ("sec", "second"),
    ("s", "second"),
    ("millisecond", "millisecond"),
    ("ms", "millisecond"),
    ("minute", "minute"),
    ("min", "minute"),
    ("day", "day"),
    ("year", "year"),
];

/// Words around "degrees" that make it an angle ("rotate 90 degrees", "a 45 degrees angle").
const ANGLE_WORDS: &[&str] = &[
    "rotate", "rotates", "rotated", "rotating", "rotation", "turn", "turns", "turned", "turning", "angle", "angles",
    "tilt", "tilted", "tilts", "tilting", "incline", "inclined", "bank", "banked", "spin", "spun", "pivot", "pivoted",
];

fn lookup<'a>(table: &'a [(&'a str, &'a str)], w: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// The canonical name of a base unit written `form` ("km" Kilometer, "MB" Megabyte, "mb"
/// Megabit: a capital B is a byte).
///
/// Asked of most words after a number, which are mostly no unit: an ASCII word is lower-cased
/// on the stack rather than into a new `String`, and [`BASE_FILTER`] turns most other words
/// away before the forms are scanned.
pub fn base(form: &str) -> Option<&'static str> {
    let mut buf = [0u8; BASE_LONGEST];
    let owned;
    let l: &str = if form.is_ascii() {
        // No form has BASE_LONGEST bytes or more, and ASCII lower-casing keeps the length.
        let b = buf.get_mut(..form.len())?;
        b.copy_from_slice(form.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).ok()?
    } else {
        owned = form.to_lowercase();
        &owned
    };
    let b = l.as_bytes();
    let (&first, &last) = (b.first()?, b.last()?);
    if b.len() >= BASE_LONGEST || BASE_FILTER[0][usize::from(first)] & BASE_FILTER[1][usize::from(last)] & 1 << b.len() == 0 {
        return None;
    }
    if matches!(l, "kb" | "mb" | "gb" | "tb") && form.ends_with('B') {
        return Some(match l {
            "kb" => "Kilobyte",
            "mb" => "Megabyte",
            "gb" => "Gigabyte",
            _ => "Terabyte",
        });
    }
    BASE.iter().find(|(_, forms)| forms.contains(&l)).map(|(name, _)| *name)
}

/// Every form in [`BASE`] has fewer bytes than this (checked when [`BASE_FILTER`] is built).
const BASE_LONGEST: usize = 16;

/// By first byte ([0]) and by last byte ([1]), the lengths of the forms in [`BASE`] that start
/// or end with it (bit `len`): a word whose bit is clear under either is no base unit.
static BASE_FILTER: [[u16; 256]; 2] = base_filter();

const fn base_filter() -> [[u16; 256]; 2] {
    let mut f = [[0u16; 256]; 2];
    let mut i = 0;
    while i < BASE.len() {
        let forms = BASE[i].1;
        let mut j = 0;
        while j < forms.len() {
            let b = forms[j].as_bytes();
            assert!(!b.is_empty() && b.len() < BASE_LONGEST);
            f[0][b[0] as usize] |= 1 << b.len();
            f[1][b[b.len() - 1] as usize] |= 1 << b.len();
            j += 1;
        }
        i += 1;
    }
    f
}

/// A unit glued to digits ("lbs" in "200lbs").
pub fn glued(suffix: &str) -> bool {
    GLUED.contains(&suffix.to_lowercase().as_str())
}

fn text(c: &Ctx, a: usize, b: usize) -> String {
    c.span(a, b).of(c.text).to_owned()
}

fn singular(name: &str) -> String {
    name.to_lowercase()
}

/// "per hour", "an hour", "/hr", "/ms" at token `e`: the end and the time unit's name.
fn per(c: &Ctx, e: usize, hyphen: bool) -> Option<(usize, &'static str)> {
    if hyphen {
        return None;
    }
    if c.is(e, "/") && c.glued(e) && c.glued(e + 1) {
        return lookup(PER, c.l(e + 1)).map(|p| (e + 2, p));
    }
    if c.is(e, "per") {
        return lookup(PER, c.l(e + 1)).filter(|_| c.t[e + 1].kind == TokenKind::Word && c.l(e + 1).len() > 1).map(|p| (e + 2, p));
    }
    if c.any(e, &["an", "a"]) && c.any(e + 1, &["hour", "second"]) {
        return lookup(PER, c.l(e + 1)).map(|p| (e + 2, p));
    }
    None
}

/// The name of `base` per `time` ("Kilometer per hour").
fn rate(base: &str, time: &str) -> String {
    format!("{base} per {time}")
}

/// Whether "degrees" at `a..b` (the number and its unit) is an angle: a turning word before
/// it or "angle" after it.
fn angle(c: &Ctx, a: usize, b: usize) -> bool {
    (a.saturating_sub(3)..a).any(|j| c.any(j, ANGLE_WORDS)) || c.any(b, &["angle", "angles"])
}

/// The unit of measure starting at token `k`, after a number starting at token `start`;
/// `all` also reads the units that need the measures model's reading ("1 m", `10 "`).
pub fn unit_after(c: &Ctx, start: usize, k: usize, all: bool) -> Option<Unit> {
    let mut k = k;
    // "3-inch", "six-mile", "28-year-old"
    let hyphen = guard::is_hyphen(c.l(k)) && c.glued(k) && c.glued(k + 1);
    if hyphen {
        k += 1;
    }
    let w = c.l(k);
    let mk = |end: usize, from: usize, name: String, measure: Measure| Some(Unit { end, text: text(c, from, end), name, measure, plus: 0.0 });
    // Ages: "five years old", "95 years of age", "90 day old", "28-year-old", "87 yo"
    if let Some(name) = lookup(&[("year", "Year"), ("years", "Year"), ("month", "Month"), ("months", "Month"), ("week", "Week"), ("weeks", "Week"), ("day", "Day"), ("days", "Day")], w) {
        let name = name.to_owned();
        if hyphen && guard::is_hyphen(c.l(k + 1)) && c.is(k + 2, "old") && c.glued(k + 1) && c.glued(k + 2) {
            return mk(k + 3, k, name, Measure::Age);
        }
        if c.is(k + 1, "old") {
            return mk(k + 2, k, name, Measure::Age);
        }
        if c.is(k + 1, "of") && c.is(k + 2, "age") {
            return mk(k + 3, k, name, Measure::Age);
        }
        return None;
    }
    if !hyphen && c.t.get(k).is_some_and(|t| t.s == "yo" || t.s == "y.o.") {
        return mk(k + 1, k, "Year".to_owned(), Measure::Age);
    }
    // Temperatures: "degrees", "degrees fahrenheit", "deg.", "°", "°C"
    if matches!(w, "degree" | "degrees" | "deg" | "deg." | "°" | "º") {
        let mut e = k + 1;
        if w == "deg" && c.is(e, ".") && c.glued(e) {
            e += 1;
        }
        let sign = w.starts_with('°') || w == "º";
        if let Some(scale) = lookup(SCALES, c.l(e)).filter(|_| c.t[e].gap || sign) {
            return mk(e + 1, k, scale.to_owned(), Measure::Temperature);
        }
        let measure = if angle(c, start, e) { Measure::Dimension } else { Measure::Temperature };
        return mk(e, k, "Degree".to_owned(), measure);
    }
    if let Some(scale) = w.strip_prefix('°').and_then(|rest| lookup(SCALES, rest)) {
        return mk(k + 1, k, scale.to_owned(), Measure::Temperature);
    }
    // "90 fahrenheit", "10.5 celcius"
    if let Some(scale) = lookup(SCALES, w).filter(|_| w.len() > 1) {
        return mk(k + 1, k, scale.to_owned(), Measure::Temperature);
    }
    // "20 (kg)", "20 [kg]", "20 {kg}", "20 <kg>"
    if !hyphen {
        if let Some(close) = lookup(&[("(", ")"), ("[", "]"), ("{", "}"), ("<", ">")], w) {
            let inner = c.t.get(k + 1)?;
            if inner.kind == TokenKind::Word && c.glued(k + 1) && c.is(k + 2, close) && c.glued(k + 2) {
                let name = base(inner.s)?;
                return Some(Unit { end: k + 3, text: inner.s.to_owned(), name: name.to_owned(), measure: Measure::Dimension, plus: 0.0 });
            }
            return None;
        }
    }
    // `10 " long`: inches (measures model only; a quotation mark in news)
    if all && !hyphen && matches!(w, "\"" | "″") && c.t.get(k + 1).is_some_and(|t| t.gap && t.kind == TokenKind::Word && t.s.chars().all(char::is_lowercase)) {
        return mk(k + 1, k, "Inch".to_owned(), Measure::Dimension);
    }
    let t = c.t.get(k)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let mut e = k + 1;
    let name: String = if let Some(prefix) = lookup(PREFIXES, w) {
        // "square meters", "sq km", "cubic feet", "nautical miles", "metric tons"
        let n = c.t.get(e)?;
        let b = base(n.s).filter(|_| n.kind == TokenKind::Word && !AMBIGUOUS.contains(&n.l) || n.s == "m")?;
        e += 1;
        format!("{prefix} {}", singular(b))
    } else {
        let b = base(t.s)?;
        let spaced = !c.glued(k) && !hyphen;
        if AMBIGUOUS.contains(&w) && !(all && spaced && matches!(w, "m") && !next_counts(c, k + 1)) {
            return None;
        }
        if b == "Turn" && !(c.t.get(start).is_some_and(|t| t.kind == TokenKind::Word) || angle(c, start, e)) {
            // "3 turns" is a count of turns; "a half turn", "rotate 3 turns" an angle
            return None;
        }
        b.to_owned()
    };
    let mut name = name;
    // "miles an hour", "kilometers per hour", "km/hr", "meters per millisecond"
    if let Some((end, time)) = per(c, e, hyphen) {
        e = end;
        name = rate(&name, time);
    }
    // "5 feet 2 inches", "12 ft 2 in", "5 feet and 2 inches"
    if name == "Foot" {
        let j = if c.is(e, "and") { e + 1 } else { e };
        if let Some((inches, _)) = c.t.get(j).filter(|t| t.kind == TokenKind::Number).and_then(|t| number::digits(t.s)).filter(|(_, s)| s.is_empty()) {
            if c.any(j + 1, &["inches", "inch", "in"]) {
                return Some(Unit { end: j + 2, text: text(c, k, e), name, measure: Measure::Dimension, plus: inches / 12.0 });
            }
        }
    }
    mk(e, k, name, Measure::Dimension)
}

/// Whether the words at `k` are what a number counts ("1.8m dollars", "5m people"), so that
/// the "m" before them is a million rather than metres.
fn next_counts(c: &Ctx, k: usize) -> bool {
    c.t.get(k).is_some_and(|t| {
        t.kind == TokenKind::Word && (t.l.len() > 3 && t.l.ends_with('s') || matches!(t.l, "people" | "euros" | "dollars" | "pounds" | "usd"))
    })
}

/// The unit glued to the digits of token `i` ("200lbs", "10km/hr"), if any: the value and
/// the unit; `all` also reads "1.8m" and "100t" as metres and tons.
pub fn glued_at(c: &Ctx, i: usize, all: bool) -> Option<(f64, Unit)> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Number || t.blocked {
        return None;
    }
    let (v, suffix) = number::digits(t.s)?;
    let l = suffix.to_lowercase();
    let measures_only = all && GLUED_MEASURES.contains(&suffix) && !next_counts(c, i + 1);
    // "1.8m tall", "a 30m high wall": metres whatever the model
    let metres = suffix == "m" && c.t.get(i + 1).is_some_and(|n| n.gap) && c.any(i + 1, &["tall", "long", "high", "wide", "deep", "thick"]);
    if suffix.is_empty() || !(GLUED.contains(&l.as_str()) || measures_only || metres) {
        return None;
    }
    let mut name = base(suffix)?.to_owned();
    let mut end = i + 1;
    if let Some((e, time)) = per(c, end, false) {
        end = e;
        name = rate(&name, time);
    }
    Some((v, Unit { end, text: text(c, i, end)[t.s.len() - suffix.len()..].to_owned(), name, measure: Measure::Dimension, plus: 0.0 }))
}

/// A unit without a number, as the measures model reports it ("convert 10 celsius to
/// fahrenheit", "a metric ton is", "mcg"): only full names that are nothing else.
pub fn bare(c: &Ctx, k: usize) -> Option<Unit> {
    let t = c.t.get(k)?;
    if t.kind != TokenKind::Word || t.blocked {
        return None;
    }
    let w = t.l;
    let mk = |end: usize, name: &str, measure: Measure| Some(Unit { end, text: text(c, k, end), name: name.to_owned(), measure, plus: 0.0 });
    if matches!(w, "degree" | "degrees") {
        let scale = lookup(SCALES, c.l(k + 1)).filter(|_| c.l(k + 1).len() > 1)?;
        return mk(k + 2, scale, Measure::Temperature);
    }
    if let Some(scale) = lookup(SCALES, w).filter(|_| w.len() > 1) {
        return mk(k + 1, scale, Measure::Temperature);
    }
    if w == "metric" && c.any(k + 1, &["ton", "tons", "tonne", "tonnes"]) {
        return mk(k + 2, "Metric ton", Measure::Dimension);
    }
    const NAMES: &[&str] = &[
        "mcg", "gramme", "grammes", "microgram", "micrograms", "microgramme", "microgrammes", "milligram", "milligrams",
        "milligramme", "milligrammes", "kilogramme", "kilogrammes",
    ];
    if NAMES.contains(&w) {
        return mk(k + 1, base(w)?, Measure::Dimension);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{figures, measures};

    fn show(text: &str) -> Vec<(String, Option<f64>, Option<String>)> {
        measures(text).into_iter().map(|f| (f.span.of(text).to_owned(), f.value(), f.iso().map(String::from))).collect()
    }

    #[test]
    fn reads_units_kinds_and_names() {
        let one = |text: &str, want: &str, value: Option<f64>, iso: &str| {
            assert_eq!(show(text), vec![(want.to_owned(), value, Some(iso.to_owned()))], "{text}");
        };
        one("it was 10km/hr", "10km/hr", Some(10.0), "dimension:Kilometer per hour");
        one("he is 5 feet 2 inches", "5 feet 2 inches", Some(5.0 + 2.0 / 12.0), "dimension:Foot");
        one("rotate 90 degrees", "90 degrees", Some(90.0), "dimension:Degree");
        one("the temperature is 24 degrees", "24 degrees", Some(24.0), "temperature:Degree");
        one("how to convert - 20 degrees fahrenheit", "- 20 degrees fahrenheit", Some(-20.0), "temperature:F");
        one("a man of age 87", "age 87", Some(87.0), "age:Age");
        one("The size of this file is 100 MB", "100 MB", Some(100.0), "dimension:Megabyte");
        one("I'm 1.8m tall.", "1.8m", Some(1.8), "dimension:Meter");
        one("ef 75 -300mm", "300mm", Some(300.0), "dimension:Millimeter");
        one("convert to fahrenheit", "fahrenheit", None, "temperature:F");
        assert!(show("It cost 1.8M dollars.").is_empty());
        assert!(show("It cost 1.8m dollars.").is_empty());
        assert!(show("Send them a quick DM").is_empty());
    }

    #[test]
    fn page_keeps_millions() {
        let page = |text: &str| figures(text, None).into_iter().map(|f| (f.span.of(text).to_owned(), f.value())).collect::<Vec<_>>();
        assert_eq!(page("a 48m contract"), vec![("48m contract".to_owned(), Some(48e6))]);
        assert_eq!(page("She is 1.8m tall."), vec![("1.8m".to_owned(), Some(1.8))]);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in ["5 (", "5 (kg", "5 per", "5 /", "10km/", "°", "age", "age 5", "5 feet 2", "5 feet and", "- 5 degrees", "-", "5 deg.", "5 \"", "a half", "metric", "degrees", "5 sq", "one", "that one"] {
            let _ = show(s);
            let _ = figures(s, None);
        }
    }
}
