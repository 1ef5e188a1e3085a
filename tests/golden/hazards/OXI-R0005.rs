// OXI-R0005 static-mut: a `static mut` item. Atomics, Mutex or OnceLock make
// the same state safe.
use std::sync::atomic::{AtomicU64, Ordering};

static mut REQUESTS_FLAWED: u64 = 0; // EXPECT: OXI-R0005

static REQUESTS_FIXED: AtomicU64 = AtomicU64::new(0);

pub fn count_fixed() -> u64 {
    REQUESTS_FIXED.fetch_add(1, Ordering::Relaxed) + 1
}
