#include "oxidize/structure/compile_database.hpp"

#include <nlohmann/json.hpp>

namespace oxidize::structure {

std::string normalize_path(std::string_view path) {
  const bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!absolute) parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(parts[i]);
  }
  return out.empty() && !absolute ? "." : out;
}

std::vector<std::string> split_command(std::string_view command) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < command.size()) word.push_back(command[++i]);
      else word.push_back(c);
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      word.push_back(command[++i]);
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) out.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) out.push_back(std::move(word));
  return out;
}

namespace {

// `folder` (absolute) relative to `root`, or empty when outside it.
std::string relative_to(const std::string& folder, std::string_view root) {
  if (folder == root) return ".";
  if (folder.size() > root.size() && folder.compare(0, root.size(), root) == 0 && folder[root.size()] == '/')
    return folder.substr(root.size() + 1);
  return {};
}

IncludeFolders folders_of(const std::vector<std::string>& args, const std::string& directory, std::string_view root) {
  IncludeFolders out;
  auto add = [&](std::vector<std::string>& to, std::string_view value) {
    const std::string absolute =
        normalize_path(!value.empty() && value[0] == '/' ? std::string(value) : directory + "/" + std::string(value));
    std::string rel = relative_to(absolute, root);
    if (!rel.empty()) to.push_back(std::move(rel));
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    for (const auto& [flag, quote_only] : {std::pair<std::string_view, bool>{"-iquote", true},
                                           {"-isystem", false}, {"-idirafter", false}, {"-I", false}}) {
      if (a.compare(0, flag.size(), flag) != 0) continue;
      std::string_view value = std::string_view(a).substr(flag.size());
      if (value.empty()) {
        if (i + 1 >= args.size()) break;
        value = args[++i];
      }
      add(quote_only ? out.quote : out.search, value);
      break;
    }
  }
  return out;
}

}  // namespace

CompileDatabase parse_compile_database(std::string_view json, std::string_view root) {
  CompileDatabase db;
  db.present = true;
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_array()) {
    db.warnings.push_back("compile_commands.json is not a JSON array of entries; include folders are guessed instead");
    db.present = false;
    return db;
  }
  std::size_t skipped = 0;
  std::size_t outside = 0;
  for (const auto& entry : doc) {
    if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string() || !entry.contains("directory") ||
        !entry["directory"].is_string()) {
      ++skipped;
      continue;
    }
    const std::string directory = entry["directory"].get<std::string>();
    std::vector<std::string> args;
    if (entry.contains("arguments") && entry["arguments"].is_array()) {
      for (const auto& a : entry["arguments"])
        if (a.is_string()) args.push_back(a.get<std::string>());
    } else if (entry.contains("command") && entry["command"].is_string()) {
      args = split_command(entry["command"].get<std::string>());
    } else {
      ++skipped;
      continue;
    }
    const std::string file = entry["file"].get<std::string>();
    const std::string absolute = normalize_path(!file.empty() && file[0] == '/' ? file : directory + "/" + file);
    std::string rel = relative_to(absolute, root);
    if (rel.empty()) {
      ++outside;
      continue;
    }
    db.files[std::move(rel)] = folders_of(args, directory, root);
  }
  if (skipped > 0)
    db.warnings.push_back("compile_commands.json: " + std::to_string(skipped) +
                          " entries without file, directory and arguments or command were skipped");
  if (outside > 0)
    db.warnings.push_back("compile_commands.json: " + std::to_string(outside) +
                          " entries name files outside the scanned folder; ignored");
  return db;
}

}  // namespace oxidize::structure
