// HTTP Basic authentication as supervisor does it: one user, a password in
// plain text or as "{SHA}<hex sha1>", compared in constant time.
#pragma once

#include <string>
#include <string_view>

namespace sn {

class BasicAuth {
 public:
  BasicAuth(std::string username, std::string password);

  // True when `authorization` (the header value, or nullptr when absent)
  // carries this user's credentials. Malformed headers are simply refused.
  bool allows(const std::string* authorization) const;

 private:
  std::string username_digest_;
  std::string password_digest_;  // sha1 of the password, hex
};

// Compares without an early exit, so timing does not tell where a guess
// went wrong. Sizes are not secret (callers compare digests).
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace sn
