#include "lib/config/program_sections.h"

#include <algorithm>
#include <set>

#include "lib/config/section_reader.h"
#include "lib/events/event_type.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr std::string_view kDefaultResultHandler = "supervisor.dispatchers:default_handler";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string suffix_after_colon(const std::string& section) { return section.substr(section.find(':') + 1); }

LogTarget parse_log_target(std::string_view v) {
  std::string lower = to_lower(v);
  if (lower == "none" || lower == "off") return {LogTarget::Kind::kNone, ""};
  if (lower == "auto") return {LogTarget::Kind::kAuto, ""};
  return {LogTarget::Kind::kPath, parse_existing_dirpath(v)};
}

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
    base.priority = r_.parse("priority", "999", names, parse_int32);
    base.autostart = r_.parse("autostart", "true", names, parse_boolean);
    base.autorestart = r_.parse("autorestart", "unexpected", names, parse_autorestart);
    base.startsecs = r_.parse("startsecs", "1", names, parse_int32);
    base.startretries = r_.parse("startretries", "3", names, parse_int32);
    base.stopsignal = r_.parse("stopsignal", "TERM", names, parse_signal_value);
    base.stopwaitsecs = r_.parse("stopwaitsecs", "10", names, parse_int32);
    base.stopasgroup = r_.parse("stopasgroup", "false", names, parse_boolean);
    base.killasgroup = r_.parse("killasgroup", base.stopasgroup ? "true" : "false", names, parse_boolean);
    base.exitcodes = r_.parse("exitcodes", "0", names, parse_exit_codes);
    base.redirect_stderr = r_.parse("redirect_stderr", "false", names, parse_boolean);
    int numprocs = r_.parse("numprocs", "1", names, parse_int32);
    int numprocs_start = r_.parse("numprocs_start", "0", names, parse_int32);
    std::string environment_raw = r_.get_raw("environment").value_or("");
    base.stdout_channel.capture_maxbytes = r_.parse("stdout_capture_maxbytes", "0", names, parse_byte_size);
    base.stdout_channel.events_enabled = r_.parse("stdout_events_enabled", "false", names, parse_boolean);
    base.stderr_channel.capture_maxbytes = r_.parse("stderr_capture_maxbytes", "0", names, parse_byte_size);
    base.stderr_channel.events_enabled = r_.parse("stderr_events_enabled", "false", names, parse_boolean);
    if (auto url = r_.get("serverurl", names); url && to_upper(trim(*url)) != "AUTO") base.serverurl = *url;
    if (auto url = r_.get("http_url", names); url && !trim(*url).empty()) base.http_url = std::string(trim(*url));
    if (r_.has("user")) {
      base.uid = r_.parse("user", "", names, parse_user).uid;
      base.user = *r_.get("user", names);
    }
    if (r_.has("umask")) base.umask = r_.parse("umask", "", names, parse_octal);

    std::string process_name_raw = r_.get_raw("process_name").value_or("%(program_name)s");
    try {
      parse_name(process_name_raw);
    } catch (const ValueError& e) {
      r_.fail("process_name", e.what());
    }
    if (numprocs > 1 && process_name_raw.find("%(process_num)") == std::string::npos) {
      r_.fail("process_name", "%(process_num) must be present within process_name when numprocs > 1");
    }
    if (base.stopasgroup && !base.killasgroup) {
      r_.fail("killasgroup", "cannot set stopasgroup=true and killasgroup=false");
    }

    std::vector<ProcessConfig> out;
    for (int num = numprocs_start; num < numprocs_start + numprocs; ++num) {
      out.push_back(one_process(base, names, num, numprocs, environment_raw, process_name_raw));
    }
    std::sort(out.begin(), out.end(), [](const ProcessConfig& a, const ProcessConfig& b) {
      return a.priority != b.priority ? a.priority < b.priority : a.name < b.name;
    });
    return out;
  }

 private:
  ProcessConfig one_process(const ProcessConfig& base, Expansions names, int num, int numprocs,
                            const std::string& environment_raw, const std::string& process_name_raw) {
    ProcessConfig p = base;
    p.process_num = num;
    names["process_num"] = static_cast<int64_t>(num);
    names["numprocs"] = static_cast<int64_t>(numprocs);
    std::string env_text = r_.expand(environment_raw, "environment", names);
    try {
      p.environment = parse_key_value_list(env_text);
    } catch (const ValueError& e) {
      r_.fail("environment", e.what());
    }
    // The program's own environment= is visible to the options read after it.
    for (const auto& [k, v] : p.environment) names["ENV_" + k] = v;

    p.directory = r_.get("directory", names);
    read_channel("stdout", names, &p.stdout_channel);
    read_channel("stderr", names, &p.stderr_channel);
    if (p.redirect_stderr) {
      if (p.stderr_channel.logfile.kind == LogTarget::Kind::kPath) {
        ctx_.warnings->push_back("For [" + r_.section() +
                                 "], redirect_stderr=true but stderr_logfile has also been set to a filename, "
                                 "the filename has been ignored");
      }
      p.stderr_channel.logfile = {LogTarget::Kind::kNone, ""};
    }
    std::optional<std::string> command = r_.get("command", names);
    if (!command) r_.fail("command", "the section does not specify a command (command= is required)");
    p.command = *command;
    std::string name = r_.expand(process_name_raw, "process_name", names);
    try {
      p.name = parse_name(name);
    } catch (const ValueError& e) {
      r_.fail("process_name", e.what());
    }
    return p;
  }

  void read_channel(const std::string& channel, const Expansions& names, ChannelConfig* c) {
    std::string key = channel + "_logfile";
    c->logfile = r_.parse(key, "AUTO", names, parse_log_target);
    c->logfile_backups = r_.parse(channel + "_logfile_backups", "10", names, parse_int32);
    c->logfile_maxbytes = r_.parse(channel + "_logfile_maxbytes", "50MB", names, parse_byte_size);
    c->syslog = r_.parse(channel + "_syslog", "false", names, parse_boolean);
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
    g.priority = r.parse("priority", "999", names, parse_int32);
    for (const std::string& program : parse_string_list(*programs)) {
      std::string program_section = "program:" + program;
      if (!ctx.doc.has_section(program_section)) {
        if (ctx.doc.has_section("fcgi-program:" + program)) {
          r.fail("programs", "names [fcgi-program:" + program + "]; fcgi-program sections are not supported");
        }
        r.fail("programs", "names unknown program " + py_repr(program) + " (no [" + program_section + "] section)");
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
  g.priority = r.parse("priority", "-1", names, parse_int32);
  g.buffer_size = r.parse("buffer_size", "10", names, parse_int32);
  if (g.buffer_size < 1) r.fail("buffer_size", "must be 1 or more, got " + std::to_string(g.buffer_size));
  g.result_handler = r.get_or("result_handler", kDefaultResultHandler, names);
  if (g.result_handler != kDefaultResultHandler) {
    r.fail("result_handler", py_repr(g.result_handler) + " cannot be resolved; only " +
                                 std::string(kDefaultResultHandler) + " is available");
  }
  std::set<std::string> events;
  for (const std::string& name : parse_string_list(r.get_or("events", "", names))) {
    std::string upper = to_upper(name);
    if (!parse_event_type(upper)) r.fail("events", "unknown event type " + py_repr(name));
    events.insert(upper);
  }
  if (events.empty()) r.fail("events", "an [eventlistener:x] section requires an events= line");
  g.events.assign(events.begin(), events.end());
  if (r.parse("redirect_stderr", "false", names, parse_boolean)) {
    r.fail("redirect_stderr",
           "redirect_stderr=true is not allowed for an event listener: it would interfere "
           "with the eventlistener protocol");
  }
  g.processes = ProgramSectionReader(ctx, section, g.name, true).read();
  return g;
}

}  // namespace

std::vector<GroupConfig> read_process_groups(const ProgramSectionContext& ctx) {
  std::vector<GroupConfig> groups;
  std::set<std::string> grouped_sections;
  read_heterogeneous_groups(ctx, &groups, &grouped_sections);

  for (const std::string& section : ctx.doc.sections()) {
    if (starts_with(section, "program:") && !grouped_sections.count(section)) {
      SectionReader r(ctx.doc, section);
      GroupConfig g;
      g.kind = GroupConfig::Kind::kProgram;
      try {
        g.name = parse_name(suffix_after_colon(section));
      } catch (const ValueError& e) {
        r.fail("", e.what());
      }
      g.priority = r.parse("priority", "999", section_names(ctx), parse_int32);
      g.processes = ProgramSectionReader(ctx, section, g.name, false).read();
      groups.push_back(std::move(g));
    } else if (starts_with(section, "eventlistener:")) {
      groups.push_back(read_listener_pool(ctx, section));
    } else if (starts_with(section, "fcgi-program:")) {
      SectionReader(ctx.doc, section).fail("", "fcgi-program sections are not supported by supervisor-native");
    }
  }
  std::sort(groups.begin(), groups.end(), [](const GroupConfig& a, const GroupConfig& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.name < b.name;
  });
  return groups;
}

}  // namespace sn
