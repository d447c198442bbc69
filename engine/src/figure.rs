//! [`Figure`]: the figures of a document, 48 bytes each.

use std::fmt;

use crate::{FigureKind, Span};

/// A figure: an amount of money, a percentage, a quantity or a date, with its normalised value.
///
/// 48 bytes (figures are what crammed text holds most): it is made with [`Figure::new`], and
/// its value, unit and ISO value are read through [`Figure::value`], [`Figure::unit`] and
/// [`Figure::iso`].
#[derive(Clone)]
pub struct Figure {
    /// What kind of figure this is.
    pub kind: FigureKind,
    /// Where it stands in the text.
    pub span: Span,
    /// [`Figure::value`], with the bits [`NO_VALUE`] for none (an `f64`, not an `Option`'s 16
    /// bytes).
    value: f64,
    /// The ISO value, the unit, or the two one after the other (the ISO value its first
    /// `iso_len` bytes), as `has` says: one 16-byte field, not two.
    texts: Option<Box<str>>,
    /// Bytes of `texts` that are the ISO value when it holds both.
    iso_len: u16,
    /// [`HAS_UNIT`], [`HAS_ISO`], both or neither: what `texts` holds.
    has: u8,
    /// Index of the sentence it stands in (into [`crate::Analysis::sentences`]); a `u32`, as
    /// [`Span`]'s offsets are.
    pub sentence: u32,
    /// What it measures, whose measure it is and when, as its sentence says
    /// ([`crate::recognise::figures::context`]); `None` when the sentence says none of it, and
    /// until the pipeline's last step fills it in. Boxed: a figure is 48 bytes instead of 104
    /// while the recognisers hold every figure of the document, and figures without a context
    /// (all dates) pay 8 bytes for it. Read it with [`Figure::subject`], [`Figure::about`] and
    /// [`Figure::period`].
    pub context: Option<Box<FigureContext>>,
}

/// The bits of a [`Figure`]'s `value` when it has none: a NaN whose payload no arithmetic
/// makes, so that a value of `Some(NaN)` stays one.
const NO_VALUE: u64 = 0x7ff8_6e6f_6e65_0000;
/// A [`Figure`]'s `has` bit for a unit.
const HAS_UNIT: u8 = 1;
/// A [`Figure`]'s `has` bit for an ISO value.
const HAS_ISO: u8 = 2;
/// A [`Figure`]'s `has` bits for both.
const HAS_BOTH: u8 = HAS_UNIT | HAS_ISO;

impl Figure {
    /// A figure of `kind` at `span`, in sentence 0 and with no context yet.
    ///
    /// A unit beside an ISO value longer than 65,535 bytes (the engine makes none longer than
    /// a few dozen) is dropped.
    pub fn new(kind: FigureKind, span: Span, value: Option<f64>, unit: Option<&str>, iso: Option<&str>) -> Figure {
        let value = value.unwrap_or(f64::from_bits(NO_VALUE));
        let unit = unit.filter(|_| iso.is_none_or(|i| i.len() <= u16::MAX as usize));
        let has = if unit.is_some() { HAS_UNIT } else { 0 } | if iso.is_some() { HAS_ISO } else { 0 };
        let (texts, iso_len) = match (iso, unit) {
            (None, None) => (None, 0),
            (Some(one), None) | (None, Some(one)) => (Some(Box::from(one)), 0),
            (Some(i), Some(u)) => (Some([i, u].concat().into_boxed_str()), i.len() as u16),
        };
        Figure { kind, span, value, texts, iso_len, has, sentence: 0, context: None }
    }

    /// The normalised number: 118.5e9 for "$118.5 billion", 61 for "61%"; `None` for dates and
    /// for vague amounts that have no single value.
    #[inline]
    pub fn value(&self) -> Option<f64> {
        (self.value.to_bits() != NO_VALUE).then_some(self.value)
    }

