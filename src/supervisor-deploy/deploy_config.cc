#include "supervisor-deploy/deploy_config.h"

#include <algorithm>
#include <charconv>

#include "lib/config/config_error.h"
#include "lib/config/ini_document.h"
#include "lib/config/section_reader.h"
#include "lib/config/value_parsers.h"
#include "lib/util/strings.h"

namespace sn {

namespace {

constexpr const char* kKnownKeys[] = {
    "user",         "password",       "root_dir",  "data_dirs",     "port",          "identity_file",
    "known_hosts",  "http_port",      "http_bind", "http_username", "http_password", "package_server",
    "crashmail_to", "crashmail_from", "smtp_host", "smtp_password",
};

int parse_port(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 65535)
    throw ValueError("expected a port from 1 to 65535, got '" + std::string(text) + "'");
  return value;
}

bool plain_address(std::string_view a) {
  return !a.empty() && a.find_first_of(" \t/@'\"\\;") == std::string_view::npos && a.front() != '-';
}

bool mail_address(std::string_view a) {
  size_t at = a.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < a.size() && a.find('@', at + 1) == std::string_view::npos &&
         a.find_first_of(" \t<>'\"\\;,") == std::string_view::npos && a.front() != '-';
}

class GroupReader {
 public:
  GroupReader(const IniDocument& doc, const std::string& section, const std::string& home)
      : doc_(doc), r_(doc, section), home_(home) {}

  DeployGroup read() {
    DeployGroup g;
    g.name = r_.section();
    for (const std::string& key : doc_.keys(g.name)) {
      if (!key.starts_with("host.") &&
          std::find(std::begin(kKnownKeys), std::end(kKnownKeys), key) == std::end(kKnownKeys))
        r_.fail(key,
                "unknown key (a group has user, password, root_dir, data_dirs, host.N, port, identity_file, "
                "known_hosts, http_port, http_bind, http_username, http_password, package_server, crashmail_to, "
                "crashmail_from, smtp_host, smtp_password)");
    }
    g.user = required("user");
    if (!plain_address(g.user)) r_.fail("user", "not a user name: '" + g.user + "'");
    g.password = text("password", "");
    g.root_dir = absolute("root_dir", required("root_dir"));
    for (const std::string& part : split(required("data_dirs"), ','))
      if (!trim(part).empty()) g.data_dirs.push_back(absolute("data_dirs", std::string(trim(part))));
    if (g.data_dirs.empty()) r_.fail("data_dirs", "expected at least one directory");
    int ssh_port = number("port", 22);
    for (const std::string& key : doc_.keys(g.name)) {
      if (!key.starts_with("host.")) continue;
      try {
        DeployHost h = parse_deploy_host(required(key.c_str()), ssh_port);
        h.label = key;
        g.hosts.push_back(std::move(h));
      } catch (const ValueError& e) {
        r_.fail(key, e.what());
      }
    }
    if (g.hosts.empty()) r_.fail("", "no hosts: give them as host.0=ADDRESS, host.1=...");
    g.identity_file = text("identity_file", "");
    if (!g.identity_file.empty()) g.identity_file = absolute_or_home("identity_file", g.identity_file);
    g.known_hosts = absolute_or_home("known_hosts", text("known_hosts", "~/.ssh/known_hosts"));
    g.http_port = number("http_port", 9001);
    g.http_bind = text("http_bind", "0.0.0.0");
    if (!plain_address(g.http_bind)) r_.fail("http_bind", "expected an address, or host for the host's own");
    g.http_username = text("http_username", "minosuser");
    g.http_password = required("http_password");
    for (const char* key : {"http_username", "http_password"}) {
      std::string v = text(key, "");
      if (v.find_first_of("\r\n") != std::string::npos) r_.fail(key, "must be one line");
    }
    g.package_server = required("package_server");
    if (!g.package_server.starts_with("http://") || g.package_server.find_first_of(" \t\r\n") != std::string::npos)
      r_.fail("package_server", "expected an http:// URL, got '" + g.package_server + "'");
    for (const std::string& part : split(text("crashmail_to", ""), ',')) {
      std::string a(trim(part));
      if (a.empty()) continue;
      if (!mail_address(a)) r_.fail("crashmail_to", "not a mail address: '" + a + "'");
      g.crashmail.to.push_back(a);
    }
    g.crashmail.from = text("crashmail_from", "");
    g.crashmail.smtp_host = text("smtp_host", "localhost");
    g.crashmail.smtp_password = text("smtp_password", "");
    if (!g.crashmail.to.empty()) {
      if (!mail_address(g.crashmail.from))
        r_.fail("crashmail_from", "required with crashmail_to: the sender's mail address");
      if (!plain_address(g.crashmail.smtp_host)) r_.fail("smtp_host", "not a host: '" + g.crashmail.smtp_host + "'");
    }
    return g;
  }

 private:
  std::string text(const char* key, const std::string& fallback) const {
    std::optional<std::string> v = r_.get_raw(key);
    return v ? std::string(trim(*v)) : fallback;
  }
  std::string required(const char* key) const {
    std::string v = text(key, "");
    if (v.empty()) r_.fail(key, "required");
    return v;
  }
  int number(const char* key, int fallback) const {
    std::optional<std::string> v = r_.get_raw(key);
    if (!v) return fallback;
    try {
      return parse_port(trim(*v));
    } catch (const ValueError& e) {
      r_.fail(key, e.what());
    }
  }
  std::string absolute(const char* key, std::string path) const {
    if (path.empty() || path[0] != '/' || path.find_first_of(" \t'\"\\;$`") != std::string::npos)
      r_.fail(key, "expected an absolute path without spaces or quotes, got '" + path + "'");
    return normalize_path(path);  // "/srv//x/./y/" is "/srv/x/y" on the host too
  }
  std::string absolute_or_home(const char* key, const std::string& path) const {
    if (path.starts_with("~/")) return normalize_path(home_ + path.substr(1));
    if (path.empty() || path[0] != '/') r_.fail(key, "expected an absolute path or ~/..., got '" + path + "'");
    return normalize_path(path);
  }

  const IniDocument& doc_;
  SectionReader r_;
  std::string home_;
};

}  // namespace

DeployHost parse_deploy_host(const std::string& text, int default_port) {
  DeployHost h;
  h.port = default_port;
  std::string_view rest = trim(text);
  if (rest.starts_with("[")) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) throw ValueError("unclosed '[' in '" + text + "'");
    h.address = std::string(rest.substr(1, close - 1));
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw ValueError("expected ':port' after ']' in '" + text + "'");
      h.port = parse_port(after.substr(1));
    }
  } else if (size_t colon = rest.find(':'); colon != std::string_view::npos && rest.rfind(':') == colon) {
    h.address = std::string(rest.substr(0, colon));
    h.port = parse_port(rest.substr(colon + 1));
  } else {
    h.address = std::string(rest);  // a host name, IPv4, or a bare IPv6 address
  }
  if (!plain_address(h.address)) throw ValueError("not a host address: '" + text + "'");
  return h;
}

DeployConfig load_deploy_config(const std::string& path, const std::string& home) {
  IniDocument doc;
  doc.read_file(path);
  DeployConfig config;
  config.file = path;
  for (const std::string& section : doc.sections()) config.groups.push_back(GroupReader(doc, section, home).read());
  if (config.groups.empty()) throw ConfigError(path + ": no host groups: add a [group_1] section");
  return config;
}

}  // namespace sn
