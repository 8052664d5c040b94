#include "lib/util/signals.h"

#include <array>

#include "lib/util/strings.h"

namespace sn {
namespace {

struct SignalEntry {
  const char* name;
  int number;
};

// Names accepted on input; the first entry for a number is its printed name.
constexpr std::array<SignalEntry, 37> kSignals{{
    {"SIGHUP", 1},   {"SIGINT", 2},   {"SIGQUIT", 3},  {"SIGILL", 4},     {"SIGTRAP", 5},    {"SIGABRT", 6},
    {"SIGIOT", 6},   {"SIGBUS", 7},   {"SIGFPE", 8},   {"SIGKILL", 9},    {"SIGUSR1", 10},   {"SIGSEGV", 11},
    {"SIGUSR2", 12}, {"SIGPIPE", 13}, {"SIGALRM", 14}, {"SIGTERM", 15},   {"SIGSTKFLT", 16}, {"SIGCHLD", 17},
    {"SIGCLD", 17},  {"SIGCONT", 18}, {"SIGSTOP", 19}, {"SIGTSTP", 20},   {"SIGTTIN", 21},   {"SIGTTOU", 22},
    {"SIGURG", 23},  {"SIGXCPU", 24}, {"SIGXFSZ", 25}, {"SIGVTALRM", 26}, {"SIGPROF", 27},   {"SIGWINCH", 28},
    {"SIGPOLL", 29}, {"SIGIO", 29},   {"SIGPWR", 30},  {"SIGSYS", 31},    {"SIGRTMIN", 34},  {"SIGRTMAX", 64},
    {"SIG_DFL", 0},
}};

bool known_number(int n) {
  for (const auto& e : kSignals)
    if (e.number == n) return true;
  return false;
}

}  // namespace

std::string signal_name(int sig) {
  if (sig != 0)
    for (const auto& e : kSignals)
      if (e.number == sig) return e.name;
  return "signal " + std::to_string(sig);
}

std::optional<int> parse_signal(std::string_view text) {
  if (auto n = parse_python_int(text)) {
    if (*n < 0 || *n > 64 || !known_number(static_cast<int>(*n))) return std::nullopt;
    return static_cast<int>(*n);
  }
  std::string name = to_upper(trim(text));
  if (name.rfind("SIG", 0) != 0) name = "SIG" + name;
  for (const auto& e : kSignals)
    if (name == e.name) return e.number;
  return std::nullopt;
}

}  // namespace sn
