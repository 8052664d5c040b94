// strip_ansi: removes "ESC[" ... up to one of HfABCDRsuJKhlpm, per chunk of
// output, as supervisor does.
#pragma once

#include <string>
#include <string_view>

namespace sn {

std::string strip_ansi_escapes(std::string_view data);

}  // namespace sn
