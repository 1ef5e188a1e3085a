#include "oxidize/discover/walker.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <variant>

namespace oxidize::discover {

std::string_view skip_key(Skip why) {
  switch (why) {
    case Skip::symlink: return "symlink_not_followed";
    case Skip::not_regular: return "not_regular_file";
    case Skip::unreadable_dir: return "unreadable_directory";
    case Skip::symlink_loop: return "symlink_loop";
    case Skip::dangling_symlink: return "dangling_symlink";
    case Skip::path_too_long: return "path_too_long";
    case Skip::not_source: return "not_source_file";
    case Skip::unreadable_file: return "unreadable_file";
    case Skip::vanished: return "vanished";
    case Skip::too_large: return "too_large";
    case Skip::binary: return "binary";
    case Skip::count_: break;
  }
  return "?";
}

Directory::Directory(DIR* dir, std::string rel, Exclusion exclusion, std::string exclusion_root)
    : dir_(dir), rel_(std::move(rel)), exclusion_(exclusion), exclusion_root_(std::move(exclusion_root)) {}
Directory::~Directory() { ::closedir(dir_); }
int Directory::fd() const { return ::dirfd(dir_); }

namespace {

// Files per task: small enough to balance the last directories across
// workers, large enough that the shared stack's lock is rarely contended.
constexpr std::size_t k_batch = 64;

struct DirTask {
  std::string rel;
  Exclusion exclusion;
  std::string exclusion_root;  // the vendored directory this one is under
  bool via_symlink;
};
struct FileEntry {
  std::string name;
  Language language;
};
struct FileBatch {
  std::shared_ptr<Directory> dir;
  std::vector<FileEntry> files;
};
using Task = std::variant<DirTask, FileBatch>;

bool is_vcs_dir(std::string_view name) {
  return name == ".git" || name == ".hg" || name == ".svn" || name == ".bzr";
}

// quilt's state directory (`.pc/` holding `.quilt_patches`): copies of files
// as they were before each patch, present in every unpacked Debian source
// package. Counting it would count those files once per patch.
bool is_quilt_state(int parent_fd, std::string_view name) {
  if (name != ".pc") return false;
  struct stat st {};
  return ::fstatat(parent_fd, ".pc/.quilt_patches", &st, AT_SYMLINK_NOFOLLOW) == 0;
}

std::string_view special_kind(unsigned char type) {
  switch (type) {
    case DT_FIFO: return "not a regular file (FIFO): not read";
    case DT_SOCK: return "not a regular file (socket): not read";
    case DT_CHR: return "not a regular file (character device): not read";
    case DT_BLK: return "not a regular file (block device): not read";
    default: return "not a regular file: not read";
  }
}

unsigned char type_from_mode(mode_t mode) {
  if (S_ISDIR(mode)) return DT_DIR;
  if (S_ISREG(mode)) return DT_REG;
  if (S_ISLNK(mode)) return DT_LNK;
  if (S_ISFIFO(mode)) return DT_FIFO;
  if (S_ISSOCK(mode)) return DT_SOCK;
  if (S_ISCHR(mode)) return DT_CHR;
  if (S_ISBLK(mode)) return DT_BLK;
  return DT_UNKNOWN;
}

class Walk {
 public:
  Walk(std::string root, const WalkOptions& options, const GitFilter* filter,
       const FileCallback& on_file, Problems& problems)
      : root_(std::move(root)), options_(options), filter_(filter), on_file_(on_file),
        problems_(problems) {}

