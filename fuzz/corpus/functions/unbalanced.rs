fn f() { m!{ { } }
impl<T> X<T> for Y { fn g(&self) -> u8 { match 1 { _ => 2 } } }
