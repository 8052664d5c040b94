#include "lib/config/value_parsers.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <limits>

#include "lib/http/url.h"
#include "lib/util/signals.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

[[noreturn]] void fail(const std::string& expected, std::string_view got) {
  throw ValueError("expected " + expected + ", got " + py_repr(got));
}

bool is_directory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string dirname_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// A passwd entry copied out of getpw*_r's buffer.
struct PasswdEntry {
  std::string name;
  std::string home;
  uid_t uid = 0;
  gid_t gid = 0;
};

std::optional<PasswdEntry> copy_entry(int rc, passwd* result) {
  if (rc != 0 || !result) return std::nullopt;
  return PasswdEntry{result->pw_name, result->pw_dir, result->pw_uid, result->pw_gid};
}

std::string passwd_buffer() {
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  return std::string(size > 0 ? static_cast<size_t>(size) : 16384, '\0');
}

std::optional<PasswdEntry> lookup_uid(uid_t uid) {
  std::string buf = passwd_buffer();
  passwd pw;
  passwd* result = nullptr;
  int rc = getpwuid_r(uid, &pw, buf.data(), buf.size(), &result);
  return copy_entry(rc, result);
}

std::optional<PasswdEntry> lookup_user_name(const std::string& user) {
  std::string buf = passwd_buffer();
  passwd pw;
  passwd* result = nullptr;
  int rc = getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &result);
  return copy_entry(rc, result);
}

std::optional<gid_t> lookup_group(std::string_view v) {
  if (auto n = parse_python_int(v)) {
    if (*n < 0 || !getgrgid(static_cast<gid_t>(*n))) return std::nullopt;
    return static_cast<gid_t>(*n);
  }
  group* g = getgrnam(std::string(v).c_str());
  if (!g) return std::nullopt;
  return g->gr_gid;
}

// Python's non-POSIX shlex as supervisor configures it for key/value lists.
class KeyValueLexer {
 public:
  explicit KeyValueLexer(std::string_view text) : s_(text) {}

  std::vector<std::string> tokens() {
    std::vector<std::string> out;
    while (true) {
      std::optional<std::string> t = next();
      if (!t) return out;
      out.push_back(std::move(*t));
    }
  }

