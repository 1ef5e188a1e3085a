#include "oxidize/report/baseline.hpp"

#include <charconv>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/util/uri.hpp"

namespace oxidize::report {

namespace {

using nlohmann::json;

std::optional<std::uint64_t> parse_fingerprint(const json& v) {
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() != 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return std::nullopt;
    value = value << 4 | static_cast<std::uint64_t>(d);
  }
  return value;
}

// Standard base64 (the path_base64 of a path that is not UTF-8).
std::optional<std::string> decode_base64(std::string_view s) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') break;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

void add(model::Baseline& baseline, std::string path, std::uint64_t fingerprint) {
  ++baseline.keys[{std::move(path), fingerprint}];
  ++baseline.size;
}

// The one line for a baseline of another fingerprint version.
std::string other_version(int version) {
  if (version < hazards::k_fingerprint_version)
    return fmt::format("its fingerprints are version {} (an older oxidize), this oxidize writes version {}: it would "
                       "match nothing; write the baseline again with this oxidize",
                       version, hazards::k_fingerprint_version);
  return fmt::format("its fingerprints are version {}, this oxidize knows version {} (a newer oxidize wrote it)",
                     version, hazards::k_fingerprint_version);
}

tl::expected<model::Baseline, std::string> from_json_report(const json& doc) {
  model::Baseline baseline;
  const json& findings = doc["findings"];
  if (!findings.is_array()) return tl::unexpected(std::string("\"findings\" is not an array"));
  // Version 1 had no fingerprint_version; an empty list has nothing to match anyway.
  int version = 1;
  if (doc.contains("fingerprint_version")) {
    const json& v = doc["fingerprint_version"];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 1000)
      return tl::unexpected(std::string("\"fingerprint_version\" is not a version number"));
    version = v.get<int>();
  }
  if (version != hazards::k_fingerprint_version && !findings.empty()) return tl::unexpected(other_version(version));
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const json& f = findings[i];
    const auto fingerprint = f.is_object() && f.contains("fingerprint") ? parse_fingerprint(f["fingerprint"])
                                                                        : std::nullopt;
    if (!fingerprint) return tl::unexpected(fmt::format("finding {} has no valid \"fingerprint\"", i + 1));
    std::optional<std::string> path;
    if (f.contains("path_base64") && f["path_base64"].is_string())
      path = decode_base64(f["path_base64"].get_ref<const std::string&>());
    else if (f.contains("path") && f["path"].is_string())
      path = f["path"].get<std::string>();
    if (!path) return tl::unexpected(fmt::format("finding {} has no valid \"path\"", i + 1));
    add(baseline, std::move(*path), *fingerprint);
  }
  return baseline;
}

tl::expected<model::Baseline, std::string> from_sarif(const json& doc) {
  model::Baseline baseline;
  if (!doc["runs"].is_array()) return tl::unexpected(std::string("SARIF \"runs\" is not an array"));
  for (const json& run : doc["runs"]) {
    if (!run.is_object() || !run.contains("results")) continue;
    const json& results = run["results"];
    if (!results.is_array()) return tl::unexpected(std::string("SARIF \"results\" is not an array"));
    for (std::size_t i = 0; i < results.size(); ++i) {
      const json& r = results[i];
      const json* fp = nullptr;
      if (r.is_object() && r.contains("partialFingerprints") && r["partialFingerprints"].is_object()) {
        const json& fps = r["partialFingerprints"];
        if (fps.contains(k_sarif_fingerprint_key)) {
          fp = &fps[std::string(k_sarif_fingerprint_key)];
        } else {
          // Another version of ours ("oxidizeFingerprint/v1"): said as such.
          for (const auto& [key, value] : fps.items()) {
            int version = 0;
            if (!key.starts_with(k_sarif_fingerprint_prefix)) continue;
            const std::string_view digits = std::string_view(key).substr(k_sarif_fingerprint_prefix.size());
            const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
            if (ec == std::errc() && end == digits.data() + digits.size() && version > 0)
              return tl::unexpected(other_version(version));
          }
        }
      }
      const auto fingerprint = fp != nullptr ? parse_fingerprint(*fp) : std::nullopt;
      if (!fingerprint)
        return tl::unexpected(fmt::format("result {} has no partialFingerprints \"{}\" (not written by oxidize?)",
                                          i + 1, k_sarif_fingerprint_key));
      static const json::json_pointer k_location("/locations/0/physicalLocation/artifactLocation");
      const json* loc = r.contains(k_location) ? &r.at(k_location) : nullptr;
      if (loc == nullptr || !loc->is_object() || !loc->contains("uri") || !(*loc)["uri"].is_string())
        return tl::unexpected(fmt::format("result {} has no artifact location", i + 1));
      std::string_view uri = (*loc)["uri"].get_ref<const std::string&>();
      // Absolute locations (several roots, one of them absolute) are file URIs.
      if (uri.starts_with("file://")) uri.remove_prefix(7);
      auto path = util::percent_decode(uri);
      if (!path) return tl::unexpected(fmt::format("result {} has a malformed URI", i + 1));
      add(baseline, std::move(*path), *fingerprint);
    }
  }
  return baseline;
}

}  // namespace

tl::expected<model::Baseline, std::string> parse_baseline(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return tl::unexpected(std::string("not JSON: ") + e.what());
  }
  if (!doc.is_object()) return tl::unexpected(std::string("not a JSON object"));
  if (doc.contains("runs")) return from_sarif(doc);
  if (doc.contains("findings")) return from_json_report(doc);
  return tl::unexpected(std::string("neither the JSON nor the SARIF output of oxidize hazards"));
}

}  // namespace oxidize::report
