#include "oxidize/cache/facts_codec.hpp"

#include <cstdint>

#include "oxidize/cache/byte_codec.hpp"

namespace oxidize::cache {


void encode_facts(const model::FileFacts& f, std::string& out) {
  put_varint(out, static_cast<std::uint64_t>(f.language));
  put_varint(out, f.lines.code);
  put_varint(out, f.lines.comment);
  put_varint(out, f.lines.blank);
  put_varint(out, f.bytes);
  put_fixed64(out, f.hash);
  put_varint(out, f.binary ? 1 : 0);
  put_varint(out, static_cast<std::uint64_t>(f.unterminated));
  put_varint(out, f.unterminated_line);
  put_bytes(out, f.generated_why);
  put_varint(out, f.functions.size());
  for (const auto& fn : f.functions) {
    put_bytes(out, fn.name);
    for (const std::uint32_t v : {fn.start_line, fn.end_line, fn.body_begin, fn.body_end, fn.nloc, fn.ccn,
                                  fn.ccn_modified, fn.params, fn.max_nesting, fn.tokens, fn.unsafe_blocks})
      put_varint(out, v);
    put_varint(out, fn.is_unsafe ? 1 : 0);
  }
  put_varint(out, f.parse_issues.size());
  for (const auto& issue : f.parse_issues) {
    put_varint(out, issue.line);
    put_bytes(out, issue.message);
  }
  put_varint(out, f.hazards.size());
  for (const auto& h : f.hazards) {
    put_varint(out, static_cast<std::uint64_t>(h.rule));
    put_varint(out, static_cast<std::uint64_t>(h.confidence));
    put_varint(out, h.line);
    put_varint(out, h.column);
    put_bytes(out, h.function);
    put_bytes(out, h.message);
    put_bytes(out, h.snippet);
    put_fixed64(out, h.fingerprint);
    put_varint(out, h.suppressed ? 1 : 0);
    put_bytes(out, h.suppression_reason);
  }
}

std::optional<model::FileFacts> decode_facts(std::string_view bytes) {
  ByteReader r(bytes);
  model::FileFacts f;
  const std::uint64_t language = r.u64();
  if (language > static_cast<std::uint64_t>(discover::Language::rust)) return std::nullopt;
  f.language = static_cast<discover::Language>(language);
  f.lines.code = r.u64();
  f.lines.comment = r.u64();
  f.lines.blank = r.u64();
  f.bytes = r.u64();
  f.hash = r.fixed64();
  f.binary = r.u64() != 0;
  const std::uint64_t unterminated = r.u64();
  if (unterminated > static_cast<std::uint64_t>(lex::Unterminated::character)) return std::nullopt;
  f.unterminated = static_cast<lex::Unterminated>(unterminated);
  f.unterminated_line = r.u32();
  f.generated_why = r.str();
  f.functions.resize(r.count(13));
  for (auto& fn : f.functions) {
    fn.name = r.str();
    for (std::uint32_t* v : {&fn.start_line, &fn.end_line, &fn.body_begin, &fn.body_end, &fn.nloc, &fn.ccn,
                             &fn.ccn_modified, &fn.params, &fn.max_nesting, &fn.tokens, &fn.unsafe_blocks})
      *v = r.u32();
    fn.is_unsafe = r.u64() != 0;
  }
  f.parse_issues.resize(r.count(2));
  for (auto& issue : f.parse_issues) {
    issue.line = r.u32();
    issue.message = r.str();
  }
  f.hazards.resize(r.count(17));
  for (auto& h : f.hazards) {
    const std::uint64_t rule = r.u64();
    const std::uint64_t confidence = r.u64();
    if (rule >= static_cast<std::uint64_t>(hazards::RuleId::count_) ||
        confidence > static_cast<std::uint64_t>(hazards::Confidence::high))
      return std::nullopt;
    h.rule = static_cast<hazards::RuleId>(rule);
    h.confidence = static_cast<hazards::Confidence>(confidence);
    h.line = r.u32();
    h.column = r.u32();
    h.function = r.str();
    h.message = r.str();
    h.snippet = r.str();
    h.fingerprint = r.fixed64();
    h.suppressed = r.u64() != 0;
    h.suppression_reason = r.str();
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return f;
}

}  // namespace oxidize::cache
