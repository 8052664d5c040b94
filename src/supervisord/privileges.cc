#include "supervisord/privileges.h"

#include <grp.h>
#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <vector>

#include "lib/util/strings.h"

namespace sn {

std::string drop_privileges(const std::string& user) {
  passwd* pw = nullptr;
  if (auto n = parse_python_int(user)) {
    pw = ::getpwuid(static_cast<uid_t>(*n));
    if (!pw) return "Can't find uid " + user;
  } else {
    pw = ::getpwnam(user.c_str());
    if (!pw) return "Can't find username " + py_repr(user);
  }
  uid_t uid = pw->pw_uid;
  if (::getuid() == uid) return "";
  if (::getuid() != 0) return "Can't drop privilege as nonroot user";
  gid_t gid = pw->pw_gid;
  int count = 64;
  std::vector<gid_t> groups(static_cast<size_t>(count));
  if (::getgrouplist(pw->pw_name, gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<size_t>(count));
    ::getgrouplist(pw->pw_name, gid, groups.data(), &count);
  }
  groups.resize(static_cast<size_t>(count));
  if (::setgroups(groups.size(), groups.data()) != 0) return "Could not set groups of effective user";
  if (::setgid(gid) != 0) return "Could not set group id of effective user";
  if (::setuid(uid) != 0) return "Could not set user id of effective user";
  return "";
}

namespace {

std::string raise_one(int resource, const char* name, int64_t minimum, const std::string& message,
                      std::vector<std::string>* infos) {
  rlimit lim;
  if (::getrlimit(resource, &lim) != 0) return "";
  rlim_t want = static_cast<rlim_t>(minimum);
  if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= want) return "";
  rlim_t hard = lim.rlim_max;
  if (hard != RLIM_INFINITY && hard < want) hard = want;  // works when root
  rlimit next{want, hard};
  if (::setrlimit(resource, &next) != 0) {
    std::string text = message;
    size_t at = text.find("%H");
    text.replace(at, 2, lim.rlim_max == RLIM_INFINITY ? "unlimited" : std::to_string(lim.rlim_max));
    return text;
  }
  infos->push_back(std::string("Increased ") + name + " limit to " + std::to_string(minimum));
  return "";
}

}  // namespace

std::string raise_limits(int64_t minfds, int64_t minprocs, std::vector<std::string>* infos) {
  std::string err = raise_one(
      RLIMIT_NOFILE, "RLIMIT_NOFILE", minfds,
      "The minimum number of file descriptors required to run this process is " + std::to_string(minfds) +
          " as per the \"minfds\" command-line argument or config file setting. The current environment will "
          "only allow you to open %H file descriptors.  Either raise the number of usable file descriptors in "
          "your environment (see README.md) or lower the minfds setting in the config file to allow the process "
          "to start.",
      infos);
  if (!err.empty()) return err;
  return raise_one(
      RLIMIT_NPROC, "RLIMIT_NPROC", minprocs,
      "The minimum number of available processes required to run this program is " + std::to_string(minprocs) +
          " as per the \"minprocs\" command-line argument or config file setting. The current environment will "
          "only allow you to open %H processes.  Either raise the number of usable processes in your "
          "environment (see README.md) or lower the minprocs setting in the config file to allow the program to "
          "start.",
      infos);
}

}  // namespace sn
