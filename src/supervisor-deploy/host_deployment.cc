#include "supervisor-deploy/host_deployment.h"

#include <gnu/libc-version.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "config.h"
#include "lib/rpc/rpc_client.h"
#include "lib/rpc/server_url.h"
#include "lib/util/strings.h"
#include "supervisor-deploy/ssh_session.h"

namespace sn {

namespace {

using Clock = SshSession::Clock;

std::string local_arch() {
  utsname u{};
  ::uname(&u);
  return u.machine;
}

std::vector<int> version_numbers(std::string_view text) {
  std::vector<int> out;
  for (const std::string& part : split(text, '.')) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return {};
    out.push_back(std::stoi(part));
  }
  return out;
}

// The first few lines of a command's messages, for an error.
std::string first_lines(const CommandResult& r) {
  std::string text = r.err.empty() ? r.out : r.err;
  std::vector<std::string> lines = split(text, '\n');
  std::string out;
  for (size_t i = 0; i < lines.size() && i < 3; ++i)
    if (!trim(lines[i]).empty()) out += (out.empty() ? "" : " / ") + std::string(trim(lines[i]));
  return out.empty() ? "exit status " + std::to_string(r.exit_status) : out;
}

class HostDeployment {
 public:
  HostDeployment(const DeployGroup& g, const DeployHost& h, const DeployOptions& o)
      : g_(g), h_(h), o_(o), base_(g.root_dir + "/supervisor") {}

  HostOutcome run() {
    std::string conf = render_supervisord_conf(o_.template_text, g_, h_);
    std::string id = install_id(o_.programs, conf);
    SshSession ssh(h_.address, h_.port, g_.known_hosts, o_.accept_new,
                   SshLogin{g_.user, g_.password, g_.identity_file, true}, step());
    check_machine(ssh);
    prepare_dirs(ssh);
    Running running = what_runs(ssh);
    if (running.install_id == id && running.exe == base_ + "/bin/supervisord") {
      check_rpc();
      return {HostOutcome::Kind::kUnchanged, "this install already runs"};
    }
    upload(ssh, conf);
    try_new_programs(ssh);
    if (!running.pid.empty()) stop_old(ssh, running.pid);
    put_in_place_and_start(ssh, id);
    check_rpc();
    return {HostOutcome::Kind::kInstalled, ""};
  }

 private:
  struct Running {
    std::string install_id;
    std::string pid;
    std::string exe;
  };

  Clock::time_point step() const { return Clock::now() + std::chrono::seconds(o_.timeout_seconds); }

  CommandResult must(SshSession& ssh, const std::string& command, const std::string& what) {
    CommandResult r = ssh.run(command, step());
    if (r.exit_status != 0) throw std::runtime_error(what + ": " + first_lines(r));
    return r;
  }

  void check_machine(SshSession& ssh) {
    CommandResult r = must(ssh, "uname -m && (ldd --version 2>&1 | head -n 1)", "cannot inspect the machine");
    std::vector<std::string> lines = split(r.out, '\n');
    std::string why =
        machine_mismatch(lines.size() > 0 ? std::string(trim(lines[0])) : "",
                         lines.size() > 1 ? std::string(trim(lines[1])) : "", local_arch(), ::gnu_get_libc_version());
    if (!why.empty()) throw std::runtime_error(why);
  }

  void prepare_dirs(SshSession& ssh) {
    std::string dirs;
    for (const auto& d : g_.data_dirs) dirs += " " + shell_quote(d);
    must(ssh,
         "mkdir -p " + shell_quote(base_ + "/bin") + " " + shell_quote(g_.root_dir + "/log") + " || exit 1; for d in" +
             dirs +
             "; do mkdir -p \"$d\" 2>/dev/null && test -w \"$d\" || { echo \"data dir $d cannot be created or "
             "written by $(id -un)\" >&2; exit 3; }; done",
         "the host's directories");
  }

  Running what_runs(SshSession& ssh) {
    CommandResult r =
        ssh.run("echo \"id=$(cat " + shell_quote(base_ + "/install-id") + " 2>/dev/null)\"; pid=$(cat " +
                    shell_quote(base_ + "/supervisord.pid") +
                    " 2>/dev/null) && kill -0 \"$pid\" 2>/dev/null && echo \"pid=$pid\" && echo \"exe=$(readlink "
                    "\"/proc/$pid/exe\")\"; true",
                step());
    Running running;
    for (const std::string& line : split(r.out, '\n')) {
      std::string_view l = trim(line);
      if (l.starts_with("id=")) running.install_id = std::string(l.substr(3));
      if (l.starts_with("pid=")) running.pid = std::string(l.substr(4));
      if (l.starts_with("exe=")) running.exe = std::string(l.substr(4));
    }
    if (running.pid.find_first_not_of("0123456789") != std::string::npos) running.pid.clear();
    return running;
  }

  void upload(SshSession& ssh, const std::string& conf) {
    for (const LocalProgram& p : o_.programs) ssh.upload(base_ + "/bin/" + p.name + ".new", p.content, 0755, step());
    ssh.upload(base_ + "/supervisord.conf.new", conf, 0600, step());
  }

  void try_new_programs(SshSession& ssh) {
    for (const LocalProgram& p : o_.programs) {
      CommandResult r = ssh.run(shell_quote(base_ + "/bin/" + p.name + ".new") + " --help >/dev/null", step());
      if (r.exit_status != 0)
        throw std::runtime_error(p.name + " does not run on this host: " + first_lines(r) +
                                 " (the old install, if any, is untouched)");
    }
  }

