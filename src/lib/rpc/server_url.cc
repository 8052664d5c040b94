// Tested by t/unit/server_url_test.cc.
#include "lib/rpc/server_url.h"

#include "lib/http/url.h"

namespace sn {

std::optional<ServerUrl> parse_server_url(std::string_view text) {
  std::optional<UrlParts> parts = split_url(text);
  if (!parts || !parts->has_authority) return std::nullopt;
  ServerUrl url;
  url.text = std::string(text);
  if (parts->scheme == "unix") {
    url.scheme = ServerUrl::Scheme::kUnix;
    url.socket_path = parts->after_scheme.substr(2);
  } else if (parts->scheme == "http") {
    url.scheme = ServerUrl::Scheme::kHttp;
  } else if (parts->scheme == "https") {
    url.scheme = ServerUrl::Scheme::kHttps;
  } else {
    return std::nullopt;
  }
  if (parts->after_scheme.size() == 2) return std::nullopt;
  url.origin = parts->scheme + "://" + parts->authority;
  return url;
}

std::string ServerUrl::request_url(std::string_view path) const {
  if (scheme == Scheme::kUnix) return "http://localhost" + std::string(path);
  // Like supervisorctl, only the scheme and host:port count; a path in the
  // URL is ignored.
  return origin + std::string(path);
}

}  // namespace sn
