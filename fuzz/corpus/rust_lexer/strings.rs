let s = r#"raw "q" "#; let b = br##"x"##; let c = b'a';
let m = "multi
line";
