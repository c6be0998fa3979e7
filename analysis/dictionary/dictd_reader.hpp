// Reads a dictionary in the dictd format (what dictfmt writes and Debian's
// dict-* packages install under /usr/share/dictd): an `.index` of lines
// "headword TAB offset TAB length", the numbers in dictd's base64, into a
// data file, plain (`.dict`) or dictzip-compressed (`.dict.dz`, gzip-compatible).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

// A dictionary file that is missing, too large or malformed; the message
// names the file and, for the index, the line.
class DictionaryError : public AnalysisError {
 public:
  using AnalysisError::AnalysisError;
};

// Bounds on what a dictionary may hold, far above the largest FreeDict one
// (fin-eng: 0.8 MB of index, 4.7 MB of data, entries under 4 KB): a damaged
// or hostile file fails instead of filling memory.
struct DictdLimits {
  uintmax_t max_index_bytes = 64u << 20;
  uintmax_t max_data_bytes = 256u << 20;  // after decompression
  size_t max_headword_bytes = 1024;
  uint64_t max_entry_bytes = 1u << 20;
};

class DictdDictionary {
 public:
  // Reads both files whole. Throws DictionaryError for a missing or
  // unreadable file, a file over its limit, an index line that is not three
  // fields, a number that is not dictd base64, an entry outside the data,
  // or a headword that is not UTF-8.
  static DictdDictionary open(const std::filesystem::path& index, const std::filesystem::path& data,
                              const DictdLimits& limits = {});

  // Entries in index order, the dictd metadata ("00databaseinfo", ...) included.
  size_t size() const { return entries_.size(); }
  const std::string& headword(size_t i) const { return entries_[i].headword; }
  std::string_view definition(size_t i) const;
  // The definitions listed under exactly this headword (byte for byte), in index order.
  std::vector<std::string_view> lookup(std::string_view headword) const;

 private:
  struct Entry {
    std::string headword;
    uint64_t offset = 0, length = 0;
  };
  std::string data_;
  std::vector<Entry> entries_;
  std::vector<size_t> by_headword_;  // entry numbers sorted by headword, then index order
};

// dictd's base64 number ("B" = 1, "BA" = 64; digits A-Z a-z 0-9 + /, most
// significant first); nullopt for an empty text, a foreign character or more
// than ten digits (2^60, beyond any file).
std::optional<uint64_t> decode_dictd_number(std::string_view text);

}  // namespace lyssna::analysis
