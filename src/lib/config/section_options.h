// The options of the sections read by hand in config_loader.cc (the HTTP
// servers, [supervisorctl], [group:x], [rpcinterface:deployment] and
// [include]), declared once: name, default as one would write it, one line
// of documentation. The readers take their defaults from here,
// --sample-config prints the sections from it, and the tests check the
// model's defaults and the man page against it.
#pragma once

#include <span>
#include <string_view>

namespace sn {

enum class OptionSection { kUnixHttpServer, kInetHttpServer, kSupervisorctl, kGroup, kDeployment, kInclude };

struct SectionOption {
  OptionSection section;
  std::string_view name;
  // Its value when the line is left out, as written in a file; "" when it
  // has none.
  std::string_view default_text = {};
  // One line: what it does, as --sample-config comments it.
  std::string_view doc = {};
  // The sample's "default ..." where default_text does not say it.
  std::string_view default_words = {};
  // The sample's value when there is no default_text.
  std::string_view example = {};
  bool required = false;
  // The sample sets it (an uncommented line) so that it runs as printed.
  bool set_in_sample = false;
};

std::span<const SectionOption> section_options();
// The declared default of `name` in `section` ("" when it has none); an
// option the table lacks is a bug, and aborts.
std::string_view section_default(OptionSection section, std::string_view name);

}  // namespace sn
