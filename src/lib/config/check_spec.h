// What "ready" and "healthy" mean for a program (ready=, healthcheck=):
// ours, not supervisor's. A probe is a TCP connect, an HTTP GET answered
// with 2xx, or a command that exits 0.
#pragma once

#include <string>
#include <string_view>

namespace sn {

struct Probe {
  enum class Kind { kNone, kTcp, kHttp, kCommand };
  Kind kind = Kind::kNone;
  std::string host;     // tcp, http
  int port = 0;         // tcp, http
  std::string path;     // http: "/..." with its query
  std::string command;  // command: run by /bin/sh -c
  std::string text;     // as written, for messages

  bool operator==(const Probe&) const = default;
};

// "tcp:HOST:PORT", "http://HOST:PORT/PATH", "command:SHELL COMMAND".
// Throws ValueError.
Probe parse_probe(std::string_view v);

struct ReadyCheck {
  enum class Kind {
    kStartsecs,  // supervisor's: up for startsecs
    kNotify,     // READY=1 on its NOTIFY_SOCKET
    kFd,         // a newline written to descriptor `fd`
    kProbe,      // `probe` succeeds
  };
  Kind kind = Kind::kStartsecs;
  int fd = -1;
  Probe probe;

  bool operator==(const ReadyCheck&) const = default;
};

// "startsecs", "notify", "fd:N" (N >= 3), or a probe. Throws ValueError.
ReadyCheck parse_ready_check(std::string_view v);

enum class HealthAction { kRestart, kStop, kNone };
HealthAction parse_health_action(std::string_view v);

// healthcheck= and its companions: Docker's HEALTHCHECK, run by the daemon.
struct HealthCheck {
  Probe probe;  // kind kNone: no health check
  int interval_secs = 30;
  int timeout_secs = 10;
  int retries = 3;
  int start_period_secs = 0;
  HealthAction action = HealthAction::kRestart;

  bool enabled() const { return probe.kind != Probe::Kind::kNone; }
  bool operator==(const HealthCheck&) const = default;
};

}  // namespace sn
