// The typed model of supervisord.conf, with supervisor 4.2's defaults.
// Everything here is plain data: validated by the loader, compared on
// reload (reloadConfig's "changed"), read by the daemon and the clients.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/config/check_spec.h"
#include "lib/config/child_limits.h"
#include "lib/config/environment_file.h"
#include "lib/config/fcgi_socket.h"
#include "lib/config/restart_policy.h"
#include "lib/config/value_parsers.h"
#include "lib/util/log_level.h"

namespace sn {

using EnvironmentList = std::vector<std::pair<std::string, std::string>>;

// A child log destination: stdout_logfile / stderr_logfile.
struct LogTarget {
  enum class Kind { kNone, kAuto, kPath };
  Kind kind = Kind::kAuto;
  std::string path;  // for kPath

  bool operator==(const LogTarget&) const = default;
};

struct ChannelConfig {
  LogTarget logfile;
  int64_t logfile_maxbytes = 50 * 1024 * 1024;
  int logfile_backups = 10;
  int64_t capture_maxbytes = 0;
  bool events_enabled = false;
  bool syslog = false;
  TimestampStyle timestamps;  // <channel>_log_timestamps: ours, not supervisor's

  bool operator==(const ChannelConfig&) const = default;
};

// Who receives stop and kill signals. supervisor sends to the pid, or with
// stopasgroup/killasgroup to its process group.
enum class SignalScope { kProcess, kProcessGroup };

struct ProcessConfig {
  std::string name;          // process name (process_name expanded)
  std::string program_name;  // the section's name
  std::string section;       // "program:x" or "eventlistener:x"
  int process_num = 0;

  std::string command;
  std::optional<std::string> directory;
  std::optional<mode_t> umask;
  int priority = 999;
  bool autostart = true;
  AutoRestart autorestart = AutoRestart::kUnexpected;
  int startsecs = 1;
  int startretries = 3;  // kInfiniteRetries: never FATAL
  // Ours, not supervisor's: the delay between attempts, the cool-off after
  // FATAL (0: stays FATAL), what FATAL or a final exit does to supervisord.
  BackoffPolicy backoff;
  int fatal_retry_after = 0;
  FailureAction fatal_action;
  FailureAction exit_action;
  std::optional<uid_t> uid;
  std::string user;  // as written, for messages
  ChannelConfig stdout_channel;
  ChannelConfig stderr_channel;
  int stopsignal = 15;
  int stopwaitsecs = 10;
  bool stopasgroup = false;
  bool killasgroup = false;
  std::vector<int> exitcodes{0};
  bool redirect_stderr = false;
  EnvironmentList environment;           // [supervisord] environment merged under the program's
  std::optional<std::string> serverurl;  // nullopt: AUTO
  std::optional<std::string> http_url;   // the Minos fork's option: the web page links the name here
  bool event_listener = false;
  // Ours, not supervisor's: what must be ready before this starts
  // ("name", "group:*", "group:name"), what ready means, and health.
  std::vector<std::string> depends_on;
  ReadyCheck ready;
  int ready_timeout = 90;
  HealthCheck health;
  // Ours: limits set in the child before exec, and files of variables read
  // at each spawn (merged before environment=).
  ChildLimits limits;
  std::vector<EnvironmentFileRef> environment_files;

  SignalScope stop_scope() const { return stopasgroup ? SignalScope::kProcessGroup : SignalScope::kProcess; }
  SignalScope kill_scope() const { return killasgroup ? SignalScope::kProcessGroup : SignalScope::kProcess; }

  bool operator==(const ProcessConfig&) const = default;
};

struct GroupConfig {
  enum class Kind { kProgram, kHeterogeneous, kEventListenerPool };
  Kind kind = Kind::kProgram;
  std::string name;
  int priority = 999;
  std::vector<ProcessConfig> processes;  // sorted by (priority, name)
  // Event listener pools only.
  int buffer_size = 10;
  std::vector<std::string> events;  // upper-case event type names, sorted
  std::string result_handler;
  // [fcgi-program:x] only: the socket its processes get as fd 0.
  std::optional<FcgiSocketConfig> fcgi_socket;

