// The structure extractor and the signature reader, through the per-file
// analysis as the scan runs them: includes, calls (direct, member, through
// pointers), macros, records, extern data, Rust imports and exports, and the
// interface traits of each function.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"

namespace oxidize::parse {
namespace {

using discover::Language;

model::FileFacts analyse(std::string_view code, Language language = Language::c,
                         std::string_view name = "file.c") {
  return analyze::analyze_file(name, code, language, {.functions = true, .hazards = false, .structure = true});
}

struct Call {
  std::string caller;
  std::string callee;
  CallKind kind;
  std::uint32_t line;
  bool operator==(const Call&) const = default;
  friend void PrintTo(const Call& c, std::ostream* os) {
    *os << c.caller << "->" << c.callee << " kind " << static_cast<int>(c.kind) << " line " << c.line;
  }
};

std::vector<Call> calls_of(const model::FileFacts& f) {
  std::vector<Call> out;
  for (const auto& c : f.structure.calls)
    out.push_back({f.functions.at(c.function).name, std::string(f.structure.names.at(c.callee)), c.kind(), c.line});
  return out;
}

const FunctionFacts& function_named(const model::FileFacts& f, std::string_view name) {
  const auto it = std::find_if(f.functions.begin(), f.functions.end(), [&](const auto& fn) { return fn.name == name; });
  EXPECT_NE(it, f.functions.end()) << name;
  return *it;
}

TEST(StructureExtractor, IncludesInEveryFormAndBranch) {
  const auto f = analyse(
      "#include \"curl_setup.h\"\n"
      "#  include <sys/socket.h>\n"
      "#ifdef USE_SSL\n"
      "#include_next <openssl/ssl.h>\n"
      "#else\n"
      "#include CONFIG_HEADER\n"
      "#endif\n"
      "const char *s = \"#include <not/a/directive.h>\";\n"
      "#include <unterminated.h\n");
  ASSERT_EQ(f.structure.includes.size(), 5u);
  EXPECT_EQ(f.structure.includes[0].target, "curl_setup.h");
  EXPECT_EQ(f.structure.includes[0].form, IncludeForm::quoted);
  EXPECT_EQ(f.structure.includes[1].target, "sys/socket.h");
  EXPECT_EQ(f.structure.includes[1].form, IncludeForm::angled);
  EXPECT_EQ(f.structure.includes[1].line, 2u);
  EXPECT_EQ(f.structure.includes[2].target, "openssl/ssl.h");
  EXPECT_EQ(f.structure.includes[3].target, "CONFIG_HEADER");
  EXPECT_EQ(f.structure.includes[3].form, IncludeForm::macro);
  EXPECT_EQ(f.structure.includes[4].target, "unterminated.h");
}

TEST(StructureExtractor, CallsDirectMemberAndThroughPointers) {
  const auto f = analyse(
      "static int helper(int x) { return x; }\n"
      "int run(struct ops *o, int (*cb)(int), handler_fn table[])\n"
      "{\n"
      "  int local(int);\n"                       // a local prototype: not a call
      "  if (helper(1) && sizeof(int)) return 0;\n"
      "  o->read(o, 2);\n"
      "  (*cb)(3);\n"
      "  table[4](5);\n"
      "  (void)memcpy(a, b, 1);\n"
      "  return helper(helper(6));\n"
      "}\n");
  const std::vector<Call> want = {
      {"run", "helper", CallKind::direct, 5},  {"run", "read", CallKind::member, 6},
      {"run", "cb", CallKind::pointer, 7},     {"run", "table", CallKind::pointer, 8},
      {"run", "memcpy", CallKind::direct, 9},  {"run", "helper", CallKind::direct, 10},
      {"run", "helper", CallKind::direct, 10},
  };
  EXPECT_EQ(calls_of(f), want);
}

TEST(StructureExtractor, NoCallsFromDeclarationsMacrosOrFileScope) {
  const auto f = analyse(
      "#define WRAP(x) inner(x)\n"
      "#define VALUE (1)\n"
      "DEFINE_MUTEX(lock);\n"
      "int proto(void);\n"
      "static void __init setup(void)\n"
      "{\n"
      "  struct item (*make)(void);\n"
      "  WRAP(2);\n"
      "}\n");
  const std::vector<Call> want = {{"setup", "WRAP", CallKind::direct, 8}};
  EXPECT_EQ(calls_of(f), want);
  // Function-like macros only: `VALUE (1)` has a space before the paren.
  ASSERT_EQ(f.structure.macros.size(), 1u);
  EXPECT_EQ(f.structure.macros[0].name, "WRAP");
  EXPECT_EQ(f.structure.macros[0].line, 1u);
}

TEST(StructureExtractor, QualifiedCppCalls) {
  const auto f = analyse(
      "namespace net {\n"
      "void Conn::open() {\n"
      "  std::move(x);\n"
      "  Pool :: get(1);\n"
      "  ::close(fd);\n"
      "  this->send(2);\n"
      "}\n"
      "}\n",
      Language::cpp, "conn.cpp");
  const std::vector<Call> want = {{"net::Conn::open", "std::move", CallKind::direct, 3},
                                  {"net::Conn::open", "Pool::get", CallKind::direct, 4},
                                  {"net::Conn::open", "close", CallKind::direct, 5},
                                  {"net::Conn::open", "send", CallKind::member, 6}};
  EXPECT_EQ(calls_of(f), want);
}

TEST(StructureExtractor, RecordsBitfieldsAndExternData) {
  const auto f = analyse(
      "struct packet { unsigned flags : 3; unsigned len; };\n"
      "union value { int i; float f; };\n"
      "struct packet *make(void);\n"
      "extern int verbose;\n"
      "extern struct config *global_config;\n"
      "extern char names[16][8];\n"
      "extern int not_data(int);\n"
      "typedef struct { int x; } anon_t;\n"
      "void f(void) { extern int local_extern; struct packet p; }\n");
  ASSERT_EQ(f.structure.records.size(), 2u);
  EXPECT_EQ(f.structure.records[0].name, "packet");
  EXPECT_TRUE(f.structure.records[0].has_bitfields);
  EXPECT_FALSE(f.structure.records[0].is_union);
  EXPECT_EQ(f.structure.records[1].name, "value");
  EXPECT_TRUE(f.structure.records[1].is_union);
  EXPECT_FALSE(f.structure.records[1].has_bitfields);
  std::vector<std::string> globals;
  for (const auto& g : f.structure.globals) globals.push_back(g.name);
  EXPECT_EQ(globals, (std::vector<std::string>{"verbose", "global_config", "names"}));
}

TEST(StructureExtractor, PrototypesAtFileScope) {
  const auto f = analyse(
      "int open_conn(const char *host, int port);\n"
      "static inline void *get(void) __attribute__((pure));\n"
      "char *dup(const char *s), *dup2(const char *s);\n"
      "int (*hook)(int);\n"                 // a pointer, not a prototype
      "int defined_here(void) { return 0; }\n"
      "int table_size(void) = 3;\n"           // nonsense, but not a prototype
      "struct s { int member(int); };\n",    // inside a record: not at file scope
      Language::c_header, "api.h");
  std::vector<std::string> names;
  for (const auto& p : f.structure.prototypes) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"open_conn", "get", "dup", "dup2"}));
}

