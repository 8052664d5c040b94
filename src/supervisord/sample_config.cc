#include "supervisord/sample_config.h"

#include <algorithm>

#include "config.h"
#include "lib/config/program_options.h"
#include "lib/config/section_options.h"
#include "lib/config/supervisord_options.h"

namespace sn {
namespace {

// Options are written ";name=value" (no space after the ';') so that removing
// the ';' gives a working line; prose comments are "; text". Commented values
// are the defaults where the option has one. sample_config_test checks both.
constexpr const char* kSample = R"(; Sample supervisord.conf, as printed by `supervisord --sample-config`
; (supervisor-native @VERSION@). Every option of supervisor 4.2 and of
; the Minos fork is listed, and ours (depends_on, ready, healthcheck, ...);
; supervisord.conf(5) describes them.
;
; Lines starting with ';' or '#' are comments, and so is text after " ;" or " #".
; A commented option shows its default where it has one: remove the ';' to
; set it. A value continues on following lines that start with whitespace.
; Expansions: %(here)s is this file's directory and %(ENV_X)s the environment
; variable X; [program:x] options, [supervisord] environment and [include]
; files also know %(host_node_name)s (the host name), and [program:x] options
; %(program_name)s, %(process_num)d, %(group_name)s and %(numprocs)d.

[unix_http_server]
@UNIX_HTTP_SERVER@
;[inet_http_server]         ; XML-RPC and the web page over TCP; off by default
@INET_HTTP_SERVER@
[supervisord]
@SUPERVISORD@
; supervisorctl and the web page need this section: it serves the
; supervisor.* methods (system.* are always served).
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
@SUPERVISORCTL@
; A program: a group of numprocs processes run from one command.
;[program:theprogramname]
@PROGRAM@
; An event listener pool: the [program:x] options and events.
;[eventlistener:theeventlistenername]
@EVENTLISTENER@
; A FastCGI program: the [program:x] options and a socket its processes share as fd 0.
;[fcgi-program:thefcgiprogramname]
@FCGIPROGRAM@
; crashmail(1) mails an alert when a process exits unexpectedly:
;   [eventlistener:crashmail]
;   command=crashmail -m ops@example.com --smtp=mail.example.com:587 --starttls=required
;   events=PROCESS_STATE_EXITED
; or one mail per interval, with superlance crashmailbatch's options:
;   command=crashmailbatch --toEmail=ops@example.com --fromEmail=robot@example.com
;     --smtpHost=mail.example.com --interval=5 (on one line)
;   events=PROCESS_STATE,TICK_60

; A group of programs, instead of one group per program.
;[group:thegroupname]
@GROUP@
; The Minos deploy client's deployment.* methods; the jobs they start are
; [program:] sections written to conf/*.cfg, read by an [include].
;[rpcinterface:deployment]
@DEPLOYMENT@
; More configuration files; globs are relative to this file.
;[include]
@INCLUDE@)";

// What the sample says of one option: ";name=value" (or set, without the
// ';'), and from column `width` what it does and its default.
struct SampleLine {
  bool set = false;
  bool required = false;
  std::string_view name;
  std::string_view default_text;   // what leaving it out gives, as written
  std::string_view default_words;  // what the sample says of it instead
  std::string_view example;        // the value shown where there is no default
  std::string_view doc;

  std::string text(size_t width) const {
    std::string line =
        (set ? "" : ";") + std::string(name) + "=" + std::string(example.empty() ? default_text : example);
    line.resize(std::max(line.size() + 1, width), ' ');
    std::string_view said = default_words.empty() ? default_text : default_words;
    if (required) return line + "; required: " + std::string(doc) + "\n";
    if (said.empty()) return line + "; " + std::string(doc) + "\n";
    return line + "; " + std::string(doc) + "; default " + std::string(said) + "\n";
  }
};

// A program or listener section: required options first, then in the
// table's order.
std::string option_lines(unsigned kind) {
  std::string out;
  for (bool required : {true, false})
    for (const ProgramOption& o : program_options()) {
      if (!(o.sections & kind) || o.required() != required) continue;
      bool listener = kind == kInEventListener;
      std::string_view doc = listener && !o.listener_doc.empty() ? o.listener_doc : o.doc;
      std::string_view example = listener && !o.listener_example.empty() ? o.listener_example : o.example;
      SampleLine line{.required = required,
                      .name = o.name,
                      .default_text = o.default_in(kind),
                      .default_words = required ? std::string_view() : o.default_words,
                      .example = example,
                      .doc = doc};
      out += line.text(31);
    }
  return out;
}

// [supervisord]: the options the sample sets first, so that it runs as printed.
std::string supervisord_lines() {
  std::string out;
  for (bool set : {true, false})
    for (const SupervisordOption& o : supervisord_options()) {
      if (o.set_in_sample != set) continue;
      SampleLine line{.set = set,
                      .name = o.name,
                      .default_text = o.default_text,
                      .default_words = o.default_words,
                      .example = o.example,
                      .doc = o.doc};
      out += line.text(29);
    }
  return out;
}

// A section read by hand, in the table's order.
std::string section_lines(OptionSection section, size_t width) {
  std::string out;
  for (const SectionOption& o : section_options()) {
    if (o.section != section) continue;
    SampleLine line{.set = o.set_in_sample,
                    .required = o.required,
                    .name = o.name,
                    .default_text = o.default_text,
                    .default_words = o.default_words,
                    .example = o.example,
                    .doc = o.doc};
    out += line.text(width);
  }
  return out;
}

void replace_marker(std::string& text, const std::string& marker, const std::string& with) {
  text.replace(text.find(marker), marker.size(), with);
}

}  // namespace

std::string sample_config_text() {
  std::string text = kSample;
  replace_marker(text, "@VERSION@", PACKAGE_VERSION);
  replace_marker(text, "@UNIX_HTTP_SERVER@", section_lines(OptionSection::kUnixHttpServer, 28));
  replace_marker(text, "@INET_HTTP_SERVER@", section_lines(OptionSection::kInetHttpServer, 28));
  replace_marker(text, "@SUPERVISORD@", supervisord_lines());
  replace_marker(text, "@SUPERVISORCTL@", section_lines(OptionSection::kSupervisorctl, 29));
  replace_marker(text, "@PROGRAM@", option_lines(kInProgram));
  replace_marker(text, "@EVENTLISTENER@", option_lines(kInEventListener));
  replace_marker(text, "@FCGIPROGRAM@", option_lines(kInFcgiProgram));
  replace_marker(text, "@GROUP@", section_lines(OptionSection::kGroup, 31));
  replace_marker(text, "@DEPLOYMENT@", section_lines(OptionSection::kDeployment, 31));
  replace_marker(text, "@INCLUDE@", section_lines(OptionSection::kInclude, 31));
  return text;
}

bool called_as_echo_supervisord_conf(const std::string& argv0) {
  size_t slash = argv0.rfind('/');
  std::string base = slash == std::string::npos ? argv0 : argv0.substr(slash + 1);
  // Any install prefix or suffix (--program-transform-name) keeps the name in it.
  return base.find("echo_supervisord_conf") != std::string::npos;
}

}  // namespace sn
