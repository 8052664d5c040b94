// Pieces of URLs: percent-decoding, quoting, and query strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sn {

// "%41b+c" -> "Ab+c" ("+" stays: paths do not use it for spaces).
std::optional<std::string> percent_decode(std::string_view s);
// Form decoding: like percent_decode, and "+" is a space.
std::optional<std::string> form_decode(std::string_view s);
// Quotes everything but unreserved characters ("a b/c" -> "a%20b%2Fc").
std::string percent_encode(std::string_view s);
// "a=1&b=x%20y" -> {a:1, b:"x y"}; the first value of a repeated key wins.
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace sn
