// Filesystem steps of the deployment namespace, each quick and local
// (slow work, removing trees and unpacking, runs in child processes).
// Errors are std::runtime_error naming the path and errno's text.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace sn {

// mkdir -p.
// The last component of a path, and what comes before it.
std::string base_name(const std::string& path);
std::string dir_name(const std::string& path);

void make_dirs(const std::string& path, mode_t mode = 0755);
// True when `path` does not exist or is a directory with nothing in it.
bool dir_is_empty(const std::string& path);
bool path_exists(const std::string& path);   // stat() succeeds
bool link_exists(const std::string& path);   // lstat() succeeds
bool is_directory(const std::string& path);  // a real directory, not a symlink to one
// Writes `content` to a temporary file beside `path` and renames it over.
void replace_file(const std::string& path, const std::string& content, mode_t mode);
void append_file(const std::string& path, const std::string& content);
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
