// OXI-R0002 unsafe-fn: `unsafe fn`, also `pub unsafe fn` and
// `unsafe extern "C" fn`. A safe function with checked preconditions is not
// reported.

/// # Safety
/// `ptr` must point to `len` initialised bytes.
pub unsafe fn checksum_flawed(ptr: *const u8, len: usize) -> u32 { // EXPECT: OXI-R0002
    let mut sum = 0u32;
    for i in 0..len {
        sum = sum.wrapping_add(u32::from(ptr.add(i).read()));
    }
    sum
}

pub fn checksum_fixed(data: &[u8]) -> u32 {
    data.iter().fold(0u32, |s, &b| s.wrapping_add(u32::from(b)))
}

pub unsafe extern "C" fn callback_flawed(arg: *mut u8) { // EXPECT: OXI-R0002
    let _ = arg;
}
