#include "oxidize/pipeline/facts_lookup.hpp"

#include "oxidize/util/hash.hpp"

namespace oxidize::pipeline {

cache::FactsKey facts_key(std::uint64_t content_hash, const source::SourceFile& file,
                          const analyze::AnalyzeOptions& options) {
  const bool ambiguous =
      file.language == discover::Language::c_header && discover::LanguageMap::is_ambiguous_header(file.name);
  // Declared project functions change hazard findings: their digest joins
  // the content hash, so a changed oxidize.toml re-analyses instead of
  // reading stale facts.
  if (options.hazards && options.project_functions != nullptr && !options.project_functions->empty())
    content_hash ^= options.project_functions->digest() * 0x9E3779B97F4A7C15ULL;
  return {content_hash, static_cast<std::uint8_t>(file.language),
          static_cast<std::uint8_t>((options.functions ? 1 : 0) | (options.hazards ? 2 : 0) | (ambiguous ? 4 : 0) |
                                    (options.structure ? 8 : 0))};
}

model::FileFacts facts_of(std::string_view bytes, const source::SourceFile& file, analyze::Analyzer& analyzer,
                          const analyze::AnalyzeOptions& options, cache::AnalysisCache* cache, FactsOrigin& origin) {
  origin = FactsOrigin::analysed;
  if (cache == nullptr) return analyzer.analyze(file.name, bytes, file.language);
  const cache::FactsKey key = facts_key(util::content_hash(bytes), file, options);
  if (auto facts = cache->find(key)) {
    cache->stats.content_hits.fetch_add(1, std::memory_order_relaxed);
    origin = FactsOrigin::cache;
    return std::move(*facts);
  }
  model::FileFacts facts = analyzer.analyze(file.name, bytes, file.language);
  cache->insert(key, facts);
  cache->stats.analysed.fetch_add(1, std::memory_order_relaxed);
  return facts;
}

}  // namespace oxidize::pipeline
