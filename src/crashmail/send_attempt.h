// One try at delivering a mail, in a child process so crashmail's event
// loop keeps answering supervisord meanwhile: either a fork that talks
// SMTP through libcurl, or "/bin/sh -c <sendmail command>" reading the
// message on stdin. The child's pidfd says when it is done; what it wrote
// on stderr is the error. A child past its deadline is killed.
#pragma once

#include <functional>
#include <string>

#include "crashmail/crashmail_options.h"
#include "crashmail/mail_message.h"
#include "lib/util/captured_child.h"

namespace sn {

class SendAttempt {
 public:
  static SendAttempt over_smtp(const OutgoingMail& mail, const SmtpSettings& smtp, double deadline);
  static SendAttempt through_sendmail(const OutgoingMail& mail, const std::string& command, double deadline);

  SendAttempt(SendAttempt&&) = default;
  SendAttempt& operator=(SendAttempt&&) = delete;
  ~SendAttempt() = default;  // an unfinished child is killed and reaped

  int exit_fd() const { return child_.exit_fd(); }      // readable when the child has exited
  int output_fd() const { return child_.output_fd(); }  // the child's stderr
  double deadline() const { return deadline_; }
  void read_output() { child_.read_output(); }  // call when output_fd is readable
  void kill();                                  // the deadline passed
  // After exit_fd is readable: reaps the child. "" when the mail went out,
  // else what went wrong.
  std::string finish();

 private:
  // Forks a child with `stdin_fd` (or /dev/null) as stdin, /dev/null as
  // stdout (never supervisord's event channel) and a pipe as stderr, which
  // runs `body` and exits with its status.
  static SendAttempt start(const std::function<int()>& body, int stdin_fd, double deadline, std::string what);
  SendAttempt(CapturedChild child, double deadline, std::string what)
      : child_(std::move(child)), deadline_(deadline), what_(std::move(what)) {}

  CapturedChild child_;
  double deadline_;
  std::string what_;  // "sendmail command '...'" for its errors
  bool killed_ = false;
};

}  // namespace sn
