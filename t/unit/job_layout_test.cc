#include "supervisord/deployment/job_layout.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace sn {
namespace {

DeploymentConfig config() {
  DeploymentConfig c;
  c.app_root = "/w/app";
  c.log_root = "/w/log";
  c.package_root = "/w/packages";
  c.data_dirs = {"/d/data1", "/e/data2"};
  return c;
}

TEST(JobLayout, NamesAndPathsOfSingleAndMultiInstanceJobs) {
  DeploymentConfig c = config();
  JobLayout layout(c, "/w/supervisor/conf");
  JobId zk{"zookeeper", "dptst", "zookeeper", -1};
  EXPECT_EQ(zk.process_name(), "zookeeper--dptst--zookeeper");
  EXPECT_EQ(layout.run_dir(zk), "/w/app/zookeeper/dptst/zookeeper");
  EXPECT_EQ(layout.log_dir(zk), "/w/log/zookeeper/dptst/zookeeper");
  EXPECT_EQ(layout.stdout_dir(zk), "/w/app/zookeeper/dptst/zookeeper/stdout");
  EXPECT_EQ(layout.package_link(zk), "/w/app/zookeeper/dptst/zookeeper/package");
  EXPECT_EQ(layout.run_cfg(zk), "/w/app/zookeeper/dptst/zookeeper/run.cfg");
  EXPECT_EQ(layout.available_data_dirs(zk),
            (std::vector<std::string>{"/d/data1/zookeeper/dptst/zookeeper", "/e/data2/zookeeper/dptst/zookeeper"}));
  EXPECT_EQ(layout.conf_file(zk), "/w/supervisor/conf/zookeeper--dptst--zookeeper.cfg");
  EXPECT_EQ(layout.current_package_link("hdfs", "c1"), "/w/packages/hdfs/c1/current");
  EXPECT_EQ(layout.tarball_path(zk, "r1-20140101-000000", "zk.tar.gz"),
            "/w/packages/zookeeper/dptst/r1-20140101-000000/zk.tar.gz");
  EXPECT_EQ(layout.artifact_tarball_path("zookeeper", "r1-t", "zk.tar.gz"), "/w/packages/zookeeper/r1-t/zk.tar.gz");
  JobId dn{"hdfs", "dptst-example", "datanode", 1};
  EXPECT_EQ(dn.process_name(), "hdfs--dptst-example--datanode1");
  EXPECT_EQ(layout.run_dir(dn), "/w/app/hdfs/dptst-example/datanode/1");
  EXPECT_EQ(layout.available_data_dirs(dn)[1], "/e/data2/hdfs/dptst-example/datanode/1");
}

TEST(JobLayout, PlainNamesOnly) {
  for (const char* ok : {"hdfs", "dptst-example", "job_1", "a.b", "X9"}) EXPECT_TRUE(is_plain_name(ok)) << ok;
  for (const std::string& bad : std::vector<std::string>{"", ".", "..", ".hidden", "a/b", "a b", "a\nb",
                                                         std::string("a\0b", 3), "a:b", "a]b", std::string(201, 'a')})
    EXPECT_FALSE(is_plain_name(bad)) << bad;
  try {
    check_plain_name("service", "../etc");
    FAIL();
  } catch (const RpcError& e) {
    EXPECT_EQ(e.fault.code, static_cast<int>(FaultCode::kBadArguments));
    EXPECT_NE(e.fault.text.find("service must be a plain name"), std::string::npos) << e.fault.text;
  }
}

TEST(JobLayout, OneProcessNameMeansOneJob) {
  auto fault = [](const char* s, const char* c, const char* j) -> std::string {
    std::optional<Fault> f = ambiguity_fault(read_job_call({XmlRpcValue(s), XmlRpcValue(c), XmlRpcValue(j)}).id);
    if (!f) return "";
    EXPECT_EQ(f->code, static_cast<int>(FaultCode::kBadArguments));
    return f->text;
  };
  // ('a--b','c','j') and ('a','b--c','j') would both be a--b--c--j.
  EXPECT_NE(fault("a--b", "c", "j").find("service 'a--b' holds \"--\""), std::string::npos);
  EXPECT_NE(fault("a", "b--c", "j").find("cluster 'b--c' holds \"--\""), std::string::npos);
  EXPECT_NE(fault("a", "b", "j--k").find("job 'j--k'"), std::string::npos);
  // ('a-','b','j') and ('a','-b','j') would both be a---b--j.
  EXPECT_NE(fault("a-", "b", "j").find("starts or ends with '-'"), std::string::npos);
  EXPECT_NE(fault("a", "-b", "j").find("starts or ends with '-'"), std::string::npos);
  // 'dn1' alone and 'dn' instance 1 would both be s--c--dn1.
  EXPECT_NE(fault("s", "c", "dn1").find("job 'dn1' ends in a digit"), std::string::npos);
  EXPECT_EQ(fault("hdfs", "dptst-example", "datanode"), "");
  EXPECT_EQ(fault("hdfs2", "c1", "data_node"), "");  // digits are fine elsewhere
}

TEST(JobLayout, ProcessNamesOfAcceptedJobsNeverMeet) {
  // Every unambiguous job from a small alphabet: no two share a
  // process name (so they never share a conf file or a supervisor process).
  std::set<std::string> names;
  for (const char* a : {"a", "b", "-", "1"})
    for (const char* b : {"", "a", "-", "1"})
      for (const char* c : {"", "a", "-", "1"}) names.insert(std::string(a) + b + c);
  std::map<std::string, std::string> seen;
  for (const auto& s : names)
    for (const auto& c : names)
      for (const auto& j : names)
        for (int64_t instance : {-1, 0, 1, 12}) {
          RpcParams params{XmlRpcValue(s), XmlRpcValue(c), XmlRpcValue(j), XmlRpcValue(static_cast<int>(instance))};
          JobCall call;
          try {
            call = read_job_call(params);
          } catch (const RpcError&) {
            continue;
          }
          if (ambiguity_fault(call.id)) continue;
          std::string who = s + "|" + c + "|" + j + "|" + std::to_string(instance);
          auto [it, fresh] = seen.emplace(call.id.process_name(), who);
          EXPECT_TRUE(fresh) << who << " and " << it->second << " are both " << call.id.process_name();
        }
  EXPECT_GT(seen.size(), 1000u);
}

TEST(JobLayout, JobCallsInEitherParameterOrder) {
  XmlRpcValue::Struct dict{{"artifact", XmlRpcValue("zk")}};
  JobCall a = read_job_call({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j")});
  EXPECT_EQ(a.id.instance, -1);
  EXPECT_TRUE(a.config.empty());
  JobCall b = read_job_call({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j"), XmlRpcValue(dict), XmlRpcValue(2)});
  EXPECT_EQ(b.id.instance, 2);
  EXPECT_EQ(b.config.size(), 1u);
  JobCall c = read_job_call({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j"), XmlRpcValue(3), XmlRpcValue(dict)});
  EXPECT_EQ(c.id.instance, 3);
  EXPECT_EQ(c.config.size(), 1u);
  EXPECT_EQ(read_job_call({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j"), XmlRpcValue(0)}).id.instance, 0);
  auto fails = [](RpcParams p) {
    try {
      read_job_call(p);
    } catch (const RpcError& e) {
      return e.fault.code;
    }
    return 0;
  };
  EXPECT_EQ(fails({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue(1)}), 3);
  EXPECT_EQ(fails({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j"), XmlRpcValue(-2)}), 3);
  EXPECT_EQ(fails({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j"), XmlRpcValue("x")}), 3);
  EXPECT_EQ(fails({XmlRpcValue("s"), XmlRpcValue("c"), XmlRpcValue("j"), XmlRpcValue(1), XmlRpcValue(2)}), 3);
  EXPECT_EQ(fails({XmlRpcValue("s"), XmlRpcValue(".."), XmlRpcValue("j")}), 3);
}

}  // namespace
}  // namespace sn
