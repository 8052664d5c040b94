#include "crashmail/alert_recipients.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace sn {
namespace {

TEST(AlertRecipients, ClusterOfMinosNames) {
  EXPECT_EQ(minos_cluster_of("hdfs--dptst--datanode1"), "hdfs--dptst");
  for (const char* bad : {"web", "a--b", "a--b--c--d", "--b--c", "a----c", "a--b--"})
    EXPECT_FALSE(minos_cluster_of(bad)) << bad;
}

TEST(AlertRecipients, ReadFromTheClustersSection) {
  test::TempDir dir;
  std::string path = dir.write(
      "alert.cfg", "# all commented out\n[hdfs--dptst]\nto_emails = a@x.org, b@x.org ,\n[zk--tst]\nother=1\n");
  std::string error;
  EXPECT_EQ(cluster_recipients(path, "hdfs--dptst--datanode1", &error),
            (std::vector<std::string>{"a@x.org", "b@x.org"}));
  EXPECT_EQ(error, "");
  EXPECT_TRUE(cluster_recipients(path, "zk--tst--zk", &error).empty());
  EXPECT_TRUE(cluster_recipients(path, "hbase--x--rs", &error).empty());
  EXPECT_TRUE(cluster_recipients(path, "not-minos", &error).empty());
  EXPECT_TRUE(cluster_recipients(dir.file("missing.cfg"), "hdfs--dptst--dn", &error).empty());
  EXPECT_EQ(error, "");
}

TEST(AlertRecipients, ProblemsAreNamedNotFatal) {
  test::TempDir dir;
  std::string path = dir.write("alert.cfg", "[hdfs--dptst]\nto_emails = a@x.org, <b@x.org>\n");
  std::string error;
  EXPECT_TRUE(cluster_recipients(path, "hdfs--dptst--dn", &error).empty());
  EXPECT_NE(error.find("alert.cfg:2: to_emails: not a mail address: '<b@x.org>'"), std::string::npos) << error;
  dir.write("alert.cfg", "no section header\n");
  EXPECT_TRUE(cluster_recipients(path, "hdfs--dptst--dn", &error).empty());
  EXPECT_NE(error.find("alert.cfg"), std::string::npos) << error;
}

}  // namespace
}  // namespace sn
