#include "oxidize/risk/ffi_surface.hpp"

#include <bit>

#include "oxidize/parse/qualified_name.hpp"

namespace oxidize::risk {

namespace {

// The contracts a signature leaves to the two sides to agree on.
constexpr std::uint16_t k_unchecked_contracts = parse::k_pointer_param | parse::k_callback_param |
                                                 parse::k_union_param | parse::k_returns_pointer |
                                                 parse::k_variadic;

bool called_from_another_language(const parse::FunctionFacts& f, discover::Language language,
                                  const ForeignImports& imports) {
  if (language == discover::Language::rust) return f.has(parse::k_rust_export) || f.has(parse::k_rust_extern_abi);
  if (f.has(parse::k_internal_linkage)) return false;
  // A C++ method is no C symbol, whatever its last name.
  if (f.name.find("::") != std::string::npos) return false;
  return f.name.starts_with("Java_") || imports.imported(f.name);
}

}  // namespace

ForeignImports::ForeignImports(const model::Snapshot& snapshot) {
  for (const model::FileRecord& record : snapshot.files) {
    if (record.facts.language != discover::Language::rust) continue;
    for (const parse::Declaration& d : record.facts.structure.imports) names_.insert(parse::unqualified_name(d.name));
  }
}

bool ForeignImports::imported(std::string_view name) const {
  return !names_.empty() && names_.contains(parse::unqualified_name(name));
}

double boundary_points(const parse::FunctionFacts& function, discover::Language language,
                       const ForeignImports& imports) {
  if (!called_from_another_language(function, language, imports)) return 0;
  return 1.0 + static_cast<double>(std::popcount(static_cast<unsigned>(function.traits & k_unchecked_contracts)));
}

}  // namespace oxidize::risk
