// "supervisord --deployment-unpack TARBALL DIR": the child process that
// unpacks a package. It lists the tarball first and unpacks it into DIR
// only when every member is a file, a directory or a link: a FIFO, a
// device or a socket in a package is refused before anything is made, so
// none ever appears under the deployment roots (where a FIFO would hang
// whoever opens it, and a device node would open hardware to a job).
// Errors go to stderr, exit status 1.
#pragma once

#include <string_view>

namespace sn {

inline constexpr const char* kDeploymentUnpackFlag = "--deployment-unpack";
int deployment_unpack_main(int argc, char** argv);

// For one line of GNU tar's verbose listing ("prw-r--r-- root/root 0 ...
// name"): nullptr when the member may be unpacked, else what it is ("a FIFO").
const char* refused_member_kind(std::string_view listing_line);

}  // namespace sn
