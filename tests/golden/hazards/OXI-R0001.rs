// OXI-R0001 unsafe-block: every `unsafe { }` block, counted as cargo-geiger
// counts it (high confidence: it is an inventory, not a guess). The fixed
// variant uses a safe API that needs none.

pub fn first_byte_flawed(data: &[u8]) -> u8 {
    unsafe { *data.get_unchecked(0) } // EXPECT: OXI-R0001
}

pub fn first_byte_fixed(data: &[u8]) -> u8 {
    data.first().copied().unwrap_or(0)
}

pub fn not_a_block_fixed() -> &'static str {
    "unsafe { }"
}
