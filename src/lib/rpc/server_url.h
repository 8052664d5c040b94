// The serverurl supervisorctl and supervisor-deploy talk to: http://host[:port], https://...,
// or unix:///path/to/socket.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sn {

struct ServerUrl {
  enum class Scheme { kHttp, kHttps, kUnix };

  std::string text;  // as the user gave it; messages quote it
  Scheme scheme = Scheme::kHttp;
  std::string socket_path;  // kUnix only
  std::string origin;       // "http://host:port", without a path
  // What a request for `path` ("/RPC2") is sent to. Over a unix socket the
  // host part is "localhost", as supervisorctl sends in its Host header.
  std::string request_url(std::string_view path) const;
};

// nullopt when the scheme is none of http, https, unix, or nothing follows it.
std::optional<ServerUrl> parse_server_url(std::string_view text);

}  // namespace sn
