// Tested by t/integration/test_crashmail.py: the real program under our
// supervisord (and Python's), with a real SMTP server.
#include "crashmail/crashmail_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "crashmail/alert_mail.h"
#include "crashmail/alert_recipients.h"

namespace sn {

namespace {

// On SIGTERM or end of input, mail still queued gets this long to go out
// (supervisord's default stopwaitsecs is 10 s before SIGKILL).
constexpr double kDrainSeconds = 5.0;

double clock_seconds(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void say(const std::string& line) {
  std::string text = line + "\n";
  (void)!::write(2, text.data(), text.size());
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

// The address Minos put in its mails: gethostbyname(gethostname()).
std::string local_ipv4(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found) return host;
  char text[INET_ADDRSTRLEN] = "";
  ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr, text, sizeof text);
  ::freeaddrinfo(found);
  return text[0] ? text : host;
}

int poll_timeout_ms(std::optional<double> until, double now) {
  if (!until) return -1;
  double ms = std::ceil((*until - now) * 1000.0);
  if (ms < 0) return 0;
  return ms > 3'600'000 ? 3'600'000 : static_cast<int>(ms);
}

}  // namespace

CrashmailListener::CrashmailListener(CrashmailOptions options, std::string host)
    : options_(std::move(options)),
      host_(std::move(host)),
      from_(options_.from.empty() ? "crashmail@" + host_ : options_.from),
      selection_{options_.programs, options_.any},
      outbox_(options_.retry_seconds),
      batch_window_(options_.tick_event, options_.tick_seconds, options_.interval_minutes) {
  if (options_.minos_port) minos_url_ = "http://" + local_ipv4(host_) + ":" + std::to_string(*options_.minos_port);
}

double CrashmailListener::now() const { return clock_seconds(CLOCK_MONOTONIC); }
double CrashmailListener::wall_now() const { return clock_seconds(CLOCK_REALTIME); }

void CrashmailListener::send_to_supervisord(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(1, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      stopping_ = true;  // supervisord is gone
      return;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
}

void CrashmailListener::handle(const ListenerEvent& event) {
  const std::string& name = event.name();
  if (auto alert = crash_alert_from(event, selection_, wall_now())) {
    if (options_.minos_port) {
      say(minos_line(*alert, minos_url_));
      add_cluster_recipients(alert->group);
      batch_.push_back(std::move(*alert));
    } else if (options_.batch) {
      say(crashmailbatch_line(*alert));
      batch_.push_back(std::move(*alert));
    } else {
      say("unexpected exit of " + alert->group + ":" + alert->process + " (pid " + alert->pid + "), mailing " +
          join(options_.to));
      size_t dropped = outbox_.add(crash_mail(*alert, options_, from_, host_));
      if (dropped) say("crashmail: backlog full, dropped the oldest " + std::to_string(dropped) + " unsent alert(s)");
    }
  } else if (name.starts_with("TICK_")) {
    if (options_.batch && batch_window_.tick(name)) flush_batch();
    outbox_.retry_now();
  }
}

// Minos kept only the last crashing cluster's recipients for a whole
// batch; every cluster in the batch hears of it here.
void CrashmailListener::add_cluster_recipients(const std::string& group) {
  std::string error;
  for (std::string& address : cluster_recipients(options_.alert_config, group, &error))
    if (std::find(batch_extra_to_.begin(), batch_extra_to_.end(), address) == batch_extra_to_.end())
      batch_extra_to_.push_back(std::move(address));
  if (!error.empty()) say("crashmail: " + error + " (no extra recipients for " + group + ")");
}

void CrashmailListener::flush_batch() {
  if (batch_.empty()) return;
  OutgoingMail mail;
  if (options_.minos_port) {
    std::vector<std::string> lines;
    for (const CrashAlert& alert : batch_) lines.push_back(minos_line(alert, minos_url_));
    mail = minos_batch_mail(lines, options_, batch_extra_to_, host_, wall_now());
    batch_extra_to_.clear();
  } else {
    mail = batch_mail(batch_, options_, host_, wall_now());
  }
  size_t dropped = outbox_.add(std::move(mail));
  if (dropped) say("crashmail: backlog full, dropped the oldest " + std::to_string(dropped) + " unsent alert(s)");
  batch_.clear();
}

void CrashmailListener::read_events() {
  char buf[65536];
  ssize_t n = ::read(0, buf, sizeof buf);
  if (n < 0) {
    if (errno == EINTR || errno == EAGAIN) return;
    say(std::string("crashmail: reading events: ") + std::strerror(errno));
    input_open_ = false;
    stopping_ = true;
    return;
  }
  if (n == 0) {
    input_open_ = false;
    stopping_ = true;
    return;
  }
  std::vector<ListenerEvent> events;
  std::string error;
  if (!reader_.feed(std::string_view(buf, static_cast<size_t>(n)), &events, &error)) {
    say("crashmail: not the event listener protocol: " + error);
    input_open_ = false;
    stopping_ = true;
    exit_status_ = 1;
    return;
  }
  for (const auto& event : events) {
    handle(event);
    send_to_supervisord(kListenerOk);
    send_to_supervisord(kListenerReady);
  }
}

void CrashmailListener::start_due_delivery() {
  if (attempt_ || !outbox_.due(now())) return;
  const OutgoingMail& mail = outbox_.begin_sending();
  // libcurl keeps its own timeout; the kill is the backstop.
  double deadline = now() + options_.smtp.timeout_seconds + (options_.use_sendmail ? 0 : 5);
  try {
    if (options_.use_sendmail)
      attempt_.emplace(SendAttempt::through_sendmail(mail, options_.sendmail_command, deadline));
    else attempt_.emplace(SendAttempt::over_smtp(mail, options_.smtp, deadline));
  } catch (const std::exception& e) {
    say(std::string("Error sending email: ") + e.what());
    outbox_.failed(now());
  }
}

void CrashmailListener::delivery_finished() {
  std::string error = attempt_->finish();
  attempt_.reset();
  if (error.empty()) {
    const OutgoingMail& mail = outbox_.oldest();
    say("Mailed " + std::to_string(mail.alerts) + " alert(s) to " + join(mail.to) + ": " + mail.subject);
    outbox_.sent();
    return;
  }
  outbox_.failed(now());
  say("Error sending email: " + error + " (" + std::to_string(outbox_.alerts()) + " alert(s) kept; trying again in " +
      std::to_string(options_.retry_seconds) + " s or at the next TICK)");
}

int CrashmailListener::run() {
  sigset_t mask;
  sigemptyset(&mask);
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) sigaddset(&mask, sig);
  ::sigprocmask(SIG_BLOCK, &mask, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  signals_.reset(::signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK));
  ::fcntl(0, F_SETFL, ::fcntl(0, F_GETFL) | O_NONBLOCK);

  send_to_supervisord(kListenerReady);
  while (!stopping_) {
    std::vector<pollfd> fds{{signals_.get(), POLLIN, 0}, {input_open_ ? 0 : -1, POLLIN, 0}};
    if (attempt_) {
      fds.push_back({attempt_->exit_fd(), POLLIN, 0});
      fds.push_back({attempt_->output_fd(), POLLIN, 0});
    }
    std::optional<double> wake = attempt_ ? std::optional<double>(attempt_->deadline()) : outbox_.retry_at();
    int rc = ::poll(fds.data(), fds.size(), poll_timeout_ms(wake, now()));
    if (rc < 0 && errno != EINTR) {
      say(std::string("crashmail: poll: ") + std::strerror(errno));
      exit_status_ = 1;
      break;
    }
    if (fds[0].revents) stopping_ = true;
    if (fds[1].revents) read_events();
    if (attempt_) {
      if (fds[3].revents) attempt_->read_output();
      if (fds[2].revents) delivery_finished();
      else if (now() >= attempt_->deadline()) attempt_->kill();
    }
    start_due_delivery();
  }
  drain_before_exit();
  return exit_status_;
}

void CrashmailListener::drain_before_exit() {
  flush_batch();
  outbox_.retry_now();
  double give_up = now() + kDrainSeconds;
  while (now() < give_up && (attempt_ || outbox_.due(now()))) {
    start_due_delivery();
    if (!attempt_) break;
    std::vector<pollfd> fds{{attempt_->exit_fd(), POLLIN, 0}, {attempt_->output_fd(), POLLIN, 0}};
    double until = std::min(give_up, attempt_->deadline());
    ::poll(fds.data(), fds.size(), poll_timeout_ms(until, now()));
    if (fds[1].revents) attempt_->read_output();
    if (fds[0].revents) {
      bool failed_before = outbox_.retry_at().has_value();
      delivery_finished();
      if (!failed_before && outbox_.retry_at()) break;  // the server refuses: do not spin on it
    } else if (now() >= until) {
      attempt_->kill();
    }
  }
  if (!outbox_.empty()) say("crashmail: exiting with " + std::to_string(outbox_.alerts()) + " alert(s) not mailed");
}

}  // namespace sn
