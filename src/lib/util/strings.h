// Small string helpers shared by every program.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view s, char sep);
std::vector<std::string> split_whitespace(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool is_space(char c);

// Python's int(): optional surrounding whitespace, a sign, digits with
// single underscores between them. nullopt when the text is not one.
std::optional<int64_t> parse_python_int(std::string_view s);

// Python's repr() of a str, as supervisor's messages print names: 'x'.
std::string py_repr(std::string_view s);
// Python's repr() of bytes: b'caf\xc3\xa9'.
std::string py_bytes_repr(std::string_view s);
// py_repr() of UTF-8 text, py_bytes_repr() of anything else: what a log
// line or an answer may quote from untrusted input without passing raw
// bytes that are not text.
std::string safe_repr(std::string_view s);

// True when `s` decodes as strict UTF-8 (as Python's bytes.decode() does:
// no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Characters in UTF-8 text, as Python's len() of the decoded str counts them.
size_t utf8_char_count(std::string_view s);

}  // namespace sn
