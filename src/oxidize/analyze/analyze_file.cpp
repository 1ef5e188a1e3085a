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

// Lexes C or C++ into `sink`; an ambiguous `.h` also goes through the
// dialect sink, which may make it a C++ header.
template <class Sink>
lex::LexResult lex_c_family(std::string_view bytes, std::string_view file_name, FileFacts& facts, Sink& sink) {
  if (facts.language != Language::c_header || !discover::LanguageMap::is_ambiguous_header(file_name))
    return lex::lex_c(bytes, sink);
  HeaderDialectSink dialect(bytes);
  lex::TeeSink<HeaderDialectSink, Sink> both{dialect, sink};
  const lex::LexResult result = lex::lex_c(bytes, both);
  if (dialect.is_cpp()) facts.language = Language::cpp_header;
  return result;
}

// The hazard pass: the function parser records the code tokens it follows,
// a second sink collects suppressions and integer macros, and the detectors
// then read the recorded tokens with the functions' bodies.
lex::LexResult lex_for_hazards(std::string_view bytes, std::string_view file_name, FileFacts& facts,
                               parse::FunctionResult& functions) {
  // Reused across the files a thread analyses: the capacity stays.
  thread_local std::vector<lex::Token> tokens;
  tokens.clear();
  lex::LexResult result;
  hazards::SourceNotes notes;
  if (facts.language == Language::rust) {
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
    result = lex_c_family(bytes, file_name, facts, both);
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
  std::string_view generated = discover::generated_by_name(file_name);
  if (generated.empty()) generated = discover::generated_by_content(bytes.substr(0, discover::k_generated_marker_window));
  facts.generated_why = generated;

  lex::LexResult result;
  parse::FunctionResult functions;
  if (options.hazards) {
    result = lex_for_hazards(bytes, file_name, facts, functions);
  } else if (language == Language::rust && options.functions) {
    parse::RustFunctionParser parser(bytes);
    result = lex::lex_rust(bytes, parser);
    functions = parser.finish();
  } else if (language == Language::rust) {
    lex::NullSink none;
    result = lex::lex_rust(bytes, none);
  } else if (options.functions) {
    parse::CFunctionParser parser(bytes);
    result = lex_c_family(bytes, file_name, facts, parser);
    functions = parser.finish();
  } else {
    lex::NullSink none;
    result = lex_c_family(bytes, file_name, facts, none);
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
