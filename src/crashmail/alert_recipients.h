// Minos' alert.cfg: extra recipients per cluster, for jobs named
// service--cluster--job. A section per cluster, "[hdfs--dptst]", with
// "to_emails = a@x, b@y". Unlike Minos' listener, a process outside that
// naming, or a broken file, only means no extra recipients.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sn {

// "hdfs--dptst" for the group "hdfs--dptst--datanode1"; nothing when the
// name is not three parts joined by "--".
std::optional<std::string> minos_cluster_of(const std::string& group);

// The cluster's to_emails in the file at `path` (none when the file or
// section does not exist). Problems go to *error, naming file and line.
std::vector<std::string> cluster_recipients(const std::string& path, const std::string& group, std::string* error);

}  // namespace sn
