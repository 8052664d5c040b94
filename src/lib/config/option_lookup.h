// The one lookup of an option table by option name.
#pragma once

#include <span>
#include <string_view>

namespace sn {

// The entry named `name`, or nullptr.
template <class Option>
const Option* find_option(std::span<const Option> table, std::string_view name) {
  for (const Option& o : table)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace sn
