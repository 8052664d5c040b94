// Tested by t/integration/test_crashmail.py (SMTP against aiosmtpd, a
// sendmail command that records its input, one that fails, a server that
// never answers).
#include "crashmail/send_attempt.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "crashmail/smtp_delivery.h"

namespace sn {

namespace {

constexpr size_t kMaxErrorText = 4096;

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// The message as a file the sendmail command can read from the start.
UniqueFd message_file(std::string_view text) {
  UniqueFd fd(::memfd_create("crashmail-message", MFD_CLOEXEC));
  if (!fd) throw system_error("memfd_create");
  write_all(fd.get(), text);
  if (::lseek(fd.get(), 0, SEEK_SET) != 0) throw system_error("lseek");
  return fd;
}

}  // namespace

SendAttempt SendAttempt::start(const std::function<int()>& body, int stdin_fd, double deadline, std::string what) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw system_error("pipe2");
  UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  pid_t pid = ::fork();
  if (pid < 0) throw system_error("fork");
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    ::dup2(stdin_fd >= 0 ? stdin_fd : null_fd, 0);
    ::dup2(null_fd, 1);
    ::dup2(write_end.get(), 2);
    ::_exit(body());
  }
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  int pidfd_error = errno;
  CapturedChild child(pid, std::move(pidfd), std::move(read_end), kMaxErrorText, false);
  if (child.exit_fd() < 0) {
    errno = pidfd_error;
    throw system_error("pidfd_open");  // the child is killed and reaped on the way out
  }
  return SendAttempt(std::move(child), deadline, std::move(what));
}

SendAttempt SendAttempt::over_smtp(const OutgoingMail& mail, const SmtpSettings& smtp, double deadline) {
  auto body = [&]() {
    std::string error = deliver_over_smtp(mail, smtp);
    write_all(2, error);
    return error.empty() ? 0 : 1;
  };
  return start(body, -1, deadline, "");
}

SendAttempt SendAttempt::through_sendmail(const OutgoingMail& mail, const std::string& command, double deadline) {
  UniqueFd message = message_file(with_lf_line_ends(mail.text));
  auto body = [&]() {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    write_all(2, std::string("cannot run /bin/sh: ") + std::strerror(errno));
    return 127;
  };
  return start(body, message.get(), deadline, "sendmail command '" + command + "'");
}

void SendAttempt::kill() {
  if (killed_ || !child_.started()) return;
  killed_ = true;
  child_.kill();
}

std::string SendAttempt::finish() {
  std::optional<int> reaped = child_.reap();
  if (!reaped) return "lost track of the delivery process";
  int status = *reaped;
  std::string text = child_.output();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  if (killed_) return "gave up: no answer before the timeout" + (what_.empty() ? "" : " from " + what_);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  std::string error;
  if (!what_.empty()) {
    error = what_ + (WIFEXITED(status) ? " exited with status " + std::to_string(WEXITSTATUS(status))
                                       : " was killed by signal " + std::to_string(WTERMSIG(status)));
    if (!text.empty()) error += ": " + text;
  } else {
    error = text.empty() ? "the SMTP child failed without saying why" : text;
  }
  return error;
}

}  // namespace sn
