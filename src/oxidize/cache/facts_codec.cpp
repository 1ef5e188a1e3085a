#include "oxidize/cache/facts_codec.hpp"

#include <cstdint>
#include <cstring>

namespace oxidize::cache {

namespace {

void put(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_fixed(std::string& out, std::uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(bytes, 8);
}

void put(std::string& out, std::string_view s) {
  put(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }

  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return fail();
      const auto byte = static_cast<unsigned char>(*p_++);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return fail();
  }
  std::uint32_t u32() {
    const std::uint64_t v = u64();
    if (v > UINT32_MAX) return static_cast<std::uint32_t>(fail());
    return static_cast<std::uint32_t>(v);
  }
  std::uint64_t fixed() {
    if (end_ - p_ < 8) return fail();
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p_[i])) << (8 * i);
    p_ += 8;
    return v;
  }
  std::string str() {
    const std::uint64_t n = u64();
    if (!ok_ || n > static_cast<std::uint64_t>(end_ - p_)) {
      fail();
      return {};
    }
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  // A count of items each at least `min_bytes` long: bounded by what is left,
  // so a damaged count cannot make the decoder reserve gigabytes.
  std::size_t count(std::size_t min_bytes) {
    const std::uint64_t n = u64();
    if (!ok_ || n > static_cast<std::uint64_t>(end_ - p_) / min_bytes) return static_cast<std::size_t>(fail());
    return static_cast<std::size_t>(n);
  }

 private:
  std::uint64_t fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace

void encode_facts(const model::FileFacts& f, std::string& out) {
  put(out, static_cast<std::uint64_t>(f.language));
  put(out, f.lines.code);
  put(out, f.lines.comment);
  put(out, f.lines.blank);
  put(out, f.bytes);
  put_fixed(out, f.hash);
  put(out, f.binary ? 1 : 0);
  put(out, static_cast<std::uint64_t>(f.unterminated));
  put(out, f.unterminated_line);
  put(out, f.generated_why);
  put(out, f.functions.size());
  for (const auto& fn : f.functions) {
    put(out, fn.name);
    for (const std::uint32_t v : {fn.start_line, fn.end_line, fn.body_begin, fn.body_end, fn.nloc, fn.ccn,
                                  fn.ccn_modified, fn.params, fn.max_nesting, fn.tokens, fn.unsafe_blocks})
      put(out, v);
    put(out, fn.is_unsafe ? 1 : 0);
  }
  put(out, f.parse_issues.size());
  for (const auto& issue : f.parse_issues) {
    put(out, issue.line);
    put(out, issue.message);
  }
  put(out, f.hazards.size());
  for (const auto& h : f.hazards) {
    put(out, static_cast<std::uint64_t>(h.rule));
    put(out, static_cast<std::uint64_t>(h.confidence));
    put(out, h.line);
    put(out, h.column);
    put(out, h.function);
    put(out, h.message);
    put(out, h.snippet);
    put_fixed(out, h.fingerprint);
    put(out, h.suppressed ? 1 : 0);
    put(out, h.suppression_reason);
  }
}

std::optional<model::FileFacts> decode_facts(std::string_view bytes) {
  Reader r(bytes);
  model::FileFacts f;
  const std::uint64_t language = r.u64();
  if (language > static_cast<std::uint64_t>(discover::Language::rust)) return std::nullopt;
  f.language = static_cast<discover::Language>(language);
  f.lines.code = r.u64();
  f.lines.comment = r.u64();
  f.lines.blank = r.u64();
  f.bytes = r.u64();
  f.hash = r.fixed();
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
    h.fingerprint = r.fixed();
    h.suppressed = r.u64() != 0;
    h.suppression_reason = r.str();
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return f;
}

}  // namespace oxidize::cache
