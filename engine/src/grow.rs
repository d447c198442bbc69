//! Lists that grow by a quarter at a time.
//!
//! A `Vec` that doubles as it grows can hold up to twice what it uses, and, while it moves,
//! both its old and new buffers. The lists a document fills one item at a time, as many as it
//! has tokens, words or names, grow by a quarter instead (DESIGN.md, "Memory").

/// Pushes `item` onto `list`, first growing it by a quarter of its length (at least `least`
/// items) when it is full.
#[inline]
pub(crate) fn push<T>(list: &mut Vec<T>, item: T, least: usize) {
    if list.len() == list.capacity() {
        list.reserve_exact((list.len() / 4).max(least));
    }
    list.push(item);
}
