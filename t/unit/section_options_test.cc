#include "lib/config/section_options.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "lib/config/config_model.h"
#include "man_page.h"

namespace sn {
namespace {

// Where each section starts in the man page.
const std::map<OptionSection, std::string> kManSections = {
    {OptionSection::kUnixHttpServer, ".SS [unix_http_server]"},
    {OptionSection::kInetHttpServer, ".SS [inet_http_server]"},
    {OptionSection::kSupervisorctl, ".SS [supervisorctl]"},
    {OptionSection::kGroup, ".SS [group:"},
    {OptionSection::kDeployment, ".SS [rpcinterface:deployment]"},
    {OptionSection::kInclude, ".SS [include]"},
};

TEST(SectionOptions, EveryOptionIsInItsSectionOfTheManPage) {
  for (const SectionOption& o : section_options()) {
    std::string text = test::man_page_section(kManSections.at(o.section));
    ASSERT_FALSE(text.empty()) << kManSections.at(o.section) << " is not in man/supervisord.conf.5";
    EXPECT_TRUE(test::names_as_a_word(text, o.name)) << o.name << " is not in " << kManSections.at(o.section);
  }
}

TEST(SectionOptions, NamesAreUniqueInTheirSectionAndSaySomething) {
  std::set<std::pair<OptionSection, std::string_view>> seen;
  for (const SectionOption& o : section_options()) {
    EXPECT_TRUE(seen.insert({o.section, o.name}).second) << o.name;
    EXPECT_FALSE(o.doc.empty()) << o.name;
    EXPECT_TRUE(o.required || !o.default_text.empty() || !o.default_words.empty()) << o.name;
    EXPECT_EQ(section_default(o.section, o.name), o.default_text);
  }
}

TEST(SectionOptions, TheModelStartsAtTheTablesDefaults) {
  using S = OptionSection;
  CtlConfig ctl;
  EXPECT_EQ(ctl.serverurl, section_default(S::kSupervisorctl, "serverurl"));
  EXPECT_EQ(ctl.prompt, section_default(S::kSupervisorctl, "prompt"));
  HttpServerConfig server;
  EXPECT_EQ(server.chmod, 0700);
  EXPECT_EQ(section_default(S::kUnixHttpServer, "chmod"), "0700");
  GroupConfig group;
  EXPECT_EQ(std::to_string(group.priority), section_default(S::kGroup, "priority"));
  DeploymentConfig d;
  EXPECT_EQ(d.app_root, section_default(S::kDeployment, "app_root"));
  EXPECT_EQ(d.log_root, section_default(S::kDeployment, "log_root"));
  EXPECT_EQ(d.package_root, section_default(S::kDeployment, "package_root"));
  ASSERT_EQ(d.data_dirs.size(), 1u);
  EXPECT_EQ(d.data_dirs[0], section_default(S::kDeployment, "data_dirs"));
  EXPECT_EQ(std::to_string(d.download_timeout), section_default(S::kDeployment, "download_timeout"));
  EXPECT_EQ(std::to_string(d.script_timeout), section_default(S::kDeployment, "script_timeout"));
}

}  // namespace
}  // namespace sn