    /// The unit: an ISO 4217 code for money, the counted noun for quantities, `None` otherwise
    /// (the measures model, [`crate::recognise::figures::measures`], gives the unit as written).
    pub fn unit(&self) -> Option<&str> {
        match self.has {
            HAS_UNIT => self.texts.as_deref(),
            HAS_BOTH => self.texts.as_deref()?.get(self.iso_len as usize..),
            _ => None,
        }
    }

    /// For dates, the resolved date or period in ISO 8601 (`2023-09-13`, `2024-01`, `2022`,
    /// `2023/..` for an open range); `None` when it cannot be resolved. A number range keeps its
    /// interval here, and the measures model what the unit measures and its canonical name
    /// (`dimension:Kilometer`).
    pub fn iso(&self) -> Option<&str> {
        match self.has {
            HAS_ISO => self.texts.as_deref(),
            HAS_BOTH => self.texts.as_deref()?.get(..self.iso_len as usize),
            _ => None,
        }
    }

    /// What it measures ([`FigureContext::subject`]), if its sentence says.
    pub fn subject(&self) -> Option<&str> {
        self.context.as_ref()?.subject.as_deref()
    }

    /// The entity the measure belongs to ([`FigureContext::about`]), if its sentence says.
    pub fn about(&self) -> Option<usize> {
        self.context.as_ref()?.about
    }

    /// The time it applies to ([`FigureContext::period`]), if its sentence says.
    pub fn period(&self) -> Option<&str> {
        self.context.as_ref()?.period.as_deref()
    }
}

/// What a figure measures, read from its sentence ([`Figure::context`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureContext {
    /// What it measures: the noun phrase from its sentence ("defense budget" in "Russia's
    /// defense budget of $118.5 billion"); see [`crate::recognise::figures::context`].
    pub subject: Option<String>,
    /// The entity the measure belongs to, when the sentence says so (index into
    /// [`crate::Analysis::entities`]).
    pub about: Option<usize>,
    /// The time it applies to, when stated ("2024" in "for 2024"; "2023/.." in "since 2023"):
    /// the resolved value of that date, or its text when it has none.
    pub period: Option<String>,
}

impl PartialEq for Figure {
    fn eq(&self, other: &Figure) -> bool {
        self.kind == other.kind
            && self.span == other.span
            && self.value() == other.value()
            && self.unit() == other.unit()
            && self.iso() == other.iso()
            && self.sentence == other.sentence
            && self.context == other.context
    }
}

impl fmt::Debug for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Figure")
            .field("kind", &self.kind)
            .field("span", &self.span)
            .field("value", &self.value())
            .field("unit", &self.unit())
            .field("iso", &self.iso())
            .field("sentence", &self.sentence)
            .field("context", &self.context)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_was_made_with() {
        let span = Span::new(2, 9);
        for value in [None, Some(0.0), Some(-1.5), Some(f64::INFINITY)] {
            for unit in [None, Some(""), Some("USD"), Some("km")] {
                for iso in [None, Some(""), Some("2023-02-24"), Some("dimension:Kilometer")] {
                    let f = Figure::new(FigureKind::Quantity, span, value, unit, iso);
                    assert_eq!((f.kind, f.span, f.value(), f.unit(), f.iso()), (FigureKind::Quantity, span, value, unit, iso));
                    assert_eq!(f, f.clone());
                }
            }
        }
    }

    #[test]
    fn a_nan_value_is_a_value() {
        let f = Figure::new(FigureKind::Percent, Span::new(0, 1), Some(f64::NAN), None, None);
        assert!(f.value().is_some_and(f64::is_nan));
        assert_ne!(f, Figure::new(FigureKind::Percent, Span::new(0, 1), None, None, None));
    }

    #[test]
    fn a_unit_beside_an_iso_value_too_long_to_split_is_dropped() {
        let long = "P".repeat(70_000);
        let f = Figure::new(FigureKind::Date, Span::new(0, 1), None, Some("days"), Some(&long));
        assert_eq!((f.unit(), f.iso()), (None, Some(long.as_str())));
    }
}
