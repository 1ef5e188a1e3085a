#pragma once
// One file's facts from its bytes, the same way for every run that analyses
// files (the scan's analysis pass, the timeline of `oxidize history`): from
// the analysis cache's content layer when these bytes were analysed before
// with the same language and options, else from the worker's Analyzer, and
// then kept in the cache.
#include <cstdint>
#include <string_view>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/cache/analysis_cache.hpp"
#include "oxidize/source/file_source.hpp"

namespace oxidize::pipeline {

// The cache key of a file: its content, the language its name gave, and
// everything else the analysis reads besides the bytes (the options, and
// whether the name makes it an ambiguous header).
cache::FactsKey facts_key(std::uint64_t content_hash, const source::SourceFile& file,
                          const analyze::AnalyzeOptions& options);

enum class FactsOrigin : std::uint8_t { cache, analysed };

// `cache` may be null (--no-cache): the bytes are analysed. The cache's
// counters (content_hits, analysed) count what happened.
model::FileFacts facts_of(std::string_view bytes, const source::SourceFile& file, analyze::Analyzer& analyzer,
                          const analyze::AnalyzeOptions& options, cache::AnalysisCache* cache, FactsOrigin& origin);

}  // namespace oxidize::pipeline
