// Tested by t/unit/program_options_test.cc (defaults, the man page),
// program_sections_test.cc and sample_config_test.cc.
#include "lib/config/program_options.h"

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
const ProgramOption kOptions[] = {
    {"priority",
     kInBoth,
     kSection,
     "999",
     "lower starts first, stops last",
     {},
     {},
     "-1",
     {},
     field<&ProcessConfig::priority, parse_int32>},
    {"autostart",
     kInBoth,
     kSection,
     "true",
     "start when supervisord starts",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::autostart, parse_boolean>},
    {"autorestart",
     kInBoth,
     kSection,
     "unexpected",
     "true, false or unexpected",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::autorestart, parse_autorestart>},
    {"startsecs",
     kInBoth,
     kSection,
     "1",
     "up this long to be RUNNING",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::startsecs, parse_int32>},
    {"startretries",
     kInBoth,
     kSection,
     "3",
     "quick exits before FATAL",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::startretries, parse_int32>},
    {"stopsignal",
     kInBoth,
     kSection,
     "TERM",
     "TERM HUP INT QUIT KILL USR1 USR2",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::stopsignal, parse_signal_value>},
    {"stopwaitsecs",
     kInBoth,
     kSection,
     "10",
     "then SIGKILL",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::stopwaitsecs, parse_int32>},
    {"stopasgroup",
     kInBoth,
     kSection,
     "false",
     "stopsignal to the process group",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::stopasgroup, parse_boolean>},
    {"killasgroup",
     kInBoth,
     kSection,
     "",
     "SIGKILL to the group",
     "stopasgroup's value",
     "false",
     {},
     {},
     read_killasgroup},
    {"exitcodes",
     kInBoth,
     kSection,
     "0",
     "exits that are expected",
     {},
     {},
     {},
     {},
     field<&ProcessConfig::exitcodes, parse_exit_codes>},
    {"redirect_stderr",
     kInBoth,
     kSection,
     "false",
     "stderr into the stdout log",
     {},
     {},
     {},
     "true is refused: stdout is the protocol",
     field<&ProcessConfig::redirect_stderr, parse_boolean>},
    {"numprocs", kInBoth, kSection, "1", "how many copies", {}, {}, {}, "how many listeners", read_numprocs},
    {"numprocs_start", kInBoth, kSection, "0", "the first %(process_num)", {}, {}, {}, {}, read_numprocs_start},
    {"environment",
     kInBoth,
     kSection,
     "",
     "added to the process's environment",
     "none",
     "A=\"1\",B=\"2\"",
     {},
     {},
     read_environment},
    {"stdout_capture_maxbytes",
     kInBoth,
     kSection,
     "0",
     "capture mode's buffer, 0 off",
     {},
     {},
     {},
     {},
     channel_field<kOut, &ChannelConfig::capture_maxbytes, parse_byte_size>},
    {"stdout_events_enabled",
     kInBoth,
     kSection,
     "false",
     "PROCESS_LOG_STDOUT events",
     {},
     {},
     {},
     {},
     channel_field<kOut, &ChannelConfig::events_enabled, parse_boolean>},
    {"stderr_capture_maxbytes",
     kInBoth,
     kSection,
     "0",
     "capture mode's buffer, 0 off",
     {},
     {},
     {},
     {},
     channel_field<kErr, &ChannelConfig::capture_maxbytes, parse_byte_size>},
    {"stderr_events_enabled",
     kInBoth,
     kSection,
     "false",
     "PROCESS_LOG_STDERR events",
     {},
     {},
     {},
     {},
     channel_field<kErr, &ChannelConfig::events_enabled, parse_boolean>},
    {"serverurl", kInBoth, kSection, "AUTO", "its SUPERVISOR_SERVER_URL", {}, {}, {}, {}, read_serverurl},
    {"http_url",
     kInBoth,
     kSection,
     "",
     "Minos: the web page links here",
     "none",
     "http://127.0.0.1:8080/",
     {},
     {},
     read_http_url},
    {"user",
     kInBoth,
     kSection,
     "",
     "run as this user (supervisord must be root)",
     "supervisord's",
     "nobody",
     {},
     {},
     read_user},
    {"umask", kInBoth, kSection, "", "the process's umask", "supervisord's", "022", {}, {}, read_umask},
    {"process_name",
     kInBoth,
     kSection,
     "%(program_name)s",
     "numprocs > 1 needs %(process_num)s in it",
     {},
     {},
     {},
     {},
     read_process_name},
    {"directory", kInBoth, kProcess, "", "chdir here before exec", "none", "/tmp", {}, {}, read_directory},
    {"stdout_logfile",
     kInBoth,
     kProcess,
     "AUTO",
     "a path, AUTO (in childlogdir) or NONE",
     {},
     {},
     {},
     {},
     channel_field<kOut, &ChannelConfig::logfile, parse_log_target>},
    {"stdout_logfile_backups",
     kInBoth,
     kProcess,
     "10",
     "rotated logs kept, 0 none",
     {},
     {},
     {},
     {},
     channel_field<kOut, &ChannelConfig::logfile_backups, parse_int32>},
    {"stdout_logfile_maxbytes",
     kInBoth,
     kProcess,
     "50MB",
     "rotate at this size, 0 never",
     {},
     {},
     {},
     {},
     channel_field<kOut, &ChannelConfig::logfile_maxbytes, parse_byte_size>},
    {"stdout_syslog",
     kInBoth,
     kProcess,
     "false",
     "also to syslog (not done)",
     {},
     {},
     {},
     {},
     channel_field<kOut, &ChannelConfig::syslog, parse_boolean>},
    {"stderr_logfile",
     kInBoth,
     kProcess,
     "AUTO",
     "a path, AUTO (in childlogdir) or NONE",
     {},
     {},
     {},
     {},
     channel_field<kErr, &ChannelConfig::logfile, parse_log_target>},
    {"stderr_logfile_backups",
     kInBoth,
     kProcess,
     "10",
     "rotated logs kept, 0 none",
     {},
     {},
     {},
     {},
     channel_field<kErr, &ChannelConfig::logfile_backups, parse_int32>},
    {"stderr_logfile_maxbytes",
     kInBoth,
     kProcess,
     "50MB",
     "rotate at this size, 0 never",
     {},
     {},
     {},
     {},
     channel_field<kErr, &ChannelConfig::logfile_maxbytes, parse_byte_size>},
    {"stderr_syslog",
     kInBoth,
     kProcess,
     "false",
     "also to syslog (not done)",
     {},
     {},
     {},
     {},
     channel_field<kErr, &ChannelConfig::syslog, parse_boolean>},
    {"command",
     kInBoth,
     kProcess,
     "",
     "the program and its arguments",
     "required",
     "/bin/cat",
     {},
     "the listener and its arguments",
     read_command},
    {"events", kInEventListener, kPool, "", "event types to subscribe to", "required", "EVENT", {}, {}, nullptr},
    {"buffer_size", kInEventListener, kPool, "10", "events waiting for a listener", {}, {}, {}, {}, nullptr},
    {"result_handler",
     kInEventListener,
     kPool,
     "supervisor.dispatchers:default_handler",
     "the only one",
     {},
     {},
     {},
     {},
     nullptr},
};

}  // namespace

std::span<const ProgramOption> program_options() { return kOptions; }

const ProgramOption* find_program_option(std::string_view name) {
  for (const ProgramOption& o : kOptions)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace sn
