fn main() {
    println!("hi"); // c
}
