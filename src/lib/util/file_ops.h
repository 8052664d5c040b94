// Quick local filesystem steps that never wait on a file (slow work,
// removing trees and unpacking, belongs in child processes).
// Errors are std::runtime_error naming the path and errno's text.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "lib/util/unique_fd.h"

namespace sn {

// The last component of a path, and what comes before it.
std::string base_name(const std::string& path);
std::string dir_name(const std::string& path);

// mkdir -p.
void make_dirs(const std::string& path, mode_t mode = 0755);
// True when `path` does not exist or is a directory with nothing in it.
bool dir_is_empty(const std::string& path);
bool path_exists(const std::string& path);   // stat() succeeds
bool link_exists(const std::string& path);   // lstat() succeeds
bool is_directory(const std::string& path);  // a real directory, not a symlink to one
// Writes `content` to a temporary file beside `path` and renames it over.
void replace_file(const std::string& path, const std::string& content, mode_t mode);
// Appends to a regular file (created if missing), as open_regular_file opens it.
void append_file(const std::string& path, const std::string& content);

// Whether open_regular_file may pass through symlinks before the last
// component (the last one is never followed).
enum class SymlinksOnTheWay { kFollowed, kRefused };
// Opens the regular file at `path` with open(2)'s `flags` (O_CREAT makes a
// regular file): a symlink as the last component is refused, and a FIFO,
// device, socket or directory too, without waiting on it or opening a
// device at all. Nothing in the daemon may block on a file.
UniqueFd open_regular_file(const std::string& path, int flags, SymlinksOnTheWay links, mode_t mode = 0644);
// The content of the regular file at `path` (opened as above), or nullopt
// when it does not exist; a file over `max_bytes` is an error.
std::optional<std::string> read_regular_file(const std::string& path, size_t max_bytes, SymlinksOnTheWay links);
// Points the symlink `link` at `target`, replacing what was there
// (atomically, through a temporary link and rename).
void relink(const std::string& link, const std::string& target);
// A second name for a file, put in place atomically.
void hard_link(const std::string& existing, const std::string& path);
std::string read_link(const std::string& link);
// The canonical path (realpath) of `path`, or of its deepest existing
// ancestor followed by the rest; "" when nothing of it exists.
std::string resolved_path(const std::string& path);
// True when `path`, resolved, is `root` or inside it (resolved too).
bool is_inside(const std::string& path, const std::string& root);

}  // namespace sn
