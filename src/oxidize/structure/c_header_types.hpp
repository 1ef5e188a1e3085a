#pragma once
// The types headers define, read from their text for `oxidize ffi`: typedefs,
// struct and union bodies with their fields, and extern data. Declarations
// at file scope only (and inside extern "C" blocks); function bodies in
// headers are skipped. Every branch of an #if is read, so a name defined
// twice differently is marked rather than trusted, and a record whose fields
// sit between #if lines is kept opaque: its layout depends on the build.
// A pure function of the texts given (the command reads the files).
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/structure/c_declaration.hpp"

namespace oxidize::structure {

struct CField {
  std::string name;
  CType type;
};

struct CRecordBody {
  bool is_union = false;
  std::vector<CField> fields;
  // Why the fields cannot be mirrored, as a clause ("it has bitfields",
  // "its fields depend on #if lines"); empty when they can.
  std::string opaque_why;
  std::string file;
  std::uint32_t line = 0;
};

// A typedef, or a macro that names a builtin type (`#define z_off_t long`,
// curl's `#define CURL_TYPEOF_CURL_OFF_T long`), which code uses the same way.
struct CTypedef {
  CType type;
  std::string file;
  std::uint32_t line = 0;
  // The other definitions met (under other #if branches), in order read:
  // `typedef SOCKET curl_socket_t;` for Windows before `typedef int curl_socket_t;`.
  std::vector<CType> alternatives;
};

// `#define NAME 64`: what array sizes name.
struct CNumber {
  std::string value;
  bool conflicting = false;  // defined with another value too
};

struct CExternData {
  CType type;
  std::string file;
  std::uint32_t line = 0;
};

struct CHeaderTypes {
  std::map<std::string, CTypedef, std::less<>> typedefs;
  // By tag; a record without a tag that a typedef names is filed under the
  // typedef's name (and the typedef points to it as that tag).
  std::map<std::string, CRecordBody, std::less<>> structs;
  std::map<std::string, CRecordBody, std::less<>> unions;
  std::map<std::string, CExternData, std::less<>> externs;
  std::map<std::string, CNumber, std::less<>> numbers;
  CTypeNames typedef_names;
};

struct HeaderText {
  std::string path;  // as the output names it
  std::string_view text;
};

CHeaderTypes read_header_types(std::span<const HeaderText> headers);

}  // namespace oxidize::structure
