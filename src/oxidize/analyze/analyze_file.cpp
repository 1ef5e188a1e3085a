#include "oxidize/analyze/analyze_file.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "oxidize/analyze/header_dialect.hpp"
#include "oxidize/discover/exclusion.hpp"
#include "oxidize/hazards/analyze_hazards.hpp"
#include "oxidize/hazards/source_notes.hpp"
#include "oxidize/lex/c_lexer.hpp"
#include "oxidize/lex/rust_lexer.hpp"
#include "oxidize/parse/c_functions.hpp"
#include "oxidize/parse/rust_functions.hpp"
#include "oxidize/parse/signature.hpp"
#include "oxidize/parse/structure_extractor.hpp"
#include "oxidize/util/hash.hpp"

namespace oxidize::analyze {

using discover::Language;

namespace {

// The extractors of one pass as one lexer sink. An absent one costs a
// well-predicted branch per token; a file that needs none is lexed into
// lex::NullSink instead, which compiles to nothing.
template <class Parser>
struct ExtractorSinks {
  Parser* parser = nullptr;
  HeaderDialectSink* dialect = nullptr;
  hazards::SourceNotesSink* notes = nullptr;
  parse::StructureExtractor* structure = nullptr;
  void operator()(const lex::Token& t) {
    if (parser != nullptr) (*parser)(t);
    if (dialect != nullptr) (*dialect)(t);
    if (notes != nullptr) (*notes)(t);
    if (structure != nullptr) (*structure)(t);
  }
};

template <class Parser, class Lex>
lex::LexResult run_pass(std::string_view bytes, const Extractors& wanted, FileFacts& facts,
                        lex::CodeTokens& tokens, Lex lex_fn) {
  if (!wanted.functions && !wanted.header_dialect && !wanted.hazards && !wanted.structure) {
    lex::NullSink none;
    return lex_fn(bytes, none);
  }
  constexpr bool rust = std::is_same_v<Parser, parse::RustFunctionParser>;
  ExtractorSinks<Parser> sinks;
  std::optional<Parser> parser;
  std::optional<HeaderDialectSink> dialect;
  std::optional<hazards::SourceNotesSink> notes;
  std::optional<parse::StructureExtractor> structure;
  tokens.clear();
  if (wanted.functions || wanted.hazards || wanted.structure) sinks.parser = &parser.emplace(bytes);
  if (wanted.structure)
    sinks.structure = &structure.emplace(
        bytes, rust ? parse::StructureExtractor::Dialect::rust : parse::StructureExtractor::Dialect::c_family);
  if (wanted.header_dialect) sinks.dialect = &dialect.emplace(bytes);
  if (wanted.hazards) {
    // The C parser records the code tokens of the preprocessor branches it
    // follows; Rust has no preprocessor, so the notes sink records them.
    if constexpr (rust) sinks.notes = &notes.emplace(bytes, &tokens);
    else {
      parser->record_tokens(&tokens);
      sinks.notes = &notes.emplace(bytes);
    }
  }
  const lex::LexResult result = lex_fn(bytes, sinks);
  if (dialect && dialect->is_cpp()) facts.language = Language::cpp_header;
  if (parser) {
    parse::FunctionResult functions = parser->finish();
    facts.functions = std::move(functions.functions);
    facts.parse_issues = std::move(functions.issues);
  }
  if (structure) {
    facts.structure = structure->finish(facts.functions);
    parse::describe_signatures(bytes, facts.functions,
                               rust ? parse::SignatureDialect::rust : parse::SignatureDialect::c_family);
  }
  if (notes) {
    const hazards::SourceNotes taken = notes->take();
    // Malformed suppressions are warnings with the parser's (path:line, once per comment).
    for (const auto& problem : taken.problems) facts.parse_issues.push_back({problem.line, problem.message});
    facts.hazards = hazards::analyze_hazards(
        {.source = bytes,
         .tokens = tokens,
         .functions = facts.functions,
         .notes = taken,
         .language = facts.language,
         .project_functions = wanted.project_functions});
  }
  return result;
}

}  // namespace

Extractors Extractors::for_file(const AnalyzeOptions& options, Language language, std::string_view file_name) {
  Extractors e;
  // Hazards read the functions' bodies; calls are attributed to them.
  e.functions = options.functions || options.hazards || options.structure;
  e.hazards = options.hazards;
  e.structure = options.structure;
  e.project_functions = options.project_functions;
  e.header_dialect = language == Language::c_header && discover::LanguageMap::is_ambiguous_header(file_name);
  return e;
}

FileFacts Analyzer::analyze(std::string_view file_name, std::string_view bytes, Language language) {
  FileFacts facts;
  facts.language = language;
  facts.bytes = bytes.size();
  facts.hash = util::content_hash(bytes);
  const std::size_t probe = std::min(bytes.size(), k_binary_probe);
  if (std::memchr(bytes.data(), '\0', probe) != nullptr) {
    facts.binary = true;
    return facts;
  }
  // Only the content's marker: the name's rule belongs to the scope policy
  // (pipeline/scope), since facts are cached by content, whatever the name.
  facts.generated_why = discover::generated_by_content(bytes.substr(0, discover::k_generated_marker_window));

  const Extractors wanted = Extractors::for_file(options_, language, file_name);
  const lex::LexResult result =
      language == Language::rust
          ? run_pass<parse::RustFunctionParser>(bytes, wanted, facts, tokens_,
                                                [](std::string_view b, auto& sink) { return lex::lex_rust(b, sink); })
          : run_pass<parse::CFunctionParser>(bytes, wanted, facts, tokens_,
                                             [](std::string_view b, auto& sink) { return lex::lex_c(b, sink); });
  if (!options_.functions && !options_.structure) facts.functions.clear();  // hazards needed them, the caller did not
  tokens_.release_if_above(k_kept_tokens);  // a huge file's tokens are not kept for the next file
  facts.lines = result.lines;
  facts.unterminated = result.unterminated;
  facts.unterminated_line = result.unterminated_line;
  return facts;
}

FileFacts analyze_file(std::string_view file_name, std::string_view bytes, Language language,
                       const AnalyzeOptions& options) {
  Analyzer analyzer(options);
  return analyzer.analyze(file_name, bytes, language);
}

}  // namespace oxidize::analyze
