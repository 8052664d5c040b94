#include "lib/http/request.h"

#include "lib/util/strings.h"

namespace sn {

const std::string* HttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return &v;
  return nullptr;
}

bool HttpRequest::keep_alive() const {
  const std::string* c = header("connection");
  std::string tokens = c ? to_lower(*c) : "";
  bool close = false, keep = false;
  for (const std::string& t : split(tokens, ',')) {
    std::string_view token = trim(t);
    close = close || token == "close";
    keep = keep || token == "keep-alive";
  }
  if (close) return false;
  return minor_version >= 1 || keep;
}

}  // namespace sn
