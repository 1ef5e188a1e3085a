//! Rust: free functions, impl and trait blocks, qualifiers, closures, unsafe.

// EXPECT: name=add ccn=1 params=2
pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

pub struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    // EXPECT: name=Stack::push ccn=1 params=2
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    // EXPECT: name=Stack::peek ccn=2 ccn_modified=2 params=1
    pub fn peek(&self) -> Option<T> {
        if self.items.is_empty() { None } else { self.items.last().cloned() }
    }
}

pub trait Describe {
    fn name(&self) -> String;
    // EXPECT: name=Describe::describe ccn=1 params=1
    fn describe(&self) -> String {
        format!("<{}>", self.name())
    }
}

impl<T> Describe for Stack<T> {
    // EXPECT: name=Stack::name ccn=4 ccn_modified=2 params=1
    fn name(&self) -> String {
        match self.items.len() {
            0 => "empty".into(),
            1 => "one".into(),
            2 => "two".into(),
            _ => "many".into(),
        }
    }
}

// EXPECT: name=parse ccn=5 params=1
fn parse(s: &str) -> Result<i32, std::num::ParseIntError> {
    let n = s.trim().parse::<i32>()?;
    let ok = |x: i32| x > 0 && x < 100;
    let always = || true;
    Ok(if ok(n) || always() { n } else { 0 })
}

// EXPECT: name=raw_read unsafe=1 unsafe_blocks=0 params=1
pub unsafe fn raw_read(p: *const u8) -> u8 {
    *p
}

// EXPECT: name=uses_unsafe unsafe=0 unsafe_blocks=2 params=0
pub fn uses_unsafe() -> u8 {
    let x = 1u8;
    let a = unsafe { raw_read(&x) };
    let b = unsafe { raw_read(&x) };
    a + b
}

extern "C" {
    fn abs(x: i32) -> i32;
}

// EXPECT: name=callback params=1
pub extern "C" fn callback(x: i32) -> i32 {
    unsafe { abs(x) }
}

mod inner {
    // EXPECT: name=inner::helper ccn=2 params=0
    pub(crate) const fn helper() -> usize {
        let mut n = 0;
        while n < 3 { n += 1; }
        n
    }
}
