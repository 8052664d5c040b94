// Base64 (RFC 4648) for Basic auth and XML-RPC <base64> values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sn {

std::string base64_encode(std::string_view data);
// Whitespace is skipped; nullopt for anything else that is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace sn
