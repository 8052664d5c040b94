// Tested by t/integration/test_subprocpidfile.py (adoption, a pid reused by
// another process, stop and end of an adopted child).
#include "supervisord/process/adopted_child.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/util/file_ops.h"
#include "lib/util/read_file.h"
#include "supervisord/process/running_child.h"
#include "supervisord/process/subprocess_pidfile.h"

namespace sn {

AdoptedChild::AdoptedChild(EventLoop& loop, Process& process, pid_t pid, UniqueFd pidfd)
    : process_(process), pid_(pid), pidfd_(std::move(pidfd)) {
  // The fork counted an adopted child's end as exit status 0, so one
  // killed by a signal was "expected" and never restarted. Its status is
  // unknown: it counts as unexpected.
  watch_ = loop.watch(pidfd_.get(), EPOLLIN, [this](uint32_t) {
    Process& process = process_;
    process.on_exit(ExitStatus::unknown_of_adopted());  // destroys *this: nothing may follow
  });
}

int AdoptedChild::send_signal(int sig, SignalScope scope) { return signal_child(pid_, pidfd_.get(), sig, scope); }

namespace {

Process* find_by_namespec(const std::vector<Process*>& processes, const std::string& name) {
  for (Process* p : processes)
    if (p->namespec() == name) return p;
  return nullptr;
}

// The pid's pidfd if it still runs as the process the entry recorded. The
// check follows pidfd_open, so the pidfd cannot name a later process.
UniqueFd open_same_process(const SubprocessEntry& e, std::string* why) {
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, e.pid, 0)));
  if (!pidfd) {
    *why = errno == ESRCH ? "it is gone" : std::string("pidfd_open: ") + std::strerror(errno);
    return {};
  }
  std::optional<KernelProcess> now = read_kernel_process(e.pid);
  std::optional<int64_t> boot = boot_time();
  if (!now || now->zombie) {
    *why = "it is gone";
    return {};
  }
  if (!boot || !is_same_process(e, now->start_ticks, *boot, ::sysconf(_SC_CLK_TCK))) {
    *why = "the pid now belongs to another process";
    return {};
  }
  return pidfd;
}

}  // namespace

void adopt_children(const std::string& path, const std::vector<Process*>& processes, EventLoop& loop, Logger& logger) {
  int error = 0;
  std::optional<std::string> text = read_whole_file(path, &error);
  if (!text) {
    if (error != ENOENT) logger.warn("cannot read subprocpidfile " + path + ": " + std::strerror(error));
    return;  // nothing was left running
  }
  int bad_lines = 0;
  for (const SubprocessEntry& e : parse_subprocess_entries(*text, &bad_lines)) {
    std::string what = "pid " + std::to_string(e.pid) + " of " + e.name;
    Process* process = find_by_namespec(processes, e.name);
    if (!process) {
      logger.warn("not resuming " + what + ": no such process in the configuration");
      continue;
    }
    if (process->child()) continue;
    std::string why;
    UniqueFd pidfd = open_same_process(e, &why);
    if (!pidfd) {
      logger.info("not resuming " + what + ": " + why);
      continue;
    }
    process->adopt(std::make_unique<AdoptedChild>(loop, *process, e.pid, std::move(pidfd)),
                   static_cast<double>(e.laststart));
    logger.info("resumed: '" + process->name() + "' with pid " + std::to_string(e.pid));
  }
  if (bad_lines) logger.warn(path + ": " + std::to_string(bad_lines) + " unreadable line(s) ignored");
}

void save_children(const std::string& path, const std::vector<Process*>& processes, Logger& logger) {
  std::vector<SubprocessEntry> entries;
  for (Process* p : processes) {
    pid_t pid = p->pid();
    if (pid <= 0) continue;
    SubprocessEntry e{p->namespec(), pid, static_cast<int64_t>(p->start_time()), std::nullopt};
    if (auto k = read_kernel_process(pid)) e.start_ticks = k->start_ticks;
    entries.push_back(std::move(e));
  }
  std::string error;
  if (!replace_file(path, format_subprocess_entries(entries), 0644, &error))
    logger.error("cannot write subprocpidfile: " + error);
}

}  // namespace sn
