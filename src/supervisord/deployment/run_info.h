// A job's run.cfg: the [run_info] section bootstrap writes (cleanup token,
// chosen data dirs, paths), in the ConfigParser format Minos' Python
// wrote and read, so run dirs carry over between the two.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sn {

struct RunInfo {
  std::string cleanup_token;
  std::string data_dir_indexes = "0";
  std::string run_dir;
  std::string log_dir;
  std::string package_dir;
};

// Sets *info, to nullopt when the file does not exist; false when it cannot
// be read or has no [run_info] section.
bool read_run_info(const std::string& path, std::optional<RunInfo>* info, std::string* error);
// Written to a temporary file and renamed over `path`.
bool write_run_info(const std::string& path, const RunInfo& info, std::string* error);

// "0,2" -> {0, 2}; nullopt unless every index is a number below `count`.
std::optional<std::vector<size_t>> parse_data_dir_indexes(const std::string& text, size_t count);

}  // namespace sn
