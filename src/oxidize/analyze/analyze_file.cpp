#include "oxidize/analyze/analyze_file.hpp"

#include <algorithm>
#include <cstring>

#include "oxidize/analyze/header_dialect.hpp"
#include "oxidize/discover/exclusion.hpp"
#include "oxidize/lex/c_lexer.hpp"
#include "oxidize/lex/rust_lexer.hpp"
#include "oxidize/lex/tee_sink.hpp"
#include "oxidize/parse/c_functions.hpp"
#include "oxidize/parse/rust_functions.hpp"
#include "oxidize/util/hash.hpp"

namespace oxidize::analyze {

using discover::Language;

FileFacts analyze_file(std::string_view file_name, std::string_view bytes, Language language) {
  FileFacts facts;
  facts.language = language;
  facts.bytes = bytes.size();
  facts.hash = util::content_hash(bytes);
  const std::size_t probe = std::min(bytes.size(), k_binary_probe);
  if (std::memchr(bytes.data(), '\0', probe) != nullptr) {
    facts.binary = true;
    return facts;
  }
  facts.generated_why = discover::generated_by_name(file_name);
  if (facts.generated_why.empty())
    facts.generated_why = discover::generated_by_content(bytes.substr(0, discover::k_generated_marker_window));

  lex::LexResult result;
  parse::FunctionResult functions;
  if (language == Language::rust) {
    parse::RustFunctionParser parser(bytes);
    result = lex::lex_rust(bytes, parser);
    functions = parser.finish();
  } else if (language == Language::c_header && discover::LanguageMap::is_ambiguous_header(file_name)) {
    HeaderDialectSink dialect(bytes);
    parse::CFunctionParser parser(bytes);
    lex::TeeSink<HeaderDialectSink, parse::CFunctionParser> both{dialect, parser};
    result = lex::lex_c(bytes, both);
    functions = parser.finish();
    if (dialect.is_cpp()) facts.language = Language::cpp_header;
  } else {
    parse::CFunctionParser parser(bytes);
    result = lex::lex_c(bytes, parser);
    functions = parser.finish();
  }
  facts.functions = std::move(functions.functions);
  facts.parse_issues = std::move(functions.issues);
  facts.lines = result.lines;
  facts.unterminated = result.unterminated;
  facts.unterminated_line = result.unterminated_line;
  return facts;
}

}  // namespace oxidize::analyze
