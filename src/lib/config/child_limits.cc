// Tested by t/unit/child_limits_test.cc.
#include "lib/config/child_limits.h"

#include <algorithm>

#include "lib/config/value_parsers.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr int kMaxCpu = 8191;  // what a fixed cpu_set_t of 1024 bytes holds

rlim_t parse_one_limit(std::string_view text, std::string_view whole) {
  std::string lower = to_lower(trim(text));
  if (lower == "infinity" || lower == "unlimited") return RLIM_INFINITY;
  int64_t n = -1;
  try {
    n = parse_byte_size(lower);
  } catch (const ValueError&) {
  }
  if (n < 0)
    throw ValueError("expected SOFT[:HARD], each a number (KB, MB, GB allowed) or infinity, got " +
                     py_repr(std::string(trim(whole))));
  return static_cast<rlim_t>(n);
}

int parse_cpu(std::string_view text, std::string_view whole) {
  int n = -1;
  try {
    n = parse_int32(text);
  } catch (const ValueError&) {
  }
  if (n < 0 || n > kMaxCpu)
    throw ValueError("expected CPU numbers (0 to " + std::to_string(kMaxCpu) + ") and ranges like 2-5, got " +
                     py_repr(std::string(trim(whole))));
  return n;
}

}  // namespace

const std::vector<ResourceLimitKey>& resource_limit_keys() {
  static const std::vector<ResourceLimitKey> keys{{"rlimit_nofile", RLIMIT_NOFILE},
                                                  {"rlimit_core", RLIMIT_CORE},
                                                  {"rlimit_nproc", RLIMIT_NPROC},
                                                  {"rlimit_as", RLIMIT_AS},
                                                  {"rlimit_memlock", RLIMIT_MEMLOCK}};
  return keys;
}

void parse_resource_limit(std::string_view v, rlim_t* soft, rlim_t* hard) {
  size_t colon = v.find(':');
  *soft = parse_one_limit(v.substr(0, colon), v);
  *hard = colon == std::string_view::npos ? *soft : parse_one_limit(v.substr(colon + 1), v);
  if (*soft > *hard) throw ValueError("the soft limit is above the hard one in " + py_repr(std::string(trim(v))));
}

std::vector<int> parse_cpu_list(std::string_view v) {
  std::vector<int> cpus;
  std::string text(v);
  std::replace(text.begin(), text.end(), ',', ' ');
  for (std::string_view token : split_whitespace(text)) {
    size_t dash = token.find('-');
    int first = parse_cpu(token.substr(0, dash), v);
    int last = dash == std::string_view::npos ? first : parse_cpu(token.substr(dash + 1), v);
    if (last < first) throw ValueError("a CPU range goes up, got " + py_repr(std::string(token)));
    for (int c = first; c <= last; ++c) cpus.push_back(c);
  }
  if (cpus.empty()) throw ValueError("expected at least one CPU number");
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  return cpus;
}

std::string limit_text(rlim_t value) { return value == RLIM_INFINITY ? "infinity" : std::to_string(value); }

}  // namespace sn
