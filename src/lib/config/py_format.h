// supervisor's "%(name)s" expansion: Python's printf-style formatting with a
// mapping, so "%(process_num)02d", "%(here)s" and "%%" work as they do there.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace sn {

using ExpansionValue = std::variant<std::string, int64_t>;
using Expansions = std::map<std::string, ExpansionValue, std::less<>>;

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Expands `format`. Throws FormatError with supervisor's wording: an unknown
// name lists the available ones; anything else is "badly formatted".
// `what` names the option ("program:x.command") in the message.
std::string py_format(std::string_view format, const Expansions& names, std::string_view what);

}  // namespace sn
