// POST /RPC2: XML-RPC over HTTP, as supervisor serves it. Unparseable
// bodies get 400, a missing length 411; hostile XML is refused with a
// fault; everything else goes to the registry.
#pragma once

#include "lib/http/request.h"
#include "lib/util/logger.h"
#include "lib/util/rate_limiter.h"
#include "supervisord/http/responder.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {

// `bad_requests` limits how many refused bodies are logged.
void serve_xmlrpc(const RpcRegistry& registry, Logger& logger, RateLimiter& bad_requests, const HttpRequest& request,
                  Responder responder);

}  // namespace sn
