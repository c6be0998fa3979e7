// Chunked line reading (see line_reader.hpp).
#include "collector/interchange/line_reader.hpp"

#include <cstring>

namespace lyssna::interchange {

LineReader::LineReader(std::istream& in, size_t max_line_bytes)
    : in_(in), max_(max_line_bytes), buffer_(1 << 16) {}

bool LineReader::fill() {
  auto got = in_.rdbuf()->sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  pos_ = 0;
  end_ = got > 0 ? static_cast<size_t>(got) : 0;
  return end_ > 0;
}

bool LineReader::next(std::string& line) {
  line.clear();
  too_long_ = false;
  bool any = false;
  while (true) {
    if (pos_ == end_ && !fill()) {
      if (!any) return false;
      break;
    }
    any = true;
    const char* start = buffer_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    if (!too_long_) {
      if (line.size() + take > max_) {
        too_long_ = true;
        line.clear();
      } else {
        line.append(start, take);
      }
    }
    pos_ += take;
    bytes_ += take;
    if (nl) {
      ++pos_;
      ++bytes_;
      break;
    }
  }
  ++line_;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (first_) {
    first_ = false;
    if (line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  }
  return true;
}

}  // namespace lyssna::interchange
