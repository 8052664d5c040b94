// Creates the OS process for a Process: resolves the command, opens the
// log files, makes the pipes, forks, and in the child sets up the process
// group, descriptors, user, directory and umask before execve. Failures in
// the parent become spawnerr; failures in the child are written to its
// stderr log and end it with status 127, as supervisor does.
#pragma once

#include <sys/resource.h>

#include <functional>
#include <optional>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "lib/util/syslog_socket.h"
#include "supervisord/output/file_watchers.h"
#include "supervisord/process/child_launch.h"
#include "supervisord/process/process.h"

namespace sn {

struct SpawnSettings {
  EnvironmentList inherited_environment;  // supervisord's environment at start
  std::string default_server_url;         // SUPERVISOR_SERVER_URL unless the program sets serverurl
  bool strip_ansi = false;
  FileWatchers* watchers = nullptr;    // /logtail readers of child logs
  SyslogSocket* syslog = nullptr;      // for channels with <channel>_syslog
  std::optional<rlimit> child_nofile;  // when the daemon raised its own beyond what programs get
};

class Spawner final : public ChildLauncher {
 public:
  Spawner(EventLoop& loop, Logger& logger, SpawnSettings settings)
      : loop_(loop), logger_(logger), settings_(std::move(settings)) {}

  // An event listener's stdout, a channel with events_enabled and a
  // channel's finished captures reach `output` besides the logs.
  SpawnResult spawn(Process& process, ChildOutputSink& output) override;
  const SpawnSettings& settings() const { return settings_; }
  std::string inherited_path() const;

 private:
  EventLoop& loop_;
  Logger& logger_;
  SpawnSettings settings_;
  LaunchPad launch_pad_;
};

}  // namespace sn
