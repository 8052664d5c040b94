// What supervisor reads without a word but is almost always a mistake: an
// option name no section of that kind reads (a typo, or an option of a
// newer supervisor), and a [section] header given twice. Each warning
// names the file, the line and the section; the daemon still starts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/config/ini_document.h"

namespace sn {

// The warnings for `doc`, in the order of its sections.
std::vector<std::string> config_warnings(const IniDocument& doc);

// The name of `known` closest to `name` in spelling (at most two letters
// added, dropped, changed or swapped, and fewer than half its length), or "".
std::string nearest_name(std::string_view name, const std::vector<std::string_view>& known);

}  // namespace sn
