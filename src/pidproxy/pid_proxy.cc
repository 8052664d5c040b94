// Tested by t/unit/pid_proxy_test.cc and t/integration/test_pidproxy.py.
#include "pidproxy/pid_proxy.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "lib/config/value_parsers.h"
#include "lib/util/read_file.h"
#include "lib/util/strings.h"
#include "lib/util/unique_fd.h"

extern char** environ;

namespace sn {
namespace {

constexpr int kPassedOn[] = {SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGQUIT};

bool ends_proxy(int sig) { return sig == SIGTERM || sig == SIGINT || sig == SIGQUIT; }

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kPassedOn) sigaddset(&set, sig);
  sigaddset(&set, SIGCHLD);
  return set;
}

// The child starts with the signal mask and dispositions pidproxy started with.
pid_t spawn(const PidProxyArgs& args, const sigset_t& original_mask, int* error) {
  std::vector<char*> argv;
  for (const std::string& a : args.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setsigmask(&attr, &original_mask);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  *error = ::posix_spawn(&pid, args.command.c_str(), nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  return *error ? 0 : pid;
}

enum class Passed { kSent, kNoPid, kFailed };

// Passes `sig` on to the pidfile's pid. With no pid to send it to, it is
// said and dropped; a kill that fails is fatal (supervisor's pidproxy dies
// of the exception).
Passed pass_on(const PidProxyArgs& args, int sig) {
  int error = 0;
  std::optional<std::string> text = read_whole_file(args.pidfile, &error);
  std::optional<pid_t> pid = text ? parse_pid_text(*text) : std::nullopt;
  if (!pid) {
    std::printf("Can't read child pidfile %s!\n", args.pidfile.c_str());
    std::fflush(stdout);
    return Passed::kNoPid;
  }
  if (::kill(*pid, sig) != 0) {
    std::fprintf(stderr, "pidproxy: cannot send signal %d to pid %d (from %s): %s\n", sig, static_cast<int>(*pid),
                 args.pidfile.c_str(), std::strerror(errno));
    return Passed::kFailed;
  }
  return Passed::kSent;
}

}  // namespace

std::optional<PidProxyArgs> parse_pid_proxy_args(const std::vector<std::string>& args, const std::string& cwd) {
  if (args.size() < 3) return std::nullopt;
  PidProxyArgs out;
  out.pidfile = args[1];
  out.argv.assign(args.begin() + 2, args.end());
  out.command = normalize_path_from(out.argv[0], cwd);
  return out;
}

std::optional<pid_t> parse_pid_text(std::string_view text) {
  std::string_view digits = trim(text);
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  pid_t pid = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    pid = pid * 10 + (c - '0');
  }
  if (pid <= 0) return std::nullopt;
  return pid;
}

std::string pid_proxy_usage(const std::string& program) {
  return "pidproxy -- run command and proxy signals to it via its pidfile.\n\n"
         "This executable runs a command and then monitors a pidfile.  When this\n"
         "executable receives a signal, it sends the same signal to the pid\n"
         "in the pidfile.\n\n"
         "Usage: " +
         program + " <pidfile name> <command> [<cmdarg1> ...]\n\n";
}

int run_pid_proxy(const PidProxyArgs& args) {
  sigset_t handled = handled_signals(), original;
  ::sigprocmask(SIG_BLOCK, &handled, &original);
  UniqueFd signals(::signalfd(-1, &handled, SFD_CLOEXEC));
  if (!signals) {
    std::fprintf(stderr, "pidproxy: signalfd: %s\n", std::strerror(errno));
    return 1;
  }
  int error = 0;
  pid_t child = spawn(args, original, &error);
  if (!child) {
    std::fprintf(stderr, "pidproxy: cannot run %s: %s\n", args.command.c_str(), std::strerror(error));
    return 127;
  }
  for (;;) {
    signalfd_siginfo info;
    ssize_t n = ::read(signals.get(), &info, sizeof info);
    if (n != static_cast<ssize_t>(sizeof info)) {
      if (n < 0 && errno == EINTR) continue;
      std::fprintf(stderr, "pidproxy: reading signals: %s\n", std::strerror(errno));
      return 1;
    }
    int sig = static_cast<int>(info.ssi_signo);
    if (sig == SIGCHLD) {
      // supervisor's pidproxy ends, with status 0, when its child does.
      int status = 0;
      if (::waitpid(child, &status, WNOHANG) == child) return 0;
      continue;
    }
    Passed passed = pass_on(args, sig);
    if (passed == Passed::kFailed) return 1;
    if (passed == Passed::kSent && ends_proxy(sig)) return 0;
  }
}

}  // namespace sn
