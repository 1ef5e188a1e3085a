# ASan + UBSan for the whole build (tests included): every UB report aborts,
# so a sanitizer finding fails the test that triggered it.
if(OXIDIZE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
