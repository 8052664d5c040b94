#include "supervisor-deploy/host_deployment.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(HostDeployment, MachineMismatchSaysWhat) {
  const std::string glibc = "ldd (Debian GLIBC 2.36-9+deb12u4) 2.36";
  EXPECT_EQ(machine_mismatch("x86_64", glibc, "x86_64", "2.36"), "");
  EXPECT_EQ(machine_mismatch("x86_64", "ldd (GNU libc) 2.38", "x86_64", "2.36"), "");
  EXPECT_EQ(machine_mismatch("aarch64", glibc, "x86_64", "2.36"),
            "the host is aarch64, the programs are built for x86_64");
  EXPECT_EQ(machine_mismatch("x86_64", "ldd (Debian GLIBC 2.28-10) 2.28", "x86_64", "2.36"),
            "the host's glibc 2.28 is older than 2.36, which the programs are built with");
  EXPECT_EQ(
      machine_mismatch("x86_64", "musl libc (x86_64)", "x86_64", "2.36"),
      "the host's C library is not glibc (ldd --version says 'musl libc (x86_64)'); the programs need glibc 2.36");
  EXPECT_EQ(machine_mismatch("x86_64", "ldd (GNU libc) 2.36.1", "x86_64", "2.36"), "");
}

TEST(HostDeployment, DryRunDescribesEveryStep) {
  DeployGroup g;
  g.user = "work";
  g.root_dir = "/r";
  g.data_dirs = {"/d"};
  g.known_hosts = "/k";
  g.password = "never-shown";
  DeployOptions o;
  o.programs = {{"supervisord", "/b/supervisord", ""}};
  auto lines = describe_deployment(g, {"host.0", "h", 2222}, o);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0], "connect to work@h:2222 (known hosts /k)");
  EXPECT_EQ(lines[2], "upload /b/supervisord to /r/supervisor/bin/supervisord");
  for (const auto& l : lines) EXPECT_EQ(l.find("never-shown"), std::string::npos);
}

}  // namespace
}  // namespace sn
