#include "lib/config/program_sections.h"

#include <unistd.h>

#include <algorithm>
#include <set>

#include "lib/config/program_options.h"
#include "lib/config/section_options.h"
#include "lib/config/section_reader.h"
#include "lib/events/event_type.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

// An option's default in a kind of section, as the table declares it.
std::string_view default_of(std::string_view option, unsigned kind) {
  return find_program_option(option)->default_in(kind);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string suffix_after_colon(const std::string& section) { return section.substr(section.find(':') + 1); }

class ProgramSectionReader {
 public:
  ProgramSectionReader(const ProgramSectionContext& ctx, const std::string& section, std::string group_name,
                       bool listener)
      : ctx_(ctx), r_(ctx.doc, section), group_name_(std::move(group_name)), listener_(listener) {}

  std::vector<ProcessConfig> read() {
    const std::string& section = r_.section();
    std::string program_name;
    try {
      program_name = parse_name(suffix_after_colon(section));
    } catch (const ValueError& e) {
      r_.fail("", e.what());
    }
    Expansions names = ctx_.environ;
    names["here"] = std::string();  // set per option by SectionReader
    names["program_name"] = program_name;
    names["host_node_name"] = ctx_.host_node_name;
    names["group_name"] = group_name_;

    ProcessConfig base;
    base.program_name = program_name;
    base.section = section;
    base.event_listener = listener_;
    ProgramOptionReading reading{r_, names, base};
    read_options(OptionStage::kSection, reading);
    if (base.stopasgroup && !base.killasgroup) {
      r_.fail("killasgroup", "cannot set stopasgroup=true and killasgroup=false");
    }

    std::vector<ProcessConfig> out;
    for (int num = reading.numprocs_start; num < reading.numprocs_start + reading.numprocs; ++num) {
      out.push_back(one_process(base, names, num, reading));
    }
    std::sort(out.begin(), out.end(), [](const ProcessConfig& a, const ProcessConfig& b) {
      return a.priority != b.priority ? a.priority < b.priority : a.name < b.name;
    });
    return out;
  }

 private:
  // The section's options of `stage` that are in this kind of section, in
  // the table's order.
  void read_options(OptionStage stage, ProgramOptionReading& reading) {
    unsigned kind = listener_ ? kInEventListener : kInProgram;
    for (const ProgramOption& o : program_options())
      if (o.stage == stage && (o.sections & kind) && o.read) o.read(o, reading);
  }

  ProcessConfig one_process(const ProcessConfig& base, Expansions names, int num, const ProgramOptionReading& shape) {
    ProcessConfig p = base;
    p.process_num = num;
    names["process_num"] = static_cast<int64_t>(num);
    names["numprocs"] = static_cast<int64_t>(shape.numprocs);
    std::string env_text = r_.expand(shape.environment_raw, "environment", names);
    try {
      p.environment = parse_key_value_list(env_text);
    } catch (const ValueError& e) {
      r_.fail("environment", e.what());
    }
    // The program's own environment= is visible to the options read after it.
    for (const auto& [k, v] : p.environment) names["ENV_" + k] = v;

    ProgramOptionReading reading{r_, names, p};
    read_options(OptionStage::kProcess, reading);
    check_channel("stdout", &p.stdout_channel);
    check_channel("stderr", &p.stderr_channel);
    if (p.redirect_stderr) {
      if (p.stderr_channel.logfile.kind == LogTarget::Kind::kPath) {
        ctx_.warnings->push_back("For [" + r_.section() +
                                 "], redirect_stderr=true but stderr_logfile has also been set to a filename, "
                                 "the filename has been ignored");
      }
      p.stderr_channel.logfile = {LogTarget::Kind::kNone, ""};
    }
    std::string name = r_.expand(shape.process_name_raw, "process_name", names);
    try {
      p.name = parse_name(name);
    } catch (const ValueError& e) {
      r_.fail("process_name", e.what());
    }
    return p;
  }

  // supervisor's warnings about a channel's log options, once they are read.
  void check_channel(const std::string& channel, ChannelConfig* c) {
    std::string key = channel + "_logfile";
    if (c->logfile.kind == LogTarget::Kind::kPath && to_lower(c->logfile.path) == "syslog") {
      ctx_.warnings->push_back("For [" + r_.section() + "], " + key + "=syslog but this is deprecated and will be " +
                               "removed.  Use " + channel + "_syslog=true to enable syslog instead.");
      c->logfile = {LogTarget::Kind::kNone, ""};
      c->syslog = true;
    }
    if (c->logfile.kind == LogTarget::Kind::kAuto && c->logfile_maxbytes == 0) {
      ctx_.warnings->push_back("For [" + r_.section() + "], AUTO logging used for " + key +
                               " without rollover, set maxbytes > 0 to avoid filling up filesystem "
                               "unintentionally");
    }
  }

  const ProgramSectionContext& ctx_;
  SectionReader r_;
  std::string group_name_;
  bool listener_;
};

Expansions section_names(const ProgramSectionContext& ctx) {
  Expansions names = ctx.environ;
  names["here"] = std::string();
  return names;
}

void read_heterogeneous_groups(const ProgramSectionContext& ctx, std::vector<GroupConfig>* groups,
                               std::set<std::string>* grouped_sections) {
  for (const std::string& section : ctx.doc.sections()) {
    if (!starts_with(section, "group:")) continue;
    SectionReader r(ctx.doc, section);
    Expansions names = section_names(ctx);
    GroupConfig g;
    g.kind = GroupConfig::Kind::kHeterogeneous;
    try {
      g.name = parse_name(suffix_after_colon(section));
    } catch (const ValueError& e) {
      r.fail("", e.what());
    }
    std::optional<std::string> programs = r.get("programs", names);
    if (!programs) r.fail("programs", "the section does not list its programs (programs= is required)");
    g.priority = r.parse("priority", section_default(OptionSection::kGroup, "priority"), names, parse_int32);
    for (const std::string& program : parse_string_list(*programs)) {
      bool plain = ctx.doc.has_section("program:" + program);
      bool fcgi = ctx.doc.has_section("fcgi-program:" + program);
      if (plain && fcgi)
        r.fail("programs", "name " + py_repr(program) + " is ambiguous (exists as program and fcgi-program)");
      if (!plain && !fcgi) {
        r.fail("programs", "names unknown program " + py_repr(program) + " (no [program:" + program + "] section)");
      }
      std::string program_section = (plain ? "program:" : "fcgi-program:") + program;
      if (fcgi) {
        ctx.warnings->push_back("[" + program_section + "] is listed in [" + section +
                                "]: as in supervisor, it runs as a plain program, without its socket");
      }
      grouped_sections->insert(program_section);
      auto procs = ProgramSectionReader(ctx, program_section, g.name, false).read();
      g.processes.insert(g.processes.end(), procs.begin(), procs.end());
    }
    std::sort(g.processes.begin(), g.processes.end(), [](const ProcessConfig& a, const ProcessConfig& b) {
      return a.priority != b.priority ? a.priority < b.priority : a.name < b.name;
    });
    groups->push_back(std::move(g));
  }
}

GroupConfig read_listener_pool(const ProgramSectionContext& ctx, const std::string& section) {
  SectionReader r(ctx.doc, section);
  Expansions names = section_names(ctx);
  GroupConfig g;
  g.kind = GroupConfig::Kind::kEventListenerPool;
  try {
    g.name = parse_name(suffix_after_colon(section));
  } catch (const ValueError& e) {
    r.fail("", e.what());
  }
  g.priority = r.parse("priority", default_of("priority", kInEventListener), names, parse_int32);
  g.buffer_size = r.parse("buffer_size", default_of("buffer_size", kInEventListener), names, parse_int32);
  if (g.buffer_size < 1) r.fail("buffer_size", "must be 1 or more, got " + std::to_string(g.buffer_size));
  std::string_view only_handler = default_of("result_handler", kInEventListener);
  g.result_handler = r.get_or("result_handler", only_handler, names);
  if (g.result_handler != only_handler) {
    r.fail("result_handler",
           py_repr(g.result_handler) + " cannot be resolved; only " + std::string(only_handler) + " is available");
  }
  std::set<std::string> events;
  for (const std::string& name : parse_string_list(r.get_or("events", "", names))) {
    std::string upper = to_upper(name);
    if (!parse_event_type(upper)) r.fail("events", "unknown event type " + py_repr(name));
    events.insert(upper);
  }
  if (events.empty()) r.fail("events", "an [eventlistener:x] section requires an events= line");
  g.events.assign(events.begin(), events.end());
  if (r.parse("redirect_stderr", default_of("redirect_stderr", kInEventListener), names, parse_boolean)) {
    r.fail("redirect_stderr",
           "redirect_stderr=true is not allowed for an event listener: it would interfere "
           "with the eventlistener protocol");
  }
  g.processes = ProgramSectionReader(ctx, section, g.name, true).read();
  return g;
}

// A [program:x] (or [fcgi-program:x]) section's own group.
GroupConfig read_program_group(const ProgramSectionContext& ctx, const std::string& section) {
  SectionReader r(ctx.doc, section);
  GroupConfig g;
  g.kind = GroupConfig::Kind::kProgram;
  try {
    g.name = parse_name(suffix_after_colon(section));
  } catch (const ValueError& e) {
    r.fail("", e.what());
  }
  g.priority = r.parse("priority", default_of("priority", kInProgram), section_names(ctx), parse_int32);
  g.processes = ProgramSectionReader(ctx, section, g.name, false).read();
  return g;
}

// A program whose processes share one listening socket as their fd 0.
// Read in supervisor's order: backlog, owner, mode, then the socket.
GroupConfig read_fcgi_program(const ProgramSectionContext& ctx, const std::string& section) {
  SectionReader r(ctx.doc, section);
  GroupConfig g = read_program_group(ctx, section);
  Expansions names = section_names(ctx);
  names["program_name"] = g.name;  // and here, ENV_*: the socket is the group's, not a process's
  int backlog = 0;
  if (r.has("socket_backlog")) {
    backlog = r.parse("socket_backlog", "", names, parse_int32);
    if (backlog < 1 || backlog > 65535) r.fail("socket_backlog", "expected a number from 1 to 65535");
  }
  std::optional<std::pair<uid_t, gid_t>> owner;
  if (r.has("socket_owner")) owner = r.parse("socket_owner", "", names, parse_user_group);
  std::optional<mode_t> mode;
  if (r.has("socket_mode")) mode = r.parse("socket_mode", "", names, parse_octal);
  std::optional<std::string> text = r.get("socket", names);
  if (!text || trim(*text).empty()) r.fail("socket", "an [fcgi-program:x] section requires a socket= line");
  FcgiSocketConfig parsed = r.parse("socket", "", names, parse_fcgi_socket);
  parsed.backlog = backlog;
  if (!parsed.is_unix && (owner || mode))
    r.fail(owner ? "socket_owner" : "socket_mode", "socket_owner and socket_mode are for unix sockets only");
  if (mode) parsed.mode = *mode;
  if (owner) {
    parsed.owner_uid = owner->first;
    parsed.owner_gid = owner->second;
  } else if (!g.processes.empty() && g.processes.front().uid && *g.processes.front().uid != ::getuid()) {
    parsed.owner_uid = *g.processes.front().uid;  // the program's user=, with its primary group
    parsed.owner_gid = r.parse("user", "", names, parse_user).gid;
  }
  g.fcgi_socket = std::move(parsed);
  return g;
}

}  // namespace

std::vector<GroupConfig> read_process_groups(const ProgramSectionContext& ctx) {
  std::vector<GroupConfig> groups;
  std::set<std::string> grouped_sections;
  read_heterogeneous_groups(ctx, &groups, &grouped_sections);

  for (const std::string& section : ctx.doc.sections()) {
    if (starts_with(section, "program:") && !grouped_sections.count(section)) {
      groups.push_back(read_program_group(ctx, section));
    } else if (starts_with(section, "eventlistener:")) {
      groups.push_back(read_listener_pool(ctx, section));
    } else if (starts_with(section, "fcgi-program:") && !grouped_sections.count(section)) {
      groups.push_back(read_fcgi_program(ctx, section));
    }
  }
  std::sort(groups.begin(), groups.end(), [](const GroupConfig& a, const GroupConfig& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.name < b.name;
  });
  return groups;
}

}  // namespace sn
