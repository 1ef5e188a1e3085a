#include "oxidize/hazards/rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace oxidize::hazards {

namespace {

using enum RuleId;
using S = Severity;
using C = Confidence;
using L = RuleLanguage;

// The table. Keep ids sorted and the order equal to RuleId's (both checked
// below); every row needs an entry in docs/rules.md (checked by a test).
constexpr std::array<Rule, static_cast<std::size_t>(RuleId::count_)> k_rules{{
    {strcpy_unbounded, "OXI-C0001", "strcpy-unbounded", "CWE-120", "CWE-787", S::high, C::medium, L::c_family,
     "strcpy copies without a bound",
     "strcpy copies until the source's NUL, whatever the size of the destination: a longer source writes past "
     "the end of the buffer.",
     "snprintf(dst, sizeof dst, \"%s\", src), or strlcpy where available; check the length first when "
     "truncation matters.",
     "String and &str carry their length; copying into a fixed buffer is copy_from_slice on a checked slice."},
    {strcat_unbounded, "OXI-C0002", "strcat-unbounded", "CWE-120", "CWE-787", S::high, C::medium, L::c_family,
     "strcat appends without a bound",
     "strcat appends until the source's NUL without knowing how much room is left in the destination.",
     "Track the used length and use snprintf(dst + used, size - used, ...), or strlcat.",
     "String::push_str grows the buffer; there is no fixed-size destination to overrun."},
    {sprintf_unbounded, "OXI-C0003", "sprintf-unbounded", "CWE-120", "CWE-787", S::high, C::medium, L::c_family,
     "sprintf/vsprintf format into a buffer of unknown size",
     "The formatted length depends on the arguments (a %s, a large number), and nothing stops it at the end of "
     "the buffer.",
     "snprintf/vsnprintf with sizeof the destination, and check the result for truncation.",
     "format! and write! build a String of the right size."},
    {gets_call, "OXI-C0004", "gets", "CWE-242", "CWE-120", S::critical, C::high, L::c_family,
     "gets reads a line of any length",
     "gets cannot be used safely: any input line longer than the buffer overruns it. It was removed from C11.",
     "fgets(buf, sizeof buf, stdin), or getline.",
     "std::io::stdin().read_line(&mut String) grows the string as needed."},
    {scanf_unbounded, "OXI-C0005", "scanf-unbounded", "CWE-120", "CWE-787", S::high, C::high, L::c_family,
     "scanf %s or %[ without a field width",
     "Without a width, %s and %[ store a whole input word, however long, into the destination.",
     "Give a width one less than the buffer (\"%63s\" for char[64]), or read a line with fgets and parse it.",
     "Read into a String and parse with str::split_whitespace / str::parse."},
    {strn_error_prone, "OXI-C0006", "strn-error-prone", "CWE-170", "CWE-120", S::medium, C::low, L::c_family,
     "strncpy/strncat: bounded but easy to get wrong",
     "strncpy leaves the destination without a NUL when the source is as long as the bound; strncat's bound is "
     "the room left minus one, not the buffer size, and is often given as sizeof dst.",
     "snprintf(dst, sizeof dst, \"%s\", src), or strlcpy/strlcat; terminate explicitly after strncpy.",
     "Slices are bounds-checked and strings carry their length: no terminator to lose."},
    {mem_size_unproven, "OXI-C0007", "mem-size-unproven", "CWE-805", "CWE-787", S::medium, C::low, L::c_family,
     "memcpy/memmove/memset with a size not tied to the destination",
     "The size comes from elsewhere (a length field, a computation) and nothing in the call shows that it fits the "
     "destination; a wrong or attacker-controlled size overruns it.",
     "Use sizeof the destination, or check the size against the destination's capacity right before the call.",
     "dst[..n].copy_from_slice(&src[..n]) panics instead of overrunning; slices know their length."},
    {strlen_alloc_no_nul, "OXI-C0008", "strlen-alloc-no-nul", "CWE-131", "CWE-193", S::high, C::medium, L::c_family,
     "allocation of strlen(s) bytes, without room for the NUL",
     "A copy of the string needs strlen(s) + 1 bytes; the terminator is written one past the allocation.",
     "malloc(strlen(s) + 1), or strdup(s).",
     "s.to_owned() / String::from(s): no terminator to account for."},
    {format_not_literal, "OXI-C0009", "format-not-literal", "CWE-134", "", S::high, C::medium, L::c_family,
     "format string that is not a literal",
     "If the format comes from outside, %n and %s in it read and write arbitrary memory.",
     "printf(\"%s\", msg); mark your own printf-like functions with __attribute__((format)) so the compiler checks "
     "them.",
     "format! takes only literal format strings, checked at compile time."},
    {alloc_size_overflow, "OXI-C0010", "alloc-size-overflow", "CWE-190", "CWE-680", S::medium, C::low, L::c_family,
     "allocation size computed by multiplication that can overflow",
     "count * size wraps around for large counts; the allocation is then smaller than the loop that fills it "
     "expects, and the writes run past its end.",
     "calloc(count, size) or reallocarray(p, count, size), which check the product; or check count <= SIZE_MAX / "
     "size first.",
     "Vec::with_capacity and vec![x; n] check the size; checked_mul makes the check explicit."},
    {alloca_call, "OXI-C0011", "alloca", "CWE-770", "CWE-121", S::medium, C::low, L::c_family,
     "alloca: stack allocation of a run-time size",
     "alloca never fails: a large or attacker-chosen size moves the stack pointer past the guard page into other "
     "memory.",
     "malloc with a checked size, or a fixed-size buffer with a bound check.",
     "Vec (heap) or a fixed-size array; Rust has no alloca."},
    {variable_length_array, "OXI-C0012", "variable-length-array", "CWE-770", "CWE-121", S::medium, C::low,
     L::c_family, "variable-length array on the stack",
     "A VLA whose length comes from a variable can exhaust the stack, and a zero or negative length is undefined "
     "behaviour. The kernel removed all of them.",
     "A fixed maximum with a bound check, or heap allocation.",
     "Vec::with_capacity(n), or an array of a constant size."},
    {alloc_unchecked, "OXI-C0013", "alloc-unchecked", "CWE-690", "CWE-476", S::medium, C::medium, L::c_family,
     "allocation result used without a NULL check",
     "malloc, calloc and realloc return NULL when memory runs out; writing through the result then crashes or, "
     "with an offset, writes to low memory.",
     "Check the result before its first use, or use an allocation wrapper that aborts on failure.",
     "Box::new / Vec allocate or abort; try_reserve makes failure a Result you must handle."},
    {use_after_free, "OXI-C0014", "use-after-free", "CWE-416", "", S::critical, C::high, L::c_family,
     "pointer used after it was freed",
     "After free the memory may already belong to another allocation; reading it leaks data and writing it "
     "corrupts the heap, a classic path to code execution.",
     "Set the pointer to NULL right after free, and keep one owner responsible for the lifetime.",
     "Ownership: a value moved into drop() cannot be named again; the borrow checker rejects the use."},
    {double_free, "OXI-C0015", "double-free", "CWE-415", "", S::critical, C::high, L::c_family,
     "memory freed twice",
     "Freeing the same block twice corrupts the allocator's lists; attackers turn it into arbitrary writes.",
     "Set the pointer to NULL after free (free(NULL) is harmless) and give each allocation one owner.",
     "Drop runs exactly once per owned value; Box/Vec cannot be freed twice."},
    {free_not_heap, "OXI-C0016", "free-not-heap", "CWE-590", "", S::high, C::high, L::c_family,
     "free of memory that was not allocated on the heap",
     "Passing free() the address of a local, a global, an array or a string literal corrupts the allocator.",
     "Free only what malloc/calloc/realloc/strdup returned; keep stack and heap buffers apart.",
     "Only owned heap values (Box, Vec) are dropped; references are never freed."},
    {free_offset_pointer, "OXI-C0017", "free-offset-pointer", "CWE-761", "", S::high, C::medium, L::c_family,
     "free of a pointer that no longer points to the start of its block",
     "After p++ or p += n, free(p) hands the allocator an address it never returned.",
     "Keep the original pointer for free and iterate with an index or a second pointer.",
     "Iterate with slices and iterators; the owning Vec is untouched."},
    {dealloc_mismatch, "OXI-C0018", "dealloc-mismatch", "CWE-762", "", S::high, C::high, L::c_family,
     "memory released with the wrong deallocator",
     "new[] needs delete[], new needs delete, malloc needs free; mixing them is undefined behaviour and corrupts "
     "the heap on common allocators.",
     "std::vector / std::unique_ptr<T[]> instead of new[]; std::unique_ptr with a deleter for C allocations.",
     "Each owner type knows how to drop itself; there is no separate deallocation call."},
    {uninitialized_read, "OXI-C0019", "uninitialized-read", "CWE-457", "CWE-908", S::high, C::medium, L::c_family,
     "local variable read before it is written",
     "An uninitialised local holds whatever was on the stack: its value is indeterminate, and for a pointer, "
     "dereferencing it writes anywhere.",
     "Initialise at the declaration (= 0, = NULL, = {0}); compile with -ftrivial-auto-var-init=zero.",
     "Rust rejects a read of a possibly-uninitialised variable at compile time."},
    {null_dereference, "OXI-C0020", "null-dereference", "CWE-476", "", S::high, C::medium, L::c_family,
     "pointer dereferenced where it can be NULL",
     "The pointer was just set to NULL or compared with NULL on this path, then dereferenced: a crash at best, "
     "and in the kernel a way to map page zero.",
     "Check before the dereference, on every path.",
     "Option<&T> must be matched before use; references are never null."},
    {out_of_bounds_write, "OXI-C0021", "out-of-bounds-write", "CWE-787", "CWE-193,CWE-121,CWE-122", S::critical,
     C::high, L::c_family, "write past the end of a buffer",
     "The index or size reaches beyond the declared or allocated length (often a loop running one past the "
     "end): the write corrupts neighbouring memory.",
     "Loop with i < N (not <=), index with a checked bound, size copies by the destination.",
     "Indexing a slice or array is bounds-checked; iterators cannot run past the end."},
    {out_of_bounds_read, "OXI-C0022", "out-of-bounds-read", "CWE-125", "CWE-193,CWE-126", S::high, C::high,
     L::c_family, "read past the end of a buffer",
     "The index reaches beyond the declared or allocated length; the read returns neighbouring memory (a leak, "
     "as in Heartbleed) or crashes.",
     "Loop with i < N, check the index against the length before reading.",
     "Indexing is bounds-checked; get(i) returns an Option."},
    {before_start_of_buffer, "OXI-C0023", "before-start-of-buffer", "CWE-786", "CWE-124,CWE-127", S::high, C::high,
     L::c_family, "access before the start of a buffer",
     "A negative index or a pointer moved before the first element reads or writes memory that belongs to "
     "something else.",
     "Check the index for >= 0 (or use an unsigned index with an upper bound check).",
     "Indexes are usize: a negative index does not compile, and wrapping is checked in debug builds."},
    {sizeof_pointer, "OXI-C0024", "sizeof-pointer", "CWE-467", "", S::medium, C::medium, L::c_family,
     "sizeof of a pointer where the pointed-to size was meant",
     "sizeof(p) of a pointer is 8, not the size of the buffer or structure it points to; allocations and copies "
     "sized this way are too small.",
     "sizeof *p for the element, or carry the buffer size along with the pointer.",
     "Slices carry their length; size_of::<T>() names the type."},
    {return_local_address, "OXI-C0025", "return-local-address", "CWE-562", "CWE-825", S::high, C::high,
     L::c_family, "address of a local variable escapes the function",
     "The local's storage ends with the function; the caller receives a dangling pointer into a later frame.",
     "Return by value, let the caller pass the buffer, or allocate on the heap.",
     "The borrow checker rejects returning a reference to a local."},
    {pointer_subtraction_unrelated, "OXI-C0026", "pointer-subtraction-unrelated", "CWE-469", "", S::medium,
     C::medium, L::c_family, "subtraction of pointers into different objects",
     "Pointer subtraction is defined only within one array; between two objects the result is meaningless and "
     "indexes built from it go astray.",
     "Subtract indexes within one array, or compare addresses as uintptr_t if that is really meant.",
     "offset_from requires the same allocation and is unsafe; slices make it unnecessary."},
    {cpp_raw_new, "OXI-C1001", "raw-new", "CWE-401", "CWE-772", S::low, C::low, L::cpp,
     "raw owning new",
     "Memory owned through a raw pointer leaks on early returns and exceptions, and invites double deletes.",
     "std::make_unique / std::make_shared, or a container.",
     "Box::new: the owner frees it exactly once."},
    {cpp_raw_delete, "OXI-C1002", "raw-delete", "CWE-415", "CWE-416", S::low, C::low, L::cpp,
     "manual delete",
     "Manual deletion must happen once, after the last use, on every path; getting any of it wrong is a leak, a "
     "double free or a use after free.",
     "Smart pointers and containers release memory themselves.",
     "Drop runs automatically when the owner goes out of scope."},
    {cpp_reinterpret_cast, "OXI-C1003", "reinterpret-cast", "CWE-704", "CWE-843", S::medium, C::low, L::cpp,
     "reinterpret_cast",
     "Reinterpreting memory as an unrelated type breaks strict aliasing and alignment, and misreads the object.",
     "std::bit_cast (C++20) for value reinterpretation, memcpy for bytes, or a proper class hierarchy.",
     "transmute is unsafe and rare; from_ne_bytes / bytemuck-style checked casts cover the safe cases."},
    {cpp_c_style_pointer_cast, "OXI-C1004", "c-style-pointer-cast", "CWE-704", "CWE-843", S::low, C::low, L::cpp,
     "C-style cast to a pointer type in C++",
     "A C-style cast silently becomes a reinterpret_cast or const_cast when the types do not match.",
     "static_cast (checked by the compiler), or the named cast that says what is meant.",
     "as casts between pointer types exist only on raw pointers, in unsafe code."},
    {cpp_const_cast, "OXI-C1005", "const-cast", "CWE-704", "", S::low, C::low, L::cpp, "const_cast",
     "Writing through a pointer whose const was cast away is undefined behaviour when the object is really const.",
     "Fix the interface's constness; use mutable for caches.",
     "&T cannot become &mut T; interior mutability (Cell, RefCell, Mutex) is explicit."},
    {cpp_pointer_arithmetic, "OXI-C1006", "pointer-arithmetic", "CWE-468", "CWE-823", S::low, C::low, L::cpp,
     "arithmetic on a pointer that is not known to point into an array",
     "Arithmetic on a pointer to a single object, or past its array, yields an address the compiler may assume "
     "never happens.",
     "std::span with its bounds, iterators, or indexes into a container.",
     "Slices and iterators; raw pointer offset() is unsafe."},
    {rust_unsafe_block, "OXI-R0001", "unsafe-block", "", "", S::low, C::high, L::rust, "unsafe block",
     "Inside unsafe the compiler trusts the programmer for raw pointers, FFI calls and unchecked operations; "
     "each block is a place where memory safety rests on review.",
     "Keep unsafe blocks small, document the invariant in a // SAFETY: comment, and wrap them in safe APIs.",
     "Prefer safe abstractions (slices, iterators, std types) that need no unsafe."},
    {rust_unsafe_fn, "OXI-R0002", "unsafe-fn", "", "", S::low, C::high, L::rust, "unsafe function",
     "An unsafe fn passes its safety conditions to every caller.",
     "Document the # Safety section; offer a safe wrapper that checks the conditions.",
     "A safe function with checked preconditions."},
    {rust_unsafe_impl, "OXI-R0003", "unsafe-impl", "", "", S::medium, C::high, L::rust,
     "unsafe impl (Send, Sync or another unsafe trait)",
     "The implementation promises guarantees (thread safety, layout) that the compiler cannot check.",
     "Derive or compose types that are Send/Sync already; document why the promise holds.",
     "Automatic Send/Sync from the fields."},
    {rust_unsafe_trait, "OXI-R0004", "unsafe-trait", "", "", S::low, C::high, L::rust, "unsafe trait",
     "Implementors of an unsafe trait must uphold invariants that safe code relies on.",
     "Keep unsafe traits few and document their contract.",
     "A safe trait whose misuse cannot break memory safety."},
    {rust_static_mut, "OXI-R0005", "static-mut", "CWE-362", "", S::medium, C::high, L::rust, "static mut",
     "A mutable global can be reached from any thread without synchronisation: every access is a data race "
     "waiting to happen and needs unsafe.",
     "Atomic types, Mutex/RwLock, OnceLock or thread_local!.",
     "Atomics, Mutex and OnceLock make shared mutable state safe."},
    {rust_raw_pointer_deref, "OXI-R0006", "raw-pointer-deref", "CWE-119", "CWE-476", S::medium, C::low, L::rust,
     "dereference of a raw pointer",
     "A raw pointer may be null, dangling or misaligned; the dereference is unchecked.",
     "References with lifetimes, or NonNull with a documented invariant.",
     "References (&T, &mut T) are checked by the borrow checker."},
    {rust_transmute, "OXI-R0007", "transmute", "CWE-843", "CWE-704", S::high, C::high, L::rust, "mem::transmute",
     "transmute reinterprets bits as any type of the same size: invalid values, wrong lifetimes and broken "
     "invariants follow.",
     "from_bits / to_ne_bytes / as casts, or pointer casts with documented layout.",
     "Safe conversions (From, TryFrom, to_ne_bytes) cover most uses."},
    {rust_extern_block, "OXI-R0008", "extern-block", "", "", S::medium, C::high, L::rust,
     "extern block (FFI boundary)",
     "Functions declared in an extern block are foreign code: their signatures are trusted, not checked, and "
     "every call is unsafe.",
     "Generate bindings (bindgen) and wrap them in a safe module.",
     "A safe wrapper module around the foreign functions."},
}};

constexpr bool table_is_consistent() {
  for (std::size_t i = 0; i < k_rules.size(); ++i) {
    if (static_cast<std::size_t>(k_rules[i].key) != i) return false;
    if (i > 0 && !(k_rules[i - 1].id < k_rules[i].id)) return false;
  }
  return true;
}
static_assert(table_is_consistent(), "rule table out of RuleId order, or ids not sorted and unique");

}  // namespace

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "?";
}

