//! Units of measure after a number: lengths, areas, weights, volumes, speeds, data sizes,
//! temperatures and ages ("1.6 km", "660 square meters", "200lbs", "a 3-inch blade",
//! "98.6 degrees fahrenheit", "85°", "five years old", "a 28-year-old man").
//!
//! A QUANTITY with a unit of measure has that unit as `unit` ("km", "square meters",
//! "degrees fahrenheit", "years old") instead of a counted noun phrase.

use super::{guard, number, Ctx};
use crate::segment::TokenKind;

/// Single-word units (lower case).
const UNITS: &[&str] = &[
    "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "meter", "meters", "metre", "metres", "cm",
    "centimeter", "centimeters", "centimetre", "centimetres", "mm", "millimeter", "millimeters", "millimetre",
    "millimetres", "mile", "miles", "mi", "foot", "feet", "ft", "inch", "inches", "yard", "yards", "yd", "yds",
    "acre", "acres", "hectare", "hectares", "ha", "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos", "gram",
    "grams", "tonne", "tonnes", "ton", "tons", "lb", "lbs", "ounce", "ounces", "oz", "liter", "liters", "litre",
    "litres", "ml", "milliliter", "milliliters", "millilitre", "millilitres", "gallon", "gallons", "barrel",
    "barrels", "bbl", "mph", "kph", "knot", "knots", "bit", "bits", "byte", "bytes", "kb", "mb", "gb", "tb",
    "kilobyte", "kilobytes", "megabyte", "megabytes", "gigabyte", "gigabytes", "terabyte", "terabytes", "megabit",
    "megabits", "gigabit", "gigabits", "mw", "megawatt", "megawatts", "gw", "gigawatt", "gigawatts", "kw",
    "kilowatt", "kilowatts", "kwh", "mwh", "twh", "celsius", "centigrade", "centigrate", "fahrenheit", "farenheit",
    "kelvin", "sqm", "sq", "cubic", "square", "nautical", "light-years", "pounds", "pound", "metric", "celcius",
    "km2", "m2", "kmph", "dm", "decimeter", "decimeters", "picometer", "picometers", "nanometer", "nanometers",
    "micrometer", "micrometers", "microgram", "micrograms", "milligram", "milligrams", "mg", "μg", "mcg",
    "tablespoon", "tablespoons", "teaspoon", "teaspoons", "cup", "cups", "pint", "pints", "quart", "quarts",
    "hectoliter", "hectoliters", "megaton", "megatons", "kiloton", "kilotons",
];

/// Units that may be glued to the digits: "200lbs", "75ml", "300mm", "1.6km", "10kg".
const GLUED: &[&str] = &[
    "km", "kms", "cm", "mm", "mi", "ft", "yd", "kg", "kgs", "g", "lb", "lbs", "oz", "ml", "l", "mph", "kph", "kb",
    "mb", "gb", "tb", "mw", "gw", "kw", "kwh", "mwh", "twh", "ha", "km2", "m2", "kmph", "dm", "mg",
];

const TEMPERATURE_SCALES: &[&str] =
    &["celsius", "celcius", "centigrade", "centigrate", "fahrenheit", "farenheit", "kelvin", "f", "c", "k"];

/// A unit glued to digits ("lbs" in "200lbs").
pub fn glued(suffix: &str) -> bool {
    GLUED.contains(&suffix.to_ascii_lowercase().as_str())
}

/// The unit of measure starting at token `k` (after a number): its end token and text.
pub fn unit_after(c: &Ctx, k: usize) -> Option<(usize, String)> {
    let mut k = k;
    // "3-inch", "six-mile", "28-year-old"
    let hyphen = guard::is_hyphen(c.l(k)) && c.glued(k) && c.glued(k + 1);
    if hyphen {
        k += 1;
    }
    let w = c.l(k);
    let text = |a: usize, b: usize| c.span(a, b).of(c.text).to_owned();
    // Ages: "five years old", "95 years of age", "90 day old", "28-year-old"
    if matches!(w, "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days") {
        if hyphen && guard::is_hyphen(c.l(k + 1)) && c.is(k + 2, "old") && c.glued(k + 1) && c.glued(k + 2) {
            return Some((k + 3, text(k, k + 3)));
        }
        if c.is(k + 1, "old") {
            return Some((k + 2, text(k, k + 2)));
        }
        if c.is(k + 1, "of") && c.is(k + 2, "age") {
            return Some((k + 3, text(k, k + 3)));
        }
        return None;
    }
    // Temperatures: "degrees", "degrees fahrenheit", "deg.", "°", "°C"
    if matches!(w, "degree" | "degrees" | "deg" | "deg." | "°" | "º") {
        let mut e = k + 1;
        if w == "deg" && c.is(e, ".") && c.glued(e) {
            e += 1;
        }
        if c.any(e, TEMPERATURE_SCALES) && (c.t[e].gap || w.starts_with('°') || w == "º") {
            e += 1;
        } else if w == "°" || w == "º" {
            // "85°C" tokenised as "°C"? handled by the glued check below
        }
        return Some((e, text(k, e)));
    }
    if let Some(rest) = w.strip_prefix('°') {
        if TEMPERATURE_SCALES.contains(&rest) {
            return Some((k + 1, text(k, k + 1)));
        }
    }
    if !UNITS.contains(&w) || c.t[k].kind != TokenKind::Word {
        return None;
    }
    let mut e = k + 1;
    match w {
        // "square meters", "sq km", "cubic feet", "nautical miles"
        "square" | "sq" | "cubic" | "nautical" | "metric" => {
            let n = c.l(e);
            if !UNITS.contains(&n) || matches!(n, "square" | "sq" | "cubic" | "nautical" | "metric") {
                return None;
            }
            e += 1;
        }
        "pound" | "pounds" => {}
        _ => {}
    }
    // "miles an hour", "kilometers per hour", "barrels per day"
    if !hyphen && (c.any(e, &["an", "a"]) && c.any(e + 1, &["hour", "second"]) || c.is(e, "per") && c.any(e + 1, &["hour", "second", "day", "year"])) {
        e += 2;
    }
    // "5 feet 2 inches", "12 ft 2 in", "5 feet and 2 inches"
    if matches!(w, "feet" | "foot" | "ft") {
        let j = if c.is(e, "and") { e + 1 } else { e };
        if c.t.get(j).is_some_and(|t| t.kind == TokenKind::Number) && c.any(j + 1, &["inches", "inch", "in"]) {
            e = j + 2;
        }
    }
    // "degrees" handled above; "celsius" alone is a temperature
    Some((e, text(k, e)))
}

/// The unit glued to the digits of token `i` ("200lbs"), if any: the value and the unit.
pub fn glued_at(c: &Ctx, i: usize) -> Option<(f64, String)> {
    let t = c.t.get(i)?;
    if t.kind != TokenKind::Number || t.blocked {
        return None;
    }
    let (v, suffix) = number::digits(t.s)?;
    if suffix.is_empty() || !glued(suffix) {
        return None;
    }
    Some((v, suffix.to_owned()))
}
