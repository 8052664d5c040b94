#include "supervisord/process/operator_state_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "fake_process_host.h"

namespace sn {
namespace {

using Intent = OperatorStateFile::Intent;

class OperatorStateFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/statefile_test.XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/state";
  }
  void TearDown() override {
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
  }
  std::string read() const {
    std::ifstream in(path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void write(const std::string& text) const { std::ofstream(path_) << text; }
  std::unique_ptr<OperatorStateFile> open() {
    return std::make_unique<OperatorStateFile>(path_, host_.clock(), host_.timers(), host_.logger());
  }

  test::FakeProcessHost host_;
  std::string dir_, path_;
};

TEST_F(OperatorStateFileTest, AMissingFileRemembersNothing) {
  auto f = open();
  EXPECT_FALSE(f->intent("web"));
  EXPECT_TRUE(f->wants_autostart("web", true));
  EXPECT_FALSE(f->wants_autostart("web", false));
  EXPECT_TRUE(host_.info_lines().empty());
  EXPECT_EQ(::access(path_.c_str(), F_OK), -1);
}

TEST_F(OperatorStateFileTest, RemembersAndWritesOnceALoopRoundLater) {
  auto f = open();
  f->remember("web", Intent::kStopped);
  f->remember("grp:a", Intent::kStarted);
  EXPECT_EQ(read(), "") << "not yet: coalesced";
  host_.advance(0);
  EXPECT_EQ(read(), OperatorStateFile::render({{"grp:a", Intent::kStarted}, {"web", Intent::kStopped}}));
  EXPECT_NE(read().find("\nstarted grp:a\nstopped web\n"), std::string::npos);
  f.reset();
  auto again = open();
  EXPECT_EQ(again->intent("web"), Intent::kStopped);
  EXPECT_FALSE(again->wants_autostart("web", true));
  EXPECT_TRUE(again->wants_autostart("grp:a", false));
}

TEST_F(OperatorStateFileTest, UnwrittenChangesAreWrittenWhenItGoes) {
  auto f = open();
  f->remember("web", Intent::kStopped);
  f.reset();
  EXPECT_NE(read().find("stopped web"), std::string::npos);
}

TEST_F(OperatorStateFileTest, AForeignFileIsReportedIgnoredAndNeverOverwritten) {
  write("[program:web]\ncommand=/bin/cat\n");
  auto f = open();
  EXPECT_FALSE(f->intent("web"));
  f->remember("web", Intent::kStopped);
  f->flush();
  f.reset();
  EXPECT_EQ(read(), "[program:web]\ncommand=/bin/cat\n");
  ASSERT_FALSE(host_.info_lines().empty());
  EXPECT_NE(host_.info_lines()[0].find("ERRO statefile " + path_ + " is not a supervisor-native state file"),
            std::string::npos)
      << host_.info_lines()[0];
}

TEST_F(OperatorStateFileTest, BadLinesOfOurFileAreReportedAndSkipped) {
  std::string header = OperatorStateFile::render({});
  write(header + "stopped web\npaused x\nstarted\n\nstarted b c\nstarted ok\n");
  auto f = open();
  EXPECT_EQ(f->intent("web"), Intent::kStopped);
  EXPECT_EQ(f->intent("ok"), Intent::kStarted);
  EXPECT_FALSE(f->intent("x"));
  std::vector<std::string> lines = host_.info_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "WARN statefile " + path_ + " line 3: expected 'started NAME' or 'stopped NAME', got 'paused x': ignored");
  EXPECT_NE(lines[1].find(" line 4: "), std::string::npos);
  EXPECT_NE(lines[2].find(" line 6: "), std::string::npos);
  f->remember("x", Intent::kStarted);
  f->flush();
  EXPECT_EQ(read(), header + "started ok\nstopped web\nstarted x\n") << "rewritten clean";
}

TEST_F(OperatorStateFileTest, AnUnwritablePlaceIsSaidOnce) {
  path_ = dir_ + "/missing/state";
  auto f = open();
  f->remember("a", Intent::kStopped);
  f->flush();
  f->remember("b", Intent::kStopped);
  f->flush();
  int errors = 0;
  for (const std::string& l : host_.info_lines()) errors += l.rfind("ERRO cannot write the statefile", 0) == 0;
  EXPECT_EQ(errors, 1);
  path_ = dir_ + "/state";
}

TEST_F(OperatorStateFileTest, SameIntentTwiceIsNoWrite) {
  auto f = open();
  f->remember("web", Intent::kStopped);
  f->flush();
  ::unlink(path_.c_str());
  f->remember("web", Intent::kStopped);
  f->flush();
  EXPECT_EQ(read(), "");
}

}  // namespace
}  // namespace sn
