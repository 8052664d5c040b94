#include "lib/http/basic_auth.h"

#include "lib/http/base64.h"
#include "lib/http/sha1.h"
#include "lib/util/strings.h"

namespace sn {

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

BasicAuth::BasicAuth(std::string username, std::string password) : username_digest_(sha1_hex(username)) {
  if (password.rfind("{SHA}", 0) == 0) {
    password_digest_ = to_lower(password.substr(5));
  } else {
    password_digest_ = sha1_hex(password);
  }
}

bool BasicAuth::allows(const std::string* authorization) const {
  if (!authorization) return false;
  std::string_view value = trim(*authorization);
  size_t space = value.find(' ');
  if (space == std::string_view::npos || to_lower(value.substr(0, space)) != "basic") return false;
  std::optional<std::string> decoded = base64_decode(trim(value.substr(space + 1)));
  if (!decoded) return false;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return false;
  // Both comparisons always run: no early exit on a wrong user name.
  bool user_ok = constant_time_equals(sha1_hex(decoded->substr(0, colon)), username_digest_);
  bool password_ok = constant_time_equals(sha1_hex(decoded->substr(colon + 1)), password_digest_);
  return user_ok & password_ok;
}

}  // namespace sn
