// Tested by t/unit/start_dependencies_test.cc.
#include "lib/config/start_dependencies.h"

#include <algorithm>
#include <string>

#include "lib/config/section_reader.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

struct Node {
  const GroupConfig* group;
  const ProcessConfig* process;
  std::vector<size_t> needs;
};

std::string namespec(const Node& n) {
  return n.group->name == n.process->name ? n.process->name : n.group->name + ":" + n.process->name;
}

[[noreturn]] void fail_at(const IniDocument& doc, const Node& n, std::string_view message) {
  SectionReader(doc, n.process->section).fail("depends_on", message);
}

class CycleFinder {
 public:
  CycleFinder(const IniDocument& doc, const std::vector<Node>& nodes)
      : doc_(doc), nodes_(nodes), color_(nodes.size(), kWhite) {}

  void check() {
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (color_[i] == kWhite) visit(i);
  }

 private:
  enum Color { kWhite, kOnPath, kDone };

  void visit(size_t i) {
    color_[i] = kOnPath;
    path_.push_back(i);
    for (size_t next : nodes_[i].needs) {
      if (color_[next] == kOnPath) report(next);
      if (color_[next] == kWhite) visit(next);
    }
    path_.pop_back();
    color_[i] = kDone;
  }

  [[noreturn]] void report(size_t back_to) {
    auto start = std::find(path_.begin(), path_.end(), back_to);
    std::string text;
    for (auto it = start; it != path_.end(); ++it) text += namespec(nodes_[*it]) + " -> ";
    text += namespec(nodes_[back_to]);
    fail_at(doc_, nodes_[*start], "the start dependencies make a cycle: " + text);
  }

  const IniDocument& doc_;
  const std::vector<Node>& nodes_;
  std::vector<Color> color_;
  std::vector<size_t> path_;
};

}  // namespace

bool dependency_matches(std::string_view token, std::string_view group, const ProcessConfig& process) {
  size_t colon = token.find(':');
  if (colon == std::string_view::npos) return process.program_name == token;
  if (token.substr(0, colon) != group) return false;
  std::string_view name = token.substr(colon + 1);
  return name == "*" || name == process.name;
}

void check_start_dependencies(const IniDocument& doc, const std::vector<GroupConfig>& groups) {
  std::vector<Node> nodes;
  for (const GroupConfig& g : groups)
    for (const ProcessConfig& p : g.processes) nodes.push_back({&g, &p, {}});
  bool any = false;
  for (Node& n : nodes) {
    for (const std::string& token : n.process->depends_on) {
      any = true;
      size_t before = n.needs.size();
      for (size_t j = 0; j < nodes.size(); ++j)
        if (dependency_matches(token, nodes[j].group->name, *nodes[j].process)) n.needs.push_back(j);
      if (n.needs.size() == before) fail_at(doc, n, "no program, group or process is named " + py_repr(token));
    }
  }
  if (any) CycleFinder(doc, nodes).check();
}

}  // namespace sn
