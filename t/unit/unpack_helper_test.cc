#include "supervisord/deployment/unpack_helper.h"

#include <gtest/gtest.h>

#include <string>

namespace sn {
namespace {

TEST(UnpackHelper, OnlyFilesDirectoriesAndLinksAreUnpacked) {
  // Lines as GNU tar -tv prints them.
  EXPECT_EQ(refused_member_kind("-rw-r--r-- root/root        5 2026-12-02 12:00 pkg/ok.txt"), nullptr);
  EXPECT_EQ(refused_member_kind("drwxr-xr-x root/root        0 2026-12-02 12:00 pkg/"), nullptr);
  EXPECT_EQ(refused_member_kind("lrwxrwxrwx root/root        0 2026-12-02 12:00 pkg/l -> ok.txt"), nullptr);
  EXPECT_EQ(refused_member_kind("hrw-r--r-- root/root        0 2026-12-02 12:00 pkg/h link to pkg/ok.txt"), nullptr);
  EXPECT_EQ(std::string(refused_member_kind("prw-r--r-- root/root 0 2026-12-02 12:00 pkg/fifo")), "a FIFO");
  EXPECT_EQ(std::string(refused_member_kind("crw-rw-rw- root/root 1,3 2026-12-02 12:00 pkg/null")),
            "a character device");
  EXPECT_EQ(std::string(refused_member_kind("brw-rw---- root/disk 8,0 2026-12-02 12:00 pkg/sda")), "a block device");
  EXPECT_EQ(std::string(refused_member_kind("srwxr-xr-x root/root 0 2026-12-02 12:00 pkg/sock")), "a socket");
  EXPECT_NE(refused_member_kind("V--------- 0/0 0 2026-12-02 12:00 label--Volume Header--"), nullptr);
  EXPECT_EQ(refused_member_kind(""), nullptr);
}

}  // namespace
}  // namespace sn