 private:
  static bool word_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    // Bytes of multi-byte UTF-8 characters stay inside words (Python would
    // split "café" and silently drop the rest of the value).
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           std::string_view("/.+-():").find(c) != std::string_view::npos || u >= 0x80;
  }
  static bool white(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  void skip_comment() {
    while (i_ < s_.size() && s_[i_] != '\n') ++i_;
    if (i_ < s_.size()) ++i_;
  }

  std::optional<std::string> next() {
    std::string token;
    char state = ' ';
    while (true) {
      if (i_ >= s_.size()) {
        if (state == '"' || state == '\'') throw ValueError("No closing quotation");
        if (token.empty()) return std::nullopt;
        return token;
      }
      char c = s_[i_++];
      if (state == ' ') {
        if (white(c)) continue;
        if (c == '#') {
          skip_comment();
        } else if (word_char(c)) {
          token = c;
          state = 'a';
        } else if (c == '"' || c == '\'') {
          token = c;
          state = c;
        } else {
          return std::string(1, c);
        }
      } else if (state == '"' || state == '\'') {
        token += c;
        if (c == state) return token;
      } else {  // in a word
        if (white(c)) return token;
        if (c == '#') {
          skip_comment();
        } else if (word_char(c) || c == '"' || c == '\'') {
          token += c;
        } else {
          --i_;  // punctuation ends the word and is the next token
          return token;
        }
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

std::string strip_quotes(const std::string& v) {
  size_t b = 0, e = v.size();
  while (b < e && (v[b] == '"' || v[b] == '\'')) ++b;
  while (e > b && (v[e - 1] == '"' || v[e - 1] == '\'')) --e;
  return v.substr(b, e - b);
}

std::string join_path(const std::string& base, std::string_view rel) {
  if (!rel.empty() && rel[0] == '/') return std::string(rel);
  if (base.empty() || base.back() == '/') return base + std::string(rel);
  return base + "/" + std::string(rel);
}

std::string normpath(const std::string& path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  for (const std::string& part : split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!absolute) parts.push_back(part);
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" + join(parts, "/") : join(parts, "/");
  return out.empty() ? "." : out;
}

}  // namespace

bool parse_boolean(std::string_view v) {
  std::string s = to_lower(v);
  if (s == "yes" || s == "true" || s == "on" || s == "1") return true;
  if (s == "no" || s == "false" || s == "off" || s == "0") return false;
  fail("a boolean (true/false, yes/no, on/off, 1/0)", v);
}

int64_t parse_integer(std::string_view v) {
  auto n = parse_python_int(v);
  if (!n) fail("an integer", v);
  return *n;
}

int parse_int32(std::string_view v) {
  int64_t n = parse_integer(v);
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
    fail("an integer between " + std::to_string(std::numeric_limits<int>::min()) + " and " +
             std::to_string(std::numeric_limits<int>::max()),
         v);
  }
  return static_cast<int>(n);
}

int64_t parse_byte_size(std::string_view v) {
  std::string s = to_lower(v);
  int64_t multiplier = 1;
  if (s.size() >= 2) {
    std::string_view suffix = std::string_view(s).substr(s.size() - 2);
    if (suffix == "kb") multiplier = 1024;
    if (suffix == "mb") multiplier = 1024 * 1024;
    if (suffix == "gb") multiplier = 1024LL * 1024 * 1024;
    if (multiplier != 1) s.resize(s.size() - 2);
  }
  auto n = parse_python_int(s);
  constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / (1024LL * 1024 * 1024);
  if (!n || *n > kLimit || *n < -kLimit) fail("a byte size such as 1024, 50KB, 50MB or 1GB", v);
  return *n * multiplier;
}

mode_t parse_octal(std::string_view v) {
  std::string_view s = trim(v);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) s.remove_prefix(2);
  if (s.empty() || s.size() > 8) fail("an octal number such as 022 or 0700", v);
  mode_t m = 0;
  for (char c : s) {
    if (c < '0' || c > '7') fail("an octal number such as 022 or 0700", v);
    m = m * 8 + static_cast<mode_t>(c - '0');
  }
  return m;
}

int parse_signal_value(std::string_view v) {
  auto sig = parse_signal(v);
  if (!sig) fail("a signal name such as TERM, SIGHUP or KILL, or a signal number", v);
  return *sig;
}

std::vector<int> parse_exit_codes(std::string_view v) {
  std::vector<int> codes;
  if (v.empty()) return codes;
  for (const std::string& part : split(v, ',')) {
    auto n = parse_python_int(part);
    // 999 is the Minos fork's "no exit is expected" (no real status matches it).
    if (!n || *n < 0 || (*n > 255 && *n != 999))
      fail("a comma-separated list of exit codes between 0 and 255 (or 999: none expected)", v);
    codes.push_back(static_cast<int>(*n));
  }
  return codes;
}

std::vector<std::pair<std::string, std::string>> parse_key_value_list(std::string_view v) {
  std::vector<std::string> tokens;
  try {
    tokens = KeyValueLexer(v).tokens();
  } catch (const ValueError& e) {
    fail(std::string("KEY=value pairs separated by commas (") + e.what() + ")", v);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < tokens.size(); i += 4) {
    if (i + 2 >= tokens.size() || tokens[i + 1] != "=") {
      fail("KEY=value pairs separated by commas (quote values that hold spaces, commas or punctuation)", v);
    }
    std::string value = strip_quotes(tokens[i + 2]);
    bool replaced = false;
    for (auto& kv : out)
      if (kv.first == tokens[i]) {
        kv.second = value;
        replaced = true;
      }
    if (!replaced) out.emplace_back(tokens[i], std::move(value));
  }
  return out;
}

std::vector<std::string> parse_string_list(std::string_view v) {
  std::vector<std::string> out;
  if (v.empty()) return out;
  for (const std::string& part : split(v, ',')) out.emplace_back(trim(part));
  return out;
}

LogLevel parse_log_level_value(std::string_view v) {
  auto level = parse_log_level(v);
  if (!level) fail("a log level: critical, error, warn, info, debug, trace or blather", v);
  return *level;
}

TimestampStyle parse_timestamp_style(std::string_view v) {
  std::string s = to_lower(trim(v));
  if (s == "none" || s.empty()) return {};
  if (s == "iso8601") return {TimestampStyle::Kind::kIso8601, ""};
  if (s == "utc") return {TimestampStyle::Kind::kUtc, ""};
  if (s == "tai64n") return {TimestampStyle::Kind::kTai64n, ""};
  std::string pattern(trim(v));
  if (pattern.find('%') == std::string::npos) fail("none, iso8601, utc, tai64n or a strftime pattern", v);
  if (std::string problem = check_timestamp_pattern(pattern); !problem.empty())
    throw ValueError("the strftime pattern " + py_repr(pattern) + " is not usable: " + problem);
  return {TimestampStyle::Kind::kPattern, pattern};
}

AutoRestart parse_autorestart(std::string_view v) {
  std::string s = to_lower(v);
  if (s == "unexpected") return AutoRestart::kUnexpected;
  if (s == "yes" || s == "true" || s == "on" || s == "1") return AutoRestart::kAlways;
  if (s == "no" || s == "false" || s == "off" || s == "0") return AutoRestart::kNever;
  fail("true, false or unexpected", v);
}

std::string parse_name(std::string_view v) {
  std::string s(trim(v));
  if (s.empty()) throw ValueError("a name must not be empty");
  for (char bad : {' ', ':', '/'}) {
    if (s.find(bad) != std::string::npos) {
      throw ValueError("invalid name " + py_repr(s) + " because of character: " + py_repr(std::string(1, bad)));
    }
  }
  return s;
}

InetAddress parse_inet_address(std::string_view v) {
  InetAddress addr;
  std::string_view s = trim(v);
  std::string_view port = s;
  size_t colon = s.rfind(':');
  if (colon != std::string_view::npos) {
    std::string host = to_lower(s.substr(0, colon));
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    addr.host = host == "*" ? "" : host;
    port = s.substr(colon + 1);
  }
  auto n = parse_python_int(port);
  if (port.empty() || !n || *n < 1 || *n > 65535) {
    fail("a port, host:port or *:port with a port between 1 and 65535", v);
  }
  addr.port = static_cast<int>(*n);
  return addr;
}

UserIds parse_user(std::string_view v) {
  std::string s(v);
  std::optional<PasswdEntry> entry;
  if (auto n = parse_python_int(s)) {
    if (*n >= 0) entry = lookup_uid(static_cast<uid_t>(*n));
    if (!entry) throw ValueError("no user with id " + s + " in the passwd database");
  } else {
    entry = lookup_user_name(s);
    if (!entry) throw ValueError("no user named " + py_repr(s) + " in the passwd database");
  }
  return UserIds{entry->uid, entry->gid, entry->name};
}

std::pair<uid_t, gid_t> parse_user_group(std::string_view v) {
  size_t colon = v.find(':');
  UserIds user = parse_user(v.substr(0, colon));
  if (colon == std::string_view::npos) return {user.uid, static_cast<gid_t>(-1)};
  auto gid = lookup_group(v.substr(colon + 1));
  if (!gid) throw ValueError("no group " + py_repr(v.substr(colon + 1)) + " in the group database");
  return {user.uid, *gid};
}

std::string expand_user(std::string_view path) {
  if (path.empty() || path[0] != '~') return std::string(path);
  size_t slash = path.find('/');
  std::string_view user = path.substr(1, slash == std::string_view::npos ? std::string_view::npos : slash - 1);
  std::string home;
  if (user.empty()) {
    const char* env = std::getenv("HOME");
    if (env) {
      home = env;
    } else if (auto me = lookup_uid(getuid())) {
      home = me->home;
    }
  } else if (auto other = lookup_user_name(std::string(user))) {
    home = other->home;
  }
  if (home.empty()) return std::string(path);
  if (slash == std::string_view::npos) return home;
  while (home.size() > 1 && home.back() == '/') home.pop_back();
  return home + std::string(path.substr(slash));
}

std::string normalize_path_from(std::string_view v, std::string_view base_dir) {
  return normpath(join_path(std::string(base_dir), expand_user(v)));
}

std::string normalize_path(std::string_view v) {
  char cwd[4096];
  std::string base = ::getcwd(cwd, sizeof cwd) ? cwd : "/";
  return normalize_path_from(v, base);
}

std::string parse_existing_dirpath(std::string_view v) {
  std::string path = expand_user(v);
  std::string dir = dirname_of(path);
  if (dir.empty() || is_directory(dir)) return path;
  throw ValueError("the directory " + dir + " named in the path " + py_repr(v) + " does not exist");
}

std::string parse_existing_directory(std::string_view v) {
  std::string path = expand_user(v);
  if (is_directory(path)) return path;
  throw ValueError(py_repr(v) + " is not an existing directory");
}

std::string parse_url(std::string_view v) {
  std::optional<UrlParts> url = split_url(v);
  if (!url || (url->authority.empty() && url->path.empty()))
    fail("a URL such as http://localhost:9001 or unix:///var/run/supervisor.sock", v);
  return std::string(v);
}

}  // namespace sn
