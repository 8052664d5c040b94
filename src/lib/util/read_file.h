// Reading a whole (small) file, with the errno of what went wrong.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace sn {

// nullopt, with *error set to errno, when the file cannot be opened or read.
std::optional<std::string> read_whole_file(const std::string& path, int* error);

// Appends what `fd` holds up to its end to *out: 0, EFBIG when that would
// make *out longer than `max_bytes`, or read()'s errno.
int read_to_end(int fd, size_t max_bytes, std::string* out);

}  // namespace sn
