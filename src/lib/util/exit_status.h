// How a child ended, decoded the way supervisor reports it.
#pragma once

#include <string>

namespace sn {

struct ExitStatus {
  bool signaled = false;
  int code = 0;    // exit code when !signaled
  int signal = 0;  // terminating signal when signaled
  bool core_dumped = false;
  // The end of a child this supervisord adopted: only its parent (init by
  // now) could learn how it ended.
  bool unknown = false;

  static ExitStatus exited(int code) { return {false, code, 0, false, false}; }
  static ExitStatus killed(int sig, bool core = false) { return {true, 0, sig, core, false}; }
  static ExitStatus unknown_of_adopted() { return {false, 0, 0, false, true}; }

  // supervisor's exitstatus: the exit code, or -1 after a signal death or
  // when it is unknown (so no exitcodes= value can call it expected).
  int supervisor_code() const { return signaled || unknown ? -1 : code; }
  // "exit status 3", "terminated by SIGKILL (core dumped)", "exit status unknown (adopted)".
  std::string describe() const;
};

}  // namespace sn
