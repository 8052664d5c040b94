// Tested by t/unit/server_url_test.cc.
#include "supervisorctl/server_url.h"

namespace sn {

namespace {

bool take_prefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::optional<ServerUrl> parse_server_url(std::string_view text) {
  ServerUrl url;
  url.text = std::string(text);
  std::string_view rest = text;
  if (take_prefix(&rest, "unix://")) {
    url.scheme = ServerUrl::Scheme::kUnix;
    url.socket_path = std::string(rest);
  } else if (take_prefix(&rest, "http://")) {
    url.scheme = ServerUrl::Scheme::kHttp;
  } else if (take_prefix(&rest, "https://")) {
    url.scheme = ServerUrl::Scheme::kHttps;
  } else {
    return std::nullopt;
  }
  if (rest.empty()) return std::nullopt;
  return url;
}

std::string ServerUrl::request_url(std::string_view path) const {
  if (scheme == Scheme::kUnix) return "http://localhost" + std::string(path);
  // Like supervisorctl, only the scheme and host:port count; a path in the
  // URL is ignored.
  size_t host_start = text.find("://") + 3;
  size_t host_end = text.find('/', host_start);
  return text.substr(0, host_end) + std::string(path);
}

}  // namespace sn
