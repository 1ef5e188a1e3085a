#pragma once
// The commits a history is read from, oldest first, with what the facts need
// of each: times, the author after .mailmap, whether the message marks a fix,
// and how the walk treats it (docs/history.md, "Merges"):
//   - first-parent (the default): the chain of first parents from HEAD;
//     a merge stands for its whole branch, diffed against its first parent;
//   - no-merges: every commit reachable from HEAD except merges, as
//     `git log --no-merges` lists them. Line ages still follow the
//     first-parent chain (a line has one history only along it).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/history/message_patterns.hpp"
#include "oxidize/model/history.hpp"

struct git_repository;

namespace oxidize::history {

enum class Walk { first_parent, no_merges };

using ObjectId = std::array<unsigned char, 20>;

struct CommitRecord {
  ObjectId id{};
  model::GitTime author_time = 0;
  model::GitTime commit_time = 0;
  std::uint32_t author = 0;  // index into CommitLog::authors
  bool merge = false;        // more than one parent
  bool counted = false;      // counts in the change facts (the walk's commits)
  bool on_chain = false;     // on the first-parent chain: its diff moves the line ages
  bool fix = false;
  bool security = false;
};

struct CommitLog {
  std::vector<CommitRecord> commits;  // oldest first; parents before children
  std::vector<std::string> authors;   // e-mail addresses after .mailmap, lowercased
  ObjectId head{};
  model::GitTime head_commit_time = 0;
  bool shallow = false;
  Walk walk = Walk::first_parent;  // the walk made (no-merges falls back to first-parent when a commit is unreadable)
  std::vector<model::Warning> warnings;  // unreadable commits (the walk continues without them)
};

// Walks from `head`. An error only when nothing can be walked at all.
tl::expected<CommitLog, std::string> read_commit_log(git_repository* repo, const ObjectId& head, Walk walk,
                                                     const MessageClassifier& classifier);

std::string to_hex(const ObjectId& id);

}  // namespace oxidize::history
