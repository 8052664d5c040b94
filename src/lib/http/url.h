// URLs: the one splitter the project uses, percent-decoding, quoting,
// and query strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sn {

// "scheme:[//authority]path[?query][#fragment]", split as RFC 3986 does.
struct UrlParts {
  std::string scheme;                // as written ("http", "unix")
  bool has_authority = false;        // "//" followed the scheme
  std::string authority;             // "user@host:port", "[::1]:81", "" for unix:///path
  std::string path;                  // "/a/b", "" when none
  std::optional<std::string> query;  // after '?', without it
  std::string after_scheme;          // everything after "scheme:" ("//h:1/x?y")
};
// nullopt when `text` does not start with a scheme (a letter, then
// letters, digits, '+', '-' or '.', then ':').
std::optional<UrlParts> split_url(std::string_view text);

// An authority's host and port: "h:81" -> {"h", "81"}, "[::1]:81" ->
// {"::1", "81"}, "h" -> {"h", ""}. nullopt for an unclosed '[' or junk
// after ']'.
struct HostPort {
  std::string host;
  std::string port;
};
std::optional<HostPort> split_host_port(std::string_view authority);

// "%41b+c" -> "Ab+c" ("+" stays: paths do not use it for spaces).
std::optional<std::string> percent_decode(std::string_view s);
// Form decoding: like percent_decode, and "+" is a space.
std::optional<std::string> form_decode(std::string_view s);
// Quotes everything but unreserved characters ("a b/c" -> "a%20b%2Fc").
std::string percent_encode(std::string_view s);
// "a=1&b=x%20y" -> {a:1, b:"x y"}; the first value of a repeated key wins.
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace sn
