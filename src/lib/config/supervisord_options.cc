// Tested by t/unit/supervisord_options_test.cc, config_loader_test.cc and
// sample_config_test.cc.
#include "lib/config/supervisord_options.h"

#include "lib/config/option_lookup.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

using R = SupervisordOptionReading;
using O = SupervisordOption;

template <auto Member, auto Parse>
void field(const O& o, R& r) {
  r.config.*Member = r.reader.parse(o.name, o.default_text, r.names, Parse);
}

void read_directory(const O& o, R& r) {
  if (r.reader.has(o.name)) r.config.directory = r.reader.parse(o.name, "", r.names, parse_existing_directory);
}

void read_user(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  r.reader.parse(o.name, "", r.names, parse_user);  // a user that does not exist is an error here
  r.config.user = r.reader.get(o.name, r.names);
}

void read_logfile(const O& o, R& r) {
  std::string logfile = r.reader.parse(o.name, o.default_text, r.names, parse_existing_dirpath);
  r.config.logfile = logfile == "syslog" ? logfile : normalize_path_from(logfile, r.env.cwd);
}

void read_pidfile(const O& o, R& r) {
  r.config.pidfile =
      normalize_path_from(r.reader.parse(o.name, o.default_text, r.names, parse_existing_dirpath), r.env.cwd);
}

void read_subprocpidfile(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  std::string path = r.reader.parse(o.name, "", r.names, parse_existing_dirpath);
  if (!path.empty()) r.config.subprocpidfile = normalize_path_from(path, r.env.cwd);
}

void read_identifier(const O& o, R& r) { r.config.identifier = r.reader.get_or(o.name, o.default_text, r.names); }

void read_childlogdir(const O& o, R& r) {
  r.config.childlogdir =
      normalize_path_from(r.reader.parse(o.name, r.env.tmpdir, r.names, parse_existing_directory), r.env.cwd);
}

// The programs' environment also knows %(host_node_name)s.
void read_environment(const O& o, R& r) {
  Expansions names = r.names;
  names["host_node_name"] = r.env.host_node_name;
  r.config.environment = r.reader.parse(o.name, "", names, parse_key_value_list);
}

void read_statefile(const O& o, R& r) {
  if (!r.reader.has(o.name)) return;
  std::string path = r.reader.parse(o.name, "", r.names, parse_existing_dirpath);
  if (!path.empty()) r.config.statefile = normalize_path_from(path, r.env.cwd);
}

SupervisordConfig::UpdateRestarts parse_update_restarts(std::string_view v) {
  std::string lower = to_lower(trim(v));
  if (lower == "group") return SupervisordConfig::UpdateRestarts::kGroup;
  if (lower == "changed") return SupervisordConfig::UpdateRestarts::kChanged;
  throw ValueError("expected group or changed, got " + py_repr(std::string(trim(v))));
}

// clang-format off
const SupervisordOption kOptions[] = {
    {.name = "minfds", .default_text = "1024", .doc = "raise the open files limit to this", .set_in_sample = true,
     .read = field<&SupervisordConfig::minfds, parse_integer>},
    {.name = "minprocs", .default_text = "200", .doc = "raise the processes limit to this", .set_in_sample = true,
     .read = field<&SupervisordConfig::minprocs, parse_integer>},
    {.name = "directory", .doc = "chdir here when daemonized", .default_words = "none", .example = "/tmp",
     .read = read_directory},
    {.name = "user", .doc = "become this user at start (needs root)", .default_words = "none",
     .example = "nobody", .read = read_user},
    {.name = "umask", .default_text = "022", .doc = "umask of the daemon",
     .read = field<&SupervisordConfig::umask, parse_octal>},
    {.name = "logfile", .default_text = "supervisord.log", .doc = "main log or syslog", .default_words = "$CWD/supervisord.log",
     .example = "/tmp/supervisord.log", .set_in_sample = true, .read = read_logfile},
    {.name = "logfile_maxbytes", .default_text = "50MB", .doc = "rotate the main log at this size, 0 never",
     .set_in_sample = true, .read = field<&SupervisordConfig::logfile_maxbytes, parse_byte_size>},
    {.name = "logfile_backups", .default_text = "10", .doc = "rotated main logs kept, 0 none",
     .set_in_sample = true, .read = field<&SupervisordConfig::logfile_backups, parse_int32>},
    {.name = "loglevel", .default_text = "info", .doc = "critical error warn info debug trace blather",
     .set_in_sample = true, .read = field<&SupervisordConfig::loglevel, parse_log_level_value>},
    {.name = "pidfile", .default_text = "supervisord.pid", .doc = "locked while running", .default_words = "$CWD/supervisord.pid",
     .example = "/tmp/supervisord.pid", .set_in_sample = true, .read = read_pidfile},
    {.name = "subprocpidfile", .doc = "Minos: children outlive supervisord", .default_words = "none",
     .example = "/tmp/supervisord.children", .read = read_subprocpidfile},
    {.name = "identifier", .default_text = "supervisor", .doc = "this instance's name", .read = read_identifier},
    {.name = "nodaemon", .default_text = "false", .doc = "true: stay in the foreground (-n)", .set_in_sample = true,
     .read = field<&SupervisordConfig::nodaemon, parse_boolean>},
    {.name = "silent", .default_text = "false", .doc = "true: no main log on stdout (-s)", .set_in_sample = true,
     .read = field<&SupervisordConfig::silent, parse_boolean>},
    {.name = "childlogdir", .doc = "where AUTO child logs go", .default_words = "$TMPDIR or /tmp",
     .example = "/tmp", .read = read_childlogdir},
    {.name = "nocleanup", .default_text = "false", .doc = "true: keep old AUTO child logs at start",
     .read = field<&SupervisordConfig::nocleanup, parse_boolean>},
    {.name = "strip_ansi", .default_text = "false", .doc = "true: strip ANSI escapes from output",
     .read = field<&SupervisordConfig::strip_ansi, parse_boolean>},
    {.name = "environment", .doc = "added to every program's environment", .default_words = "none",
     .example = "KEY=\"value\"", .read = read_environment},
    {.name = "statefile", .doc = "remember operator starts and stops here across restarts", .default_words = "none",
     .example = "/tmp/supervisord.state", .read = read_statefile},
    {.name = "update_restarts", .default_text = "group", .doc = "update restarts a changed group whole, or only changed members",
     .read = field<&SupervisordConfig::update_restarts, parse_update_restarts>},
};
// clang-format on

}  // namespace

std::span<const SupervisordOption> supervisord_options() { return kOptions; }

const SupervisordOption* find_supervisord_option(std::string_view name) {
  return find_option(std::span<const SupervisordOption>(kOptions), name);
}

}  // namespace sn
