# Warnings for first-party code only: targets link oxidize_warnings, so the
# flags never leak into third-party headers' consumers or the test framework.
# Not -Wnull-dereference: with g++ 12 at -O2 it fires inside libstdc++ code
# inlined from CLI11's headers (a false positive we cannot fix there).
add_library(oxidize_warnings INTERFACE)
target_compile_options(oxidize_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(OXIDIZE_WERROR)
  target_compile_options(oxidize_warnings INTERFACE -Werror)
endif()
