// Reads supervisor's INI dialect, which is Python's RawConfigParser as
// supervisor configures it: "key = value" or "key: value", keys lower-cased,
// values stripped; '#'/';' comment lines; an inline comment needs whitespace
// before ';' or '#'; indented lines continue the previous value (joined with
// "\n"); duplicate sections merge and later keys win; [DEFAULT] supplies
// defaults to every section. Lines of any length are read exactly.
//
// Why not inih: Debian's libinih is built with a 200-byte line limit and
// silently splits longer lines into bogus keys (real command= and
// environment= lines are longer), reports no line numbers to the handler,
// and follows a different dialect (no '#' inline comments, no key folding,
// other continuation rules). Faithful parsing of existing supervisord.conf
// files wins over the library choice; see README.md.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

struct IniValue {
  std::string value;
  std::string file;
  int line = 0;
};

// A [section] header met again (in the same file or another one): the
// options merge, later lines win, as supervisor reads it; worth a warning.
struct RepeatedSection {
  std::string name;
  IniValue first;  // file and line of the first header (value empty)
  IniValue again;
};

class IniDocument {
 public:
  // Reads and merges one file. Throws ConfigError naming the file and line.
  void read_file(const std::string& path);
  // Same, from memory; `source` names it in errors.
  void read_string(std::string_view text, const std::string& source);

  // Section names in order of first appearance, [DEFAULT] excluded.
  const std::vector<std::string>& sections() const { return order_; }
  bool has_section(std::string_view name) const;
  // The option in `section`, or the [DEFAULT] one; nullptr if neither.
  const IniValue* get(std::string_view section, std::string_view key) const;
  // Keys of `section` including those inherited from [DEFAULT], sorted.
  std::vector<std::string> keys(std::string_view section) const;
  // Keys written in `section` itself, sorted ([DEFAULT]'s left out).
  std::vector<std::string> own_keys(std::string_view section) const;
  // Where `section` was first defined: its file and header line.
  IniValue section_origin(std::string_view section) const;
  // Every header that repeated an earlier one, in reading order.
  const std::vector<RepeatedSection>& repeated_sections() const { return repeated_; }

 private:
  struct Section {
    std::string file;
    int line = 0;
    std::map<std::string, IniValue, std::less<>> options;
  };
  Section* find_or_add(const std::string& name, const std::string& file, int line);

  std::map<std::string, Section, std::less<>> sections_;
  std::vector<std::string> order_;
  Section defaults_;
  std::vector<RepeatedSection> repeated_;
};

}  // namespace sn
