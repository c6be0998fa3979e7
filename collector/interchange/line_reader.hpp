// Reads a stream line by line in large chunks, with a bound on line length
// so that one enormous line cannot exhaust memory.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace lyssna::interchange {

class LineReader {
 public:
  explicit LineReader(std::istream& in, size_t max_line_bytes = 1 << 20);
  // Next line without its "\n" or "\r\n"; false at the end. A line longer
  // than the bound is skipped and reported through `too_long()`.
  bool next(std::string& line);
  bool too_long() const { return too_long_; }
  size_t line_number() const { return line_; }
  uint64_t bytes_read() const { return bytes_; }

 private:
  bool fill();
  std::istream& in_;
  size_t max_;
  std::vector<char> buffer_;
  size_t pos_ = 0, end_ = 0;
  size_t line_ = 0;
  uint64_t bytes_ = 0;
  bool too_long_ = false;
  bool first_ = true;
};

}  // namespace lyssna::interchange
