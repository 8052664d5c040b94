// Tested by t/unit/config_warnings_test.cc.
#include "lib/config/config_warnings.h"

#include <algorithm>
#include <optional>

#include "lib/config/config_error.h"
#include "lib/config/program_options.h"
#include "lib/config/section_options.h"
#include "lib/config/supervisord_options.h"

namespace sn {
namespace {

constexpr std::string_view kDeploymentFactory = "deployment.rpcinterface:deployment_rpcinterface";

bool is_or_starts(std::string_view section, std::string_view kind) {
  return section == kind || (section.starts_with(kind) && section[kind.size()] == ':');
}

std::vector<std::string_view> section_option_names(OptionSection which) {
  std::vector<std::string_view> names;
  for (const SectionOption& o : section_options())
    if (o.section == which) names.push_back(o.name);
  return names;
}

std::vector<std::string_view> program_option_names(unsigned kind) {
  std::vector<std::string_view> names;
  for (const ProgramOption& o : program_options())
    if (o.sections & kind) names.push_back(o.name);
  return names;
}

// The options a section of this name reads; nullopt for the sections whose
// keys are free (an [rpcinterface:x] of another factory) or not supervisor's.
std::optional<std::vector<std::string_view>> known_options(const IniDocument& doc, std::string_view section) {
  if (section == "supervisord") {
    std::vector<std::string_view> names;
    for (const SupervisordOption& o : supervisord_options()) names.push_back(o.name);
    return names;
  }
  if (section.starts_with("program:")) return program_option_names(kInProgram);
  if (section.starts_with("fcgi-program:")) return program_option_names(kInProgram | kInFcgiProgram);
  if (section.starts_with("eventlistener:")) return program_option_names(kInEventListener);
  if (section.starts_with("group:")) return section_option_names(OptionSection::kGroup);
  if (is_or_starts(section, "unix_http_server")) return section_option_names(OptionSection::kUnixHttpServer);
  if (is_or_starts(section, "inet_http_server")) return section_option_names(OptionSection::kInetHttpServer);
  if (section == "supervisorctl") return section_option_names(OptionSection::kSupervisorctl);
  if (section == "include") return section_option_names(OptionSection::kInclude);
  if (section.starts_with("rpcinterface:")) {
    const IniValue* factory = doc.get(section, "supervisor.rpcinterface_factory");
    if (factory && factory->value == kDeploymentFactory) return section_option_names(OptionSection::kDeployment);
  }
  return std::nullopt;
}

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours each cost one.
size_t spelling_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

void warn_unknown_options(const IniDocument& doc, const std::string& section, std::vector<std::string>* out) {
  std::optional<std::vector<std::string_view>> known = known_options(doc, section);
  if (!known) return;
  for (const std::string& key : doc.own_keys(section)) {
    if (std::find(known->begin(), known->end(), key) != known->end()) continue;
    const IniValue* v = doc.get(section, key);
    std::string text = SourceLocation{v->file, v->line, section, key}.describe() + ": unknown option, ignored";
    if (std::string near = nearest_name(key, *known); !near.empty()) text += " (did you mean " + near + "?)";
    out->push_back(text);
  }
}

}  // namespace

std::string nearest_name(std::string_view name, const std::vector<std::string_view>& known) {
  std::string best;
  size_t best_distance = 3;
  for (std::string_view candidate : known) {
    size_t d = spelling_distance(name, candidate);
    if (d < best_distance && 2 * d < std::max(name.size(), candidate.size())) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

std::vector<std::string> config_warnings(const IniDocument& doc) {
  std::vector<std::string> out;
  for (const RepeatedSection& r : doc.repeated_sections()) {
    out.push_back(SourceLocation{r.again.file, r.again.line, r.name, ""}.describe() +
                  ": section given twice (first at " + SourceLocation{r.first.file, r.first.line, "", ""}.describe() +
                  "); its options are merged, a later line winning");
  }
  for (const std::string& section : doc.sections()) warn_unknown_options(doc, section, &out);
  return out;
}

}  // namespace sn
