#include "supervisor-deploy/deploy_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>

#include "lib/util/unique_fd.h"

namespace sn {

namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  const DeployGroup* group;
  const DeployHost* host;
};

struct Running {
  Job job;
  pid_t pid;
  UniqueFd from_child;
  std::string text;
  Clock::time_point started;
};

std::string host_text(const DeployHost& h) {
  return (h.address.find(':') != std::string::npos ? "[" + h.address + "]" : h.address) + ":" + std::to_string(h.port);
}

// The child's answer: one kind letter, then the message.
void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

Running start(const Job& job, const DeployOptions& options) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    read_end.reset();
    HostOutcome outcome = deploy_host(*job.group, *job.host, options);
    char kind = outcome.kind == HostOutcome::Kind::kInstalled   ? 'I'
                : outcome.kind == HostOutcome::Kind::kUnchanged ? 'U'
                                                                : 'F';
    write_all(write_end.get(), std::string(1, kind) + outcome.message);
    ::_exit(0);
  }
  return Running{job, pid, std::move(read_end), "", Clock::now()};
}

HostReport finish(Running& r) {
  int status = 0;
  while (::waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
  }
  HostReport report{
      host_text(*r.job.host), r.job.group->name, {}, std::chrono::duration<double>(Clock::now() - r.started).count()};
  if (r.text.empty()) {
    report.outcome = {HostOutcome::Kind::kFailed, WIFSIGNALED(status) ? "the deploying process was killed by signal " +
                                                                            std::to_string(WTERMSIG(status))
                                                                      : "the deploying process ended without a result"};
  } else {
    char kind = r.text[0];
    report.outcome.kind = kind == 'I'   ? HostOutcome::Kind::kInstalled
                          : kind == 'U' ? HostOutcome::Kind::kUnchanged
                                        : HostOutcome::Kind::kFailed;
    report.outcome.message = r.text.substr(1);
  }
  return report;
}

}  // namespace

const char* outcome_word(HostOutcome::Kind kind) {
  switch (kind) {
    case HostOutcome::Kind::kInstalled: return "installed";
    case HostOutcome::Kind::kUnchanged: return "unchanged";
    default: return "FAILED";
  }
}

std::vector<HostReport> run_deployments(const std::vector<DeployGroup>& groups, const DeployOptions& options,
                                        int parallel, const std::function<void(const HostReport&)>& on_done) {
  std::deque<Job> queue;
  for (const DeployGroup& g : groups)
    for (const DeployHost& h : g.hosts) queue.push_back({&g, &h});
  std::vector<HostReport> reports;
  std::vector<Running> running;
  std::fflush(nullptr);  // nothing buffered may be written twice by the children
  while (!queue.empty() || !running.empty()) {
    while (!queue.empty() && static_cast<int>(running.size()) < parallel) {
      running.push_back(start(queue.front(), options));
      queue.pop_front();
    }
    std::vector<pollfd> fds;
    for (const Running& r : running) fds.push_back({r.from_child.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    for (size_t i = fds.size(); i-- > 0;) {
      if (!fds[i].revents) continue;
      char buf[4096];
      ssize_t n = ::read(running[i].from_child.get(), buf, sizeof buf);
      if (n > 0) {
        running[i].text.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      HostReport report = finish(running[i]);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      on_done(report);
      reports.push_back(std::move(report));
    }
  }
  return reports;
}

std::string format_report_table(const std::vector<HostReport>& reports) {
  size_t host_w = 4, group_w = 5;
  for (const auto& r : reports) {
    host_w = std::max(host_w, r.host.size());
    group_w = std::max(group_w, r.group.size());
  }
  auto pad = [](std::string s, size_t w) { return s.size() < w ? s + std::string(w - s.size(), ' ') : s; };
  std::string out = pad("HOST", host_w) + "  " + pad("GROUP", group_w) + "  RESULT     TIME     ERROR\n";
  for (const auto& r : reports) {
    char time[32];
    std::snprintf(time, sizeof time, "%.1fs", r.seconds);
    std::string error = r.outcome.kind == HostOutcome::Kind::kFailed ? r.outcome.message : "";
    out += pad(r.host, host_w) + "  " + pad(r.group, group_w) + "  " + pad(outcome_word(r.outcome.kind), 9) + "  " +
           pad(time, 7) + "  " + error + "\n";
  }
  return out;
}

}  // namespace sn
