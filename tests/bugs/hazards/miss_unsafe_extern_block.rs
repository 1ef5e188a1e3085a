// Known miss (a detector bug): `unsafe extern "C" { ... }`, the form Rust 2024
// requires for extern blocks, is reported as nothing: the `extern` after
// `unsafe` is skipped as part of an `unsafe extern "C" fn`, and the `unsafe`
// branch finds no `fn` after it.

unsafe extern "C" { // EXPECT: OXI-R0008
    pub fn abs(x: i32) -> i32;
}

pub fn magnitude(x: i32) -> i32 {
    unsafe { abs(x) } // EXPECT: OXI-R0001
}