  void run_directory() {
    push({DirTask{"", Exclusion::none, "", false}});
    const unsigned n = std::max(1u, options_.threads);
    std::vector<std::thread> threads;
    threads.reserve(n - 1);
    for (unsigned i = 1; i < n; ++i) threads.emplace_back([this, i] { work(i); });
    work(0);
    for (auto& t : threads) t.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::string full_path(std::string_view rel) const {
    if (rel.empty()) return root_;
    std::string path = root_;
    if (path.empty() || path.back() != '/') path += '/';
    path.append(rel);
    return path;
  }

  static std::string child_rel(std::string_view parent, std::string_view name) {
    std::string rel(parent);
    if (!rel.empty()) rel += '/';
    rel.append(name);
    return rel;
  }

  void push(std::vector<Task> tasks) {
    if (tasks.empty()) return;
    {
      const std::lock_guard lock(mutex_);
      pending_ += tasks.size();
      for (auto& t : tasks) stack_.push_back(std::move(t));
    }
    if (tasks.size() == 1) ready_.notify_one();
    else ready_.notify_all();
  }

  void work(unsigned worker) {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !stack_.empty() || pending_ == 0 || error_; });
        if (stack_.empty() || error_) return;
        task = std::move(stack_.back());
        stack_.pop_back();
      }
      try {
        if (auto* dir = std::get_if<DirTask>(&task)) list(*dir);
        else handle(worker, std::get<FileBatch>(task));
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex_);
        --pending_;
      }
      ready_.notify_all();
    }
  }

  void handle(unsigned worker, const FileBatch& batch) {
    for (const auto& f : batch.files) {
      const FoundFile found{*batch.dir, f.name, child_rel(batch.dir->rel(), f.name), f.language,
                            batch.dir->exclusion()};
      on_file_(worker, found);
    }
  }

  // Enters a directory at most once when symlinks are followed.
  bool first_visit(int fd) {
    if (!options_.follow_symlinks) return true;
    struct stat st {};
    if (::fstat(fd, &st) != 0) return true;
    const std::lock_guard lock(visited_mutex_);
    return visited_.emplace(st.st_dev, st.st_ino).second;
  }

  void list(const DirTask& task) {
    const std::string path = full_path(task.rel);
    const std::string& shown = task.rel.empty() ? root_ : task.rel;
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
    if (!task.via_symlink && !task.rel.empty()) flags |= O_NOFOLLOW;
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) {
      const int err = errno;
      if (err == ENAMETOOLONG)
        problems_.skipped(Skip::path_too_long, shown, "path too long to open", true);
      else if (err == ENOENT)
        problems_.skipped(Skip::vanished, shown, "directory vanished before it could be listed", true);
      else
        problems_.skipped(Skip::unreadable_dir, shown, std::string("cannot list directory: ") + std::strerror(err), true);
      return;
    }
    if (!first_visit(fd)) {
      ::close(fd);
      problems_.skipped(Skip::symlink_loop, shown,
                        "symlink to a directory already scanned (a loop or a duplicate): not entered", true);
      return;
    }
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
      ::close(fd);
      problems_.skipped(Skip::unreadable_dir, shown, "cannot list directory", true);
      return;
    }
    auto directory = std::make_shared<Directory>(dir, task.rel, task.exclusion, task.exclusion_root);
    std::vector<Task> tasks;
    FileBatch batch{directory, {}};
    for (;;) {
      errno = 0;
      const dirent* entry = ::readdir(dir);
      if (entry == nullptr) {
        if (errno != 0)
          problems_.skipped(Skip::unreadable_dir, shown,
                            std::string("listing stopped early: ") + std::strerror(errno), true);
        break;
      }
      const std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      unsigned char type = entry->d_type;
      if (type == DT_UNKNOWN) {
        struct stat st {};
        if (::fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // vanished
        type = type_from_mode(st.st_mode);
      }
      bool via_symlink = false;
      if (type == DT_LNK) {
        const std::string rel = child_rel(task.rel, name);
        if (filter_ != nullptr && !filter_->include_file(rel)) continue;
        if (!options_.follow_symlinks) {
          problems_.skipped(Skip::symlink, rel, "symbolic link not followed", false);
          continue;
        }
        struct stat st {};
        if (::fstatat(fd, entry->d_name, &st, 0) != 0) {
          const int err = errno;
          if (err == ELOOP)
            problems_.skipped(Skip::symlink_loop, rel, "symbolic link loop", true);
          else
            problems_.skipped(Skip::dangling_symlink, rel,
                              std::string("dangling symbolic link: ") + std::strerror(err), true);
          continue;
        }
        type = type_from_mode(st.st_mode);
        via_symlink = true;
      }
      if (type == DT_DIR) {
        if (is_vcs_dir(name) || is_quilt_state(fd, name)) continue;
        std::string rel = child_rel(task.rel, name);
        if (filter_ != nullptr && !filter_->descend_dir(rel)) continue;
        if (task.exclusion != Exclusion::none)
          tasks.emplace_back(DirTask{std::move(rel), task.exclusion, task.exclusion_root, via_symlink});
        else if (is_vendored_dir_name(name))
          tasks.emplace_back(DirTask{rel, Exclusion::vendored, rel, via_symlink});
        else
          tasks.emplace_back(DirTask{std::move(rel), Exclusion::none, "", via_symlink});
        continue;
      }
      const auto language = options_.languages.for_file_name(name);
      if (!language) continue;
      if (filter_ != nullptr && !filter_->include_file(child_rel(task.rel, name))) continue;
      if (type != DT_REG) {
        problems_.skipped(Skip::not_regular, child_rel(task.rel, name), special_kind(type), true);
        continue;
      }
      batch.files.push_back({std::string(name), *language});
      if (batch.files.size() == k_batch) {
        tasks.emplace_back(std::move(batch));
        batch = FileBatch{directory, {}};
      }
    }
    if (!batch.files.empty()) tasks.emplace_back(std::move(batch));
    push(std::move(tasks));
  }

  std::string root_;
  const WalkOptions& options_;
  const GitFilter* filter_;
  const FileCallback& on_file_;
  Problems& problems_;

  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<Task> stack_;
  std::size_t pending_ = 0;
  std::exception_ptr error_;

  std::mutex visited_mutex_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

void walk(const std::string& root, const WalkOptions& options, const GitFilter* filter,
          const FileCallback& on_file, Problems& problems) {
  struct stat st {};
  if (::stat(root.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    // A single file named on the command line: its directory, then the file.
    const auto slash = root.rfind('/');
    const std::string dir_path = slash == std::string::npos ? "." : root.substr(0, slash == 0 ? 1 : slash);
    const std::string name = slash == std::string::npos ? root : root.substr(slash + 1);
    const auto language = options.languages.for_file_name(name);
    if (!language) {
      problems.skipped(Skip::not_source, root, "not a C, C++ or Rust file (see --ext)", true);
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      problems.skipped(Skip::not_regular, root, "not a regular file: not read", true);
      return;
    }
    DIR* dir = ::opendir(dir_path.c_str());
    if (dir == nullptr) {
      problems.skipped(Skip::unreadable_dir, dir_path, std::string("cannot open directory: ") + std::strerror(errno), true);
      return;
    }
    const Directory handle(dir, "", Exclusion::none, "");
    on_file(0, FoundFile{handle, name, name, *language, Exclusion::none});
    return;
  }
  Walk(root, options, filter, on_file, problems).run_directory();
}

}  // namespace oxidize::discover
