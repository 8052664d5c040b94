// Tested by t/unit/program_options_test.cc (defaults, the man page),
// program_sections_test.cc and sample_config_test.cc.
#include "lib/config/program_options.h"

#include "lib/config/option_lookup.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

using R = ProgramOptionReading;
using O = ProgramOption;

template <auto Member, auto Parse>
void field(const O& o, R& r) {
  r.process.*Member = r.reader.parse(o.name, o.default_text, r.names, Parse);
}

template <ChannelConfig ProcessConfig::*Channel, auto Member, auto Parse>
void channel_field(const O& o, R& r) {
  (r.process.*Channel).*Member = r.reader.parse(o.name, o.default_text, r.names, Parse);
}

LogTarget parse_log_target(std::string_view v) {
  std::string lower = to_lower(v);
  if (lower == "none" || lower == "off") return {LogTarget::Kind::kNone, ""};
  if (lower == "auto") return {LogTarget::Kind::kAuto, ""};
  return {LogTarget::Kind::kPath, parse_existing_dirpath(v)};
}

// Read raw: a strftime pattern is full of %, which %(name)s expansion would refuse.
template <ChannelConfig ProcessConfig::*Channel>
void read_log_timestamps(const O& o, R& r) {
  std::optional<std::string> raw = r.reader.get_raw(o.name);
  if (!raw) return;
  try {
    (r.process.*Channel).timestamps = parse_timestamp_style(*raw);
  } catch (const ValueError& e) {
    r.reader.fail(o.name, e.what());
  }
}

// stopasgroup implies killasgroup unless the section says otherwise.
void read_killasgroup(const O& o, R& r) {
  r.process.killasgroup = r.reader.parse(o.name, r.process.stopasgroup ? "true" : "false", r.names, parse_boolean);
}

void read_numprocs(const O& o, R& r) { r.numprocs = r.reader.parse(o.name, o.default_text, r.names, parse_int32); }

void read_numprocs_start(const O& o, R& r) {
  r.numprocs_start = r.reader.parse(o.name, o.default_text, r.names, parse_int32);
}

// Expanded for each process, and visible to the options read after it.
void read_environment(const O& o, R& r) { r.environment_raw = r.reader.get_raw(o.name).value_or(""); }

void read_serverurl(const O& o, R& r) {
  if (auto url = r.reader.get(o.name, r.names); url && to_upper(trim(*url)) != "AUTO") r.process.serverurl = *url;
}

void read_http_url(const O& o, R& r) {
  if (auto url = r.reader.get(o.name, r.names); url && !trim(*url).empty())
    r.process.http_url = std::string(trim(*url));
}

void read_user(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  r.process.uid = r.reader.parse(o.name, "", r.names, parse_user).uid;
  r.process.user = *r.reader.get(o.name, r.names);
}

void read_umask(const O& o, R& r) {
  if (r.reader.has(o.name)) r.process.umask = r.reader.parse(o.name, "", r.names, parse_octal);
}

// Checked once for the section, expanded for each process.
void read_process_name(const O& o, R& r) {
  r.process_name_raw = r.reader.get_raw(o.name).value_or(std::string(o.default_text));
  try {
    parse_name(r.process_name_raw);
  } catch (const ValueError& e) {
    r.reader.fail(o.name, e.what());
  }
  if (r.numprocs > 1 && r.process_name_raw.find("%(process_num)") == std::string::npos)
    r.reader.fail(o.name, "%(process_num) must be present within process_name when numprocs > 1");
}

void read_depends_on(const O& o, R& r) {
  r.process.depends_on = r.reader.parse(o.name, o.default_text, r.names, parse_string_list);
  for (const std::string& token : r.process.depends_on) {
    size_t colon = token.find(':');
    try {
      if (colon == std::string::npos) {
        parse_name(token);
      } else {
        parse_name(token.substr(0, colon));
        if (token.substr(colon + 1) != "*") parse_name(token.substr(colon + 1));
      }
    } catch (const ValueError& e) {
      r.reader.fail(o.name, "expected NAME, GROUP:* or GROUP:NAME, got " + py_repr(token) + ": " + e.what());
    }
  }
}

void read_ready(const O& o, R& r) {
  r.process.ready = r.reader.parse(o.name, o.default_text, r.names, parse_ready_check);
}

int number_at_least(const O& o, R& r, int least) {
  int value = r.reader.parse(o.name, o.default_text, r.names, parse_int32);
  if (value < least) r.reader.fail(o.name, "expected a number from " + std::to_string(least) + " up");
  return value;
}

