#include "lib/config/config_search.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "lib/util/strings.h"

namespace sn {
namespace {

// os.path.dirname: everything before the last '/', "" when there is none.
std::string py_dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  std::string head = path.substr(0, slash + 1);
  while (head.size() > 1 && head.back() == '/') head.pop_back();
  return head;
}

std::string py_join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}

}  // namespace

std::vector<std::string> config_search_paths(const std::string& program_path) {
  std::string here = py_dirname(py_dirname(program_path));
  return {
      py_join(here, "etc/supervisord.conf"),
      py_join(here, "supervisord.conf"),
      "supervisord.conf",
      "etc/supervisord.conf",
      "/etc/supervisord.conf",
      "/etc/supervisor/supervisord.conf",
  };
}

std::optional<std::string> find_config_file(const std::string& program_path) {
  for (const std::string& path : config_search_paths(program_path)) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) return path;
  }
  return std::nullopt;
}

std::string program_path_from_argv0(const std::string& argv0) {
  if (argv0.find('/') != std::string::npos) return argv0;
  const char* path = std::getenv("PATH");
  for (const std::string& dir : split(path ? path : "", ':')) {
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + argv0;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return argv0;
}

}  // namespace sn
