let r = 1..2; let f = 1.5e-3f64; let m = 1.max(2); let h = 0x_ff_u8; r#match
