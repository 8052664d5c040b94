// The options of [supervisord], declared once: name, default as one would
// write it, one line of documentation, and how it is parsed into the
// model. The config loader reads through this table, --sample-config
// prints the section from it, and the tests check the defaults and the
// man page against it.
#pragma once

#include <span>
#include <string_view>

#include "lib/config/config_loader.h"
#include "lib/config/config_model.h"
#include "lib/config/section_reader.h"

namespace sn {

// What an option's reader works on.
struct SupervisordOptionReading {
  SupervisordOptionReading(const SectionReader& r, const Expansions& n, const LoaderEnvironment& e,
                           SupervisordConfig& c)
      : reader(r), names(n), env(e), config(c) {}
  const SectionReader& reader;
  const Expansions& names;  // ENV_X and here
  const LoaderEnvironment& env;
  SupervisordConfig& config;
};

struct SupervisordOption {
  std::string_view name;
  // Its value when the line is left out, as written in a file ("" when it
  // has none or it depends on where supervisord runs).
  std::string_view default_text = {};
  // One line: what it does, as --sample-config comments it.
  std::string_view doc = {};
  // The sample's "default ..." where default_text does not say it all
  // (relative paths, the environment's).
  std::string_view default_words = {};
  // The sample's value when there is no default_text, or when it sets one.
  std::string_view example = {};
  // The sample sets it (an uncommented line) so that it runs as printed.
  bool set_in_sample = false;
  void (*read)(const SupervisordOption&, SupervisordOptionReading&) = nullptr;
};

// In the order supervisor reads them.
std::span<const SupervisordOption> supervisord_options();
const SupervisordOption* find_supervisord_option(std::string_view name);

}  // namespace sn
