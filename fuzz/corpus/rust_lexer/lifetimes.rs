fn f<'a>(x: &'a str) -> char { 'outer: loop { break 'outer; } '\u{1F600}' }
