// C declarations as `oxidize ffi` reads them: signatures from curl, zlib
// (K&R definitions, OF(()) prototypes, FAR), the kernel, and what is refused;
// then the types of headers (typedefs, records, extern data).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "oxidize/structure/c_declaration.hpp"
#include "oxidize/structure/c_header_types.hpp"

namespace oxidize::structure {
namespace {

// A compact spelling to compare against: `const char *`, `struct s *const *`,
// `int[4]`, `fn(int, ...) -> void *`.
std::string show(const CType& t) {
  std::string out;
  if (t.base == CBase::function) {
    out = "fn(";
    for (std::size_t i = 0; i < t.function->params.size(); ++i)
      out += (i ? ", " : "") + show(t.function->params[i].type);
    if (t.function->variadic) out += t.function->params.empty() ? "..." : ", ...";
    out += ") -> " + show(t.function->result);
  } else {
    if (t.is_const) out += "const ";
    if (t.base == CBase::struct_tag) out += "struct ";
    if (t.base == CBase::union_tag) out += "union ";
    if (t.base == CBase::enum_tag) out += "enum ";
    out += t.name;
  }
  for (const bool c : t.pointers) out += c ? " *const" : " *";
  for (const auto& d : t.dims) out += "[" + d + "]";
  return out;
}

std::string show(const CFunction& f) {
  std::string out = show(f.type.result) + " " + f.name + "(";
  for (std::size_t i = 0; i < f.type.params.size(); ++i)
    out += (i ? ", " : "") + show(f.type.params[i].type) + (f.type.params[i].name.empty() ? "" : " " + f.type.params[i].name);
  if (f.type.variadic) out += ", ...";
  return out + ")";
}

std::string signature(std::string_view text, std::string_view name, const CTypeNames& names = {}) {
  const auto f = parse_c_signature(text, name, names);
  return f ? show(*f) : std::string("refused");
}

TEST(CSignature, CurlStyle) {
  EXPECT_EQ(signature("CURLcode Curl_open(struct Curl_easy **curl, int flags)", "Curl_open"),
            "CURLcode Curl_open(struct Curl_easy * * curl, int flags)");
  EXPECT_EQ(signature("CURL_EXTERN CURLcode curl_easy_setopt(CURL *curl, CURLoption tag, ...)", "curl_easy_setopt"),
            "CURLcode curl_easy_setopt(CURL * curl, CURLoption tag, ...)");
  EXPECT_EQ(signature("char *curl_easy_escape(CURL *data, const char *string, int inlength)", "curl_easy_escape"),
            "char * curl_easy_escape(CURL * data, const char * string, int inlength)");
  EXPECT_EQ(signature("const char * const *curl_protocols(void)", "curl_protocols"),
            "const char *const * curl_protocols()");
  EXPECT_EQ(signature("unsigned long long Curl_hash(const void *key, size_t key_len, size_t slots_num)", "Curl_hash"),
            "unsigned long long Curl_hash(const void * key, size_t key_len, size_t slots_num)");
}

TEST(CSignature, CallbacksArraysAndAttributes) {
  EXPECT_EQ(signature("int mini_set_writer(struct mini *m, size_t (*cb)(char *, size_t, void *), void *user)",
                      "mini_set_writer"),
            "int mini_set_writer(struct mini * m, fn(char *, size_t, void *) -> size_t * cb, void * user)");
  // A function-typed parameter is a pointer to it; an array a pointer to its element.
  EXPECT_EQ(signature("void qsort_r(void *base, int cmp(const void *, const void *), char names[16])", "qsort_r"),
            "void qsort_r(void * base, fn(const void *, const void *) -> int * cmp, char * names)");
  EXPECT_EQ(signature("__attribute__((visibility(\"default\"))) int __cdecl f(int x) __attribute__((nonnull))", "f"),
            "int f(int x)");
  EXPECT_EQ(signature("static inline unsigned int ilog2(unsigned long v)", "ilog2"),
            "unsigned int ilog2(unsigned long v)");
  EXPECT_EQ(signature("int kvm_set_irq(struct kvm *kvm, int irq_source_id, u32 irq, int level, bool line_status)",
                      "kvm_set_irq"),
            "int kvm_set_irq(struct kvm * kvm, int irq_source_id, u32 irq, int level, bool line_status)");
}

TEST(CSignature, ZlibOldStyleAndMacros) {
  const CTypeNames zlib_types = {"z_streamp", "Bytef", "uInt", "uLong", "z_stream"};
  EXPECT_EQ(signature("int ZEXPORT deflate(strm, flush) z_streamp strm; int flush;", "deflate", zlib_types),
            "int deflate(z_streamp strm, int flush)");
  EXPECT_EQ(signature("uLong ZEXPORT crc32(crc, buf, len) uLong crc; const Bytef *buf; uInt len;", "crc32",
                      zlib_types),
            "uLong crc32(uLong crc, const Bytef * buf, uInt len)");
  // A parameter the declarations leave out is an int (C89).
  EXPECT_EQ(signature("int ZEXPORT f(a, b) char *b;", "f"), "int f(int a, char * b)");
  EXPECT_EQ(signature("int ZEXPORT inflateInit_(z_stream FAR *strm, const char *version, int stream_size)",
                      "inflateInit_", zlib_types),
            "int inflateInit_(z_stream * strm, const char * version, int stream_size)");
  const auto f = parse_c_signature("int ZEXPORT deflate(strm, flush) z_streamp strm; int flush;", "deflate", zlib_types);
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->old_style);
}

TEST(CSignature, RefusesWhatItCannotRead) {
  EXPECT_EQ(signature("void (*signal(int sig, void (*func)(int)))(int)", "signal"), "refused");
  EXPECT_EQ(signature("std::string Pool::name(const Item &item) const", "Pool::name"), "refused");
  EXPECT_EQ(signature("int (*pick(int))[4]", "pick"), "refused");
  EXPECT_EQ(signature("template <class T> T get(T x)", "get"), "refused");
  EXPECT_EQ(signature("int other(int x)", "mine"), "refused");
  // Deep nesting is bounded, not recursed without end.
  std::string deep = "void f(";
  for (int i = 0; i < 200; ++i) deep += "void (*a)(";
  deep += "int";
  for (int i = 0; i < 200; ++i) deep += ")";
  deep += ")";
  EXPECT_EQ(signature(deep, "f"), "refused");
}

TEST(CDeclaration, DeclaratorsBitfieldsAndBodies) {
  const CTypeNames none;
  auto decl = [&](std::string_view text) { return parse_c_declaration(c_tokens(text), none); };
  const auto many = decl("const char *a, b[4], *const c");
  ASSERT_TRUE(many.has_value());
  ASSERT_EQ(many->declarators.size(), 3u);
  EXPECT_EQ(show(many->declarators[0].type), "const char *");
  EXPECT_EQ(show(many->declarators[1].type), "const char[4]");
  EXPECT_EQ(show(many->declarators[2].type), "const char *const");
  const auto bits = decl("unsigned flags : 3");
  ASSERT_TRUE(bits.has_value());
  EXPECT_EQ(bits->declarators[0].bits, "3");
  const auto body = decl("typedef struct { int x; } point, *point_p");
  ASSERT_TRUE(body.has_value());
  EXPECT_TRUE(body->is_typedef);
  EXPECT_TRUE(body->has_body);
  EXPECT_EQ(body->declarators[1].name, "point_p");
  EXPECT_FALSE(decl("#if X\nint a").has_value());
}

TEST(CHeaderTypes, TypedefsRecordsAndExterns) {
  const std::string zconf =
      "typedef unsigned int uInt;\n"
      "typedef unsigned long uLong;\n"
      "typedef unsigned char Byte;\n"
      "typedef Byte FAR Bytef;\n"
      "typedef void FAR *voidpf;\n"
      "#define Z_U4 unsigned int\n"
      "#define local static\n"
      "#define MAX_WBITS (15)\n"
      "#define ZLIB_VERSION \"1.2.13\"\n"
      "#define OF(args) args\n"
      "#if MAX_MEM_LEVEL >= 8\n#define DEF_MEM 8\n#else\n#define DEF_MEM 4\n#endif\n"
      "#ifdef Z_LARGE64\n"
      "typedef long long z_off_t;\n"
      "#else\n"
      "typedef long z_off_t;\n"
      "#endif\n";
  const std::string zlib =
      "#ifdef __cplusplus\nextern \"C\" {\n#endif\n"
      "typedef voidpf (*alloc_func) OF((voidpf opaque, uInt items, uInt size));\n"
      "typedef struct z_stream_s {\n"
      "    z_const Bytef *next_in; /* next input byte */\n"
      "    uInt     avail_in;\n"
      "    alloc_func zalloc;\n"
      "    struct internal_state FAR *state;\n"
      "} z_stream;\n"
      "typedef z_stream FAR *z_streamp;\n"
      "struct with_bits { unsigned a : 1; unsigned b : 2; };\n"
      "struct configured {\n  int a;\n#ifdef X\n  int b;\n#endif\n};\n"
      "union value { long l; double d; };\n"
      "typedef struct { int x, y; } point;\n"
      "static inline int helper(int a) { struct inner { int q; } i; return a; }\n"
      "extern const char * const z_errmsg[10];\n"
      "extern int z_verbose;\n"
      "ZEXTERN int ZEXPORT deflate OF((z_streamp strm, int flush));\n"
      "#ifdef __cplusplus\n}\n#endif\n";
  const std::vector<HeaderText> headers = {{"zconf.h", zconf}, {"zlib.h", zlib}};
  const CHeaderTypes t = read_header_types(headers);
  ASSERT_TRUE(t.typedefs.contains("Bytef"));
  EXPECT_EQ(show(t.typedefs.at("Bytef").type), "Byte");
  EXPECT_EQ(show(t.typedefs.at("voidpf").type), "void *");
  ASSERT_EQ(t.typedefs.at("z_off_t").alternatives.size(), 1u);
  EXPECT_EQ(show(t.typedefs.at("z_off_t").alternatives[0]), "long");
  EXPECT_TRUE(t.typedefs.at("uInt").alternatives.empty());
  // Macros that name a builtin type read like typedefs; numbers are kept for array sizes.
  EXPECT_EQ(show(t.typedefs.at("Z_U4").type), "unsigned int");
  EXPECT_FALSE(t.typedefs.contains("local"));
  EXPECT_EQ(t.numbers.at("MAX_WBITS").value, "15");
  EXPECT_TRUE(t.numbers.at("DEF_MEM").conflicting);
  EXPECT_FALSE(t.numbers.contains("ZLIB_VERSION"));
  ASSERT_TRUE(t.typedefs.contains("alloc_func"));
  EXPECT_EQ(show(t.typedefs.at("alloc_func").type), "fn(voidpf, uInt, uInt) -> voidpf *");
  EXPECT_EQ(show(t.typedefs.at("z_streamp").type), "z_stream *");
  EXPECT_EQ(show(t.typedefs.at("z_stream").type), "struct z_stream_s");
  EXPECT_EQ(t.typedefs.at("z_stream").file, "zlib.h");
  ASSERT_TRUE(t.structs.contains("z_stream_s"));
  const CRecordBody& zs = t.structs.at("z_stream_s");
  EXPECT_TRUE(zs.opaque_why.empty()) << zs.opaque_why;
  ASSERT_EQ(zs.fields.size(), 4u);
  EXPECT_EQ(zs.fields[0].name, "next_in");
  EXPECT_EQ(show(zs.fields[0].type), "Bytef *");
  EXPECT_EQ(show(zs.fields[3].type), "struct internal_state *");
  EXPECT_EQ(zs.line, 5u);
  EXPECT_EQ(t.structs.at("with_bits").opaque_why, "it has bitfields");
  EXPECT_EQ(t.structs.at("configured").opaque_why, "its fields depend on #if lines");
  EXPECT_TRUE(t.unions.at("value").opaque_why.empty());
  // A record without a tag is filed under its typedef.
  ASSERT_TRUE(t.structs.contains("point"));
  EXPECT_EQ(t.structs.at("point").fields.size(), 2u);
  EXPECT_EQ(show(t.typedefs.at("point").type), "struct point");
  EXPECT_FALSE(t.structs.contains("inner"));  // inside a function body
  ASSERT_TRUE(t.externs.contains("z_errmsg"));
  EXPECT_EQ(show(t.externs.at("z_errmsg").type), "const char *const[10]");
  EXPECT_TRUE(t.externs.contains("z_verbose"));
  EXPECT_FALSE(t.externs.contains("deflate"));
}

}  // namespace
}  // namespace oxidize::structure
