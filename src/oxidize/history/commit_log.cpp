#include "oxidize/history/commit_log.hpp"

#include <git2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "oxidize/source/git_repository.hpp"

namespace oxidize::history {

namespace {

struct Deleter {
  void operator()(git_revwalk* w) const { git_revwalk_free(w); }
  void operator()(git_commit* c) const { git_commit_free(c); }
  void operator()(git_mailmap* m) const { git_mailmap_free(m); }
  void operator()(git_signature* s) const { git_signature_free(s); }
};

struct ObjectIdHash {
  std::size_t operator()(const ObjectId& id) const noexcept {
    std::size_t h;
    std::memcpy(&h, id.data(), sizeof h);  // object ids are uniformly distributed already
    return h;
  }
};

ObjectId id_of(const git_oid& oid) {
  ObjectId id;
  std::memcpy(id.data(), oid.id, id.size());
  return id;
}

git_oid oid_of(const ObjectId& id) {
  git_oid oid;
  std::memcpy(oid.id, id.data(), id.size());
  return oid;
}

// The first-parent chain from `head`, oldest first, followed by hand: a
// parent that cannot be read (the boundary of a shallow clone, which
// libgit2 1.5 does not know as such, or a missing object) ends the chain
// there instead of failing the walk.
std::vector<ObjectId> first_parent_chain(git_repository* repo, const ObjectId& head, bool shallow,
                                         std::vector<model::Warning>& warnings) {
  std::vector<ObjectId> ids;
  git_oid oid = oid_of(head);
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repo, &oid) != 0) return ids;
  std::unique_ptr<git_commit, Deleter> commit(raw);
  while (true) {
    ids.push_back(id_of(*git_commit_id(commit.get())));
    if (git_commit_parentcount(commit.get()) == 0) break;
    git_commit* parent = nullptr;
    if (git_commit_parent(&parent, commit.get(), 0) != 0) {
      if (!shallow)
        warnings.push_back({"", fmt::format("the history stops at commit {}: its parent is unreadable ({})",
                                            to_hex(ids.back()), source::git_error_text())});
      break;
    }
    commit.reset(parent);
  }
  std::reverse(ids.begin(), ids.end());
  return ids;
}

// Every commit reachable from `head`, oldest first (topological: parents first).
std::vector<ObjectId> all_commits(git_repository* repo, const ObjectId& head, std::vector<model::Warning>& warnings) {
  std::vector<ObjectId> ids;
  git_revwalk* raw = nullptr;
  if (git_revwalk_new(&raw, repo) != 0) return ids;
  std::unique_ptr<git_revwalk, Deleter> walk(raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  const git_oid start = oid_of(head);
  if (git_revwalk_push(walk.get(), &start) != 0) return ids;
  git_oid oid;
  int rc = 0;
  while ((rc = git_revwalk_next(&oid, walk.get())) == 0) ids.push_back(id_of(oid));
  if (rc != GIT_ITEROVER) {
    // A missing or corrupt commit: libgit2 cannot sort what it cannot read.
    warnings.push_back({"", "cannot walk every commit (" + source::git_error_text() +
                                "); the first-parent chain is used instead"});
    ids.clear();
  }
  return ids;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string to_hex(const ObjectId& id) {
  const git_oid oid = oid_of(id);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

tl::expected<CommitLog, std::string> read_commit_log(git_repository* repo, const ObjectId& head, Walk walk,
                                                     const MessageClassifier& classifier) {
  CommitLog log;
  log.head = head;
  log.shallow = git_repository_is_shallow(repo) == 1;

  const std::vector<ObjectId> chain = first_parent_chain(repo, head, log.shallow, log.warnings);
  if (chain.empty()) return tl::unexpected("cannot read commit " + to_hex(head) + ": " + source::git_error_text());
  std::vector<ObjectId> ids;
  std::unordered_set<ObjectId, ObjectIdHash> on_chain;
  if (walk == Walk::no_merges) {
    on_chain.insert(chain.begin(), chain.end());
    ids = all_commits(repo, head, log.warnings);
  }
  if (ids.empty()) {
    ids = chain;
    on_chain.clear();
    walk = Walk::first_parent;  // what the fallback is
  }

  git_mailmap* mailmap_raw = nullptr;
  // No .mailmap (or an unreadable one) leaves identities as they are.
  if (git_mailmap_from_repository(&mailmap_raw, repo) != 0) mailmap_raw = nullptr;
  std::unique_ptr<git_mailmap, Deleter> mailmap(mailmap_raw);

  std::unordered_map<std::string, std::uint32_t> author_index;
  log.commits.reserve(ids.size());
  log.walk = walk;
  for (const auto& id : ids) {
    const git_oid oid = oid_of(id);
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) {
      log.warnings.push_back({"", fmt::format("commit {}: unreadable, left out ({})", to_hex(id), source::git_error_text())});
      continue;
    }
    std::unique_ptr<git_commit, Deleter> commit(raw);
    CommitRecord record;
    record.id = id;
    record.commit_time = git_commit_time(commit.get());
    record.merge = git_commit_parentcount(commit.get()) > 1;
    record.on_chain = walk == Walk::first_parent || on_chain.count(id) != 0;
    record.counted = walk == Walk::first_parent || !record.merge;

    git_signature* resolved = nullptr;
    std::unique_ptr<git_signature, Deleter> owned;
    const git_signature* author = git_commit_author(commit.get());
    if (mailmap && git_commit_author_with_mailmap(&resolved, commit.get(), mailmap.get()) == 0) {
      owned.reset(resolved);
      author = resolved;
    }
    record.author_time = author ? author->when.time : record.commit_time;
    const std::string email = lowercase(author && author->email ? author->email : "");
    const auto [it, added] = author_index.try_emplace(email, static_cast<std::uint32_t>(log.authors.size()));
    if (added) log.authors.push_back(email);
    record.author = it->second;

    const char* message = git_commit_message_raw(commit.get());
    const auto marks = classifier.classify(message ? std::string_view(message) : std::string_view());
    record.fix = marks.fix;
    record.security = marks.security;
    log.commits.push_back(record);
  }
  if (!log.commits.empty() && log.commits.back().id == head) log.head_commit_time = log.commits.back().commit_time;
  return log;
}

}  // namespace oxidize::history
