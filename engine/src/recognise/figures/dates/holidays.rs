//! Holidays as days: "Christmas", "easter 2018", "black friday 2010", "labor day weekend".
//!
//! Fixed-date holidays, the US holidays counted by weekday (Labor Day, Thanksgiving, Memorial
//! Day, Mother's and Father's Day, Martin Luther King Day) and Easter (the Gregorian computus)
//! with the days that follow from it.

use super::Ctx;
use crate::date::Date;

/// A holiday, by how its date is found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Holiday {
    /// The same month and day every year.
    Fixed(u8, u8),
    /// The n-th (0 = last) weekday (Monday = 0) of a month.
    Nth(u8, u8, u8),
    /// Days after Easter Sunday (negative: before).
    Easter(i64),
    /// Days after Thanksgiving.
    Thanksgiving(i64),
}

/// Names, as lower-case words (possessive marks dropped), and their holiday. Longer names first.
const NAMES: &[(&[&str], Holiday)] = &[
    (&["international", "workers", "day"], Holiday::Fixed(5, 1)),
    (&["new", "year", "eve"], Holiday::Fixed(12, 31)),
    (&["new", "years", "eve"], Holiday::Fixed(12, 31)),
    (&["christmas", "eve"], Holiday::Fixed(12, 24)),
    (&["new", "year", "day"], Holiday::Fixed(1, 1)),
    (&["new", "years", "day"], Holiday::Fixed(1, 1)),
    (&["new", "year"], Holiday::Fixed(1, 1)),
    (&["christmas", "day"], Holiday::Fixed(12, 25)),
    (&["christmas"], Holiday::Fixed(12, 25)),
    (&["xmas"], Holiday::Fixed(12, 25)),
    (&["independence", "day"], Holiday::Fixed(7, 4)),
    (&["halloween"], Holiday::Fixed(10, 31)),
    (&["valentine", "day"], Holiday::Fixed(2, 14)),
    (&["valentines", "day"], Holiday::Fixed(2, 14)),
    (&["saint", "patrick", "day"], Holiday::Fixed(3, 17)),
    (&["st", "patrick", "day"], Holiday::Fixed(3, 17)),
    (&["st.", "patrick", "day"], Holiday::Fixed(3, 17)),
    (&["saint", "patrick"], Holiday::Fixed(3, 17)),
    (&["st", "patrick"], Holiday::Fixed(3, 17)),
    (&["st.", "patrick"], Holiday::Fixed(3, 17)),
    (&["earth", "day"], Holiday::Fixed(4, 22)),
    (&["labor", "day"], Holiday::Nth(9, 0, 1)),
    (&["labour", "day"], Holiday::Nth(9, 0, 1)),
    (&["memorial", "day"], Holiday::Nth(5, 0, 0)),
    (&["mother", "day"], Holiday::Nth(5, 6, 2)),
    (&["mothers", "day"], Holiday::Nth(5, 6, 2)),
    (&["father", "day"], Holiday::Nth(6, 6, 3)),
    (&["fathers", "day"], Holiday::Nth(6, 6, 3)),
    (&["martin", "luther", "king", "day"], Holiday::Nth(1, 0, 3)),
    (&["thanksgiving", "day"], Holiday::Thanksgiving(0)),
    (&["thanksgiving"], Holiday::Thanksgiving(0)),
    (&["black", "friday"], Holiday::Thanksgiving(1)),
    (&["cyber", "monday"], Holiday::Thanksgiving(4)),
    (&["good", "friday"], Holiday::Easter(-2)),
    (&["easter", "sunday"], Holiday::Easter(0)),
    (&["easter", "monday"], Holiday::Easter(1)),
    (&["easter"], Holiday::Easter(0)),
];

/// Easter Sunday of `y` (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<Date> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y, month as u8, day as u8)
}

/// The n-th (0 = last) weekday `wd` of month `m` of `y`.
fn nth_weekday(y: i32, m: u8, wd: u8, n: u8) -> Option<Date> {
    if n == 0 {
        let next = Date::new(y, m, 1)?.add_months(1)?;
        let last = next.add_days(-1)?;
        let back = (i64::from(last.weekday().index()) - i64::from(wd)).rem_euclid(7);
        return last.add_days(-back);
    }
    let first = Date::new(y, m, 1)?;
    let fwd = (i64::from(wd) - i64::from(first.weekday().index())).rem_euclid(7);
    first.add_days(fwd + 7 * (i64::from(n) - 1))
}

impl Holiday {
    /// Its date in year `y`.
    pub(super) fn date(self, y: i32) -> Option<Date> {
        match self {
            Holiday::Fixed(m, d) => Date::new(y, m, d),
            Holiday::Nth(m, wd, n) => nth_weekday(y, m, wd, n),
            Holiday::Easter(k) => easter(y)?.add_days(k),
            Holiday::Thanksgiving(k) => nth_weekday(y, 11, 3, 4)?.add_days(k),
        }
    }
}

/// A holiday named at token `i`: it and the token after its name.
pub(super) fn at(c: &Ctx, i: usize) -> Option<(Holiday, usize)> {
    if c.t.get(i).is_none_or(|t| t.class & super::super::class::HOLIDAY == 0) {
        return None;
    }
    let first = c.l(i);
    if !NAMES.iter().any(|(words, _)| words[0] == first) {
        return None;
    }
    'names: for (words, h) in NAMES {
        let mut k = i;
        for w in words.iter() {
            // Possessive marks between the words ("new year's day", "workers' day").
            while matches!(c.l(k), "'s" | "’s" | "'" | "’") && k > i {
                k += 1;
            }
            let l = c.l(k);
            if l != *w {
                continue 'names;
            }
            k += 1;
        }
        while matches!(c.l(k), "'s" | "’s") {
            k += 1;
        }
        // "Christmas" and "Easter" alone are names of days; "Thanksgiving dinner" still a day.
        return Some((*h, k));
    }
    None
}
