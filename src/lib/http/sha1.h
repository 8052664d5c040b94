// SHA-1, for supervisor's "{SHA}<hex>" passwords (no crypto library in the daemon).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sn {

std::array<uint8_t, 20> sha1(std::string_view data);
// Lower-case hex, as Python's hashlib.sha1().hexdigest().
std::string sha1_hex(std::string_view data);

}  // namespace sn
