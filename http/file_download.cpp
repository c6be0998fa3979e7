// Downloads from a temporary file (see file_download.hpp).
#include "http/file_download.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "http/responses.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace {

constexpr size_t chunk_bytes = 64 * 1024;

// The open file behind a response, closed with the last copy of the provider.
struct OpenFile {
  int fd = -1;
  std::vector<char> buffer = std::vector<char>(chunk_bytes);
  ~OpenFile() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

DownloadFile::DownloadFile() {
  path_ = (std::filesystem::temp_directory_path() / "lyssna-download-XXXXXX").string();
  const int fd = mkstemp(path_.data());
  if (fd < 0) {
    path_.clear();
    throw Error("cannot make a temporary file for the download");
  }
  close(fd);
}

DownloadFile::~DownloadFile() {
  if (!path_.empty()) unlink(path_.c_str());
}

void DownloadFile::send(httplib::Response& res, const std::string& file_name,
                        const std::string& mime) {
  auto file = std::make_shared<OpenFile>();
  file->fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (file->fd < 0 || fstat(file->fd, &st) != 0) throw Error("cannot read the download's file");
  // Open, it needs no name: nothing is left behind however the response ends.
  unlink(path_.c_str());
  path_.clear();
  res.status = 200;
  set_security_headers(res, Audience::workspace);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  res.set_content_provider(
      static_cast<size_t>(st.st_size), mime,
      [file](size_t offset, size_t length, httplib::DataSink& sink) {
        const size_t want = std::min(length, chunk_bytes);
        const ssize_t got = pread(file->fd, file->buffer.data(), want, static_cast<off_t>(offset));
        if (got <= 0) return false;
        return sink.write(file->buffer.data(), static_cast<size_t>(got));
      },
      [file](bool) {});
}

}  // namespace lyssna::http
