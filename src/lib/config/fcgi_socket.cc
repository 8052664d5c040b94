// Tested by t/unit/program_sections_test.cc (FcgiProgram*) and t/integration/test_fcgi.py.
#include "lib/config/fcgi_socket.h"

#include <regex>

#include "lib/config/value_parsers.h"
#include "lib/util/strings.h"

namespace sn {

FcgiSocketConfig parse_fcgi_socket(std::string_view text) {
  std::string value(trim(text));
  FcgiSocketConfig s;
  if (value.rfind("unix://", 0) == 0) {
    std::string path = value.substr(7);
    if (path.empty() || path[0] != '/') throw ValueError("unix socket path " + py_repr(path) + " is not absolute");
    s.is_unix = true;
    s.path = normalize_path(path);
    s.url = "unix://" + s.path;
    return s;
  }
  // As supervisor: tcp://HOST:PORT with a name or an IPv4 address.
  static const std::regex kTcp(R"(tcp://([^\s:]+):(\d+))");
  std::smatch m;
  if (!std::regex_match(value, m, kTcp))
    throw ValueError("expected tcp://HOST:PORT or unix:///PATH, got " + py_repr(value));
  s.host = to_lower(m[1].str());
  s.port = parse_int32(m[2].str());
  if (s.port < 1 || s.port > 65535) throw ValueError(std::to_string(s.port) + " is not a port (1 to 65535)");
  s.url = "tcp://" + s.host + ":" + std::to_string(s.port);
  return s;
}

}  // namespace sn
