// Escaping text for HTML: every process name, description and log byte the
// web page shows goes through here.
#pragma once

#include <string>
#include <string_view>

namespace sn {

// &, <, >, " and ' as entities; bytes that are not valid UTF-8 (or are
// control characters other than tab and newline) as U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace sn
