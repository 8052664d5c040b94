// Tested by t/integration/test_deploy.py, against real sshd's on loopback.
#include "supervisor-deploy/ssh_session.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "lib/http/base64.h"

namespace sn {

namespace {

constexpr size_t kMaxCommandOutput = 1 << 20;  // per stream; the rest is dropped

void init_libssh2_once() {
  static const int rc = libssh2_init(0);
  if (rc != 0) throw SshError("libssh2_init failed");
}

int ms_until(SshSession::Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SshSession::Clock::now()).count();
  return left <= 0 ? 0 : left > 3'600'000 ? 3'600'000 : static_cast<int>(left);
}

int known_host_key_bits(int hostkey_type) {
  switch (hostkey_type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
    case LIBSSH2_HOSTKEY_TYPE_DSS: return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return LIBSSH2_KNOWNHOST_KEY_ED25519;
    default: return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
  }
}

const char* host_key_name(int hostkey_type) {
  switch (hostkey_type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return "ssh-rsa";
    case LIBSSH2_HOSTKEY_TYPE_DSS: return "ssh-dss";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return "ecdsa-sha2-nistp256";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return "ecdsa-sha2-nistp384";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return "ecdsa-sha2-nistp521";
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return "ssh-ed25519";
    default: return "unknown";
  }
}

// known_hosts names a host on another port than 22 as "[host]:port".
std::string known_host_name(const std::string& address, int port) {
  return port == 22 ? address : "[" + address + "]:" + std::to_string(port);
}

struct KnownHostsFree {
  void operator()(LIBSSH2_KNOWNHOSTS* k) const { libssh2_knownhost_free(k); }
};
using KnownHosts = std::unique_ptr<LIBSSH2_KNOWNHOSTS, KnownHostsFree>;

const char* sftp_error_text(unsigned long code) {
  switch (code) {
    case LIBSSH2_FX_NO_SUCH_FILE: return "no such file or directory";
    case LIBSSH2_FX_PERMISSION_DENIED: return "permission denied";
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM: return "no space left on the filesystem";
    case LIBSSH2_FX_QUOTA_EXCEEDED: return "quota exceeded";
    case LIBSSH2_FX_FAILURE: return "failure";
    default: return "SFTP error";
  }
}

}  // namespace

void SshSession::SessionFree::operator()(LIBSSH2_SESSION* s) const { libssh2_session_free(s); }

SshSession::SshSession(const std::string& address, int port, const std::string& known_hosts, bool accept_new,
                       const SshLogin& login, Clock::time_point deadline)
    : where_(known_host_name(address, port)) {
  init_libssh2_once();
  connect_socket(address, port, deadline);
  session_.reset(libssh2_session_init());
  if (!session_) throw SshError(where_ + ": cannot create an SSH session");
  libssh2_session_set_blocking(session_.get(), 0);
  int rc = again(deadline, "SSH handshake", [&] { return libssh2_session_handshake(session_.get(), socket_.get()); });
  if (rc != 0) throw SshError(where_ + ": SSH handshake failed: " + last_error());
  check_host_key(address, port, known_hosts, accept_new);
  log_in(login, deadline);
}

SshSession::~SshSession() {
  if (!session_) return;
  // A polite goodbye, but never a wait on a host that stopped answering.
  briefly("disconnect", [&] { return libssh2_session_disconnect(session_.get(), "done"); });
}

void SshSession::connect_socket(const std::string& address, int port, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int gai = ::getaddrinfo(address.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (gai != 0) throw SshError(where_ + ": cannot resolve " + address + ": " + ::gai_strerror(gai));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, ::freeaddrinfo);
  std::string why = "no address";
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    UniqueFd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
    if (!fd) {
      why = std::strerror(errno);
      continue;
    }
    if (::connect(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
      why = std::strerror(errno);
      continue;
    }
    pollfd p{fd.get(), POLLOUT, 0};
    int n = ::poll(&p, 1, ms_until(deadline));
    if (n == 0) throw SshError(where_ + ": connection timed out");
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (n < 0 || err != 0) {
      why = std::strerror(n < 0 ? errno : err);
      continue;
    }
    socket_ = std::move(fd);
    return;
  }
  throw SshError(where_ + ": cannot connect: " + why);
}

