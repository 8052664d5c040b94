#include "supervisor-deploy/install_plan.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "lib/config/value_parsers.h"
#include "lib/util/read_file.h"

namespace sn {

namespace {

constexpr const char* kPrograms[] = {"supervisord", "supervisorctl", "crashmail"};

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// FNV-1a, 64 bits: an identity for the install, not a security measure.
uint64_t fnv1a(uint64_t h, std::string_view data) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::vector<LocalProgram> find_programs(const std::string& from_dir, const std::string& installed_prefix) {
  const std::string from = normalize_path(from_dir);  // "bin/../.." said as the directory it is
  std::vector<LocalProgram> out;
  for (const char* name : kPrograms) {
    std::vector<std::string> tried = {from + "/src/" + name + "/" + name, from + "/bin/" + installed_prefix + name};
    std::optional<std::string> content;
    std::string found;
    int error = 0;
    for (const auto& path : tried) {
      if (::access(path.c_str(), X_OK) == 0 && (content = read_whole_file(path, &error))) {
        found = path;
        break;
      }
    }
    if (!content)
      throw std::runtime_error("no " + std::string(name) + " program under " + from + " (looked for " +
                               join(tried, " and ") + "); build it or pass --from");
    out.push_back({name, found, std::move(*content)});
  }
  return out;
}

std::string crashmail_section(const DeployGroup& g) {
  if (g.crashmail.to.empty()) return "";
  std::string command = g.root_dir + "/supervisor/bin/crashmail --minos -l " + std::to_string(g.http_port) +
                        " --toEmail=" + join(g.crashmail.to, ",") + " --fromEmail=" + g.crashmail.from +
                        " --smtpHost=" + g.crashmail.smtp_host;
  if (!g.crashmail.smtp_password.empty()) {
    std::string doubled;  // supervisor reads %% as %
    for (char c : g.crashmail.smtp_password) doubled += c == '%' ? "%%" : std::string(1, c);
    command += " --password=" + shell_quote(doubled);
  }
  command += " --tickEvent=TICK_5 --interval=0.5 --alertConfig=%(here)s/alert.cfg";
  return "[eventlistener:crashmail]\ncommand=" + command +
         "\nevents=PROCESS_STATE,TICK_5\nbuffer_size=100\nautostart=true\nstderr_logfile=" + g.root_dir +
         "/log/crashmail.stderr\n";
}

std::string render_supervisord_conf(const std::string& text, const DeployGroup& g, const DeployHost& host) {
  // supervisor reads %% as %: a literal % in a value must be doubled.
  auto literal = [](const std::string& v) {
    std::string out;
    for (char c : v) out += c == '%' ? "%%" : std::string(1, c);
    return out;
  };
  std::vector<std::pair<std::string, std::string>> values = {
      {"HOST", host.address},
      {"GROUP", g.name},
      {"ROOT_DIR", g.root_dir},
      {"DATA_DIRS", join(g.data_dirs, ",")},
      {"HTTP_BIND", g.http_bind == "host"
                        ? (host.address.find(':') != std::string::npos ? "[" + host.address + "]" : host.address)
                        : g.http_bind},
      {"HTTP_PORT", std::to_string(g.http_port)},
      {"HTTP_USERNAME", literal(g.http_username)},
      {"HTTP_PASSWORD", literal(g.http_password)},
      {"PACKAGE_SERVER", g.package_server},
      {"CRASHMAIL", crashmail_section(g)},
  };
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t at = text.find('@', pos);
    if (at == std::string::npos) break;
    size_t end = text.find('@', at + 1);
    std::string name = end == std::string::npos ? "" : text.substr(at + 1, end - at - 1);
    bool is_mark = !name.empty() && name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos;
    if (!is_mark) {
      out += text.substr(pos, at + 1 - pos);
      pos = at + 1;
      continue;
    }
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (it == values.end()) throw std::runtime_error("the template has an unknown mark @" + name + "@");
    out += text.substr(pos, at - pos) + it->second;
    pos = end + 1;
  }
  out += text.substr(pos);
  return out;
}

std::string install_id(const std::vector<LocalProgram>& programs, const std::string& conf) {
  uint64_t h = 14695981039346656037ULL;
  for (const auto& p : programs) h = fnv1a(fnv1a(h, p.name), p.content);
  h = fnv1a(h, conf);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? "'\\''" : std::string(1, c);
  return out + "'";
}

}  // namespace sn
