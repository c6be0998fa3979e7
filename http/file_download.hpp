// Downloads made in a temporary file (a workbook libxlsxwriter writes by
// name, an SPSS or Stata file): the file is unlinked as soon as it is
// written, and its bytes go out from the open descriptor 64 KiB at a time,
// so a large export is never held in memory; the descriptor closes when
// the response is done (or the client goes away).
#pragma once

#include <memory>
#include <string>

#include <httplib.h>

namespace lyssna::http {

class DownloadFile {
 public:
  // A new empty file in TMPDIR. Throws Error.
  DownloadFile();
  ~DownloadFile();
  DownloadFile(const DownloadFile&) = delete;
  DownloadFile& operator=(const DownloadFile&) = delete;

  // Where to write it, until sent.
  const std::string& path() const { return path_; }
  // Sends the file's bytes as an attachment (`mime`, the workspace's
  // security headers, not cached), then forgets its name. Throws Error
  // when it cannot be read.
  void send(httplib::Response& res, const std::string& file_name, const std::string& mime);

 private:
  std::string path_;
};

}  // namespace lyssna::http