void SshSession::check_host_key(const std::string& address, int port, const std::string& known_hosts, bool accept_new) {
  size_t len = 0;
  int type = 0;
  const char* key = libssh2_session_hostkey(session_.get(), &len, &type);
  if (!key) throw SshError(where_ + ": the server sent no host key");
  const char* hash = libssh2_hostkey_hash(session_.get(), LIBSSH2_HOSTKEY_HASH_SHA256);
  std::string fingerprint = std::string(host_key_name(type)) +
                            " SHA256:" + (hash ? base64_encode(std::string_view(hash, 32)) : std::string("?"));
  while (!fingerprint.empty() && fingerprint.back() == '=') fingerprint.pop_back();
  int mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | known_host_key_bits(type);

  KnownHosts known(libssh2_knownhost_init(session_.get()));
  if (!known) throw SshError(where_ + ": cannot read known hosts");
  libssh2_knownhost_readfile(known.get(), known_hosts.c_str(), LIBSSH2_KNOWNHOST_FILE_OPENSSH);  // none: empty
  libssh2_knownhost* entry = nullptr;
  int check = libssh2_knownhost_checkp(known.get(), address.c_str(), port, key, len, mask, &entry);
  if (check == LIBSSH2_KNOWNHOST_CHECK_MATCH) return;
  if (check == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
    throw SshError(where_ + ": the host key has CHANGED (now " + fingerprint + ", not the one in " + known_hosts +
                   "); refusing to connect. If the change is expected, remove the old key from " + known_hosts);
  if (!accept_new)
    throw SshError(where_ + ": unknown host key " + fingerprint + ", not in " + known_hosts +
                   "; add it (ssh-keyscan) or run with --accept-new");
  // Several hosts may be added at once: read, add and write under a lock.
  UniqueFd lock(::open((known_hosts + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (lock) ::flock(lock.get(), LOCK_EX);
  KnownHosts fresh(libssh2_knownhost_init(session_.get()));
  libssh2_knownhost_readfile(fresh.get(), known_hosts.c_str(), LIBSSH2_KNOWNHOST_FILE_OPENSSH);
  std::string name = known_host_name(address, port);
  static const char kComment[] = "added by supervisor-deploy --accept-new";
  if (libssh2_knownhost_addc(fresh.get(), name.c_str(), nullptr, key, len, kComment, sizeof kComment - 1, mask,
                             nullptr) != 0 ||
      libssh2_knownhost_writefile(fresh.get(), known_hosts.c_str(), LIBSSH2_KNOWNHOST_FILE_OPENSSH) != 0)
    throw SshError(where_ + ": cannot add its host key to " + known_hosts + ": " + last_error());
  if (lock) ::unlink((known_hosts + ".lock").c_str());
}

bool SshSession::try_agent(const std::string& user, Clock::time_point deadline) {
  LIBSSH2_AGENT* agent = libssh2_agent_init(session_.get());
  if (!agent) return false;
  struct AgentFree {
    void operator()(LIBSSH2_AGENT* a) const {
      libssh2_agent_disconnect(a);
      libssh2_agent_free(a);
    }
  };
  std::unique_ptr<LIBSSH2_AGENT, AgentFree> owned(agent);
  if (libssh2_agent_connect(agent) != 0 || libssh2_agent_list_identities(agent) != 0) return false;
  libssh2_agent_publickey* identity = nullptr;
  libssh2_agent_publickey* previous = nullptr;
  while (libssh2_agent_get_identity(agent, &identity, previous) == 0) {
    if (again(deadline, "login with ssh-agent",
              [&] { return libssh2_agent_userauth(agent, user.c_str(), identity); }) == 0)
      return true;
    previous = identity;
  }
  return false;
}

void SshSession::log_in(const SshLogin& login, Clock::time_point deadline) {
  LIBSSH2_SESSION* s = session_.get();
  unsigned user_len = static_cast<unsigned>(login.user.size());
  char* list = again(deadline, "login", [&] { return libssh2_userauth_list(s, login.user.c_str(), user_len); });
  if (!list) {
    if (libssh2_userauth_authenticated(s)) return;
    throw SshError(where_ + ": login as " + login.user + " failed: " + last_error());
  }
  std::string methods = list;
  std::vector<std::string> tried;
  if (!login.identity_file.empty() && methods.find("publickey") != std::string::npos) {
    std::string pub = login.identity_file + ".pub";
    bool have_pub = ::access(pub.c_str(), R_OK) == 0;
    int rc = again(deadline, "login with a key", [&] {
      return libssh2_userauth_publickey_fromfile_ex(s, login.user.c_str(), user_len, have_pub ? pub.c_str() : nullptr,
                                                    login.identity_file.c_str(), "");
    });
    if (rc == 0) return;
    tried.push_back("the key " + login.identity_file + " (" + last_error() + ")");
  }
  if (login.use_agent && std::getenv("SSH_AUTH_SOCK") && methods.find("publickey") != std::string::npos) {
    if (try_agent(login.user, deadline)) return;
    tried.push_back("ssh-agent's keys");
  }
  if (!login.password.empty() && methods.find("password") != std::string::npos) {
    int rc = again(deadline, "login with a password", [&] {
      return libssh2_userauth_password_ex(s, login.user.c_str(), user_len, login.password.c_str(),
                                          static_cast<unsigned>(login.password.size()), nullptr);
    });
    if (rc == 0) return;
    tried.push_back("the password (" + last_error() + ")");
  }
  std::string what;
  for (const auto& t : tried) what += (what.empty() ? "" : ", ") + t;
  throw SshError(where_ + ": login as " + login.user + " failed: tried " + (what.empty() ? "nothing" : what) +
                 "; the server accepts " + methods);
}

CommandResult SshSession::run(const std::string& command, Clock::time_point deadline) {
  LIBSSH2_SESSION* s = session_.get();
  LIBSSH2_CHANNEL* raw = again(deadline, "opening a channel", [&] { return libssh2_channel_open_session(s); });
  if (!raw) throw SshError(where_ + ": cannot open a channel: " + last_error());
  auto free_channel = [this](LIBSSH2_CHANNEL* c) {
    briefly("closing a channel", [&] { return libssh2_channel_free(c); });
  };
  std::unique_ptr<LIBSSH2_CHANNEL, decltype(free_channel)> channel(raw, free_channel);
  int rc = again(deadline, "running a command", [&] { return libssh2_channel_exec(raw, command.c_str()); });
  if (rc != 0) throw SshError(where_ + ": cannot run a command: " + last_error());
  CommandResult result;
  char buf[16384];
  for (;;) {
    bool progress = false;
    for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
      ssize_t n = libssh2_channel_read_ex(raw, stream, buf, sizeof buf);
      std::string& out = stream == 0 ? result.out : result.err;
      if (n > 0) {
        if (out.size() < kMaxCommandOutput) out.append(buf, static_cast<size_t>(n));
        progress = true;
      } else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN) {
        throw SshError(where_ + ": reading a command's output: " + last_error());
      }
    }
    if (progress) continue;
    if (libssh2_channel_eof(raw)) break;
    wait(deadline, "waiting for a command");
  }
  again(deadline, "closing a channel", [&] { return libssh2_channel_close(raw); });
  again(deadline, "closing a channel", [&] { return libssh2_channel_wait_closed(raw); });
  result.exit_status = libssh2_channel_get_exit_status(raw);
  char* signal_name = nullptr;
  libssh2_channel_get_exit_signal(raw, &signal_name, nullptr, nullptr, nullptr, nullptr, nullptr);
  if (signal_name) {
    result.err += "(killed by SIG" + std::string(signal_name) + ")";
    result.exit_status = 128;
    libssh2_free(s, signal_name);
  }
  return result;
}

void SshSession::upload(const std::string& path, const std::string& content, long mode, Clock::time_point deadline) {
  LIBSSH2_SESSION* s = session_.get();
  LIBSSH2_SFTP* sftp = again(deadline, "starting SFTP", [&] { return libssh2_sftp_init(s); });
  if (!sftp) throw SshError(where_ + ": cannot start SFTP: " + last_error());
  auto shutdown = [this](LIBSSH2_SFTP* f) { briefly("ending SFTP", [&] { return libssh2_sftp_shutdown(f); }); };
  std::unique_ptr<LIBSSH2_SFTP, decltype(shutdown)> owned(sftp, shutdown);
  LIBSSH2_SFTP_HANDLE* handle = again(deadline, "opening a remote file", [&] {
    return libssh2_sftp_open_ex(sftp, path.c_str(), static_cast<unsigned>(path.size()),
                                LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC, mode, LIBSSH2_SFTP_OPENFILE);
  });
  if (!handle)
    throw SshError(where_ + ": cannot write " + path + ": " + sftp_error_text(libssh2_sftp_last_error(sftp)));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = libssh2_sftp_write(handle, content.data() + done, std::min<size_t>(content.size() - done, 64 * 1024));
    if (n == LIBSSH2_ERROR_EAGAIN) {
      wait(deadline, "uploading");
    } else if (n < 0) {
      libssh2_sftp_close_handle(handle);
      throw SshError(where_ + ": writing " + path + ": " + sftp_error_text(libssh2_sftp_last_error(sftp)));
    } else {
      done += static_cast<size_t>(n);
    }
  }
  int rc = again(deadline, "closing a remote file", [&] { return libssh2_sftp_close_handle(handle); });
  if (rc != 0) throw SshError(where_ + ": closing " + path + ": " + sftp_error_text(libssh2_sftp_last_error(sftp)));
}

void SshSession::wait(Clock::time_point deadline, const char* step) {
  int directions = session_ ? libssh2_session_block_directions(session_.get()) : 0;
  short events = 0;
  if (directions & LIBSSH2_SESSION_BLOCK_INBOUND) events |= POLLIN;
  if (directions & LIBSSH2_SESSION_BLOCK_OUTBOUND) events |= POLLOUT;
  if (!events) events = POLLIN;
  int ms = ms_until(deadline);
  pollfd p{socket_.get(), events, 0};
  int n = ms > 0 ? ::poll(&p, 1, ms) : 0;
  if (n == 0) throw SshError(where_ + ": " + step + " timed out");
  if (n < 0 && errno != EINTR) throw SshError(where_ + ": poll: " + std::strerror(errno));
}

std::string SshSession::last_error() const {
  char* message = nullptr;
  int len = 0;
  libssh2_session_last_error(session_.get(), &message, &len, 0);
  return message && len > 0 ? std::string(message, static_cast<size_t>(len)) : "unknown error";
}

}  // namespace sn
