#include "supervisord/output/auto_child_logs.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "lib/util/strings.h"

namespace sn {

AutoChildLog create_auto_child_log(const std::string& childlogdir, const std::string& process_name,
                                   const std::string& channel, const std::string& identifier, std::string* error) {
  std::string path = childlogdir + "/" + process_name + "-" + channel + "---" + identifier + "-XXXXXX.log";
  UniqueFd fd(::mkostemps(path.data(), 4, O_CLOEXEC | O_APPEND));
  if (!fd) {
    *error = "could not create an AUTO log file in " + childlogdir + ": " + std::strerror(errno);
    return {};
  }
  return {std::move(path), std::move(fd)};
}

bool is_auto_child_log_name(const std::string& name, const std::string& identifier) {
  std::string marker = "---" + identifier + "-";
  // The lazy ".+?" may stop at any occurrence of the marker after the first character.
  for (size_t at = name.find(marker, 1); at != std::string::npos; at = name.find(marker, at + 1)) {
    size_t rest = at + marker.size();
    // "\S+\.log": one or more non-space characters, then ".log" (backtracking
    // lets any later ".log" that follows only non-space characters match).
    for (size_t dot = name.find(".log", rest + 1); dot != std::string::npos; dot = name.find(".log", dot + 1)) {
      bool no_space = true;
      for (size_t i = rest; i < dot; ++i) no_space = no_space && !is_space(name[i]);
      if (no_space) return true;
    }
  }
  return false;
}

void clear_auto_child_logs(const std::string& childlogdir, const std::string& identifier, Logger& logger) {
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(childlogdir.c_str()), ::closedir);
  if (!dir) {
    logger.warn("Could not clear childlog dir");
    return;
  }
  while (dirent* entry = ::readdir(dir.get())) {
    std::string name = entry->d_name;
    if (!is_auto_child_log_name(name, identifier)) continue;
    std::string path = childlogdir + "/" + name;
    if (::unlink(path.c_str()) != 0) logger.warn("Failed to clean up " + py_repr(path));
  }
}

}  // namespace sn
