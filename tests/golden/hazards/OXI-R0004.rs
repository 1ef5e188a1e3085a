// OXI-R0004 unsafe-trait: `unsafe trait` and `unsafe auto trait`.

pub unsafe trait Zeroable {} // EXPECT: OXI-R0004

pub trait Reset {
    fn reset(&mut self);
}
