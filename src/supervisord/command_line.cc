#include "supervisord/command_line.h"

#include <getopt.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "lib/config/config_search.h"
#include "lib/config/value_parsers.h"

namespace sn {
namespace {

constexpr const char* kUsage = R"(supervisord -- run a set of applications as daemons.

Usage: %s [options]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-n/--nodaemon -- run in the foreground (same as 'nodaemon=true' in config file)
-s/--silent -- no logs to stdout (maps to 'silent=true' in config file)
-h/--help -- print this usage message and exit
-v/--version -- print supervisord version number and exit
-u/--user USER -- run supervisord as this user (or numeric uid)
-m/--umask UMASK -- use this umask for daemon subprocess (default is 022)
-d/--directory DIRECTORY -- directory to chdir to when daemonized
-l/--logfile FILENAME -- use FILENAME as logfile path
-y/--logfile_maxbytes BYTES -- use BYTES to limit the max size of logfile
-z/--logfile_backups NUM -- number of backups to keep when max bytes reached
-e/--loglevel LEVEL -- use LEVEL as log level (debug,info,warn,error,critical)
-j/--pidfile FILENAME -- write a pid file for the daemon process to FILENAME
-i/--identifier STR -- identifier used for this instance of supervisord
-q/--childlogdir DIRECTORY -- the log directory for child process logs
-k/--nocleanup --  prevent the process from performing cleanup (removal of
                   old automatic child log files) at startup.
-a/--minfds NUM -- the minimum number of file descriptors for start success
-t/--strip_ansi -- strip ansi escape codes from process output
--minprocs NUM  -- the minimum number of processes available for start success
--profile_options OPTIONS -- accepted for compatibility and ignored
--subprocpidfile FILENAME -- leave children running when supervisord exits
                   and adopt them again at the next start (Minos' option)
--sample-config -- print a commented sample configuration file and exit
--check-config -- read the configuration and its includes, print every
                   warning and the error if any, and exit: 0 when fine, 1 with
                   warnings, 2 on an error (nothing is started)
)";

enum LongOnly { kMinprocs = 1000, kProfileOptions, kSubprocPidfile, kSampleConfig, kCheckConfig };

template <class Parse>
auto cli_value(const char* flag, const std::string& text, Parse parse) {
  try {
    return parse(text);
  } catch (const ValueError& e) {
    throw UsageError(std::string("invalid value for ") + flag + ": " + e.what());
  }
}

}  // namespace

std::string usage_text(const std::string& program) {
  std::string text = kUsage;
  size_t at = text.find("%s");
  text.replace(at, 2, program);
  return text;
}

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine cl;
  cl.program = argc > 0 ? argv[0] : "supervisord";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) break;
    if (std::strcmp(argv[i], "-?") == 0) {
      cl.action = CommandLine::Action::kHelp;
      return cl;
    }
  }
  static const option kLong[] = {
      {"configuration", required_argument, nullptr, 'c'},
      {"nodaemon", no_argument, nullptr, 'n'},
      {"silent", no_argument, nullptr, 's'},
      {"help", no_argument, nullptr, 'h'},
      {"version", no_argument, nullptr, 'v'},
      {"user", required_argument, nullptr, 'u'},
      {"umask", required_argument, nullptr, 'm'},
      {"directory", required_argument, nullptr, 'd'},
      {"logfile", required_argument, nullptr, 'l'},
      {"logfile_maxbytes", required_argument, nullptr, 'y'},
      {"logfile_backups", required_argument, nullptr, 'z'},
      {"loglevel", required_argument, nullptr, 'e'},
      {"pidfile", required_argument, nullptr, 'j'},
      {"identifier", required_argument, nullptr, 'i'},
      {"childlogdir", required_argument, nullptr, 'q'},
      {"nocleanup", no_argument, nullptr, 'k'},
      {"minfds", required_argument, nullptr, 'a'},
      {"strip_ansi", no_argument, nullptr, 't'},
      {"minprocs", required_argument, nullptr, kMinprocs},
      {"profile_options", required_argument, nullptr, kProfileOptions},
      {"subprocpidfile", required_argument, nullptr, kSubprocPidfile},
      {"sample-config", no_argument, nullptr, kSampleConfig},
      {"check-config", no_argument, nullptr, kCheckConfig},
      {nullptr, 0, nullptr, 0},
  };
  opterr = 0;
  optind = 0;  // 0 makes GNU getopt start over completely
  int c;
  while ((c = getopt_long(argc, argv, ":c:nshvu:m:d:l:y:z:e:j:i:q:ka:t", kLong, nullptr)) != -1) {
    switch (c) {
      case 'c': cl.configuration = optarg; break;
      case 'n': cl.nodaemon = true; break;
      case 's': cl.silent = true; break;
      case 'h': cl.action = CommandLine::Action::kHelp; return cl;
      case 'v': cl.action = CommandLine::Action::kVersion; return cl;
      case 'u': cl.user = optarg; break;
      case 'm': cl.umask = optarg; break;
      case 'd': cl.directory = optarg; break;
      case 'l': cl.logfile = optarg; break;
      case 'y': cl.logfile_maxbytes = optarg; break;
      case 'z': cl.logfile_backups = optarg; break;
      case 'e': cl.loglevel = optarg; break;
      case 'j': cl.pidfile = optarg; break;
      case 'i': cl.identifier = optarg; break;
      case 'q': cl.childlogdir = optarg; break;
      case 'k': cl.nocleanup = true; break;
      case 'a': cl.minfds = optarg; break;
      case 't': cl.strip_ansi = true; break;
      case kMinprocs: cl.minprocs = optarg; break;
      case kProfileOptions: cl.profile_options = optarg; break;
      case kSubprocPidfile: cl.subprocpidfile = optarg; break;
      case kSampleConfig: cl.action = CommandLine::Action::kSampleConfig; return cl;
      case kCheckConfig: cl.action = CommandLine::Action::kCheckConfig; break;  // -c may follow
      case ':': {
        std::string opt = optopt ? std::string("-") + static_cast<char>(optopt) : std::string(argv[optind - 1]);
        throw UsageError("option " + opt + " requires argument");
      }
      default: {
        std::string opt = optopt ? std::string("-") + static_cast<char>(optopt) : std::string(argv[optind - 1]);
        throw UsageError("option " + opt + " not recognized");
      }
    }
  }
  if (optind < argc) {
    std::string rest;
    for (int i = optind; i < argc; ++i) rest += std::string(rest.empty() ? "" : " ") + argv[i];
    throw UsageError("positional arguments are not supported: " + rest);
  }
  return cl;
}

