# ASan + UBSan for the whole build (tests included): every UB report aborts,
# so a sanitizer finding fails the test that triggered it.
if(OXIDIZE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer's coverage feedback needs every object the targets link to be
# instrumented, not just the target files: without this the fuzzers mutate
# blindly.
if(OXIDIZE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
