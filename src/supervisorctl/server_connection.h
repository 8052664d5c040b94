// What supervisorctl's commands need from a server: XML-RPC calls, and
// following log streams (tail -f, maintail -f, fg). An interface, so the
// commands can be tested against a scripted fake.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/rpc/rpc_client.h"
#include "lib/xmlrpc/value.h"

namespace sn {

class ServerConnection {
 public:
  virtual ~ServerConnection() = default;

  // Throws TransportError or FaultError.
  virtual XmlRpcValue call(std::string_view method, const std::vector<XmlRpcValue>& params = {}) = 0;

  // What ended a follow().
  enum class FollowEnd { kInterrupted, kStreamsEnded, kInputEnded, kStoppedByInput };
  // Called with each line typed on standard input (without its newline);
  // returning false ends the follow.
  using LineHandler = std::function<bool(const std::string& line)>;

  // Copies the bodies of GET `paths` to standard output as they arrive,
  // until Ctrl-C, until the server ends every stream, or (with `on_line`)
  // until input ends or the handler says stop. Throws TransportError when
  // a stream cannot be opened or the server refuses one.
  virtual FollowEnd follow(const std::vector<std::string>& paths, const LineHandler& on_line) = 0;
};

using ConnectionFactory = std::function<std::unique_ptr<ServerConnection>(const ServerUrl&, const Credentials&)>;

}  // namespace sn
