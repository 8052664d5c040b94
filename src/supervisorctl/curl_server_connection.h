// The real ServerConnection: XML-RPC through RpcClient, and log streams as
// concurrent GETs on one libcurl multi handle, waited on together with
// Ctrl-C and (for fg) standard input. No threads.
#pragma once

#include "lib/rpc/rpc_client.h"
#include "supervisorctl/server_connection.h"

namespace sn {

class CurlServerConnection : public ServerConnection {
 public:
  // Ctrl-C (interruption.h) ends a request in flight.
  CurlServerConnection(const ServerUrl& url, const Credentials& credentials);

  XmlRpcValue call(std::string_view method, const std::vector<XmlRpcValue>& params) override {
    return rpc_.call(method, params);
  }
  FollowEnd follow(const std::vector<std::string>& paths, const LineHandler& on_line) override;

 private:
  RpcClient rpc_;
};

}  // namespace sn
