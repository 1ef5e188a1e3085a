auto s = R"xy(
/* not */ )" 
)xy";
char c = u8'a';