  bool operator==(const GroupConfig&) const = default;
};

// One immutable copy shared by the last-read configuration and the active
// group built from it: with 1000 programs each copy costs a megabyte.
using SharedGroupConfig = std::shared_ptr<const GroupConfig>;

struct HttpServerConfig {
  enum class Family { kInet, kUnix };
  Family family = Family::kInet;
  std::string section;  // "inet_http_server", "unix_http_server:x"
  std::string host;     // inet; empty: all interfaces
  int port = 0;         // inet
  std::string file;     // unix: absolute socket path
  mode_t chmod = 0700;  // unix
  uid_t chown_uid = static_cast<uid_t>(-1);
  gid_t chown_gid = static_cast<gid_t>(-1);
  std::optional<std::string> username;
  std::optional<std::string> password;  // plain, or "{SHA}<hex sha1>"

  bool operator==(const HttpServerConfig&) const = default;
};

struct CtlConfig {
  std::string serverurl = "http://localhost:9001";
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::string prompt = "supervisor";
  std::optional<std::string> history_file;
};

struct RpcInterfaceConfig {
  std::string name;                                          // the namespace: [rpcinterface:<name>]
  std::string factory;                                       // supervisor.rpcinterface_factory
  std::vector<std::pair<std::string, std::string>> options;  // every other key
};

// [rpcinterface:deployment] with the Minos factory: where jobs live on
// this host and where their packages come from.
struct DeploymentConfig {
  std::string name_space = "deployment";    // the section's suffix
  std::string package_server;               // "http://10.2.201.24:8000"
  std::string download_package_uri;         // "packages"
  std::string get_latest_package_info_uri;  // "get_latest_package_info"
  std::string package_root = "/home/work/packages";
  std::string app_root = "/home/work/app";
  std::string log_root = "/home/work/log";
  std::vector<std::string> data_dirs{"/home/work/data"};
  int download_timeout = 30;  // seconds per package-server request
  int script_timeout = 600;   // seconds for bootstrap.sh / cleanup.sh

  bool operator==(const DeploymentConfig&) const = default;
};

struct SupervisordConfig {
  std::string config_file;  // absolute
  std::string here;         // its directory

  std::string logfile;  // absolute path, or "syslog"
  int64_t logfile_maxbytes = 50 * 1024 * 1024;
  int logfile_backups = 10;
  LogLevel loglevel = LogLevel::kInfo;
  std::string pidfile;  // absolute
  // The fork's subprocpidfile (absolute, "" = off): children outlive
  // supervisord and are adopted again at the next start.
  std::string subprocpidfile;
  mode_t umask = 022;
  bool nodaemon = false;
  bool silent = false;
  int64_t minfds = 1024;
  int64_t minprocs = 200;
  bool nocleanup = false;
  std::string childlogdir;
  std::optional<std::string> user;
  std::optional<std::string> directory;
  bool strip_ansi = false;
  EnvironmentList environment;
  std::string identifier = "supervisor";
  // Ours: where operator starts and stops are remembered ("" = nowhere),
  // and whether `update` restarts a changed group whole or member by member.
  std::string statefile;
  enum class UpdateRestarts { kGroup, kChanged };
  UpdateRestarts update_restarts = UpdateRestarts::kGroup;

  std::vector<GroupConfig> groups;  // sorted by (priority, name)
  std::vector<HttpServerConfig> servers;
  std::vector<RpcInterfaceConfig> rpcinterfaces;
  std::optional<DeploymentConfig> deployment;
  std::optional<CtlConfig> ctl;

  // Messages for the main log once it exists (supervisor logs them at start).
  std::vector<std::string> parse_warnings;
  std::vector<std::string> parse_infos;

  // The URL children get in SUPERVISOR_SERVER_URL: the first unix server,
  // else the first inet one; empty when there is no server.
  std::string default_server_url() const;
};

}  // namespace sn
