//! The one span type of the engine: a half-open range of **byte** offsets into the decoded text.
//!
//! Every stage works in byte offsets. They are converted only at the edges: to Unicode code
//! points in the JSON contract ([`crate::contract`]) and to UTF-16 units in the web page.

use std::ops::Range;

/// A half-open byte range `start..end` into a document's text.
///
/// Spans produced by the engine always lie on `char` boundaries of the text they index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets, `start <= end`).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The text this span covers in `text`.
    ///
    /// # Panics
    /// When the span is out of range or not on `char` boundaries of `text`.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span as a `Range<usize>`.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Converts byte offsets of one text to Unicode code point offsets, in one pass over the text.
///
/// Offsets must be asked for in any order; each lookup is `O(log n)` over the text's
/// multi-byte characters, so a whole document converts in `O(n log n)` at worst and `O(n)` for
/// ASCII text.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offsets at which a multi-byte character starts, with the number of extra bytes
    /// (beyond one per char) accumulated *after* that character.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                wide.push((i, extra));
            }
        }
        CharIndex { wide }
    }

    /// The code point offset of byte offset `byte` (which must be on a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Count the extra bytes of every wide char that starts before `byte`.
        let k = self.wide.partition_point(|&(start, _)| start < byte);
        let extra = if k == 0 { 0 } else { self.wide[k - 1].1 };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Stensønes 🙂 said";
        let idx = CharIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(bi), ci);
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }
}
