#include "supervisord/deployment/run_info.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "lib/util/file_ops.h"
#include "lib/util/strings.h"

namespace sn {

namespace {

constexpr size_t kMaxRunInfoBytes = 1024 * 1024;

// ConfigParser's reading: "key = value" or "key: value", keys in lower
// case, indented lines continue the value before them.
// nullopt when there is no such section.
std::optional<std::map<std::string, std::string>> section_values(const std::string& text, const std::string& wanted) {
  std::map<std::string, std::string> values;
  std::istringstream in(text);
  std::string line, section, last_key;
  bool found = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if ((line[0] == ' ' || line[0] == '\t') && !last_key.empty()) {
      if (section == wanted) values[last_key] += "\n" + std::string(t);
      continue;
    }
    if (t.front() == '[' && t.back() == ']') {
      section = std::string(t.substr(1, t.size() - 2));
      found = found || section == wanted;
      last_key.clear();
      continue;
    }
    size_t sep = t.find_first_of("=:");
    if (sep == std::string_view::npos) continue;
    last_key = to_lower(std::string(trim(t.substr(0, sep))));
    if (section == wanted) values[last_key] = std::string(trim(t.substr(sep + 1)));
  }
  if (!found) return std::nullopt;
  return values;
}

std::string config_value(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\n') out += "\n\t";
    else if (c != '\r') out += c;
  }
  return out;
}

}  // namespace

bool read_run_info(const std::string& path, std::optional<RunInfo>* info, std::string* error) {
  info->reset();
  // A job's own programs can write in its run dir: run.cfg may be anything.
  std::optional<std::string> text;
  if (!read_regular_file(path, kMaxRunInfoBytes, SymlinksOnTheWay::kFollowed, &text, error)) return false;
  if (!text) return true;
  auto v = section_values(*text, "run_info");
  if (!v) {
    *error = path + ": no [run_info] section";
    return false;
  }
  RunInfo& r = info->emplace();
  r.cleanup_token = (*v)["cleanup_token"];
  if (v->count("data_dir_indexes")) r.data_dir_indexes = (*v)["data_dir_indexes"];
  r.run_dir = (*v)["run_dir"];
  r.log_dir = (*v)["log_dir"];
  r.package_dir = (*v)["package_dir"];
  return true;
}

bool write_run_info(const std::string& path, const RunInfo& info, std::string* error) {
  std::string text = "[run_info]\n";
  text += "cleanup_token = " + config_value(info.cleanup_token) + "\n";
  text += "data_dir_indexes = " + config_value(info.data_dir_indexes) + "\n";
  text += "run_dir = " + config_value(info.run_dir) + "\n";
  text += "log_dir = " + config_value(info.log_dir) + "\n";
  text += "package_dir = " + config_value(info.package_dir) + "\n\n";
  return replace_file(path, text, 0644, error);
}

std::optional<std::vector<size_t>> parse_data_dir_indexes(const std::string& text, size_t count) {
  std::vector<size_t> out;
  for (const std::string& part : split(text, ',')) {
    std::string_view t = trim(part);
    if (t.empty() || t.size() > 6) return std::nullopt;
    size_t n = 0;
    for (char c : t) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    if (n >= count) return std::nullopt;
    out.push_back(n);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace sn
