// statefile=: what an operator last did to each process, started or
// stopped it by hand, kept across supervisord restarts and reloads so that
// a program stopped by hand is not autostarted again until started by hand.
// Rewritten whole (temporary file and rename) a loop round after changes,
// so that stopping a thousand processes writes it once.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "lib/util/clock.h"
#include "lib/util/logger.h"
#include "lib/util/timer_queue.h"

namespace sn {

class OperatorStateFile {
 public:
  enum class Intent { kStarted, kStopped };

  // Reads `path` (missing: nothing remembered). A file that is not ours is
  // reported, ignored and never overwritten; our file with a bad line is
  // reported and the rest is used.
  OperatorStateFile(std::string path, const Clock& clock, TimerQueue& timers, Logger& logger);
  // Writes what is still unwritten.
  ~OperatorStateFile();
  OperatorStateFile(const OperatorStateFile&) = delete;
  OperatorStateFile& operator=(const OperatorStateFile&) = delete;

  std::optional<Intent> intent(const std::string& namespec) const;
  // autostart= unless an operator said otherwise.
  bool wants_autostart(const std::string& namespec, bool autostart) const;
  void remember(const std::string& namespec, Intent intent);
  // Writes now when something changed.
  void flush();

  static std::string render(const std::map<std::string, Intent>& intents);

 private:
  void load();

  std::string path_;
  const Clock& clock_;
  Logger& logger_;
  std::map<std::string, Intent> intents_;
  bool writable_ = true;  // false: the file there is not ours
  bool dirty_ = false;
  std::string last_error_;  // said once, not at every write
  Timer write_timer_;
};

}  // namespace sn
