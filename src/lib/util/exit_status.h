// How a child ended, decoded the way supervisor reports it.
#pragma once

#include <string>

namespace sn {

struct ExitStatus {
  bool signaled = false;
  int code = 0;    // exit code when !signaled
  int signal = 0;  // terminating signal when signaled
  bool core_dumped = false;

  static ExitStatus exited(int code) { return {false, code, 0, false}; }
  static ExitStatus killed(int sig, bool core = false) { return {true, 0, sig, core}; }

  // supervisor's exitstatus: the exit code, or -1 after a signal death.
  int supervisor_code() const { return signaled ? -1 : code; }
  // "exit status 3", "terminated by SIGKILL (core dumped)".
  std::string describe() const;
};

}  // namespace sn
