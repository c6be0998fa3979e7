// Invitation code key files (see code_key.hpp).
#include "collector/codes/code_key.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "util/errors.hpp"
#include "util/random.hpp"

namespace lyssna::codes {
namespace {

constexpr size_t key_bytes = 32;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string hex_key() {
  unsigned char bytes[key_bytes];
  random::fill(bytes, sizeof bytes);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

std::string failure(const std::string& what, const std::string& path) {
  return what + " the invitation code key '" + path + "': " + std::strerror(errno);
}

}  // namespace

std::string key_path_for(const std::string& db_path) {
  if (const char* env = std::getenv("LYSSNA_CODE_KEY_FILE"); env && *env) return env;
  return db_path + ".codes-key";
}

std::optional<std::string> load_key(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw StorageError(failure("cannot open", path));
  }
  char buffer[128];
  ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
  if (n < 0) throw StorageError(failure("cannot read", path));
  std::string key(buffer, static_cast<size_t>(n));
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() != 2 * key_bytes ||
      key.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw StorageError("the invitation code key '" + path + "' is not a key (64 hex digits)");
  }
  return key;
}

std::string load_or_create_key(const std::string& path) {
  if (auto key = load_key(path)) return *key;
  // Written in full to a file of our own, then linked into place: link()
  // never replaces, so a racing process either wins or reads a whole key.
  const std::string key = hex_key();
  const std::string temporary = path + ".new." + std::to_string(::getpid());
  {
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.get() < 0) throw StorageError(failure("cannot create", temporary));
    const std::string line = key + "\n";
    if (::write(fd.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
        ::fsync(fd.get()) != 0) {
      ::unlink(temporary.c_str());
      throw StorageError(failure("cannot write", temporary));
    }
  }
  const int linked = ::link(temporary.c_str(), path.c_str());
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (linked != 0) {
    errno = link_error;
    if (link_error == EEXIST) return load_or_create_key(path);
    throw StorageError(failure("cannot create", path));
  }
  return key;
}

}  // namespace lyssna::codes
