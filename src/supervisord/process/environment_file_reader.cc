// Tested by t/unit/environment_file_reader_test.cc and t/integration/test_containment.py.
#include "supervisord/process/environment_file_reader.h"

#include <optional>

#include "lib/util/file_ops.h"

namespace sn {
namespace {

constexpr size_t kMaxBytes = 1024 * 1024;

}  // namespace

std::string read_environment_files(const std::vector<EnvironmentFileRef>& files, const std::string& program,
                                   Logger& logger, EnvironmentList* out) {
  out->clear();
  for (const EnvironmentFileRef& f : files) {
    std::optional<std::string> content;
    std::string error;
    if (!read_regular_file(f.path, kMaxBytes, SymlinksOnTheWay::kFollowed, &content, &error))
      return "environment_file of '" + program + "': " + error;
    if (!content) {
      if (f.optional) continue;
      return "environment_file " + f.path + " for '" + program + "' does not exist";
    }
    EnvironmentFileContent parsed = parse_environment_file(*content);
    for (const std::string& problem : parsed.problems) logger.warn("environment_file " + f.path + " " + problem);
    for (auto& kv : parsed.variables) out->push_back(std::move(kv));
  }
  return "";
}

}  // namespace sn
