// Reading a whole (small) file, with the errno of what went wrong.
#pragma once

#include <optional>
#include <string>

namespace sn {

// nullopt, with *error set to errno, when the file cannot be opened or read.
std::optional<std::string> read_whole_file(const std::string& path, int* error);

}  // namespace sn
