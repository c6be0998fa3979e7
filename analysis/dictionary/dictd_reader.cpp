// Reading dictd dictionaries (see dictd_reader.hpp).
#include "analysis/dictionary/dictd_reader.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <system_error>

#include <zlib.h>

#include "util/text.hpp"

namespace lyssna::analysis {
namespace {

struct GzClose {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzClose>;

std::string name_of(const std::filesystem::path& path) {
  return path.string();
}

// The size of a regular file, refused over `limit`.
uintmax_t checked_size(const std::filesystem::path& path, uintmax_t limit) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::is_regular_file(status))
    throw DictionaryError("dictionary file " + name_of(path) + " is missing or not a file");
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) throw DictionaryError("cannot read the size of " + name_of(path) + ": " + ec.message());
  if (size > limit)
    throw DictionaryError(name_of(path) + " is larger than " + std::to_string(limit) + " bytes");
  return size;
}

std::string read_index(const std::filesystem::path& path, uintmax_t limit) {
  const uintmax_t size = checked_size(path, limit);
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw DictionaryError("cannot read " + name_of(path));
  return bytes;
}

// The data, decompressed when it is gzip or dictzip (zlib reads a plain
// file as it is), refused when it grows past `limit`.
std::string read_data(const std::filesystem::path& path, uintmax_t limit) {
  checked_size(path, limit);  // the compressed size, a first bound
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw DictionaryError("cannot open " + name_of(path));
  gzbuffer(file.get(), 1 << 16);
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    const int got = gzread(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      int code = 0;
      const char* message = gzerror(file.get(), &code);
      throw DictionaryError(name_of(path) + " is damaged: " + (message ? message : "zlib error"));
    }
    if (got == 0) break;
    if (out.size() + static_cast<size_t>(got) > limit)
      throw DictionaryError(name_of(path) + " holds more than " + std::to_string(limit) +
                            " bytes once decompressed");
    out.append(buffer, static_cast<size_t>(got));
  }
  // A compressed file cut short reads as its beginning; gzread reports
  // that only through gzerror.
  int code = Z_OK;
  gzerror(file.get(), &code);
  if (code != Z_OK && code != Z_STREAM_END)
    throw DictionaryError(name_of(path) + " is damaged (cut short?)");
  return out;
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<uint64_t> decode_dictd_number(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    const int digit = base64_digit(c);
    if (digit < 0) return std::nullopt;
    value = value * 64 + static_cast<uint64_t>(digit);
  }
  return value;
}

DictdDictionary DictdDictionary::open(const std::filesystem::path& index,
                                      const std::filesystem::path& data,
                                      const DictdLimits& limits) {
  DictdDictionary d;
  const std::string lines = read_index(index, limits.max_index_bytes);
  d.data_ = read_data(data, limits.max_data_bytes);
  size_t line_number = 0;
  for (size_t start = 0; start < lines.size();) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    std::string_view line(lines.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto fail = [&](const std::string& why) {
      throw DictionaryError(name_of(index) + " line " + std::to_string(line_number) + ": " + why);
    };
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos)
      fail("expected headword, offset and length separated by tabs");
    // dictfmt may add a fourth field (the headword as shown); it is not needed.
    const size_t tab3 = line.find('\t', tab2 + 1);
    const std::string_view headword = line.substr(0, tab1);
    const std::string_view offset_text = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const std::string_view length_text = line.substr(
        tab2 + 1, tab3 == std::string_view::npos ? std::string_view::npos : tab3 - tab2 - 1);
    if (headword.empty()) fail("the headword is empty");
    if (headword.size() > limits.max_headword_bytes)
      fail("the headword is longer than " + std::to_string(limits.max_headword_bytes) + " bytes");
    if (!text::is_valid_utf8(headword)) fail("the headword is not UTF-8");
    const auto offset = decode_dictd_number(offset_text);
    if (!offset) fail("the offset '" + std::string(offset_text) + "' is not a dictd number");
    const auto length = decode_dictd_number(length_text);
    if (!length) fail("the length '" + std::string(length_text) + "' is not a dictd number");
    if (*length > limits.max_entry_bytes)
      fail("the entry is longer than " + std::to_string(limits.max_entry_bytes) + " bytes");
    if (*offset > d.data_.size() || *length > d.data_.size() - *offset)
      fail("the entry lies outside " + name_of(data) + " (" + std::to_string(d.data_.size()) +
           " bytes)");
    d.entries_.push_back({std::string(headword), *offset, *length});
  }
  d.by_headword_.resize(d.entries_.size());
  for (size_t i = 0; i < d.by_headword_.size(); ++i) d.by_headword_[i] = i;
  std::stable_sort(d.by_headword_.begin(), d.by_headword_.end(), [&](size_t a, size_t b) {
    return d.entries_[a].headword < d.entries_[b].headword;
  });
  return d;
}

std::string_view DictdDictionary::definition(size_t i) const {
  const Entry& e = entries_.at(i);
  return std::string_view(data_).substr(e.offset, e.length);
}

std::vector<std::string_view> DictdDictionary::lookup(std::string_view headword) const {
  auto first =
      std::lower_bound(by_headword_.begin(), by_headword_.end(), headword,
                       [&](size_t i, std::string_view h) { return entries_[i].headword < h; });
  std::vector<std::string_view> out;
  for (auto it = first; it != by_headword_.end() && entries_[*it].headword == headword; ++it)
    out.push_back(definition(*it));
  return out;
}

}  // namespace lyssna::analysis
