// OXI-R0008 extern-block: an `extern "C" { }` (or plain `extern { }`) block of
// foreign declarations. `extern crate` and `extern "C" fn` definitions are not
// blocks and are not reported.

extern "C" { // EXPECT: OXI-R0008
    fn getpid() -> i32;
}

pub fn pid_flawed() -> i32 {
    unsafe { getpid() } // EXPECT: OXI-R0001
}

pub fn pid_fixed() -> u32 {
    std::process::id()
}

pub extern "C" fn exported_fixed(x: i32) -> i32 {
    x + 1
}
