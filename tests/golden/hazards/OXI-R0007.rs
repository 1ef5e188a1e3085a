// OXI-R0007 transmute: a call to mem::transmute (also transmute::<A, B>).
// A `use std::mem::transmute;` line is not a call and is not reported.
use std::mem;

pub fn bits_flawed(x: f32) -> u32 {
    unsafe { mem::transmute(x) } // EXPECT: OXI-R0001 OXI-R0007
}

pub fn bits_fixed(x: f32) -> u32 {
    x.to_bits()
}