  void stop_old(SshSession& ssh, const std::string& pid) {
    // supervisord stops its programs first (or leaves them, with
    // subprocpidfile): give it a while.
    auto deadline = Clock::now() + std::chrono::seconds(o_.timeout_seconds + 60);
    CommandResult r = ssh.run("kill -TERM " + pid + " 2>/dev/null; i=0; while kill -0 " + pid +
                                  " 2>/dev/null; do i=$((i+1)); [ $i -gt " +
                                  std::to_string((o_.timeout_seconds + 50) * 10) + " ] && exit 1; sleep 0.1; done",
                              deadline);
    if (r.exit_status != 0) throw std::runtime_error("the running supervisord (pid " + pid + ") did not exit");
  }

  void put_in_place_and_start(SshSession& ssh, const std::string& id) {
    std::string files;
    for (const LocalProgram& p : o_.programs) files += " bin/" + p.name;
    must(ssh,
         "cd " + shell_quote(base_) + " && for f in" + files +
             " supervisord.conf; do mv -f \"$f.new\" \"$f\" || exit 1; done && printf '%s\\n' " + id +
             " > install-id.new && mv -f install-id.new install-id && ./bin/supervisord -c " +
             shell_quote(base_ + "/supervisord.conf"),
         "supervisord did not start");
  }

  void check_rpc() {
    std::string host = h_.address.find(':') != std::string::npos ? "[" + h_.address + "]" : h_.address;
    std::optional<ServerUrl> url = parse_server_url("http://" + host + ":" + std::to_string(g_.http_port));
    if (!url) throw std::runtime_error("cannot make a URL of " + host);
    RpcClient client(*url, Credentials{g_.http_username, g_.http_password},
                     CallOptions{"supervisor-native supervisor-deploy/" PACKAGE_VERSION, nullptr});
    client.set_timeout_ms(5000);
    auto deadline = step();
    std::string last;
    for (;;) {
      try {
        XmlRpcValue state = client.call("supervisor.getState");
        const XmlRpcValue* name = state.is(XmlRpcValue::Type::kStruct) ? state.member("statename") : nullptr;
        if (name && name->is(XmlRpcValue::Type::kString) && name->as_string() == "RUNNING") break;
        last = "supervisor.getState did not say RUNNING";
      } catch (const std::exception& e) {
        last = e.what();
      }
      if (Clock::now() > deadline) throw std::runtime_error("supervisord does not answer over XML-RPC: " + last);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    XmlRpcValue methods = client.call("system.listMethods");
    bool found = false;
    if (methods.is(XmlRpcValue::Type::kArray))
      for (const XmlRpcValue& m : methods.as_array())
        if (m.is(XmlRpcValue::Type::kString) && m.as_string() == "deployment.bootstrap") found = true;
    if (!found) throw std::runtime_error("supervisord runs but lists no deployment.* methods");
  }

  const DeployGroup& g_;
  const DeployHost& h_;
  const DeployOptions& o_;
  std::string base_;
};

}  // namespace

std::string machine_mismatch(const std::string& uname_m, const std::string& ldd_line, const std::string& arch,
                             const std::string& glibc) {
  if (uname_m != arch)
    return "the host is " + (uname_m.empty() ? std::string("of an unknown architecture") : uname_m) +
           ", the programs are built for " + arch;
  if (ldd_line.find("GLIBC") == std::string::npos && ldd_line.find("GNU libc") == std::string::npos)
    return "the host's C library is not glibc (ldd --version says '" + ldd_line + "'); the programs need glibc " +
           glibc;
  std::string remote = ldd_line.substr(ldd_line.rfind(' ') + 1);
  std::vector<int> have = version_numbers(remote), need = version_numbers(glibc);
  if (have.empty() || need.empty()) return "";  // unreadable: the try run of the programs will tell
  if (have < need)
    return "the host's glibc " + remote + " is older than " + glibc + ", which the programs are built with";
  return "";
}

HostOutcome deploy_host(const DeployGroup& group, const DeployHost& host, const DeployOptions& options) {
  try {
    return HostDeployment(group, host, options).run();
  } catch (const std::exception& e) {
    return {HostOutcome::Kind::kFailed, e.what()};
  }
}

std::vector<std::string> describe_deployment(const DeployGroup& g, const DeployHost& h, const DeployOptions& o) {
  std::string base = g.root_dir + "/supervisor";
  std::vector<std::string> out;
  out.push_back("connect to " + g.user + "@" + h.address + ":" + std::to_string(h.port) + " (known hosts " +
                g.known_hosts + (o.accept_new ? ", new keys accepted" : "") + ")");
  out.push_back("check the architecture, the C library and the data dirs (" + [&] {
    std::string d;
    for (const auto& x : g.data_dirs) d += (d.empty() ? "" : ", ") + x;
    return d;
  }() + ")");
  for (const LocalProgram& p : o.programs) out.push_back("upload " + p.path + " to " + base + "/bin/" + p.name);
  out.push_back("upload the generated supervisord.conf to " + base + "/supervisord.conf");
  out.push_back("stop the running supervisord, if another install; start " + base + "/bin/supervisord");
  out.push_back("check http://" + h.address + ":" + std::to_string(g.http_port) +
                "/RPC2: getState RUNNING and deployment.* listed");
  return out;
}

}  // namespace sn