template <auto Member, int kLeast>
void at_least(const O& o, R& r) {
  r.process.*Member = number_at_least(o, r, kLeast);
}

template <auto Member, int kLeast>
void health_at_least(const O& o, R& r) {
  r.process.health.*Member = number_at_least(o, r, kLeast);
}

template <auto Member, int kLeast>
void backoff_at_least(const O& o, R& r) {
  r.process.backoff.*Member = number_at_least(o, r, kLeast);
}

void read_backoff(const O& o, R& r) {
  r.process.backoff.curve = r.reader.parse(o.name, o.default_text, r.names, parse_backoff_curve);
}

void read_backoff_jitter(const O& o, R& r) {
  int percent = number_at_least(o, r, 0);
  if (percent > 100) r.reader.fail(o.name, "expected a percentage from 0 to 100");
  r.process.backoff.jitter_percent = percent;
}

template <int kResource>
void read_rlimit(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  ResourceLimitSetting limit{kResource, std::string(o.name)};
  try {
    parse_resource_limit(*r.reader.get(o.name, r.names), &limit.soft, &limit.hard);
  } catch (const ValueError& e) {
    r.reader.fail(o.name, e.what());
  }
  r.process.limits.rlimits.push_back(std::move(limit));
}

void read_nice(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  int value = r.reader.parse(o.name, "", r.names, parse_int32);
  if (value < -20 || value > 19) r.reader.fail(o.name, "expected a number from -20 to 19");
  r.process.limits.nice = value;
}

void read_oom_score_adj(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  int value = r.reader.parse(o.name, "", r.names, parse_int32);
  if (value < -1000 || value > 1000) r.reader.fail(o.name, "expected a number from -1000 to 1000");
  r.process.limits.oom_score_adj = value;
}

void read_cpu_affinity(const O& o, R& r) {
  if (r.reader.has(o.name)) r.process.limits.cpu_affinity = r.reader.parse(o.name, "", r.names, parse_cpu_list);
}

void read_environment_file(const O& o, R& r) {
  if (r.reader.has(o.name))
    r.process.environment_files = r.reader.parse(o.name, "", r.names, parse_environment_file_list);
}

void read_healthcheck(const O& o, R& r) {
  if (auto text = r.reader.get(o.name, r.names); text && to_lower(trim(*text)) != "none") {
    r.process.health.probe = r.reader.parse(o.name, "", r.names, parse_probe);
  }
}

void read_healthcheck_action(const O& o, R& r) {
  r.process.health.action = r.reader.parse(o.name, o.default_text, r.names, parse_health_action);
}

void read_directory(const O& o, R& r) { r.process.directory = r.reader.get(o.name, r.names); }

void read_command(const O& o, R& r) {
  std::optional<std::string> command = r.reader.get(o.name, r.names);
  if (!command) r.reader.fail(o.name, "the section does not specify a command (command= is required)");
  r.process.command = *command;
}

constexpr auto kOut = &ProcessConfig::stdout_channel;
constexpr auto kErr = &ProcessConfig::stderr_channel;
constexpr OptionStage kSection = OptionStage::kSection;
constexpr OptionStage kProcess = OptionStage::kProcess;
constexpr OptionStage kPool = OptionStage::kPool;

