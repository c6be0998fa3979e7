// Runs the real `lyssna` binary for integration tests: one-shot commands
// with their output and exit status, and `lyssna serve` on a free port.
#pragma once

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lyssna::test {

// The binary under test: $LYSSNA_BINARY when set (the sanitizer round runs
// the normal round's integration tests against its instrumented binary),
// else the one this build made.
inline std::string lyssna_binary() {
  const char* chosen = std::getenv("LYSSNA_BINARY");
  return chosen && *chosen ? std::string(chosen) : std::string(LYSSNA_BINARY);
}

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `lyssna args...`, feeding `input` on stdin.
inline RunResult run_lyssna(const std::vector<std::string>& args, const std::string& input = "") {
  std::string binary = lyssna_binary();  // before fork: the child only execs
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    std::vector<char*> argv;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  RunResult result;
  size_t written = 0;
  int in_fd = in_pipe[1];
  fcntl(in_fd, F_SETFL, O_NONBLOCK);
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    poll(fds.data(), fds.size(), 10000);
    for (const auto& p : fds) {
      if (p.fd == in_fd && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = write(in_fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if (n < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
      } else if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t n = read(p.fd, buffer, sizeof buffer);
        if (n <= 0) {
          if (p.fd == out_pipe[0]) out_open = false;
          if (p.fd == err_pipe[0]) err_open = false;
        } else {
          (p.fd == out_pipe[0] ? result.out : result.err).append(buffer, static_cast<size_t>(n));
        }
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// `lyssna --db DB serve --port 0`, killed when the object goes away.
class ServerProcess {
 public:
  // `stderr_path`: a file that takes the server's stderr (else it is the test's).
  explicit ServerProcess(const std::string& db, std::vector<std::string> extra = {},
                         const std::string& stderr_path = "") {
    std::string binary = lyssna_binary();
    int out_pipe[2];
    if (pipe(out_pipe)) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      // Dies with the test program, however that ends: an orphaned server
      // would keep CTest waiting on its output pipe.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      dup2(out_pipe[1], 1);
      close(out_pipe[0]);
      close(out_pipe[1]);
      if (!stderr_path.empty()) {
        const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (err >= 0) {
          dup2(err, 2);
          close(err);
        }
      }
      std::vector<std::string> args = {binary, "--db", db, "serve", "--port", "0"};
      for (auto& e : extra) args.push_back(e);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out_pipe[1]);
    // The first line names the port: "... listening on http://127.0.0.1:PORT/ ...".
    std::string line;
    char c;
    pollfd p{out_pipe[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos) {
      if (poll(&p, 1, 15000) <= 0 || read(out_pipe[0], &c, 1) != 1) break;
      line.push_back(c);
    }
    close(out_pipe[0]);
    auto pos = line.find("127.0.0.1:");
    if (pos == std::string::npos) {
      stop(SIGKILL);
      throw std::runtime_error("lyssna serve did not start: " + line);
    }
    port_ = std::stoi(line.substr(pos + 10));
  }
  ~ServerProcess() { stop(SIGTERM); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // Sends the signal and waits for the process; returns its exit status.
  int stop(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace lyssna::test
