//! The tagger model's entropy coder: an adaptive binary range coder (probabilities of 11 bits
//! that move 1/32 of the way towards each coded bit, carries propagated through a pending byte
//! and a count of 0xFF bytes). The model's keys, weights and clusters are coded as bits with
//! their own adaptive probabilities (see `RawModel::encode` in `tagger.rs`), which takes the
//! mostly-zero weights well under what gzip makes of the raw bytes. Integer arithmetic only, so
//! the bytes are the same on every machine.

/// Probability scale: a probability is the chance of a 0 bit in units of 1/2048.
const BITS: u32 = 11;
/// Adaptation speed: a probability moves by 1/32 of its distance to the coded bit.
const MOVE: u32 = 5;
/// Below this the range is widened by a byte.
const TOP: u32 = 1 << 24;

/// An adaptive bit probability; starts at one half.
#[derive(Clone, Copy)]
pub struct Bit(u16);

impl Default for Bit {
    fn default() -> Bit {
        Bit(1 << (BITS - 1))
    }
}

impl Bit {
    fn update(&mut self, bit: bool) {
        if bit {
            self.0 -= self.0 >> MOVE;
        } else {
            self.0 += ((1 << BITS) - self.0) >> MOVE;
        }
    }
}

/// Writes bits.
pub struct Encoder {
    low: u64,
    range: u32,
    pending: u8,
    pending_len: u64,
    out: Vec<u8>,
}

impl Default for Encoder {
    fn default() -> Encoder {
        Encoder { low: 0, range: u32::MAX, pending: 0, pending_len: 1, out: Vec::new() }
    }
}

impl Encoder {
    fn shift(&mut self) {
        if (self.low as u32) < 0xFF00_0000 || (self.low >> 32) != 0 {
            let carry = (self.low >> 32) as u8;
            let mut byte = self.pending;
            while self.pending_len > 0 {
                self.out.push(byte.wrapping_add(carry));
                byte = 0xFF;
                self.pending_len -= 1;
            }
            self.pending = (self.low >> 24) as u8;
        }
        self.pending_len += 1;
        self.low = u64::from((self.low as u32) << 8);
    }

    fn normalise(&mut self) {
        while self.range < TOP {
            self.range <<= 8;
            self.shift();
        }
    }

    /// Codes `bit` with the adaptive probability `p`.
    pub fn bit(&mut self, p: &mut Bit, bit: bool) {
        let bound = (self.range >> BITS) * u32::from(p.0);
        if bit {
            self.low += u64::from(bound);
            self.range -= bound;
        } else {
            self.range = bound;
        }
        p.update(bit);
        self.normalise();
    }

    /// Codes the low `n` bits of `v`, high bit first, each with probability one half.
    pub fn direct(&mut self, v: u32, n: u32) {
        for i in (0..n).rev() {
            self.range >>= 1;
            if (v >> i) & 1 == 1 {
                self.low += u64::from(self.range);
            }
            self.normalise();
        }
    }

    /// The coded bytes.
    pub fn finish(mut self) -> Vec<u8> {
        for _ in 0..5 {
            self.shift();
        }
        self.out
    }
}

/// Reads what an [`Encoder`] wrote; past the end of its bytes it reads zeros (a truncated
/// model decodes to nonsense that the caller's checks reject, never a panic).
pub struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
}

impl<'a> Decoder<'a> {
    /// Starts reading `bytes`.
    pub fn new(bytes: &'a [u8]) -> Decoder<'a> {
        let mut d = Decoder { bytes, at: 0, range: u32::MAX, code: 0 };
        for _ in 0..5 {
            d.code = (d.code << 8) | u32::from(d.next());
        }
        d
    }

    fn next(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn normalise(&mut self) {
        while self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.next());
        }
    }

    /// Whether the decoder has read past the end of its bytes (more than the coder's flush).
    pub fn overran(&self) -> bool {
        self.at > self.bytes.len() + 4
    }

    /// Reads a bit coded with the adaptive probability `p`.
    #[inline]
    pub fn bit(&mut self, p: &mut Bit) -> bool {
        let bound = (self.range >> BITS) * u32::from(p.0);
        let bit = self.code >= bound;
        if bit {
            self.code -= bound;
            self.range -= bound;
        } else {
            self.range = bound;
        }
        p.update(bit);
        self.normalise();
        bit
    }

    /// Reads `n` bits coded by [`Encoder::direct`].
    pub fn direct(&mut self, n: u32) -> u32 {
        let mut v = 0u32;
        for _ in 0..n {
            self.range >>= 1;
            let bit = self.code >= self.range;
            if bit {
                self.code -= self.range;
            }
            v = (v << 1) | u32::from(bit);
            self.normalise();
        }
        v
    }
}
