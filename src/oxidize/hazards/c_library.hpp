#pragma once
// The C library (and kernel, glib) functions the detectors know: which
// argument is the destination, the size, the format; which allocate, which
// free, which never return. Data, looked up by name.
#include <cstdint>
#include <string_view>

namespace oxidize::hazards {

enum class CallKind : std::uint8_t {
  allocate,       // returns new heap memory; size in size_arg (times count_arg if set)
  reallocate,     // realloc-like: pointer in arg 0, size in size_arg
  duplicate,      // strdup-like: a heap copy of a string
  release,        // free-like: pointer in pointer_arg
  copy_unbounded,    // strcpy, wcscpy, stpcpy: dest 0, source 1
  append_unbounded,  // strcat, wcscat
  format_unbounded,  // sprintf, vsprintf: dest 0, format in format_arg
  bounded_string,    // strncpy, strncat: dest 0, size 2
  memory,            // memcpy, memmove, memset: dest 0, size 2
  read_line_unbounded,  // gets
  scan,               // scanf family: format in format_arg
  format,             // printf family: format in format_arg; snprintf's bound in size_arg
  stack_allocate,     // alloca
  no_return,          // exit, abort, panic
};

struct LibraryCall {
  CallKind kind;
  std::int8_t format_arg = -1;  // the format string's index
  std::int8_t size_arg = -1;    // bytes (allocate, reallocate, memory, bounded_string)
  std::int8_t count_arg = -1;   // element count (calloc-like: count * size)
  std::int8_t pointer_arg = 0;  // release: which argument is freed
  bool may_fail = true;         // allocate: returns NULL on failure (not xmalloc, g_malloc)
  bool zeroes = false;          // allocate: the memory is zeroed (calloc, kzalloc)
  bool va_list = false;         // format: takes a va_list (a wrapper passing its format on)
  bool wide = false;            // sizes count wchar_t elements, not bytes (swprintf)
};

// Null when the name is none of them.
const LibraryCall* library_call(std::string_view name);

}  // namespace oxidize::hazards
