// What "ready" means for a program (ready=): ours, not supervisor's. A probe is a TCP connect, an HTTP GET answered
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

}  // namespace sn
