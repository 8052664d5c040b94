#include "lib/xmlrpc/fault.h"

namespace sn {

std::string_view fault_name(int code) {
  switch (static_cast<FaultCode>(code)) {
    case FaultCode::kUnknownMethod: return "UNKNOWN_METHOD";
    case FaultCode::kIncorrectParameters: return "INCORRECT_PARAMETERS";
    case FaultCode::kBadArguments: return "BAD_ARGUMENTS";
    case FaultCode::kSignatureUnsupported: return "SIGNATURE_UNSUPPORTED";
    case FaultCode::kShutdownState: return "SHUTDOWN_STATE";
    case FaultCode::kBadName: return "BAD_NAME";
    case FaultCode::kBadSignal: return "BAD_SIGNAL";
    case FaultCode::kNoFile: return "NO_FILE";
    case FaultCode::kNotExecutable: return "NOT_EXECUTABLE";
    case FaultCode::kFailed: return "FAILED";
    case FaultCode::kAbnormalTermination: return "ABNORMAL_TERMINATION";
    case FaultCode::kSpawnError: return "SPAWN_ERROR";
    case FaultCode::kAlreadyStarted: return "ALREADY_STARTED";
    case FaultCode::kNotRunning: return "NOT_RUNNING";
    case FaultCode::kSuccess: return "SUCCESS";
    case FaultCode::kAlreadyAdded: return "ALREADY_ADDED";
    case FaultCode::kStillRunning: return "STILL_RUNNING";
    case FaultCode::kCantReread: return "CANT_REREAD";
  }
  return "UNKNOWN";
}

Fault Fault::of(FaultCode code) { return {static_cast<int>(code), std::string(fault_name(static_cast<int>(code)))}; }

Fault Fault::of(FaultCode code, std::string_view detail) {
  Fault f = of(code);
  f.text += ": ";
  f.text += detail;
  return f;
}

}  // namespace sn
