#pragma once
// What a function's signature says about it as an interface: linkage,
// pointer and callback parameters, variadics, structs by value, returned
// pointers (the SignatureTrait bits), and the signature itself as one line
// for the functions other files can call. Read after the lexer pass from
// each function's own bytes (signature_begin to the body's `{`), which are a
// few percent of a file: cheaper than carrying declaration tokens through
// the parser for every declaration that turns out not to be a definition.
#include <string_view>
#include <vector>

#include "oxidize/parse/function_facts.hpp"

namespace oxidize::parse {

enum class SignatureDialect { c_family, rust };

// Sets `traits` (keeping bits already set) and, unless the function has
// internal linkage, `signature`.
void describe_signatures(std::string_view source, std::vector<FunctionFacts>& functions, SignatureDialect dialect);

// Longer signatures (a macro-generated monster) are not kept.
inline constexpr std::size_t k_max_signature_bytes = 2048;

}  // namespace oxidize::parse
