#include "oxidize/hazards/c_library.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <unordered_map>
#include <vector>

namespace oxidize::hazards {

namespace {

using K = CallKind;
using Entry = std::pair<std::string_view, LibraryCall>;

LibraryCall allocate(std::int8_t size, std::int8_t count = -1, bool may_fail = true, bool zeroes = false) {
  return {.kind = K::allocate, .size_arg = size, .count_arg = count, .may_fail = may_fail, .zeroes = zeroes};
}
LibraryCall release(std::int8_t pointer = 0) { return {.kind = K::release, .pointer_arg = pointer}; }
LibraryCall format(std::int8_t fmt, bool va = false) { return {.kind = K::format, .format_arg = fmt, .va_list = va}; }
LibraryCall scan(std::int8_t fmt) { return {.kind = K::scan, .format_arg = fmt}; }
LibraryCall simple(K kind) { return {.kind = kind}; }

std::vector<Entry> make_table() {
  std::vector<Entry> t = {
      {"malloc", allocate(0)},
      {"calloc", allocate(1, 0, true, true)},
      {"realloc", {.kind = K::reallocate, .size_arg = 1}},
      {"reallocarray", {.kind = K::reallocate, .size_arg = 2, .count_arg = 1}},
      {"aligned_alloc", allocate(1)},
      {"valloc", allocate(0)},
      {"xmalloc", allocate(0, -1, false)},
      {"xcalloc", allocate(1, 0, false, true)},
      {"xzalloc", allocate(0, -1, false, true)},
      {"g_malloc", allocate(0, -1, false)},
      {"g_malloc0", allocate(0, -1, false, true)},
      {"g_new", allocate(-1, -1, false)},
      {"kmalloc", allocate(0)},
      {"kzalloc", allocate(0, -1, true, true)},
      {"kcalloc", allocate(1, 0, true, true)},
      {"kmalloc_array", allocate(1, 0)},
      {"kvmalloc", allocate(0)},
      {"kvzalloc", allocate(0, -1, true, true)},
      {"vmalloc", allocate(0)},
      {"vzalloc", allocate(0, -1, true, true)},
      {"devm_kmalloc", allocate(1)},
      {"devm_kzalloc", allocate(1, -1, true, true)},
      {"strdup", simple(K::duplicate)},
      {"strndup", simple(K::duplicate)},
      {"kstrdup", simple(K::duplicate)},
      {"g_strdup", {.kind = K::duplicate, .may_fail = false}},
      {"free", release()},
      {"cfree", release()},
      {"kfree", release()},
      {"kvfree", release()},
      {"vfree", release()},
      {"kfree_sensitive", release()},
      {"kzfree", release()},
      {"g_free", release()},
      {"devm_kfree", release(1)},
      {"strcpy", simple(K::copy_unbounded)},
      {"stpcpy", simple(K::copy_unbounded)},
      {"wcscpy", simple(K::copy_unbounded)},
      {"lstrcpy", simple(K::copy_unbounded)},
      {"_mbscpy", simple(K::copy_unbounded)},
      {"strcat", simple(K::append_unbounded)},
      {"wcscat", simple(K::append_unbounded)},
      {"lstrcat", simple(K::append_unbounded)},
      {"sprintf", {.kind = K::format_unbounded, .format_arg = 1}},
      {"vsprintf", {.kind = K::format_unbounded, .format_arg = 1, .va_list = true}},
      {"strncpy", {.kind = K::bounded_string, .size_arg = 2}},
      {"strncat", {.kind = K::bounded_string, .size_arg = 2}},
      {"wcsncpy", {.kind = K::bounded_string, .size_arg = 2}},
      {"memcpy", {.kind = K::memory, .size_arg = 2}},
      {"memmove", {.kind = K::memory, .size_arg = 2}},
      {"memset", {.kind = K::memory, .size_arg = 2}},
      {"wmemcpy", {.kind = K::memory, .size_arg = 2}},
      {"bcopy", {.kind = K::memory, .size_arg = 2, .pointer_arg = 1}},
      {"gets", simple(K::read_line_unbounded)},
      {"_getws", simple(K::read_line_unbounded)},
      {"scanf", scan(0)},
      {"vscanf", scan(0)},
      {"wscanf", scan(0)},
      {"sscanf", scan(1)},
      {"fscanf", scan(1)},
      {"vsscanf", scan(1)},
      {"vfscanf", scan(1)},
      {"swscanf", scan(1)},
      {"printf", format(0)},
      {"vprintf", format(0, true)},
      {"fprintf", format(1)},
      {"vfprintf", format(1, true)},
      {"dprintf", format(1)},
      {"snprintf", {.kind = K::format, .format_arg = 2, .size_arg = 1}},
      {"vsnprintf", {.kind = K::format, .format_arg = 2, .size_arg = 1, .va_list = true}},
      // C99's swprintf is bounded, in wide characters (not the old MS one).
      {"swprintf", {.kind = K::format, .format_arg = 2, .size_arg = 1, .wide = true}},
      {"vswprintf", {.kind = K::format, .format_arg = 2, .size_arg = 1, .va_list = true, .wide = true}},
      {"syslog", format(1)},
      {"vsyslog", format(1, true)},
      {"err", format(1)},
      {"errx", format(1)},
      {"warn", format(0)},
      {"warnx", format(0)},
      {"printk", format(0)},
      {"alloca", simple(K::stack_allocate)},
      {"__builtin_alloca", simple(K::stack_allocate)},
      {"_alloca", simple(K::stack_allocate)},
      {"exit", simple(K::no_return)},
      {"_exit", simple(K::no_return)},
      {"_Exit", simple(K::no_return)},
      {"abort", simple(K::no_return)},
      {"panic", simple(K::no_return)},
      {"BUG", simple(K::no_return)},
      {"longjmp", simple(K::no_return)},
      {"siglongjmp", simple(K::no_return)},
      {"__builtin_unreachable", simple(K::no_return)},
  };
  return t;
}

}  // namespace

const LibraryCall* library_call(std::string_view name) {
  // A hash map built once: looked up for every call in every function body.
  static const std::unordered_map<std::string_view, LibraryCall> table = [] {
    std::unordered_map<std::string_view, LibraryCall> m;
    for (const auto& [n, call] : make_table()) m.emplace(n, call);
    return m;
  }();
  // Most callees are longer than any name in the table, or start with a
  // byte none does: two cheap tests before hashing.
  if (name.size() > 21 || name.size() < 3) return nullptr;
  const auto it = table.find(name);
  return it == table.end() ? nullptr : &it->second;
}

}  // namespace oxidize::hazards
