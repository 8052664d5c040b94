// "supervisord --deployment-fetch URL DEST TIMEOUT": the child process that
// downloads from the package server, so no DNS lookup or slow server ever
// holds up the daemon's loop. DEST "-" writes the body to stdout (package
// information); otherwise the body goes to DEST.part and is renamed to
// DEST only when complete, so a partial download is never a package.
// Errors go to stderr, exit status 1.
#pragma once

namespace sn {

inline constexpr const char* kDeploymentFetchFlag = "--deployment-fetch";
int deployment_fetch_main(int argc, char** argv);

}  // namespace sn
