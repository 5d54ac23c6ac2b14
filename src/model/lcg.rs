//! A small deterministic pseudo-random sequence (Knuth's MMIX linear
//! congruential generator): the same numbers on every run, with no dependency,
//! for the generated benchmark data and for tests that try many random cases.
//! Here, at the bottom layer, so that every layer's tests can use it.

/// The sequence from a seed.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    fn step(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0
    }

    /// A number in [0, 1), from the 53 high bits.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.step() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number below `n` (from the high bits, the better ones of such a generator).
    #[cfg(test)]
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        (self.step() >> 33) % n
    }
}
