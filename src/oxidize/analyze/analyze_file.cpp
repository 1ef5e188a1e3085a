#include "oxidize/analyze/analyze_file.hpp"

#include <algorithm>
#include <cstring>

#include "oxidize/analyze/header_dialect.hpp"
#include "oxidize/discover/exclusion.hpp"
#include "oxidize/hazards/analyze_hazards.hpp"
#include "oxidize/hazards/source_notes.hpp"
#include "oxidize/lex/c_lexer.hpp"
#include "oxidize/lex/rust_lexer.hpp"
#include "oxidize/lex/tee_sink.hpp"
#include "oxidize/parse/c_functions.hpp"
#include "oxidize/parse/rust_functions.hpp"
#include "oxidize/util/hash.hpp"

namespace oxidize::analyze {

using discover::Language;

namespace {

// One lexer pass with the sinks the options ask for.
template <class Parser, class LexFn>
lex::LexResult lex_with(std::string_view bytes, bool functions, parse::FunctionResult& out, LexFn lex_fn) {
  if (!functions) {
    lex::NullSink none;
    return lex_fn(bytes, none);
  }
  Parser parser(bytes);
  const lex::LexResult result = lex_fn(bytes, parser);
  out = parser.finish();
  return result;
}

// The hazard pass: the function parser records the code tokens it follows,
// a second sink collects suppressions and integer macros, and the detectors
// then read the recorded tokens with the functions' bodies.
lex::LexResult lex_for_hazards(std::string_view bytes, std::string_view file_name, Language language,
                               FileFacts& facts, parse::FunctionResult& functions) {
  // Reused across the files a thread analyses: the capacity stays.
  thread_local std::vector<lex::Token> tokens;
  tokens.clear();
  lex::LexResult result;
  hazards::SourceNotes notes;
  if (language == Language::rust) {
    parse::RustFunctionParser parser(bytes);
    hazards::SourceNotesSink notes_sink(bytes, &tokens);
    lex::TeeSink<parse::RustFunctionParser, hazards::SourceNotesSink> both{parser, notes_sink};
    result = lex::lex_rust(bytes, both);
    functions = parser.finish();
    notes = notes_sink.take();
  } else {
    parse::CFunctionParser parser(bytes);
    parser.record_tokens(&tokens);
    hazards::SourceNotesSink notes_sink(bytes);
    lex::TeeSink<parse::CFunctionParser, hazards::SourceNotesSink> both{parser, notes_sink};
    if (language == Language::c_header && discover::LanguageMap::is_ambiguous_header(file_name)) {
      HeaderDialectSink dialect(bytes);
      lex::TeeSink<HeaderDialectSink, decltype(both)> all{dialect, both};
      result = lex::lex_c(bytes, all);
      if (dialect.is_cpp()) facts.language = Language::cpp_header;
    } else {
      result = lex::lex_c(bytes, both);
    }
    functions = parser.finish();
    notes = notes_sink.take();
  }
  facts.hazards = hazards::analyze_hazards(
      {.source = bytes, .tokens = tokens, .functions = functions.functions, .notes = notes, .language = facts.language});
  return result;
}

}  // namespace

FileFacts analyze_file(std::string_view file_name, std::string_view bytes, Language language,
                       const AnalyzeOptions& options) {
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
  if (options.hazards) {
    result = lex_for_hazards(bytes, file_name, language, facts, functions);
  } else if (language == Language::rust) {
    result = lex_with<parse::RustFunctionParser>(
        bytes, options.functions, functions, [](std::string_view b, auto& sink) { return lex::lex_rust(b, sink); });
  } else if (language == Language::c_header && discover::LanguageMap::is_ambiguous_header(file_name)) {
    HeaderDialectSink dialect(bytes);
    if (options.functions) {
      parse::CFunctionParser parser(bytes);
      lex::TeeSink<HeaderDialectSink, parse::CFunctionParser> both{dialect, parser};
      result = lex::lex_c(bytes, both);
      functions = parser.finish();
    } else {
      result = lex::lex_c(bytes, dialect);
    }
    if (dialect.is_cpp()) facts.language = Language::cpp_header;
  } else {
    const auto lex_c = [](std::string_view b, auto& sink) { return lex::lex_c(b, sink); };
    result = lex_with<parse::CFunctionParser>(bytes, options.functions, functions, lex_c);
  }
  if (!options.functions) functions.functions.clear();  // hazards needed them, the caller did not
  facts.functions = std::move(functions.functions);
  facts.parse_issues = std::move(functions.issues);
  facts.lines = result.lines;
  facts.unterminated = result.unterminated;
  facts.unterminated_line = result.unterminated_line;
  return facts;
}

}  // namespace oxidize::analyze
