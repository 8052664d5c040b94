// One try at delivering a mail, in a child process so crashmail's event
// loop keeps answering supervisord meanwhile: either a fork that talks
// SMTP through libcurl, or "/bin/sh -c <sendmail command>" reading the
// message on stdin. The child's pidfd says when it is done; what it wrote
// on stderr is the error. A child past its deadline is killed.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "crashmail/crashmail_options.h"
#include "crashmail/mail_message.h"
#include "lib/util/unique_fd.h"

namespace sn {

class SendAttempt {
 public:
  static SendAttempt over_smtp(const OutgoingMail& mail, const SmtpSettings& smtp, double deadline);
  static SendAttempt through_sendmail(const OutgoingMail& mail, const std::string& command, double deadline);

  SendAttempt(SendAttempt&&) = default;
  SendAttempt& operator=(SendAttempt&&) = delete;
  ~SendAttempt();

  int exit_fd() const { return pidfd_.get(); }      // readable when the child has exited
  int output_fd() const { return output_.get(); }   // the child's stderr
  double deadline() const { return deadline_; }
  void read_output();  // takes what the child wrote so far (call when output_fd is readable)
  void kill();         // the deadline passed
  // After exit_fd is readable: reaps the child. "" when the mail went out,
  // else what went wrong.
  std::string finish();

 private:
  // Forks a child with `stdin_fd` (or /dev/null) as stdin, /dev/null as
  // stdout (never supervisord's event channel) and a pipe as stderr, which
  // runs `body` and exits with its status.
  static SendAttempt start(const std::function<int()>& body, int stdin_fd, double deadline, std::string what);
  SendAttempt(pid_t pid, UniqueFd pidfd, UniqueFd output, double deadline, std::string what)
      : pid_(pid), pidfd_(std::move(pidfd)), output_(std::move(output)), deadline_(deadline), what_(std::move(what)) {}

  pid_t pid_;
  UniqueFd pidfd_;
  UniqueFd output_;
  double deadline_;
  std::string what_;  // "sendmail command '...'" for its errors
  std::string text_;
  bool killed_ = false;
  bool reaped_ = false;
};

}  // namespace sn
