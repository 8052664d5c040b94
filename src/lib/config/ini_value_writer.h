// Writing a value into supervisor's INI dialect so that it reads back as
// written: '%' doubled for supervisor's "%(name)s" expansion, and values
// the dialect cannot hold on one line refused rather than changed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sn {

// The text to put after "key = " so that the option's expanded value is
// `value`; nullopt, with *why saying what is in the way, when no text can
// be: a line break or other control character, whitespace at either end
// (the reader strips it), or ';' or '#' after whitespace (an inline
// comment to the reader).
std::optional<std::string> ini_value_text(std::string_view value, std::string* why);

}  // namespace sn
