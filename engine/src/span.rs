//! The one span type of the engine: a half-open range of **byte** offsets into the decoded text.
//!
//! Every stage works in byte offsets. They are converted only at the edges: to Unicode code
//! points in the JSON contract ([`crate::contract`]) and to UTF-16 units in the web page.

use std::ops::Range;

/// A half-open byte range `start..end` into a document's text: 8 bytes.
///
/// Spans produced by the engine always lie on `char` boundaries of the text they index.
///
/// The offsets are held as `u32`s, which halves every list of mentions the engine returns, and
/// read as `usize` through [`Span::start`], [`Span::end`], [`Span::range`] and [`Span::of`].
/// They cannot be past [`Span::MAX_OFFSET`] (4 GiB - 1): the engine refuses input over
/// [`crate::MAX_INPUT_BYTES`], whose decoded text is at most three times that, and
/// [`crate::segment::tokenize`] stops at [`crate::segment::Token::MAX_OFFSET`] (1 GiB), so no
/// span the engine makes comes near it. [`Span::new`] clamps larger offsets to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The largest offset a span can hold: `u32::MAX`.
    pub const MAX_OFFSET: usize = u32::MAX as usize;

    /// A span from `start` to `end` (byte offsets, `start <= end`); offsets past
    /// [`Span::MAX_OFFSET`] are clamped to it (a debug build asserts there are none).
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        debug_assert!(end <= Span::MAX_OFFSET, "span offset past Span::MAX_OFFSET");
        Span { start: Span::clamp(start), end: Span::clamp(end) }
    }

    const fn clamp(offset: usize) -> u32 {
        if offset > Span::MAX_OFFSET { u32::MAX } else { offset as u32 }
    }

    /// Byte offset of the first byte.
    #[inline]
    pub const fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the last byte.
    #[inline]
    pub const fn end(&self) -> usize {
        self.end as usize
    }

    /// The same span with its start moved to `start`.
    #[inline]
    pub const fn with_start(self, start: usize) -> Span {
        Span::new(start, self.end())
    }

    /// The same span with its end moved to `end`.
    #[inline]
    pub const fn with_end(self, end: usize) -> Span {
        Span::new(self.start(), end)
    }

    /// Number of bytes covered.
    #[inline]
    pub const fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The text this span covers in `text`.
    ///
    /// # Panics
    /// When the span is out of range or not on `char` boundaries of `text`.
    #[inline]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range()]
    }

    /// Whether the two spans share at least one byte.
    #[inline]
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    #[inline]
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span as a `Range<usize>`.
    #[inline]
    pub const fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// The index of the first byte of `b` past ASCII at or after `from`: eight bytes at a time.
pub(crate) fn first_non_ascii(b: &[u8], from: usize) -> Option<usize> {
    first_byte(b, from, |word| word & HIGH != 0, |x| !x.is_ascii())
}

/// The high bit of each byte of a little-endian `u64`.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The first byte at or after `from` for which `stop` holds, eight bytes at a time passed over
/// while `may_stop` is false of them as a little-endian `u64` (it must be true of any eight
/// bytes that hold a byte `stop` is true of).
#[inline]
pub(crate) fn first_byte(b: &[u8], from: usize, may_stop: impl Fn(u64) -> bool, stop: impl Fn(u8) -> bool) -> Option<usize> {
    let rest = b.get(from..)?;
    let mut k = 0;
    for word in rest.chunks_exact(8) {
        let word: [u8; 8] = word.try_into().ok()?;
        if may_stop(u64::from_le_bytes(word)) {
            break;
        }
        k += 8;
    }
    rest.get(k..)?.iter().position(|&x| stop(x)).map(|p| from + k + p)
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
        // ASCII is skipped eight bytes at a time (most of news text); the byte found past it
        // starts a character, since only ASCII lay between it and the last one.
        let mut i = 0;
        while let Some(at) = first_non_ascii(text.as_bytes(), i) {
            let n = text[at..].chars().next().map_or(1, char::len_utf8);
            extra += n - 1;
            wide.push((at, extra));
            i = at + n;
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
    fn spans_read_back_their_offsets() {
        let s = Span::new(3, Span::MAX_OFFSET);
        assert_eq!((s.start(), s.end(), s.len()), (3, Span::MAX_OFFSET, Span::MAX_OFFSET - 3));
        assert_eq!(Span::new(2, 5).with_start(1).with_end(4), Span::new(1, 4));
        assert_eq!(Span::new(2, 5).range(), 2..5);
        assert_eq!(Span::new(2, 5).of("a bcd e"), "bcd");
        assert!(Span::new(1, 3) < Span::new(1, 4) && Span::new(1, 4) < Span::new(2, 3));
    }

    /// Offsets past `u32` are clamped (a debug build asserts instead).
    #[test]
    #[cfg(all(not(debug_assertions), target_pointer_width = "64"))]
    fn offsets_past_the_limit_are_clamped() {
        let s = Span::new(1, Span::MAX_OFFSET + 10);
        assert_eq!((s.start(), s.end()), (1, Span::MAX_OFFSET));
    }

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
