#pragma once
// A command's results live until the process ends. Freeing the snapshot of
// a kernel tree (hundreds of thousands of small blocks) takes a tenth of an
// unchanged rescan, and the operating system reclaims the memory at exit for
// nothing, as compilers do with their ASTs. Under AddressSanitizer the value
// is freed as usual, so that leak checks keep their meaning.
#include <utility>

namespace oxidize::cli {

#if defined(__SANITIZE_ADDRESS__)
#define OXIDIZE_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OXIDIZE_FREE_AT_EXIT 1
#endif
#endif

template <class T>
void keep_until_exit(T&& value) {
#ifdef OXIDIZE_FREE_AT_EXIT
  (void)value;  // destroyed by the caller as usual
#else
  // Deliberately never deleted (see above).
  new std::remove_cvref_t<T>(std::forward<T>(value));
#endif
}

}  // namespace oxidize::cli
