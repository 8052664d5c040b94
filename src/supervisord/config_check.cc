// Tested by t/integration/test_config_check.py.
#include "supervisord/config_check.h"

#include <cstdio>

#include "lib/config/config_loader.h"

namespace sn {

int check_config(const CommandLine& cl) {
  std::string path = config_file_for(cl);
  ConfigCheck check = check_supervisord_config(path);
  if (check.config && check.error.empty()) {
    try {
      apply_command_line(cl, &*check.config);
    } catch (const UsageError& e) {
      check.error = e.what();
    }
  }
  for (const std::string& w : check.warnings) std::printf("WARN %s\n", w.c_str());
  if (!check.error.empty()) std::printf("ERROR %s\n", check.error.c_str());
  size_t n = check.warnings.size();
  std::string counted = std::to_string(n) + (n == 1 ? " warning" : " warnings");
  if (!check.error.empty()) {
    std::printf("%s: an error (and %s); supervisord would not start\n", path.c_str(), counted.c_str());
    return 2;
  }
  std::printf("%s: %s; supervisord would start\n", path.c_str(), n ? counted.c_str() : "no warnings");
  return n ? 1 : 0;
}

}  // namespace sn
