// OXI-R0003 unsafe-impl: `unsafe impl` (Send, Sync or another unsafe trait).
// Types whose fields are Send/Sync get the traits automatically.
use std::sync::Mutex;

pub struct RawQueue {
    head: *mut u8,
}

unsafe impl Send for RawQueue {} // EXPECT: OXI-R0003

pub struct Queue {
    items: Mutex<Vec<u8>>,
}

impl Queue {
    pub fn push(&self, b: u8) {
        self.items.lock().unwrap().push(b);
    }
}
