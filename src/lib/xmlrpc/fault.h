// XML-RPC faults with supervisor's codes and "NAME: detail" strings.
#pragma once

#include <string>
#include <string_view>

namespace sn {

enum class FaultCode : int {
  kUnknownMethod = 1,
  kIncorrectParameters = 2,
  kBadArguments = 3,
  kSignatureUnsupported = 4,
  kShutdownState = 6,
  kBadName = 10,
  kBadSignal = 11,
  kNoFile = 20,
  kNotExecutable = 21,
  kFailed = 30,
  kAbnormalTermination = 40,
  kSpawnError = 50,
  kAlreadyStarted = 60,
  kNotRunning = 70,
  kSuccess = 80,
  kAlreadyAdded = 90,
  kStillRunning = 91,
  kCantReread = 92,
};

std::string_view fault_name(int code);  // "UNKNOWN" for codes supervisor does not define

struct Fault {
  int code = 0;
  std::string text;  // faultString

  // supervisor's RPCError: "BAD_NAME" or "BAD_NAME: foo".
  static Fault of(FaultCode code);
  static Fault of(FaultCode code, std::string_view detail);
  bool operator==(const Fault&) const = default;
};

}  // namespace sn
