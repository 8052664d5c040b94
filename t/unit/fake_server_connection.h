// A scripted ServerConnection for supervisorctl's command tests: answers
// (or faults) per method, a record of every call, and a Controller wired
// to it that writes into a string.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lib/xmlrpc/fault.h"
#include "supervisorctl/controller.h"

namespace sn::test {

class FakeServer : public ServerConnection {
 public:
  struct Call {
    std::string method;
    std::vector<XmlRpcValue> params;
  };
  // What the next call of `method` answers; the last one repeats.
  void answer(const std::string& method, XmlRpcValue value) { script_[method].push_back(Reply{value, {}, false}); }
  void fault(const std::string& method, FaultCode code, const std::string& text = "") {
    script_[method].push_back(
        Reply{{},
              Fault{static_cast<int>(code), text.empty() ? std::string(fault_name(static_cast<int>(code))) : text},
              true});
  }
  void transport_error(const std::string& method, TransportError::Kind kind, const std::string& message) {
    errors_[method] = {kind, message};
  }

  XmlRpcValue call(std::string_view method, const std::vector<XmlRpcValue>& params) override {
    calls.push_back({std::string(method), params});
    if (auto e = errors_.find(std::string(method)); e != errors_.end()) {
      throw TransportError(e->second.first, e->second.second);
    }
    auto it = script_.find(std::string(method));
    if (it == script_.end() || it->second.empty()) {
      if (method == "supervisor.getVersion") return XmlRpcValue("3.0");
      throw FaultError(Fault{1, "UNKNOWN_METHOD"});
    }
    Reply r = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    if (r.is_fault) throw FaultError(r.fault);
    return r.value;
  }

  FollowEnd follow(const std::vector<std::string>& paths, const LineHandler& on_line) override {
    followed.push_back(paths);
    for (const std::string& line : typed) {
      if (!on_line || !on_line(line)) return on_line ? FollowEnd::kStoppedByInput : FollowEnd::kInterrupted;
    }
    return follow_end;
  }

  std::vector<std::string> methods() const {
    std::vector<std::string> out;
    for (const Call& c : calls) out.push_back(c.method);
    return out;
  }

  std::vector<Call> calls;
  std::vector<std::vector<std::string>> followed;
  std::vector<std::string> typed;  // lines "typed" during follow()
  FollowEnd follow_end = FollowEnd::kInterrupted;

 private:
  struct Reply {
    XmlRpcValue value;
    Fault fault;
    bool is_fault = false;
  };
  std::map<std::string, std::deque<Reply>> script_;
  std::map<std::string, std::pair<TransportError::Kind, std::string>> errors_;
};

// A Controller talking to a FakeServer, its output collected.
struct CtlHarness {
  explicit CtlHarness(bool interactive = false) {
    ClientOptions o;
    o.server = *parse_server_url("unix:///tmp/fake.sock");
    o.interactive = interactive;
    options = o;
  }
  Controller& ctl() {
    if (!controller) {
      controller = std::make_unique<Controller>(
          options,
          [this](const ServerUrl& url, const Credentials& c) {
            connected.emplace_back(url.text, c);
            auto s = std::make_unique<ForwardingServer>(server);
            return std::unique_ptr<ServerConnection>(std::move(s));
          },
          ControllerIo{[this](std::string_view t) { out += t; },
                       [this](const std::string& prompt, bool secret) -> std::optional<std::string> {
                         out += prompt;
                         asked_secret.push_back(secret);
                         if (answers.empty()) return std::nullopt;
                         std::string a = answers.front();
                         answers.pop_front();
                         return a;
                       }});
    }
    return *controller;
  }
  // Runs `line`; returns (exit status, output) and clears the output.
  std::pair<int, std::string> run(const std::string& line) {
    out.clear();
    ctl().run_line(line);
    return {controller->exit_status(), out};
  }

  // Connections come and go (open, a new password); the script stays.
  struct ForwardingServer : ServerConnection {
    explicit ForwardingServer(FakeServer& s) : target(s) {}
    XmlRpcValue call(std::string_view m, const std::vector<XmlRpcValue>& p) override { return target.call(m, p); }
    FollowEnd follow(const std::vector<std::string>& paths, const LineHandler& h) override {
      return target.follow(paths, h);
    }
    FakeServer& target;
  };

  FakeServer server;
  ClientOptions options;
  std::unique_ptr<Controller> controller;
  std::string out;
  std::deque<std::string> answers;
  std::vector<bool> asked_secret;
  std::vector<std::pair<std::string, Credentials>> connected;
};

inline XmlRpcValue result(const std::string& group, const std::string& name, FaultCode status,
                          const std::string& description = "OK") {
  return XmlRpcValue(XmlRpcValue::Struct{
      {"name", name}, {"group", group}, {"status", static_cast<int>(status)}, {"description", description}});
}

inline XmlRpcValue info(const std::string& group, const std::string& name, const std::string& statename, int state,
                        const std::string& description = "", int pid = 0) {
  return XmlRpcValue(XmlRpcValue::Struct{{"name", name},
                                         {"group", group},
                                         {"statename", statename},
                                         {"state", state},
                                         {"description", description},
                                         {"pid", pid}});
}

}  // namespace sn::test
