// Every `*p` of a raw pointer in an unsafe context counts (OXI-R0006):
// right after `if`, `return`, `match` and `while`, inside expressions, and
// on pointers obtained from `as_ptr`, copied from another raw pointer, or
// offset from one (`start.add(n)`), as memchr's loops write them.

pub unsafe fn first_byte(haystack: &[u8], needle: u8) -> Option<usize> { // EXPECT: OXI-R0002
    let start = haystack.as_ptr();
    let end = start.add(haystack.len());
    let mut ptr = start;
    while ptr < end {
        if *ptr == needle { // EXPECT: OXI-R0006
            return Some(ptr as usize - start as usize);
        }
        ptr = ptr.add(1);
    }
    None
}

pub fn read_flag(p: *const u8) -> bool {
    unsafe { // EXPECT: OXI-R0001
        match *p { // EXPECT: OXI-R0006
            0 => false,
            _ => true,
        }
    }
}

pub fn read_value(p: *const u32) -> u32 {
    unsafe { // EXPECT: OXI-R0001
        return *p; // EXPECT: OXI-R0006
    }
}

pub fn loop_until_zero(p: *const u8) -> usize {
    let mut n = 0;
    unsafe { // EXPECT: OXI-R0001
        while *p.add(n) != 0 { // EXPECT: OXI-R0006
            n += 1;
        }
    }
    n
}

pub fn references_are_not_raw(v: &[u8]) -> u8 {
    let r = &v[0];
    if *r == 0 {
        return *r;
    }
    match *r {
        1 => 2,
        _ => *r * 2,
    }
}