std::string_view confidence_name(Confidence c) {
  switch (c) {
    case Confidence::low: return "low";
    case Confidence::medium: return "medium";
    case Confidence::high: return "high";
  }
  return "?";
}

std::optional<Severity> severity_from_name(std::string_view name) {
  for (auto s : {Severity::low, Severity::medium, Severity::high, Severity::critical})
    if (severity_name(s) == name) return s;
  return std::nullopt;
}

std::optional<Confidence> confidence_from_name(std::string_view name) {
  for (auto c : {Confidence::low, Confidence::medium, Confidence::high})
    if (confidence_name(c) == name) return c;
  return std::nullopt;
}

std::span<const Rule> all_rules() { return k_rules; }

bool is_inventory(RuleId key) {
  switch (key) {
    case alloca_call:
    case variable_length_array:
    case cpp_raw_new:
    case cpp_raw_delete:
    case cpp_reinterpret_cast:
    case cpp_c_style_pointer_cast:
    case cpp_const_cast:
    case cpp_pointer_arithmetic:
      return true;
    default:
      return false;
  }
}

const Rule& rule(RuleId key) { return k_rules[static_cast<std::size_t>(key)]; }

const Rule* find_rule(std::string_view id) {
  const auto it = std::lower_bound(k_rules.begin(), k_rules.end(), id,
                                   [](const Rule& r, std::string_view v) { return r.id < v; });
  if (it == k_rules.end() || it->id != id) return nullptr;
  return &*it;
}

std::string rule_anchor(const Rule& r) {
  std::string anchor(r.id);
  for (char& c : anchor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return anchor;
}

}  // namespace oxidize::hazards
