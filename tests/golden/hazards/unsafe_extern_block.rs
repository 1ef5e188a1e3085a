// Rust 2024 writes extern blocks `unsafe extern "C" { ... }`: an extern
// block too (once a known miss, tests/bugs/hazards).

unsafe extern "C" { // EXPECT: OXI-R0008
    pub fn abs(x: i32) -> i32;
}

pub fn magnitude(x: i32) -> i32 {
    unsafe { abs(x) } // EXPECT: OXI-R0001
}
