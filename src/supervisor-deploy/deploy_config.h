// The deploy config: INI, as Minos writes deploy_supervisor.cfg. Every
// section is a group of hosts of one kind ([group_1], ...); [DEFAULT]
// gives every group its values. Values are taken as written (no %(x)s
// expansion: passwords may hold any character). Errors name the file, the
// line and the key (ConfigError).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sn {

struct DeployHost {
  std::string label;    // the key: "host.0"
  std::string address;  // "10.0.3.98", "web1.example.com", "::1"
  int port = 22;
};

struct CrashmailSettings {
  std::vector<std::string> to;  // empty: no crashmail listener
  std::string from;
  std::string smtp_host = "localhost";
  std::string smtp_password;  // logs in as the local part of `from`
};

struct DeployGroup {
  std::string name;
  std::string user;
  std::string password;  // SSH password; "" for key or agent auth only
  std::string root_dir;  // supervisord goes to <root_dir>/supervisor/
  std::vector<std::string> data_dirs;
  std::vector<DeployHost> hosts;
  std::string identity_file;  // a private key; "" for ssh-agent and the password
  std::string known_hosts;    // default ~/.ssh/known_hosts
  int http_port = 9001;
  std::string http_bind = "0.0.0.0";  // "host": the address the host is deployed to
  std::string http_username = "minosuser";
  std::string http_password;   // required: the generated server's Basic auth
  std::string package_server;  // http://host:port of the Minos package server
  CrashmailSettings crashmail;
};

struct DeployConfig {
  std::string file;
  std::vector<DeployGroup> groups;  // in file order
};

// `home` resolves the default known_hosts.
DeployConfig load_deploy_config(const std::string& path, const std::string& home);

// "host", "host:port", "[v6]:port" or "v6"; `default_port` when none.
// Throws ValueError.
DeployHost parse_deploy_host(const std::string& text, int default_port);

}  // namespace sn
