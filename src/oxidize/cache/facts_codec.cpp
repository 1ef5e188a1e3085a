#include "oxidize/cache/facts_codec.hpp"

#include <cstdint>

#include "oxidize/cache/byte_codec.hpp"

namespace oxidize::cache {

namespace {

void put_named(std::string& out, const std::string& name, std::uint32_t line) {
  put_bytes(out, name);
  put_varint(out, line);
}

void encode_structure(const parse::FileStructure& s, std::string& out) {
  put_varint(out, s.includes.size());
  for (const auto& i : s.includes) {
    put_named(out, i.target, i.line);
    put_varint(out, static_cast<std::uint64_t>(i.form));
  }
  put_varint(out, s.names.size());
  for (std::size_t i = 0; i < s.names.size(); ++i) put_bytes(out, s.names[i]);
  put_varint(out, s.calls.size());
  for (const auto& c : s.calls) {
    put_varint(out, c.callee);
    put_varint(out, c.line);
    put_varint(out, c.function);
    put_varint(out, static_cast<std::uint64_t>(c.kind()));
  }
  put_varint(out, s.macros.size());
  for (const auto& m : s.macros) put_named(out, m.name, m.line);
  put_varint(out, s.records.size());
  for (const auto& rec : s.records) {
    put_named(out, rec.name, rec.line);
    put_varint(out, (rec.is_union ? 1U : 0U) | (rec.has_bitfields ? 2U : 0U));
  }
  for (const auto* list : {&s.globals, &s.imports, &s.prototypes}) {
    put_varint(out, list->size());
    for (const auto& d : *list) put_named(out, d.name, d.line);
  }
}

// Indices are checked: a damaged entry must not point outside its file.
bool decode_structure(ByteReader& r, parse::FileStructure& s, std::size_t functions) {
  s.includes.resize(r.count(3));
  for (auto& i : s.includes) {
    i.target = r.str();
    i.line = r.u32();
    const std::uint64_t form = r.u64();
    if (form > static_cast<std::uint64_t>(parse::IncludeForm::macro)) return false;
    i.form = static_cast<parse::IncludeForm>(form);
  }
  const std::size_t names = r.count(1);
  for (std::size_t i = 0; i < names && r.ok(); ++i) s.names.push_back(r.view());
  s.calls.resize(r.count(4));
  for (auto& c : s.calls) {
    const std::uint32_t callee = r.u32();
    const std::uint32_t line = r.u32();
    const std::uint32_t function = r.u32();
    const std::uint64_t kind = r.u64();
    if (callee >= s.names.size() || function >= functions || line > 0x3fffffffU ||
        kind > static_cast<std::uint64_t>(parse::CallKind::pointer))
      return false;
    c = parse::CallSite::make(callee, line, function, static_cast<parse::CallKind>(kind));
  }
  s.macros.resize(r.count(2));
  for (auto& m : s.macros) {
    m.name = r.str();
    m.line = r.u32();
  }
  s.records.resize(r.count(3));
  for (auto& rec : s.records) {
    rec.name = r.str();
    rec.line = r.u32();
    const std::uint64_t bits = r.u64();
    rec.is_union = (bits & 1U) != 0;
    rec.has_bitfields = (bits & 2U) != 0;
  }
  for (auto* list : {&s.globals, &s.imports, &s.prototypes}) {
    list->resize(r.count(2));
    for (auto& d : *list) {
      d.name = r.str();
      d.line = r.u32();
    }
  }
  return r.ok();
}

}  // namespace


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
                                  fn.ccn_modified, fn.params, fn.max_nesting, fn.tokens, fn.unsafe_blocks,
                                  fn.signature_begin, std::uint32_t{fn.traits}})
      put_varint(out, v);
    put_varint(out, fn.is_unsafe ? 1 : 0);
    put_bytes(out, fn.signature);
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
  encode_structure(f.structure, out);
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
  f.functions.resize(r.count(16));
  for (auto& fn : f.functions) {
    fn.name = r.str();
    std::uint32_t traits = 0;
    for (std::uint32_t* v : {&fn.start_line, &fn.end_line, &fn.body_begin, &fn.body_end, &fn.nloc, &fn.ccn,
                             &fn.ccn_modified, &fn.params, &fn.max_nesting, &fn.tokens, &fn.unsafe_blocks,
                             &fn.signature_begin, &traits})
      *v = r.u32();
    fn.traits = static_cast<std::uint16_t>(traits);
    fn.is_unsafe = r.u64() != 0;
    fn.signature = r.str();
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
  if (!decode_structure(r, f.structure, f.functions.size())) return std::nullopt;
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return f;
}

}  // namespace oxidize::cache
