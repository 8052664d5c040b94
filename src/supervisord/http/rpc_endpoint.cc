// Tested by t/integration/test_http.py (status codes, hostile XML).
#include "supervisord/http/rpc_endpoint.h"

#include "lib/util/strings.h"
#include "lib/xmlrpc/xml_reader.h"
#include "lib/xmlrpc/xml_writer.h"
#include "lib/xmlrpc/xmlrpc_answer.h"

namespace sn {
namespace {

HttpResponse xml_response(std::string body) {
  HttpResponse r;
  r.header("Content-Type", "text/xml");
  r.body = std::move(body);
  return r;
}

// A method's answer, produced as it is sent (see xmlrpc_answer.h).
HttpResponse xml_answer(XmlRpcValue value, const std::string& method, Logger& logger) {
  auto answer = std::make_shared<XmlRpcAnswer>(std::move(value));
  if (!answer->readable()) {
    logger.warn("XML-RPC method " + method + "() could not read the log it answers with");
    return xml_response(xmlrpc_fault_response(Fault::of(FaultCode::kFailed, "cannot read the log")));
  }
  HttpResponse r;
  r.header("Content-Type", "text/xml");
  r.source = std::move(answer);
  return r;
}

// Logs a refused request unless too many have been lately.
void log_refused(Logger& logger, RateLimiter& limit, LogLevel level, const std::string& message) {
  uint64_t held_back = 0;
  if (!limit.allow(&held_back)) return;
  std::string text = message;
  if (held_back) text += " (and " + std::to_string(held_back) + " more refused requests not logged)";
  logger.log(level, text);
}

}  // namespace

void serve_xmlrpc(const RpcRegistry& registry, Logger& logger, RateLimiter& bad_requests, const HttpRequest& request,
                  Responder responder) {
  if (request.method != "POST") {
    HttpResponse r = error_response(405);
    r.header("Allow", "POST");
    return responder.send(r);
  }
  if (!request.body_framed) return responder.send(error_response(411));
  XmlRpcParseError error;
  std::optional<XmlRpcCall> call = parse_xmlrpc_call(request.body, &error);
  if (!call) {
    if (error.kind == XmlRpcParseError::Kind::kHostile) {
      log_refused(logger, bad_requests, LogLevel::kWarn, "XML-RPC request refused: " + error.message);
      return responder.send(xml_response(
          xmlrpc_fault_response(Fault::of(FaultCode::kIncorrectParameters, "request refused: " + error.message))));
    }
    log_refused(logger, bad_requests, LogLevel::kError,
                "XML-RPC request data " + safe_repr(request.body.substr(0, 200)) + " is invalid: " + error.message);
    return responder.send(error_response(400));
  }
  logger.trace("XML-RPC method called: " + call->method + "()");
  std::string method = call->method;
  registry.call(method, call->params, [responder, &logger, method](RpcResult result) mutable {
    if (result.ok) {
      logger.trace("XML-RPC method " + method + "() returned successfully");
      responder.send(xml_answer(std::move(result.value), method, logger));
    } else {
      logger.trace("XML-RPC method " + method + "() returned fault: [" + std::to_string(result.fault.code) + "] " +
                   result.fault.text);
      responder.send(xml_response(xmlrpc_fault_response(result.fault)));
    }
  });
}

}  // namespace sn
