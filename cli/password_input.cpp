// Reading passwords (see password_input.hpp).
#include "cli/password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include "app/accounts.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

// Echo off on the terminal `fd` while it lives, on again after (also when
// reading throws).
class NoEcho {
 public:
  explicit NoEcho(int fd) : fd_(fd) {
    if (tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    quiet.c_lflag |= ECHONL;
    active_ = tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

std::string ask(const std::string& prompt) {
  std::fputs(prompt.c_str(), stderr);
  std::fflush(stderr);
  NoEcho quiet(fileno(stdin));
  return read_password_line(stdin);
}

}  // namespace

std::string read_password_line(std::FILE* in) {
  std::string line;
  bool any = false;
  for (int c = std::fgetc(in); c != EOF; c = std::fgetc(in)) {
    any = true;
    if (c == '\n') break;
    if (line.size() > app::max_password_bytes) {
      throw BadInput(
          "the password is longer than " + std::to_string(app::max_password_bytes) + " bytes",
          "password");
    }
    line.push_back(static_cast<char>(c));
  }
  if (!any) throw BadInput("no password on stdin (give it as the first line)", "password");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string read_new_password(const std::string& for_whom) {
  if (!isatty(fileno(stdin))) return read_password_line(stdin);
  const std::string first = ask("New password for " + for_whom + ": ");
  const std::string second = ask("The same password again: ");
  if (first != second) throw BadInput("the two passwords differ; nothing was changed", "password");
  return first;
}

}  // namespace lyssna::cli
