// Signal names and numbers the way supervisor spells them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sn {

// "SIGTERM", or "signal 40" for numbers without a name (supervisor's signame).
std::string signal_name(int sig);

// supervisor's signal_number(): a number, or a name with or without "SIG"
// in any case. Only numbers Python's signal module knows are accepted
// (0 included: Python counts SIG_DFL among them).
std::optional<int> parse_signal(std::string_view text);

}  // namespace sn