TEST(StructureExtractor, ExternCBlocksAreDeclarationScope) {
  const auto f = analyse(
      "#ifdef __cplusplus\nextern \"C\" {\n#endif\n"
      "extern int shared_counter;\n"
      "#ifdef __cplusplus\n}\n#endif\n",
      Language::cpp_header, "api.h");
  ASSERT_EQ(f.structure.globals.size(), 1u);
  EXPECT_EQ(f.structure.globals[0].name, "shared_counter");
}

TEST(Signature, CInterfaceTraits) {
  const auto f = analyse(
      "static int local_helper(int x) { return x; }\n"
      "char *dup_string(const char *s) { return 0; }\n"
      "int log_printf(int level, const char *fmt, ...) { return 0; }\n"
      "void on_event(void (*cb)(void *), void *user) { }\n"
      "int area(struct rect r) { errno = 0; return r.w; }\n"
      "int pick(union value *v) { return 0; }\n"
      "static inline int tiny(void) { return 1; }\n");
  EXPECT_EQ(function_named(f, "local_helper").traits, k_internal_linkage);
  EXPECT_TRUE(function_named(f, "local_helper").signature.empty());
  EXPECT_EQ(function_named(f, "dup_string").traits, k_returns_pointer | k_pointer_param);
  EXPECT_EQ(function_named(f, "dup_string").signature, "char *dup_string(const char *s)");
  EXPECT_EQ(function_named(f, "log_printf").traits, k_variadic | k_pointer_param);
  EXPECT_EQ(function_named(f, "on_event").traits, k_callback_param | k_pointer_param);
  EXPECT_EQ(function_named(f, "area").traits, k_struct_by_value | k_uses_errno);
  EXPECT_EQ(function_named(f, "pick").traits, k_union_param | k_pointer_param);
  // A static function's signature is not read beyond its linkage.
  EXPECT_EQ(function_named(f, "tiny").traits, k_internal_linkage);
}

TEST(Signature, CallbacksBehindTypedefsByTheirName) {
  const auto f = analyse(
      "int set_write(CURL *h, curl_write_callback cb) { return 0; }\n"
      "int back(z_streamp s, in_func in, void *d) { return 0; }\n"
      "int queue(work_func_t fn) { return 0; }\n"
      "int plain(struct handler *h, int callback) { return 0; }\n");
  EXPECT_EQ(function_named(f, "set_write").traits, k_pointer_param | k_callback_param);
  EXPECT_EQ(function_named(f, "back").traits, k_pointer_param | k_callback_param);
  EXPECT_EQ(function_named(f, "queue").traits, k_callback_param);
  // A struct's tag, or a parameter's own name, says nothing about its type.
  EXPECT_EQ(function_named(f, "plain").traits, k_pointer_param);
}

