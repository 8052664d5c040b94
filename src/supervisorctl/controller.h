// supervisorctl's command interpreter: splits a line into a command and its
// argument as Python's cmd module does, runs the command, turns transport
// errors and unexpected faults into one line of output, and keeps the exit
// status (supervisor 4's LSB codes).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "supervisorctl/client_options.h"
#include "supervisorctl/server_connection.h"

namespace sn {

// LSB init-script exit codes, as supervisorctl 4 uses them.
namespace exit_code {
constexpr int kSuccess = 0;
constexpr int kGeneric = 1;
constexpr int kInvalidArgs = 2;
constexpr int kUnimplementedFeature = 3;
constexpr int kInsufficientPrivileges = 4;
constexpr int kNotInstalled = 5;
constexpr int kNotRunning = 7;
// `status` has its own meanings for 3 and 4.
constexpr int kStatusNotRunning = 3;
constexpr int kStatusUnknown = 4;
}  // namespace exit_code

// The terminal, as the controller sees it.
struct ControllerIo {
  std::function<void(std::string_view)> write;  // to standard output
  // Asks the user; nullopt at end of input. `secret`: do not echo.
  std::function<std::optional<std::string>(const std::string& prompt, bool secret)> ask;
};

class Controller {
 public:
  Controller(ClientOptions options, ConnectionFactory connect, ControllerIo io);

  // Runs one line as supervisorctl's shell or command line would. Throws
  // Interrupted on Ctrl-C; every other error is one line of output.
  void run_line(std::string_view line);
  // True once quit, exit or EOF ran.
  bool leaving() const { return leaving_; }
  int exit_status() const { return exit_status_; }

  // For commands.
  void output(std::string_view text);  // text and a newline
  void write(std::string_view text);   // text as it is
  // Throws Interrupted when Ctrl-C ended the answer.
  std::optional<std::string> ask(const std::string& prompt, bool secret = false);
  ServerConnection& server();
  // supervisorctl's upcheck: asks for the API version; false (with the
  // message printed and the exit status set) when the server is unusable.
  bool upcheck();
  void set_exit_status(int code) { exit_status_ = code; }
  // Exit status for a fault in a result: unchanged for SUCCESS and
  // `ignored`, 7 for a process that is not running, else 1.
  void set_exit_status_from_fault(int fault_code, int ignored_fault_code = 80);
  const ClientOptions& options() const { return options_; }
  // `open`: talk to another server from now on.
  void switch_server(ServerUrl url);
  void leave() { leaving_ = true; }

 private:
  void run_with_auth_retry(std::string_view line, int attempts_left);
  void dispatch(std::string_view line);

  ClientOptions options_;
  ConnectionFactory connect_;
  ControllerIo io_;
  std::unique_ptr<ServerConnection> server_;
  int exit_status_ = exit_code::kSuccess;
  bool leaving_ = false;
};

}  // namespace sn
