#include "supervisord/process/subprocess_pidfile.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sn {

namespace {

// The fork's laststart is an int taken just before fork(): the kernel's
// start time is within a second of it, give or take btime's rounding.
constexpr int64_t kLaststartSlackSeconds = 2;

std::optional<uint64_t> to_unsigned(std::string_view s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string format_subprocess_entries(const std::vector<SubprocessEntry>& entries) {
  std::string out;
  for (const SubprocessEntry& e : entries) {
    out += e.name + " " + std::to_string(e.pid) + " " + std::to_string(e.laststart);
    if (e.start_ticks) out += " " + std::to_string(*e.start_ticks);
    out += "\n";
  }
  return out;
}

std::vector<SubprocessEntry> parse_subprocess_entries(std::string_view text, int* bad_lines) {
  std::vector<SubprocessEntry> out;
  *bad_lines = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::vector<std::string_view> f = fields(line);
    if (f.empty()) continue;
    auto pid = f.size() >= 3 ? to_unsigned(f[1]) : std::nullopt;
    auto laststart = f.size() >= 3 ? to_unsigned(f[2]) : std::nullopt;
    auto ticks = f.size() == 4 ? to_unsigned(f[3]) : std::nullopt;
    if (!pid || *pid < 1 || *pid > 0x3fffffff || !laststart || f.size() > 4 || (f.size() == 4 && !ticks)) {
      ++*bad_lines;
      continue;
    }
    out.push_back({std::string(f[0]), static_cast<pid_t>(*pid), static_cast<int64_t>(*laststart), ticks});
  }
  return out;
}

std::optional<KernelProcess> parse_proc_stat(std::string_view stat) {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so
  // the fields are counted from the last ')'. starttime is field 22.
  size_t close = stat.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::vector<std::string_view> f = fields(stat.substr(close + 1));
  // f[0] is field 3 (state), so field 22 is f[19].
  if (f.size() < 20) return std::nullopt;
  auto ticks = to_unsigned(f[19]);
  if (!ticks) return std::nullopt;
  return KernelProcess{*ticks, f[0] == "Z" || f[0] == "X"};
}

std::optional<KernelProcess> read_kernel_process(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_proc_stat(ss.str());
}

std::optional<int64_t> boot_time() {
  std::ifstream in("/proc/stat");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("btime ", 0) == 0) {
      auto v = to_unsigned(fields(line).back());
      if (v) return static_cast<int64_t>(*v);
    }
  }
  return std::nullopt;
}

bool is_same_process(const SubprocessEntry& entry, uint64_t now_ticks, int64_t boot_seconds, long ticks_per_second) {
  if (entry.start_ticks) return *entry.start_ticks == now_ticks;
  if (ticks_per_second <= 0) return false;
  int64_t started = boot_seconds + static_cast<int64_t>(now_ticks / static_cast<uint64_t>(ticks_per_second));
  return std::llabs(started - entry.laststart) <= kLaststartSlackSeconds;
}

}  // namespace sn
