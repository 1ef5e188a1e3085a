//! Crate docs.

/* outer /* nested */ still a comment */
pub fn greet<'a>(name: &'a str) -> String {
    let raw = r#"a "raw" string
spanning two lines"#;
    format!("hi {name} {raw}")
}
