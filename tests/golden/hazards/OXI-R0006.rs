// OXI-R0006 raw-pointer-deref: `*p` inside an unsafe block where p was declared
// as a raw pointer (`p: *const T`, `p: *mut T`, `let p = x as *const T`).
// Medium confidence. A `*` after an operand (a multiplication) and the
// dereference of a reference are not reported.

pub fn sum_flawed(p: *const i32, n: usize) -> i32 {
    let mut total = 0;
    unsafe { // EXPECT: OXI-R0001
        for i in 0..n {
            let q = p.add(i);
            total += *p * 2; // EXPECT: OXI-R0006
            let _ = q;
        }
    }
    total
}

pub fn sum_fixed(v: &[i32]) -> i32 {
    let r = &v[0];
    v.iter().sum::<i32>() + *r * 2
}
