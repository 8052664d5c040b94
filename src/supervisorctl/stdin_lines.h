// Lines from standard input, read straight from fd 0 without a buffer, so
// that fg (which waits on fd 0 itself) finds what the shell did not read.
#pragma once

#include <optional>
#include <string>

namespace sn {

// The next line without its newline; nullopt at end of input or on Ctrl-C.
std::optional<std::string> read_stdin_line();

}  // namespace sn