std::string config_file_for(const CommandLine& cl) {
  if (cl.configuration) return *cl.configuration;
  std::string program = program_path_from_argv0(cl.program);
  std::optional<std::string> found = find_config_file(program);
  if (!found) {
    std::string paths;
    for (const std::string& p : config_search_paths(program)) paths += (paths.empty() ? "" : ", ") + p;
    throw UsageError("No config file found at default paths (" + paths +
                     "); use the -c option to specify a config file at a different path");
  }
  if (::getuid() == 0) {
    std::fprintf(stderr,
                 "Warning: supervisord is running as root and it is searching for its configuration file in "
                 "default locations (including its current working directory); you probably want to specify "
                 "a \"-c\" argument specifying an absolute path to a configuration file for improved "
                 "security.\n");
  }
  return *found;
}

void apply_command_line(const CommandLine& cl, SupervisordConfig* c) {
  if (cl.nodaemon) c->nodaemon = true;
  if (cl.silent) c->silent = true;
  if (cl.nocleanup) c->nocleanup = true;
  if (cl.strip_ansi) c->strip_ansi = true;
  if (cl.user) {
    cli_value("-u/--user", *cl.user, parse_user);
    c->user = *cl.user;
  }
  if (cl.umask) c->umask = cli_value("-m/--umask", *cl.umask, parse_octal);
  if (cl.directory) c->directory = cli_value("-d/--directory", *cl.directory, parse_existing_directory);
  if (cl.logfile) {
    std::string path = cli_value("-l/--logfile", *cl.logfile, parse_existing_dirpath);
    c->logfile = path == "syslog" ? path : normalize_path(path);
  }
  if (cl.logfile_maxbytes)
    c->logfile_maxbytes = cli_value("-y/--logfile_maxbytes", *cl.logfile_maxbytes, parse_byte_size);
  if (cl.logfile_backups) c->logfile_backups = cli_value("-z/--logfile_backups", *cl.logfile_backups, parse_int32);
  if (cl.loglevel) c->loglevel = cli_value("-e/--loglevel", *cl.loglevel, parse_log_level_value);
  if (cl.pidfile) c->pidfile = normalize_path(cli_value("-j/--pidfile", *cl.pidfile, parse_existing_dirpath));
  if (cl.subprocpidfile)
    c->subprocpidfile = normalize_path(cli_value("--subprocpidfile", *cl.subprocpidfile, parse_existing_dirpath));
  if (cl.identifier) c->identifier = *cl.identifier;
  if (cl.childlogdir)
    c->childlogdir = normalize_path(cli_value("-q/--childlogdir", *cl.childlogdir, parse_existing_directory));
  if (cl.minfds) c->minfds = cli_value("-a/--minfds", *cl.minfds, parse_integer);
  if (cl.minprocs) c->minprocs = cli_value("--minprocs", *cl.minprocs, parse_integer);
}

}  // namespace sn
