// Tested by t/unit/client_options_test.cc.
#include "supervisorctl/client_options.h"

#include <getopt.h>
#include <unistd.h>

#include <cstring>

#include "lib/config/config_error.h"
#include "lib/config/config_search.h"
#include "lib/config/ini_document.h"
#include "lib/config/value_parsers.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr const char* kUsage = R"(supervisorctl -- control applications run by supervisord from the cmd line.

Usage: %s [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-h/--help -- print usage message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which supervisord server is listening
     (default "http://localhost:9001").
-u/--username USERNAME -- username to use for authentication with server
-p/--password PASSWORD -- password to use for authentication with server
-r/--history-file -- keep a readline history (if readline is available)

action [arguments] -- see below

Actions are commands like "tail" or "stop".  If -i is specified or no action is
specified on the command line, a "shell" interpreting actions typed
interactively is started.  Use the action "help" to find out about available
actions.

)";

struct Flags {
  std::optional<std::string> configuration, serverurl, username, password, history_file;
  bool interactive = false;
  bool help = false;
  std::vector<std::string> command;
};

// How the user wrote the option at fault: "-s", or "--serverurl" for a long one.
std::string flag_name(char** argv, int opt) {
  std::string written = argv[optind - 1];
  if (written.rfind("--", 0) == 0) return written.substr(0, written.find('='));
  return opt ? std::string("-") + static_cast<char>(opt) : written;
}

// Like supervisor's options: giving one twice is an error, not "last wins".
void set_once(std::optional<std::string>* slot, char** argv, char opt) {
  if (*slot) throw UsageError("conflicting command line option " + py_repr(flag_name(argv, opt)));
  *slot = optarg;
}

Flags parse_flags(int argc, char** argv) {
  static const option kLong[] = {
      {"configuration", required_argument, nullptr, 'c'},
      {"help", no_argument, nullptr, 'h'},
      {"interactive", no_argument, nullptr, 'i'},
      {"serverurl", required_argument, nullptr, 's'},
      {"username", required_argument, nullptr, 'u'},
      {"password", required_argument, nullptr, 'p'},
      {"history_file", required_argument, nullptr, 'r'},
      {"history-file", required_argument, nullptr, 'r'},
      {nullptr, 0, nullptr, 0},
  };
  Flags f;
  opterr = 0;
  optind = 0;  // 0 makes GNU getopt start over completely
  int c;
  // "+": options end at the first word that is not one, as with Python's
  // getopt, so "supervisorctl tail -f x" passes -f to the command.
  while ((c = getopt_long(argc, argv, "+:c:his:u:p:r:", kLong, nullptr)) != -1) {
    switch (c) {
      case 'c': set_once(&f.configuration, argv, 'c'); break;
      case 'h': f.help = true; break;
      case 'i': f.interactive = true; break;
      case 's': set_once(&f.serverurl, argv, 's'); break;
      case 'u': set_once(&f.username, argv, 'u'); break;
      case 'p': set_once(&f.password, argv, 'p'); break;
      case 'r': set_once(&f.history_file, argv, 'r'); break;
      case ':': throw UsageError("option " + flag_name(argv, optopt) + " requires argument");
      default:
        if (optopt != '?') throw UsageError("option " + flag_name(argv, optopt) + " not recognized");
        f.help = true;  // supervisor's -? is -h
        break;
    }
  }
  for (int i = optind; i < argc; ++i) f.command.emplace_back(argv[i]);
  return f;
}

ServerUrl checked_server_url(const std::string& text, const std::string& where) {
  std::optional<ServerUrl> url = parse_server_url(text);
  if (!url) {
    throw UsageError("invalid value for " + where + " '" + text +
                     "': expected http://host:port, https://host:port or unix:///path/to/socket");
  }
  return *url;
}

CtlConfig read_config_file(const std::string& path, const LoaderEnvironment& env) {
  if (::access(path.c_str(), F_OK) != 0) throw UsageError("could not find config file " + path);
  IniDocument doc;
  try {
    doc.read_file(path);
  } catch (const ConfigError& e) {
    throw UsageError(e.what());
  }
  if (!doc.has_section("supervisorctl")) throw UsageError(path + ": .ini file does not include supervisorctl section");
  std::string absolute = normalize_path_from(path, env.cwd);
  std::string here = absolute.substr(0, absolute.rfind('/'));
  if (here.empty()) here = "/";
  try {
    return read_ctl_section(doc, env, here);
  } catch (const ConfigError& e) {
    throw UsageError(e.what());
  }
}

}  // namespace

std::string client_usage_text(const std::string& program) {
  std::string text = kUsage;
  text.replace(text.find("%s"), 2, program);
  return text;
}

ClientOptions parse_client_options(int argc, char** argv, const std::string& program_path,
                                   const LoaderEnvironment& env) {
  Flags f = parse_flags(argc, argv);
  ClientOptions o;
  o.help = f.help;
  if (f.help) return o;
  o.config_file = f.configuration ? f.configuration : find_config_file(program_path);
  CtlConfig file;
  if (o.config_file) file = read_config_file(*o.config_file, env);
  if (f.serverurl) {
    try {
      parse_url(*f.serverurl);
    } catch (const ValueError& e) {
      throw UsageError("invalid value for -s '" + *f.serverurl + "': " + e.what());
    }
    o.server = checked_server_url(*f.serverurl, "-s");
  } else {
    o.server = checked_server_url(
        file.serverurl, o.config_file ? *o.config_file + ": [supervisorctl] serverurl" : std::string("serverurl"));
  }
  o.credentials.username = f.username ? f.username : file.username;
  o.credentials.password = f.password ? f.password : file.password;
  o.prompt = file.prompt;
  o.history_file = f.history_file ? f.history_file : file.history_file;
  o.command = std::move(f.command);
  o.interactive = f.interactive || o.command.empty();
  return o;
}

}  // namespace sn
