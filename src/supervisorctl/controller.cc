// Tested by t/unit/controller_test.cc.
#include "supervisorctl/controller.h"

#include <cctype>

#include "lib/util/strings.h"
#include "lib/xmlrpc/fault.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/interruption.h"

namespace sn {
namespace {

constexpr const char* kApiVersion = "3.0";
constexpr int kAuthAttempts = 3;

bool is_identchar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

Controller::Controller(ClientOptions options, ConnectionFactory connect, ControllerIo io)
    : options_(std::move(options)), connect_(std::move(connect)), io_(std::move(io)) {}

void Controller::output(std::string_view text) {
  std::string line(text);
  line += '\n';
  io_.write(line);
}

void Controller::write(std::string_view text) { io_.write(text); }

ServerConnection& Controller::server() {
  if (!server_) server_ = connect_(options_.server, options_.credentials);
  return *server_;
}

void Controller::switch_server(ServerUrl url) {
  options_.server = std::move(url);
  server_.reset();
}

void Controller::set_exit_status_from_fault(int fault_code, int ignored_fault_code) {
  if (fault_code == ignored_fault_code || fault_code == static_cast<int>(FaultCode::kSuccess)) return;
  switch (static_cast<FaultCode>(fault_code)) {
    case FaultCode::kSpawnError:
    case FaultCode::kAbnormalTermination:
    case FaultCode::kNotRunning: exit_status_ = exit_code::kNotRunning; break;
    default: exit_status_ = exit_code::kGeneric;
  }
}

bool Controller::upcheck() {
  try {
    XmlRpcValue api = server().call("supervisor.getVersion");
    if (!api.is(XmlRpcValue::Type::kString) || api.as_string() != kApiVersion) {
      std::string got = api.is(XmlRpcValue::Type::kString) ? api.as_string() : std::string("(not a string)");
      output(std::string("Sorry, this version of supervisorctl expects to talk to a server with API version ") +
             kApiVersion + ", but the remote version is " + got + ".");
      exit_status_ = exit_code::kNotInstalled;
      return false;
    }
  } catch (const FaultError& e) {
    if (e.is(FaultCode::kUnknownMethod)) {
      output(
          "Sorry, supervisord responded but did not recognize the supervisor namespace commands that "
          "supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is "
          "enabled in the configuration file (see sample.conf).");
      exit_status_ = exit_code::kUnimplementedFeature;
      return false;
    }
    exit_status_ = exit_code::kGeneric;
    throw;
  } catch (const TransportError& e) {
    if (e.kind() == TransportError::Kind::kRefused) {
      output(e.what());
      exit_status_ = exit_code::kInsufficientPrivileges;
      return false;
    }
    if (e.kind() == TransportError::Kind::kNoSuchFile) {
      output(e.what());
      exit_status_ = exit_code::kNotRunning;
      return false;
    }
    exit_status_ = exit_code::kGeneric;
    throw;
  }
  return true;
}

void Controller::run_line(std::string_view line) { run_with_auth_retry(line, kAuthAttempts); }

void Controller::run_with_auth_retry(std::string_view line, int attempts_left) {
  try {
    dispatch(line);
  } catch (const TransportError& e) {
    exit_status_ = exit_code::kGeneric;
    if (e.kind() != TransportError::Kind::kAuthRequired) {
      output(e.what());
      return;
    }
    output("Server requires authentication");
    if (!options_.may_prompt_for_credentials || attempts_left == 0) return;
    std::optional<std::string> username = options_.credentials.username;
    if (!username) username = ask("Username:");
    std::optional<std::string> password = username ? ask("Password:", true) : std::nullopt;
    output("");
    if (!password) return;
    options_.credentials = Credentials{username, password};
    server_.reset();
    exit_status_ = exit_code::kSuccess;
    run_with_auth_retry(line, attempts_left - 1);
  } catch (const FaultError& e) {
    output(std::string("error: ") + e.what());
    exit_status_ = exit_code::kGeneric;
  } catch (const Interrupted&) {
    throw;  // Ctrl-C ends the command and the shell
  } catch (const std::exception& e) {
    // Whatever else went wrong is one line, and the shell goes on.
    output(std::string("error: ") + e.what());
    exit_status_ = exit_code::kGeneric;
  }
}

std::optional<std::string> Controller::ask(const std::string& prompt, bool secret) {
  std::optional<std::string> answer = io_.ask(prompt, secret);
  if (!answer && interrupted()) throw Interrupted();
  return answer;
}

void Controller::dispatch(std::string_view raw) {
  std::string line(trim(raw));
  if (line.empty()) return;
  if (line[0] == '?') line = "help " + line.substr(1);
  size_t end = 0;
  while (end < line.size() && is_identchar(line[end])) ++end;
  const Command* command = end == 0 ? nullptr : find_command(std::string_view(line).substr(0, end));
  if (!command) {
    output("*** Unknown syntax: " + line);
    exit_status_ = exit_code::kGeneric;
    return;
  }
  command->run(*this, trim(std::string_view(line).substr(end)));
}

}  // namespace sn
