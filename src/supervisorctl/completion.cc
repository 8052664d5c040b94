// Tested by t/unit/completion_test.cc.
#include "supervisorctl/completion.h"

#include <algorithm>

#include "lib/util/strings.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"

namespace sn {
namespace {

void add_unique(std::vector<std::string>* out, const std::string& s) {
  if (std::find(out->begin(), out->end(), s) == out->end()) out->push_back(s);
}

std::vector<std::string> matching(const std::vector<std::string>& candidates, const std::string& word) {
  std::vector<std::string> out;
  for (const std::string& c : candidates) {
    if (c.starts_with(word)) out.push_back(c);
  }
  return out;
}

std::vector<std::string> actions() {
  std::vector<std::string> names{"help"};
  for (const std::string& n : listed_command_names()) add_unique(&names, n);
  return names;
}

std::vector<std::string> groups(const XmlRpcValue& infos) {
  std::vector<std::string> out;
  for (const XmlRpcValue& info : array_answer(infos)) add_unique(&out, string_field(info, "group"));
  return out;
}

std::vector<std::string> processes(const XmlRpcValue& infos, const std::string& word) {
  std::vector<std::string> out;
  for (const XmlRpcValue& info : array_answer(infos)) {
    const std::string& group = string_field(info, "group");
    const std::string& name = string_field(info, "name");
    if (word.find(':') != std::string::npos || name != group) {
      out.push_back(group + ":" + name);
      add_unique(&out, group + ":*");
    } else {
      out.push_back(name);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> completions(const std::string& line, const std::string& word,
                                     const std::function<const XmlRpcValue&()>& process_infos) {
  std::vector<std::string> w = split_whitespace(line);
  if (w.empty() || (w.size() == 1 && !is_space(line.back()))) return matching(actions(), word);
  const std::string& action = w[0];
  if (action == "help") return matching(actions(), word);
  if (action == "add" || action == "remove" || action == "update") return matching(groups(process_infos()), word);
  static const char* const kTakeProcesses[] = {"clear", "fg",     "pid",  "restart", "signal",
                                               "start", "status", "stop", "tail"};
  for (const char* a : kTakeProcesses) {
    if (action == a) return matching(processes(process_infos(), word), word);
  }
  return {};
}

}  // namespace sn
