#include "lib/config/config_loader.h"

#include <glob.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "lib/config/config_warnings.h"
#include "lib/config/program_sections.h"
#include "lib/config/section_options.h"
#include "lib/config/section_reader.h"
#include "lib/config/start_dependencies.h"
#include "lib/config/supervisord_options.h"
#include "lib/util/strings.h"

extern char** environ;

namespace sn {
namespace {

constexpr std::string_view kMainRpcFactory = "supervisor.rpcinterface:make_main_rpcinterface";
constexpr std::string_view kDeploymentRpcFactory = "deployment.rpcinterface:deployment_rpcinterface";
constexpr std::string_view kRpcFactoryKey = "supervisor.rpcinterface_factory";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::vector<std::string> glob_sorted(const std::string& pattern) {
  glob_t g{};
  std::vector<std::string> out;
  if (::glob(pattern.c_str(), 0, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  std::sort(out.begin(), out.end());
  return out;
}

class SupervisordConfigLoader {
 public:
  SupervisordConfigLoader(const std::string& path, const LoaderEnvironment& env) : env_(env) {
    config_.config_file = normalize_path_from(path, env.cwd);
    config_.here = directory_of(config_.config_file);
    environ_ = environ_expansions(env.environ);
  }

  // What was found before an error stopped the reading.
  const std::vector<std::string>& warnings() const { return config_.parse_warnings; }

  SupervisordConfig load() {
    const std::string& path = config_.config_file;
    if (!file_exists(path)) throw ConfigError("could not find config file " + path);
    doc_.read_file(path);
    read_includes();
    for (std::string& w : config_warnings(doc_)) config_.parse_warnings.push_back(std::move(w));
    if (!doc_.has_section("supervisord")) {
      throw ConfigError(path + ": the file has no [supervisord] section (it is required)");
    }
    read_supervisord_section();
    for (const auto& [k, v] : config_.environment) environ_["ENV_" + k] = v;
    read_rpcinterfaces();
    ProgramSectionContext ctx{doc_, environ_, env_.host_node_name, &config_.parse_warnings};
    config_.groups = read_process_groups(ctx);
    check_start_dependencies(doc_, config_.groups);
    merge_global_environment();
    read_servers();
    read_ctl();
    return std::move(config_);
  }

 private:
  Expansions names_with_here() const {
    Expansions names = environ_;
    names["here"] = config_.here;
    return names;
  }

  void read_includes() {
    if (!doc_.has_section("include")) return;
    SectionReader r(doc_, "include");
    Expansions names = names_with_here();
    names["host_node_name"] = env_.host_node_name;
    std::optional<std::string> files = r.get("files", names);
    if (!files) r.fail("files", "an [include] section needs a files= line");
    for (const std::string& pattern : split_whitespace(*files)) {
      std::string full = pattern[0] == '/' ? pattern : config_.here + "/" + pattern;
      std::vector<std::string> matches = glob_sorted(full);
      if (matches.empty()) {
        config_.parse_warnings.push_back(r.where("files").describe() + ": No file matches via include \"" + full +
                                         "\"");
        continue;
      }
      for (const std::string& file : matches) {
        config_.parse_infos.push_back("Included extra file \"" + file + "\" during parsing");
        doc_.read_file(file);
      }
    }
  }

  void read_supervisord_section() {
    SectionReader r(doc_, "supervisord");
    Expansions names = names_with_here();
    SupervisordOptionReading reading(r, names, env_, config_);
    for (const SupervisordOption& o : supervisord_options()) o.read(o, reading);
  }

  void read_rpcinterfaces() {
    for (const std::string& section : doc_.sections()) {
      if (!starts_with(section, "rpcinterface:")) continue;
      SectionReader r(doc_, section);
      RpcInterfaceConfig rpc;
      rpc.name = section.substr(section.find(':') + 1);
      std::optional<std::string> factory = r.get(kRpcFactoryKey, environ_);
      if (!factory) r.fail(kRpcFactoryKey, "the section does not specify a " + std::string(kRpcFactoryKey));
      rpc.factory = std::string(trim(*factory));
      if (!is_known_rpc_factory(rpc.factory)) {
        r.fail(kRpcFactoryKey, py_repr(rpc.factory) + " cannot be resolved: this build provides " +
                                   std::string(kMainRpcFactory) + " and " + std::string(kDeploymentRpcFactory));
      }
      for (const std::string& key : doc_.keys(section)) {
        if (key != kRpcFactoryKey) rpc.options.emplace_back(key, *r.get(key, environ_));
      }
      if (rpc.factory == kDeploymentRpcFactory) read_deployment(r, rpc.name);
      config_.rpcinterfaces.push_back(std::move(rpc));
    }
  }

  void read_deployment(const SectionReader& r, const std::string& name_space) {
    if (config_.deployment) r.fail(kRpcFactoryKey, "only one section may use " + std::string(kDeploymentRpcFactory));
    DeploymentConfig d;
    d.name_space = name_space;
    auto required = [&](const char* key) {
      std::optional<std::string> v = r.get(key, environ_);
      if (!v || trim(*v).empty()) r.fail(key, "required by " + std::string(kDeploymentRpcFactory));
      return std::string(trim(*v));
    };
    auto absolute = [&](const char* key, std::string_view value) {
      std::string path(trim(value));
      if (path.empty() || path[0] != '/') r.fail(key, "expected an absolute path, got " + py_repr(path));
      while (path.size() > 1 && path.back() == '/') path.pop_back();
      return path;
    };
    d.package_server = required("package_server");
    if (!starts_with(d.package_server, "http://"))
      r.fail("package_server", "expected an http:// URL, got " + py_repr(d.package_server));
    d.download_package_uri = required("download_package_uri");
    d.get_latest_package_info_uri = required("get_latest_package_info_uri");
    for (auto [key, field] : {std::pair{"package_root", &d.package_root}, std::pair{"app_root", &d.app_root},
                              std::pair{"log_root", &d.log_root}}) {
      if (auto v = r.get(key, environ_)) *field = absolute(key, *v);
    }
    if (auto v = r.get("data_dirs", environ_)) {
      d.data_dirs.clear();
      for (const std::string& part : split(*v, ',')) {
        if (!trim(part).empty()) d.data_dirs.push_back(absolute("data_dirs", part));
      }
      if (d.data_dirs.empty()) r.fail("data_dirs", "expected at least one directory");
    }
    Expansions none;
    d.download_timeout =
        r.parse("download_timeout", section_default(OptionSection::kDeployment, "download_timeout"), none, parse_int32);
    d.script_timeout =
        r.parse("script_timeout", section_default(OptionSection::kDeployment, "script_timeout"), none, parse_int32);
    if (d.download_timeout <= 0) r.fail("download_timeout", "expected a positive number of seconds");
    if (d.script_timeout <= 0) r.fail("script_timeout", "expected a positive number of seconds");
    config_.deployment = std::move(d);
  }

  void merge_global_environment() {
    if (config_.environment.empty()) return;
    for (GroupConfig& g : config_.groups) {
      for (ProcessConfig& p : g.processes) {
        EnvironmentList merged = config_.environment;
        for (const auto& [k, v] : p.environment) {
          auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& kv) { return kv.first == k; });
          if (it != merged.end()) it->second = v;
          else merged.emplace_back(k, v);
        }
        p.environment = std::move(merged);
      }
    }
  }

  void read_credentials(const SectionReader& r, HttpServerConfig* s) {
    s->username = r.get("username", environ_);
    s->password = r.get("password", environ_);
    if (s->username.has_value() != s->password.has_value()) {
      r.fail(s->username ? "password" : "username",
             "incomplete authentication: if a username or a password is specified, both must be");
    }
  }

  void read_servers() {
    for (const std::string& section : doc_.sections()) {
      if (!starts_with(section, "inet_http_server")) continue;
      SectionReader r(doc_, section);
      HttpServerConfig s;
      s.family = HttpServerConfig::Family::kInet;
      s.section = section;
      read_credentials(r, &s);
      if (!r.has("port")) r.fail("port", "the section has no port= value (it is required)");
      InetAddress addr = r.parse("port", "", environ_, parse_inet_address);
      s.host = addr.host;
      s.port = addr.port;
      config_.servers.push_back(std::move(s));
    }
    for (const std::string& section : doc_.sections()) {
      if (!starts_with(section, "unix_http_server")) continue;
      SectionReader r(doc_, section);
      HttpServerConfig s;
      s.family = HttpServerConfig::Family::kUnix;
      s.section = section;
      std::optional<std::string> file = r.get("file", names_with_here());
      if (!file) r.fail("file", "the section has no file= value (it is required)");
      s.file = normalize_path_from(trim(*file), env_.cwd);
      read_credentials(r, &s);
      if (r.has("chown")) {
        auto [uid, gid] = r.parse("chown", "", environ_, parse_user_group);
        s.chown_uid = uid;
        s.chown_gid = gid;
      }
      s.chmod = r.parse("chmod", section_default(OptionSection::kUnixHttpServer, "chmod"), environ_, parse_octal);
      config_.servers.push_back(std::move(s));
    }
  }

  // supervisord itself does not use [supervisorctl]; a mistake there is
  // reported but does not stop the daemon (supervisorctl will refuse it).
  void read_ctl() {
    if (!doc_.has_section("supervisorctl")) return;
    try {
      config_.ctl = read_ctl_section(doc_, env_, config_.here);
    } catch (const ConfigError& e) {
      config_.parse_warnings.push_back(std::string("[supervisorctl] section ignored by supervisord: ") + e.what());
    }
  }

  const LoaderEnvironment& env_;
  IniDocument doc_;
  Expansions environ_;
  SupervisordConfig config_;
};

}  // namespace

Expansions environ_expansions(const EnvironmentList& env) {
  Expansions names;
  for (const auto& [k, v] : env) names["ENV_" + k] = v;
  return names;
}

LoaderEnvironment LoaderEnvironment::current() {
  LoaderEnvironment env;
  for (char** e = ::environ; e && *e; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    env.environ.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  struct utsname u;
  if (::uname(&u) == 0) env.host_node_name = u.nodename;
  char cwd[4096];
  env.cwd = ::getcwd(cwd, sizeof cwd) ? cwd : "/";
  const char* tmp = std::getenv("TMPDIR");
  env.tmpdir = tmp && *tmp ? tmp : "/tmp";
  return env;
}

bool is_known_rpc_factory(const std::string& factory) {
  return factory == kMainRpcFactory || factory == kDeploymentRpcFactory;
}

bool is_main_rpc_factory(const std::string& factory) { return factory == kMainRpcFactory; }

SupervisordConfig load_supervisord_config(const std::string& path, const LoaderEnvironment& env) {
  return SupervisordConfigLoader(path, env).load();
}

ConfigCheck check_supervisord_config(const std::string& path, const LoaderEnvironment& env) {
  SupervisordConfigLoader loader(path, env);
  ConfigCheck check;
  try {
    check.config = loader.load();
    check.warnings = check.config->parse_warnings;
  } catch (const ConfigError& e) {
    check.warnings = loader.warnings();
    check.error = e.what();
  }
  return check;
}

CtlConfig read_ctl_section(const IniDocument& doc, const LoaderEnvironment& env, const std::string& here) {
  SectionReader r(doc, "supervisorctl");
  Expansions names = environ_expansions(env.environ);
  Expansions with_here = names;
  with_here["here"] = here;
  CtlConfig c;
  c.serverurl = r.parse("serverurl", section_default(OptionSection::kSupervisorctl, "serverurl"), with_here, parse_url);
  if (starts_with(c.serverurl, "unix://")) {
    c.serverurl = "unix://" + normalize_path_from(c.serverurl.substr(7), env.cwd);
  }
  c.prompt = r.get_or("prompt", section_default(OptionSection::kSupervisorctl, "prompt"), names);
  c.username = r.get("username", names);
  c.password = r.get("password", names);
  if (auto history = r.get("history_file", with_here); history && !history->empty()) {
    c.history_file = normalize_path_from(*history, env.cwd);
  }
  return c;
}

std::string SupervisordConfig::default_server_url() const {
  for (const HttpServerConfig& s : servers)
    if (s.family == HttpServerConfig::Family::kUnix) return "unix://" + s.file;
  for (const HttpServerConfig& s : servers)
    if (s.family == HttpServerConfig::Family::kInet) {
      std::string host = s.host.empty() ? "localhost" : s.host;
      if (host.find(':') != std::string::npos) host = "[" + host + "]";
      return "http://" + host + ":" + std::to_string(s.port);
    }
  return "";
}

}  // namespace sn
