// The options of [program:x] and [eventlistener:x], declared once: name,
// the sections that take it, when it is read, its default as one would
// write it, one line of documentation, and how it is parsed into the
// model. The section reader, --sample-config and the tests (defaults, man
// page) all go through this table; adding an option means a line here,
// the code that acts on it, its test and its man page entry.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "lib/config/config_model.h"
#include "lib/config/section_reader.h"

namespace sn {

// The sections that take an option.
// [fcgi-program:x] takes every [program:x] option; kInFcgiProgram marks
// its own (socket=...), which the sample config lists under it.
enum ProgramSectionKind : unsigned { kInProgram = 1u, kInEventListener = 2u, kInBoth = 3u, kInFcgiProgram = 4u };

// When an option is read.
enum class OptionStage {
  kSection,  // once for the section, in table order
  kProcess,  // for each of its numprocs processes, with %(process_num)d and
             // the program's own environment as %(ENV_X)s
  kPool,     // the listener pool's own ([eventlistener:x] only)
};

// What an option's reader works on: the section, its expansions, and the
// process being built (the section's base, or one of its processes).
struct ProgramOptionReading {
  ProgramOptionReading(const SectionReader& r, const Expansions& n, ProcessConfig& p)
      : reader(r), names(n), process(p) {}
  const SectionReader& reader;
  const Expansions& names;
  ProcessConfig& process;
  // The section's shape, read with the other section options.
  int numprocs = 1;
  int numprocs_start = 0;
  std::string environment_raw;
  std::string process_name_raw;
};

struct ProgramOption {
  std::string_view name;
  unsigned sections;
  OptionStage stage;
  // Its value when the line is left out, as written in a file; "" when it
  // has none (then default_words says what leaving it out means).
  std::string_view default_text = {};
  // One line: what it does, as --sample-config comments it.
  std::string_view doc = {};
  // The sample's "default ..." where default_text does not say it.
  std::string_view default_words = {};
  // The sample's value when there is no default_text.
  std::string_view example = {};
  // Where [eventlistener:x] differs ("" when it does not).
  std::string_view listener_default = {};
  std::string_view listener_doc = {};
  std::string_view listener_example = {};
  // Parses the option into the model; null for the pool's options, which
  // the pool reader reads itself.
  void (*read)(const ProgramOption&, ProgramOptionReading&) = nullptr;

  bool required() const { return default_text.empty() && default_words == "required"; }
  // The default in a section of `kind` (kInProgram or kInEventListener).
  std::string_view default_in(unsigned kind) const {
    return kind == kInEventListener && !listener_default.empty() ? listener_default : default_text;
  }
};

std::span<const ProgramOption> program_options();
// nullptr when `name` is no option of these sections.
const ProgramOption* find_program_option(std::string_view name);

}  // namespace sn