// In the order supervisor reads them: with two bad values, the first one
// in this order is the one reported.
// clang-format off
const ProgramOption kOptions[] = {
    {.name = "priority", .sections = kInBoth, .stage = kSection, .default_text = "999",
     .doc = "lower starts first, stops last", .listener_default = "-1",
     .read = field<&ProcessConfig::priority, parse_int32>},
    {.name = "autostart", .sections = kInBoth, .stage = kSection, .default_text = "true",
     .doc = "start when supervisord starts", .read = field<&ProcessConfig::autostart, parse_boolean>},
    {.name = "autorestart", .sections = kInBoth, .stage = kSection, .default_text = "unexpected",
     .doc = "true, false or unexpected", .read = field<&ProcessConfig::autorestart, parse_autorestart>},
    {.name = "startsecs", .sections = kInBoth, .stage = kSection, .default_text = "1",
     .doc = "up this long to be RUNNING", .read = field<&ProcessConfig::startsecs, parse_int32>},
    {.name = "startretries", .sections = kInBoth, .stage = kSection, .default_text = "3",
     .doc = "quick exits before FATAL, or infinite",
     .read = field<&ProcessConfig::startretries, parse_start_retries>},
    {.name = "startretries_window", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "count only the failures of the last this many seconds, 0 all",
     .read = backoff_at_least<&BackoffPolicy::window_secs, 0>},
    {.name = "backoff", .sections = kInBoth, .stage = kSection, .default_text = "linear",
     .doc = "waits between attempts: linear (1, 2, 3 s) or exponential (1, 2, 4 s)", .read = read_backoff},
    {.name = "backoff_max", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "the longest wait in seconds, 0 no cap", .read = backoff_at_least<&BackoffPolicy::max_delay_secs, 0>},
    {.name = "backoff_jitter", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "move each wait by up to this percent, 0 to 100", .read = read_backoff_jitter},
    {.name = "fatal_retry_after", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "FATAL: start again after this many seconds, 0 never",
     .read = at_least<&ProcessConfig::fatal_retry_after, 0>},
    {.name = "fatal_action", .sections = kInBoth, .stage = kSection, .default_text = "none",
     .doc = "on FATAL: none, shutdown or exit:N (supervisord exits with N)",
     .read = field<&ProcessConfig::fatal_action, parse_failure_action>},
    {.name = "exit_action", .sections = kInBoth, .stage = kSection, .default_text = "none",
     .doc = "on an exit not restarted: none, shutdown or exit:N",
     .read = field<&ProcessConfig::exit_action, parse_failure_action>},
    {.name = "stopsignal", .sections = kInBoth, .stage = kSection, .default_text = "TERM",
     .doc = "TERM HUP INT QUIT KILL USR1 USR2", .read = field<&ProcessConfig::stopsignal, parse_signal_value>},
    {.name = "stopwaitsecs", .sections = kInBoth, .stage = kSection, .default_text = "10", .doc = "then SIGKILL",
     .read = field<&ProcessConfig::stopwaitsecs, parse_int32>},
    {.name = "stopasgroup", .sections = kInBoth, .stage = kSection, .default_text = "false",
     .doc = "stopsignal to the process group", .read = field<&ProcessConfig::stopasgroup, parse_boolean>},
    {.name = "killasgroup", .sections = kInBoth, .stage = kSection, .doc = "SIGKILL to the group",
     .default_words = "stopasgroup's value", .example = "false", .read = read_killasgroup},
    {.name = "exitcodes", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "exits that are expected", .read = field<&ProcessConfig::exitcodes, parse_exit_codes>},
    {.name = "redirect_stderr", .sections = kInBoth, .stage = kSection, .default_text = "false",
     .doc = "stderr into the stdout log", .listener_doc = "true is refused: stdout is the protocol",
     .read = field<&ProcessConfig::redirect_stderr, parse_boolean>},
    {.name = "numprocs", .sections = kInBoth, .stage = kSection, .default_text = "1", .doc = "how many copies",
     .listener_doc = "how many listeners", .read = read_numprocs},
    {.name = "numprocs_start", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "the first %(process_num)", .read = read_numprocs_start},
    {.name = "environment", .sections = kInBoth, .stage = kSection, .doc = "added to the process's environment",
     .default_words = "none", .example = "A=\"1\",B=\"2\"", .read = read_environment},
    {.name = "stdout_capture_maxbytes", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "capture mode's buffer, 0 off",
     .read = channel_field<kOut, &ChannelConfig::capture_maxbytes, parse_byte_size>},
    {.name = "stdout_events_enabled", .sections = kInBoth, .stage = kSection, .default_text = "false",
     .doc = "PROCESS_LOG_STDOUT events", .read = channel_field<kOut, &ChannelConfig::events_enabled, parse_boolean>},
    {.name = "stderr_capture_maxbytes", .sections = kInBoth, .stage = kSection, .default_text = "0",
     .doc = "capture mode's buffer, 0 off",
     .read = channel_field<kErr, &ChannelConfig::capture_maxbytes, parse_byte_size>},
    {.name = "stderr_events_enabled", .sections = kInBoth, .stage = kSection, .default_text = "false",
     .doc = "PROCESS_LOG_STDERR events", .read = channel_field<kErr, &ChannelConfig::events_enabled, parse_boolean>},
    {.name = "serverurl", .sections = kInBoth, .stage = kSection, .default_text = "AUTO",
     .doc = "its SUPERVISOR_SERVER_URL", .read = read_serverurl},
    {.name = "http_url", .sections = kInBoth, .stage = kSection, .doc = "Minos: the web page links here",
     .default_words = "none", .example = "http://127.0.0.1:8080/", .read = read_http_url},
    {.name = "user", .sections = kInBoth, .stage = kSection, .doc = "run as this user (supervisord must be root)",
     .default_words = "supervisord's", .example = "nobody", .read = read_user},
    {.name = "umask", .sections = kInBoth, .stage = kSection, .doc = "the process's umask",
     .default_words = "supervisord's", .example = "022", .read = read_umask},
    {.name = "process_name", .sections = kInBoth, .stage = kSection, .default_text = "%(program_name)s",
     .doc = "numprocs > 1 needs %(process_num)s in it", .read = read_process_name},
    {.name = "directory", .sections = kInBoth, .stage = kProcess, .doc = "chdir here before exec",
     .default_words = "none", .example = "/tmp", .read = read_directory},
    {.name = "stdout_logfile", .sections = kInBoth, .stage = kProcess, .default_text = "AUTO",
     .doc = "a path, AUTO (in childlogdir) or NONE",
     .read = channel_field<kOut, &ChannelConfig::logfile, parse_log_target>},
    {.name = "stdout_logfile_backups", .sections = kInBoth, .stage = kProcess, .default_text = "10",
     .doc = "rotated logs kept, 0 none", .read = channel_field<kOut, &ChannelConfig::logfile_backups, parse_int32>},
    {.name = "stdout_logfile_maxbytes", .sections = kInBoth, .stage = kProcess, .default_text = "50MB",
     .doc = "rotate at this size, 0 never",
     .read = channel_field<kOut, &ChannelConfig::logfile_maxbytes, parse_byte_size>},
    {.name = "stdout_syslog", .sections = kInBoth, .stage = kProcess, .default_text = "false",
     .doc = "each line also to syslog", .read = channel_field<kOut, &ChannelConfig::syslog, parse_boolean>},
    {.name = "stdout_log_timestamps", .sections = kInBoth, .stage = kProcess, .default_text = "none",
     .doc = "stamp each logged line: iso8601, utc, tai64n, a strftime pattern",
     .read = read_log_timestamps<kOut>},
    {.name = "stderr_logfile", .sections = kInBoth, .stage = kProcess, .default_text = "AUTO",
     .doc = "a path, AUTO (in childlogdir) or NONE",
     .read = channel_field<kErr, &ChannelConfig::logfile, parse_log_target>},
    {.name = "stderr_logfile_backups", .sections = kInBoth, .stage = kProcess, .default_text = "10",
     .doc = "rotated logs kept, 0 none", .read = channel_field<kErr, &ChannelConfig::logfile_backups, parse_int32>},
    {.name = "stderr_logfile_maxbytes", .sections = kInBoth, .stage = kProcess, .default_text = "50MB",
     .doc = "rotate at this size, 0 never",
     .read = channel_field<kErr, &ChannelConfig::logfile_maxbytes, parse_byte_size>},
    {.name = "stderr_syslog", .sections = kInBoth, .stage = kProcess, .default_text = "false",
     .doc = "each line also to syslog", .read = channel_field<kErr, &ChannelConfig::syslog, parse_boolean>},
    {.name = "stderr_log_timestamps", .sections = kInBoth, .stage = kProcess, .default_text = "none",
     .doc = "stamp each logged line: iso8601, utc, tai64n, a strftime pattern",
     .read = read_log_timestamps<kErr>},
    {.name = "command", .sections = kInBoth | kInFcgiProgram, .stage = kProcess, .doc = "the program and its arguments",
     .default_words = "required", .example = "/bin/cat", .listener_doc = "the listener and its arguments",
     .listener_example = "crashmail -m root@localhost",
     .read = read_command},
    {.name = "depends_on", .sections = kInBoth, .stage = kSection,
     .doc = "start only once these are ready: NAME, GROUP:*, GROUP:NAME", .default_words = "none",
     .example = "db, cache:*", .read = read_depends_on},
    {.name = "ready", .sections = kInProgram, .stage = kProcess, .default_text = "startsecs",
     .doc = "RUNNING when: startsecs, notify, fd:N, tcp:H:P, http://H:P/PATH, command:CMD", .read = read_ready},
    {.name = "ready_timeout", .sections = kInProgram, .stage = kSection, .default_text = "90",
     .doc = "not ready this long: a failed start", .read = at_least<&ProcessConfig::ready_timeout, 1>},
    {.name = "healthcheck", .sections = kInProgram, .stage = kProcess, .doc = "tcp:H:P, http://H:P/PATH or command:CMD",
     .default_words = "none", .example = "http://127.0.0.1:8080/health", .read = read_healthcheck},
    {.name = "healthcheck_interval", .sections = kInProgram, .stage = kSection, .default_text = "30",
     .doc = "seconds between checks", .read = health_at_least<&HealthCheck::interval_secs, 1>},
    {.name = "healthcheck_timeout", .sections = kInProgram, .stage = kSection, .default_text = "10",
     .doc = "a check not done in time failed", .read = health_at_least<&HealthCheck::timeout_secs, 1>},
    {.name = "healthcheck_retries", .sections = kInProgram, .stage = kSection, .default_text = "3",
     .doc = "failures in a row that make it unhealthy", .read = health_at_least<&HealthCheck::retries, 1>},
    {.name = "healthcheck_start_period", .sections = kInProgram, .stage = kSection, .default_text = "0",
     .doc = "failures after RUNNING not counted for this long",
     .read = health_at_least<&HealthCheck::start_period_secs, 0>},
    {.name = "healthcheck_action", .sections = kInProgram, .stage = kSection, .default_text = "restart",
     .doc = "when unhealthy: restart, stop or none", .read = read_healthcheck_action},
    {.name = "rlimit_nofile", .sections = kInBoth, .stage = kProcess, .doc = "open files: SOFT[:HARD] or infinity",
     .default_words = "supervisord's", .example = "4096:8192", .read = read_rlimit<RLIMIT_NOFILE>},
    {.name = "rlimit_core", .sections = kInBoth, .stage = kProcess, .doc = "core file size: SOFT[:HARD]",
     .default_words = "supervisord's", .example = "0", .read = read_rlimit<RLIMIT_CORE>},
    {.name = "rlimit_nproc", .sections = kInBoth, .stage = kProcess, .doc = "processes of its user: SOFT[:HARD]",
     .default_words = "supervisord's", .example = "512", .read = read_rlimit<RLIMIT_NPROC>},
    {.name = "rlimit_as", .sections = kInBoth, .stage = kProcess, .doc = "address space: SOFT[:HARD]",
     .default_words = "supervisord's", .example = "4GB", .read = read_rlimit<RLIMIT_AS>},
    {.name = "rlimit_memlock", .sections = kInBoth, .stage = kProcess, .doc = "locked memory: SOFT[:HARD]",
     .default_words = "supervisord's", .example = "64KB", .read = read_rlimit<RLIMIT_MEMLOCK>},
    {.name = "nice", .sections = kInBoth, .stage = kProcess, .doc = "scheduling niceness, -20 to 19",
     .default_words = "supervisord's", .example = "5", .read = read_nice},
    {.name = "oom_score_adj", .sections = kInBoth, .stage = kProcess, .doc = "-1000 to 1000: who the OOM killer picks",
     .default_words = "supervisord's", .example = "500", .read = read_oom_score_adj},
    {.name = "cpu_affinity", .sections = kInBoth, .stage = kProcess, .doc = "CPUs it may run on: 0 2-3",
     .default_words = "all of supervisord's", .example = "0", .read = read_cpu_affinity},
    {.name = "environment_file", .sections = kInBoth, .stage = kProcess,
     .doc = "KEY=VALUE files read at each spawn, before environment=; -PATH may be missing",
     .default_words = "none", .example = "/etc/default/%(program_name)s, -/etc/%(program_name)s.env",
     .read = read_environment_file},
    {.name = "socket", .sections = kInFcgiProgram, .stage = kPool, .doc = "tcp://HOST:PORT or unix:///PATH, as fd 0",
     .default_words = "required", .example = "unix:///tmp/%(program_name)s.sock"},
    {.name = "socket_owner", .sections = kInFcgiProgram, .stage = kPool, .doc = "unix socket's owner: user[:group]",
     .default_words = "user='s, else unchanged", .example = "nobody"},
    {.name = "socket_mode", .sections = kInFcgiProgram, .stage = kPool, .default_text = "0700",
     .doc = "unix socket's mode"},
    {.name = "socket_backlog", .sections = kInFcgiProgram, .stage = kPool, .doc = "listen() backlog, 1 to 65535",
     .default_words = "SOMAXCONN", .example = "128"},
    {.name = "events", .sections = kInEventListener, .stage = kPool, .doc = "event types to subscribe to",
     .default_words = "required", .example = "EVENT"},
    {.name = "buffer_size", .sections = kInEventListener, .stage = kPool, .default_text = "10",
     .doc = "events waiting for a listener"},
    {.name = "result_handler", .sections = kInEventListener, .stage = kPool,
     .default_text = "supervisor.dispatchers:default_handler", .doc = "the only one"},
};
// clang-format on

}  // namespace

std::span<const ProgramOption> program_options() { return kOptions; }

const ProgramOption* find_program_option(std::string_view name) {
  return find_option(std::span<const ProgramOption>(kOptions), name);
}

}  // namespace sn
