// Quick local filesystem steps that never wait on a file (slow work,
// removing trees and unpacking, belongs in child processes).
// A step that can fail returns false (or an empty handle) and puts why in
// *error: the path and errno's text.
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
bool make_dirs(const std::string& path, std::string* error, mode_t mode = 0755);
// Sets *empty when `path` does not exist or is a directory with nothing in it.
bool dir_is_empty(const std::string& path, bool* empty, std::string* error);
bool path_exists(const std::string& path);   // stat() succeeds
bool link_exists(const std::string& path);   // lstat() succeeds
bool is_directory(const std::string& path);  // a real directory, not a symlink to one
// Writes `content` to a temporary file beside `path` and renames it over.
bool replace_file(const std::string& path, const std::string& content, mode_t mode, std::string* error);
// Appends to a regular file (created if missing), as open_regular_file opens it.
bool append_file(const std::string& path, const std::string& content, std::string* error);

// Whether open_regular_file may pass through symlinks before the last
// component (the last one is never followed).
enum class SymlinksOnTheWay { kFollowed, kRefused };
// Opens the regular file at `path` with open(2)'s `flags` (O_CREAT makes a
// regular file): a symlink as the last component is refused, and a FIFO,
// device, socket or directory too, without waiting on it or opening a
// device at all. Nothing in the daemon may block on a file.
UniqueFd open_regular_file(const std::string& path, int flags, SymlinksOnTheWay links, std::string* error,
                           mode_t mode = 0644);
// Sets *content to the content of the regular file at `path` (opened as
// above), or to nullopt when it does not exist; a file over `max_bytes` is
// an error.
bool read_regular_file(const std::string& path, size_t max_bytes, SymlinksOnTheWay links,
                       std::optional<std::string>* content, std::string* error);
// Points the symlink `link` at `target`, replacing what was there
// (atomically, through a temporary link and rename).
bool relink(const std::string& link, const std::string& target, std::string* error);
// A second name for a file, put in place atomically.
bool hard_link(const std::string& existing, const std::string& path, std::string* error);
bool read_link(const std::string& link, std::string* target, std::string* error);
// The canonical path (realpath) of `path`, or of its deepest existing
// ancestor followed by the rest; "" when nothing of it exists.
std::string resolved_path(const std::string& path);
// True when `path`, resolved, is `root` or inside it (resolved too).
bool is_inside(const std::string& path, const std::string& root);

}  // namespace sn