TEST(Signature, OldStyleParameterDeclarations) {
  // zlib's definitions: the types come after the `)`.
  const auto f = analyse(
      "int ZEXPORT deflate(strm, flush)\n"
      "    z_streamp strm;\n"
      "    int flush;\n"
      "{ return 0; }\n"
      "void ZEXPORT set_dictionary(strm, dict, len)\n"
      "    struct state *strm;\n"
      "    const char *dict;\n"
      "    unsigned len;\n"
      "{ }\n"
      "int ZEXPORT area(r) struct rect r; { return r.w; }\n");
  EXPECT_EQ(function_named(f, "deflate").traits, 0);  // z_streamp hides its pointer in a typedef
  EXPECT_EQ(function_named(f, "set_dictionary").traits, k_pointer_param);
  EXPECT_EQ(function_named(f, "area").traits, k_struct_by_value);
  EXPECT_EQ(function_named(f, "deflate").signature, "int ZEXPORT deflate(strm, flush) z_streamp strm; int flush;");
}

TEST(Signature, CommentsAndLinesFoldIntoOneLine) {
  const auto f = analyse(
      "/* doc */\n"
      "CURLcode\n"
      "Curl_open(struct Curl_easy **curl, /* out */\n"
      "          int flags)\n"
      "{ return 0; }\n");
  EXPECT_EQ(function_named(f, "Curl_open").signature, "CURLcode Curl_open(struct Curl_easy **curl, int flags)");
}

TEST(Signature, CppStaticMemberIsNotInternal) {
  const auto f = analyse("class Pool { static Pool *instance() { return 0; } };\n", Language::cpp, "pool.cpp");
  EXPECT_FALSE(function_named(f, "Pool::instance").has(k_internal_linkage));
}

TEST(StructureExtractor, RustImportsExportsAndCalls) {
  const auto f = analyse(
      "extern \"C\" {\n"
      "    fn inflate(strm: *mut z_stream, flush: c_int) -> c_int;\n"
      "    pub fn deflate(strm: *mut z_stream) -> c_int;\n"
      "}\n"
      "#[no_mangle]\n"
      "pub extern \"C\" fn rs_parse(buf: *const u8, len: usize) -> *mut Doc {\n"
      "    let d = Doc::new(len);\n"
      "    if check(buf) { d.fill(buf); }\n"
      "    println!(\"{}\", len);\n"
      "    unsafe { inflate(ptr, 0) };\n"
      "    Box::into_raw(d)\n"
      "}\n"
      "fn private_helper(cb: extern \"C\" fn(i32)) {}\n",
      Language::rust, "lib.rs");
  std::vector<std::string> imports;
  for (const auto& d : f.structure.imports) imports.push_back(d.name);
  EXPECT_EQ(imports, (std::vector<std::string>{"inflate", "deflate"}));
  const std::vector<Call> want = {{"rs_parse", "Doc::new", CallKind::direct, 7},
                                  {"rs_parse", "check", CallKind::direct, 8},
                                  {"rs_parse", "fill", CallKind::member, 8},
                                  {"rs_parse", "inflate", CallKind::direct, 10},
                                  {"rs_parse", "Box::into_raw", CallKind::direct, 11}};
  EXPECT_EQ(calls_of(f), want);
  EXPECT_EQ(function_named(f, "rs_parse").traits,
            k_rust_export | k_rust_extern_abi | k_pointer_param | k_returns_pointer);
  EXPECT_EQ(function_named(f, "private_helper").traits, k_internal_linkage | k_callback_param);
}

TEST(StructureExtractor, RustForeignBlocksAreTheCAbiOnly) {
  // extern { ... } is the C ABI by default; extern "Rust" { ... } declares
  // Rust functions (the allocator's hooks), which are no import from C.
  const auto f = analyse(
      "extern {\n    fn c_default(x: i32) -> i32;\n}\n"
      "extern \"Rust\" {\n    fn __rust_alloc(size: usize, align: usize) -> *mut u8;\n}\n"
      "extern \"system\" {\n    fn GetLastError() -> u32;\n}\n",
      Language::rust, "ffi.rs");
  std::vector<std::string> imports;
  for (const auto& d : f.structure.imports) imports.push_back(d.name);
  EXPECT_EQ(imports, (std::vector<std::string>{"c_default", "GetLastError"}));
}

TEST(StructureExtractor, DeepNestingAndUnbalancedInputStayBounded) {
  std::string code = "void f(void) {";
  for (int i = 0; i < 5000; ++i) code += "{ g(";
  code += "}}}}) ] ) (*x)(";
  const auto f = analyse(code);  // must neither crash nor recurse
  EXPECT_LE(f.structure.calls.size(), 5000u);
}

}  // namespace
}  // namespace oxidize::parse
