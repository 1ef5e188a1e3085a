#pragma once
// What C library functions do with what their pointer arguments point to,
// beyond what c_library.hpp says of destinations and sizes: which
// arguments they read as NUL-terminated strings, and which they reach at
// all (read or write). A freed pointer handed to one that reaches it is a
// use (`strlen(p)`, both of `memcpy`'s), `printf("%p", p)` is not; a local
// array read as a string before anything wrote it is an uninitialised read.
#include <string_view>

namespace oxidize::hazards {

struct ArgumentReads {
  unsigned strings = 0;   // bit n: argument n is read as a string
  unsigned pointees = 0;  // bit n: what argument n points to is read or written
};

// Both masks empty when the function is none of the table's.
ArgumentReads argument_reads(std::string_view callee);

}  // namespace oxidize::hazards
