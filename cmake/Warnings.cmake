# Warnings for first-party code only: targets link oxidize_warnings, so the
# flags never leak into third-party headers' consumers or the test framework.
add_library(oxidize_warnings INTERFACE)
target_compile_options(oxidize_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(OXIDIZE_WERROR)
  target_compile_options(oxidize_warnings INTERFACE -Werror)
endif()
