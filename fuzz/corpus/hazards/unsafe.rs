static mut X: u32 = 0;
unsafe fn f(p: *const u8) -> u8 { *p }
fn g() { unsafe { X += 1; } }
extern "C" { fn puts(s: *const u8); }
