#include "lib/http/response.h"

#include <cstdio>
#include <ctime>

#include "config.h"

namespace sn {

std::string_view http_status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

std::string http_date(time_t when) {
  struct tm tm;
  gmtime_r(&when, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string HttpResponse::serialize(bool keep_alive) const {
  std::string out = head(keep_alive);
  if (!chunked && !until_close) out += body;
  return out;
}

std::string HttpResponse::head(bool keep_alive) const {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(http_status_text(status)) + "\r\n";
  out += "Server: supervisor-native/" PACKAGE_VERSION "\r\n";
  out += "Date: " + http_date(std::time(nullptr)) + "\r\n";
  for (const auto& [k, v] : headers) out += k + ": " + v + "\r\n";
  if (chunked) out += "Transfer-Encoding: chunked\r\n";
  else if (!until_close) out += "Content-Length: " + std::to_string(source ? source->size() : body.size()) + "\r\n";
  if (!keep_alive || until_close) out += "Connection: close\r\n";
  out += "\r\n";
  return out;
}

HttpResponse error_response(int status) {
  HttpResponse r;
  r.status = status;
  std::string code = std::to_string(status);
  std::string text(http_status_text(status));
  r.body = "<!DOCTYPE html>\n<html><head><title>" + code + " " + text + "</title></head><body><h1>" + code + " " +
           text + "</h1></body></html>\n";
  r.header("Content-Type", "text/html");
  return r;
}

std::string http_chunk(std::string_view data) {
  char size[24];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string out = size;
  out += data;
  out += "\r\n";
  return out;
}

}  // namespace sn
