// Parsers for the value types of supervisord.conf (supervisor's datatypes.py).
// Each returns the typed value or throws ValueError saying what was expected;
// the caller adds where the value came from.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/util/log_level.h"
#include "lib/util/timestamp_format.h"

namespace sn {

class ValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool parse_boolean(std::string_view v);
int64_t parse_integer(std::string_view v);
int parse_int32(std::string_view v);
// "1024", "50KB", "50MB", "1GB" (1024-based, any case).
int64_t parse_byte_size(std::string_view v);
// Python's int(v, 8): "022", "0700", "700", "0o22".
mode_t parse_octal(std::string_view v);
int parse_signal_value(std::string_view v);
// "0,2": each 0..255; empty means none.
std::vector<int> parse_exit_codes(std::string_view v);
// "A=1,B=\"x, y\"": tokenised like supervisor (Python's non-POSIX shlex).
std::vector<std::pair<std::string, std::string>> parse_key_value_list(std::string_view v);
// "a, b ,c" -> {"a","b","c"}; empty -> {}.
std::vector<std::string> parse_string_list(std::string_view v);
LogLevel parse_log_level_value(std::string_view v);

// none, iso8601, utc, tai64n, or a strftime pattern (anything with a %).
TimestampStyle parse_timestamp_style(std::string_view v);

enum class AutoRestart { kNever, kUnexpected, kAlways };
AutoRestart parse_autorestart(std::string_view v);

// A process or group name: stripped; no space, ':' or '/'; not empty.
std::string parse_name(std::string_view v);

struct InetAddress {
  std::string host;  // empty: all interfaces
  int port = 0;
};
// "9001", "host:9001", "*:9001", ":9001", "[::1]:9001".
InetAddress parse_inet_address(std::string_view v);

struct UserIds {
  uid_t uid = 0;
  gid_t gid = 0;  // the user's primary group
  std::string name;
};
// A user name or numeric uid that exists in the passwd database.
UserIds parse_user(std::string_view v);
// "user" or "user:group" (names or ids); gid -1 when no group is given.
std::pair<uid_t, gid_t> parse_user_group(std::string_view v);

// "~" expanded; the directory part must exist.
std::string parse_existing_dirpath(std::string_view v);
// "~" expanded; must be an existing directory.
std::string parse_existing_directory(std::string_view v);

std::string expand_user(std::string_view path);
// os.path.normpath(os.path.abspath(os.path.expanduser(v))).
std::string normalize_path(std::string_view v);
std::string normalize_path_from(std::string_view v, std::string_view base_dir);

// "scheme://netloc..." or "scheme:path" — supervisor's url() check.
std::string parse_url(std::string_view v);

}  // namespace sn
