#include "supervisor-deploy/deploy_config.h"

#include <gtest/gtest.h>

#include "lib/config/config_error.h"
#include "lib/config/value_parsers.h"
#include "test_util.h"

namespace sn {
namespace {

const char kGroup[] =
    "user=work\npassword=s3cret\nroot_dir=/home/work//app/.\ndata_dirs=/d1, /x/../d2\nhttp_password=123456\n"
    "package_server=http://10.0.0.1:8000\n";

std::string error_of(const test::TempDir& dir, const std::string& text) {
  try {
    load_deploy_config(dir.write("deploy.cfg", text), "/root");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(DeployConfig, MinosGroupsAndOurKeys) {
  test::TempDir dir;
  std::string path = dir.write("deploy.cfg", std::string("[DEFAULT]\nport=2222\n[group_1]\n") + kGroup +
                                                 "host.0=10.0.3.98\nhost.1=10.0.3.99:22\nhost.2=[::1]:2200\n"
                                                 "[group_2]\n" +
                                                 kGroup +
                                                 "host.0=web1\nidentity_file=~/.ssh//id_ed25519\nhttp_port=9101\n"
                                                 "http_bind=host\ncrashmail_to=a@x.org, b@x.org\n"
                                                 "crashmail_from=robot@x.org\nsmtp_host=mail.x.org:25\n");
  DeployConfig c = load_deploy_config(path, "/root");
  ASSERT_EQ(c.groups.size(), 2u);
  const DeployGroup& g = c.groups[0];
  EXPECT_EQ(g.name, "group_1");
  EXPECT_EQ(g.user, "work");
  EXPECT_EQ(g.password, "s3cret");
  EXPECT_EQ(g.root_dir, "/home/work/app");
  EXPECT_EQ(g.data_dirs, (std::vector<std::string>{"/d1", "/d2"}));
  ASSERT_EQ(g.hosts.size(), 3u);
  EXPECT_EQ(g.hosts[0].address, "10.0.3.98");
  EXPECT_EQ(g.hosts[0].port, 2222);  // [DEFAULT] port
  EXPECT_EQ(g.hosts[1].port, 22);
  EXPECT_EQ(g.hosts[2].address, "::1");
  EXPECT_EQ(g.hosts[2].port, 2200);
  EXPECT_EQ(g.known_hosts, "/root/.ssh/known_hosts");
  EXPECT_EQ(g.http_port, 9001);
  EXPECT_EQ(g.http_username, "minosuser");
  EXPECT_TRUE(g.crashmail.to.empty());
  const DeployGroup& g2 = c.groups[1];
  EXPECT_EQ(g2.identity_file, "/root/.ssh/id_ed25519");
  EXPECT_EQ(g2.http_port, 9101);
  EXPECT_EQ(g2.http_bind, "host");
  EXPECT_EQ(g2.crashmail.to, (std::vector<std::string>{"a@x.org", "b@x.org"}));
  EXPECT_EQ(g2.crashmail.smtp_host, "mail.x.org:25");
}

TEST(DeployConfig, ErrorsNameFileLineAndKey) {
  test::TempDir dir;
  std::string f = dir.file("deploy.cfg");
  EXPECT_EQ(error_of(dir, ""), f + ": no host groups: add a [group_1] section");
  std::string e = error_of(dir, std::string("[g]\n") + kGroup);
  EXPECT_NE(e.find("[g]"), std::string::npos) << e;
  EXPECT_NE(e.find("no hosts"), std::string::npos) << e;
  e = error_of(dir, std::string("[g]\n") + kGroup + "host.0=h\nhttp_port=99999\n");
  EXPECT_NE(e.find(f + ":9: [g] http_port: expected a port from 1 to 65535, got '99999'"), std::string::npos) << e;
  e = error_of(dir, std::string("[g]\n") + kGroup + "host.0=h:x\n");
  EXPECT_NE(e.find("[g] host.0: expected a port"), std::string::npos) << e;
  e = error_of(dir, "[g]\nuser=work\nroot_dir=relative\ndata_dirs=/d\nhost.0=h\n");
  EXPECT_NE(e.find("root_dir: expected an absolute path"), std::string::npos) << e;
  e = error_of(dir, std::string("[g]\n") + kGroup + "host.0=h\nhots.1=x\n");
  EXPECT_NE(e.find("hots.1: unknown key"), std::string::npos) << e;
  e = error_of(dir, std::string("[g]\n") + kGroup + "host.0=h\ncrashmail_to=a@x.org\n");
  EXPECT_NE(e.find("crashmail_from: required with crashmail_to"), std::string::npos) << e;
  e = error_of(dir, std::string("[g]\nuser=work\nroot_dir=/r\ndata_dirs=/d\nhost.0=h\npackage_server=http://p\n"));
  EXPECT_NE(e.find("http_password: required"), std::string::npos) << e;
  EXPECT_EQ(error_of(dir, std::string("[g]\n") + kGroup + "host.0=h\n"), "(no error)");
}

TEST(DeployConfig, HostForms) {
  EXPECT_EQ(parse_deploy_host("h", 22).port, 22);
  EXPECT_EQ(parse_deploy_host("h:2200", 22).port, 2200);
  EXPECT_EQ(parse_deploy_host("fe80::1", 22).address, "fe80::1");
  EXPECT_EQ(parse_deploy_host("[fe80::1]:23", 22).port, 23);
  for (const char* bad : {"", "a b", "-oProxyCommand=x", "u@h", "[::1", "[::1]x"})
    EXPECT_THROW(parse_deploy_host(bad, 22), ValueError) << bad;
}

}  // namespace
}  // namespace sn
