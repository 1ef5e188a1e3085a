x = R"(never closed
